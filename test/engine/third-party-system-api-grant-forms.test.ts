/**
 * third-party-system-api-grant over the forms users write (generated, fast-check), checked against the rule book:
 * - the client is third-party by `is_first_party: false` or by a known, non-empty `external_client_id` (an unknown
 *   or empty one proves nothing);
 * - the audience is a literal, or holds deploy-cli keywords (`##AUTH0_DOMAIN##`, `@@AUTH0_DOMAIN@@`) or Terraform
 *   interpolations: the literal text after the last of them is known, so an ending `/api/v2/` or `/me/` there is
 *   reported; an audience wholly unknown, or whose ending is inside the unknown part, is not; nor one ending
 *   `/api/v2` or `/me` without the slash, literal or not;
 * - written as deploy-cli YAML `clientGrants:` (plain, double- and single-quoted scalars, flow maps), the directory
 *   format's `grants/*.json`, Terraform HCL and `.tf.json` grants naming the client by reference or by a literal id.
 * The removal is safe only for a literal Auth0 host, unsafe for any other host and for every audience with a
 * placeholder; applying it removes the finding and leaves the file readable.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { lintText, type LintFinding, type LintResult } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { MemoryProject } from '../helpers/memory-project';
import { applyFix } from '../helpers/lint';

before(() => loadHclParser());

const RULE = 'third-party-system-api-grant';

type Party = 'first' | 'is-first-party-false' | 'external-client-id' | 'external-client-id-unknown' | 'external-client-id-empty' | 'both';

/** An audience, in deploy-cli text and in Terraform text, with what the rule book says of it. */
interface Audience {
  readonly deploy: string;
  readonly terraform: string;
  /** Reported for a third-party client; with a safe removal (a literal Auth0 host) or an unsafe one. */
  readonly expect: 'safe' | 'unsafe' | 'silent';
}

const AUDIENCES: readonly Audience[] = [
  { deploy: 'https://example.eu.auth0.com/api/v2/', terraform: 'https://example.eu.auth0.com/api/v2/', expect: 'safe' },
  { deploy: 'https://example.auth0.com/me/', terraform: 'https://example.auth0.com/me/', expect: 'safe' },
  { deploy: 'https://login.example.com/me/', terraform: 'https://login.example.com/me/', expect: 'unsafe' },
  { deploy: 'https://##AUTH0_DOMAIN##/api/v2/', terraform: 'https://${var.domain}/api/v2/', expect: 'unsafe' },
  { deploy: 'https://@@AUTH0_DOMAIN@@/api/v2/', terraform: 'https://${var.auth0_domain}/api/v2/', expect: 'unsafe' },
  { deploy: 'https://##AUTH0_DOMAIN##/me/', terraform: 'https://${local.domain}/me/', expect: 'unsafe' },
  { deploy: 'https://##TENANT##.eu.auth0.com/api/v2/', terraform: 'https://${var.tenant}.eu.auth0.com/api/v2/', expect: 'unsafe' },
  { deploy: 'https://example.auth0.com/##API##/api/v2/', terraform: 'https://example.auth0.com/${var.prefix}/api/v2/', expect: 'unsafe' },
  { deploy: 'https://##AUTH0_DOMAIN##/api/v2', terraform: 'https://${var.domain}/api/v2', expect: 'silent' },
  { deploy: 'https://example.eu.auth0.com/api/v2', terraform: 'https://example.eu.auth0.com/api/v2', expect: 'silent' },
  { deploy: 'https://##AUTH0_DOMAIN##/me', terraform: 'https://${var.domain}/me', expect: 'silent' },
  { deploy: '##MANAGEMENT_AUDIENCE##', terraform: '${var.management_audience}', expect: 'silent' },
  { deploy: 'https://example.auth0.com/##API_PATH##', terraform: 'https://example.auth0.com/${var.api_path}', expect: 'silent' },
  { deploy: 'https://example.auth0.com/api/##VERSION##/', terraform: 'https://example.auth0.com/api/${var.version}/', expect: 'silent' },
  { deploy: 'https://##AUTH0_DOMAIN##/orders/', terraform: 'https://${var.domain}/orders/', expect: 'silent' },
];

interface Case {
  readonly party: Party;
  readonly audience: Audience;
  /** The grant names the client (by name, or by reference in Terraform), or a literal id no client has. */
  readonly byName: boolean;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  party: fc.constantFrom<Party>('first', 'is-first-party-false', 'external-client-id', 'external-client-id-unknown', 'external-client-id-empty', 'both'),
  audience: fc.constantFrom(...AUDIENCES),
  byName: fc.boolean(),
});

const thirdParty = (party: Party) => party === 'is-first-party-false' || party === 'external-client-id' || party === 'both';

/** What the rule book says: nothing, or a finding whose removal (where a fix is offered) is safe or unsafe. */
function expected(c: Case): 'safe' | 'unsafe' | 'silent' {
  return c.byName && thirdParty(c.party) ? c.audience.expect : 'silent';
}

/** The client's fields that decide its party, in the format's own values. */
function partyFields(party: Party, terraform: boolean): Record<string, unknown> {
  const unknown = terraform ? '${var.external_client_id}' : '##EXTERNAL_CLIENT_ID##';
  switch (party) {
    case 'first':
      return {};
    case 'is-first-party-false':
      return { is_first_party: false };
    case 'external-client-id':
      return { external_client_id: 'https://partner.example.com/client.json' };
    case 'external-client-id-unknown':
      return { external_client_id: unknown };
    case 'external-client-id-empty':
      return { external_client_id: '' };
    case 'both':
      return { is_first_party: false, external_client_id: 'https://partner.example.com/client.json' };
  }
}

function checkFinding(c: Case, result: LintResult, text: string, fixOffered: boolean): LintFinding | undefined {
  const want = expected(c);
  const found = result.findings.filter((f) => f.ruleId === RULE);
  const context = `${text}\n(${JSON.stringify(c)})`;
  if (want === 'silent') {
    assert.deepEqual(found, [], context);
    return undefined;
  }
  assert.equal(found.length, 1, context);
  const finding = found[0]!;
  assert.equal(finding.severity, 'error', context);
  assert.match(text.slice(finding.span.start, finding.span.end), /partner/i, 'on the client_id value');
  const cimdOnly = c.party === 'external-client-id';
  assert.equal(finding.message.includes('(external_client_id)'), cimdOnly, context);
  assert.ok(!finding.message.includes('…'), 'the client name is not clipped');
  const relatedSays = finding.related.map((r) => r.message).join(' | ');
  if (c.party !== 'is-first-party-false') assert.match(relatedSays, /external_client_id is set/, context);
  if (c.party !== 'external-client-id') assert.match(relatedSays, /is_first_party: false/, context);
  assert.equal(finding.fixes.length, fixOffered ? 1 : 0, context);
  if (fixOffered) assert.equal(finding.fixes[0]!.safety, want, context);
  return finding;
}

// ---------------------------------------------------------------- deploy-cli YAML

type YamlStyle = 'plain' | 'double' | 'single' | 'flow-map';

function yamlScalar(value: string, style: YamlStyle): string {
  // A plain scalar cannot start with `#` (a comment) or `@` (reserved): those are written quoted.
  if (style === 'double' || /^[#@]/.test(value)) return JSON.stringify(value);
  if (style === 'single') return `'${value}'`;
  return value;
}

function tenantYaml(c: Case, style: YamlStyle): string {
  const party = Object.entries(partyFields(c.party, false))
    .map(([k, v]) => `    ${k}: ${typeof v === 'string' ? JSON.stringify(v) : String(v)}\n`)
    .join('');
  const client = `clients:\n  - name: Partner Portal\n    app_type: regular_web\n${party}    grant_types: [authorization_code, client_credentials]\n`;
  const clientId = c.byName ? 'Partner Portal' : 'Partner0123456789abcdef';
  const audience = yamlScalar(c.audience.deploy, style === 'flow-map' ? 'plain' : style);
  const other = '  - client_id: Partner Portal\n    audience: https://api.example.com/orders\n';
  const grant =
    style === 'flow-map'
      ? `  - {client_id: ${clientId}, audience: ${audience}, scope: [read:users]}\n`
      : `  - client_id: ${clientId}\n    audience: ${audience}\n    scope:\n      - read:users\n`;
  return `${client}clientGrants:\n${other}${grant}`;
}

test('deploy-cli YAML clientGrants: every audience form and client party, plain, quoted and flow', () => {
  fc.assert(
    fc.property(caseArb, fc.constantFrom<YamlStyle>('plain', 'double', 'single', 'flow-map'), (c, style) => {
      const path = '/t/tenant.yaml';
      const text = tenantYaml(c, style);
      const result = lintText({ path, text });
      assert.deepEqual(result.findings.filter((f) => f.ruleId === 'parse-error'), [], text);
      const finding = checkFinding(c, result, text, true);
      if (!finding) return;
      const fixed = applyFix(text, result, finding.fixes[0]!);
      const after = lintText({ path, text: fixed });
      assert.deepEqual(after.findings.filter((f) => f.ruleId === 'parse-error' || f.ruleId === RULE), [], fixed);
      assert.equal(after.grants.length, 1, 'only the other grant is left');
      assert.ok(fixed.includes('https://api.example.com/orders'), fixed);
    }),
    { numRuns: 400 },
  );
});

// ---------------------------------------------------------------- deploy-cli directory

test('deploy-cli directory grants/*.json: every audience form and client party; no fix (it would delete a file)', () => {
  fc.assert(
    fc.property(caseArb, (c) => {
      const client = { name: 'Partner Portal', app_type: 'regular_web', ...partyFields(c.party, false), grant_types: ['authorization_code', 'client_credentials'] };
      const grant = { client_id: c.byName ? 'Partner Portal' : 'Partner0123456789abcdef', audience: c.audience.deploy, scope: ['read:users'] };
      const path = '/d/grants/partner.json';
      const texts = new Map([
        ['/d/clients/Partner-Portal.json', JSON.stringify(client, null, 2)],
        [path, JSON.stringify(grant, null, 2)],
      ]);
      const graph = new ProjectGraph(new MemoryProject(texts), { isReported: (p) => p === path });
      const result = lintText({ path, text: texts.get(path)!, links: graph.linksFor(path).links });
      checkFinding(c, result, texts.get(path)!, false);
    }),
    { numRuns: 300 },
  );
});

// ---------------------------------------------------------------- Terraform

function hclValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value).replace(/\\\$/g, '$') : String(value);
}

function terraformHcl(c: Case, bareVariable: boolean): string {
  const party = Object.entries(partyFields(c.party, true))
    .map(([k, v]) => `  ${k} = ${typeof v === 'string' && v.startsWith('${') ? v.slice(2, -1) : hclValue(v)}\n`)
    .join('');
  const clientId = c.byName ? 'auth0_client.partner_portal.id' : '"Partner0123456789abcdef"';
  // A wholly computed audience is written bare (`var.x`), as users do, or as a template.
  const whole = /^\$\{([^}]*)\}$/.exec(c.audience.terraform);
  const audience = whole && bareVariable ? whole[1]! : JSON.stringify(c.audience.terraform);
  return (
    `resource "auth0_client" "partner_portal" {\n  name        = "Partner Portal"\n  app_type    = "regular_web"\n${party}` +
    `  grant_types = ["authorization_code", "client_credentials"]\n}\n\n` +
    `resource "auth0_client_grant" "partner_management" {\n  client_id = ${clientId}\n  audience  = ${audience}\n  scopes    = ["read:users"]\n}\n`
  );
}

test('Terraform HCL auth0_client_grant: by reference and by literal id, every audience form; no fix (a resource)', () => {
  fc.assert(
    fc.property(caseArb, fc.boolean(), (c, bare) => {
      const text = terraformHcl(c, bare);
      const result = lintText({ path: '/m/main.tf', text });
      assert.deepEqual(result.findings.filter((f) => f.ruleId === 'parse-error'), [], text);
      checkFinding(c, result, text, false);
    }),
    { numRuns: 300 },
  );
});

test('Terraform JSON auth0_client_grant: by reference and by literal id, every audience form; no fix (a resource)', () => {
  fc.assert(
    fc.property(caseArb, (c) => {
      const client = { name: 'Partner Portal', app_type: 'regular_web', ...partyFields(c.party, true), grant_types: ['authorization_code', 'client_credentials'] };
      const grant = { client_id: c.byName ? '${auth0_client.partner_portal.id}' : 'Partner0123456789abcdef', audience: c.audience.terraform, scopes: ['read:users'] };
      const text = JSON.stringify({ resource: { auth0_client: { partner_portal: client }, auth0_client_grant: { partner_management: grant } } }, null, 2);
      const result = lintText({ path: '/m/main.tf.json', text });
      checkFinding(c, result, text, false);
    }),
    { numRuns: 300 },
  );
});

test('an unquoted keyword in a YAML audience keeps its place: the fix title names the host as written', () => {
  const text =
    'clients:\n  - name: Partner Portal\n    is_first_party: false\n    grant_types: [client_credentials]\n' +
    'clientGrants:\n  - client_id: Partner Portal\n    audience: https://##AUTH0_DOMAIN##/api/v2/\n';
  const [finding] = lintText({ path: '/t/tenant.yaml', text }).findings.filter((f) => f.ruleId === RULE);
  assert.ok(finding, 'reported');
  assert.equal(finding.fixes[0]!.safety, 'unsafe');
  assert.match(finding.fixes[0]!.title, /removes access to ##AUTH0_DOMAIN## if it is an API of your own/);
});
