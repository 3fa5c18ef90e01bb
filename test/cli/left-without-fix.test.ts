/**
 * After `--fix` (with or without `--unsafe-fixes`), the stylish summary says how many errors and warnings are left
 * that no `--fix` run clears (`2 errors and 1 warning are left that --fix does not clear: see their messages and
 * rule pages.`): as many as a json lint finds after `--fix --unsafe-fixes`; a run without `--fix` does not say it.
 * Generated deploy-cli directories: clients whose findings `--fix` clears (a legacy grant), public clients with
 * client grants (no fix), third-party clients granted the Management API in `grants/*.json` (no fix: it would delete
 * the file), SPAs without an auth method whose unsafe fix is held (a client grant, or their only grant), and clean
 * machine-to-machine clients.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';

type Kind = 'legacy' | 'public-granted' | 'third-party-system-api' | 'spa-granted' | 'spa-only-client-credentials' | 'clean';

function writeDirectory(dir: string, kinds: readonly Kind[]): void {
  mkdirSync(join(dir, 'clients'), { recursive: true });
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
            : kind === 'spa-granted'
              ? { name, app_type: 'spa', grant_types: ['authorization_code'] }
              : kind === 'spa-only-client-credentials'
                ? { name, app_type: 'spa', grant_types: ['client_credentials'] }
                : { name, app_type: 'non_interactive', grant_types: ['client_credentials'] };
    writeFileSync(join(dir, 'clients', `${name}.json`), `${JSON.stringify(client, null, 2)}\n`);
    if (kind === 'public-granted' || kind === 'third-party-system-api' || kind === 'spa-granted') {
      const audience = kind === 'public-granted' ? 'https://api.example.com/' : 'https://example.auth0.com/api/v2/';
      writeFileSync(join(dir, 'grants', `${name}.json`), `${JSON.stringify({ client_id: name, audience, scope: ['read:data'] }, null, 2)}\n`);
    }
  });
}

const LEFT = /^(?:(\d+) errors?)?(?: and )?(?:(\d+) warnings?)? (?:is|are) left that --fix does not clear: see (?:its message and its rule page|their messages and rule pages)\.$/m;

test('after --fix, the summary counts the errors and warnings no --fix run clears, as a lint after --fix --unsafe-fixes finds them; without --fix it says nothing of it', async () => {
  const kinds = fc.constantFrom<Kind>('legacy', 'public-granted', 'third-party-system-api', 'spa-granted', 'spa-only-client-credentials', 'clean');
  await fc.assert(
    fc.asyncProperty(fc.array(kinds, { minLength: 1, maxLength: 6 }), async (chosen) => {
      const dir = mkdtempSync(join(tmpdir(), 'grantlint-left-'));
      try {
        writeDirectory(join(dir, 'safe'), chosen);
        cpSync(join(dir, 'safe'), join(dir, 'unsafe'), { recursive: true });
        const plain = [...(await run(['.'], join(dir, 'safe'))).stdout].join('');
        assert.doesNotMatch(plain, /left that --fix does not clear/);
        const afterSafe = [...(await run(['--fix', '.'], join(dir, 'safe'))).stdout].join('');
        const afterUnsafe = [...(await run(['--fix', '--unsafe-fixes', '.'], join(dir, 'unsafe'))).stdout].join('');
        // What no --fix run clears: what is left after the one that clears the most.
        const json = JSON.parse([...(await run(['--format', 'json', '.'], join(dir, 'unsafe'))).stdout].join('')) as { ruleId: string | null; severity: string }[];
        const leftOf = (severity: string) => json.filter((f) => f.ruleId !== null && f.severity === severity).length;
        assert.ok(leftOf('error') + leftOf('warning') >= chosen.filter((kind) => kind !== 'legacy' && kind !== 'clean').length, JSON.stringify(json));
        for (const summary of [afterSafe, afterUnsafe]) {
          const said = LEFT.exec(summary);
          if (leftOf('error') + leftOf('warning') === 0) assert.equal(said, null, summary);
          else {
            assert.ok(said, summary);
            assert.deepEqual([Number(said[1] ?? 0), Number(said[2] ?? 0)], [leftOf('error'), leftOf('warning')], summary);
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 15 },
  );
});
