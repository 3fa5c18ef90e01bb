/**
 * Notes after a finding's message share one pair of parentheses, `; ` between them (U45: `… remove it. (not fixed:
 * it would leave no grants) (tenant.json:4:36)`). A deploy-cli directory whose legacy flag is in tenant.json and a
 * Terraform module whose method is in another file, each run plain and with `--fix --unsafe-fixes`: no message
 * stacks two parenthesised notes, and the held note and the place read as one.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { run } from '../../server/src/cli/main';

async function messages(args: readonly string[], cwd: string): Promise<string[]> {
  const outcome = await run(['--format', 'json', ...args], cwd);
  return (JSON.parse([...outcome.stdout].join('')) as { message: string }[]).map((f) => f.message);
}

test('a held fix and the place of the tenant flag read as one note', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-notes-'));
  try {
    mkdirSync(join(dir, 'clients'));
    writeFileSync(join(dir, 'tenant.json'), '{ "flags": { "allow_legacy_ro_grant_types": true } }\n');
    writeFileSync(join(dir, 'clients', 'old.json'), JSON.stringify({ name: 'Old', app_type: 'regular_web', is_first_party: false, grant_types: ['http://auth0.com/oauth/legacy/grant-type/ro'] }, null, 2));
    writeFileSync(join(dir, 'main.tf'), 'resource "auth0_client" "kiosk" {\n  name        = "Kiosk"\n  app_type    = "spa"\n  grant_types = ["client_credentials"]\n}\n');
    writeFileSync(join(dir, 'credentials.tf'), 'resource "auth0_client_credentials" "kiosk" {\n  client_id             = auth0_client.kiosk.id\n  authentication_method = "none"\n}\n');
    const plain = await messages(['.'], dir);
    const unsafe = await messages(['--fix', '--unsafe-fixes', '.'], dir);
    for (const message of [...plain, ...unsafe]) assert.doesNotMatch(message, /\) \(/, message);
    assert.ok(
      unsafe.some((m) => /^Legacy grant 'ro' is still allowed in this tenant; remove it\. \(not fixed: [^()]*; (see )?tenant\.json:1:\d+\)$/.test(m)),
      JSON.stringify(unsafe),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
