/**
 * The composite GitHub Action (action.yml), run as a runner runs it: its steps in order, `${{ inputs.x }}` and
 * `${{ github.action_path }}` substituted, each `run:` under `bash --noprofile --norc -eo pipefail` with
 * GITHUB_ACTION_PATH and GITHUB_OUTPUT set, a failing step failing the job and skipping the steps after it. The
 * action's checkout is a fresh copy of the repository (its build step builds dist/ there). `uses:` steps (the SARIF
 * upload) cannot run here: they are recorded, and their input file checked.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { CLEAN_CLIENT_JSON, TENANT_YAML } from '../lsp/fixtures';
import { copySourceTree, NPM_ENV, REPO } from './source-tree';

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

/** Runs the action's steps in `workspace` with these inputs (the rest from their defaults). */
function runAction(workspace: string, given: Record<string, string>): JobResult {
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
    const env: NodeJS.ProcessEnv = { ...NPM_ENV, GITHUB_ACTION_PATH: actionPath, GITHUB_OUTPUT: githubOutput, GITHUB_WORKSPACE: workspace, GITHUB_ACTIONS: 'true' };
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = substitute(String(value), inputs);
    const cwd = step['working-directory'] ? substitute(step['working-directory'], inputs) : workspace;
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8', timeout: 300_000 });
    output += result.stdout + result.stderr;
    ran.push(name);
    if (result.status !== 0) return { passed: false, output, ran, used };
  }
  return { passed: true, output, ran, used };
}

function workspaceWith(name: string, files: Record<string, string>): string {
  const root = join(work, name);
  mkdirSync(root, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
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

  test('fails the job on a folder with errors and prints them as annotations', { timeout: 300_000 }, () => {
    const workspace = workspaceWith('errors', { 'tenant/tenant.yaml': TENANT_YAML, 'tenant/clients/Clean.json': CLEAN_CLIENT_JSON });
    const job = runAction(workspace, { paths: 'tenant' });
    assert.equal(job.passed, false, job.output);
    assert.deepEqual(job.ran, ['Build grantlint from the action', 'Lint']);
    assert.match(job.output, /^::error file=tenant\/tenant\.yaml,line=\d+,/m);
    assert.match(job.output, /public-client-credentials/);
  });

  test('passes the job on a clean folder', { timeout: 300_000 }, () => {
    const workspace = workspaceWith('clean', { 'clients/Clean.json': CLEAN_CLIENT_JSON });
    const job = runAction(workspace, {});
    assert.equal(job.passed, true, job.output);
    assert.ok(!job.output.includes('::error'), job.output);
  });

  test('fails the job when a path holds nothing to lint, and when a glob matches nothing', { timeout: 300_000 }, () => {
    const workspace = workspaceWith('nothing', { 'docs/README.md': '# x\n', 'clients/Clean.json': CLEAN_CLIENT_JSON });
    for (const paths of ['docs', 'clients/*.yaml', 'clients docs']) {
      const job = runAction(workspace, { paths });
      assert.equal(job.passed, false, `${paths}: ${job.output}`);
    }
  });

  test('with sarif: writes grantlint.sarif for the upload step, which runs, and the job still fails on errors', { timeout: 300_000 }, () => {
    const workspace = workspaceWith('sarif', { 'tenant.yaml': TENANT_YAML });
    const job = runAction(workspace, { sarif: 'true', paths: 'tenant.yaml' });
    assert.equal(job.passed, false, job.output);
    assert.deepEqual(job.ran, ['Build grantlint from the action', 'Write grantlint.sarif', 'Upload grantlint.sarif', 'Lint']);
    assert.equal(job.used[0]?.uses?.startsWith('github/codeql-action/upload-sarif@'), true);
    const sarifFile = join(workspace, job.used[0]!.with!['sarif_file']!);
    assert.ok(existsSync(sarifFile));
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    assert.ok(sarif.runs[0]!.results.some((r) => r.ruleId === 'public-client-credentials'));
    assert.match(job.output, /::error /);
  });

  test('with sarif on a clean folder: the job passes', { timeout: 300_000 }, () => {
    const workspace = workspaceWith('sarif-clean', { 'clients/Clean.json': CLEAN_CLIENT_JSON });
    const job = runAction(workspace, { sarif: 'true' });
    assert.equal(job.passed, true, job.output);
    assert.ok(existsSync(join(workspace, 'grantlint.sarif')));
  });

  test('paths are split on spaces and new lines, and globs reach the CLI unexpanded', { timeout: 300_000 }, () => {
    const workspace = workspaceWith('globs', { 'a/clients/One.json': CLEAN_CLIENT_JSON, 'b/tenant.yaml': TENANT_YAML });
    const globbed = runAction(workspace, { paths: 'a\na/**/*.json', format: 'stylish' });
    assert.equal(globbed.passed, true, globbed.output);
    const both = runAction(workspace, { paths: 'a b' });
    assert.equal(both.passed, false);
    assert.match(both.output, /::error file=b\/tenant\.yaml/);
  });
});
