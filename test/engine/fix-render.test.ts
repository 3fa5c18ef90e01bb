/** Text edits of fixes: minimal, style-keeping, and correct for block and flow lists in both formats. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixAll } from '../../server/src/engine/index';
import { applyFix, lint, toCrlf } from '../helpers/lint';

function fixOf(path: string, text: string, ruleId: string, title?: RegExp): string {
  const result = lint(path, text);
  const finding = result.findings.find((f) => f.ruleId === ruleId);
  assert.ok(finding, `expected a ${ruleId} finding`);
  const fix = title ? finding.fixes.find((f) => title.test(f.title)) : finding.fixes[0];
  assert.ok(fix, `expected a fix matching ${title} among ${finding.fixes.map((f) => f.title).join(' | ')}`);
  return applyFix(text, result, fix);
}

const SPA_HEAD = 'clients:\n  - name: SPA\n    app_type: spa\n    token_endpoint_auth_method: none\n';

test('removing the middle item of a YAML block list deletes its line and keeps the others byte for byte', () => {
  const text = SPA_HEAD + '    grant_types:\n      - authorization_code # login\n      - client_credentials   # not allowed\n      # keep me\n      - refresh_token\n';
  assert.equal(
    fixOf('tenant.yaml', text, 'public-client-credentials'),
    SPA_HEAD + '    grant_types:\n      - authorization_code # login\n      # keep me\n      - refresh_token\n',
  );
});

test('removing the last item of a file without a final newline', () => {
  const text = SPA_HEAD + '    grant_types:\n      - authorization_code\n      - client_credentials';
  assert.equal(fixOf('tenant.yaml', text, 'public-client-credentials'), SPA_HEAD + '    grant_types:\n      - authorization_code');
});

test('removing the only item of a block list leaves an empty flow list and keeps comment lines', () => {
  const text = SPA_HEAD + '    grant_types: # the grants\n      # only one\n      - client_credentials\n    callbacks: []\n';
  assert.equal(
    fixOf('tenant.yaml', text, 'public-client-credentials'),
    SPA_HEAD + '    grant_types: [] # the grants\n      # only one\n    callbacks: []\n',
  );
});

test('flow lists: first, middle and last removals take the right separator', () => {
  const make = (list: string) => SPA_HEAD + `    grant_types: [${list}]\n`;
  assert.equal(fixOf('tenant.yaml', make('client_credentials, authorization_code'), 'public-client-credentials'), make('authorization_code'));
  assert.equal(fixOf('tenant.yaml', make('authorization_code, client_credentials, refresh_token'), 'public-client-credentials'), make('authorization_code, refresh_token'));
  assert.equal(fixOf('tenant.yaml', make('authorization_code, client_credentials'), 'public-client-credentials'), make('authorization_code'));
  assert.equal(fixOf('tenant.yaml', make('client_credentials'), 'public-client-credentials'), make(''));
});

test('JSON: multi-line list removal keeps indentation and the other lines', () => {
  const text = '{\n    "name": "SPA",\n    "app_type": "spa",\n    "token_endpoint_auth_method": "none",\n    "grant_types": [\n        "authorization_code",\n        "client_credentials"\n    ]\n}\n';
  assert.equal(
    fixOf('clients/SPA.json', text, 'public-client-credentials'),
    '{\n    "name": "SPA",\n    "app_type": "spa",\n    "token_endpoint_auth_method": "none",\n    "grant_types": [\n        "authorization_code"\n    ]\n}\n',
  );
});

test('replacing a value keeps its quoting style', () => {
  const make = (value: string) => SPA_HEAD + `    grant_types:\n      - ${value}\n`;
  assert.equal(fixOf('tenant.yaml', make("'refresh-token'"), 'unknown-grant-type'), make("'refresh_token'"));
  assert.equal(fixOf('tenant.yaml', make('"refresh-token"'), 'unknown-grant-type'), make('"refresh_token"'));
  assert.equal(fixOf('tenant.yaml', make('refresh-token'), 'unknown-grant-type'), make('refresh_token'));
});

test('setting an absent key inserts it after the last key at the client indentation, after nested blocks', () => {
  const text = 'clients:\n  - name: App\n    app_type: native\n    grant_types:\n      - authorization_code\n    mobile:\n      android:\n        app_package_name: com.example # pkg\n  - name: Next\n    app_type: regular_web\n    grant_types: [authorization_code]\n';
  assert.equal(
    fixOf('tenant.yaml', text, 'public-app-type-without-none'),
    'clients:\n  - name: App\n    app_type: native\n    grant_types:\n      - authorization_code\n    mobile:\n      android:\n        app_package_name: com.example # pkg\n    token_endpoint_auth_method: none\n  - name: Next\n    app_type: regular_web\n    grant_types: [authorization_code]\n',
  );
});

test('JSON: an added key follows the last property with its indentation', () => {
  const text = '{\n  "name": "App",\n  "app_type": "native",\n  "grant_types": ["authorization_code"]\n}\n';
  assert.equal(
    fixOf('clients/App.json', text, 'public-app-type-without-none'),
    '{\n  "name": "App",\n  "app_type": "native",\n  "grant_types": ["authorization_code"],\n  "token_endpoint_auth_method": "none"\n}\n',
  );
});

test('declaring grant_types in YAML writes a block list', () => {
  const text = 'clients:\n  - name: Web\n    app_type: regular_web\n    grant_types: []\n';
  assert.equal(
    fixOf('tenant.yaml', text, 'missing-grant-types'),
    'clients:\n  - name: Web\n    app_type: regular_web\n    grant_types: [authorization_code, refresh_token, client_credentials]\n',
  );
  const absent = 'clients:\n  - name: M2M\n    app_type: non_interactive\n';
  assert.equal(
    fixOf('tenant.yaml', absent, 'missing-grant-types'),
    'clients:\n  - name: M2M\n    app_type: non_interactive\n    grant_types:\n      - client_credentials\n',
  );
});

test('setting the auth method to none also drops client_credentials in the same edit', () => {
  const text = 'clients:\n  - name: SPA\n    app_type: spa\n    token_endpoint_auth_method: client_secret_post\n    grant_types:\n      - authorization_code\n      - client_credentials\n';
  assert.equal(
    fixOf('tenant.yaml', text, 'secret-on-public-app-type'),
    'clients:\n  - name: SPA\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types:\n      - authorization_code\n',
  );
});

test('a lone string is wrapped in a list', () => {
  const text = SPA_HEAD + '    grant_types: authorization_code\n';
  assert.equal(fixOf('tenant.yaml', text, 'grant-types-type'), SPA_HEAD + '    grant_types: [authorization_code]\n');
});

test('fixes keep CRLF line endings', () => {
  const text = toCrlf('clients:\n  - name: M2M\n    app_type: non_interactive\n');
  const fixed = fixOf('tenant.yaml', text, 'missing-grant-types');
  assert.equal(fixed, toCrlf('clients:\n  - name: M2M\n    app_type: non_interactive\n    grant_types:\n      - client_credentials\n'));
});

test('no fix is offered when it would create a new error', () => {
  // Setting a secret method would break device code, which needs "none".
  const text = 'clients:\n  - name: TV\n    app_type: native\n    token_endpoint_auth_method: none\n    oidc_conformant: true\n    grant_types: [urn:ietf:params:oauth:grant-type:device_code, client_credentials]\n';
  const finding = lint('tenant.yaml', text).findings.find((f) => f.ruleId === 'public-client-credentials');
  assert.deepEqual(finding?.fixes.map((f) => f.title), ["Remove grant 'client_credentials'"]);
  // The value meant is known, but the passwordless grant is not allowed on a SPA: no replacement offered.
  const spa = SPA_HEAD + '    grant_types: [authorization_code, passwordless_otp]\n';
  const unknown = lint('tenant.yaml', spa).findings.find((f) => f.ruleId === 'unknown-grant-type');
  assert.deepEqual(unknown?.fixes, []);
});

test('fix-all leaves a file with syntax errors untouched', () => {
  const text = SPA_HEAD + '    grant_types: [client_credentials\n';
  assert.equal(fixAll({ path: 'tenant.yaml', text }).text, text);
});
