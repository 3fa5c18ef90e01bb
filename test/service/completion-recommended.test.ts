/**
 * What grant completion ranks first or marks recommended never gives the client a new error, for every grant of
 * the catalogue on generated clients (fast-check): app types, auth methods, `oidc_conformant` true, false or absent,
 * first- or third-party, a metadata-document client, and grants already listed, in deploy-cli YAML and Terraform
 * HCL (the method on a credentials resource), with the rules at their own severities or all raised to error. The item is applied as an editor applies it, and the file linted
 * again: no error-level finding appears that was not there. A grant the client does not meet the needs of (Device
 * Code without `oidc_conformant`, on an app that is not native, or not public) is still listed, not recommended,
 * saying what it needs (`needs app_type native and oidc_conformant`), and where its requirements rule refuses it, says
 * so and what it needs (`not allowed: needs oidc_conformant`).
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { applyTextEdits, DEFAULT_SETTINGS, GRANTS, lintText, type FileSettings } from '../../server/src/engine/index';
import { CLIENT_RULES } from '../../server/src/engine/rules/index';
import { analyze } from '../../server/src/service/analysis';
import { completionsAt, type CompletionEntry } from '../../server/src/service/completion';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
/** Every rule raised to error (as a strict config may): a grant's information or warning then is a new error. */
const STRICT: FileSettings = { ...DEFAULT_SETTINGS, rules: new Map(CLIENT_RULES.map((rule) => [rule.id, 'error'] as const)) };
const VALUES = GRANTS.map((info) => info.value);

interface Client {
  readonly appType: string | undefined;
  readonly method: string | undefined;
  readonly oidc: boolean | undefined;
  readonly firstParty: boolean | undefined;
  readonly external: boolean;
  readonly grants: readonly string[];
  readonly strict: boolean;
}

const clientArb: fc.Arbitrary<Client> = fc.record({
  appType: fc.constantFrom(undefined, 'spa', 'native', 'regular_web', 'non_interactive', 'express_configuration', 'resource_server'),
  method: fc.constantFrom(undefined, 'none', 'client_secret_post', 'client_secret_basic'),
  oidc: fc.constantFrom(undefined, true, false),
  firstParty: fc.constantFrom(undefined, true, false),
  external: fc.boolean(),
  grants: fc.subarray(VALUES.slice(0, 16), { maxLength: 3 }),
  strict: fc.boolean(),
});

/** The file with the cursor (`|`) where the next grant goes. */
function yamlFile(c: Client): string {
  const lines = ['clients:', '  - name: Generated'];
  if (c.appType) lines.push(`    app_type: ${c.appType}`);
  if (c.method) lines.push(`    token_endpoint_auth_method: ${c.method}`);
  if (c.oidc !== undefined) lines.push(`    oidc_conformant: ${c.oidc}`);
  if (c.firstParty !== undefined) lines.push(`    is_first_party: ${c.firstParty}`);
  if (c.external) lines.push('    external_client_id: https://partner.example.com/client.json');
  lines.push(`    grant_types: [${c.grants.map((g) => JSON.stringify(g)).join(', ')}${c.grants.length > 0 ? ', ' : ''}|]`);
  return `${lines.join('\n')}\n`;
}

function hclFile(c: Client): string {
  const lines = ['resource "auth0_client" "generated" {', '  name = "Generated"'];
  if (c.appType) lines.push(`  app_type = "${c.appType}"`);
  if (c.oidc !== undefined) lines.push(`  oidc_conformant = ${c.oidc}`);
  if (c.firstParty !== undefined) lines.push(`  is_first_party = ${c.firstParty}`);
  if (c.external) lines.push('  external_client_id = "https://partner.example.com/client.json"');
  lines.push(`  grant_types = [${c.grants.map((g) => JSON.stringify(g)).join(', ')}${c.grants.length > 0 ? ', ' : ''}|]`, '}');
  if (c.method) lines.push('resource "auth0_client_credentials" "generated" {', '  client_id = auth0_client.generated.id', `  authentication_method = "${c.method}"`, '}');
  return `${lines.join('\n')}\n`;
}

/** The error-level findings of a file, as `rule: message`, counted. */
function errors(path: string, text: string, settings: FileSettings): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of lintText({ path, text, settings }).findings) {
    if (finding.severity !== 'error') continue;
    const key = `${finding.ruleId}: ${finding.message}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The error findings applying `item` adds to the file. */
function newErrors(path: string, text: string, item: CompletionEntry, settings: FileSettings): string[] {
  const edits = [{ start: item.edit.span.start, end: item.edit.span.end, newText: item.edit.newText }, ...(item.additionalEdits ?? [])];
  const before = errors(path, text, settings);
  const after = errors(path, applyTextEdits(text, edits), settings);
  return [...after].filter(([key, count]) => count > (before.get(key) ?? 0)).map(([key]) => key);
}

let ranked = 0;

function check(path: string, file: string, c: Client): void {
  const offset = file.indexOf('|');
  const text = file.replace('|', '');
  const settings = c.strict ? STRICT : DEFAULT_SETTINGS;
  const analysis = analyze({ path, text, settings })!;
  const items = completionsAt(analysis, offset)!;
  // Every grant of the catalogue not listed yet is offered.
  assert.deepEqual(items.map((i) => i.label).sort(), VALUES.filter((v) => !c.grants.includes(v)).sort(), text);
  const sorted = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText));
  const added = new Map(sorted.map((item) => [item, newErrors(path, text, item, settings)]));
  for (const item of sorted.filter((i) => i.detail.endsWith('· recommended'))) {
    ranked++;
    assert.deepEqual(added.get(item), [], `${text}\n${item.label} (${item.detail}) gives a new error`);
  }
  // The first is one that gives none, where one does (a metadata-document client holding its two grants has none).
  const first = sorted[0];
  if (first && [...added.values()].some((found) => found.length === 0)) assert.deepEqual(added.get(first), [], `${text}\n${first.label} (${first.detail}), ranked first, gives a new error`);
  // Device Code on a client that does not meet its needs: listed, never recommended, saying what it needs.
  const device = items.find((i) => i.label === DEVICE_CODE);
  if (device && !device.detail.endsWith('· not allowed') && c.appType === 'native' && c.method === 'none' && c.oidc === undefined) {
    assert.match(device.detail, /· needs oidc_conformant$/, text);
  }
  // Refused by its requirements rule on a first-party client that is not a metadata-document one: the detail says what
  // it lacks (`not allowed: needs app_type native and oidc_conformant`), as the allowed ones do.
  const requirementsOnly = !c.external && c.firstParty !== false;
  if (device && requirementsOnly && device.detail.includes('· not allowed')) {
    if (c.oidc === false) assert.match(device.detail, /· not allowed: needs .*oidc_conformant/, text);
    if (c.appType !== undefined && c.appType !== 'native') assert.match(device.detail, /· not allowed: needs .*app_type native/, text);
  }
  if (device && !requirementsOnly) assert.doesNotMatch(device.detail, /not allowed: needs/, `a client that may not hold it at all: ${text}`);
  // Confidential where no method is set but in Terraform on a SPA or native app (the provider's create-time method).
  const confidential = c.method === undefined ? !(path.endsWith('.tf') && (c.appType === 'native' || c.appType === 'spa')) : c.method !== 'none';
  if (device && (c.oidc !== true || (c.appType !== undefined && c.appType !== 'native') || confidential)) assert.doesNotMatch(device.detail, /recommended/, text);
}

test('deploy-cli YAML: the first and the recommended grants never give a new error', () => {
  fc.assert(
    fc.property(clientArb, (c) => check('/t/tenant.yaml', yamlFile(c), c)),
    { numRuns: 250 },
  );
  assert.ok(ranked > 250);
});

test('Terraform HCL: the same, the method on the credentials resource', () => {
  fc.assert(
    fc.property(clientArb, (c) => check('/m/main.tf', hclFile(c), c)),
    { numRuns: 150 },
  );
});

test('the reported client: Device Code on a native app without oidc_conformant says what it needs, and is not first', () => {
  const file = 'clients:\n  - name: TV\n    app_type: native\n    token_endpoint_auth_method: none\n    grant_types: [authorization_code, |]\n';
  const items = completionsAt(analyze({ path: '/t/tenant.yaml', text: file.replace('|', ''), settings: DEFAULT_SETTINGS })!, file.indexOf('|'))!;
  const device = items.find((i) => i.label === DEVICE_CODE)!;
  assert.equal(device.detail, 'Device Code · needs oidc_conformant');
  assert.match(device.documentation, /^\*\*Allowed, once the client has what it needs: oidc_conformant: true\.\*\*/);
  const sorted = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText));
  assert.equal(sorted[0]!.label, 'refresh_token');
  // Without app_type native either.
  const web = 'clients:\n  - name: TV\n    app_type: regular_web\n    grant_types: [authorization_code, |]\n';
  const webItems = completionsAt(analyze({ path: '/t/tenant.yaml', text: web.replace('|', ''), settings: DEFAULT_SETTINGS })!, web.indexOf('|'))!;
  assert.match(webItems.find((i) => i.label === DEVICE_CODE)!.detail, /^Device Code · (not allowed: )?needs app_type native, token_endpoint_auth_method none and oidc_conformant$/);
});
