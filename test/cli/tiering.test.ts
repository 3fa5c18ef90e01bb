/**
 * The CLI sets V8's interrupt budget for its one short run (cli/tiering.ts). V8 writes an error line to stderr for
 * a flag it does not know, so the flag is only set on V8 versions known to have it, and the running Node must take
 * it without a word; the CLI's stderr stays its own.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { interruptBudgetFlag } from '../../server/src/cli/tiering';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

test('the flag is set on the V8 majors it was measured on, never on an unknown or unreadable version', () => {
  for (const version of ['10.2.154.26-node.36', '11.3.244.8-node.38', '12.4.254.21-node.24', '13.6.233.10-node.18']) {
    assert.match(interruptBudgetFlag(version) ?? '', /^--interrupt-budget=\d+$/, version);
  }
  for (const version of ['9.4.146.26', '14.0.1', '', 'unknown']) assert.equal(interruptBudgetFlag(version), undefined, version);
});

test('the running V8 takes the flag silently', () => {
  const flag = interruptBudgetFlag(process.versions.v8);
  assert.ok(flag, `Node ${process.version} (V8 ${process.versions.v8}) is a supported Node and gets the flag`);
  const run = spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString(${JSON.stringify(flag)})`], { encoding: 'utf8', timeout: 10_000 });
  assert.equal(run.status, 0);
  assert.equal(run.stderr, '');
});

const work = mkdtempSync(join(tmpdir(), 'grantlint-tiering-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('a clean run of the CLI writes nothing to stderr', () => {
  const file = join(work, 'tenant.yaml');
  writeFileSync(file, 'clients:\n  - name: Web\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: [authorization_code, refresh_token]\n');
  const run = spawnSync(process.execPath, [CLI, file], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0, run.stdout);
});
