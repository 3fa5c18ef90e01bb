/**
 * `--fix --unsafe-fixes` never does less than `--fix` for a finding whose preferred, unsafe fix fix all withholds
 * (it would raise a new error or warning in its client): the finding's safe fix is applied instead. A native
 * client with a legacy grant and a secret, beside a client grant, in tenant.yaml and in a
 * Terraform module: its secret's unsafe fix (method none) would raise the client grant's warning, and its legacy
 * grant, whose removal is safe, must go in both runs.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { fixAll, lintText } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

const RO = 'http://auth0.com/oauth/legacy/grant-type/ro';

const YAML = `clients:
  - name: Native
    app_type: native
    token_endpoint_auth_method: client_secret_post
    grant_types: [authorization_code, refresh_token, ${RO}]
clientGrants:
  - client_id: Native
    audience: https://api.acme.com/
    scope: [read:x]
`;

const HCL = `resource "auth0_client" "native" {
  name        = "Native"
  app_type    = "native"
  grant_types = ["authorization_code", "refresh_token", "${RO}"]
}
resource "auth0_client_credentials" "native" {
  client_id             = auth0_client.native.id
  authentication_method = "client_secret_post"
}
resource "auth0_client_grant" "native_api" {
  client_id = auth0_client.native.id
  audience  = "https://api.acme.com/"
  scopes    = ["read:x"]
}
`;

for (const [path, text] of [
  ['/t/tenant.yaml', YAML],
  ['/m/main.tf', HCL],
] as const) {
  test(`${path}: the legacy grant's safe removal is applied by --fix and by --fix --unsafe-fixes`, () => {
    assert.ok(lintText({ path, text }).findings.some((f) => f.ruleId === 'legacy-grant-type'), 'the legacy grant is a finding');
    for (const unsafe of [false, true]) {
      const fixed = fixAll({ path, text }, { unsafe }).text;
      assert.ok(!fixed.includes(RO), `unsafe ${unsafe}: the legacy grant stays:\n${fixed}`);
      assert.ok(!lintText({ path, text: fixed }).findings.some((f) => f.ruleId === 'legacy-grant-type'), `unsafe ${unsafe}`);
    }
  });
}
