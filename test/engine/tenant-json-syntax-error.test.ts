/**
 * A deploy-cli directory whose `tenant.json` does not parse: the syntax error is reported on `tenant.json` (which
 * counts as a client config then), and its flags, read across the error, are not trusted (rule book: values
 * recovered across a syntax error are guesses). A legacy grant that a flag governs is then neither known to be
 * rejected (an error, whose removal --fix applies) nor known to be allowed: it is a warning that says the tenant's
 * flags cannot be read, with unsafe fixes only. `access_token`, which no flag governs, stays an error. Generated
 * over several ways of breaking the file, with the flag true, false or absent; among them the forms read exactly
 * that auth0-deploy-cli's JSON.parse refuses (comments, trailing commas). A byte order mark, which only a file read
 * from disk carries, is the golden `tenant-json-refused-flags`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixAll, lintText } from '../../server/src/engine/index';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { MemoryProject } from '../helpers/memory-project';

const RO = 'http://auth0.com/oauth/legacy/grant-type/ro';
const DELEGATION = 'http://auth0.com/oauth/legacy/grant-type/delegation/refresh_token';
const ACCESS_TOKEN = 'http://auth0.com/oauth/legacy/grant-type/access_token';

const FLAGS = [
  '{ "allow_legacy_ro_grant_types": true, "allow_legacy_delegation_grant_types": true }',
  '{ "allow_legacy_ro_grant_types": false }',
  '{ "enable_client_connections": false }',
];
/** Ways to break a tenant.json holding `flags`. */
const BREAKS: readonly ((flags: string) => string)[] = [
  (flags) => `{ "flags": ${flags} `, // the closing brace missing
  (flags) => `{ "friendly_name": "Acme" "flags": ${flags} }`, // a comma missing
  (flags) => `{ "flags": ${flags.replace(/true|false/, 'tru')} }`, // a value cut short
  (flags) => `{ "flags": ${flags}, }\n}`, // a stray brace after the object
  (flags) => `{ "flags": ${flags.replace(' }', ',, }')} }`, // two commas
  // Read exactly here, but refused by auth0-deploy-cli's JSON.parse: no deploy takes these flags as written.
  (flags) => `// the production tenant\n{ "flags": ${flags} }`,
  (flags) => `{\n  /* legacy */ "flags": ${flags}\n}`,
  (flags) => `{ "flags": ${flags} // kept for old apps\n}`,
  (flags) => `{ "flags": ${flags.replace(' }', ', }')} }`, // a comma before the flags' closing brace
  (flags) => `{ "flags": ${flags}, }`, // a comma before the file's closing brace
  (flags) => `[{ "flags": ${flags}, }]`.slice(1, -1), // the same, built another way
];

function lintDirectory(tenant: string, grants: readonly string[]): { client: ReturnType<typeof lintText>; tenant: ReturnType<typeof lintText>; clientText: string } {
  const clientText = JSON.stringify({ name: 'Old Portal', app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code', ...grants] }, null, 2);
  const texts = new Map([
    ['/t/tenant.json', tenant],
    ['/t/clients/Old Portal.json', clientText],
  ]);
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  const lint = (path: string) => lintText({ path, text: texts.get(path)!, links: graph.linksFor(path).links });
  return { client: lint('/t/clients/Old Portal.json'), tenant: lint('/t/tenant.json'), clientText };
}

test('a broken tenant.json gets its syntax error, and its flags are not trusted', () => {
  let count = 0;
  for (const flags of FLAGS) {
    for (const [b, brk] of BREAKS.entries()) {
      const text = brk(flags);
      const name = `break ${b}: ${text}`;
      const { client, tenant } = lintDirectory(text, [RO, DELEGATION, ACCESS_TOKEN]);
      assert.equal(tenant.isClientConfig, true, name);
      assert.ok(tenant.findings.length > 0 && tenant.findings.every((f) => f.ruleId === 'parse-error' && f.severity === 'error'), `${name}: ${JSON.stringify(tenant.findings.map((f) => f.ruleId))}`);
      const legacy = client.findings.filter((f) => f.ruleId === 'legacy-grant-type');
      assert.deepEqual(legacy.map((f) => f.severity), ['warning', 'warning', 'error'], name);
      for (const finding of legacy.slice(0, 2)) {
        assert.match(finding.message, /tenant\.json does not parse/, name);
        assert.ok(finding.fixes.every((fix) => fix.safety === 'unsafe'), name);
      }
      count++;
    }
  }
  assert.equal(count, FLAGS.length * BREAKS.length);
});

test('--fix with the broken tenant.json linked keeps the grants a flag may allow', () => {
  const clientText = JSON.stringify({ name: 'Old Portal', app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code', RO] }, null, 2);
  const texts = new Map([
    ['/t/tenant.json', '{ "flags": { "allow_legacy_ro_grant_types": true } '],
    ['/t/clients/Old Portal.json', clientText],
  ]);
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  const input = { path: '/t/clients/Old Portal.json', text: clientText, links: graph.linksFor('/t/clients/Old Portal.json').links };
  assert.equal(fixAll(input).text, clientText);
});

test('the same tenant.json, unbroken: flags as written (true: warning; false or absent: error), and no finding on it', () => {
  const cases: [string, string][] = [
    ['{ "flags": { "allow_legacy_ro_grant_types": true } }', 'warning'],
    ['{ "flags": { "allow_legacy_ro_grant_types": false } }', 'error'],
    ['{ "friendly_name": "Acme" }', 'error'],
  ];
  for (const [text, severity] of cases) {
    const { client, tenant } = lintDirectory(text, [RO]);
    assert.deepEqual(tenant.findings, [], text);
    assert.equal(tenant.isClientConfig, false, text);
    const legacy = client.findings.filter((f) => f.ruleId === 'legacy-grant-type');
    assert.deepEqual(legacy.map((f) => f.severity), [severity], text);
    assert.doesNotMatch(legacy[0]!.message, /does not parse/, text);
  }
});

test('a duplicate key in tenant.json: JSON.parse keeps the last one, so the flags are known as deployed', () => {
  const cases: [string, string][] = [
    ['{ "flags": { "allow_legacy_ro_grant_types": false, "allow_legacy_ro_grant_types": true } }', 'warning'],
    ['{ "flags": { "allow_legacy_ro_grant_types": true, "allow_legacy_ro_grant_types": false } }', 'error'],
    ['{ "flags": { "allow_legacy_ro_grant_types": false }, "flags": { "allow_legacy_ro_grant_types": true } }', 'warning'],
  ];
  for (const [text, severity] of cases) {
    const { client, tenant } = lintDirectory(text, [RO]);
    assert.deepEqual(tenant.findings.map((f) => [f.ruleId, f.severity]), [['parse-error', 'error']], text);
    assert.match(tenant.findings[0]!.message, /^Duplicate key/, text);
    const legacy = client.findings.filter((f) => f.ruleId === 'legacy-grant-type');
    assert.deepEqual(legacy.map((f) => f.severity), [severity], text);
    assert.doesNotMatch(legacy[0]!.message, /does not parse/, text);
  }
});

test('a broken tenant.json linted alone still gets its syntax error', () => {
  const result = lintText({ path: '/t/tenant.json', text: '{ "flags": { "allow_legacy_ro_grant_types": true } ' });
  assert.equal(result.isClientConfig, true);
  assert.deepEqual(result.findings.map((f) => f.ruleId), ['parse-error']);
});

test('an empty tenant.json (nothing, blanks, a byte order mark) is a parse-error and its flags are unknown', () => {
  for (const text of ['', '  \n', '\ufeff', '\r\n\t \r\n', '// the tenant\n', '/* flags later */']) {
    const name = JSON.stringify(text);
    const { client, tenant } = lintDirectory(text, [RO, ACCESS_TOKEN]);
    assert.equal(tenant.isClientConfig, true, name);
    assert.deepEqual(tenant.findings.map((f) => [f.ruleId, f.severity]), [['parse-error', 'error']], name);
    assert.match(tenant.findings[0]!.message, /tenant\.json holds no value; auth0-deploy-cli cannot read it/, name);
    assert.deepEqual(client.findings.filter((f) => f.ruleId === 'legacy-grant-type').map((f) => f.severity), ['warning', 'error'], name);
  }
});

test('an empty clients/*.json or grants/*.json stays clean (a file being created), unlike tenant.json', () => {
  for (const path of ['/t/clients/New.json', '/t/grants/New.json']) {
    for (const text of ['', ' \n']) assert.deepEqual(lintText({ path, text }).findings, [], `${path} ${JSON.stringify(text)}`);
  }
});
