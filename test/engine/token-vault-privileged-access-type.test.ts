/**
 * token_vault_privileged_access set to no object (generated, fast-check): every JSON type other than an object (a
 * boolean, a number, a string, a list, of any items) is named in a note on the `token_vault_privileged_access` key,
 * where it used to pass without a word, and token-vault-privileged-access does not judge the client (the setting
 * asks for nothing known), in deploy-cli YAML (block and flow, anchored and aliased, merged),
 * Management API JSON, deploy-cli directory JSON, JSONC, Terraform HCL (`= true` against a block) and Terraform JSON.
 * An object (in Terraform a block, or a list of blocks) is judged by its requirements as before; null (in HCL: not
 * set), a placeholder and a computed value (a variable, a conditional, a `dynamic` block, an interpolation) are
 * unknown and stay silent, as the rule book says; so does an empty Terraform list (no block).
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { lintText } from '../../server/src/engine/index';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { fileNoteSpans } from '../../server/src/service/notes';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

const RULE = 'token-vault-privileged-access';

/** A value of the setting: known JSON (no object at the top), an object, null, or unknown. */
type Setting = { readonly kind: 'json'; readonly value: unknown } | { readonly kind: 'object' } | { readonly kind: 'null' } | { readonly kind: 'unknown' };

/** JSON values other than objects, lists holding anything (objects too). */
const scalar = fc.oneof(fc.boolean(), fc.integer({ min: -5, max: 1000 }), fc.constantFrom(0.5, 1e3), fc.constantFrom('enabled', 'true', '10.0.0.0/8', '', 'yes'));
const notObject = fc.oneof(scalar, fc.array(fc.oneof(scalar, fc.constant({ ip_allowlist: ['10.0.0.0/8'] })), { maxLength: 3 }));

const KINDS: Record<string, string> = { boolean: 'a boolean', number: 'a number', string: 'a string' };

/** The kind the message names for a known value that is no object. */
function kindOf(value: unknown): string {
  return Array.isArray(value) ? 'a list' : KINDS[typeof value]!;
}

/** What the rule says: the mistyped message naming `kind`, the requirements message, or nothing. */
type Want = { readonly mistyped: string } | 'requirements' | undefined;

function check(path: string, text: string, want: Want, clients = 1): void {
  const input = { path, text };
  const result = lintText(input);
  assert.deepEqual(result.findings.filter((f) => f.ruleId === 'parse-error'), [], `the generated file parses:\n${text}`);
  const found = result.findings.filter((f) => f.ruleId === RULE);
  const notes = fileNoteSpans({ ...input, settings: DEFAULT_SETTINGS }, result, (p) => p).filter((n) => n.message.startsWith('token_vault_privileged_access is '));
  if (want === undefined) {
    assert.deepEqual(found, [], text);
    assert.deepEqual(notes, [], text);
    return;
  }
  if (want === 'requirements') {
    assert.equal(found.length, clients, text);
    for (const finding of found) assert.match(finding.message, /^Token Vault privileged access needs /, text);
    assert.deepEqual(notes, [], text);
    return;
  }
  // Mistyped: the requirements are not judged (the setting asks for nothing known), and a note says so at the key.
  assert.deepEqual(found, [], text);
  const written = [...text.matchAll(/token_vault_privileged_access/g)].length;
  assert.ok(notes.length >= 1 && notes.length <= Math.min(clients, written), `${notes.length} notes:\n${text}`);
  for (const note of notes) {
    // At the key, or at the merge key that brings it into the client.
    assert.match(text.slice(note.span.start, note.span.end).replace(/"/g, ''), /^(token_vault_privileged_access|<<: \*base)$/, text);
    assert.match(note.message, new RegExp(`^token_vault_privileged_access is ${want.mistyped}, not (an object \\(Auth0|a block \\(terraform plan) rejects it\\): its rule does not judge this client$`), text);
  }
}

/** The expectation for a setting outside Terraform: any known value but an object or null is mistyped. */
function wanted(setting: Setting): Want {
  if (setting.kind === 'json') return { mistyped: kindOf(setting.value) };
  return setting.kind === 'object' ? 'requirements' : undefined;
}

const OBJECT = { ip_allowlist: ['10.0.0.0/8'] };

/** The setting as a JSON value (unknown: a deploy-cli placeholder). */
function jsonValue(setting: Setting, placeholder: string): unknown {
  return setting.kind === 'json' ? setting.value : setting.kind === 'object' ? OBJECT : setting.kind === 'null' ? null : placeholder;
}

/** A YAML node for a JSON value, flow or block, at `indent` spaces under its key. */
function yamlNode(value: unknown, flow: boolean, indent: number): string {
  if (value === null) return ' null';
  if (Array.isArray(value)) {
    if (flow || value.length === 0) return ` ${JSON.stringify(value)}`;
    return value.map((item) => `\n${' '.repeat(indent)}- ${yamlNode(item, true, indent + 2).trimStart()}`).join('');
  }
  if (typeof value === 'object') return flow ? ` ${JSON.stringify(value)}` : `\n${' '.repeat(indent)}ip_allowlist: ['10.0.0.0/8']`;
  // Strings double-quoted (a plain `true` or `yes` reads otherwise), placeholders plain.
  return ` ${typeof value === 'string' && !value.startsWith('@@') ? JSON.stringify(value) : String(value)}`;
}

const yamlSetting: fc.Arbitrary<Setting> = fc.oneof(
  notObject.map((value): Setting => ({ kind: 'json', value })),
  fc.constant<Setting>({ kind: 'object' }),
  fc.constant<Setting>({ kind: 'null' }),
  fc.constant<Setting>({ kind: 'unknown' }),
);

const CLIENT = (name: string) => `  - name: ${name}\n    app_type: regular_web\n    token_endpoint_auth_method: client_secret_post\n    oidc_conformant: true\n    grant_types: [authorization_code]\n`;

test('deploy-cli YAML: block and flow values, an anchor and its alias, a merge key', () => {
  fc.assert(
    fc.property(yamlSetting, fc.boolean(), fc.constantFrom('own', 'alias', 'merge'), (setting, flow, shape) => {
      const node = yamlNode(jsonValue(setting, '@@TV_ACCESS@@'), flow, 6);
      let text: string;
      if (shape === 'own') text = `clients:\n${CLIENT('Worker')}    token_vault_privileged_access:${node}\n`;
      else if (shape === 'alias') {
        // The anchored value on one client, its alias on the other: both are judged.
        const anchored = node.startsWith('\n') ? ` &tv${node}` : ` &tv${node}`;
        text = `clients:\n${CLIENT('Worker')}    token_vault_privileged_access:${anchored}\n${CLIENT('Other')}    token_vault_privileged_access: *tv\n`;
      } else text = `base: &base\n  token_vault_privileged_access:${node.replace(/\n {6}/g, '\n    ')}\nclients:\n${CLIENT('Worker')}    <<: *base\n`;
      check('/t/tenant.yaml', text, wanted(setting), shape === 'alias' ? 2 : 1);
    }),
    { numRuns: 300 },
  );
});

const jsonSetting: fc.Arbitrary<Setting> = yamlSetting;

test('Management API JSON, deploy-cli directory JSON and JSONC: every JSON type', () => {
  fc.assert(
    fc.property(jsonSetting, fc.constantFrom('/p/client.json', '/t/clients/Worker.json', '/p/client.jsonc'), (setting, path) => {
      const client = { name: 'Worker', app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post', oidc_conformant: true, grant_types: ['authorization_code'], token_vault_privileged_access: jsonValue(setting, '##TV_ACCESS##') };
      let text = JSON.stringify(client, null, 2);
      if (path.endsWith('.jsonc')) text = text.replace('"token_vault_privileged_access"', '// privileged worker\n  "token_vault_privileged_access"');
      check(path, text, wanted(setting));
    }),
    { numRuns: 200 },
  );
});

/** Terraform forms: a known value, a block (or blocks), not set, computed, no block. */
type TfForm = 'json' | 'block' | 'object-attribute' | 'two-blocks' | 'null' | 'variable' | 'conditional' | 'interpolation' | 'dynamic' | 'unknown-item' | 'empty-list';

const tfForm = fc.constantFrom<TfForm>('block', 'object-attribute', 'two-blocks', 'null', 'variable', 'conditional', 'interpolation', 'dynamic', 'unknown-item', 'empty-list');

/** The rule's answer for a Terraform form (a known list holding anything but blocks is mistyped). */
function tfWanted(form: TfForm, value: unknown): Want {
  if (form === 'json') {
    if (Array.isArray(value) && (value.length === 0 || value.every((item) => typeof item === 'object'))) return value.length === 0 ? undefined : 'requirements';
    return { mistyped: kindOf(value) };
  }
  return form === 'block' || form === 'object-attribute' || form === 'two-blocks' ? 'requirements' : undefined;
}

/** An HCL expression for a JSON value (a negative number is an operation to the reader, computed: written positive). */
function hcl(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(hcl).join(', ')}]`;
  if (value !== null && typeof value === 'object') return '{ ip_allowlist = ["10.0.0.0/8"] }';
  return JSON.stringify(typeof value === 'number' ? Math.abs(value) : value);
}

function hclSetting(form: TfForm, value: unknown): string {
  switch (form) {
    case 'json':
      return `  token_vault_privileged_access = ${hcl(value)}\n`;
    case 'block':
      return '  token_vault_privileged_access {\n    ip_allowlist = ["10.0.0.0/8"]\n  }\n';
    case 'object-attribute':
      return '  token_vault_privileged_access = { ip_allowlist = ["10.0.0.0/8"] }\n';
    case 'two-blocks':
      return '  token_vault_privileged_access {\n    ip_allowlist = ["10.0.0.0/8"]\n  }\n  token_vault_privileged_access {\n    ip_allowlist = ["10.0.0.1"]\n  }\n';
    case 'null':
      return '  token_vault_privileged_access = null\n';
    case 'variable':
      return '  token_vault_privileged_access = var.tv_access\n';
    case 'conditional':
      return '  token_vault_privileged_access = local.privileged ? true : false\n';
    case 'interpolation':
      return '  token_vault_privileged_access = "${var.tv_access}"\n';
    case 'dynamic':
      return '  dynamic "token_vault_privileged_access" {\n    for_each = var.tv_access\n    content {\n      ip_allowlist = token_vault_privileged_access.value\n    }\n  }\n';
    case 'unknown-item':
      return '  token_vault_privileged_access = [var.tv_access]\n';
    case 'empty-list':
      return '  token_vault_privileged_access = []\n';
  }
}

const HCL_CLIENT = 'resource "auth0_client" "worker" {\n  name            = "Worker"\n  app_type        = "regular_web"\n  oidc_conformant = true\n  grant_types     = ["authorization_code"]\n}\n';

test('Terraform HCL: `token_vault_privileged_access = true` and every other known non-object against a block; computed values silent', () => {
  fc.assert(
    fc.property(fc.oneof(notObject.map((value) => ({ form: 'json' as TfForm, value })), tfForm.map((form) => ({ form, value: undefined as unknown }))), ({ form, value }) => {
      const text = `${HCL_CLIENT}resource "auth0_client_credentials" "worker" {\n  client_id             = auth0_client.worker.id\n  authentication_method = "client_secret_post"\n${hclSetting(form, value)}}\n`;
      check('/m/main.tf', text, tfWanted(form, value));
    }),
    { numRuns: 300 },
  );
});

test('Terraform JSON: a known non-object against an object or a list of blocks; interpolations silent', () => {
  const forms: Partial<Record<TfForm, unknown>> = { block: [OBJECT], 'object-attribute': OBJECT, 'two-blocks': [OBJECT, OBJECT], null: null, interpolation: '${var.tv_access}', 'unknown-item': ['${var.tv_access}'], 'empty-list': [] };
  fc.assert(
    fc.property(fc.oneof(notObject.map((value) => ({ form: 'json' as TfForm, value })), fc.constantFrom(...(Object.keys(forms) as TfForm[])).map((form) => ({ form, value: forms[form] }))), ({ form, value }) => {
      const module = {
        resource: {
          auth0_client: { worker: { name: 'Worker', app_type: 'regular_web', oidc_conformant: true, grant_types: ['authorization_code'] } },
          auth0_client_credentials: { worker: { client_id: '${auth0_client.worker.id}', authentication_method: 'client_secret_post', token_vault_privileged_access: value } },
        },
      };
      check('/m/main.tf.json', JSON.stringify(module, null, 2), tfWanted(form, value));
    }),
    { numRuns: 300 },
  );
});
