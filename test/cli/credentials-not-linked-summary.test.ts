/**
 * The stylish summary counts the Terraform credentials resources linked to no client (a client_id that is a
 * variable, a literal, or a reference to an `auth0_client` the module does not declare), each with a note, as no
 * client of the module is then judged by the provider's create-time method; and a file holding only such resources
 * is not called one "without client configs". Before, `No problems (2 files checked, 1 without client configs:
 * credentials.tf).` hid both. Generated modules in HCL and `.tf.json`, 0 to 3 such resources beside linked ones.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

const TARGETS = ['var.app_id', 'auth0_client.webb.id', '"abc123"'];

test('the summary counts credentials resources linked to no client, and their file holds client configs', async () => {
  await loadHclParser();
  await fc.assert(
    fc.asyncProperty(fc.subarray(TARGETS), fc.boolean(), fc.boolean(), async (unlinked, json, linked) => {
      const dir = mkdtempSync(join(tmpdir(), 'grantlint-unlinked-'));
      try {
        const credentials = [...unlinked.map((target, i) => ({ name: `u${i}`, target })), ...(linked ? [{ name: 'web', target: 'auth0_client.web.id' }] : [])];
        if (json) {
          writeFileSync(join(dir, 'main.tf.json'), `${JSON.stringify({ resource: { auth0_client: { web: { name: 'Web', app_type: 'regular_web', grant_types: ['authorization_code'] } } } }, null, 2)}\n`);
          const body = Object.fromEntries(credentials.map(({ name, target }) => [name, { client_id: target.startsWith('"') ? JSON.parse(target) : `\${${target.replace(/\.id$/, '.id')}}`, authentication_method: 'client_secret_post' }]));
          writeFileSync(join(dir, 'credentials.tf.json'), `${JSON.stringify({ resource: { auth0_client_credentials: body } }, null, 2)}\n`);
        } else {
          writeFileSync(join(dir, 'main.tf'), 'resource "auth0_client" "web" {\n  name        = "Web"\n  app_type    = "regular_web"\n  grant_types = ["authorization_code"]\n}\n');
          writeFileSync(join(dir, 'credentials.tf'), credentials.map(({ name, target }) => `resource "auth0_client_credentials" "${name}" {\n  client_id             = ${target}\n  authentication_method = "client_secret_post"\n}\n`).join('\n'));
        }
        const out = [...(await run(['.'], dir)).stdout].join('').replace(/\n(?!\n)/g, ' ');
        const notes = [...(await run(['--format', 'json', '.'], dir)).stdout].join('');
        const noted = (JSON.parse(notes) as { ruleId: string | null; message: string }[]).filter((e) => e.ruleId === null && /^credentials /.test(e.message)).length;
        assert.equal(noted, unlinked.length, `each unlinked credentials resource has a note: ${notes}`);
        if (unlinked.length === 0) assert.doesNotMatch(out, /linked to no client/, out);
        else assert.match(out, new RegExp(`${unlinked.length} credentials resources? linked to no client: see the notes`), out);
        if (credentials.length > 0) assert.doesNotMatch(out, /without client configs/, out);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 24 },
  );
});
