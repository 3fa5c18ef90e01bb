/**
 * Small things the CLI says: a misspelt `--rule` id gets the rule meant (as the config file's do), and `--diff` on a
 * file outside the working directory names it `a/<absolute path without its leading slash>`, which `patch -p1`
 * run in `/` applies (it used to be `a//...`).
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
