/**
 * Small things the CLI says: a misspelt `--rule` id gets the rule meant (as the config file's do), and `--diff` on a
 * file outside the working directory names it `a/<absolute path without its leading slash>`, which `patch -p1`
 * run in `/` applies (it used to be `a//...`). `--fix --diff` is `--diff`, and says on stderr that `--fix` is ignored.
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
