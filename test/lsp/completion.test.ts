import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompletionItemTag, type CompletionItem, type TextEdit } from 'vscode-languageserver-protocol/node';
import { applyEdits, positionOf, TestServer } from './helpers';
import { markdownProblems } from './markdown-check';

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
    assert.equal(credentials.detail, 'Client Credentials · not allowed');
    assert.match(String((credentials.documentation as { value: string }).value), /This client is public \(token_endpoint_auth_method: none\), so it cannot use client_credentials/);
    assert.equal(item(items, 'implicit').detail, 'Implicit · discouraged');

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
    assert.equal(item(items, 'http://auth0.com/oauth/grant-type/mfa-oob').detail, 'MFA (out-of-band) · discouraged');
    // YAML needs quotes for nothing here: URIs are valid plain scalars.
    assert.match(insert(flow, item(items, 'urn:openid:params:grant-type:ciba')), /\[client_credentials, urn:openid:params:grant-type:ciba\]/);
  });

  it('completes in a flow list that spans lines and is not closed yet', async () => {
    const flow = 'clients:\n  - name: SPA\n    token_endpoint_auth_method: none\n    grant_types: [authorization_code,\n      cl';
    const uri = await server.open('multiline/tenant.yaml', flow);
    const items = await server.completion(uri, positionOf(flow, '      cl', 8));
    assert.equal(item(items, 'client_credentials').detail, 'Client Credentials · not allowed');
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
    assert.equal(credentials.detail, 'Client Credentials · not allowed');
    assert.match(insert(json, credentials), /\["authorization_code", "client_credentials"\n\}/);
  });

  it('completes a closed JSON string in place', async () => {
    const json = '{\n  "name": "Portal",\n  "grant_types": ["authorization_code", "re"]\n}\n';
    const uri = await server.open('clients/Closed.json', json);
    const items = await server.completion(uri, positionOf(json, '"re"', 3));
    assert.match(insert(json, item(items, 'refresh_token')), /\["authorization_code", "refresh_token"\]/);
    const confidential = item(items, 'client_credentials');
    assert.equal(confidential.detail, 'Client Credentials · recommended', 'a client without an auth method is confidential');
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

  it('ranks grants for the client: recommended for its app type, then allowed, discouraged, not allowed', async () => {
    const RECOMMENDED: Record<string, string[]> = {
      spa: ['authorization_code', 'refresh_token'],
      native: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
      regular_web: ['authorization_code', 'refresh_token', 'client_credentials'],
      non_interactive: ['client_credentials'],
    };
    const TIER = ['recommended', 'allowed', 'discouraged', 'not allowed'];
    let n = 0;
    for (const [appType, recommended] of Object.entries(RECOMMENDED)) {
      const method = appType === 'spa' || appType === 'native' ? 'none' : 'client_secret_post';
      // Every subset of the recommended grants already listed, in both formats.
      for (let mask = 0; mask < 1 << recommended.length; mask++) {
        const listed = recommended.filter((_, i) => mask & (1 << i));
        for (const format of ['yaml', 'json'] as const) {
          const text =
            format === 'yaml'
              ? `clients:\n  - name: App\n    app_type: ${appType}\n    token_endpoint_auth_method: ${method}\n    oidc_conformant: true\n    grant_types: [${[...listed, ''].join(', ')}]\n`
              : `{\n  "name": "App",\n  "app_type": "${appType}",\n  "token_endpoint_auth_method": "${method}",\n  "oidc_conformant": true,\n  "grant_types": [${[...listed.map((g) => `"${g}"`), '""'].join(', ')}]\n}\n`;
          const uri = await server.open(format === 'yaml' ? `rank${n}/tenant.yaml` : `rank${n}/clients/App.json`, text);
          n++;
          const at = format === 'yaml' ? positionOf(text, ']\n', 0) : positionOf(text, '""]', 1);
          const order = sorted(await server.completion(uri, at));
          const where = `${appType} ${format} with [${listed.join(', ')}]`;
          const labels = order.map((i) => i.label);
          for (const grant of listed) assert.equal(labels.includes(grant), false, `${where}: ${grant} is listed already`);
          // A grant refused for what it needs says so after its tier (`not allowed: needs app_type native`).
          const tiers = order.map((i) => TIER.indexOf(/ · ([^:]*)(: needs .*)?$/.exec(i.detail ?? '')?.[1] ?? ''));
          assert.ok(tiers.every((t) => t >= 0), `${where}: every detail names a tier: ${order.map((i) => i.detail).join(' | ')}`);
          assert.deepEqual(tiers, [...tiers].sort((a, b) => a - b), `${where}: tiers in order`);
          const missing = recommended.filter((g) => !listed.includes(g));
          assert.deepEqual(labels.slice(0, missing.length).sort(), [...missing].sort(), `${where}: the missing recommended grants lead`);
          if (appType === 'spa') assert.notEqual(labels[0], 'password', `${where}: password never leads`);
          for (const entry of order) {
            const docs = (entry.documentation as { value: string } | undefined)?.value ?? '';
            assert.deepEqual(markdownProblems(docs), [], `${where}: ${entry.label}: ${docs}`);
            assert.ok(!docs.includes(entry.detail ?? '\u0000'), `${where}: ${entry.label}: the detail is not repeated`);
            if (entry.detail?.endsWith('not allowed')) assert.match(docs, /^\*\*Not allowed for this client\.\*\* \S/, `${where}: ${entry.label} says why`);
          }
        }
      }
    }
  });

  it('writes clean markdown for legacy grants on a tenant with allow_legacy_* flags, and no repeated text', async () => {
    const yaml = 'tenant:\n  flags:\n    allow_legacy_ro_grant_types: false\nclients:\n  - name: App\n    app_type: regular_web\n    grant_types: [authorization_code, ]\n';
    const uri = await server.open('legacy-md/tenant.yaml', yaml);
    const items = await server.completion(uri, positionOf(yaml, ', ]', 2));
    const legacy = item(items, 'http://auth0.com/oauth/legacy/grant-type/ro');
    const docs = (legacy.documentation as { value: string }).value;
    assert.deepEqual(markdownProblems(docs), [], docs);
    // The flag and its value, as the diagnostic names them (no `allow_legacy_*` stand-in).
    assert.match(docs, /turn it off \(allow_legacy_ro_grant_types: false\)/, 'the flag is named with its value');
    for (const entry of items) assert.deepEqual(markdownProblems((entry.documentation as { value: string } | undefined)?.value ?? ''), [], entry.label);

    const methods = 'clients:\n  - name: App\n    token_endpoint_auth_method: \n';
    const methodsUri = await server.open('methods-md/tenant.yaml', methods);
    for (const entry of await server.completion(methodsUri, positionOf(methods, 'method: ', 8))) {
      const docs = (entry.documentation as { value: string } | undefined)?.value ?? '';
      assert.ok(!docs.includes(entry.detail ?? '\u0000'), `${entry.label}: the same sentence twice`);
    }
  });
});
