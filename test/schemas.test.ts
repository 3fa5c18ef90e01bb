/** The JSON schemas and the extension manifest name the same rules and grants as the engine. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { ALL_RULES } from '../server/src/engine/rules/index';
import { GRANTS, APP_TYPES } from '../server/src/engine/catalogue';

const root = join(__dirname, '..');
const schemaDir = join(root, 'schemas');
// Schemas are read as loose JSON: each test walks the keys it checks.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema files are untyped JSON, indexed freely below
type Schema = Record<string, any>;

function readJson(path: string): Schema {
  return JSON.parse(readFileSync(path, 'utf8')) as Schema;
}

const ruleIds = ALL_RULES.map((r) => r.id).sort();

test('every schema is valid JSON with a draft-07 $schema and an $id', () => {
  const files = readdirSync(schemaDir).filter((f) => f.endsWith('.json'));
  assert.deepEqual(files.sort(), ['auth0-client.schema.json', 'grantlintrc.schema.json', 'tenant.schema.json']);
  for (const file of files) {
    const schema = readJson(join(schemaDir, file));
    assert.equal(schema['$schema'], 'http://json-schema.org/draft-07/schema#', file);
    assert.match(String(schema['$id']), new RegExp(`/${file.replace(/\./g, '\\.')}$`), file);
  }
});

test('the .grantlintrc.json schema lists exactly the registry rule ids, at top level and in overrides', () => {
  const schema = readJson(join(schemaDir, 'grantlintrc.schema.json'));
  assert.equal(schema['additionalProperties'], false);
  assert.deepEqual(Object.keys(schema['properties']).sort(), ['$schema', 'ignore', 'legacyTenant', 'overrides', 'rules']);
  assert.deepEqual(Object.keys(schema['properties']['rules']['properties']).sort(), ruleIds);
  const override = schema['properties']['overrides']['items'];
  assert.deepEqual(Object.keys(override['properties']).sort(), ['files', 'pointer', 'rules']);
  assert.deepEqual(Object.keys(override['properties']['rules']['properties']).sort(), ruleIds);
});

test('the grantlint.rules setting lists exactly the registry rule ids', () => {
  const pkg = readJson(join(root, 'package.json'));
  const setting = pkg['contributes']['configuration']['properties']['grantlint.rules'];
  assert.deepEqual(Object.keys(setting['properties']).sort(), ruleIds);
});

test('the client schema offers every catalogue grant and app type for completion', () => {
  const schema = readJson(join(schemaDir, 'auth0-client.schema.json'));
  const items = schema['properties']['grant_types']['items'];
  const known = items['anyOf'][0];
  assert.deepEqual(known['enum'], GRANTS.map((g) => g.value));
  assert.equal(known['markdownEnumDescriptions'].length, GRANTS.length);
  // Unknown strings must stay valid for the schema: the linter reports them with a better message.
  assert.deepEqual(items['anyOf'][1], {});
  assert.deepEqual(schema['properties']['app_type']['anyOf'][0]['enum'], [...APP_TYPES]);
  assert.deepEqual(schema['properties']['token_endpoint_auth_method']['anyOf'][0]['enum'], ['none', 'client_secret_post', 'client_secret_basic']);
});

/** Whether a schema (draft-07 subset: type, enum, pattern, anyOf) accepts a value. */
function accepts(schema: Schema, value: unknown): boolean {
  if (Array.isArray(schema['anyOf'])) return (schema['anyOf'] as Schema[]).some((s) => accepts(s, value));
  if (Array.isArray(schema['enum']) && !(schema['enum'] as unknown[]).includes(value)) return false;
  const type = schema['type'];
  if (type !== undefined) {
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' ? 'number' : typeof value;
    if (!(Array.isArray(type) ? type : [type]).includes(actual)) return false;
  }
  if (typeof schema['pattern'] === 'string' && typeof value === 'string' && !new RegExp(schema['pattern']).test(value)) return false;
  if (Array.isArray(value) && schema['items']) return value.every((item) => accepts(schema['items'] as Schema, item));
  return true;
}

test('the client schema completes values but leaves what the rules check to the rules (no second error)', () => {
  const schema = readJson(join(schemaDir, 'auth0-client.schema.json'));
  const props = schema['properties'];
  // unknown-app-type, invalid-auth-method, grant-types-type and unknown-grant-type report these, with a fix.
  for (const value of ['spa', 'single_page_app', 'Regular Web', '', '@@APP_TYPE@@']) assert.ok(accepts(props['app_type'], value), `app_type ${value}`);
  for (const value of ['none', 'client_secret_jwt', 'private_key_jwt', '', null]) assert.ok(accepts(props['token_endpoint_auth_method'], value), `auth method ${value}`);
  for (const value of [['implicit'], ['authorisation_code', ''], [1, true], 'implicit', [], null]) assert.ok(accepts(props['grant_types'], value), `grant_types ${JSON.stringify(value)}`);
  // Completion still comes from the known values.
  assert.ok(props['app_type']['examples'].includes('spa'));
  assert.ok(props['token_endpoint_auth_method']['examples'].includes('client_secret_basic'));
});

test('the tenant schema refers to the client schema for its clients', () => {
  const schema = readJson(join(schemaDir, 'tenant.schema.json'));
  assert.equal(schema['properties']['clients']['items']['$ref'], './auth0-client.schema.json');
  const flags = schema['properties']['tenant']['properties']['flags']['properties'];
  assert.ok(flags['allow_legacy_ro_grant_types'] && flags['allow_legacy_delegation_grant_types']);
});

test('the manifest points at the schemas that exist', () => {
  const pkg = readJson(join(root, 'package.json'));
  const urls = [...pkg['contributes']['jsonValidation'], ...pkg['contributes']['yamlValidation']].map((v: Schema) => String(v['url']));
  assert.ok(urls.length >= 3);
  for (const url of urls) assert.ok(existsSync(join(root, url)), url);
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

/** deploy-cli replaces `@@KEY@@` before parsing, so the examples may hold it unquoted; JSON null stands in. */
function withoutKeywords(text: string): string {
  return text.replace(/@@[A-Za-z0-9_]+@@/g, 'null');
}

test('the example configs parse', () => {
  const dir = join(root, 'examples');
  const files = existsSync(dir) ? walk(dir).filter((f) => /\.(json|jsonc|ya?ml)$/.test(f)) : [];
  for (const file of files) {
    const text = withoutKeywords(readFileSync(file, 'utf8'));
    if (/\.ya?ml$/.test(file)) {
      for (const doc of parseAllDocuments(text)) assert.deepEqual(doc.errors, [], file);
      assert.ok(parseYaml(text) !== undefined, file);
    } else {
      const errors: ParseError[] = [];
      parseJsonc(text, errors, { allowTrailingComma: false });
      assert.deepEqual(errors, [], file);
    }
  }
});
