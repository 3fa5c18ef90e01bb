/**
 * "Disable <rule> for this client" on a finding in a Terraform credentials file whose client is in another file of
 * the module (a native app's secret method in `credentials.tf`, its `auth0_client` in `main.tf`): the comment goes
 * above the `auth0_client_credentials` block that holds the finding, and it silences exactly that finding (nothing
 * new appears), as with both resources in one file. Auth-method completion works in that block too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyEdits, editsFor, isCodeAction, TestServer } from './helpers';

const MAIN_TF = 'resource "auth0_client" "tv" {\n  name        = "TV"\n  app_type    = "native"\n  grant_types = ["authorization_code", "client_credentials"]\n}\n';
const CREDENTIALS_TF = '# Methods\n\nresource "auth0_client_credentials" "tv" {\n  client_id             = auth0_client.tv.id\n  authentication_method = "client_secret_basic"\n}\n';

describe('disable a finding of a client of another file, in its credentials file', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ files: { 'main.tf': MAIN_TF, 'credentials.tf': CREDENTIALS_TF } });
    await server.waitForScans(1);
  });
  after(async () => {
    await server.stop();
  });

  it('offers the comment above the credentials block, and it silences exactly that finding', async () => {
    const uri = await server.open('credentials.tf', CREDENTIALS_TF);
    const diagnostics = await server.waitForCurrent(uri);
    const finding = diagnostics.find((d) => d.code === 'secret-on-public-app-type');
    assert.ok(finding, diagnostics.map((d) => String(d.code)).join(', '));
    const actions = ((await server.codeActions(uri, finding.range, [finding], ['quickfix'])) ?? []).filter(isCodeAction);
    const disable = actions.find((a) => a.title === 'Disable secret-on-public-app-type for this client');
    assert.ok(disable?.edit, actions.map((a) => a.title).join('; '));
    const text = applyEdits(CREDENTIALS_TF, editsFor(disable.edit, uri));
    assert.equal(text, '# Methods\n\n# grantlint-disable-next-line secret-on-public-app-type\nresource "auth0_client_credentials" "tv" {\n  client_id             = auth0_client.tv.id\n  authentication_method = "client_secret_basic"\n}\n');
    await server.change(uri, text);
    const after = await server.waitForCurrent(uri);
    assert.deepEqual(after.map((d) => String(d.code)), diagnostics.filter((d) => d !== finding).map((d) => String(d.code)));
  });

  it('completes the auth method in that block', async () => {
    const uri = server.uri('credentials.tf');
    const text = server.text(uri);
    const at = text.indexOf('client_secret_basic');
    const line = text.slice(0, at).split('\n').length - 1;
    const items = await server.completion(uri, { line, character: at - text.lastIndexOf('\n', at) - 1 + 1 });
    assert.ok(items.some((i) => i.label === 'none'), items.map((i) => i.label).join(', '));
  });
});
