/**
 * A finding on a value of a sibling file that the run does not check (the method in `credentials.tf`, linting
 * `main.tf` alone) is shown on the client with the value's place, `(value in credentials.tf:3:27)` or the bare
 * place, unless that would cost the rule's sentence more than its closing parenthesis: then the place gives way (as
 * a `(see …)` place does) and json still lists it among the related places. Before, the sentence lost its advice
 * (`; set app_type to non_interactive`) to keep the place. Generated modules: app types, methods, grants, and
 * credentials files with names of every length.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';
import type { CliFinding } from '../../server/src/cli/report';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

const PLACE_AT_END = / \((?:see |value in )?[^()]*:\d+:\d+\)$/;

async function findings(args: readonly string[], cwd: string): Promise<CliFinding[]> {
  return (JSON.parse([...(await run(['--format', 'json', ...args], cwd)).stdout].join('')) as CliFinding[]).filter((f) => f.ruleId !== 'unused-suppression');
}

test("a value's place in a file not checked gives way before the rule's advice", async () => {
  await loadHclParser();
  let gaveWay = 0;
  let placed = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('spa', 'native', 'regular_web', 'non_interactive'),
      fc.constantFrom('client_secret_post', 'client_secret_basic', 'none', 'client_secret_jwt'),
      fc.subarray(['authorization_code', 'refresh_token', 'client_credentials'], { minLength: 1 }),
      fc.integer({ min: 0, max: 40 }),
      async (appType, method, grants, extra) => {
        const dir = mkdtempSync(join(tmpdir(), 'grantlint-value-place-'));
        const credentials = `${'c'.repeat(extra)}credentials.tf`;
        try {
          writeFileSync(join(dir, 'main.tf'), `resource "auth0_client" "app" {\n  name        = "App"\n  app_type    = "${appType}"\n  grant_types = [${grants.map((g) => `"${g}"`).join(', ')}]\n}\n`);
          writeFileSync(join(dir, credentials), `resource "auth0_client_credentials" "app" {\n  client_id             = auth0_client.app.id\n  authentication_method = "${method}"\n}\n`);
          const whole = await findings(['.'], dir);
          const alone = await findings(['main.tf'], dir);
          for (const moved of alone.filter((f) => f.related.some((r) => r.file === credentials))) {
            // The same finding in the run on the module, reported in the credentials file: its sentence.
            // (A finding on the client's grant with the method as related value is main.tf's in both runs.)
            const there = whole.find((f) => f.ruleId === moved.ruleId && f.file === credentials);
            if (!there) continue;
            const sentence = there.message.replace(PLACE_AT_END, '');
            const why = /^(.*) \([^()]*\)([.?!]?)$/.exec(sentence);
            const keeps = moved.message.startsWith(sentence) || (why !== null && moved.message.startsWith(`${why[1]!}${why[2] || '.'}`));
            assert.ok(keeps, `the sentence is kept: ${moved.message} (module run: ${there.message})`);
            if (PLACE_AT_END.test(moved.message)) {
              placed++;
              assert.ok(moved.message.includes(`${credentials}:`), moved.message);
            } else {
              gaveWay++;
              assert.equal(moved.message, sentence, 'the place gives way whole');
            }
            assert.ok(moved.message.length <= 120, moved.message);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    ),
    { numRuns: 60 },
  );
  assert.ok(gaveWay > 0 && placed > 0, `${gaveWay} places gave way, ${placed} kept`);
});
