/**
 * After `--fix`, the stylish summary says how many errors and warnings are left with no fix at all (`2 errors and
 * 1 warning have no fix: their rule pages say what to change by hand.`), as many as a json lint of the fixed files
 * lists as not `fixable`; a run without `--fix` does not say it. Generated deploy-cli directories: clients whose
 * findings `--fix` clears (a legacy grant), public clients with client grants (no fix), third-party clients granted
 * the Management API in `grants/*.json` (no fix: it would delete the file), and clean machine-to-machine clients.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';

type Kind = 'legacy' | 'public-granted' | 'third-party-system-api' | 'clean';

function writeDirectory(dir: string, kinds: readonly Kind[]): void {
  mkdirSync(join(dir, 'clients'));
  mkdirSync(join(dir, 'grants'));
  kinds.forEach((kind, i) => {
    const name = `App ${i}`;
    const client =
      kind === 'legacy'
        ? { name, app_type: 'non_interactive', grant_types: ['client_credentials', 'http://auth0.com/oauth/legacy/grant-type/ro'] }
        : kind === 'public-granted'
          ? { name, app_type: 'spa', token_endpoint_auth_method: 'none', grant_types: ['authorization_code'] }
          : kind === 'third-party-system-api'
            ? { name, app_type: 'non_interactive', is_first_party: false, grant_types: ['client_credentials'] }
            : { name, app_type: 'non_interactive', grant_types: ['client_credentials'] };
    writeFileSync(join(dir, 'clients', `${name}.json`), `${JSON.stringify(client, null, 2)}\n`);
    if (kind === 'public-granted' || kind === 'third-party-system-api') {
      const audience = kind === 'public-granted' ? 'https://api.example.com/' : 'https://example.auth0.com/api/v2/';
      writeFileSync(join(dir, 'grants', `${name}.json`), `${JSON.stringify({ client_id: name, audience, scope: ['read:data'] }, null, 2)}\n`);
    }
  });
}

const LEFT = /^(?:(\d+) errors?)?(?: and )?(?:(\d+) warnings?)? ha(?:s|ve) no fix: (?:its rule's page says|their rule pages say) what to change by hand\.$/m;

test('after --fix, the summary counts the errors and warnings left with no fix, as json lists them; without --fix it says nothing of it', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.constantFrom<Kind>('legacy', 'public-granted', 'third-party-system-api', 'clean'), { minLength: 1, maxLength: 6 }), async (kinds) => {
      const dir = mkdtempSync(join(tmpdir(), 'grantlint-left-'));
      try {
        writeDirectory(dir, kinds);
        const plain = [...(await run(['.'], dir)).stdout].join('');
        assert.doesNotMatch(plain, /have no fix|has no fix/);
        const fixed = [...(await run(['--fix', '.'], dir)).stdout].join('');
        const json = JSON.parse([...(await run(['--format', 'json', '.'], dir)).stdout].join('')) as { ruleId: string | null; severity: string; fixable: boolean }[];
        const leftOf = (severity: string) => json.filter((f) => f.ruleId !== null && f.severity === severity && !f.fixable).length;
        const left = leftOf('error') + leftOf('warning');
        assert.ok(left >= kinds.filter((kind) => kind === 'public-granted' || kind === 'third-party-system-api').length, JSON.stringify(json));
        const said = LEFT.exec(fixed);
        if (left === 0) assert.equal(said, null, fixed);
        else {
          assert.ok(said, fixed);
          assert.deepEqual([Number(said[1] ?? 0), Number(said[2] ?? 0)], [leftOf('error'), leftOf('warning')], fixed);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 15 },
  );
});
