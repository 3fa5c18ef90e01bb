/**
 * An editor whose LSP client watches no files for the server (no dynamic registration of
 * workspace/didChangeWatchedFiles, as Neovim 0.7 and Helix): the server watches the folders of open documents
 * itself, so a sibling changed, created or deleted on disk outside the editor re-publishes the open documents that
 * depend on it, with no notification from the client. For each kind of link: a Terraform module's credentials file,
 * a deploy-cli directory's client file (for a grant) and tenant.json flags, and a config file.
 */
import assert from 'node:assert/strict';
import { unlinkSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { diagnosticSummary, TestServer, WITHOUT_WATCHING } from './helpers';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

const findings = diagnosticSummary;

const MAIN_TF = `resource "auth0_client" "web" {
  name        = "Web"
  app_type    = "regular_web"
  grant_types = ["authorization_code", "client_credentials"]
}
`;

const credentialsTf = (method: string): string => `resource "auth0_client_credentials" "web" {
  client_id             = auth0_client.web.id
  authentication_method = "${method}"
}
`;

describe('an editor that watches no files: the server watches open documents\' folders', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({
      capabilities: WITHOUT_WATCHING,
      settings: { workspaceScan: { enabled: false } },
      files: {
        'infra/main.tf': MAIN_TF,
        'infra/credentials.tf': credentialsTf('none'),
        'tenant/tenant.json': json({ flags: { allow_legacy_ro_grant_types: false } }),
        'tenant/clients/Legacy.json': json({ name: 'Legacy', app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code', 'http://auth0.com/oauth/legacy/grant-type/ro'] }),
        'tenant/clients/Jobs.json': json({ name: 'Jobs', app_type: 'non_interactive', grant_types: ['authorization_code'] }),
        'tenant/grants/Jobs-api.json': json({ client_id: 'Jobs', audience: 'https://api.example.com/', scope: ['read:items'] }),
      },
    });
  });
  after(async () => {
    await server.stop();
  });

  it('says so in its log, and registers no watcher with the client', async () => {
    await server.waitFor('the log line', () => server.logs.find((line) => line.includes('Grantlint watches the folders of open documents')));
    assert.equal(server.registrations.flatMap((r) => r.registrations).filter((r) => r.method === 'workspace/didChangeWatchedFiles').length, 0);
  });

  it('Terraform: main.tf follows credentials.tf rewritten, deleted and created on disk', async () => {
    const uri = await server.open('infra/main.tf', MAIN_TF);
    assert.deepEqual(findings(await server.waitForDiagnostics(uri, { accept: (p) => p.diagnostics.length > 0 })), ['4:public-client-credentials:1']);
    let mark = server.mark();
    server.write('infra/credentials.tf', credentialsTf('client_secret_post'));
    assert.deepEqual(findings(await server.waitForDiagnostics(uri, { after: mark })), [], 'a confidential method clears the finding');
    mark = server.mark();
    unlinkSync(server.path('infra/credentials.tf'));
    // Without a credentials resource, the provider's create-time method for regular_web is client_secret_post: no finding.
    server.write('infra/credentials.tf', credentialsTf('none'));
    assert.deepEqual(findings(await server.waitForDiagnostics(uri, { after: mark, accept: (p) => p.diagnostics.length > 0 })), ['4:public-client-credentials:1']);
  });

  it('deploy-cli: a grant follows its client file, and a client follows tenant.json flags, changed on disk', async () => {
    const grant = await server.open('tenant/grants/Jobs-api.json', json({ client_id: 'Jobs', audience: 'https://api.example.com/', scope: ['read:items'] }));
    assert.deepEqual(findings(await server.waitForDiagnostics(grant, { accept: (p) => p.diagnostics.length > 0 })), ['2:client-grant-without-client-credentials:2']);
    let mark = server.mark();
    server.write('tenant/clients/Jobs.json', json({ name: 'Jobs', app_type: 'non_interactive', grant_types: ['client_credentials'] }));
    assert.deepEqual(findings(await server.waitForDiagnostics(grant, { after: mark })), []);

    const legacyText = json({ name: 'Legacy', app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code', 'http://auth0.com/oauth/legacy/grant-type/ro'] });
    const legacy = await server.open('tenant/clients/Legacy.json', legacyText);
    const before = findings(await server.waitForDiagnostics(legacy));
    mark = server.mark();
    server.write('tenant/tenant.json', json({ flags: { allow_legacy_ro_grant_types: true } }));
    const afterFlag = findings(await server.waitForDiagnostics(legacy, { after: mark }));
    assert.notDeepEqual(afterFlag, before, `the flag changes the legacy grant's severity: ${before.join(', ')}`);
  });

  it('a config file at the workspace root, folders above the document, applies when written on disk', async () => {
    const text = MAIN_TF;
    server.write('deep/infra/auth0/credentials.tf', credentialsTf('none'));
    const uri = await server.open('deep/infra/auth0/main.tf', text);
    assert.deepEqual(findings(await server.waitForDiagnostics(uri, { accept: (p) => p.diagnostics.length > 0 })), ['4:public-client-credentials:1']);
    const mark = server.mark();
    server.write('.grantlintrc.json', json({ rules: { 'public-client-credentials': 'warning' } }));
    assert.deepEqual(findings(await server.waitForDiagnostics(uri, { after: mark })), ['4:public-client-credentials:2']);
    const back = server.mark();
    unlinkSync(server.path('.grantlintrc.json'));
    assert.deepEqual(findings(await server.waitForDiagnostics(uri, { after: back })), ['4:public-client-credentials:1']);
    await server.close(uri);
  });

  it('a config file written on disk applies to the open documents', async () => {
    const uri = server.uri('infra/main.tf');
    const mark = server.mark();
    server.write('infra/.grantlintrc.json', json({ rules: { 'public-client-credentials': 'off' } }));
    assert.deepEqual(findings(await server.waitForDiagnostics(uri, { after: mark })), []);
  });
});

describe('an editor that sends file changes without announcing that it watches files', () => {
  it('the server stops its own watch at the first change it is sent, so no change is handled twice', async () => {
    const server = await TestServer.start({ capabilities: WITHOUT_WATCHING, settings: { workspaceScan: { enabled: false } }, files: { 'infra/main.tf': MAIN_TF, 'infra/credentials.tf': credentialsTf('none') } });
    try {
      const uri = await server.open('infra/main.tf', MAIN_TF);
      await server.waitForDiagnostics(uri, { accept: (p) => p.diagnostics.length > 0 });
      const sent = server.mark();
      server.write('infra/credentials.tf', credentialsTf('client_secret_post'));
      await server.watchedFilesChanged([{ uri: server.uri('infra/credentials.tf'), type: 2 }]);
      await server.waitFor('the log line', () => server.logs.find((line) => line.includes('Grantlint stops watching folders itself')));
      await server.waitForDiagnostics(uri, { after: sent, accept: (p) => p.diagnostics.length === 0 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const mark = server.mark();
      // Our own watch is off: a change the client does not send is not seen.
      server.write('infra/credentials.tf', credentialsTf('none'));
      await new Promise((resolve) => setTimeout(resolve, 800));
      assert.equal(server.publications.slice(mark).filter((p) => p.uri === uri).length, 0);
    } finally {
      await server.stop();
    }
  });
});

describe('an editor that watches files for the server', () => {
  it('gets the watcher registered, and the server watches nothing itself', async () => {
    const server = await TestServer.start({ files: { 'main.tf': MAIN_TF } });
    try {
      await server.waitFor('the watcher registration', () => server.registrations.flatMap((r) => r.registrations).find((r) => r.method === 'workspace/didChangeWatchedFiles'));
      assert.equal(server.logs.some((line) => line.includes('Grantlint watches the folders of open documents')), false);
    } finally {
      await server.stop();
    }
  });
});
