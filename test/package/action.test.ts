/**
 * The composite GitHub Action (action.yml), run as a runner runs it: its steps in order, `${{ inputs.x }}` and
 * `${{ github.action_path }}` substituted, each `run:` under `bash --noprofile --norc -eo pipefail` with
 * GITHUB_ACTION_PATH and GITHUB_OUTPUT set, a failing step failing the job and skipping the steps after it. The
 * action's checkout is a fresh copy of the repository (its build step builds dist/ there). `uses:` steps (the SARIF
 * upload) cannot run here: they are recorded, and their input file checked.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { CLEAN_CLIENT_JSON, TENANT_YAML } from '../lsp/fixtures';
import { copySourceTree, npm, NPM_ENV, REPO, writeTree } from './source-tree';

interface Step {
  name?: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parseYaml(readFileSync(join(REPO, 'action.yml'), 'utf8')) as Action;

let actionPath: string;
let work: string;
before(() => {
  actionPath = copySourceTree('grantlint-action-');
  work = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-action-work-')));
});
after(() => {
  for (const dir of [actionPath, work]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `${{ ... }}` as GitHub substitutes it, for the expressions this action uses. */
function expression(source: string, inputs: Record<string, string>): string {
  const text = source.trim();
  const input = /^inputs\.([\w-]+)$/.exec(text);
  if (input) return inputs[input[1]!] ?? '';
  if (text === 'github.action_path') return actionPath;
  throw new Error(`expression not understood by this test: ${text}`);
}

function substitute(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, inner: string) => expression(inner, inputs));
}

/** An `if:` of the forms this action uses: `inputs.x == 'v'` or `inputs.x != 'v'`. */
function condition(source: string | undefined, inputs: Record<string, string>): boolean {
  if (source === undefined) return true;
  const match = /^\s*(?:\$\{\{)?\s*inputs\.([\w-]+)\s*(==|!=)\s*'([^']*)'\s*(?:\}\})?\s*$/.exec(source);
  if (!match) throw new Error(`condition not understood by this test: ${source}`);
  const equal = (inputs[match[1]!] ?? '') === match[3];
  return match[2] === '==' ? equal : !equal;
}

interface JobResult {
  passed: boolean;
  output: string;
  ran: string[];
  used: Step[];
}

/** Runs a step's script; resolves with its exit code and output (the event loop stays free meanwhile). */
function runScript(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

/** Runs the action's steps in `workspace` with these inputs (the rest from their defaults). */
async function runAction(workspace: string, given: Record<string, string>, extraEnv: NodeJS.ProcessEnv = {}): Promise<JobResult> {
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) inputs[name] = given[name] ?? spec.default ?? '';
  let output = '';
  const ran: string[] = [];
  const used: Step[] = [];
  for (const [index, step] of action.runs.steps.entries()) {
    if (!condition(step.if, inputs)) continue;
    const name = step.name ?? `step ${index}`;
    if (step.uses) {
      used.push({ ...step, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, substitute(String(v), inputs)])) });
      ran.push(name);
      continue;
    }
    assert.equal(step.shell, 'bash', `${name}: composite run steps need a shell`);
    const script = join(work, `step-${index}.sh`);
    writeFileSync(script, substitute(step.run ?? '', inputs));
    const githubOutput = join(work, `output-${index}`);
    writeFileSync(githubOutput, '');
    const env: NodeJS.ProcessEnv = { ...NPM_ENV, ...extraEnv, GITHUB_ACTION_PATH: actionPath, GITHUB_OUTPUT: githubOutput, GITHUB_WORKSPACE: workspace, GITHUB_ACTIONS: 'true' };
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = substitute(String(value), inputs);
    const cwd = step['working-directory'] ? substitute(step['working-directory'], inputs) : workspace;
    const result = await runScript(script, cwd, env);
    output += result.output;
    ran.push(name);
    if (result.status !== 0) return { passed: false, output, ran, used };
  }
  return { passed: true, output, ran, used };
}

function workspaceWith(name: string, files: Record<string, string>): string {
  return writeTree(join(work, name), files);
}

describe('the GitHub Action', () => {
  test('is a composite action with the documented inputs and defaults', () => {
    assert.equal(action.runs.using, 'composite');
    assert.equal(action.inputs['paths']?.default, '.');
    assert.equal(action.inputs['format']?.default, 'github');
    assert.equal(action.inputs['version']?.default, '');
    assert.equal(action.inputs['sarif']?.default, 'false');
    for (const step of action.runs.steps) assert.ok(!/\|\|\s*true/.test(step.run ?? ''), `${step.name}: no '|| true' swallows a failure`);
  });

  test('fails the job on a folder with errors and prints them as annotations', { timeout: 300_000 }, async () => {
    const workspace = workspaceWith('errors', { 'tenant/tenant.yaml': TENANT_YAML, 'tenant/clients/Clean.json': CLEAN_CLIENT_JSON });
    const job = await runAction(workspace, { paths: 'tenant' });
    assert.equal(job.passed, false, job.output);
    assert.deepEqual(job.ran, ['Build grantlint from the action', 'Lint']);
    assert.match(job.output, /^::error file=tenant\/tenant\.yaml,line=\d+,/m);
    assert.match(job.output, /public-client-credentials/);
  });

  test('passes the job on a clean folder', { timeout: 300_000 }, async () => {
    const workspace = workspaceWith('clean', { 'clients/Clean.json': CLEAN_CLIENT_JSON });
    const job = await runAction(workspace, {});
    assert.equal(job.passed, true, job.output);
    assert.ok(!job.output.includes('::error'), job.output);
  });

  test('fails the job when a path holds nothing to lint, and when a glob matches nothing', { timeout: 300_000 }, async () => {
    const workspace = workspaceWith('nothing', { 'docs/README.md': '# x\n', 'clients/Clean.json': CLEAN_CLIENT_JSON });
    for (const paths of ['docs', 'clients/*.yaml', 'clients docs']) {
      const job = await runAction(workspace, { paths });
      assert.equal(job.passed, false, `${paths}: ${job.output}`);
    }
  });

  test('with sarif: writes grantlint.sarif for the upload step, which runs, and the job still fails on errors', { timeout: 300_000 }, async () => {
    const workspace = workspaceWith('sarif', { 'tenant.yaml': TENANT_YAML });
    const job = await runAction(workspace, { sarif: 'true', paths: 'tenant.yaml' });
    assert.equal(job.passed, false, job.output);
    assert.deepEqual(job.ran, ['Build grantlint from the action', 'Write grantlint.sarif', 'Upload grantlint.sarif', 'Lint']);
    assert.equal(job.used[0]?.uses?.startsWith('github/codeql-action/upload-sarif@'), true);
    const sarifFile = join(workspace, job.used[0]!.with!['sarif_file']!);
    assert.ok(existsSync(sarifFile));
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    assert.ok(sarif.runs[0]!.results.some((r) => r.ruleId === 'public-client-credentials'));
    assert.match(job.output, /::error /);
  });

  test('with sarif on a clean folder: the job passes', { timeout: 300_000 }, async () => {
    const workspace = workspaceWith('sarif-clean', { 'clients/Clean.json': CLEAN_CLIENT_JSON });
    const job = await runAction(workspace, { sarif: 'true' });
    assert.equal(job.passed, true, job.output);
    assert.ok(existsSync(join(workspace, 'grantlint.sarif')));
  });

  test('paths are split on spaces and new lines, and globs reach the CLI unexpanded', { timeout: 300_000 }, async () => {
    const workspace = workspaceWith('globs', { 'a/clients/One.json': CLEAN_CLIENT_JSON, 'b/tenant.yaml': TENANT_YAML });
    const globbed = await runAction(workspace, { paths: 'a\na/**/*.json', format: 'stylish' });
    assert.equal(globbed.passed, true, globbed.output);
    const both = await runAction(workspace, { paths: 'a b' });
    assert.equal(both.passed, false);
    assert.match(both.output, /::error file=b\/tenant\.yaml/);
  });

  test('with version: runs that version with npx from the registry, without building the action', { timeout: 300_000 }, async () => {
    // A registry on this machine that serves the packed tarball as grantlint@<version>, so npx really resolves,
    // downloads and installs it.
    const packed = npm(['pack', '--pack-destination', work], actionPath).trim();
    const tarball = readFileSync(join(work, packed));
    const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(request.url ?? '');
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      if (request.url === '/grantlint') {
        const manifest = JSON.parse(execFileSync('tar', ['-xzOf', join(work, packed), 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
        const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ name: 'grantlint', 'dist-tags': { latest: version }, versions: { [version]: { ...manifest, dist: { tarball: `${base}/grantlint/-/${packed}`, integrity } } } }));
      } else if (request.url === `/grantlint/-/${packed}`) {
        response.setHeader('content-type', 'application/octet-stream');
        response.end(tarball);
      } else {
        response.statusCode = 404;
        response.end('{}');
      }
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const env = { npm_config_offline: 'false', npm_config_registry: registry, npm_config_cache: join(work, 'npm-cache') };
      const workspace = workspaceWith('version', { 'tenant.yaml': TENANT_YAML });
      // The action's checkout has no dist/ here: only npx can run the CLI.
      rmSync(join(actionPath, 'dist'), { recursive: true, force: true });
      const job = await runAction(workspace, { version }, env);
      assert.equal(job.passed, false, job.output);
      assert.deepEqual(job.ran, ['Lint'], 'the action is not built when a version is given');
      assert.match(job.output, /^::error file=tenant\.yaml,line=\d+,/m);
      assert.ok(requests.includes('/grantlint') && requests.includes(`/grantlint/-/${packed}`), `npx fetched the package: ${requests.join(', ')}`);
      const clean = await runAction(workspaceWith('version-clean', { 'clients/Clean.json': CLEAN_CLIENT_JSON }), { version }, env);
      assert.equal(clean.passed, true, clean.output);
    } finally {
      server.close();
    }
  });
});
