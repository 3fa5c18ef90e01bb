/**
 * A suppression comment above a client naming a client-grant rule (client-grant-without-client-credentials,
 * third-party-system-api-grant) whose finding is on the client's grant in the same file (a tenant.yaml's
 * `clientGrants`, a Terraform file's `auth0_client_grant`) is told where the finding is reported, so it is moved to
 * the grant rather than deleted; the related place is the grant's finding. Before, it was told there was no finding
 * and to remove it. Truly unused comments (the client has client_credentials, or the grant's comment silences it
 * already) still say "No … finding". Generated: YAML and HCL, comment above the client or the attribute the finding names, `#` and
 * `//` in HCL, client before or after its grant.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { LineIndex, lintText } from '../../server/src/engine/index';
import { otherFileFindingMessage } from '../../server/src/engine/suppression';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

interface Case {
  readonly rule: string;
  readonly fires: boolean;
  readonly grants: readonly string[];
  readonly firstParty: boolean;
  readonly audience: string;
  /** The client's attribute the finding names (a comment above it is told too). */
  readonly attribute: 'grant_types' | 'is_first_party';
}

const CASES: readonly Case[] = [
  { rule: 'client-grant-without-client-credentials', fires: true, grants: ['authorization_code'], firstParty: true, audience: 'https://api.example.com/', attribute: 'grant_types' },
  { rule: 'third-party-system-api-grant', fires: true, grants: ['client_credentials'], firstParty: false, audience: 'https://acme.eu.auth0.com/api/v2/', attribute: 'is_first_party' },
  { rule: 'client-grant-without-client-credentials', fires: false, grants: ['client_credentials'], firstParty: true, audience: 'https://api.example.com/', attribute: 'grant_types' },
  { rule: 'third-party-system-api-grant', fires: false, grants: ['client_credentials'], firstParty: true, audience: 'https://acme.eu.auth0.com/api/v2/', attribute: 'is_first_party' },
];

interface Layout {
  readonly format: 'yaml' | 'hcl';
  readonly comment: '#' | '//';
  readonly at: 'client' | 'attribute';
  readonly grantFirst: boolean;
  readonly silencedAtGrant: boolean;
}

function layouts(): Layout[] {
  const out: Layout[] = [];
  for (const format of ['yaml', 'hcl'] as const) {
    for (const comment of format === 'yaml' ? (['#'] as const) : (['#', '//'] as const)) {
      for (const at of ['client', 'attribute'] as const) {
        for (const grantFirst of [false, true]) for (const silencedAtGrant of [false, true]) out.push({ format, comment, at, grantFirst, silencedAtGrant });
      }
    }
  }
  return out;
}

function file(c: Case, layout: Layout): { path: string; text: string } {
  const directive = (rule: string, why = 'kept on purpose') => `${layout.comment} grantlint-disable-next-line ${rule} -- ${why}`;
  if (layout.format === 'yaml') {
    const client = [
      ...(layout.at === 'client' ? [`  ${directive(c.rule)}`] : []),
      '  - name: Reports',
      '    app_type: non_interactive',
      ...(layout.at === 'attribute' && c.attribute === 'is_first_party' ? [`    ${directive(c.rule)}`] : []),
      `    is_first_party: ${c.firstParty}`,
      ...(layout.at === 'attribute' && c.attribute === 'grant_types' ? [`    ${directive(c.rule)}`] : []),
      '    grant_types:',
      ...c.grants.map((g) => `      - ${g}`),
    ];
    const grant = [...(layout.silencedAtGrant ? [`  ${directive(c.rule, 'silenced at the grant')}`] : []), '  - client_id: Reports', `    audience: ${c.audience}`, '    scope:', '      - read:data'];
    const parts = layout.grantFirst ? ['clientGrants:', ...grant, 'clients:', ...client] : ['clients:', ...client, 'clientGrants:', ...grant];
    return { path: '/t/tenant.yaml', text: `${parts.join('\n')}\n` };
  }
  const client = [
    ...(layout.at === 'client' ? [directive(c.rule)] : []),
    'resource "auth0_client" "reports" {',
    '  name           = "Reports"',
    '  app_type       = "non_interactive"',
    ...(layout.at === 'attribute' && c.attribute === 'is_first_party' ? [`  ${directive(c.rule)}`] : []),
    `  is_first_party = ${c.firstParty}`,
    ...(layout.at === 'attribute' && c.attribute === 'grant_types' ? [`  ${directive(c.rule)}`] : []),
    `  grant_types    = [${c.grants.map((g) => `"${g}"`).join(', ')}]`,
    '}',
  ];
  const grant = [...(layout.silencedAtGrant ? [directive(c.rule, 'silenced at the grant')] : []), 'resource "auth0_client_grant" "reports_api" {', '  client_id = auth0_client.reports.id', `  audience  = "${c.audience}"`, '  scopes    = ["read:data"]', '}'];
  const parts = layout.grantFirst ? [...grant, '', ...client] : [...client, '', ...grant];
  return { path: '/t/main.tf', text: `${parts.join('\n')}\n` };
}

test("a comment above a client naming a client-grant rule is told where its grant's finding is reported in the same file", () => {
  let told = 0;
  for (const c of CASES) {
    for (const layout of layouts()) {
      const input = file(c, layout);
      const what = `${c.rule} (${c.fires ? 'fires' : 'does not fire'}), ${JSON.stringify(layout)}\n${input.text}`;
      const result = lintText(input);
      // The comment above the client (the grant's own, when there, is judged as any comment).
      const unused = result.findings.filter((f) => f.ruleId === 'unused-suppression' && input.text.slice(f.span.start, f.span.end).includes('kept on purpose'));
      const reported = result.findings.filter((f) => f.ruleId === c.rule);
      if (!c.fires || layout.silencedAtGrant) {
        assert.equal(reported.length, 0, what);
        assert.deepEqual(unused.map((f) => f.message), [`No ${c.rule} finding on the next node; remove it from this grantlint-disable comment.`], what);
        continue;
      }
      assert.equal(reported.length, 1, what);
      const at = new LineIndex(input.text).positionAt(reported[0]!.span.start);
      const name = input.path.slice('/t/'.length);
      assert.deepEqual(unused.map((f) => f.message), [otherFileFindingMessage(c.rule, 'on the next node', `${name}:${at.line + 1}:${at.character + 1}`)], what);
      assert.deepEqual(
        unused[0]!.related.map((r) => r.elsewhere && `${r.elsewhere.path}:${r.elsewhere.start.line}:${r.elsewhere.start.character}`),
        [`${input.path}:${at.line}:${at.character}`],
        what,
      );
      told++;
    }
  }
  assert.equal(told, 2 * 12, `${told} layouts told to move`);
});
