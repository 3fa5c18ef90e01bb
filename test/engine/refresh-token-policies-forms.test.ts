/**
 * refresh-token-policies judges every way Terraform writes `refresh_token.policies` alike (generated, fast-check):
 * HCL one `policies {}` block (an object), repeated blocks (a list), the attribute `policies = [{...}]`; Terraform
 * JSON the block as an object or a list of objects; `refresh_token` itself as a block, an object or a list of one.
 * An object is one policy. The finding sits on the `policies` key, the add-grant fix removes it and keeps the file
 * readable, and computed policies (`dynamic`, a variable) stay silent. Elsewhere (deploy-cli YAML) an object is not
 * a list of policies and is not judged.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { lintText, type LintFinding } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { applyFix } from '../helpers/lint';

before(() => loadHclParser());

const RULE = 'refresh-token-policies';

type Party = 'first' | 'third' | 'cimd' | 'computed';
type Grants = 'with-refresh' | 'without-refresh' | 'absent' | 'computed-item';
type HclPolicies = 'one-block' | 'two-blocks' | 'attribute-list' | 'attribute-object' | 'dynamic' | 'variable' | 'empty-list';
type JsonPolicies = 'object' | 'list-one' | 'list-two' | 'interpolation' | 'empty-list';

interface Case {
  readonly party: Party;
  readonly grants: Grants;
  readonly comments: boolean;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  party: fc.constantFrom<Party>('first', 'third', 'cimd', 'computed'),
  grants: fc.constantFrom<Grants>('with-refresh', 'without-refresh', 'absent', 'computed-item'),
  comments: fc.boolean(),
});

const POLICY = { audience: 'https://api.example.com/', scope: ['read:orders'] };

/** The rule book's answer: `error`, `warning` (with whether the add-grant fix is offered), or nothing. */
function expected(c: Case, configured: boolean): { severity: 'error' | 'warning'; fix: boolean } | undefined {
  if (!configured) return undefined;
  if (c.party === 'third') return { severity: 'error', fix: false };
  if (c.party === 'cimd') return { severity: 'warning', fix: false };
  if (c.grants === 'without-refresh') return { severity: 'warning', fix: true };
  return undefined;
}

const configuredHcl = (p: HclPolicies) => p !== 'dynamic' && p !== 'variable' && p !== 'empty-list';
const configuredJson = (p: JsonPolicies) => p !== 'interpolation' && p !== 'empty-list';

function hclPolicies(form: HclPolicies, comment: string): string {
  const block = `    policies {${comment}\n      audience = "https://api.example.com/"\n      scope    = ["read:orders"]\n    }\n`;
  switch (form) {
    case 'one-block':
      return block;
    case 'two-blocks':
      return block + block.replace('read:orders', 'write:orders');
    case 'attribute-list':
      return `    policies = [${comment}\n      { audience = "https://api.example.com/", scope = ["read:orders"] },\n    ]\n`;
    case 'attribute-object':
      return `    policies = { audience = "https://api.example.com/", scope = ["read:orders"] }${comment}\n`;
    case 'dynamic':
      return `    dynamic "policies" {\n      for_each = var.policies\n      content {\n        audience = policies.value.audience\n      }\n    }\n`;
    case 'variable':
      return `    policies = var.policies${comment}\n`;
    case 'empty-list':
      return `    policies = []${comment}\n`;
  }
}

function hclClient(c: Case, form: HclPolicies): string {
  const comment = c.comments ? ' # MRRT' : '';
  const lines = ['resource "auth0_client" "orders" {', '  name     = "Orders"', '  app_type = "regular_web"'];
  if (c.party === 'third') lines.push('  is_first_party = false');
  if (c.party === 'cimd') lines.push('  external_client_id = "https://partner.example.com/client.json"');
  if (c.party === 'computed') lines.push('  is_first_party = var.first_party');
  if (c.grants === 'with-refresh') lines.push(`  grant_types = ["authorization_code", "refresh_token"]${comment}`);
  if (c.grants === 'without-refresh') lines.push(`  grant_types = [${comment ? `${comment}\n    ` : ''}"authorization_code",\n  ]`);
  if (c.grants === 'computed-item') lines.push('  grant_types = ["authorization_code", var.grant]');
  if (c.comments) lines.push('  // refresh tokens');
  lines.push('  refresh_token {', '    rotation_type   = "rotating"', '    expiration_type = "expiring"');
  return `${lines.join('\n')}\n${hclPolicies(form, comment)}  }\n}\n`;
}

function jsonClient(c: Case, form: JsonPolicies, refreshAsList: boolean): string {
  const body: Record<string, unknown> = { name: 'Orders', app_type: 'regular_web' };
  if (c.party === 'third') body['is_first_party'] = false;
  if (c.party === 'cimd') body['external_client_id'] = 'https://partner.example.com/client.json';
  if (c.party === 'computed') body['is_first_party'] = '${var.first_party}';
  if (c.grants === 'with-refresh') body['grant_types'] = ['authorization_code', 'refresh_token'];
  if (c.grants === 'without-refresh') body['grant_types'] = ['authorization_code'];
  if (c.grants === 'computed-item') body['grant_types'] = ['authorization_code', '${var.grant}'];
  const policies = { object: POLICY, 'list-one': [POLICY], 'list-two': [POLICY, { ...POLICY, scope: ['write:orders'] }], interpolation: '${var.policies}', 'empty-list': [] }[form];
  const refresh = { rotation_type: 'rotating', expiration_type: 'expiring', policies };
  body['refresh_token'] = refreshAsList ? [refresh] : refresh;
  return JSON.stringify({ resource: { auth0_client: { orders: body } } }, null, 2);
}

function check(path: string, text: string, want: ReturnType<typeof expected>): void {
  const result = lintText({ path, text });
  assert.deepEqual(result.findings.filter((f) => f.ruleId === 'parse-error'), [], 'the generated file parses');
  const found = result.findings.filter((f) => f.ruleId === RULE);
  if (!want) {
    assert.deepEqual(found, [], text);
    return;
  }
  assert.equal(found.length, 1, text);
  const finding: LintFinding = found[0]!;
  assert.equal(finding.severity, want.severity, text);
  assert.match(text.slice(finding.span.start, finding.span.end), /^"?policies"?$/, 'the finding sits on the policies key');
  assert.equal(finding.fixes.length, want.fix ? 1 : 0, text);
  if (!want.fix) return;
  const fix = finding.fixes[0]!;
  assert.equal(fix.safety, 'unsafe', 'adding a grant is unsafe');
  const fixed = applyFix(text, result, fix);
  const after = lintText({ path, text: fixed });
  assert.deepEqual(after.findings.filter((f) => f.ruleId === 'parse-error' || f.ruleId === RULE), [], fixed);
  assert.match(fixed, /refresh_token"?\s*[\],]/, 'the grant was added to the list');
}

test('Terraform HCL: every form of policies is judged alike, on the policies key', () => {
  const forms: HclPolicies[] = ['one-block', 'two-blocks', 'attribute-list', 'attribute-object', 'dynamic', 'variable', 'empty-list'];
  fc.assert(
    fc.property(caseArb, fc.constantFrom(...forms), (c, form) => {
      check('/m/main.tf', hclClient(c, form), expected(c, configuredHcl(form)));
    }),
    { numRuns: 300 },
  );
});

test('Terraform JSON: policies as an object or a list of objects, refresh_token as an object or a list of one', () => {
  const forms: JsonPolicies[] = ['object', 'list-one', 'list-two', 'interpolation', 'empty-list'];
  fc.assert(
    fc.property(caseArb, fc.constantFrom(...forms), fc.boolean(), (c, form, refreshAsList) => {
      check('/m/main.tf.json', jsonClient(c, form, refreshAsList), expected(c, configuredJson(form)));
    }),
    { numRuns: 300 },
  );
});

test('the reported HCL block form: an error on a third-party client, a warning without the grant', () => {
  const third = hclClient({ party: 'third', grants: 'without-refresh', comments: false }, 'one-block');
  check('/m/main.tf', third, { severity: 'error', fix: false });
  const first = hclClient({ party: 'first', grants: 'without-refresh', comments: false }, 'one-block');
  check('/m/main.tf', first, { severity: 'warning', fix: true });
});

test('deploy-cli YAML and JSON: an object is not a list of policies, and is not judged', () => {
  const yaml = 'clients:\n  - name: SPA\n    app_type: spa\n    is_first_party: false\n    grant_types: [authorization_code]\n    refresh_token:\n      policies:\n        audience: https://api.example.com/\n';
  assert.deepEqual(lintText({ path: '/t/tenant.yaml', text: yaml }).findings.filter((f) => f.ruleId === RULE), []);
  // The control: the same client with a list is reported.
  const listed = yaml.replace('        audience:', '        - audience:');
  assert.deepEqual(lintText({ path: '/t/tenant.yaml', text: listed }).findings.map((f) => `${f.ruleId}:${f.severity}`).filter((f) => f.startsWith(RULE)), [`${RULE}:error`]);
  const json = JSON.stringify({ name: 'SPA', app_type: 'spa', grant_types: ['authorization_code'], refresh_token: { policies: POLICY } });
  assert.deepEqual(lintText({ path: '/d/clients/spa.json', text: json }).findings.filter((f) => f.ruleId === RULE), []);
});
