import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lint, ruleIds } from '../helpers/lint';

const SPA_WITH_CREDENTIALS = { name: 'SPA', app_type: 'spa', token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'client_credentials'] };

test('deploy-cli YAML: every item of the top-level clients list is a client', () => {
  const text = 'clients:\n  - name: A\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: [client_credentials]\n  - name: B\n';
  const result = lint('tenant.yaml', text);
  assert.equal(result.clients.length, 2);
  assert.deepEqual(result.clients.map((c) => c.name), ['A', 'B']);
  assert.ok(ruleIds(result).includes('public-client-credentials'));
});

test('deploy-cli directory format: a JSON file in a folder named clients is one client', () => {
  const text = JSON.stringify({ name: 'Only a name' }, null, 2);
  const result = lint('tenant/clients/Only a name.json', text);
  assert.equal(result.clients.length, 1);
  assert.deepEqual(ruleIds(result), ['missing-grant-types']);
  // The same object elsewhere has none of the Management API keys, so it is not a client.
  assert.equal(lint('tenant/other/Only a name.json', text).clients.length, 0);
});

test('Management API payloads: an object with a client key, or an array of such objects', () => {
  assert.equal(lint('payload.json', JSON.stringify(SPA_WITH_CREDENTIALS)).clients.length, 1);
  const list = lint('export.json', JSON.stringify([SPA_WITH_CREDENTIALS, { name: 'x', callbacks: [] }, SPA_WITH_CREDENTIALS]));
  assert.equal(list.clients.length, 2);
  assert.deepEqual(ruleIds(list), ['public-client-credentials', 'public-client-credentials']);
});

test('Terraform JSON: auth0_client resources, auth method read from the linked auth0_client_credentials', () => {
  const tf = {
    resource: {
      auth0_client: {
        spa: { name: 'SPA', app_type: 'spa', grant_types: ['authorization_code', 'client_credentials'] },
        web: { name: 'Web', app_type: 'native', grant_types: ['authorization_code'] },
      },
      auth0_client_credentials: { spa_creds: { client_id: '${auth0_client.spa.id}', authentication_method: 'none' } },
    },
  };
  const result = lint('main.tf.json', JSON.stringify(tf, null, 2));
  assert.deepEqual(result.clients.map((c) => c.name), ['SPA', 'Web']);
  // web has no credentials resource: its auth method is unknown, so public-app-type-without-none never fires.
  assert.deepEqual(ruleIds(result), ['public-client-credentials']);
});

test('files that are not client configs get no findings, even with grant_types deep inside', () => {
  const pkg = JSON.stringify({ name: 'app', config: { grant_types: ['ro'] }, app_type: undefined });
  assert.deepEqual(lint('package.json', pkg).findings, []);
  const workflow = 'on: push\njobs:\n  deploy:\n    steps:\n      - with:\n          grant_types: nonsense\n';
  assert.deepEqual(lint('.github/workflows/deploy.yaml', workflow).findings, []);
  const k8s = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  clients: "x"\n  grant_types: "[ro]"\n';
  const result = lint('k8s/config.yaml', k8s);
  assert.equal(result.isClientConfig, false);
  assert.deepEqual(result.findings, []);
});

test('multi-document YAML: each document on its own, tenant flags from the same document', () => {
  const text = [
    'tenant:',
    '  flags:',
    '    allow_legacy_ro_grant_types: true',
    'clients:',
    '  - name: A',
    '    grant_types: [authorization_code, http://auth0.com/oauth/legacy/grant-type/ro]',
    '---',
    'clients:',
    '  - name: B',
    '    grant_types: [authorization_code, http://auth0.com/oauth/legacy/grant-type/ro]',
    '',
  ].join('\n');
  const result = lint('tenant.yaml', text);
  assert.deepEqual(
    result.findings.filter((f) => f.ruleId === 'legacy-grant-type').map((f) => f.severity),
    ['warning', 'error'],
  );
});

test('placeholders: unquoted keywords parse, and no rule fires on an unknown value', () => {
  const yaml = [
    'clients:',
    '  - name: "Auth0 CLI - ##ENV##"',
    '    app_type: spa',
    '    token_endpoint_auth_method: @@AUTH_METHOD@@',
    '    grant_types: @@GRANTS@@',
    '  - name: Web',
    '    app_type: regular_web',
    '    grant_types: [authorization_code, ##EXTRA_GRANT##, client_credentials]',
    '',
  ].join('\n');
  const result = lint('tenant.yaml', yaml);
  assert.deepEqual(result.parsed.errors, []);
  assert.deepEqual(ruleIds(result), []);
  const json = '{\n  "name": "x",\n  "app_type": "spa",\n  "token_endpoint_auth_method": @@METHOD@@,\n  "grant_types": ["authorization_code", "client_credentials"],\n  "jwt_configuration": { "lifetime_in_seconds": @@JWT_TIMEOUT@@ }\n}\n';
  const fromJson = lint('clients/x.json', json);
  assert.deepEqual(fromJson.parsed.errors, []);
  assert.deepEqual(ruleIds(fromJson), []);
});

test('a broken file still yields the clients without an error in their text, plus the parse errors', () => {
  const text = 'clients:\n  - name: SPA\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: [client_credentials]\n  - name: "unterminated\n';
  const result = lint('tenant.yaml', text);
  assert.ok(result.parsed.errors.length > 0);
  assert.ok(ruleIds(result).includes('parse-error'));
  assert.ok(ruleIds(result).includes('public-client-credentials'));
});

test('a client whose text holds a syntax error gets parse-error findings only (no findings from guesses)', () => {
  const json = '{\n  "name": "x",\n  "app_type": "spa",\n  "token_endpoint_auth_method": "none",\n  "grant_types": ["client_credentials"]\n  "callbacks": []\n}';
  assert.deepEqual([...new Set(ruleIds(lint('clients/x.json', json)))], ['parse-error']);
  const bracket = '{\n  "name": "B",\n  "app_type": "spa",\n  "grant_types": ["authorization_code", "implicit"\n  "token_endpoint_auth_method": "none"\n}\n';
  assert.deepEqual([...new Set(ruleIds(lint('clients/b.json', bracket)))], ['parse-error']);
  const yaml = 'clients:\n  - name: SPA\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: [client_credentials\n  - name: Web\n    grant_types: [implicit]\n';
  assert.deepEqual([...new Set(ruleIds(lint('tenant.yaml', yaml)))], ['parse-error']);
  // A client after the broken one keeps its findings; the broken one gets none.
  const two = 'clients:\n  - name: Broken\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: [client_credentials]\n    callbacks: [a, b}\n\n  - name: Fine\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: [client_credentials]\n';
  const result = lint('tenant.yaml', two);
  assert.deepEqual(result.findings.map((f) => [f.ruleId, text2line(two, f.span.start)]), [['parse-error', 6], ['public-client-credentials', 11]]);
});

function text2line(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

test('a broken file that is not named like a client config gets nothing', () => {
  assert.deepEqual(lint('settings.json', '{ "a": ').findings, []);
  assert.deepEqual(lint('docker-compose.yaml', 'a: [').findings, []);
});

test('YAML aliases resolve to their anchored values: the finding points at the alias, related at the anchor', () => {
  const text = 'defaults: &g [client_credentials]\nclients:\n  - name: SPA\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: *g\n';
  const result = lint('tenant.yaml', text);
  assert.deepEqual(ruleIds(result), ['public-client-credentials']);
  const finding = result.findings[0]!;
  assert.equal(text.slice(finding.span.start, finding.span.end), '*g');
  assert.ok(finding.related.some((r) => text.slice(r.span.start, r.span.end) === 'client_credentials'), JSON.stringify(finding.related));
  // Only this client uses the anchored list: the removal edits the list as written, at the anchor, never the copy.
  const removals = finding.fixes.flatMap((fix) => fix.edits).filter((edit) => edit.kind === 'removeItems');
  assert.ok(removals.length > 0);
  for (const edit of removals) assert.equal(text.slice(edit.array.start, edit.array.end), '[client_credentials]');
  // A second client aliasing it: no fix reaches through it.
  const shared = `${text}  - name: Other SPA\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: *g\n`;
  for (const f of lint('tenant.yaml', shared).findings) for (const fix of f.fixes) for (const edit of fix.edits) assert.notEqual(edit.kind, 'removeItems');
});

test('a broken YAML file whose keys say it holds clients gets its parse errors, whatever its name', () => {
  const clients = (first: string) => `clients:\n${first}\n    app_type: spa\n    grant_types: [implicit]\n  - name: Worker\n    app_type: non_interactive\n`;
  const firstLines = ['\t- name: Web', ' - name: Web', '  - name: "Web', "  - name: 'Web", '  - name: [Web', '   - name: Web'];
  for (const path of ['auth0/prod.yaml', 'deploy/clients.yml', 'tenant.yaml']) {
    for (const first of firstLines) {
      const result = lint(path, clients(first));
      assert.ok(result.parsed.errors.length > 0, `${path} ${JSON.stringify(first)}: broken`);
      assert.ok(ruleIds(result).includes('parse-error'), `${path} ${JSON.stringify(first)}: reported`);
    }
  }
  // A payload broken before its first value, and a client grants list.
  assert.ok(ruleIds(lint('p/kiosk.yaml', 'name: "Kiosk\napp_type: spa\ngrant_types: [implicit]\n')).includes('parse-error'));
  assert.ok(ruleIds(lint('p/grants.yaml', 'clientGrants:\n\t- client_id: Web\n    audience: https://api/\n')).includes('parse-error'));
  // Other broken YAML (a workflow) is none of Grantlint's business.
  assert.deepEqual(ruleIds(lint('.github/workflows/ci.yml', 'on: [push\njobs: {}\n')), []);
});
