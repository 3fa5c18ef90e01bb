/**
 * Every rule that reads a nested Terraform block finds it however it is written: HCL as a block (`x { … }`) or an
 * object attribute (`x = { … }`), Terraform JSON as an object or a list holding one object, nested blocks inside
 * those written either way (generated, fast-check). The same client gives the same findings in every form.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { lintText } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

type Value = string | number | boolean | readonly string[] | Block;
interface Block {
  readonly [key: string]: Value;
}

interface NestedCase {
  readonly client: Block;
  /** The nested settings of the auth0_client resource. */
  readonly blocks: Block;
  /** The nested settings of its auth0_client_credentials resource. */
  readonly credentialBlocks: Block;
  readonly expected: readonly string[];
}

const isBlock = (value: Value): value is Block => typeof value === 'object' && !Array.isArray(value);
const TOKEN_VAULT = 'urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token';

/** A strict third-party client and an M2M-less SPA: each nested setting breaks one rule. */
const CASES: readonly NestedCase[] = [
  {
    client: { app_type: 'regular_web', is_first_party: false, third_party_security_mode: 'strict', oidc_conformant: true, grant_types: ['authorization_code'] },
    blocks: { jwt_configuration: { alg: 'HS256' } },
    credentialBlocks: {},
    expected: ['third-party-token-settings:error'],
  },
  {
    client: { app_type: 'regular_web', is_first_party: false, third_party_security_mode: 'strict', oidc_conformant: true, grant_types: ['authorization_code', 'refresh_token'] },
    blocks: { refresh_token: { rotation_type: 'rotating', expiration_type: 'non-expiring' } },
    credentialBlocks: {},
    expected: ['third-party-token-settings:error'],
  },
  {
    client: { app_type: 'spa', oidc_conformant: true, grant_types: ['authorization_code', 'refresh_token'] },
    blocks: { token_quota: { client_credentials: { enforce: true, per_day: 1000 } } },
    credentialBlocks: {},
    expected: ['token-quota-without-client-credentials:hint'],
  },
  {
    client: { app_type: 'regular_web', oidc_conformant: true, grant_types: ['authorization_code'] },
    blocks: {},
    credentialBlocks: { token_vault_privileged_access: { ip_allowlist: ['10.0.0.0/8'] } },
    expected: ['token-vault-privileged-access:error'],
  },
  {
    client: { app_type: 'regular_web', oidc_conformant: true, grant_types: ['authorization_code'] },
    blocks: { refresh_token: { rotation_type: 'rotating', expiration_type: 'expiring', policies: { audience: 'https://api.example.com/' } } },
    credentialBlocks: {},
    expected: ['refresh-token-policies:warning'],
  },
  {
    // The control: the Token Vault grant is there, so nothing fires.
    client: { app_type: 'regular_web', oidc_conformant: true, grant_types: ['authorization_code', TOKEN_VAULT] },
    blocks: {},
    credentialBlocks: { token_vault_privileged_access: { ip_allowlist: ['10.0.0.0/8'] } },
    expected: [],
  },
];

function hclValue(value: Value, asBlock: (depth: number) => boolean, depth: number, indent: string): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map((v: string) => JSON.stringify(v)).join(', ')}]`;
  return `{\n${hclBody(value as Block, asBlock, depth + 1, `${indent}  `)}${indent}}`;
}

/**
 * HCL body lines; a nested object is written as a block or as an object attribute, as `asBlock` says per depth
 * (below an object attribute only attributes).
 */
function hclBody(body: Block, asBlock: (depth: number) => boolean, depth: number, indent: string): string {
  return Object.entries(body)
    .map(([key, value]) => {
      if (isBlock(value) && asBlock(depth)) return `${indent}${key} ${hclValue(value, asBlock, depth, indent)}\n`;
      // Inside an object expression every nested value is an expression too: no blocks.
      return `${indent}${key} = ${hclValue(value, () => false, depth, indent)}\n`;
    })
    .join('');
}

function jsonValue(value: Value, asList: (depth: number) => boolean, depth: number): unknown {
  if (!isBlock(value)) return value;
  const object = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValue(v, asList, depth + 1)]));
  return asList(depth) ? [object] : object;
}

function hclModule(c: NestedCase, asBlock: (depth: number) => boolean): string {
  const client = `resource "auth0_client" "app" {\n  name = "App"\n${hclBody(c.client, () => true, 0, '  ')}${hclBody(c.blocks, asBlock, 0, '  ')}}\n`;
  const method = c.client['app_type'] === 'spa' ? 'none' : 'client_secret_post';
  const credentials = { authentication_method: method, ...c.credentialBlocks };
  return `${client}\nresource "auth0_client_credentials" "app" {\n  client_id = auth0_client.app.id\n${hclBody(credentials, asBlock, 0, '  ')}}\n`;
}

function jsonModule(c: NestedCase, asList: (depth: number) => boolean): string {
  const client = { name: 'App', ...c.client, ...Object.fromEntries(Object.entries(c.blocks).map(([k, v]) => [k, jsonValue(v, asList, 0)])) };
  const method = c.client['app_type'] === 'spa' ? 'none' : 'client_secret_post';
  const credentials = { client_id: '${auth0_client.app.id}', authentication_method: method, ...Object.fromEntries(Object.entries(c.credentialBlocks).map(([k, v]) => [k, jsonValue(v, asList, 0)])) };
  return JSON.stringify({ resource: { auth0_client: { app: client }, auth0_client_credentials: { app: credentials } } }, null, 2);
}

const WATCHED = new Set(['third-party-token-settings', 'token-quota-without-client-credentials', 'token-vault-privileged-access', 'refresh-token-policies']);

function found(path: string, text: string): string[] {
  const result = lintText({ path, text });
  assert.deepEqual(result.findings.filter((f) => f.ruleId === 'parse-error'), [], text);
  return result.findings
    .filter((f) => WATCHED.has(f.ruleId))
    .map((f) => `${f.ruleId}:${f.severity}`)
    .sort();
}

test('Terraform HCL: nested settings as blocks or object attributes, at every depth, give the same findings', () => {
  fc.assert(
    fc.property(fc.constantFrom(...CASES), fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), (c, blockAt) => {
      const text = hclModule(c, (depth) => blockAt[depth] ?? true);
      assert.deepEqual(found('/m/main.tf', text), c.expected, text);
    }),
    { numRuns: 120 },
  );
});

test('Terraform JSON: nested blocks as objects or lists of one object, at every depth, give the same findings', () => {
  fc.assert(
    fc.property(fc.constantFrom(...CASES), fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), (c, listAt) => {
      const text = jsonModule(c, (depth) => listAt[depth] ?? false);
      assert.deepEqual(found('/m/main.tf.json', text), c.expected, text);
    }),
    { numRuns: 120 },
  );
});
