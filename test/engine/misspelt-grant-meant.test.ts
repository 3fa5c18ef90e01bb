/**
 * A misspelt grant is reported once, by unknown-grant-type with the fix that writes it right: a rule that asks
 * for the grant the misspelling means (m2m-without-client-credentials) stays quiet, so the two fixes cannot both
 * be taken and list the grant twice. A list without it, misspelt or not, still gets the warning.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText } from '../../server/src/engine/index';

function ruleIds(grants: string): string[] {
  const text = `clients:\n  - name: Job\n    app_type: non_interactive\n    token_endpoint_auth_method: client_secret_post\n    grant_types: ${grants}\n`;
  return lintText({ path: '/t/tenant.yaml', text }).findings.map((f) => f.ruleId);
}

test('a misspelt client_credentials on a machine-to-machine app is one finding, not two', () => {
  for (const typo of ['client-credentials', 'credentials', 'client_credential', 'Client_Credentials']) {
    assert.deepEqual(ruleIds(`[${typo}]`), ['unknown-grant-type'], typo);
  }
});

test('a machine-to-machine app without client_credentials, or with an unrelated typo, still gets the warning', () => {
  assert.deepEqual(ruleIds('[authorization_code]'), ['m2m-without-client-credentials']);
  assert.deepEqual(ruleIds('[authorisation_code]').sort(), ['m2m-without-client-credentials', 'unknown-grant-type']);
});
