/**
 * Exports of `GET /api/v2/clients`: the plain array, and a page of it (`include_totals=true`: `start`, `limit`,
 * `length`, `total`; checkpoint pagination: `next`), in JSON and YAML, are linted client by client. An object with a
 * `clients` list and other keys is no export (a deploy-cli tenant when its clients are Auth0's, else nothing). The tenant's global client
 * (`"global": true`), which every such export holds, is no application: it is not judged, and a note says so
 * (globalClientNotes), in exports, pages, `clients/*.json` and a payload of its own.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { globalClientNotes } from '../../server/src/engine/discover';
import { lintText } from '../../server/src/engine/lint';

const SPA = { name: 'Storefront', app_type: 'spa', token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'client_credentials'] };
const GLOBAL = { name: 'All Applications', global: true, grant_types: [], client_id: 'gl0bal', callbacks: [] };

const PAGES: readonly Record<string, unknown>[] = [
  { start: 0, limit: 50, length: 2, total: 2 },
  { total: 2 },
  { next: 'eyJjIjoiMTIzIn0' },
  { start: 50, limit: 50, length: 2, total: 52 },
];

/** The same document as JSON (indented or on one line) and as YAML. */
function writings(value: unknown): [string, string][] {
  const yaml = JSON.stringify(value, null, 2); // JSON is YAML: the YAML reader reads it the same
  return [
    ['/e/export.json', JSON.stringify(value, null, 2)],
    ['/e/export.json', JSON.stringify(value)],
    ['/e/export.yaml', yaml],
  ];
}

test('a page of the export is linted like the array: its clients are judged, the global client is not', () => {
  for (const page of PAGES) {
    for (const order of [[SPA, GLOBAL], [GLOBAL, SPA]]) {
      for (const [path, text] of writings({ ...page, clients: order })) {
        const name = `${path} ${text.slice(0, 60)}`;
        const result = lintText({ path, text });
        assert.deepEqual(result.clients.map((c) => c.name), ['Storefront'], name);
        assert.deepEqual(result.findings.map((f) => f.ruleId), ['public-client-credentials'], name);
        const notes = globalClientNotes(path, result.parsed);
        assert.equal(notes.length, 1, name);
        assert.equal(text.slice(notes[0]!.span.start, notes[0]!.span.end), '"global"', name);
      }
    }
  }
});

test('the array export: the global client is neither judged nor silent', () => {
  for (const [path, text] of writings([GLOBAL, SPA])) {
    const result = lintText({ path, text });
    assert.deepEqual(result.clients.map((c) => c.name), ['Storefront'], path);
    assert.equal(globalClientNotes(path, result.parsed).length, 1, path);
  }
});

test('the global client alone: in a payload of its own, in clients/*.json (object or array)', () => {
  for (const [path, value] of [
    ['/e/global.json', GLOBAL],
    ['/t/clients/All Applications.json', GLOBAL],
    ['/t/clients/export.json', [GLOBAL]],
  ] as const) {
    const text = JSON.stringify(value, null, 2);
    const result = lintText({ path, text });
    assert.deepEqual(result.clients, [], path);
    assert.deepEqual(result.findings, [], path);
    assert.equal(globalClientNotes(path, result.parsed).length, 1, path);
  }
});

test('global set otherwise (false, a string, a placeholder) is an ordinary client', () => {
  for (const global of [false, 'true', '##IS_GLOBAL##', null]) {
    const text = JSON.stringify([{ ...SPA, global }]);
    const result = lintText({ path: '/e/export.json', text });
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['public-client-credentials'], String(global));
    assert.deepEqual(globalClientNotes('/e/export.json', result.parsed), [], String(global));
  }
});

test('an object with a clients list that is no page of the export is not read as one', () => {
  // Auth0 clients in it make it a deploy-cli tenant, read as the same YAML (tenant-json.test.ts); others, nothing.
  const tenants: unknown[] = [
    { clients: [SPA] }, // no page key
    { clients: [SPA], realm: 'acme', total: 1 }, // a key no page has
  ];
  for (const value of tenants) {
    const text = JSON.stringify(value);
    assert.deepEqual(lintText({ path: '/e/other.json', text }).clients.map((c) => c.source), ['deploy-cli-yaml'], text);
  }
  const others: unknown[] = [
    { realm: 'acme', clients: [{ clientId: 'kc', redirectUris: ['https://x'] }] }, // Keycloak
    { clients: [{ clientId: 'kc', redirectUris: ['https://x'] }], total: 1 }, // a page of no Auth0 clients
  ];
  for (const value of others) {
    const text = JSON.stringify(value);
    assert.deepEqual(lintText({ path: '/e/other.json', text }).clients, [], text);
  }
});

test('Terraform is never read for a global client (its global client is another resource type)', () => {
  const text = JSON.stringify({ resource: { auth0_client: { web: { name: 'Web', global: true, grant_types: ['implicit'] } } } });
  const result = lintText({ path: '/m/main.tf.json', text });
  assert.deepEqual(result.clients.map((c) => c.name), ['Web']);
  assert.deepEqual(globalClientNotes('/m/main.tf.json', result.parsed), []);
});

test('an array of objects that are not clients gets no note for a global flag', () => {
  const text = JSON.stringify([{ id: 'feature-a', global: true }, { id: 'feature-b', global: false }]);
  const result = lintText({ path: '/e/flags.json', text });
  assert.deepEqual(globalClientNotes('/e/flags.json', result.parsed), []);
});

test('a page holding only the global client (no client keys) still names it in a note', () => {
  for (const page of PAGES) {
    const text = JSON.stringify({ ...page, clients: [{ client_id: 'AAAA', name: 'All Applications', global: true }] });
    const result = lintText({ path: '/e/page.json', text });
    assert.deepEqual(result.clients, [], text);
    assert.equal(globalClientNotes('/e/page.json', result.parsed).length, 1, text);
  }
});
