/**
 * The npm package as users get it: `npm pack` in a fresh copy of the repository (dist/ is built by prepack), the
 * tarball installed into a new global prefix and a local one, offline (the package has no runtime dependencies),
 * then both installed binaries run on real files. The pre-commit hook is run the way pre-commit runs it.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { CLEAN_CLIENT_JSON, TENANT_YAML } from '../lsp/fixtures';
import { LspProcess } from '../robustness/lsp-client';
import { copySourceTree, npm, NPM_ENV, REPO, writeTree } from './source-tree';

const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

let source: string;
let work: string;
let tarball: string;
let globalPrefix: string;
let localPrefix: string;

before(() => {
  source = copySourceTree('grantlint-pack-src-');
  work = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-pack-')));
  // As pre-commit reads it: stdout is the tarball's name and nothing else (the build's output is captured).
  const packed = npm(['pack', '--pack-destination', work], source).trim();
  assert.equal(packed, `grantlint-${version}.tgz`, 'npm pack prints only the tarball name');
  tarball = join(work, packed);
  globalPrefix = join(work, 'global');
  npm(['install', '--global', '--prefix', globalPrefix, tarball], work);
  localPrefix = join(work, 'local');
  mkdirSync(localPrefix);
  npm(['install', '--prefix', localPrefix, tarball], work);
});

after(() => {
  for (const dir of [source, work]) if (dir) rmSync(dir, { recursive: true, force: true });
});

function project(name: string, files: Record<string, string>): string {
  return writeTree(join(work, name), files);
}

function run(command: string, args: readonly string[], cwd: string) {
  const result = spawnSync(command, [...args], { cwd, encoding: 'utf8', env: NPM_ENV, timeout: 120_000 });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

describe('the packed tarball', () => {
  test('holds the bundles, the binaries and the documents, and nothing else', () => {
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((entry) => entry.replace(/^package\//, ''))
      .sort();
    // The two WebAssembly files read Terraform HCL (tree-sitter's runtime and its HCL grammar).
    assert.deepEqual(listed, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'bin/grantlint',
      'bin/grantlint-language-server',
      'dist/cli.js',
      'dist/server.js',
      'dist/tree-sitter-hcl.wasm',
      'dist/web-tree-sitter.wasm',
      'package.json',
    ]);
  });

  test('its manifest is publishable and names both binaries', () => {
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    assert.equal(manifest['private'], undefined);
    assert.deepEqual(manifest['bin'], { grantlint: 'bin/grantlint', 'grantlint-language-server': 'bin/grantlint-language-server' });
    assert.deepEqual(manifest['dependencies'], undefined, 'no runtime dependencies: everything is bundled');
  });
});

describe('the installed grantlint command', () => {
  const bin = () => join(globalPrefix, 'bin', 'grantlint');

  test('reports errors with exit 1', () => {
    const root = project('errors', { 'tenant.yaml': TENANT_YAML });
    const result = run(bin(), ['tenant.yaml'], root);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /public-client-credentials/);
    assert.match(result.stdout, /tenant\.yaml/);
  });

  test('passes a clean file with exit 0', () => {
    const root = project('clean', { 'clients/Clean.json': CLEAN_CLIENT_JSON });
    const result = run(bin(), ['.'], root);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /1 file checked/);
  });

  test('prints its help and version', () => {
    const help = run(bin(), ['--help'], work);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: grantlint /);
    const shown = run(bin(), ['--version'], work);
    assert.equal(shown.status, 0);
    assert.equal(shown.stdout, `${version}\n`);
  });

  test('runs through npx and npm exec from a local install', () => {
    const root = project('npx', { 'tenant.yaml': TENANT_YAML });
    const viaNpx = run('npx', ['--prefix', localPrefix, 'grantlint', 'tenant.yaml'], root);
    assert.equal(viaNpx.status, 1, viaNpx.stderr);
    assert.match(viaNpx.stdout, /public-client-credentials/);
    const viaExec = run('npm', ['exec', '--prefix', localPrefix, '--', 'grantlint', '--version'], root);
    assert.equal(viaExec.status, 0, viaExec.stderr);
    assert.equal(viaExec.stdout, `${version}\n`);
  });
});

describe('the installed grantlint-language-server command', () => {
  const bin = () => join(globalPrefix, 'bin', 'grantlint-language-server');

  test('serves LSP over --stdio: diagnostics for an opened client config, then a clean shutdown', { timeout: 60_000 }, async () => {
    const root = project('lsp', {});
    const server = await LspProcess.start({ workspace: root, command: [bin(), '--stdio'], settings: { workspaceScan: { enabled: false } } });
    let code: number | null | undefined;
    try {
      const uri = pathToFileURL(join(root, 'tenant.yaml')).href;
      await server.open(uri, 'yaml', TENANT_YAML);
      const diagnostics = await server.diagnostics(uri);
      assert.deepEqual(
        diagnostics.map((d) => d.code),
        ['public-client-credentials', 'legacy-grant-type'],
      );
    } finally {
      code = await server.stop();
    }
    assert.equal(code, 0, `exit code after shutdown and exit (stderr: ${server.stderr.join('')})`);
  });

  test('without a transport, or with a bad one, says so in one line and exits with 2', () => {
    for (const args of [[], ['--stdoi'], ['--socket=http']]) {
      const result = run(bin(), args, work);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^grantlint-language-server: [^\n]+\n$/);
    }
  });
});

interface HookDefinition {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  types?: string[];
  pass_filenames?: boolean;
  args?: string[];
}

/** A Terraform HCL file with an error (a misspelt grant): the hook must read .tf files in the installed package. */
const ERRORS_TF = 'resource "auth0_client" "kiosk" {\n  app_type    = "spa"\n  grant_types = ["implicit", "passwordless_otp"]\n}\n';

function hookDefinition(): HookDefinition {
  const hooks = parseYaml(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as HookDefinition[];
  assert.equal(hooks.length, 1);
  return hooks[0]!;
}

describe('the pre-commit hook', () => {
  const FILES = {
    'tenant.yaml': TENANT_YAML,
    'deploy/tenant.yml': TENANT_YAML,
    'clients/Clean.json': CLEAN_CLIENT_JSON,
    'infra/clients.tf.json': JSON.stringify({ resource: { auth0_client: { web: { name: 'Web', app_type: 'spa', token_endpoint_auth_method: 'none', grant_types: ['client_credentials'] } } } }, null, 2),
    'package.json': '{ "name": "app", "version": "1.0.0" }\n',
    '.github/workflows/ci.yml': 'on: [push]\njobs: {}\n',
    'README.md': '# app\n',
    'main.tf': 'resource "auth0_client" "web" {\n  grant_types = ["authorization_code"]\n}\n',
    'errors.tf': ERRORS_TF,
    'src/index.ts': 'export {};\n',
  };

  test('is a node hook named grantlint whose pattern takes the client-config files and leaves the others', () => {
    const hook = hookDefinition();
    assert.equal(hook.id, 'grantlint');
    assert.equal(hook.language, 'node');
    // The files whose findings depend on the staged ones are checked too (a staged credentials.tf: its client's file).
    assert.equal(hook.entry, 'grantlint --with-dependents');
    assert.ok(hook.name.length > 0);
    assert.notEqual(hook.pass_filenames, false);
    // pre-commit matches with Python's re.search; this pattern uses nothing JavaScript reads differently.
    const matches = new RegExp(hook.files);
    const taken = Object.keys(FILES).filter((file) => matches.test(file));
    assert.deepEqual(taken, ['tenant.yaml', 'deploy/tenant.yml', 'clients/Clean.json', 'infra/clients.tf.json', 'package.json', '.github/workflows/ci.yml', 'main.tf', 'errors.tf']);
  });

  test("entry runs on the files pre-commit passes: errors fail the commit, clean files pass", () => {
    const hook = hookDefinition();
    const matches = new RegExp(hook.files);
    const root = project('hook', FILES);
    const [command, ...entryArgs] = hook.entry.split(' ');
    const bin = join(globalPrefix, 'bin', command!);
    const passed = Object.keys(FILES).filter((file) => matches.test(file));
    const failing = run(bin, [...entryArgs, ...(hook.args ?? []), ...passed], root);
    assert.equal(failing.status, 1, failing.stderr);
    assert.match(failing.stdout, /public-client-credentials/);
    // A Terraform HCL file is read in the installed package (the WebAssembly files ship in dist/).
    assert.match(failing.stdout, /errors\.tf:3:\d+ +error +unknown-grant-type/);
    // The method written on the Terraform client (provider 0.x reads it there, v1 rejects it) is read and named.
    assert.match(failing.stderr, /^grantlint: infra\/clients\.tf\.json:\d+:\d+: token_endpoint_auth_method is read as the auth method .*auth0_client_credentials\n$/);
    // main.tf shares its module (the folder) with errors.tf, whose findings depend on it: checked with it, so left out.
    const clean = passed.filter((file) => !/tenant\.ya?ml$|\.tf\.json$|errors\.tf$|^main\.tf$/.test(file));
    const withModule = run(bin, [...entryArgs, ...(hook.args ?? []), 'main.tf'], root);
    assert.equal(withModule.status, 1, withModule.stdout + withModule.stderr);
    assert.match(withModule.stdout, /errors\.tf:3:\d+ +error +unknown-grant-type/);
    const passing = run(bin, [...entryArgs, ...(hook.args ?? []), ...clean], root);
    assert.equal(passing.status, 0, passing.stdout + passing.stderr);
    // Only a credentials file staged, which makes its module's machine-to-machine client public: the client's file,
    // not staged, fails the commit.
    const module = project('hook-module', {
      'infra/main.tf': 'resource "auth0_client" "ingest" {\n  app_type    = "non_interactive"\n  grant_types = ["client_credentials"]\n}\n',
      'infra/credentials.tf': 'resource "auth0_client_credentials" "ingest" {\n  client_id             = auth0_client.ingest.id\n  authentication_method = "none"\n}\n',
    });
    const sibling = run(bin, [...entryArgs, ...(hook.args ?? []), 'infra/credentials.tf'], module);
    assert.equal(sibling.status, 1, sibling.stdout + sibling.stderr);
    assert.match(sibling.stdout, /infra\/main\.tf:3:\d+ +error +public-client-credentials/);
  });

  const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  const note = preCommit.status === 0 ? '' : ' (pre-commit is not installed here: SKIPPED, see the note printed)';
  test(`pre-commit itself installs the hook from a clone and runs it${note}`, { timeout: 600_000 }, (t) => {
    if (preCommit.status !== 0) {
      t.diagnostic('pre-commit is not installed on this machine; install it (e.g. apt-get install pre-commit) to run this check');
      return;
    }
    // The hook's repository: a git repository of the source copy, as a user's clone of a tag would be.
    const git = (args: readonly string[], cwd: string) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' });
    const hookRepo = join(work, 'hook-repo');
    execFileSync('cp', ['-r', source, hookRepo]);
    rmSync(join(hookRepo, 'node_modules'), { force: true });
    rmSync(join(hookRepo, 'dist'), { recursive: true, force: true });
    git(['init', '-q'], hookRepo);
    git(['add', '-A'], hookRepo);
    git(['commit', '-q', '-m', 'hook'], hookRepo);
    const rev = git(['rev-parse', 'HEAD'], hookRepo).trim();

    const user = project('pre-commit-user', { 'tenant.yaml': TENANT_YAML, 'infra/errors.tf': ERRORS_TF, 'clients/Clean.json': CLEAN_CLIENT_JSON, 'README.md': '# x\n' });
    writeFileSync(join(user, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: grantlint\n`);
    git(['init', '-q'], user);
    git(['add', '-A'], user);
    const env = { ...NPM_ENV, PRE_COMMIT_HOME: join(work, 'pre-commit-home') };
    const failing = spawnSync('pre-commit', ['run', '--all-files'], { cwd: user, env, encoding: 'utf8', timeout: 540_000 });
    assert.equal(failing.status, 1, failing.stdout + failing.stderr);
    assert.match(failing.stdout, /grantlint\.+Failed/);
    assert.match(failing.stdout, /public-client-credentials/);
    // A Terraform HCL file is read in the installed package (the WebAssembly files ship in dist/).
    assert.match(failing.stdout, /infra\/errors\.tf:3:\d+ +error +unknown-grant-type/);
    rmSync(join(user, 'tenant.yaml'));
    rmSync(join(user, 'infra', 'errors.tf'));
    git(['add', '-A'], user);
    const passing = spawnSync('pre-commit', ['run', '--all-files'], { cwd: user, env, encoding: 'utf8', timeout: 120_000 });
    assert.equal(passing.status, 0, passing.stdout + passing.stderr);
    assert.match(passing.stdout, /grantlint\.+Passed/);
    assert.ok(existsSync(join(work, 'pre-commit-home')));
  });
});
