/**
 * The hover on `token_endpoint_auth_method` written on a Terraform `auth0_client` says what the provider versions
 * do with it (read before 1.0, rejected at plan time from v1) and reads the client with that method; beside a
 * credentials resource it says the method cannot be told. HCL and `.tf.json`; deploy-cli clients get no such text.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { analyze } from '../../server/src/service/analysis';
import { hoverAt } from '../../server/src/service/hover';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

function hoverOn(path: string, text: string, needle: string): string {
  const analysis = analyze({ path, text, settings: DEFAULT_SETTINGS });
  assert.ok(analysis, path);
  const hover = hoverAt(analysis, text.indexOf(needle) + 1);
  assert.ok(hover, `a hover on ${needle} in ${path}`);
  return hover.markdown;
}

const HCL = 'resource "auth0_client" "kiosk" {\n  name                       = "Kiosk"\n  app_type                   = "native"\n  token_endpoint_auth_method = "client_secret_post"\n  grant_types                = ["client_credentials"]\n}\n';
const JSON_TF = JSON.stringify({ resource: { auth0_client: { kiosk: { name: 'Kiosk', app_type: 'native', token_endpoint_auth_method: 'client_secret_post', grant_types: ['client_credentials'] } } } }, null, 2);

for (const [path, text] of [['/m/main.tf', HCL], ['/m/main.tf.json', JSON_TF]] as const) {
  for (const needle of ['token_endpoint_auth_method', 'client_secret_post']) {
    test(`${path}: the hover on ${needle} names the provider versions and reads the client with the written method`, () => {
      const markdown = hoverOn(path, text, needle);
      assert.match(markdown, /before 1\.0/);
      assert.match(markdown, /v1 and later reject/);
      assert.match(markdown, /auth0_client_credentials/);
      assert.match(markdown, /confidential \(token_endpoint_auth_method: client_secret_post\)/);
    });
  }
}

test('beside a credentials resource the hover says the method cannot be told', () => {
  const text = `${HCL}\nresource "auth0_client_credentials" "kiosk" {\n  client_id             = auth0_client.kiosk.id\n  authentication_method = "none"\n}\n`;
  const markdown = hoverOn('/m/main.tf', text, 'token_endpoint_auth_method');
  assert.match(markdown, /cannot be told here/);
  assert.match(markdown, /both/);
});

test('a computed method cannot be told either', () => {
  const markdown = hoverOn('/m/main.tf', HCL.replace('"client_secret_post"', 'var.method'), 'token_endpoint_auth_method');
  assert.match(markdown, /cannot be told here: token_endpoint_auth_method is computed/);
});

test('a deploy-cli client gets no provider text', () => {
  const markdown = hoverOn('/t/tenant.yaml', 'clients:\n  - name: Kiosk\n    app_type: native\n    token_endpoint_auth_method: client_secret_post\n', 'token_endpoint_auth_method');
  assert.doesNotMatch(markdown, /provider/);
});

test('the hover on a credentials resource naming one instance of a for_each client says its method cannot be told', () => {
  const text = 'resource "auth0_client" "natives" {\n  for_each    = toset(["ios", "android"])\n  app_type    = "native"\n  grant_types = ["client_credentials"]\n}\n\nresource "auth0_client_credentials" "ios" {\n  client_id             = auth0_client.natives["ios"].id\n  authentication_method = "client_secret_post"\n}\n';
  const markdown = hoverOn('/m/main.tf', text, 'authentication_method');
  assert.match(markdown, /names one instance of `auth0_client\.natives`/);
  assert.match(markdown, /cannot be told here/);
});
