/**
 * A directive that silences nothing where it is written (at the end of a line; any in JSON) names what its author
 * wanted kept in the client or client grant whose lines it sits on: the findings of the rules it names there keep
 * no fix, so fix all, safe or unsafe, never removes the item or the entry the comment was written for (U46: a
 * `grantlint-disable-line third-party-system-api-grant` after a client grant's `audience:` went with the grant,
 * `grant_types: # grantlint-disable-line public-client-credentials` did not keep the item below, and JSONC lost the
 * item). Generated over YAML (block and flow lists, `-` or `- &anchor` then the entry on the next line, client
 * grants), Terraform HCL (clients and `auth0_client_grant` resources, `#`, `//` and `/* *\/`) and JSON with comments,
 * the comment at the end of every line of the entry, naming the finding's rule or another one (then nothing is held).
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { fixAll, lintText } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(async () => {
  await loadHclParser();
});

type Format = 'yaml-block' | 'yaml-flow' | 'yaml-dash-alone' | 'yaml-dash-anchor' | 'yaml-grant' | 'hcl' | 'hcl-grant' | 'json';

const form = fc.record({
  format: fc.constantFrom<Format>('yaml-block', 'yaml-flow', 'yaml-dash-alone', 'yaml-dash-anchor', 'yaml-grant', 'hcl', 'hcl-grant', 'json'),
  marker: fc.constantFrom('#', '//', '/*'),
  word: fc.constantFrom('grantlint-disable-line', 'grantlint-disable-next-line'),
  namesOwn: fc.boolean(),
  /** The line of the entry the comment ends (modulo its lines). */
  line: fc.nat(30),
});
type Form = typeof form extends fc.Arbitrary<infer T> ? T : never;

/** The rule whose finding is in the entry, and the item its fix would remove. */
function ruleOf(format: Format): { rule: string; item: string } {
  return format.endsWith('grant') ? { rule: 'third-party-system-api-grant', item: 'api/v2/' } : { rule: 'public-client-credentials', item: 'client_credentials' };
}

/** The file's lines, and which of them are the entry's (a comment may end them). */
function linesOf(format: Format): { path: string; lines: string[]; entry: number[] } {
  const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
  switch (format) {
    case 'yaml-block':
      return { path: '/t/tenant.yaml', lines: ['clients:', '  - name: Kiosk', '    app_type: spa', '    token_endpoint_auth_method: none', '    grant_types:', '      - authorization_code', '      - client_credentials', '  - name: Other', '    app_type: regular_web'], entry: range(1, 7) };
    case 'yaml-flow':
      return { path: '/t/tenant.yaml', lines: ['clients:', '  - name: Kiosk', '    app_type: spa', '    token_endpoint_auth_method: none', '    grant_types: [', '      authorization_code,', '      client_credentials', '    ]', '  - name: Other'], entry: range(1, 8) };
    case 'yaml-dash-alone':
      return { path: '/t/tenant.yaml', lines: ['clients:', '  -', '    name: Kiosk', '    app_type: spa', '    token_endpoint_auth_method: none', '    grant_types:', '      - authorization_code', '      - client_credentials'], entry: range(1, 8) };
    case 'yaml-dash-anchor':
      return { path: '/t/tenant.yaml', lines: ['clients:', '  - &kiosk', '    name: Kiosk', '    app_type: spa', '    token_endpoint_auth_method: none', '    grant_types:', '      - authorization_code', '      - client_credentials'], entry: range(1, 8) };
    case 'yaml-grant':
      return {
        path: '/t/tenant.yaml',
        lines: ['clients:', '  - name: Partner', '    app_type: non_interactive', '    is_first_party: false', '    grant_types: [client_credentials]', 'clientGrants:', '  - client_id: Partner', '    audience: https://example.auth0.com/api/v2/', '    scope:', '      - read:users'],
        entry: range(6, 10),
      };
    case 'hcl':
      return {
        path: '/m/main.tf',
        lines: ['resource "auth0_client" "kiosk" {', '  name     = "Kiosk"', '  app_type = "spa"', '  grant_types = [', '    "authorization_code",', '    "client_credentials",', '  ]', '}', '', 'resource "auth0_client_credentials" "kiosk" {', '  client_id             = auth0_client.kiosk.id', '  authentication_method = "none"', '}'],
        entry: range(0, 8),
      };
    case 'hcl-grant':
      return {
        path: '/m/main.tf',
        lines: ['resource "auth0_client" "partner" {', '  name           = "Partner"', '  app_type       = "non_interactive"', '  is_first_party = false', '  grant_types    = ["client_credentials"]', '}', '', 'resource "auth0_client_grant" "partner_mgmt" {', '  client_id = auth0_client.partner.id', '  audience  = "https://example.auth0.com/api/v2/"', '  scopes    = ["read:users"]', '}'],
        entry: range(7, 12),
      };
    case 'json':
      return { path: '/d/kiosk.jsonc', lines: ['{', '  "name": "Kiosk",', '  "app_type": "spa",', '  "token_endpoint_auth_method": "none",', '  "grant_types": [', '    "authorization_code",', '    "client_credentials"', '  ]', '}'], entry: range(0, 9) };
  }
}

function fileOf(f: Form, withComment: boolean): { path: string; text: string; commented: string } {
  const { path, lines, entry } = linesOf(f.format);
  const at = entry[f.line % entry.length]!;
  const ids = f.namesOwn ? ruleOf(f.format).rule : 'duplicate-grant-type';
  const marker = f.format.startsWith('yaml') ? '#' : f.format === 'json' && f.marker === '#' ? '//' : f.marker;
  const body = `${f.word} ${ids}`;
  const comment = marker === '/*' ? `/* ${body} */` : `${marker} ${body}`;
  const out = [...lines];
  if (withComment) out[at] = `${out[at]}  ${comment}`;
  return { path, text: `${out.join('\n')}\n`, commented: out[at]! };
}

test('a directive that silences nothing holds the fixes of what it names in its client or client grant; fix all keeps the entry', () => {
  let held = 0;
  let free = 0;
  fc.assert(
    fc.property(form, (f) => {
      const { rule, item } = ruleOf(f.format);
      const { path, text, commented } = fileOf(f, true);
      const result = lintText({ path, text });
      assert.deepEqual(result.parsed.errors, [], text);
      assert.ok(result.findings.some((x) => x.ruleId === 'unused-suppression'), `the comment is reported:\n${text}`);
      const finding = result.findings.find((x) => x.ruleId === rule);
      assert.ok(finding, `${rule} in:\n${text}`);
      const without = lintText({ path, text: fileOf(f, false).text }).findings.find((x) => x.ruleId === rule)!;
      if (!f.namesOwn) {
        // Naming another rule it holds nothing: the finding is as without the comment.
        assert.deepEqual(finding.fixes.map((fix) => fix.title), without.fixes.map((fix) => fix.title));
        assert.equal(finding.fixesHeldBySuppression, undefined);
        free++;
        return;
      }
      // A finding with no fix (no fix removes an auth0_client_grant resource) is marked all the same, so its message
      // names the comment rather than only telling to remove what the comment keeps (U48, U49).
      assert.deepEqual(finding.fixes, [], `no fix while the comment may mean it:\n${text}`);
      assert.ok(finding.fixesHeldBySuppression, 'the finding says why it has no fix');
      held++;
      for (const unsafe of [false, true]) {
        const fixed = fixAll({ path, text }, { unsafe });
        assert.ok(fixed.text.includes(commented), `${unsafe ? 'unsafe ' : ''}fix all kept ${JSON.stringify(commented)}:\n${fixed.text}`);
        assert.ok(fixed.text.includes(item), `${unsafe ? 'unsafe ' : ''}fix all kept ${item}:\n${fixed.text}`);
        assert.ok(fixed.result.findings.some((x) => x.ruleId === rule), `${rule} still reported after fix all`);
      }
    }),
    { numRuns: 300, includeErrorInReport: true },
  );
  assert.ok(held > 80 && free > 80, `${held} held, ${free} free`);
});
