/**
 * The workspace scan reads a deploy-cli tenant written in JSON(C), found anywhere (no name or folder makes it one),
 * as it reads the same tenant in YAML, and still passes over JSON that holds no Auth0 clients: a Keycloak realm
 * with a `clients` list, a package.json, a workflow.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestServer } from './helpers';
import { PACKAGE_JSON, WORKFLOW_YAML } from './fixtures';

const TENANT_JSONC = `{
  // exported from the tenant
  "clients": [
    { "name": "Shop", "app_type": "spa", "token_endpoint_auth_method": "none", "grant_types": ["authorization_code", "client_credentials"] },
    { "name": "Partner", "is_first_party": false, "app_type": "regular_web", "grant_types": ["authorization_code"] }
  ],
  "clientGrants": [{ "client_id": "Partner", "audience": "https://acme.eu.auth0.com/api/v2/", "scope": [] }]
}
`;

const REALM_JSON = JSON.stringify({ realm: 'acme', clients: [{ clientId: 'web', redirectUris: ['https://x/*'], secret: 's' }] }, null, 2);

describe('a JSON tenant in the workspace', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ files: { 'infra/tenant-export.jsonc': TENANT_JSONC, 'keycloak/realm.json': REALM_JSON, 'package.json': PACKAGE_JSON, '.github/workflows/ci.yml': WORKFLOW_YAML } });
    await server.waitForScans(1);
  });
  after(async () => {
    await server.stop();
  });

  it('publishes the findings of its clients and client grants, and nothing for the others', () => {
    const published = [...new Set(server.publications.map((p) => p.uri))];
    assert.deepEqual(published, [server.uri('infra/tenant-export.jsonc')]);
    assert.deepEqual(
      server.lastPublication(server.uri('infra/tenant-export.jsonc'))?.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)}`),
      ['3:117 public-client-credentials', '6:34 client-grant-without-client-credentials', '6:34 third-party-system-api-grant'],
    );
  });
});
