import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol/node';
import { positionOf, rangeText, TestServer } from './helpers';
import { TENANT_YAML } from './fixtures';

function markdown(contents: unknown): string {
  const markup = contents as MarkupContent;
  assert.equal(markup.kind, 'markdown');
  return markup.value;
}

const TERRAFORM = `{
  "resource": {
    "auth0_client": {
      "cli_tool": { "name": "CLI Tool", "app_type": "native", "grant_types": ["client_credentials"] }
    },
    "auth0_client_credentials": {
      "cli_tool": { "client_id": "\${auth0_client.cli_tool.id}", "authentication_method": "none" }
    }
  }
}
`;

describe('hover', () => {
  let server: TestServer;
  let uri: string;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
    uri = await server.open('tenant.yaml', TENANT_YAML);
  });
  after(async () => {
    await server.stop();
  });

  it('explains why a public client cannot use client_credentials', async () => {
    const hover = await server.hover(uri, positionOf(TENANT_YAML, '- client_credentials', 5));
    assert.ok(hover);
    const text = markdown(hover.contents);
    assert.match(text, /\*\*Client Credentials\*\* `client_credentials`/);
    assert.match(text, /Who may use it:\*\* Confidential applications only/);
    assert.match(text, /This client \(Web SPA\):\*\* Not allowed\. This client is public \(token_endpoint_auth_method: none\), so it cannot use client_credentials/);
    assert.match(text, /\(https:\/\/auth0\.com\/docs\/[^)]+\)/);
    assert.ok(hover.range);
    assert.equal(rangeText(TENANT_YAML, hover.range), 'client_credentials');
  });

  it('explains that a confidential client may use client_credentials', async () => {
    const hover = await server.hover(uri, positionOf(TENANT_YAML, '[client_credentials]', 3));
    const text = markdown(hover?.contents);
    assert.match(text, /This client \(Backend\):\*\* Allowed\. This client is confidential \(token_endpoint_auth_method is not set, which counts as confidential\)/);
  });

  it('names the legacy alternative of a legacy grant', async () => {
    const hover = await server.hover(uri, positionOf(TENANT_YAML, 'delegation/refresh_token', 3));
    const text = markdown(hover?.contents);
    assert.match(text, /\*\*Legacy: Delegation \(refresh token\)\*\*/);
    assert.match(text, /Legacy grant \(tenants created before 8 June 2017\)/);
    assert.match(text, /\*\*Legacy alternative:\*\* Use the \/oauth\/token endpoint to obtain refresh tokens.* Use `refresh_token` instead\./);
    assert.match(text, /Not allowed\. Only tenants created before 8 June 2017 may use legacy grants/);
  });

  it('explains token_endpoint_auth_method, its value and what this client is', async () => {
    const onValue = await server.hover(uri, positionOf(TENANT_YAML, 'token_endpoint_auth_method: none', 29));
    const text = markdown(onValue?.contents);
    assert.match(text, /^\*\*token_endpoint_auth_method\*\*/);
    assert.match(text, /- \*\*`none`\*\*: Public: no client secret/);
    assert.match(text, /- `client_secret_post`: Confidential/);
    assert.match(text, /unspecified/);
    assert.match(text, /This client \(Web SPA\):\*\* public \(token_endpoint_auth_method: none\): it has no secret and cannot use client_credentials\./);
    assert.equal(rangeText(TENANT_YAML, onValue?.range ?? assert.fail('no range')), 'none');

    const onKey = await server.hover(uri, positionOf(TENANT_YAML, 'token_endpoint_auth_method', 3));
    assert.equal(rangeText(TENANT_YAML, onKey?.range ?? assert.fail('no range')), 'token_endpoint_auth_method');
    assert.match(markdown(onKey?.contents), /This client \(Web SPA\):\*\* public/);
  });

  it('explains app_type and is_first_party', async () => {
    const appType = await server.hover(uri, positionOf(TENANT_YAML, 'app_type: spa', 11));
    const text = markdown(appType?.contents);
    assert.match(text, /^\*\*app_type\*\*/);
    assert.match(text, /`spa`: Single Page Application/);

    const yaml = 'clients:\n  - name: Partner\n    is_first_party: false\n    grant_types: [authorization_code]\n';
    const partner = await server.open('partner/tenant.yaml', yaml);
    const firstParty = await server.hover(partner, positionOf(yaml, 'false', 1));
    assert.match(markdown(firstParty?.contents), /This client \(Partner\):\*\* third-party \(is_first_party: false\)\./);
  });

  it('reads the auth method of a Terraform client from its auth0_client_credentials resource', async () => {
    const tf = await server.open('infra/main.tf.json', TERRAFORM);
    const onGrant = await server.hover(tf, positionOf(TERRAFORM, '"client_credentials"', 2));
    assert.match(markdown(onGrant?.contents), /This client \(CLI Tool\):\*\* Not allowed\. This client is public \(authentication_method: none\)/);
    const onMethod = await server.hover(tf, positionOf(TERRAFORM, '"none"', 2));
    assert.match(markdown(onMethod?.contents), /^\*\*authentication_method\*\*/);
  });

  it('answers null where there is nothing to explain', async () => {
    assert.equal(await server.hover(uri, positionOf(TENANT_YAML, 'friendly_name', 2)), null);
    assert.equal(await server.hover(uri, positionOf(TENANT_YAML, 'name: Backend', 8)), null);
  });
});
