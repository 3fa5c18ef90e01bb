/**
 * Over the protocol, a hover on a client grant's `client_id` in a deploy-cli `grants/*.json` file and in a Terraform
 * module's `grants.tf` names the client, in its other file, and says whether its token requests for the grant work;
 * the audience says which system API it names. Before, a grant file's hover returned nothing (U42).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MarkupContent, Position } from 'vscode-languageserver-protocol/node';
import { TestServer } from './helpers';

const CLIENT = `${JSON.stringify({ name: 'Billing Sync', app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code'] }, null, 2)}\n`;
const GRANT = `${JSON.stringify({ client_id: 'Billing Sync', audience: 'https://acme.eu.auth0.com/api/v2/', scope: ['read:users'] }, null, 2)}\n`;
const MAIN_TF = 'resource "auth0_client" "billing" {\n  name        = "Billing Sync"\n  app_type    = "non_interactive"\n  grant_types = ["client_credentials"]\n}\n';
const GRANTS_TF = 'resource "auth0_client_grant" "billing" {\n  client_id = auth0_client.billing.id\n  audience  = "https://billing.acme.example/"\n  scopes    = ["read:invoices"]\n}\n';

function positionOf(text: string, needle: string, plus = 2): Position {
  const at = text.indexOf(needle) + plus;
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

describe('hover on a client grant', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({
      settings: { workspaceScan: false },
      files: { 'tenant/tenant.json': '{ "friendly_name": "T" }\n', 'tenant/clients/billing.json': CLIENT, 'tenant/grants/billing.json': GRANT, 'tf/main.tf': MAIN_TF, 'tf/grants.tf': GRANTS_TF },
    });
  });
  after(async () => {
    await server.stop();
  });

  const markdownAt = async (uri: string, position: Position): Promise<string> => {
    const hover = await server.hover(uri, position);
    assert.ok(hover, 'a hover');
    return (hover.contents as MarkupContent).value.replace(/\\(.)/g, '$1');
  };

  it('in grants/*.json: the client in clients/, lacking client_credentials; the Management API', async () => {
    const uri = await server.open('tenant/grants/billing.json', GRANT, 'json');
    const found = await server.waitForCurrent(uri);
    assert.deepEqual(found.map((d) => d.code), ['client-grant-without-client-credentials']);
    const onClient = await markdownAt(uri, positionOf(GRANT, '"Billing Sync"'));
    assert.match(onClient, /^\*\*Client grant\*\* for client `Billing Sync` \(in `\.\.\/clients\/billing\.json`\)\./);
    assert.match(onClient, /lack `client_credentials`: Auth0 accepts this grant, but each token request for it fails/);
    assert.match(await markdownAt(uri, positionOf(GRANT, 'acme.eu.auth0.com')), /\*\*Audience\*\*: the Management API/);
  });

  it('in a module\'s grants.tf: the client in main.tf, which can request tokens', async () => {
    const uri = await server.open('tf/grants.tf', GRANTS_TF, 'terraform');
    assert.deepEqual(await server.waitForCurrent(uri), []);
    const onClient = await markdownAt(uri, positionOf(GRANTS_TF, 'auth0_client.billing.id'));
    assert.match(onClient, /^\*\*Client grant\*\* for client `Billing Sync` \(in `main\.tf`\)\./);
    assert.match(onClient, /hold `client_credentials` and it is confidential: it can request tokens for this API/);
    assert.match(await markdownAt(uri, positionOf(GRANTS_TF, 'billing.acme.example')), /\*\*Audience\*\*: the identifier of the API/);
  });
});
