/**
 * `--fix --unsafe-fixes` holds a public app's fix "set the method to none" where its client grant, failing already
 * for want of `client_credentials` (whose fix adds it), would then be public and have no fix. The reason it gives is
 * that: the grant would have no fix, not that the fix would break it (it fails either way). Where the grant works
 * now and the fix would make it fail, the reason stays "break". Generated: deploy-cli directories, tenant.yaml (grant
 * under `clientGrants`), Terraform modules with the grant in grants.tf or beside the client; SPAs and native apps;
 * short and long names. Both the finding's note and the `--diff --unsafe-fixes` line are checked. Where the grant is
 * in the client's file, fix all tries the grant's own fix (add client_credentials) in the same pass, and the two
 * together raise public-client-credentials, which is then the reason given; never "break".
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';
import type { CliFinding } from '../../server/src/cli/report';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

const LOST = /(the|a) (client )?grant (in .+ )?would (then )?have no fix|leaves the grant in .+ unfixable/;

type Form = 'directory' | 'yaml' | 'hcl-split' | 'hcl-one-file';

function files(form: Form, appType: string, name: string): Record<string, string> {
  switch (form) {
    case 'directory':
      return {
        'tenant.json': '{}\n',
        [`clients/${name}.json`]: `${JSON.stringify({ name, app_type: appType, token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code', 'refresh_token'] }, null, 2)}\n`,
        [`grants/${name}.json`]: `${JSON.stringify({ client_id: name, audience: 'https://api.example.com/', scope: ['read:data'] }, null, 2)}\n`,
      };
    case 'yaml':
      return {
        'tenant.yaml': ['clients:', `  - name: ${name}`, `    app_type: ${appType}`, '    token_endpoint_auth_method: client_secret_post', '    grant_types: [authorization_code, refresh_token]', 'clientGrants:', `  - client_id: ${name}`, '    audience: https://api.example.com/', '    scope: [read:data]', ''].join('\n'),
      };
    case 'hcl-split':
    case 'hcl-one-file': {
      const client = `resource "auth0_client" "app" {\n  name        = "${name}"\n  app_type    = "${appType}"\n  grant_types = ["authorization_code", "refresh_token"]\n}\n\nresource "auth0_client_credentials" "app" {\n  client_id             = auth0_client.app.id\n  authentication_method = "client_secret_post"\n}\n`;
      const grant = 'resource "auth0_client_grant" "app_api" {\n  client_id = auth0_client.app.id\n  audience  = "https://api.example.com/"\n  scopes    = ["read:data"]\n}\n';
      return form === 'hcl-split' ? { 'main.tf': client, 'grants.tf': grant } : { 'main.tf': `${client}\n${grant}` };
    }
  }
}

test('a held fix that would leave a failing client grant with no fix says so, not that it breaks the grant', async () => {
  await loadHclParser();
  await fc.assert(
    fc.asyncProperty(fc.constantFrom<Form>('directory', 'yaml', 'hcl-split', 'hcl-one-file'), fc.constantFrom('spa', 'native'), fc.boolean(), async (form, appType, long) => {
      const name = long ? 'Customer Reporting Dashboard For Regional Operations' : 'TV App';
      const dir = mkdtempSync(join(tmpdir(), 'grantlint-lost-fix-'));
      try {
        for (const [path, text] of Object.entries(files(form, appType, name))) {
          mkdirSync(dirname(join(dir, path)), { recursive: true });
          writeFileSync(join(dir, path), text);
        }
        const diff = await run(['--diff', '--unsafe-fixes', '.'], dir);
        const lines = [...diff.stderr].join('').split('\n').filter((line) => line.includes('secret-on-public-app-type'));
        assert.equal(lines.length, 1, `${form}: ${[...diff.stderr].join('')}`);
        const oneFile = form === 'yaml' || form === 'hcl-one-file';
        assert.match(lines[0]!, oneFile ? new RegExp(`${LOST.source}|raises? `) : LOST, lines[0]);
        assert.doesNotMatch(lines[0]!, /break/, lines[0]);
        const fixed = await run(['--format', 'json', '--fix', '--unsafe-fixes', '.'], dir);
        const left = (JSON.parse([...fixed.stdout].join('')) as CliFinding[]).filter((f) => f.ruleId === 'secret-on-public-app-type');
        assert.equal(left.length, 1, `${form}: the fix is held`);
        assert.match(left[0]!.message, new RegExp(`(\\(|; )not fixed: (${LOST.source}${oneFile ? '|raises? .*' : ''})\\)$`), left[0]!.message);
        assert.doesNotMatch(left[0]!.message, /break/, left[0]!.message);
        assert.ok(left[0]!.message.length <= 120, left[0]!.message);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 24 },
  );
});
