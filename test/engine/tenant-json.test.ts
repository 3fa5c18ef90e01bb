/**
 * A deploy-cli tenant written in JSON or JSONC (a top-level object with a `clients` list of which a client has an
 * Auth0 client key) is read as the same tenant in YAML: its clients, its `clientGrants`, its `tenant.flags`. The
 * generator writes one tenant three ways: JSON(C), the same text as YAML (JSON is YAML; `//` comments become `# `,
 * so every offset stays), and block YAML. The first two give the same findings at the same line and column, the
 * third the same findings on the same values; fix all on the JSON keeps its comments, parses, changes
 * the tenant as on the YAML and is a fixed point.
 * A Keycloak-like file (clients without an Auth0 client key) stays silent in every writing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { grantsWithoutClientNotes, lintText, type LintResult } from '../../server/src/engine/lint';
import { fixAll } from '../../server/src/engine/fix/fix-all';
import { describeFinding } from '../helpers/lint';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const CLIENTS: readonly Record<string, Json>[] = [
  { app_type: 'spa', token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'client_credentials'] },
  { app_type: 'non_interactive', grant_types: ['authorization_code'] },
  { app_type: 'regular_web', is_first_party: false, grant_types: ['authorization_code', 'password'] },
  { app_type: 'regular_web', grant_types: ['authorization_code', 'http://auth0.com/oauth/legacy/grant-type/ro'] },
  { app_type: 'regular_web', oidc_conformant: true, token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code', 'refresh_token'] },
  { app_type: 'native', callbacks: ['myapp://cb'], grant_types: ['implicit', 'authorisation_code'] },
];

const AUDIENCES = ['https://acme.eu.auth0.com/api/v2/', 'https://api.example.com/'];

interface TenantShape {
  readonly clients: readonly number[];
  readonly grants: readonly { readonly client: number; readonly audience: number }[] | undefined;
  readonly flags: boolean | undefined;
  readonly comments: boolean;
  readonly indent: boolean;
}

const shapeArb: fc.Arbitrary<TenantShape> = fc.record({
  clients: fc.array(fc.nat(CLIENTS.length - 1), { minLength: 1, maxLength: 4 }),
  // A grant names a client by its index; one past the last names no client of the tenant.
  grants: fc.option(fc.array(fc.record({ client: fc.nat(4), audience: fc.nat(AUDIENCES.length - 1) }), { maxLength: 3 }), { nil: undefined }),
  flags: fc.option(fc.boolean(), { nil: undefined }),
  comments: fc.boolean(),
  indent: fc.boolean(),
});

function tenantOf(shape: TenantShape): Record<string, Json> {
  const value: Record<string, Json> = {};
  if (shape.flags !== undefined) value['tenant'] = { friendly_name: 'Acme', flags: { allow_legacy_ro_grant_types: shape.flags } };
  value['clients'] = shape.clients.map((kind, i) => ({ name: `App ${i}`, ...CLIENTS[kind]! }));
  if (shape.grants) value['clientGrants'] = shape.grants.map(({ client, audience }) => ({ client_id: `App ${client}`, audience: AUDIENCES[audience]!, scope: ['read:users'] }));
  return value;
}

/** JSON text, with a `// note N` line after every line that opens a list or object or ends an item (JSONC). */
function jsonText(value: Json, shape: TenantShape): string {
  const text = JSON.stringify(value, null, shape.indent ? 2 : undefined);
  if (!shape.comments || !shape.indent) return `${text}\n`;
  let n = 0;
  return `${text
    .split('\n')
    .flatMap((line) => (/[[{,]$/.test(line) ? [line, `${' '.repeat(line.length - line.trimStart().length)}// note ${n++}`] : [line]))
    .join('\n')}\n`;
}

/** The same text read as YAML: `# ` comments stand where `//` ones stood, at the same offsets. */
function asFlowYaml(json: string): string {
  return json.replace(/^([ \t]*)\/\/ /gm, '$1#  ');
}

/** Block YAML of a value (its strings double-quoted, as JSON writes them). */
function blockYaml(value: Json, indent = ''): string {
  if (Array.isArray(value)) return value.map((item) => `${indent}-${typeof item === 'object' && item !== null ? `\n${blockYaml(item, `${indent}  `)}` : ` ${JSON.stringify(item)}\n`}`).join('');
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([key, item]) => (typeof item === 'object' && item !== null && (!Array.isArray(item) || item.length > 0) ? `${indent}${key}:\n${blockYaml(item, `${indent}  `)}` : `${indent}${key}: ${JSON.stringify(item)}\n`))
      .join('');
  }
  return `${indent}${JSON.stringify(value)}\n`;
}

/** Each finding at its line and column, and the notes for grants without their client. */
function placed(path: string, text: string, result: LintResult): string[] {
  const notes = grantsWithoutClientNotes({ path, text }, result, () => 'f').map((note) => `note ${note.span.start} ${note.message}`);
  return [...result.findings.map((f) => `${describeFinding(text, f)} ${f.message}`), ...notes];
}

/** Each finding by the value it points at (quotes aside), so writings of other layouts compare. */
function byValue(text: string, result: LintResult): string[] {
  return result.findings.map((f) => `${f.ruleId} ${text.slice(f.span.start, f.span.end).replace(/^"|"$/g, '')} ${f.message}`);
}

test('a tenant in JSON or JSONC gives the findings of the same tenant in YAML, at the same places', () => {
  fc.assert(
    fc.property(shapeArb, fc.constantFrom('/t/tenant-export.json', '/t/acme.jsonc'), (shape, path) => {
      const value = tenantOf(shape);
      const json = jsonText(value, shape);
      const flow = asFlowYaml(json);
      const block = blockYaml(value);
      const fromJson = lintText({ path, text: json });
      const fromFlow = lintText({ path: '/t/tenant-export.yaml', text: flow });
      const fromBlock = lintText({ path: '/t/tenant-export.yaml', text: block });
      assert.deepEqual(fromJson.parsed.errors, []);
      assert.deepEqual(fromFlow.parsed.errors, []);
      assert.equal(fromJson.clients.length, shape.clients.length);
      // Every generated tenant holds a mistake but the clean client alone.
      assert.ok(fromJson.findings.length > 0 || shape.clients.every((kind) => kind === 4), json);
      assert.deepEqual(placed(path, json, fromJson), placed(path, flow, fromFlow));
      assert.deepEqual(byValue(json, fromJson), byValue(block, fromBlock));
      assert.equal(fromJson.grants.length, shape.grants?.length ?? 0);
    }),
    { numRuns: 150 },
  );
});

test('fix all on a JSON(C) tenant parses, keeps its comments, fixes as the YAML does and is a fixed point', () => {
  fc.assert(
    fc.property(shapeArb, fc.boolean(), (shape, unsafe) => {
      const value = tenantOf(shape);
      const json = jsonText(value, shape);
      const path = '/t/acme.jsonc';
      const fixed = fixAll({ path, text: json }, { unsafe });
      assert.deepEqual(lintText({ path, text: fixed.text }).parsed.errors, [], fixed.text);
      for (const comment of json.match(/\/\/ note \d+/g) ?? []) assert.ok(fixed.text.includes(comment), `${comment} lost:\n${fixed.text}`);
      assert.equal(fixAll({ path, text: fixed.text }, { unsafe }).text, fixed.text);
      // The same tenant once fixed (each writer renders the values it adds in its own syntax).
      const yaml = fixAll({ path: '/t/acme.yaml', text: asFlowYaml(json) }, { unsafe });
      assert.deepEqual(parseYaml(asFlowYaml(fixed.text)), parseYaml(yaml.text));
    }),
    { numRuns: 100 },
  );
});

test('the reported tenant-export.json: one client in JSON fails as the same bytes in YAML do', () => {
  const text = '{ "clients": [ {"name": "Shop", "app_type": "spa", "token_endpoint_auth_method": "none", "grant_types":\n   ["authorization_code", "client_credentials"]} ] }\n';
  for (const path of ['/t/tenant-export.json', '/t/tenant-export.yaml']) {
    const result = lintText({ path, text });
    assert.deepEqual(result.findings.map((f) => describeFinding(text, f)), ['2:27-2:47 error public-client-credentials'], path);
  }
});

test('Keycloak, Dex and Helm-like JSON (clients without an Auth0 client key) stays silent, as its YAML does', () => {
  const others: Json[] = [
    { realm: 'acme', clients: [{ clientId: 'web', redirectUris: ['https://x/*'], secret: 's', publicClient: false }] },
    { staticClients: [], clients: [{ id: 'example-app', secret: 'x', redirectURIs: ['http://127.0.0.1:5555/callback'], name: 'Example' }] },
    { clients: [{ name: 'Shop', grant_types_note: 'client_credentials' }, 'text', 7], clientGrants: [{ client_id: 'Shop', audience: AUDIENCES[0]! }] },
    { clients: [] },
    { clients: { Shop: { grant_types: ['client_credentials'] } } },
  ];
  for (const value of others) {
    for (const [path, text] of [
      ['/k/realm.json', JSON.stringify(value, null, 2)],
      ['/k/realm.jsonc', `// exported\n${JSON.stringify(value)}`],
      ['/k/realm.yaml', JSON.stringify(value, null, 2)],
    ] as const) {
      const result = lintText({ path, text });
      assert.equal(result.isClientConfig, false, `${path} ${text}`);
      assert.deepEqual(result.findings, [], `${path} ${text}`);
    }
  }
});

test('files of a deploy-cli directory keep their meaning: clients/*.json with a clients key is one client', () => {
  const text = JSON.stringify({ name: 'Odd', app_type: 'spa', token_endpoint_auth_method: 'none', grant_types: ['client_credentials'], clients: [{ name: 'Inner', grant_types: ['implicit'] }] });
  const result = lintText({ path: '/t/clients/Odd.json', text });
  assert.deepEqual(result.clients.map((c) => [c.name, c.source]), [['Odd', 'deploy-cli-directory']]);
});
