import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol/node';
import { positionOf, rangeText, RULE_PAGES, TestServer } from './helpers';
import { markdownProblems } from './markdown-check';
import { HOVER_LINE_BUDGET } from '../../server/src/service/hover';
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
    assert.match(text, /^\*\*Client Credentials\*\* `client_credentials` · OAuth \/ OpenID grant\n/);
    assert.match(text, /\*\*Not allowed for Web SPA\.\*\* This client is public \(token_endpoint_auth_method: none\), so it cannot use client_credentials/);
    assert.match(text, /\*\*Fix:\*\* Remove grant 'client_credentials'\./);
    assert.ok(text.includes(`[public-client-credentials](${RULE_PAGES}public-client-credentials.md)`), text);
    assert.match(text, /\[Auth0 docs\]\(https:\/\/auth0\.com\/docs\/[^)]+\)/);
    assert.ok(hover.range);
    assert.equal(rangeText(TENANT_YAML, hover.range), 'client_credentials');
  });

  it('explains that a confidential client may use client_credentials', async () => {
    const hover = await server.hover(uri, positionOf(TENANT_YAML, '[client_credentials]', 3));
    const text = markdown(hover?.contents);
    assert.match(text, /\*\*Allowed for Backend\.\*\* This client is confidential \(token_endpoint_auth_method is not set, which counts as confidential\)/);
    assert.doesNotMatch(text, /Fix:/, 'nothing to fix');
  });

  it('names the legacy alternative of a legacy grant', async () => {
    const hover = await server.hover(uri, positionOf(TENANT_YAML, 'delegation/refresh_token', 3));
    const text = markdown(hover?.contents);
    assert.match(text, /\*\*Legacy: Delegation \(refresh token\)\*\*/);
    assert.match(text, /legacy grant \(tenants created before 8 June 2017\)/);
    assert.match(text, /\*\*Fix:\*\* .*refresh_token/);
    assert.match(text, /\*\*Not allowed for Web SPA\.\*\* Only tenants created before 8 June 2017 may use legacy grants/);
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
    assert.match(markdown(onGrant?.contents), /\*\*Not allowed for CLI Tool\.\*\* This client is public \(authentication_method: none\)/);
    const onMethod = await server.hover(tf, positionOf(TERRAFORM, '"none"', 2));
    assert.match(markdown(onMethod?.contents), /^\*\*authentication_method\*\*/);
  });

  it('answers null where there is nothing to explain', async () => {
    assert.equal(await server.hover(uri, positionOf(TENANT_YAML, 'friendly_name', 2)), null);
    assert.equal(await server.hover(uri, positionOf(TENANT_YAML, 'name: Backend', 8)), null);
  });

  it('keeps every grant hover short and well-formed, for every grant on every kind of client', async () => {
    const grants = [
      'authorization_code', 'implicit', 'refresh_token', 'client_credentials', 'password',
      'http://auth0.com/oauth/grant-type/password-realm', 'http://auth0.com/oauth/grant-type/mfa-oob',
      'http://auth0.com/oauth/grant-type/passwordless/otp', 'urn:ietf:params:oauth:grant-type:device_code',
      'urn:openid:params:grant-type:ciba', 'urn:ietf:params:oauth:grant-type:token-exchange',
      'http://auth0.com/oauth/legacy/grant-type/ro', 'http://auth0.com/oauth/legacy/grant-type/delegation/id_token',
      'authorisation_code', 'made_up_*grant*',
    ];
    const clients = [
      'app_type: spa\n    token_endpoint_auth_method: none',
      'app_type: native\n    token_endpoint_auth_method: none',
      'app_type: regular_web\n    is_first_party: false',
      'app_type: non_interactive',
      'oidc_conformant: false',
    ];
    let n = 0;
    for (const fields of clients) {
      const yaml = `tenant:\n  flags:\n    allow_legacy_ro_grant_types: false\nclients:\n  - name: App_*${n}*\n    ${fields}\n    grant_types:\n${grants.map((g) => `      - '${g}'`).join('\n')}\n`;
      const file = await server.open(`budget${n++}/tenant.yaml`, yaml);
      for (const grant of grants) {
        const hover = await server.hover(file, positionOf(yaml, `'${grant}'`, 2));
        const text = markdown(hover?.contents);
        const lines = text.split('\n').filter((line) => line.trim().length > 0);
        assert.ok(lines.length <= HOVER_LINE_BUDGET, `${fields} / ${grant}: ${lines.length} lines:\n${text}`);
        assert.ok(text.length <= 900, `${fields} / ${grant}: ${text.length} characters:\n${text}`);
        assert.deepEqual(markdownProblems(text), [], `${fields} / ${grant}:\n${text}`);
        // One statement of each fact: no sentence twice.
        const sentences = text.split(/(?<=\.)\s+/).map((x) => x.trim()).filter((x) => x.length > 20);
        assert.equal(new Set(sentences).size, sentences.length, `${fields} / ${grant}: a sentence repeats:\n${text}`);
      }
    }
  });
});

describe('hover under a config file', () => {
  let server: TestServer;
  before(async () => {
    // The first client's public-client-credentials is turned off by pointer; the second's is lowered to a warning.
    const config = {
      overrides: [
        { files: 'tenant.yaml', pointer: '/clients/0', rules: { 'public-client-credentials': 'off' } },
        { files: 'tenant.yaml', pointer: '/clients/1', rules: { 'public-client-credentials': 'warning' } },
      ],
    };
    server = await TestServer.start({ files: { '.grantlintrc.json': JSON.stringify(config) }, settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  it('agrees with the diagnostics when the config turns a rule off or down for one client', async () => {
    const yaml = [
      'clients:',
      '  - name: Off SPA',
      '    app_type: spa',
      '    token_endpoint_auth_method: none',
      '    grant_types: [client_credentials]',
      '  - name: Warned SPA',
      '    app_type: spa',
      '    token_endpoint_auth_method: none',
      '    grant_types: [client_credentials]',
      '',
    ].join('\n');
    const uri = await server.open('tenant.yaml', yaml);
    const diagnostics = await server.waitForCurrent(uri);
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'public-client-credentials').map((d) => `${d.range.start.line} ${d.severity}`),
      ['8 2'],
    );
    const first = markdown((await server.hover(uri, positionOf(yaml, 'client_credentials', 2)))?.contents);
    assert.match(first, /\*\*Not checked for Off SPA\.\*\* The configuration turns public-client-credentials off/);
    const second = markdown((await server.hover(uri, { line: 8, character: 20 }))?.contents);
    assert.match(second, /\*\*Discouraged for Warned SPA\.\*\*/);
  });
});
