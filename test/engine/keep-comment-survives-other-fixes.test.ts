/**
 * What a keep comment at the end of a line holds stays through fix all, whatever else fix all does (U51):
 * - a comment on one grant item naming another item's rule (`- client_credentials  # grantlint-disable-line
 *   legacy-grant-type`) went with its item when public-client-credentials removed it, and the next pass removed the
 *   `ro` it kept (in Terraform, with unsafe fixes, replaced it);
 * - a comment in a client naming a client-grant rule (at the end of its `name` line) held nothing, and the grant
 *   was removed.
 * Generated YAML (block and multi-line flow lists) and Terraform clients, the comment (either word) at the end of
 * every line of the client, naming the kept rule: after fix all, safe and unsafe, the comment and what it keeps are
 * still there.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { fixAll, lintText } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(async () => {
  await loadHclParser();
});

const RO = 'http://auth0.com/oauth/legacy/grant-type/ro';
type Form = 'yaml-block' | 'yaml-flow' | 'hcl' | 'yaml-grant' | 'hcl-grant';

interface Layout {
  readonly path: string;
  readonly lines: readonly string[];
  /** The lines of the client (a comment may end each). */
  readonly client: readonly number[];
  readonly rule: string;
  /** Text that stays when what the comment keeps is kept. */
  readonly kept: string;
}

function layoutOf(form: Form): Layout {
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  switch (form) {
    case 'yaml-block':
      return { path: 'tenant.yaml', lines: ['clients:', '  - name: Kiosk', '    app_type: spa', '    token_endpoint_auth_method: none', '    grant_types:', '      - authorization_code', '      - client_credentials', `      - ${RO}`], client: range(1, 8), rule: 'legacy-grant-type', kept: RO };
    case 'yaml-flow':
      return { path: 'tenant.yaml', lines: ['clients:', '  - name: Kiosk', '    app_type: spa', '    token_endpoint_auth_method: none', '    grant_types: [authorization_code,', '      client_credentials,', `      ${RO}]`], client: range(1, 7), rule: 'legacy-grant-type', kept: RO };
    case 'hcl':
      return {
        path: 'main.tf',
        lines: ['resource "auth0_client" "kiosk" {', '  name     = "Kiosk"', '  app_type = "spa"', '  grant_types = [', '    "authorization_code",', '    "client_credentials",', `    "${RO}",`, '  ]', '}', '', 'resource "auth0_client_credentials" "kiosk" {', '  client_id             = auth0_client.kiosk.id', '  authentication_method = "none"', '}'],
        client: range(0, 8),
        rule: 'legacy-grant-type',
        kept: RO,
      };
    case 'yaml-grant':
      return { path: 'tenant.yaml', lines: ['clients:', '  - name: Partner', '    app_type: non_interactive', '    is_first_party: false', '    grant_types: [client_credentials]', 'clientGrants:', '  - client_id: Partner', '    audience: https://acme.eu.auth0.com/api/v2/', '    scope: [read:users]'], client: range(1, 5), rule: 'third-party-system-api-grant', kept: 'api/v2/' };
    case 'hcl-grant':
      return {
        path: 'main.tf',
        lines: ['resource "auth0_client" "partner" {', '  name           = "Partner"', '  app_type       = "non_interactive"', '  is_first_party = false', '  grant_types    = ["client_credentials"]', '}', '', 'resource "auth0_client_grant" "mgmt" {', '  client_id = auth0_client.partner.id', '  audience  = "https://acme.eu.auth0.com/api/v2/"', '  scopes    = ["read:users"]', '}'],
        client: range(0, 5),
        rule: 'third-party-system-api-grant',
        kept: 'api/v2/',
      };
  }
}

const caseArb = fc.record({
  form: fc.constantFrom<Form>('yaml-block', 'yaml-flow', 'hcl', 'yaml-grant', 'hcl-grant'),
  line: fc.nat(20),
  word: fc.constantFrom('grantlint-disable-line', 'grantlint-disable-next-line'),
});

test('fix all keeps a keep comment and what it keeps, whatever else it fixes', () => {
  let checked = 0;
  fc.assert(
    fc.property(caseArb, (c) => {
      const layout = layoutOf(c.form);
      const at = layout.client[c.line % layout.client.length]!;
      const comment = `${c.form === 'hcl' ? '//' : '#'} ${c.word} ${layout.rule} -- kept on purpose`;
      const text = `${layout.lines.map((line, i) => (i === at ? `${line}  ${comment}` : line)).join('\n')}\n`;
      const result = lintText({ path: layout.path, text });
      assert.deepEqual(result.parsed.errors, [], text);
      const finding = result.findings.find((f) => f.ruleId === layout.rule);
      assert.ok(finding, text);
      assert.ok(finding.fixesHeldBySuppression, `held:\n${text}`);
      for (const unsafe of [false, true]) {
        const fixed = fixAll({ path: layout.path, text }, { unsafe }).text;
        const context = `${unsafe ? 'unsafe ' : ''}fix all:\n${text}\n->\n${fixed}`;
        assert.ok(fixed.includes(comment), context);
        assert.ok(fixed.includes(layout.kept), context);
      }
      checked++;
    }),
    { numRuns: 200, includeErrorInReport: true },
  );
  assert.ok(checked === 200);
});
