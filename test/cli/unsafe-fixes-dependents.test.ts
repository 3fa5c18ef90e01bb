/**
 * `--fix --unsafe-fixes` holds back an unsafe fix that would break what another file of the project holds: a
 * deploy-cli directory's `grants/*.json` is judged by its client in `clients/`, so setting a native app or SPA's
 * method to `none` (the preferred fix of `public-app-type-without-none`, which drops `client_credentials` in the
 * same edit) would give its client grant a new `client-grant-without-client-credentials` warning. Generated
 * directories of such clients, each with or without a client grant, run on the directory and on the client files
 * alone (as a pre-commit hook passes them): no client grant gains a warning, every client without one is fixed,
 * and the summary's count of what `--unsafe-fixes` would fix agrees with what it does.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';

interface Client {
  readonly appType: 'spa' | 'native';
  readonly grants: readonly string[];
  /** A client grant for it in `grants/`. */
  readonly granted: boolean;
}

const clientArb: fc.Arbitrary<Client> = fc.record({
  appType: fc.constantFrom('spa' as const, 'native' as const),
  grants: fc.constantFrom(['client_credentials'], ['authorization_code', 'client_credentials'], ['authorization_code', 'refresh_token', 'client_credentials']),
  granted: fc.boolean(),
});

function writeTenant(dir: string, clients: readonly Client[]): void {
  mkdirSync(join(dir, 'clients'), { recursive: true });
  mkdirSync(join(dir, 'grants'), { recursive: true });
  clients.forEach((client, i) => {
    writeFileSync(join(dir, 'clients', `App ${i}.json`), `${JSON.stringify({ name: `App ${i}`, app_type: client.appType, grant_types: client.grants }, null, 2)}\n`);
    if (client.granted) writeFileSync(join(dir, 'grants', `App ${i}-API.json`), `${JSON.stringify({ client_id: `App ${i}`, audience: 'https://api.example.com/', scope: ['read:data'] }, null, 2)}\n`);
  });
}

interface JsonFinding {
  readonly file: string;
  readonly ruleId: string;
  readonly severity: string;
}

async function findings(dir: string): Promise<JsonFinding[]> {
  const out = await run(['--format', 'json', dir], dir);
  return JSON.parse([...out.stdout].join('')) as JsonFinding[];
}

const grantWarnings = (list: readonly JsonFinding[]): number => list.filter((f) => f.ruleId === 'client-grant-without-client-credentials').length;

test('--fix --unsafe-fixes gives no client grant of another file a new warning, and still fixes the clients without one', async () => {
  const cases = fc.sample(fc.array(clientArb, { minLength: 1, maxLength: 5 }), { numRuns: 24 });
  // Both kinds at least once, whatever the sample.
  cases.push([{ appType: 'native', grants: ['authorization_code', 'refresh_token', 'client_credentials'], granted: true }, { appType: 'spa', grants: ['client_credentials'], granted: false }]);
  let held = 0;
  let fixed = 0;
  for (const [i, clients] of cases.entries()) {
    const root = mkdtempSync(join(tmpdir(), 'grantlint-dependents-'));
    try {
      const dir = join(root, 'tenant');
      writeTenant(dir, clients);
      const before = await findings(dir);
      // Alternate: the whole directory, or the client files alone (a pre-commit hook's staged files).
      const targets = i % 2 === 0 ? [dir] : readdirSync(join(dir, 'clients')).map((name) => join(dir, 'clients', name));
      const summary = await run(targets, dir);
      const promised = /(\d+) more problems? can be fixed with --fix --unsafe-fixes/.exec(summary.stdout ? [...summary.stdout].join('') : '');
      const out = await run(['--fix', '--unsafe-fixes', ...targets], dir);
      assert.notEqual(out.exitCode, 2, out.stderr);
      const after = await findings(dir);
      assert.equal(grantWarnings(after), grantWarnings(before), `a client grant gained a warning:\n${JSON.stringify(clients)}\n${JSON.stringify(after, null, 1)}`);
      clients.forEach((client, n) => {
        const written = JSON.parse(readFileSync(join(dir, 'clients', `App ${n}.json`), 'utf8')) as Record<string, unknown>;
        if (client.granted) {
          assert.deepEqual(written['grant_types'], client.grants, `App ${n}, with a client grant, keeps its grants`);
          assert.equal(written['token_endpoint_auth_method'], undefined, `App ${n}: its unsafe fix is held`);
          held++;
        } else if (client.grants.length > 1) {
          assert.equal(written['token_endpoint_auth_method'], 'none', `App ${n}, without a client grant, is fixed`);
          fixed++;
        }
        // A client holding client_credentials alone keeps it: dropping it would empty its list, a new warning in
        // its own file, which fix all holds back by itself.
      });
      // What the summary said --unsafe-fixes would fix is what it fixed.
      const fixedCount = before.filter((f) => f.ruleId === 'public-app-type-without-none').length - after.filter((f) => f.ruleId === 'public-app-type-without-none').length;
      assert.equal(Number(promised?.[1] ?? 0), fixedCount, `summary: ${[...summary.stdout].join('')}`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  assert.ok(held > 5 && fixed > 5, `held ${held}, fixed ${fixed}`);
});
