/**
 * Live links over stdio: a change to one file (an open document's edit, a change on disk, a create, a delete, a
 * rename) re-publishes the files whose findings depend on it, without those files being touched.
 */
import assert from 'node:assert/strict';
import { renameSync, unlinkSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { FileChangeType, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { LARGE_UNSAVED_TEXT } from '../../server/src/lsp/lint-order';
import { generateTerraformModule } from '../helpers/terraform-generator';
import { TestServer } from './helpers';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

function terraformClient(name: string, appType: string): string {
  return json({ resource: { auth0_client: { [name]: { name, app_type: appType, grant_types: ['authorization_code', 'client_credentials'] } } } });
}

function terraformCredentials(name: string, method: string): string {
  return json({ resource: { auth0_client_credentials: { [name]: { client_id: `\${auth0_client.${name}.id}`, authentication_method: method } } } });
}

/** "line:rule" of each diagnostic, 1-based lines, sorted. */
function findings(publication: PublishDiagnosticsParams | undefined): string[] {
  return (publication?.diagnostics ?? []).map((d) => `${d.range.start.line + 1}:${String(d.code)}:${d.severity}`).sort();
}

describe('live links: Terraform module', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({
      files: {
        'infra/main.tf.json': terraformClient('storefront', 'regular_web'),
        'infra/credentials.tf.json': terraformCredentials('storefront', 'none'),
        'infra/kiosk.tf.json': terraformClient('kiosk', 'spa'),
        'infra/kiosk-credentials.tf.json': terraformCredentials('kiosk', 'client_secret_post'),
      },
    });
    await server.waitForScans(1);
  });
  after(async () => {
    await server.stop();
  });

  it('shows the linked credentials on the closed client file at start', () => {
    assert.deepEqual(findings(server.lastPublication(server.uri('infra/main.tf.json'))), ['9:public-client-credentials:1']);
    assert.equal(server.lastPublication(server.uri('infra/kiosk.tf.json')), undefined);
  });

  it('re-publishes the client file as its credentials document is edited, the unsaved text winning over the disk', async () => {
    const main = server.uri('infra/main.tf.json');
    let mark = server.mark();
    const credentials = await server.open('infra/credentials.tf.json', terraformCredentials('storefront', 'none'));
    await server.waitForCurrent(credentials);
    // The same text as on disk: nothing linked changes, nothing is re-published.
    mark = server.mark();
    await server.change(credentials, terraformCredentials('storefront', 'client_secret_basic'));
    const fixed = await server.waitForDiagnostics(main, { after: mark });
    assert.deepEqual(findings(fixed), []);
    mark = server.mark();
    await server.change(credentials, terraformCredentials('storefront', 'none'));
    assert.deepEqual(findings(await server.waitForDiagnostics(main, { after: mark })), ['9:public-client-credentials:1']);
    mark = server.mark();
    await server.change(credentials, terraformCredentials('storefront', 'client_secret_post'));
    assert.deepEqual(findings(await server.waitForDiagnostics(main, { after: mark })), []);
    // Closed without saving: the file on disk (method none) counts again.
    mark = server.mark();
    await server.close(credentials);
    assert.deepEqual(findings(await server.waitForDiagnostics(main, { after: mark, accept: (p) => p.diagnostics.length > 0 })), ['9:public-client-credentials:1']);
  });

  it("offers the linked finding's fixes without diagnostic data, from the module's links", async () => {
    const uri = await server.open('infra/main.tf.json', terraformClient('storefront', 'regular_web'));
    const [diagnostic] = await server.waitForCurrent(uri);
    assert.equal(diagnostic?.code, 'public-client-credentials');
    const { data: _data, ...withoutData } = diagnostic!;
    const actions = (await server.codeActions(uri, withoutData.range, [withoutData])) ?? [];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.some((t) => /client_credentials/.test(t) && !/Disable|documentation/i.test(t)), titles.join(' | '));
    await server.close(uri);
  });

  it('applies the provider default when a credentials file is deleted on disk, and not when it comes back', async () => {
    const kiosk = server.uri('infra/kiosk.tf.json');
    const credentials = server.uri('infra/kiosk-credentials.tf.json');
    unlinkSync(server.path('infra/kiosk-credentials.tf.json'));
    let mark = server.mark();
    await server.watchedFilesChanged([{ uri: credentials, type: FileChangeType.Deleted }]);
    // A spa without a credentials resource gets `none` from the provider on create.
    assert.deepEqual(findings(await server.waitForDiagnostics(kiosk, { after: mark })), ['9:public-client-credentials:1']);
    server.write('infra/kiosk-credentials.tf.json', terraformCredentials('kiosk', 'client_secret_post'));
    mark = server.mark();
    await server.watchedFilesChanged([{ uri: credentials, type: FileChangeType.Created }]);
    assert.deepEqual(findings(await server.waitForDiagnostics(kiosk, { after: mark })), []);
  });
});

const LEGACY_RO = 'http://auth0.com/oauth/legacy/grant-type/ro';
const CLIENT_NAMES = ['Old Portal', 'Back Office', 'Kiosk'];

describe('live links: a large Terraform module typed in', () => {
  let server: TestServer;
  const files = generateTerraformModule({ clients: 900, seed: 17 });
  before(async () => {
    assert.ok(files['main.tf']!.length >= LARGE_UNSAVED_TEXT, 'main.tf is large enough for its dependents to wait for typing to pause');
    server = await TestServer.start({ files: { 'big/main.tf': files['main.tf']!, 'big/credentials.tf': files['credentials.tf']! } });
    await server.waitForScans(1);
  });
  after(async () => {
    await server.stop();
  });

  it('re-publishes the credentials file once typing in main.tf pauses, every version of main.tf published', async () => {
    const credentials = server.uri('big/credentials.tf');
    let text = files['main.tf']!;
    const main = await server.open('big/main.tf', text, 'terraform');
    await server.waitForCurrent(main);
    const mark = server.mark();
    // A client turned into a native app, one keystroke at a time: its credentials' method now matters to it.
    const at = text.indexOf('app_type        = "', text.length / 2) + 'app_type        = "'.length;
    text = `${text.slice(0, at)}native${text.slice(text.indexOf('"', at))}`;
    for (const version of [1, 2, 3]) {
      await server.change(main, `${text.slice(0, at)}${'native'.slice(0, 3 + version)}${text.slice(at + 6)}`);
      assert.ok(await server.waitForCurrent(main));
    }
    const published = await server.waitForDiagnostics(credentials, { after: mark });
    assert.ok(published.version === undefined || published.version === null, 'a closed file is published without a version');
    // What it shows is what a fresh server shows for these texts.
    const fresh = await TestServer.start({ files: { 'big/main.tf': text, 'big/credentials.tf': files['credentials.tf']! } });
    try {
      await fresh.waitForScans(1);
      const expected = await fresh.waitForDiagnostics(fresh.uri('big/credentials.tf'));
      assert.deepEqual(findings(server.lastPublication(credentials)), findings(expected));
    } finally {
      await fresh.stop();
    }
    await server.close(main);
  });
});

describe('live links: deploy-cli directory', () => {
  let server: TestServer;
  const files: Record<string, string> = {
    'tenant/tenant.json': json({ friendly_name: 'Example' }),
    'tenant/clients/Ledger Export.json': json({ name: 'Ledger Export', app_type: 'non_interactive', token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code'] }),
    'tenant/grants/ledger-export-api.json': json({ client_id: 'Ledger Export', audience: 'https://api.example.com/', scope: ['read:entries'] }),
    'tenant/grants/reports-api.json': json({ client_id: 'Reports', audience: 'https://reports.example.com/', scope: ['read'] }),
  };
  for (const name of CLIENT_NAMES) {
    files[`tenant/clients/${name}.json`] = json({ name, app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code', LEGACY_RO] });
  }
  before(async () => {
    server = await TestServer.start({ files });
    await server.waitForScans(1);
  });
  after(async () => {
    await server.stop();
  });

  const grant = (file: string) => findings(server.lastPublication(server.uri(`tenant/grants/${file}`)));

  it('re-publishes every client file when tenant.json flags change on disk', async () => {
    for (const name of CLIENT_NAMES) assert.deepEqual(findings(server.lastPublication(server.uri(`tenant/clients/${name}.json`))), ['7:legacy-grant-type:1']);
    for (const flag of [true, false]) {
      server.write('tenant/tenant.json', json({ friendly_name: 'Example', flags: { allow_legacy_ro_grant_types: flag } }));
      const mark = server.mark();
      await server.watchedFilesChanged([{ uri: server.uri('tenant/tenant.json'), type: FileChangeType.Changed }]);
      for (const name of CLIENT_NAMES) {
        const published = await server.waitForDiagnostics(server.uri(`tenant/clients/${name}.json`), { after: mark });
        // Allowed by the tenant: a warning; else an error.
        assert.deepEqual(findings(published), [`7:legacy-grant-type:${flag ? 2 : 1}`], name);
      }
    }
  });

  it("hovers a legacy grant with tenant.json's flag, unsaved edits to tenant.json included", async () => {
    const text = files['tenant/clients/Kiosk.json']!;
    const uri = await server.open('tenant/clients/Kiosk.json', text);
    await server.waitForCurrent(uri);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes(LEGACY_RO));
    const position = { line, character: lines[line]!.indexOf(LEGACY_RO) + 3 };
    const hoverText = async () => JSON.stringify((await server.hover(uri, position))?.contents);
    const tenant = await server.open('tenant/tenant.json', json({ flags: { allow_legacy_ro_grant_types: true } }));
    await server.waitForCurrent(tenant);
    assert.match(await hoverText(), /Discouraged for Kiosk/);
    await server.change(tenant, json({ flags: { allow_legacy_ro_grant_types: false } }));
    await server.waitForCurrent(tenant);
    await server.waitFor('the open client re-linted', () => (server.lastPublication(uri)?.diagnostics[0]?.severity === 1 ? true : undefined));
    assert.match(await hoverText(), /Not allowed for Kiosk.*turn it off \(allow_legacy_ro_grant_types: false\)/);
    await server.close(tenant);
    await server.close(uri);
  });

  it("moves a client grant's finding as its client is renamed in an open document", async () => {
    assert.deepEqual(grant('ledger-export-api.json'), ['2:client-grant-without-client-credentials:2']);
    // No client is named 'Reports' yet: the grant is not checked, and its note says so.
    assert.deepEqual(grant('reports-api.json'), ['2:undefined:3']);
    assert.match(String(server.lastPublication(server.uri('tenant/grants/reports-api.json'))?.diagnostics[0]?.message), /client grant for 'Reports' not checked: no client of this tenant is named so/);
    const client = (name: string) => json({ name, app_type: 'non_interactive', token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code'] });
    const uri = await server.open('tenant/clients/Ledger Export.json', client('Ledger Export'));
    await server.waitForCurrent(uri);
    // Renamed to the name the other grant uses: the old grant's finding goes, the other grant gets one.
    const mark = server.mark();
    await server.change(uri, client('Reports'));
    // A closed grant's re-check asked for before the edit may still publish the old state first: what counts is
    // that both grant files come to show the new one.
    const showing = (expected: string[]) => (p: PublishDiagnosticsParams) => JSON.stringify(findings(p)) === JSON.stringify(expected);
    // The old name's grant now names no client: its finding gives way to the note that it is not checked.
    await server.waitForDiagnostics(server.uri('tenant/grants/ledger-export-api.json'), { after: mark, accept: showing(['2:undefined:3']) });
    await server.waitForDiagnostics(server.uri('tenant/grants/reports-api.json'), { after: mark, accept: showing(['2:client-grant-without-client-credentials:2']) });
    assert.deepEqual(findings(server.lastPublication(server.uri('tenant/grants/ledger-export-api.json'))), ['2:undefined:3']);
    // Given client_credentials: the grant's finding goes too.
    const fixed = server.mark();
    await server.change(uri, json({ name: 'Reports', app_type: 'non_interactive', token_endpoint_auth_method: 'client_secret_post', grant_types: ['client_credentials'] }));
    assert.deepEqual(findings(await server.waitForDiagnostics(server.uri('tenant/grants/reports-api.json'), { after: fixed })), []);
    await server.close(uri);
  });

  it('follows a client file renamed on disk (a delete and a create)', async () => {
    // The client file is back as on disk (named Ledger Export, without client_credentials).
    await server.waitFor('the grant back on the disk text', () => (grant('ledger-export-api.json').length === 1 ? true : undefined));
    const mark = server.mark();
    renameSync(server.path('tenant/clients/Ledger Export.json'), server.path('tenant/clients/Ledger.json'));
    await server.watchedFilesChanged([
      { uri: server.uri('tenant/clients/Ledger Export.json'), type: FileChangeType.Deleted },
      { uri: server.uri('tenant/clients/Ledger.json'), type: FileChangeType.Created },
    ]);
    await server.waitForDiagnostics(server.uri('tenant/clients/Ledger.json'), { after: mark });
    // Same client, same finding on the grant, which was re-checked.
    const expected = ['2:client-grant-without-client-credentials:2'];
    await server.waitForDiagnostics(server.uri('tenant/grants/ledger-export-api.json'), { after: mark, accept: (p) => JSON.stringify(findings(p)) === JSON.stringify(expected) });
  });
});

describe('live links: a big re-publication', () => {
  const COUNT = 1500;
  let server: TestServer;
  const files: Record<string, string> = { 'big/tenant.json': json({ flags: { allow_legacy_ro_grant_types: false } }) };
  for (let i = 0; i < COUNT; i++) {
    files[`big/clients/client-${i}.json`] = json({ name: `Client ${i}`, app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code', LEGACY_RO] });
  }
  files['other/tenant.yaml'] = 'clients:\n  - name: Shop\n    app_type: spa\n    grant_types: [authorization_code, implicit]\n';
  before(async () => {
    server = await TestServer.start({ files, waitMs: 120_000 });
    await server.waitForScans(1);
  });
  after(async () => {
    await server.stop();
  });

  it('answers hover while it re-publishes every client after a tenant.json change', async () => {
    const uri = await server.open('other/tenant.yaml', files['other/tenant.yaml']!);
    await server.waitForCurrent(uri);
    server.write('big/tenant.json', json({ flags: { allow_legacy_ro_grant_types: true } }));
    const mark = server.mark();
    await server.watchedFilesChanged([{ uri: server.uri('big/tenant.json'), type: FileChangeType.Changed }]);
    const hover = await server.hover(uri, { line: 3, character: 40 });
    const publishedBeforeHover = server.publications.length - mark;
    assert.match(JSON.stringify(hover?.contents), /Implicit/i);
    // Every client is re-published, as a warning now.
    await server.waitFor('every client re-published', () => {
      const warned = new Set(server.publications.slice(mark).filter((p) => p.diagnostics[0]?.severity === 2).map((p) => p.uri));
      return warned.size === COUNT ? true : undefined;
    });
    // The hover was answered in the midst of the re-publication, not after it.
    assert.ok(publishedBeforeHover < COUNT, `hover answered after ${publishedBeforeHover} of ${COUNT} publications`);
  });
});
