import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompletionItemTag, type CompletionItem, type TextEdit } from 'vscode-languageserver-protocol/node';
import { applyEdits, positionOf, TestServer } from './helpers';

const SPA_YAML = `clients:
  - name: Web SPA
    app_type: spa
    token_endpoint_auth_method: none
    grant_types:
      - authorization_code
      - 
`;

function sorted(items: CompletionItem[]): CompletionItem[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}

function item(items: CompletionItem[], label: string): CompletionItem {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `a completion for ${label}`);
  return found;
}

function insert(text: string, completion: CompletionItem): string {
  const edit = completion.textEdit as TextEdit | undefined;
  assert.ok(edit && 'range' in edit, 'a text edit with a range');
  return applyEdits(text, [edit]);
}

describe('completion', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  it('lists grants for a YAML item, the allowed ones first and the others saying why not', async () => {
    const uri = await server.open('spa/tenant.yaml', SPA_YAML);
    const items = await server.completion(uri, positionOf(SPA_YAML, '      - \n', 8));
    assert.equal(items.some((i) => i.label === 'authorization_code'), false, 'grants already listed are not offered again');
    const order = sorted(items);
    const firstRefused = order.findIndex((i) => /not allowed/.test(i.detail ?? ''));
    assert.ok(firstRefused > 0);
    assert.ok(order.slice(firstRefused).every((i) => /not allowed|discouraged/.test(i.detail ?? '')), 'nothing allowed after the first refused grant');
    assert.ok(order.slice(0, firstRefused).every((i) => !/not allowed/.test(i.detail ?? '')));
    assert.equal(order[0]?.label, 'refresh_token');

    const credentials = item(items, 'client_credentials');
    assert.equal(credentials.detail, 'Client Credentials: not allowed for this client');
    assert.match(String((credentials.documentation as { value: string }).value), /This client is public \(token_endpoint_auth_method: none\), so it cannot use client_credentials/);
    assert.match(String(item(items, 'implicit').detail), /Implicit: discouraged for this client/);

    const legacy = item(items, 'http://auth0.com/oauth/legacy/grant-type/ro');
    assert.deepEqual(legacy.tags, [CompletionItemTag.Deprecated]);
    assert.equal(item(items, 'refresh_token').tags, undefined);

    const text = insert(SPA_YAML, item(items, 'refresh_token'));
    assert.match(text, /- authorization_code\n {6}- refresh_token\n$/);
  });

  it('replaces what was typed so far, in YAML while the line is half written', async () => {
    const typed = SPA_YAML.replace('      - \n', '      - refr\n');
    const uri = await server.open('typed/tenant.yaml', typed);
    const items = await server.completion(uri, positionOf(typed, '- refr', 6));
    const text = insert(typed, item(items, 'refresh_token'));
    assert.match(text, /\n {6}- refresh_token\n$/);
  });

  it('completes inside a flow list', async () => {
    const flow = 'clients:\n  - name: M2M\n    app_type: non_interactive\n    grant_types: [client_credentials, ]\n';
    const uri = await server.open('flow/tenant.yaml', flow);
    const items = await server.completion(uri, positionOf(flow, ', ]', 2));
    const order = sorted(items);
    assert.equal(order.some((i) => i.label === 'client_credentials'), false);
    assert.equal(item(items, 'http://auth0.com/oauth/grant-type/mfa-oob').detail, 'MFA (out-of-band)');
    // YAML needs quotes for nothing here: URIs are valid plain scalars.
    assert.match(insert(flow, item(items, 'urn:openid:params:grant-type:ciba')), /\[client_credentials, urn:openid:params:grant-type:ciba\]/);
  });

  it('completes in a flow list that spans lines and is not closed yet', async () => {
    const flow = 'clients:\n  - name: SPA\n    token_endpoint_auth_method: none\n    grant_types: [authorization_code,\n      cl';
    const uri = await server.open('multiline/tenant.yaml', flow);
    const items = await server.completion(uri, positionOf(flow, '      cl', 8));
    assert.equal(item(items, 'client_credentials').detail, 'Client Credentials: not allowed for this client');
    assert.match(insert(flow, item(items, 'refresh_token')), /\n {6}refresh_token$/);
    const closed = 'clients:\n  - name: SPA\n    grant_types: [authorization_code]\n    callbacks: [\n      ht';
    const closedUri = await server.open('multiline2/tenant.yaml', closed);
    assert.deepEqual(await server.completion(closedUri, positionOf(closed, '      ht', 8)), [], 'another key\'s list');
  });

  it('completes inside JSON quotes while the string is not closed yet', async () => {
    const json = '{\n  "name": "Portal",\n  "token_endpoint_auth_method": "none",\n  "grant_types": ["authorization_code", "cli\n}\n';
    const uri = await server.open('clients/Typing.json', json);
    const items = await server.completion(uri, positionOf(json, '"cli', 4));
    const credentials = item(items, 'client_credentials');
    assert.equal(credentials.filterText, '"client_credentials"');
    assert.equal(credentials.detail, 'Client Credentials: not allowed for this client');
    assert.match(insert(json, credentials), /\["authorization_code", "client_credentials"\n\}/);
  });

  it('completes a closed JSON string in place', async () => {
    const json = '{\n  "name": "Portal",\n  "grant_types": ["authorization_code", "re"]\n}\n';
    const uri = await server.open('clients/Closed.json', json);
    const items = await server.completion(uri, positionOf(json, '"re"', 3));
    assert.match(insert(json, item(items, 'refresh_token')), /\["authorization_code", "refresh_token"\]/);
    const confidential = item(items, 'client_credentials');
    assert.equal(confidential.detail, 'Client Credentials', 'a client without an auth method is confidential');
  });

  it('completes token_endpoint_auth_method and app_type values', async () => {
    const yaml = 'clients:\n  - name: App\n    app_type: native\n    token_endpoint_auth_method: \n    grant_types: [authorization_code]\n';
    const uri = await server.open('methods/tenant.yaml', yaml);
    const methods = await server.completion(uri, positionOf(yaml, 'token_endpoint_auth_method: ', 28));
    assert.deepEqual(
      sorted(methods).map((i) => i.label),
      ['none', 'client_secret_post', 'client_secret_basic'],
      'a native app is public: none comes first',
    );
    assert.match(String(item(methods, 'none').detail), /^Public/);
    assert.match(insert(yaml, item(methods, 'none')), /token_endpoint_auth_method: none\n/);

    const json = '{\n  "name": "X",\n  "app_type": "",\n  "grant_types": []\n}\n';
    const jsonUri = await server.open('clients/X.json', json);
    const types = await server.completion(jsonUri, positionOf(json, '""', 1));
    const labels = sorted(types).map((i) => i.label);
    assert.deepEqual(labels.slice(0, 4), ['spa', 'native', 'regular_web', 'non_interactive']);
    assert.ok(labels.includes('salesforce'));
    assert.match(insert(json, item(types, 'spa')), /"app_type": "spa",/);
  });

  it('offers nothing outside those fields', async () => {
    const uri = server.uri('spa/tenant.yaml');
    assert.deepEqual(await server.completion(uri, positionOf(SPA_YAML, 'Web SPA', 3)), []);
    const other = 'steps:\n  grant_types:\n    - \n';
    const otherUri = await server.open('.github/workflows/x.yml', other);
    assert.deepEqual(await server.completion(otherUri, positionOf(other, '    - ', 6)), []);
  });
});
