/** Client configs the protocol tests share. */

/** A deploy-cli tenant with a public SPA holding client_credentials and a legacy grant, and a clean M2M client. */
export const TENANT_YAML = `tenant:
  friendly_name: Test
clients:
  - name: Web SPA
    app_type: spa
    token_endpoint_auth_method: none
    grant_types:
      - authorization_code
      - client_credentials
      - http://auth0.com/oauth/legacy/grant-type/delegation/refresh_token
  - name: Backend
    app_type: non_interactive
    grant_types: [client_credentials]
`;

/** A directory-format client (clients/*.json) with an implicit grant and an unknown one. */
export const CLIENT_JSON = `{
  "name": "Portal",
  "app_type": "regular_web",
  "token_endpoint_auth_method": "client_secret_post",
  "grant_types": ["authorization_code", "implicit", "authorisation_code"]
}
`;

/** A clean client: no findings at all. */
export const CLEAN_CLIENT_JSON = `{
  "name": "Clean",
  "app_type": "regular_web",
  "token_endpoint_auth_method": "client_secret_post",
  "grant_types": ["authorization_code", "refresh_token"]
}
`;

export const PACKAGE_JSON = `{
  "name": "some-app",
  "version": "1.0.0",
  "grant_types": ["client_credentials"],
  "config": { "grant_types": ["nonsense"], "token_endpoint_auth_method": "bogus" }
}
`;

export const WORKFLOW_YAML = `name: CI
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    env:
      grant_types: nonsense
    steps:
      - uses: actions/checkout@v4
`;

export const K8S_YAML = `apiVersion: v1
kind: ConfigMap
metadata:
  name: auth
data:
  grant_types: "nonsense"
  token_endpoint_auth_method: "bogus"
`;

/** A tenant.yaml with `count` clients, every one with an implicit grant (one finding each). */
export function bigTenant(count: number): string {
  const lines = ['clients:'];
  for (let i = 0; i < count; i++) {
    lines.push(`  - name: Client ${i}`, '    app_type: regular_web', '    token_endpoint_auth_method: client_secret_post', '    grant_types:', '      - authorization_code', '      - implicit');
  }
  return `${lines.join('\n')}\n`;
}
