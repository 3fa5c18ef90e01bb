/** The editor's limits: files above grantlint.maxFileSize are skipped with one note, findings are capped. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { messageOf, positionAtOffset, TestServer } from './helpers';

function manyUnknownGrants(clients: number): string {
  const lines = ['clients:'];
  for (let i = 0; i < clients; i++) {
    lines.push(`  - name: App ${i}`, '    app_type: regular_web', '    token_endpoint_auth_method: client_secret_post', '    oidc_conformant: true');
    lines.push('    grant_types: [authorization_code, authorisation_code, implicit]');
  }
  return lines.join('\n') + '\n';
}

describe('limits in the editor', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false, maxFileSize: 2000 } });
  });
  after(async () => {
    await server.stop();
  });

  it('skips a file above grantlint.maxFileSize with one file-too-large diagnostic', async () => {
    const uri = await server.open('big/tenant.yaml', manyUnknownGrants(40));
    const published = await server.waitForDiagnostics(uri);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['file-too-large']);
    assert.match(messageOf(published.diagnostics[0]!), /larger than the size limit of 2,000 bytes/);
  });

  it('shows at most 1,000 findings, errors first, and says how many more there are', async () => {
    await server.configurationChanged({ workspaceScan: false, maxFileSize: 10_000_000 });
    // 600 clients: 600 errors (unknown grant) and 600 information findings (implicit).
    const uri = await server.open('many/tenant.yaml', manyUnknownGrants(600));
    const published = await server.waitForDiagnostics(uri);
    const codes = published.diagnostics.map((d) => d.code);
    assert.equal(codes.length, 1001);
    assert.equal(codes[0], 'too-many-findings');
    assert.match(messageOf(published.diagnostics[0]!), /^200 more findings not shown/);
    assert.equal(codes.filter((c) => c === 'unknown-grant-type').length, 600, 'every error is kept');
    assert.equal(codes.filter((c) => c === 'implicit-grant').length, 400);
  });

  it('always shows the findings of the client being edited in a 10,000-client file, then the most severe', async () => {
    await server.configurationChanged({ workspaceScan: false, maxFileSize: 10_000_000 });
    // 10,000 errors and 10,000 information findings: the cap keeps 1,000, and before any edit only errors.
    const uri = await server.open('huge/tenant.yaml', manyUnknownGrants(10_000));
    const opened = await server.waitForCurrent(uri);
    assert.equal(opened.length, 1001);
    assert.equal(opened.filter((d) => d.code === 'implicit-grant').length, 0, 'information findings are cut first');
    // Edits spread over the file, each typed into one client's name: that client's findings, the information
    // one included, are published; the rest of the cap goes to errors.
    for (const target of [9_876, 42, 5_000, 9_999]) {
      const text = server.text(uri);
      const at = text.indexOf(`  - name: App ${target}\n`) + `  - name: App ${target}`.length;
      const { text: edited } = await server.changeRanges(uri, [{ start: at, end: at, text: 'x' }]);
      const diagnostics = await server.waitForCurrent(uri);
      const clientStart = positionAtOffset(edited, at).line;
      const inClient = diagnostics.filter((d) => d.range.start.line > clientStart && d.range.start.line <= clientStart + 4);
      assert.deepEqual(inClient.map((d) => d.code).sort(), ['implicit-grant', 'unknown-grant-type'], `client ${target}`);
      assert.equal(diagnostics.length, 1001);
      assert.equal(diagnostics.filter((d) => d.code === 'implicit-grant').length, 1, 'only the edited client keeps its information finding');
      assert.equal(diagnostics[0]?.code, 'too-many-findings');
    }
  });
});
