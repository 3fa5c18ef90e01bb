/**
 * A hover on a client's field (auth method, app_type, is_first_party) names the findings reported on its value, so
 * the client's description ("confidential: it may use client_credentials") never stands alone beside a warning on
 * the same value. In YAML, deploy-cli JSON and Terraform HCL (the method in the credentials resource).
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { analyze } from '../../server/src/service/analysis';
import { hoverAt } from '../../server/src/service/hover';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

function hoverOn(path: string, text: string, needle: string): string {
  const analysis = analyze({ path, text, settings: DEFAULT_SETTINGS });
  assert.ok(analysis);
  const hover = hoverAt(analysis, text.indexOf(needle) + 2);
  assert.ok(hover, `a hover on ${needle}`);
  return hover.markdown;
}

const cases: { name: string; path: string; text: (method: string, appType: string) => string; method: string }[] = [
  {
    name: 'YAML',
    path: '/t/tenant.yaml',
    text: (method, appType) => `clients:\n  - name: App\n    app_type: ${appType}\n    token_endpoint_auth_method: ${method}\n    grant_types: [authorization_code]\n`,
    method: 'token_endpoint_auth_method',
  },
  {
    name: 'deploy-cli JSON',
    path: '/t/clients/App.json',
    text: (method, appType) => `${JSON.stringify({ name: 'App', app_type: appType, token_endpoint_auth_method: method, grant_types: ['authorization_code'] }, null, 2)}\n`,
    method: 'token_endpoint_auth_method',
  },
  {
    name: 'Terraform HCL',
    path: '/t/main.tf',
    text: (method, appType) =>
      `resource "auth0_client" "app" {\n  name        = "App"\n  app_type    = "${appType}"\n  grant_types = ["authorization_code"]\n}\n\nresource "auth0_client_credentials" "app" {\n  client_id             = auth0_client.app.id\n  authentication_method = "${method}"\n}\n`,
    method: 'authentication_method',
  },
];

describe('field hovers name the findings on the value', () => {
  for (const c of cases) {
    test(`${c.name}: a secret method on a native app, a misspelt app_type; none on a clean client`, () => {
      const secret = hoverOn(c.path, c.text('client_secret_basic', 'native'), 'client_secret_basic');
      assert.match(secret, /may use client_credentials/);
      assert.match(secret, /\*\*Reported here\*\* \(\[secret-on-public-app-type\]\([^)]+\)\): A native app cannot keep a client secret/);
      const appType = hoverOn(c.path, c.text('client_secret_post', 'regular-web'), 'regular-web');
      assert.match(appType, /\*\*Reported here\*\* \(\[unknown-app-type\]/);
      const clean = hoverOn(c.path, c.text('none', 'native'), '"none"'.slice(c.name === 'YAML' ? 1 : 0, c.name === 'YAML' ? 5 : 6));
      assert.doesNotMatch(clean, /Reported here/);
    });
  }
});

describe('a hover on a YAML merge key', () => {
  const text = [
    'x-base: &base',
    '  app_type: spa',
    '  token_endpoint_auth_method: none',
    '  grant_types: [authorization_code, client_credentials]',
    'x-web: &web',
    '  app_type: regular_web',
    'clients:',
    '  - name: Only',
    '    <<: *base',
    '  - name: Site',
    '    <<: *web',
    '    grant_types: [authorization_code]',
    '',
  ].join('\n');

  test('names the findings about the values it brings, and what a merge key does; not where none is', () => {
    const analysis = analyze({ path: '/t/tenant.yaml', text, settings: DEFAULT_SETTINGS });
    assert.ok(analysis);
    for (const at of [text.indexOf('<<: *base') + 1, text.indexOf('*base', text.indexOf('Only')) + 2]) {
      const hover = hoverAt(analysis, at);
      assert.ok(hover, 'a hover at the merge key');
      assert.match(hover.markdown, /^\*\*`<<` merge key\*\*: the client takes the values of the YAML anchor it names \(`\*base`\)/);
      assert.match(hover.markdown, /\*\*Reported here\*\* \(\[public-client-credentials\]/);
    }
    // Without findings there, the field it brings in is described as before.
    assert.doesNotMatch(hoverAt(analysis, text.indexOf('<<: *web') + 1)?.markdown ?? '', /merge key|Reported here/);
  });
});
