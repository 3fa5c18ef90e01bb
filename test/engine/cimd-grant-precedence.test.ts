/**
 * A client registered from a metadata document (CIMD: `external_client_id` set) may use only authorization_code and
 * refresh_token (rule book `cimd-grants`). Where another rule wins a grant item over cimd-grants
 * (public-client-credentials, device-code-requirements, ciba-requirements, token-vault-requirements), its message
 * says why the grant must go and removing it is the safe, preferred fix, so `--fix` leaves such a client with no
 * grant it may not hold. Generated over app types, auth methods, first-party flags and grant lists, in YAML (block
 * and flow lists), JSON and Terraform HCL.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { fixAll, lintText } from '../../server/src/engine/index';
import { isSafeFix } from '../../server/src/engine/fix/semantic';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

const DEVICE = 'urn:ietf:params:oauth:grant-type:device_code';
const CIBA = 'urn:openid:params:grant-type:ciba';
const VAULT = 'urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token';
const ALLOWED = new Set(['authorization_code', 'refresh_token']);
const NOT_ALLOWED = ['client_credentials', DEVICE, CIBA, VAULT];
const unquoted = (text: string) => text.replace(/^["']|["']$/g, '');
const WINNERS = new Set(['public-client-credentials', 'device-code-requirements', 'ciba-requirements', 'token-vault-requirements']);

interface CimdClient {
  readonly form: 'yaml-block' | 'yaml-flow' | 'json' | 'hcl';
  readonly appType: 'spa' | 'native' | 'regular_web' | undefined;
  readonly method: 'none' | 'client_secret_post' | 'private_key_jwt' | undefined;
  readonly oidc: boolean | undefined;
  readonly grants: readonly string[];
}

const cimdClient: fc.Arbitrary<CimdClient> = fc.record({
  form: fc.constantFrom('yaml-block' as const, 'yaml-flow' as const, 'json' as const, 'hcl' as const),
  appType: fc.constantFrom('spa' as const, 'native' as const, 'regular_web' as const, undefined),
  method: fc.constantFrom('none' as const, 'client_secret_post' as const, undefined),
  oidc: fc.constantFrom(true, false, undefined),
  grants: fc.subarray(['authorization_code', 'refresh_token', 'client_credentials', DEVICE, CIBA, VAULT], { minLength: 1 }),
});

function render(c: CimdClient): { path: string; text: string } {
  const fields: [string, unknown][] = [['name', 'Agent'], ['external_client_id', 'https://agent.example.com/client.json']];
  if (c.appType) fields.push(['app_type', c.appType]);
  if (c.method) fields.push(['token_endpoint_auth_method', c.method]);
  if (c.oidc !== undefined) fields.push(['oidc_conformant', c.oidc]);
  switch (c.form) {
    case 'json':
      return { path: '/t/clients/agent.json', text: JSON.stringify(Object.fromEntries([...fields, ['grant_types', c.grants]]), null, 2) };
    case 'hcl': {
      // The provider keeps the method in auth0_client_credentials.
      const body = fields.filter(([k]) => k !== 'token_endpoint_auth_method').map(([k, v]) => `  ${k} = ${typeof v === 'string' ? `"${v}"` : v}`);
      const credentials = c.method ? `\nresource "auth0_client_credentials" "agent" {\n  client_id             = auth0_client.agent.id\n  authentication_method = "${c.method}"\n}\n` : '';
      return { path: '/t/main.tf', text: `resource "auth0_client" "agent" {\n${body.join('\n')}\n  grant_types = [${c.grants.map((g) => `"${g}"`).join(', ')}]\n}\n${credentials}` };
    }
    default: {
      const lines = fields.map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}: ${v}`);
      const grants = c.form === 'yaml-flow' ? `    grant_types: [${c.grants.join(', ')}]` : `    grant_types:\n${c.grants.map((g) => `      - ${g}`).join('\n')}`;
      return { path: '/t/tenant.yaml', text: `clients:\n${lines.join('\n')}\n${grants}\n` };
    }
  }
}

test('a CIMD client: a rule that wins a grant item over cimd-grants says why the grant must go, and --fix removes it', () => {
  fc.assert(
    fc.property(cimdClient, (c) => {
      const { path, text } = render(c);
      const result = lintText({ path, text });
      for (const finding of result.findings.filter((f) => WINNERS.has(f.ruleId))) {
        const value = unquoted(text.slice(finding.span.start, finding.span.end));
        if (ALLOWED.has(value)) continue;
        assert.match(finding.message, /^Metadata-document clients may use only authorization_code and refresh_token; remove /, `${finding.ruleId}: ${finding.message}`);
        assert.ok(finding.related.some((r) => r.message.includes('external_client_id')), `${finding.ruleId}: related information names external_client_id`);
        assert.ok(finding.fixes[0] && isSafeFix(finding.fixes[0]) && /^Remove grant/.test(finding.fixes[0].title), `${finding.ruleId}: first fix ${finding.fixes[0]?.title}`);
      }
      // Safe fixes alone leave the client with no grant a metadata-document client may not hold.
      const fixed = fixAll({ path, text });
      const leftGrants = fixed.result.findings
        .filter((f) => f.severity === 'error')
        .map((f) => `${f.ruleId} on ${unquoted(fixed.text.slice(f.span.start, f.span.end))}`)
        .filter((left) => NOT_ALLOWED.some((grant) => left.endsWith(` on ${grant}`)));
      assert.deepEqual(leftGrants, [], `after --fix:\n${fixed.text}`);
    }),
    { numRuns: 300 },
  );
});
