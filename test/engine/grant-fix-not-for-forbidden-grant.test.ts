/**
 * A client grant that Auth0 forbids (a system API for a third-party client: third-party-system-api-grant) is to be
 * removed, not made to work: client-grant-without-client-credentials still says the client lacks
 * client_credentials, but offers no fix adding it there (so --fix --unsafe-fixes grants nothing for it). For the
 * same client and an API of its own, or a first-party client, the fix stays. Over both ways to be third-party and
 * both system APIs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixAll, lintText } from '../../server/src/engine/index';

function tenant(thirdParty: string, audience: string): string {
  return `clients:\n  - name: Partner\n    app_type: regular_web\n${thirdParty}    grant_types: [authorization_code]\nclientGrants:\n  - client_id: Partner\n    audience: ${audience}\n    scope: [read:users]\n`;
}

const THIRD_PARTY = ['    is_first_party: false\n', '    external_client_id: https://partner.example.com/client.json\n    oidc_conformant: true\n'];
const SYSTEM_APIS = ['https://acme.eu.auth0.com/api/v2/', 'https://acme.eu.auth0.com/me/', '"https://##AUTH0_DOMAIN##/api/v2/"'];

test('no fix adds client_credentials for a grant Auth0 forbids; --fix --unsafe-fixes grants nothing for it', () => {
  for (const thirdParty of THIRD_PARTY) {
    for (const audience of SYSTEM_APIS) {
      const text = tenant(thirdParty, audience);
      const findings = lintText({ path: '/t/tenant.yaml', text }).findings;
      const lacks = findings.find((f) => f.ruleId === 'client-grant-without-client-credentials');
      assert.ok(lacks, text);
      assert.deepEqual(lacks.fixes, [], text);
      assert.ok(findings.some((f) => f.ruleId === 'third-party-system-api-grant'), text);
      assert.doesNotMatch(fixAll({ path: '/t/tenant.yaml', text }, { unsafe: true }).text, /client_credentials/, text);
    }
  }
});

test('the fix stays for an API of its own, and for a first-party client', () => {
  for (const text of [tenant(THIRD_PARTY[0]!, 'https://api.example.com/orders'), tenant('', 'https://acme.eu.auth0.com/api/v2/')]) {
    const lacks = lintText({ path: '/t/tenant.yaml', text }).findings.find((f) => f.ruleId === 'client-grant-without-client-credentials');
    assert.ok(lacks, text);
    assert.match(lacks.fixes[0]!.title, /Add grant 'client_credentials'/, text);
  }
});
