/**
 * m2m-without-client-credentials adds client_credentials only to a client known to be confidential; where it does
 * not, the message says why in at most 120 characters, so the missing fix is never silent: a public client cannot
 * use the grant; a Terraform `auth0_client_credentials` without `authentication_method` leaves the method the client
 * has in Auth0 (the provider reads it back), which the configuration does not say; any other unknown method (a
 * variable, a deploy-cli placeholder) may be `none`. In HCL, .tf.json, YAML and a Management API JSON body.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { lintText } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

const CLIENT_HCL = 'resource "auth0_client" "m2m" {\n  name        = "Worker"\n  app_type    = "non_interactive"\n  grant_types = ["authorization_code"]\n}\n';
const hclCredentials = (body: string) => `${CLIENT_HCL}\nresource "auth0_client_credentials" "m2m" {\n  client_id = auth0_client.m2m.id\n${body}}\n`;
const tfJson = (credentials: Record<string, unknown>) =>
  JSON.stringify({
    resource: {
      auth0_client: { m2m: { name: 'Worker', app_type: 'non_interactive', grant_types: ['authorization_code'] } },
      auth0_client_credentials: { m2m: { client_id: '${auth0_client.m2m.id}', ...credentials } },
    },
  }, null, 2);
const yaml = (method: string) => `clients:\n  - name: Worker\n    app_type: non_interactive\n    token_endpoint_auth_method: ${method}\n    grant_types: [authorization_code]\n`;
const body = (method: string | undefined) => `${JSON.stringify({ name: 'Worker', app_type: 'non_interactive', ...(method === undefined ? {} : { token_endpoint_auth_method: method }), grant_types: ['authorization_code'] }, null, 2)}\n`;

const CASES: readonly { name: string; path: string; text: string; reason?: RegExp }[] = [
  { name: 'HCL credentials without authentication_method', path: 'main.tf', text: hclCredentials(''), reason: /\(no fix: its credentials set no authentication_method\)\.$/ },
  { name: 'HCL credentials with another attribute only', path: 'main.tf', text: hclCredentials('  client_secret = "s3cr3t"\n'), reason: /no authentication_method/ },
  { name: '.tf.json credentials without authentication_method', path: 'main.tf.json', text: tfJson({}), reason: /no authentication_method/ },
  { name: 'HCL method from a variable', path: 'main.tf', text: hclCredentials('  authentication_method = var.method\n'), reason: /\(no fix: its auth method is unknown; it may be public\)\.$/ },
  { name: 'HCL public', path: 'main.tf', text: hclCredentials('  authentication_method = "none"\n'), reason: /\(no fix: a public client cannot use it\)\.$/ },
  { name: 'YAML public', path: 'tenant.yaml', text: yaml('none'), reason: /a public client cannot use it/ },
  { name: 'YAML placeholder method', path: 'tenant.yaml', text: yaml('"@@METHOD@@"'), reason: /auth method is unknown/ },
  { name: 'JSON body public', path: 'post.json', text: body('none'), reason: /a public client cannot use it/ },
  // Known confidential: the fix is there, and the message says to add it.
  { name: 'HCL confidential', path: 'main.tf', text: hclCredentials('  authentication_method = "client_secret_post"\n') },
  { name: '.tf.json confidential', path: 'main.tf.json', text: tfJson({ authentication_method: 'client_secret_basic' }) },
  { name: 'JSON body without a method (confidential)', path: 'post.json', text: body(undefined) },
];

test('m2m-without-client-credentials says why it has no fix, in 120 characters', () => {
  for (const c of CASES) {
    const where = `${c.name}\n${c.text}`;
    const finding = lintText({ path: c.path, text: c.text }).findings.find((f) => f.ruleId === 'm2m-without-client-credentials');
    assert.ok(finding, where);
    assert.ok(finding.message.length <= 120, `${finding.message}\n${where}`);
    assert.match(finding.message, /client_credentials/, where);
    if (c.reason) {
      assert.deepEqual(finding.fixes, [], where);
      assert.match(finding.message, c.reason, where);
    } else {
      assert.equal(finding.fixes.length, 1, where);
      assert.match(finding.message, /; add it\.$/, where);
    }
  }
});
