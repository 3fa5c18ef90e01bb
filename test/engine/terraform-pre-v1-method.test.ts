/**
 * `token_endpoint_auth_method` written on a Terraform `auth0_client`: auth0 provider versions before 1.0 read the
 * client's auth method there (v1 moved it to `auth0_client_credentials.authentication_method` and rejects it on
 * the client at plan time). A client that writes it is read with that method, as the same client in a Management
 * API payload is, never with the provider's create-time default; a computed value (or `null`) is unknown, and so
 * is the method of a client that also has a credentials resource (no provider version applies both). Generated
 * over HCL and `.tf.json`, one-line and multi-line grant lists, every app type, literal and computed methods, and
 * credentials absent, in the same file or in another file of the module; safe fixes add nothing and never remove
 * a grant the written method lets the client use.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { fixAll, lintText, type LintResult } from '../../server/src/engine/index';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';
import { applyFix } from '../helpers/lint';

before(() => loadHclParser());

type Syntax = 'hcl' | 'json';
type Layout = 'one-line' | 'multi-line';
type Credentials = 'none' | 'same-file' | 'other-file';

/** A method as written: a literal, or a computed value (by syntax) that no rule may judge. */
interface Method {
  readonly literal?: string;
  readonly hcl: string;
  readonly json: unknown;
}

const LITERALS = ['none', 'client_secret_post', 'client_secret_basic'];
const METHODS: readonly Method[] = [
  ...LITERALS.map((m) => ({ literal: m, hcl: JSON.stringify(m), json: m })),
  { hcl: 'var.auth_method', json: '${var.auth_method}' },
  { hcl: 'local.methods["kiosk"]', json: '${local.methods["kiosk"]}' },
  { hcl: '"${var.auth_method}"', json: '${var.auth_method}' },
  { hcl: 'var.public ? "none" : "client_secret_post"', json: '${var.public ? "none" : "client_secret_post"}' },
  { hcl: 'null', json: null },
];
const APP_TYPES = ['spa', 'native', 'regular_web', 'non_interactive'];
const GRANT_LISTS = [['client_credentials'], ['authorization_code', 'client_credentials'], ['authorization_code', 'refresh_token']];

function hclClient(appType: string, method: Method, grants: readonly string[], layout: Layout): string {
  const list =
    layout === 'one-line'
      ? `[${grants.map((g) => JSON.stringify(g)).join(', ')}]`
      : `[\n${grants.map((g, i) => `    ${JSON.stringify(g)},${i === 0 ? ' # first' : ''}`).join('\n')}\n  ]`;
  return [
    '# Written for the auth0 provider before 1.0.',
    'resource "auth0_client" "kiosk" {',
    '  name                       = "Kiosk"',
    `  app_type                   = "${appType}"`,
    `  token_endpoint_auth_method = ${method.hcl}`,
    `  grant_types                = ${list}`,
    '}',
    '',
  ].join('\n');
}

const HCL_CREDENTIALS = 'resource "auth0_client_credentials" "kiosk" {\n  client_id             = auth0_client.kiosk.id\n  authentication_method = "client_secret_post"\n}\n';
const JSON_CREDENTIALS = { auth0_client_credentials: { kiosk: { client_id: '${auth0_client.kiosk.id}', authentication_method: 'client_secret_post' } } };

function jsonClient(appType: string, method: Method, grants: readonly string[], layout: Layout, credentials: boolean): string {
  const client = { auth0_client: { kiosk: { name: 'Kiosk', app_type: appType, token_endpoint_auth_method: method.json, grant_types: grants } } };
  const resource = credentials ? { ...client, ...JSON_CREDENTIALS } : client;
  return JSON.stringify({ resource }, null, layout === 'one-line' ? undefined : 2) + '\n';
}

/** The module's files (main first) for one generated case. */
function moduleOf(syntax: Syntax, appType: string, method: Method, grants: readonly string[], layout: Layout, credentials: Credentials): Map<string, string> {
  if (syntax === 'hcl') {
    const main = hclClient(appType, method, grants, layout);
    if (credentials === 'none') return new Map([['/m/main.tf', main]]);
    if (credentials === 'same-file') return new Map([['/m/main.tf', `${main}\n${HCL_CREDENTIALS}`]]);
    return new Map([['/m/main.tf', main], ['/m/credentials.tf', HCL_CREDENTIALS]]);
  }
  const main = jsonClient(appType, method, grants, layout, credentials === 'same-file');
  if (credentials !== 'other-file') return new Map([['/m/main.tf.json', main]]);
  return new Map([['/m/main.tf.json', main], ['/m/credentials.tf.json', JSON.stringify({ resource: JSON_CREDENTIALS }) + '\n']]);
}

function lintMain(texts: Map<string, string>): { input: Parameters<typeof lintText>[0]; result: LintResult } {
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  const [path, text] = [...texts][0]!;
  const input = { path, text, links: graph.linksFor(path).links };
  return { input, result: lintText(input) };
}

/** The same client as a Management API payload: there the attribute is the method (a placeholder: unknown). */
function payloadRuleIds(appType: string, method: string, grants: readonly string[]): string[] {
  const text = JSON.stringify({ name: 'Kiosk', app_type: appType, token_endpoint_auth_method: method, grant_types: grants });
  return lintText({ path: '/p/client.json', text }).findings.map((f) => f.ruleId).sort();
}

const METHOD_RULES = new Set(['public-client-credentials', 'secret-on-public-app-type', 'public-app-type-without-none', 'invalid-auth-method', 'device-code-requirements', 'ciba-requirements', 'cimd-auth-method']);

function* cases(): Generator<{ name: string; syntax: Syntax; appType: string; method: Method; grants: readonly string[]; layout: Layout; credentials: Credentials }> {
  for (const syntax of ['hcl', 'json'] as const)
    for (const layout of ['one-line', 'multi-line'] as const)
      for (const credentials of ['none', 'same-file', 'other-file'] as const)
        for (const appType of APP_TYPES)
          for (const method of METHODS)
            for (const grants of GRANT_LISTS) {
              const name = `${syntax} ${layout} credentials:${credentials} ${appType} ${method.hcl} [${grants.join(',')}]`;
              yield { name, syntax, appType, method, grants, layout, credentials };
            }
}

test('a written method is read as a Management API payload reads it; computed, null or beside a credentials resource it is unknown', () => {
  let count = 0;
  for (const c of cases()) {
    const { result } = lintMain(moduleOf(c.syntax, c.appType, c.method, c.grants, c.layout, c.credentials));
    const ids = result.findings.map((f) => f.ruleId).sort();
    const known = c.method.literal !== undefined && c.credentials === 'none';
    assert.deepEqual(ids, payloadRuleIds(c.appType, known ? c.method.literal! : '@@AUTH_METHOD@@', c.grants), c.name);
    if (!known) assert.ok(!ids.some((id) => METHOD_RULES.has(id)), c.name);
    count++;
  }
  assert.equal(count, 2 * 2 * 3 * APP_TYPES.length * METHODS.length * GRANT_LISTS.length);
});

test('findings on the method point at the written value; its fixes edit it in place', () => {
  for (const syntax of ['hcl', 'json'] as const) {
    const texts = moduleOf(syntax, 'native', METHODS[1]!, ['authorization_code'], 'one-line', 'none');
    const { result } = lintMain(texts);
    const text = [...texts.values()][0]!;
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['secret-on-public-app-type'], syntax);
    const finding = result.findings[0]!;
    assert.equal(text.slice(finding.span.start, finding.span.end), '"client_secret_post"', syntax);
    assert.match(finding.message, /token_endpoint_auth_method/, syntax);
    const setNone = finding.fixes.find((f) => /token_endpoint_auth_method to 'none'/.test(f.title));
    assert.ok(setNone, `${syntax}: ${finding.fixes.map((f) => f.title).join('; ')}`);
    const fixed = applyFix(text, result, setNone);
    assert.equal(fixed, text.replace('"client_secret_post"', '"none"'), syntax);
  }
});

test('the reported module: a native kiosk with a secret keeps client_credentials under --fix', () => {
  for (const syntax of ['hcl', 'json'] as const) {
    const texts = moduleOf(syntax, 'native', METHODS[1]!, ['client_credentials'], 'one-line', 'none');
    const { input, result } = lintMain(texts);
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['secret-on-public-app-type'], syntax);
    assert.equal(fixAll(input).text, input.text, syntax);
  }
});

test('safe fixes add nothing and remove no grant that a written secret method lets the client use', () => {
  for (const c of cases()) {
    const { input } = lintMain(moduleOf(c.syntax, c.appType, c.method, c.grants, c.layout, c.credentials));
    const fixed = fixAll(input).text;
    for (const grant of ['authorization_code', 'refresh_token', 'client_credentials', 'implicit']) {
      if (!input.text.includes(`"${grant}"`)) assert.ok(!fixed.includes(`"${grant}"`), `${c.name}: added ${grant}`);
    }
    assert.ok(!fixed.includes('authentication_method') || input.text.includes('authentication_method'), `${c.name}: added a method`);
    const secret = c.method.literal !== undefined && c.method.literal !== 'none';
    if (secret || c.method.literal === undefined || c.credentials !== 'none') assert.equal(fixed, input.text, c.name);
  }
});
