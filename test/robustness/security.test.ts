/**
 * SECURITY.md's promises, tested: the CLI and the language server make no network requests (every Node network
 * function throws in a preloaded script, and the results are the same as without it); nothing in a workspace is
 * executed; `--fix` writes only the files it linted, atomically, never through a symbolic link out of the tree it
 * walks, and never over a file that changed after it was read.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { FileChangedError, writeFileAtomically } from '../../server/src/cli/files';
import { languageOf, LspProcess } from './lsp-client';

const REPO = join(__dirname, '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');
const NO_NETWORK = join(__dirname, 'no-network.cjs');
const CHANGE_BEFORE_WRITE = join(__dirname, 'change-before-write.cjs');

const work = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-security-')));
after(() => rmSync(work, { recursive: true, force: true }));

function cli(args: readonly string[], cwd: string, nodeArgs: readonly string[] = [], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [...nodeArgs, CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

function write(root: string, rel: string, text: string): string {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

const FIXABLE = '{\n  "name": "Partner",\n  "app_type": "spa",\n  "token_endpoint_auth_method": "none",\n  "grant_types": ["authorization_code", "client_credentials"]\n}\n';
const FIXED = '{\n  "name": "Partner",\n  "app_type": "spa",\n  "token_endpoint_auth_method": "none",\n  "grant_types": ["authorization_code"]\n}\n';

describe('no network', () => {
  test('the CLI lints the examples with every network function throwing, with the same result, and tries none', () => {
    const log = join(work, 'cli-network.log');
    const plain = cli(['--format', 'json', 'examples'], REPO);
    const guarded = cli(['--format', 'json', 'examples'], REPO, ['--require', NO_NETWORK], { GRANTLINT_NETWORK_LOG: log });
    assert.equal(guarded.stderr, plain.stderr);
    assert.equal(guarded.status, plain.status);
    assert.equal(guarded.stdout, plain.stdout);
    assert.ok(JSON.parse(plain.stdout).length > 20, 'the examples have findings');
    assert.equal(existsSync(log) ? readFileSync(log, 'utf8') : '', '', 'nothing tried to connect');
  });

  test('the language server lints the examples with every network function throwing, with the same diagnostics, and tries none', { timeout: 120_000 }, async () => {
    const log = join(work, 'lsp-network.log');
    const files = filesUnder(join(REPO, 'examples')).filter((f) => /\.(json|ya?ml)$/.test(f));
    const diagnosticsOf = async (nodeArgs: readonly string[]) => {
      const server = await LspProcess.start({ workspace: join(REPO, 'examples'), nodeArgs, env: { ...process.env, GRANTLINT_NETWORK_LOG: log } });
      try {
        const out: Record<string, unknown> = {};
        for (const file of files) {
          const uri = pathToFileURL(file).href;
          await server.open(uri, languageOf(file), readFileSync(file, 'utf8'));
          out[relative(REPO, file)] = (await server.diagnostics(uri)).map((d) => [d.code, d.severity, d.range, d.message]);
        }
        return out;
      } finally {
        await server.stop();
      }
    };
    const plain = await diagnosticsOf([]);
    const guarded = await diagnosticsOf(['--require', NO_NETWORK]);
    assert.deepEqual(guarded, plain);
    assert.ok(Object.values(plain).some((d) => (d as unknown[]).length > 0), 'the examples have diagnostics');
    assert.equal(existsSync(log) ? readFileSync(log, 'utf8') : '', '', 'nothing tried to connect');
  });
});

describe('nothing in the workspace is executed', () => {
  test('a .grantlintrc.js or .grantlintrc.cjs is never loaded; the JSON config is data only', () => {
    const root = join(work, 'exec');
    const marker = join(root, 'EXECUTED');
    const payload = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'yes'); module.exports = { rules: {} };\n`;
    write(root, '.grantlintrc.js', payload);
    write(root, '.grantlintrc.cjs', payload);
    write(root, 'clients/App.json', FIXABLE);
    const run = cli(['--format', 'json', '.'], root);
    assert.equal(run.status, 1, run.stderr);
    assert.ok(!existsSync(marker), 'the script never ran');
    write(root, '.grantlintrc.json', `{ "rules": { "public-client-credentials": "off" }, "legacyTenant": (function () { return true; })() }`);
    const config = cli(['.'], root);
    assert.equal(config.status, 2);
    assert.match(config.stderr, /^grantlint: .*\.grantlintrc\.json: 1:\d+: JSON syntax error/m);
    assert.ok(!existsSync(marker));
  });
});

describe('--fix writes only what it linted', () => {
  test('symbolic links out of the walked tree are neither read nor written; links inside it are kept', () => {
    const root = join(work, 'links');
    const outside = join(root, 'outside');
    const tree = join(root, 'tree');
    const secret = write(outside, 'clients/Secret.json', FIXABLE);
    write(outside, 'more/clients/Other.json', FIXABLE);
    const own = write(tree, 'clients/Own.json', FIXABLE);
    const target = write(tree, 'shared/clients/Shared.json', FIXABLE);
    symlinkSync(secret, join(tree, 'clients', 'Link.json'));
    symlinkSync(join(outside, 'more'), join(tree, 'linked-folder'));
    mkdirSync(join(tree, 'alias', 'clients'), { recursive: true });
    symlinkSync(target, join(tree, 'alias', 'clients', 'Shared.json'));
    const before = lstatSync(secret).mtimeMs;

    const report = cli(['--format', 'json', '.'], tree);
    // Each link out of the tree is named as skipped, with where it leads (shown from the working directory).
    assert.equal(
      report.stderr,
      `grantlint: skipped 'clients/Link.json': a symbolic link to '${realpathSync(secret)}', outside the folder walked (links are followed only inside it)\n` +
        `grantlint: skipped 'linked-folder': a symbolic link to '${realpathSync(join(outside, 'more'))}', outside the folder walked (links are followed only inside it)\n` +
        `grantlint: 'alias/clients/Shared.json' is a symbolic link to 'shared/clients/Shared.json': linted once, reported as 'alias/clients/Shared.json'\n`,
    );
    const files = (JSON.parse(report.stdout) as { file: string }[]).map((f) => f.file);
    assert.deepEqual([...new Set(files)].sort(), ['alias/clients/Shared.json', 'clients/Own.json'], 'outside files are not read; a file reached twice is linted once');

    const fix = cli(['--fix', '.'], tree);
    assert.equal(fix.status, 0, fix.stderr);
    assert.equal(readFileSync(own, 'utf8'), FIXED);
    assert.equal(readFileSync(target, 'utf8'), FIXED, 'a link inside the tree: its target is fixed');
    assert.ok(lstatSync(join(tree, 'alias', 'clients', 'Shared.json')).isSymbolicLink(), 'and the link is still a link');
    assert.equal(readFileSync(secret, 'utf8'), FIXABLE, 'the file outside is untouched');
    assert.equal(readFileSync(join(outside, 'more', 'clients', 'Other.json'), 'utf8'), FIXABLE);
    assert.equal(lstatSync(secret).mtimeMs, before);
    assert.ok(lstatSync(join(tree, 'clients', 'Link.json')).isSymbolicLink());
    assert.deepEqual(readdirSync(join(tree, 'clients')).sort(), ['Link.json', 'Own.json'], 'no temporary files are left');
  });

  for (const [when, read] of [
    ['before the check', 1],
    ['between the check and the rename', 2],
  ] as const) {
    test(`a file saved by someone else ${when} is not overwritten`, () => {
      const root = join(work, `changed-${read}`);
      const file = write(root, 'clients/App.json', FIXABLE);
      const run = cli(['--fix', '.'], root, ['--require', CHANGE_BEFORE_WRITE], { GRANTLINT_CHANGE_FILE: file, GRANTLINT_CHANGE_ON_READ: String(read) });
      assert.equal(run.status, 2);
      assert.equal(run.stderr, "grantlint: did not fix 'clients/App.json': it changed while being fixed\n");
      assert.equal(readFileSync(file, 'utf8'), `${FIXABLE}\n# saved by an editor meanwhile\n`, "the other writer's content stays");
      assert.deepEqual(readdirSync(join(root, 'clients')), ['App.json'], 'no temporary file is left');
    });
  }

  test('writes are atomic and keep the file mode', () => {
    const root = join(work, 'atomic');
    const file = write(root, 'App.json', FIXABLE);
    const mode = 0o640;
    chmodSync(file, mode);
    writeFileAtomically(file, FIXED, FIXABLE);
    assert.equal(readFileSync(file, 'utf8'), FIXED);
    assert.equal(statSync(file).mode & 0o777, mode);
    assert.throws(() => writeFileAtomically(file, FIXABLE, FIXABLE), FileChangedError);
    assert.equal(readFileSync(file, 'utf8'), FIXED);
    assert.deepEqual(readdirSync(root), ['App.json']);
  });
});
