/**
 * A grantlint-disable-next-line comment on its own line above one of a client grant's keys other than the one its
 * finding is reported on (above `audience:` for a finding on `client_id`) silences nothing, but it was written for
 * that grant: it is told where the finding is reported, and the finding keeps no fix, so fix all never removes the
 * grant (U47: following the end-of-line warning's advice led `--fix` to delete the grant). Generated deploy-cli
 * client grants (keys in any order, `-` then the entry on the next line) and Terraform `auth0_client_grant` resources,
 * the comment above each key, naming the rule or another one.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { fixAll, lintText } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(async () => {
  await loadHclParser();
});

const RULE = 'third-party-system-api-grant';

const caseArb = fc.record({
  format: fc.constantFrom('yaml', 'hcl'),
  order: fc.constantFrom(['client_id', 'audience', 'scope'], ['audience', 'client_id', 'scope'], ['scope', 'audience', 'client_id']),
  dashAlone: fc.boolean(),
  /** Above which key the comment goes (modulo the keys that are not client_id). */
  above: fc.nat(5),
  namesRule: fc.boolean(),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function fileOf(c: Case): { path: string; text: string; key: string } {
  const others = c.order.filter((k) => k !== 'client_id');
  const key = others[c.above % others.length]!;
  const comment = `# grantlint-disable-next-line ${c.namesRule ? RULE : 'duplicate-grant-type'}`;
  if (c.format === 'yaml') {
    const value = { client_id: 'Partner', audience: 'https://acme.eu.auth0.com/api/v2/', scope: '[read:users]' } as Record<string, string>;
    const lines = c.order.flatMap((k, i) => [...(k === key ? [`    ${comment}`] : []), `${i === 0 && !c.dashAlone ? '  - ' : '    '}${k}: ${value[k]}`]);
    const head = ['clients:', '  - name: Partner', '    app_type: non_interactive', '    is_first_party: false', '    token_endpoint_auth_method: client_secret_post', '    grant_types: [client_credentials]', 'clientGrants:', ...(c.dashAlone ? ['  -'] : [])];
    return { path: 'tenant.yaml', text: `${[...head, ...lines].join('\n')}\n`, key };
  }
  const value = { client_id: 'auth0_client.partner.id', audience: '"https://acme.eu.auth0.com/api/v2/"', scopes: '["read:users"]' } as Record<string, string>;
  const hclKey = (k: string) => (k === 'scope' ? 'scopes' : k);
  const lines = c.order.flatMap((k) => [...(k === key ? [`  ${comment}`] : []), `  ${hclKey(k)} = ${value[hclKey(k)]}`]);
  const client = ['resource "auth0_client" "partner" {', '  name           = "Partner"', '  app_type       = "non_interactive"', '  is_first_party = false', '  grant_types    = ["client_credentials"]', '}', ''];
  return { path: 'main.tf', text: `${[...client, 'resource "auth0_client_grant" "partner_mgmt" {', ...lines, '}'].join('\n')}\n`, key: hclKey(key) };
}

test('a comment above another key of a client grant is told where the finding is and holds its fixes', () => {
  let held = 0;
  fc.assert(
    fc.property(caseArb, (c) => {
      const { path, text, key } = fileOf(c);
      const result = lintText({ path, text });
      assert.deepEqual(result.parsed.errors, [], text);
      const finding = result.findings.find((f) => f.ruleId === RULE);
      if (!finding) {
        // Above the entry's first key the comment covers the whole grant: it silences the finding.
        assert.ok(c.namesRule && key === (c.format === 'hcl' ? 'x' : c.order[0]), `the grant's finding is reported (not silenced):\n${text}`);
        return;
      }
      const unused = result.findings.find((f) => f.ruleId === 'unused-suppression');
      assert.ok(unused, text);
      if (!c.namesRule) {
        assert.equal(finding.fixesHeldBySuppression, undefined);
        return;
      }
      const line = text.slice(0, finding.span.start).split('\n').length;
      assert.match(unused.message, new RegExp(`${RULE} finding on the next node is reported at ${path.replace('.', '\\.')}:${line}:`), text);
      assert.deepEqual(finding.fixes, []);
      assert.ok(finding.fixesHeldBySuppression, text);
      const fixed = fixAll({ path, text }, { unsafe: true });
      assert.ok(fixed.text.includes('api/v2/'), `fix all kept the grant:\n${fixed.text}`);
      held++;
    }),
    { numRuns: 200, includeErrorInReport: true },
  );
  assert.ok(held > 50, `${held} held`);
});
