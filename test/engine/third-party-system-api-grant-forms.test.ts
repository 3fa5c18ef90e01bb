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
 * The message states the system API as a fact ("may not be granted the Management API") only where the host may be
 * the tenant's Auth0 domain: a literal `<tenant>.auth0.com` or `<tenant>.<region>.auth0.com`, or a host with a
 * placeholder or interpolation. For a host written out that is no Auth0 domain (`https://reports.acme.com/api/v2/`)
 * it says that the audience ends like the system API's, and to silence the finding if the API is the user's own.
 * Besides the fixed audiences below, hosts are generated: Auth0 domains with and without a region (in any case),
 * custom hosts, hosts that only look like Auth0's (`acme-auth0.com`, `x.auth0.com.acme.io`), placeholders and
 * interpolations, as the whole host or a part of it.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { LineIndex, lintText, type LintFinding, type LintResult } from '../../server/src/engine/index';
import { messageWithNotes } from '../../server/src/service/finding-message';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { MemoryProject } from '../helpers/memory-project';
import { applyFix } from '../helpers/lint';
import { MAX_MESSAGE_LENGTH } from '../../server/src/engine/rules/messages';

before(() => loadHclParser());

const RULE = 'third-party-system-api-grant';

type Party = 'first' | 'is-first-party-false' | 'external-client-id' | 'external-client-id-unknown' | 'external-client-id-empty' | 'both';

/** An audience, in deploy-cli text and in Terraform text, with what the rule book says of it. */
interface Audience {
  readonly deploy: string;
  readonly terraform: string;
  /** Reported for a third-party client; with a safe removal (a literal Auth0 host) or an unsafe one. */
  readonly expect: 'safe' | 'unsafe' | 'silent';
  /**
   * How a finding names the system API: as a fact (the host may be the tenant's Auth0 domain), or as a guess (a
   * literal host that is no Auth0 domain: the audience only ends like the system API's identifier).
   */
  readonly says?: 'fact' | 'guess';
}

const AUDIENCES: readonly Audience[] = [
  { deploy: 'https://example.eu.auth0.com/api/v2/', terraform: 'https://example.eu.auth0.com/api/v2/', expect: 'safe', says: 'fact' },
  { deploy: 'https://example.auth0.com/me/', terraform: 'https://example.auth0.com/me/', expect: 'safe', says: 'fact' },
  { deploy: 'https://login.example.com/me/', terraform: 'https://login.example.com/me/', expect: 'unsafe', says: 'guess' },
  { deploy: 'https://##AUTH0_DOMAIN##/api/v2/', terraform: 'https://${var.domain}/api/v2/', expect: 'unsafe', says: 'fact' },
  { deploy: 'https://@@AUTH0_DOMAIN@@/api/v2/', terraform: 'https://${var.auth0_domain}/api/v2/', expect: 'unsafe', says: 'fact' },
  { deploy: 'https://##AUTH0_DOMAIN##/me/', terraform: 'https://${local.domain}/me/', expect: 'unsafe', says: 'fact' },
  { deploy: 'https://##TENANT##.eu.auth0.com/api/v2/', terraform: 'https://${var.tenant}.eu.auth0.com/api/v2/', expect: 'unsafe', says: 'fact' },
  { deploy: 'https://example.auth0.com/##API##/api/v2/', terraform: 'https://example.auth0.com/${var.prefix}/api/v2/', expect: 'unsafe', says: 'fact' },
  { deploy: 'https://##AUTH0_DOMAIN##/api/v2', terraform: 'https://${var.domain}/api/v2', expect: 'silent' },
  { deploy: 'https://example.eu.auth0.com/api/v2', terraform: 'https://example.eu.auth0.com/api/v2', expect: 'silent' },
  { deploy: 'https://##AUTH0_DOMAIN##/me', terraform: 'https://${var.domain}/me', expect: 'silent' },
  { deploy: '##MANAGEMENT_AUDIENCE##', terraform: '${var.management_audience}', expect: 'silent' },
  { deploy: 'https://example.auth0.com/##API_PATH##', terraform: 'https://example.auth0.com/${var.api_path}', expect: 'silent' },
  { deploy: 'https://example.auth0.com/api/##VERSION##/', terraform: 'https://example.auth0.com/api/${var.version}/', expect: 'silent' },
  { deploy: 'https://##AUTH0_DOMAIN##/orders/', terraform: 'https://${var.domain}/orders/', expect: 'silent' },
  // U42 #2: a company's own versioned API.
  { deploy: 'https://reports.acme.com/api/v2/', terraform: 'https://reports.acme.com/api/v2/', expect: 'unsafe', says: 'guess' },
];

type HostKind = 'auth0' | 'auth0-region' | 'custom' | 'lookalike' | 'placeholder' | 'placeholder-in-auth0' | 'placeholder-in-custom';

const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,14}[a-z0-9]$/);
const REGIONS = ['eu', 'us', 'au', 'jp', 'ca', 'uk'] as const;
const KEYWORDS = ['AUTH0_DOMAIN', 'TENANT', 'ENV', 'DOMAIN'] as const;
const VARIABLES = ['var.auth0_domain', 'var.tenant', 'local.domain', 'var.env'] as const;

/** A host name in any case: hosts are case-insensitive, so `Acme.EU.Auth0.com` is an Auth0 domain too. */
function anyCase(host: string, upper: readonly boolean[]): string {
  return [...host].map((char, i) => (upper[i % upper.length] ? char.toUpperCase() : char)).join('');
}

/** An audience of a generated host and a system API's path (or the same path without its final slash). */
const generatedAudienceArb: fc.Arbitrary<Audience> = fc
  .record({
    kind: fc.constantFrom<HostKind>('auth0', 'auth0-region', 'custom', 'lookalike', 'placeholder', 'placeholder-in-auth0', 'placeholder-in-custom'),
    tenant: label,
    region: fc.constantFrom(...REGIONS),
    labels: fc.array(label.filter((l) => l !== 'auth0'), { minLength: 1, maxLength: 3 }),
    tld: fc.constantFrom('com', 'io', 'de', 'co.uk', 'example', 'internal'),
    lookalike: fc.nat(3),
    keyword: fc.constantFrom(...KEYWORDS),
    at: fc.boolean(),
    variable: fc.constantFrom(...VARIABLES),
    upper: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
    // Mostly a system API's path; sometimes the same without its final slash, which is no system API.
    path: fc.oneof({ arbitrary: fc.constantFrom('/api/v2/', '/me/'), weight: 3 }, { arbitrary: fc.constantFrom('/api/v2', '/me'), weight: 1 }),
  })
  .map(({ kind, tenant, region, labels, tld, lookalike, keyword, at, variable, upper, path }): Audience => {
    const custom = `${labels.join('.')}.${tld}`;
    const placeholder = at ? `@@${keyword}@@` : `##${keyword}##`;
    const interpolation = `\${${variable}}`;
    const hosts: Record<HostKind, readonly [deploy: string, terraform: string]> = {
      auth0: [anyCase(`${tenant}.auth0.com`, upper), anyCase(`${tenant}.auth0.com`, upper)],
      'auth0-region': [anyCase(`${tenant}.${region}.auth0.com`, upper), anyCase(`${tenant}.${region}.auth0.com`, upper)],
      custom: [custom, custom],
      lookalike: (() => {
        const host = [`${tenant}-auth0.com`, `${tenant}auth0.com`, `${tenant}.auth0.com.${custom}`, `auth0.${custom}`][lookalike]!;
        return [host, host] as const;
      })(),
      placeholder: [placeholder, interpolation],
      'placeholder-in-auth0': [`${placeholder}.${region}.auth0.com`, `${interpolation}.${region}.auth0.com`],
      'placeholder-in-custom': [`${labels[0]!}.${placeholder}.${tld}`, `${labels[0]!}.${interpolation}.${tld}`],
    };
    const [deployHost, terraformHost] = hosts[kind];
    if (!path.endsWith('/')) return { deploy: `https://${deployHost}${path}`, terraform: `https://${terraformHost}${path}`, expect: 'silent' };
    const literalAuth0 = kind === 'auth0' || kind === 'auth0-region';
    const guess = kind === 'custom' || kind === 'lookalike';
    return { deploy: `https://${deployHost}${path}`, terraform: `https://${terraformHost}${path}`, expect: literalAuth0 ? 'safe' : 'unsafe', says: guess ? 'guess' : 'fact' };
  });

interface Case {
  readonly party: Party;
  readonly audience: Audience;
  /** The grant names the client (by name, or by reference in Terraform), or a literal id no client has. */
  readonly byName: boolean;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  party: fc.constantFrom<Party>('first', 'is-first-party-false', 'external-client-id', 'external-client-id-unknown', 'external-client-id-empty', 'both'),
  audience: fc.oneof(fc.constantFrom(...AUDIENCES), generatedAudienceArb),
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
  assert.ok(!finding.message.includes('…'), 'the client name is not clipped');
  assert.ok(finding.message.length <= MAX_MESSAGE_LENGTH, context);
  const api = c.audience.deploy.endsWith('/me/') ? 'the My Account API' : 'the Management API';
  if (c.audience.says === 'guess') {
    // A literal host that is no Auth0 domain: the system API is a guess, not a fact; what makes the client
    // third-party is in related information (checked below).
    assert.doesNotMatch(finding.message, /may not be granted/, context);
    assert.equal(finding.message, `Audience of third-party client 'Partner Portal' ends like ${api}'s; if it is your own API, silence this.`, context);
  } else {
    assert.equal(c.audience.says, 'fact', context);
    assert.equal(finding.message, `Third-party client 'Partner Portal'${cimdOnly ? ' (external_client_id)' : ''} may not be granted ${api}; remove this ${cimdOnly ? 'grant' : 'client grant'}.`, context);
  }
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

test('a held fix\'s note keeps what the message says of an audience of a host of ones own: it ends like the system API\'s', () => {
  // A suppression comment before the client, where it silences nothing: the grant's finding holds its fix and says
  // so in a note, for which the message is cut at a clause.
  const text =
    'clients:\n  # grantlint-disable-next-line third-party-system-api-grant\n  - name: Partner Reports\n' +
    '    is_first_party: false\n    grant_types: [client_credentials]\n' +
    'clientGrants:\n  - client_id: Partner Reports\n    audience: https://reports.acme.com/api/v2/\n';
  const [finding] = lintText({ path: '/t/tenant.yaml', text }).findings.filter((f) => f.ruleId === RULE);
  assert.ok(finding, 'reported');
  const lines = new LineIndex(text);
  const message = messageWithNotes(finding, (offset) => lines.positionAt(offset));
  assert.ok(message.length <= MAX_MESSAGE_LENGTH, message);
  assert.match(message, /^Audience of third-party client 'Partner Reports' ends like the Management API's\. \(no fix: [^)]*comment on line 2/, message);
});
