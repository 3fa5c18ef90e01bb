import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-protocol/node';
import { positionOf, rangeText, RULE_PAGES, TestServer } from './helpers';
import { CLIENT_JSON, K8S_YAML, PACKAGE_JSON, TENANT_YAML, WORKFLOW_YAML } from './fixtures';

const DOCS = RULE_PAGES;

describe('diagnostics of open documents', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  it('publishes the findings of a tenant.yaml on open, with the document version', async () => {
    const uri = await server.open('tenant.yaml', TENANT_YAML);
    const published = await server.waitForDiagnostics(uri);
    assert.equal(published.version, 1);
    const diagnostics = published.diagnostics;
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['public-client-credentials', 'legacy-grant-type'],
    );
    const [credentials, legacy] = diagnostics;
    assert.ok(credentials && legacy);
    assert.equal(credentials.source, 'grantlint');
    assert.equal(credentials.severity, DiagnosticSeverity.Error);
    assert.deepEqual(credentials.range, { start: { line: 8, character: 8 }, end: { line: 8, character: 26 } });
    assert.equal(rangeText(TENANT_YAML, credentials.range), 'client_credentials');
    assert.deepEqual(credentials.codeDescription, { href: `${DOCS}public-client-credentials.md` });
    assert.equal(credentials.tags, undefined);
    assert.deepEqual(
      credentials.relatedInformation?.map((r) => [r.message, r.location.uri, rangeText(TENANT_YAML, r.location.range)]),
      [
        ['none makes this client public; Auth0 rejects client_credentials ("Invalid grant types")', uri, 'none'],
        ['a single-page app, which cannot keep the secret client_credentials needs', uri, 'spa'],
      ],
    );
    assert.deepEqual(legacy.tags, [DiagnosticTag.Deprecated]);
    assert.equal(rangeText(TENANT_YAML, legacy.range), 'http://auth0.com/oauth/legacy/grant-type/delegation/refresh_token');
  });

  it('stores the rendered fixes in the diagnostic data', async () => {
    const uri = server.uri('tenant.yaml');
    const [credentials] = await server.waitForCurrent(uri);
    const data = credentials?.data as { fixes: { title: string; safe: boolean; edits: { range: unknown; newText: string }[] }[]; docsUrl: string; disable?: unknown };
    assert.deepEqual(
      data.fixes.map((f) => [f.title, f.safe]),
      [
        ["Remove grant 'client_credentials'", true],
        ["Set token_endpoint_auth_method to 'client_secret_post' (unsafe: changes the auth method)", false],
        ["Set token_endpoint_auth_method to 'client_secret_basic' (unsafe: changes the auth method)", false],
      ],
    );
    // The whole `- client_credentials` line goes, line break included.
    assert.deepEqual(data.fixes[0]?.edits, [{ range: { start: { line: 8, character: 0 }, end: { line: 9, character: 0 } }, newText: '' }]);
    assert.equal(data.docsUrl, `${DOCS}public-client-credentials.md`);
    assert.ok(data.disable, 'a YAML client can be silenced with a comment');
  });

  it('re-publishes on change with the new version', async () => {
    const uri = server.uri('tenant.yaml');
    const fixed = TENANT_YAML.replace('      - client_credentials\n', '');
    const version = await server.change(uri, fixed);
    const published = await server.waitForDiagnostics(uri, { accept: (p) => p.version === version });
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['legacy-grant-type'],
    );
    assert.deepEqual(published.diagnostics[0]?.range.start, positionOf(fixed, 'http://auth0.com/oauth/legacy'));
  });

  it('maps hint findings and JSON client files', async () => {
    const uri = await server.open('clients/Portal.json', CLIENT_JSON);
    const diagnostics = await server.waitForCurrent(uri);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, rangeText(CLIENT_JSON, d.range)]),
      [
        ['implicit-grant', DiagnosticSeverity.Hint, '"implicit"'],
        ['unknown-grant-type', DiagnosticSeverity.Error, '"authorisation_code"'],
      ],
    );
    const data = diagnostics[1]?.data as { disable?: unknown };
    assert.equal(data.disable, undefined, 'JSON has no comments to silence a finding with');
  });

  it('gives files that are not client configs an empty list', async () => {
    for (const [rel, text] of [
      ['package.json', PACKAGE_JSON],
      ['.github/workflows/ci.yml', WORKFLOW_YAML],
      ['k8s/configmap.yaml', K8S_YAML],
    ] as const) {
      const uri = await server.open(rel, text);
      const published = await server.waitForDiagnostics(uri);
      assert.deepEqual(published.diagnostics, [], rel);
      assert.equal(published.version, 1);
    }
  });
});
