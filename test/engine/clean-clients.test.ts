/**
 * A large tenant repeats a few configurations thousands of times, so lintText checks a client only when no
 * client with the same facts (engine/client.ts, factsKey) was found clean before it. That is sound only if the
 * rules see nothing of a client but its fact fields: these tests check both the shortcut and that premise.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { FACT_FIELDS, factsKey } from '../../server/src/engine/client';
import { lintText } from '../../server/src/engine/index';
import { generateAnchoredTenantYaml } from '../helpers/anchored-tenant-generator';
import { configFiles } from '../helpers/lint';
import { generateClientsJson, generateTenantYaml } from '../helpers/tenant-generator';
import { clientsArb, renderJson, renderYaml, styleArb, type Value } from '../robustness/generators';
import { checkCleanClients } from '../robustness/invariants';

const REPO = join(__dirname, '..', '..');

test('every client of every file has the findings it has when checked alone', () => {
  const files = [...configFiles(join(REPO, 'test', 'fixtures')), ...configFiles(join(REPO, 'examples')), ...configFiles(join(REPO, '..', 'shared', 'corpus'))];
  assert.ok(files.length > 50, `${files.length} files`);
  for (const file of files) assert.deepEqual(checkCleanClients(file, readFileSync(file, 'utf8')), [], file);
  for (const seed of [1, 2, 3]) {
    assert.deepEqual(checkCleanClients('/tenant/tenant.yaml', generateTenantYaml({ clients: 400, seed, invalidShare: 0.3 })), [], `YAML ${seed}`);
    assert.deepEqual(checkCleanClients('/export/clients.json', generateClientsJson({ clients: 400, seed })), [], `JSON ${seed}`);
  }
});

/** Fields no rule reads, with values that would matter if one did. */
const OTHER_FIELDS: readonly (readonly [string, Value])[] = [
  ['description', { t: 'str', v: 'implicit grant for the legacy app' }],
  ['callbacks', { t: 'list', items: [{ t: 'str', v: 'https://app.example.com/callback' }] }],
  ['logo_uri', { t: 'str', v: 'password' }],
  ['client_metadata', { t: 'map', entries: [['alg', { t: 'str', v: 'HS256' }], ['token_quota', { t: 'str', v: 'client_credentials' }]] }],
  ['organization_usage', { t: 'str', v: 'require' }],
  ['custom_login_page_on', { t: 'bool', v: true }],
  ['initiate_login_uri', { t: 'null' }],
];

function decorated(client: Value, extra: readonly (readonly [string, Value])[]): Value {
  if (client.t !== 'map') return client;
  const taken = new Set(client.entries.map(([key]) => key));
  return { t: 'map', entries: [...extra.filter(([key]) => !taken.has(key)), ...client.entries] };
}

test('fields outside the fact fields change neither the facts key nor the rules that fire', () => {
  let sameKey = 0;
  fc.assert(
    fc.property(clientsArb, styleArb, fc.subarray([...OTHER_FIELDS], { minLength: 1 }), (clients, style, extra) => {
      assert.ok(extra.every(([key]) => !FACT_FIELDS.has(key)));
      // Each client twice: plain, then with the other fields (the second copy may be skipped as clean).
      const all = [...clients, ...clients.map((c) => decorated(c, extra))];
      for (const [path, text] of [['/tenant/tenant.yaml', renderYaml(all, style)], ['/export/clients.json', renderJson(all, style)]] as const) {
        const result = lintText({ path, text });
        assert.equal(result.clients.length, all.length, text);
        const n = clients.length;
        for (let i = 0; i < n; i++) {
          const plain = result.clients[i]!;
          const other = result.clients[i + n]!;
          // (A placeholder may be written quoted in one copy and bare in the other: its text, and so the key, differ.)
          if (factsKey(plain, false) === factsKey(other, false)) sameKey++;
          const rules = (index: number) => (result.clientFindings[index] ?? []).map((f) => f.ruleId).sort();
          assert.deepEqual(rules(i + n), rules(i), `client ${i}\n${text}`);
        }
        assert.deepEqual(checkCleanClients(path, text), [], text);
      }
    }),
    { seed: 8080, numRuns: 300 },
  );
  assert.ok(sameKey > 300, `${sameKey} decorated copies had the plain copy's key`);
});

test('clients with the same facts are checked once, and a different fact value is checked again', () => {
  const one = (grants: string) => `  - name: App\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: [${grants}]\n`;
  const text = `clients:\n${one('authorization_code')}${one('authorization_code')}${one('implicit')}${one('authorization_code')}`;
  const result = lintText({ path: 'tenant.yaml', text });
  assert.deepEqual(result.clientFindings.map((f) => f.map((x) => x.ruleId)), [[], [], ['implicit-grant'], []]);
  assert.notEqual(factsKey(result.clients[0]!, false), factsKey(result.clients[2]!, false));
  assert.equal(factsKey(result.clients[0]!, false), factsKey(result.clients[1]!, false));
  assert.notEqual(factsKey(result.clients[0]!, false), factsKey(result.clients[0]!, true), 'the rule context is part of the key');
});

test('a client differing from a clean one only in a 2026 client setting is checked again', () => {
  // Each setting makes its rule fire on a client that is clean without it: the memo must not skip the second copy.
  const settings: readonly (readonly [string, string, string])[] = [
    ['jwt_configuration', 'jwt_configuration: {alg: HS256}', 'third-party-token-settings'],
    ['token_vault_privileged_access', 'token_vault_privileged_access: {ip_allowlist: [10.0.0.0/8]}', 'token-vault-privileged-access'],
    ['async_approval_notification_channels', 'async_approval_notification_channels: [email]', 'ciba-channels-without-ciba'],
    ['token_quota', 'token_quota: {client_credentials: {per_day: 10}}', 'token-quota-without-client-credentials'],
    ['refresh_token', 'refresh_token: {policies: [{audience: "https://api.example.com/"}]}', 'refresh-token-policies'],
    ['external_client_id', 'external_client_id: https://app.example.com/client.json', 'cimd-auth-method'],
  ];
  for (const [field, line, ruleId] of settings) {
    assert.ok(FACT_FIELDS.has(field), field);
    const client = (extra: string) =>
      `  - name: Partner\n    app_type: regular_web\n    is_first_party: false\n    token_endpoint_auth_method: client_secret_post\n    oidc_conformant: true\n    grant_types: [authorization_code]\n${extra}`;
    const text = `clients:\n${client('')}${client(`    ${line}\n`)}`;
    const result = lintText({ path: 'tenant.yaml', text });
    assert.deepEqual(result.clientFindings[0]!.map((f) => f.ruleId), [], `${field}: the first client is clean`);
    assert.deepEqual(result.clientFindings[1]!.map((f) => f.ruleId), [ruleId], field);
  }
});

test('fields outside the fact fields, brought in by aliases and merge keys, change no finding; merged facts change the key', () => {
  // Fields no rule reads, shared through an anchor and merged into every second client of a generated tenant.
  const shared = 'x-other: &other\n  description: implicit grant for the legacy app\n  callbacks: [https://app.example.com/callback]\n  logo_uri: password\n  custom_login_page_on: true\n';
  for (let seed = 1; seed <= 60; seed++) {
    const text = generateAnchoredTenantYaml(6, seed);
    const plain = lintText({ path: '/t/tenant.yaml', text });
    let n = 0;
    const decorated = shared + text.replace(/^ {2}- name: (.*)$/gm, (line) => (n++ % 2 === 0 ? `${line}\n    <<: *other` : line));
    const result = lintText({ path: '/t/tenant.yaml', text: decorated });
    assert.deepEqual(result.parsed.errors, [], decorated);
    const rules = (r: typeof plain) => r.clientFindings.map((f) => f.map((x) => x.ruleId).sort());
    assert.deepEqual(rules(result), rules(plain), decorated);
    assert.deepEqual(checkCleanClients('/t/tenant.yaml', decorated), [], decorated);
  }
  // A merged auth method is part of what the rules see: two clients that differ only by it differ in key.
  const text = 'x: &pub {token_endpoint_auth_method: none}\ny: &conf {token_endpoint_auth_method: client_secret_post}\nclients:\n  - name: A\n    <<: *pub\n    app_type: spa\n    grant_types: [client_credentials]\n  - name: A\n    <<: *conf\n    app_type: spa\n    grant_types: [client_credentials]\n';
  const result = lintText({ path: '/t/tenant.yaml', text });
  assert.notEqual(factsKey(result.clients[0]!, false), factsKey(result.clients[1]!, false));
  assert.deepEqual(result.clientFindings.map((f) => f.map((x) => x.ruleId)), [['public-client-credentials'], ['secret-on-public-app-type']]);
});
