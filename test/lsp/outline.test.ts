import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-protocol/node';
import { positionOf, rangeText, TestServer } from './helpers';
import { bigTenant, CLIENT_JSON, TENANT_YAML } from './fixtures';

const NO_GRANTS = `clients:
  - name: Marketing Site
    app_type: spa
    token_endpoint_auth_method: none
  - app_type: regular_web
    grant_types: [authorization_code]
`;

const TERRAFORM = `{
  "resource": {
    "auth0_client": {
      "web": { "app_type": "regular_web", "grant_types": ["authorization_code"] },
      "named": { "name": "Named App", "grant_types": [] }
    }
  }
}
`;

describe('code lens and document symbols', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  it('puts one lens on the first line of each client', async () => {
    const uri = await server.open('tenant.yaml', TENANT_YAML);
    const lenses = await server.codeLens(uri);
    assert.ok(lenses);
    assert.deepEqual(
      lenses.map((l) => [l.range.start, l.command?.title]),
      [
        [positionOf(TENANT_YAML, 'name: Web SPA'), 'public · first-party · 3 grant types'],
        [positionOf(TENANT_YAML, 'name: Backend'), 'confidential · first-party · 1 grant type'],
      ],
    );
  });

  it('says what Auth0 applies when grant_types is absent', async () => {
    const uri = await server.open('defaults/tenant.yaml', NO_GRANTS);
    const lenses = await server.codeLens(uri);
    assert.deepEqual(
      lenses?.map((l) => l.command?.title),
      ['public · first-party · no grant_types: Auth0 will apply authorization_code, implicit, refresh_token', 'confidential · first-party · 1 grant type'],
    );
  });

  it('names one symbol per client, with a fallback for clients without a name', async () => {
    const uri = server.uri('defaults/tenant.yaml');
    const symbols = (await server.documentSymbols(uri)) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => [s.name, s.kind]),
      [
        ['Marketing Site', SymbolKind.Object],
        ['client 2', SymbolKind.Object],
      ],
    );
    assert.equal(rangeText(NO_GRANTS, symbols[0]!.selectionRange), 'Marketing Site');
    assert.match(rangeText(NO_GRANTS, symbols[0]!.range), /^name: Marketing Site\n {4}app_type: spa\n {4}token_endpoint_auth_method: none/);

    const tf = await server.open('main.tf.json', TERRAFORM);
    const tfSymbols = (await server.documentSymbols(tf)) as DocumentSymbol[];
    assert.deepEqual(
      tfSymbols.map((s) => [s.name, rangeText(TERRAFORM, s.selectionRange)]),
      [
        ['web', '"web"'],
        ['Named App', '"Named App"'],
      ],
    );
    for (const symbol of tfSymbols) {
      const inside = symbol.range.start.line <= symbol.selectionRange.start.line && symbol.selectionRange.end.line <= symbol.range.end.line;
      assert.ok(inside, 'the selection range lies inside the range');
    }
  });

  it('returns every client of a 500-client tenant.yaml', async () => {
    const text = bigTenant(500);
    const uri = await server.open('big/tenant.yaml', text);
    const symbols = (await server.documentSymbols(uri)) as DocumentSymbol[];
    assert.equal(symbols.length, 500);
    assert.equal(symbols[499]?.name, 'Client 499');
    const lenses = await server.codeLens(uri);
    assert.equal(lenses?.length, 500);
    const diagnostics = await server.waitForCurrent(uri);
    assert.equal(diagnostics.filter((d) => d.code === 'implicit-grant').length, 500);
  });

  it('gives nothing for files that are not client configs', async () => {
    const uri = await server.open('package.json', '{ "name": "x", "version": "1.0.0" }\n');
    assert.deepEqual(await server.documentSymbols(uri), []);
    assert.deepEqual(await server.codeLens(uri), []);
  });

  it('adds no outline level to a JSON file that is one client (the editor\'s JSON outline shows it), but lists JSON lists', async () => {
    const single = await server.open('clients/Portal.json', CLIENT_JSON);
    assert.deepEqual(await server.documentSymbols(single), []);
    const jsonc = await server.open('clients/Commented.jsonc', `// exported\n${CLIENT_JSON}`);
    assert.deepEqual(await server.documentSymbols(jsonc), []);
    const list = `[${CLIENT_JSON}, ${CLIENT_JSON.replace('Portal', 'Admin')}]`;
    const payloads = await server.open('export/clients.json', list);
    const symbols = (await server.documentSymbols(payloads)) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['Portal', 'Admin']);
  });
});
