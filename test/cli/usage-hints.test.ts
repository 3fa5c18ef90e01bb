/**
 * Small things the CLI says: a misspelt `--rule` id gets the rule meant (as the config file's do), and `--diff` on a
 * file outside the working directory names it `a/<absolute path without its leading slash>`, which `patch -p1`
 * run in `/` applies (it used to be `a//...`). `--fix --diff` is `--diff`, and says on stderr that `--fix` is ignored;
 * `--diff` with a machine format says the format is not used. `--fix` with a machine format says on stderr what it
 * fixed, as stylish's summary does. `--max-warnings -1` is ESLint's "no limit".
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const root = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-usage-hints-')));
after(() => rmSync(root, { recursive: true, force: true }));

const TENANT = 'clients:\n  - name: SPA\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: [authorization_code, client_credentials]\n';

describe('usage hints', () => {
  test('--rule with a misspelt id: exit 2, the rule meant named', () => {
    const run = spawnSync(process.execPath, [CLI, '--rule', 'public-client-credential:off', '.'], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown rule id 'public-client-credential' in --rule; did you mean 'public-client-credentials'\?/);
  });

  test('every bad --rule at once: exit 2, one line each, with the id or severity meant (misspelt word, ESLint number)', () => {
    const ids = ['implicit-grant', 'legacy-grant-type', 'public-client-credentials'];
    const severities: [string, string][] = [['warn', 'warning'], ['Error', 'error'], ['info', 'information'], ['0', 'off'], ['1', 'warning'], ['2', 'error'], ['loud', ''], ['7', '']];
    const flags: [string, string][] = [];
    for (const [index, [written, meant]] of severities.entries()) {
      const id = ids[index % ids.length]!;
      flags.push([`${id}:${written}`, `grantlint: --rule ${id}:${written}: the severity must be one of off, hint, information, warning, error${meant ? `; did you mean '${meant}'?` : ''}`]);
    }
    // An unknown id with a good severity, and one with a bad severity too: each problem named.
    const slips = [['implicit-grants:off'], ['legacy-grant:warn']];
    const expected = (chosen: [string, string][]) => chosen.map(([, line]) => line);
    for (let count = 1; count <= flags.length; count += 3) {
      const chosen = flags.slice(0, count);
      const args = [...chosen.flatMap(([flag]) => ['--rule', flag]), '--rule', slips[0]![0]!, '--rule', slips[1]![0]!, '--rule', 'implicit-grant:off', '.'];
      const run = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8' });
      assert.equal(run.status, 2, run.stderr);
      assert.equal(run.stderr, [
        ...expected(chosen),
        "grantlint: unknown rule id 'implicit-grants' in --rule; did you mean 'implicit-grant'?",
        "grantlint: unknown rule id 'legacy-grant' in --rule; did you mean 'legacy-grant-type'?",
        "grantlint: --rule legacy-grant:warn: the severity must be one of off, hint, information, warning, error; did you mean 'warning'?",
        '',
      ].join('\n'));
    }
  });

  test('--fix with --diff, in either order and with --unsafe-fixes: the diff --diff prints, nothing written, and a line saying --fix is ignored', () => {
    const project = join(root, 'fix-and-diff');
    mkdirSync(project);
    const target = join(project, 'tenant.yaml');
    writeFileSync(target, TENANT);
    for (const extra of [[], ['--unsafe-fixes']]) {
      const alone = spawnSync(process.execPath, [CLI, '--diff', ...extra, 'tenant.yaml'], { cwd: project, encoding: 'utf8' });
      assert.equal(alone.status, 1, alone.stderr);
      assert.doesNotMatch(alone.stderr, /--fix is ignored/);
      for (const args of [['--fix', '--diff'], ['--diff', '--fix']]) {
        const run = spawnSync(process.execPath, [CLI, ...args, ...extra, 'tenant.yaml'], { cwd: project, encoding: 'utf8' });
        const name = [...args, ...extra].join(' ');
        assert.equal(run.status, alone.status, name);
        assert.equal(run.stdout, alone.stdout, name);
        assert.equal(run.stderr, `grantlint: --diff writes nothing: --fix is ignored (the diff shows what --fix would write)\n${alone.stderr}`, name);
        assert.equal(readFileSync(target, 'utf8'), TENANT, `${name} writes nothing`);
      }
    }
    const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    assert.match(help.stdout, /With --fix too, --fix\s+is ignored \(a line on stderr says so\) and nothing is written/);
  });

  test('--diff on a file outside the working directory: a/ and b/ before its path without a double slash, and patch -p1 in / applies it', () => {
    const project = join(root, 'project');
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(project);
    mkdirSync(elsewhere);
    writeFileSync(join(project, 'tenant.yaml'), TENANT);
    const target = join(project, 'tenant.yaml');
    const run = spawnSync(process.execPath, [CLI, '--diff', target], { cwd: elsewhere, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    const bare = target.replace(/^\/+/, '');
    assert.match(run.stdout, new RegExp(`^--- a/${bare.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n\\+\\+\\+ b/`, 'm'));
    assert.doesNotMatch(run.stdout, /a\/\//);
    const patch = spawnSync('patch', ['-p1', '--dry-run'], { cwd: '/', input: run.stdout, encoding: 'utf8' });
    assert.equal(patch.status, 0, patch.stdout + patch.stderr);
    assert.equal(readFileSync(target, 'utf8'), TENANT, '--diff writes nothing');
  });
});

const MACHINE_FORMATS = ['json', 'sarif', 'github'] as const;
// A client in each kind of file --fix edits: a safe fix each (a public client's client_credentials grant removed).
const FIXABLE: Record<string, string> = {
  'tenant.yaml': TENANT,
  'clients/SPA.json': '{\n  "name": "SPA",\n  "app_type": "spa",\n  "token_endpoint_auth_method": "none",\n  "grant_types": ["authorization_code", "client_credentials"]\n}\n',
  'infra/main.tf':
    'resource "auth0_client" "spa" {\n  name        = "SPA"\n  app_type    = "spa"\n  grant_types = ["authorization_code", "client_credentials"]\n}\n\nresource "auth0_client_credentials" "spa" {\n  client_id             = auth0_client.spa.id\n  authentication_method = "none"\n}\n',
};

let copies = 0;
/** A fresh copy of `files` under the root, for one run. */
function project(files: Record<string, string>): string {
  const dir = join(root, `p${copies++}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('--fix with a machine format', () => {
  test('stderr says what --fix wrote, as the stylish summary counts it; stdout keeps its shape', () => {
    // Each kind of file alone (json), and all of them in one run (sarif, github: a count of files above one).
    const cases: [string, string[], readonly string[]][] = [...Object.keys(FIXABLE).map((path): [string, string[], readonly string[]] => [path, [path], ['json']]), ['all', ['.'], ['sarif', 'github', 'json']]];
    for (const [name, targets, formats] of cases) {
      const stylish = spawnSync(process.execPath, [CLI, '--fix', '--no-color', ...targets], { cwd: project(FIXABLE), encoding: 'utf8' });
      const summary = /^Fixed (\d+ problems?) in (\d+ files?)\.$/m.exec(stylish.stdout);
      assert.ok(summary, `${name}: ${stylish.stdout}`);
      assert.doesNotMatch(stylish.stderr, /grantlint: fixed/, `${name}: stylish says it once, in its summary`);
      for (const format of formats) {
        const dir = project(FIXABLE);
        const run = spawnSync(process.execPath, [CLI, '--fix', '--format', format, ...targets], { cwd: dir, encoding: 'utf8' });
        assert.equal(run.status, stylish.status, `${name} ${format}: ${run.stderr}`);
        assert.equal(run.stderr.match(/^grantlint: fixed .*$/gm)?.join('\n'), `grantlint: fixed ${summary[1]} in ${summary[2]}`, `${name} ${format}`);
        if (format === 'json') assert.ok(Array.isArray(JSON.parse(run.stdout)), `${name}: the top level stays an array`);
        if (format === 'sarif') assert.equal((JSON.parse(run.stdout) as { version: string }).version, '2.1.0');
        if (format !== 'json') continue;
        // A second run has nothing left to fix, and says nothing about fixing.
        const again = spawnSync(process.execPath, [CLI, '--fix', '--format', format, ...targets], { cwd: dir, encoding: 'utf8' });
        assert.doesNotMatch(again.stderr, /grantlint: fixed/, `${name} ${format}: nothing written the second time`);
      }
    }
  });
});

describe('--diff with a format', () => {
  test('a machine format is not used: one line says so, the diff is the same; stylish (given or not) gets no line', () => {
    const dir = project(FIXABLE);
    const alone = spawnSync(process.execPath, [CLI, '--diff', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(alone.status, 1, alone.stderr);
    assert.doesNotMatch(alone.stderr, /is not used/);
    const stylish = spawnSync(process.execPath, [CLI, '--diff', '--format', 'stylish', '.'], { cwd: dir, encoding: 'utf8' });
    assert.deepEqual([stylish.stdout, stylish.stderr], [alone.stdout, alone.stderr]);
    const unsafe = spawnSync(process.execPath, [CLI, '--diff', '--unsafe-fixes', '.'], { cwd: dir, encoding: 'utf8' });
    // Each format once, in each way of writing the flags.
    const ways = (format: string) => [['--diff', '--format', format], [`--format=${format}`, '--diff'], ['-f', format, '--diff', '--unsafe-fixes']];
    MACHINE_FORMATS.forEach((format, i) => {
      const args = ways(format)[i]!;
      const run = spawnSync(process.execPath, [CLI, ...args, '.'], { cwd: dir, encoding: 'utf8' });
      const base = args.includes('--unsafe-fixes') ? unsafe : alone;
      assert.equal(run.status, base.status, args.join(' '));
      assert.equal(run.stdout, base.stdout, args.join(' '));
      assert.equal(run.stderr, `grantlint: --diff prints a unified diff: --format ${format} is not used\n${base.stderr}`, args.join(' '));
    });
    // With --fix too: both lines, once each.
    const both = spawnSync(process.execPath, [CLI, '--fix', '--diff', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(both.stderr, `grantlint: --diff writes nothing: --fix is ignored (the diff shows what --fix would write)\ngrantlint: --diff prints a unified diff: --format json is not used\n${alone.stderr}`);
    const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    assert.match(help.stdout, /with\s+--format json, sarif or github, the format is not used \(a line says so\)/);
  });
});

describe('--max-warnings', () => {
  // Two findings of implicit-grant (a hint, made a warning below), no error.
  const WARNINGS = 'clients:\n  - name: A\n    app_type: regular_web\n    grant_types: [authorization_code, implicit]\n  - name: B\n    app_type: regular_web\n    grant_types: [authorization_code, implicit]\n';

  test("-1 is ESLint's no limit, written apart or with =; 0 and 1 still limit; other negatives and non-numbers are named", () => {
    const dir = project({ 'tenant.yaml': WARNINGS });
    const exit = (args: readonly string[]) => spawnSync(process.execPath, [CLI, '--rule', 'implicit-grant:warning', ...args, 'tenant.yaml'], { cwd: dir, encoding: 'utf8' });
    const none = exit([]);
    assert.equal(none.status, 0, none.stderr);
    for (const args of [['--max-warnings', '-1'], ['--max-warnings=-1'], ['--quiet', '--max-warnings', '-1']]) {
      const run = exit(args);
      assert.equal(run.status, 0, `${args.join(' ')}: ${run.stderr}`);
      assert.equal(run.stderr, '', args.join(' '));
    }
    assert.equal(exit(['--max-warnings', '1']).status, 1);
    assert.equal(exit(['--max-warnings=2']).status, 0);
    for (const [bad, args] of [['-2', ['--max-warnings', '-2']], ['-10', ['--max-warnings=-10']], ['1.5', ['--max-warnings', '1.5']], ['-1.5', ['--max-warnings', '-1.5']], ['x', ['--max-warnings=x']]] as const) {
      const run = exit(args);
      assert.equal(run.status, 2, args.join(' '));
      assert.equal(run.stderr, `grantlint: --max-warnings needs a whole number, or -1 for no limit, got '${bad}'\n`, args.join(' '));
    }
    // --max-file-size's own message for a negative size, not node's "ambiguous".
    assert.equal(exit(['--max-file-size', '-5']).stderr, "grantlint: --max-file-size needs a whole number of bytes, at least 1, got '-5'\n");
    // After --, a -1 is a path.
    const path = spawnSync(process.execPath, [CLI, '--max-warnings', '0', '--', '-1'], { cwd: dir, encoding: 'utf8' });
    assert.equal(path.status, 2);
    assert.equal(path.stderr, "grantlint: no such file or folder: '-1'\n");
    const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    assert.match(help.stdout, /--max-warnings <n> {5}exit 1 when there are more than n warnings; -1 \(as in ESLint\) sets no\s+limit/);
  });
});
