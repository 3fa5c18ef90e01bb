import assert from 'node:assert/strict';
import { unlinkSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, FileChangeType } from 'vscode-languageserver-protocol/node';
import { messageOf, TestServer } from './helpers';
import { TENANT_YAML } from './fixtures';

/** A client with an implicit grant (information) and a legacy ro grant (error unless the tenant is legacy). */
const YAML = `clients:
  - name: Shop
    app_type: regular_web
    token_endpoint_auth_method: client_secret_post
    grant_types: [authorization_code, implicit, http://auth0.com/oauth/legacy/grant-type/ro]
`;

describe('configuration', () => {
  let server: TestServer;
  let uri: string;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
    uri = await server.open('app/tenant.yaml', YAML);
  });
  after(async () => {
    await server.stop();
  });

  function codes(diagnostics: { code?: string | number }[]): (string | number | undefined)[] {
    return diagnostics.map((d) => d.code);
  }

  it('registers a file watcher for client configs and config files', async () => {
    await server.waitForCurrent(uri);
    const watcher = await server.waitFor('watcher registration', () =>
      server.registrations.flatMap((r) => r.registrations).find((r) => r.method === 'workspace/didChangeWatchedFiles'),
    );
    const patterns = (watcher.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    assert.ok(patterns.includes('**/.grantlintrc.json'));
    assert.ok(patterns.some((p) => p.includes('yaml')));
  });

  it('applies grantlint.rules and grantlint.legacyTenant from the client settings', async () => {
    assert.deepEqual(codes(await server.waitForCurrent(uri)), ['implicit-grant', 'legacy-grant-type']);
    const mark = server.mark();
    await server.configurationChanged({ workspaceScan: false, rules: { 'implicit-grant': 'off' }, legacyTenant: true });
    const published = await server.waitForDiagnostics(uri, { after: mark });
    assert.deepEqual(codes(published.diagnostics), ['legacy-grant-type']);
    assert.equal(published.diagnostics[0]?.severity, DiagnosticSeverity.Warning, 'a legacy tenant makes it a warning');

    const restore = server.mark();
    await server.configurationChanged({ workspaceScan: false });
    const restored = await server.waitForDiagnostics(uri, { after: restore });
    assert.deepEqual(codes(restored.diagnostics), ['implicit-grant', 'legacy-grant-type']);
    assert.equal(restored.diagnostics[1]?.severity, DiagnosticSeverity.Error);
  });

  it('reloads .grantlintrc.json when the watcher reports it', async () => {
    const config = server.write('.grantlintrc.json', JSON.stringify({ rules: { 'implicit-grant': 'off', 'legacy-grant-type': 'hint' } }));
    const mark = server.mark();
    await server.watchedFilesChanged([{ uri: server.uri('.grantlintrc.json'), type: FileChangeType.Created }]);
    const published = await server.waitForDiagnostics(uri, { after: mark });
    assert.deepEqual(codes(published.diagnostics), ['legacy-grant-type']);
    assert.equal(published.diagnostics[0]?.severity, DiagnosticSeverity.Hint);

    // Editor settings sit on top of the config file, like the CLI's --rule.
    const mark2 = server.mark();
    await server.configurationChanged({ workspaceScan: false, rules: { 'implicit-grant': 'warning' } });
    const layered = await server.waitForDiagnostics(uri, { after: mark2 });
    assert.deepEqual(
      layered.diagnostics.map((d) => [d.code, d.severity]),
      [
        ['implicit-grant', DiagnosticSeverity.Warning],
        ['legacy-grant-type', DiagnosticSeverity.Hint],
      ],
    );
    await server.configurationChanged({ workspaceScan: false });
    unlinkSync(config);
    const mark3 = server.mark();
    await server.watchedFilesChanged([{ uri: server.uri('.grantlintrc.json'), type: FileChangeType.Deleted }]);
    const back = await server.waitForDiagnostics(uri, { after: mark3 });
    assert.deepEqual(codes(back.diagnostics), ['implicit-grant', 'legacy-grant-type']);
  });

  it('shows a broken config on the config file, falls back to defaults and keeps answering', async () => {
    server.write('app/.grantlintrc.json', '{\n  "rules": {\n    "implicit-grant": "off",\n  }\n  "legacyTenant": tru\n}\n');
    const configUri = server.uri('app/.grantlintrc.json');
    const mark = server.mark();
    await server.watchedFilesChanged([{ uri: configUri, type: FileChangeType.Created }]);
    const error = await server.waitForDiagnostics(configUri, { after: mark, accept: (p) => p.diagnostics.length > 0 });
    assert.equal(error.diagnostics.length, 1);
    const diagnostic = error.diagnostics[0]!;
    assert.equal(diagnostic.code, 'config-error');
    assert.equal(diagnostic.source, 'grantlint');
    assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
    assert.deepEqual(diagnostic.range.start, { line: 4, character: 2 }, 'at the line:col of the syntax error');
    assert.match(messageOf(diagnostic), /JSON syntax error/);

    const fallback = await server.waitForDiagnostics(uri, { after: mark });
    assert.deepEqual(codes(fallback.diagnostics), ['implicit-grant', 'legacy-grant-type'], 'defaults, not the broken rules');

    const hover = await server.hover(uri, { line: 4, character: 40 });
    assert.ok(hover, 'the server still answers');

    // A config problem sits on the key or value at fault.
    server.write('app/.grantlintrc.json', '{ "rules": { "no-such-rule": "off" } }\n');
    const mark2 = server.mark();
    await server.watchedFilesChanged([{ uri: configUri, type: FileChangeType.Changed }]);
    const unknownRule = await server.waitForDiagnostics(configUri, { after: mark2, accept: (p) => p.diagnostics.length > 0 });
    assert.deepEqual(unknownRule.diagnostics[0]?.range, { start: { line: 0, character: 13 }, end: { line: 0, character: 27 } });
    assert.match(messageOf(unknownRule.diagnostics[0]!), /unknown rule id 'no-such-rule'/);

    server.write('app/.grantlintrc.json', '{ "rules": { "implicit-grant": "off" } }\n');
    const mark3 = server.mark();
    await server.watchedFilesChanged([{ uri: configUri, type: FileChangeType.Changed }]);
    const cleared = await server.waitForDiagnostics(configUri, { after: mark3 });
    assert.deepEqual(cleared.diagnostics, []);
    const fixed = await server.waitForDiagnostics(uri, { after: mark3, accept: (p) => p.version === server.version(uri) && !p.diagnostics.some((d) => d.code === 'implicit-grant') });
    assert.deepEqual(codes(fixed.diagnostics), ['legacy-grant-type']);
  });

  it('validates an open config file as it is typed', async () => {
    const configUri = await server.open('app/.grantlintrc.json', '{ "rules": { "implicit-grant": "sometimes" } }\n');
    const diagnostics = await server.waitForCurrent(configUri);
    assert.equal(diagnostics[0]?.code, 'config-error');
    assert.match(messageOf(diagnostics[0]!), /must be one of off, hint, information, warning, error/);
    await server.change(configUri, '{ "rules": { "implicit-grant": "off" } }\n');
    assert.deepEqual(await server.waitForCurrent(configUri), []);
    await server.change(configUri, '{ "rules": ');
    assert.equal((await server.waitForCurrent(configUri))[0]?.code, 'config-error');
    // Closed without saving: what is on disk (a valid config) counts again.
    const mark = server.mark();
    await server.close(configUri);
    const onDisk = await server.waitForDiagnostics(configUri, { after: mark });
    assert.equal(onDisk.version, undefined);
    assert.deepEqual(onDisk.diagnostics, []);
  });

  it('honours enable and exclude', async () => {
    const other = await server.open('generated/tenant.yaml', TENANT_YAML);
    assert.notDeepEqual(await server.waitForCurrent(other), []);
    const mark = server.mark();
    await server.configurationChanged({ workspaceScan: false, exclude: ['generated/**'] });
    const excluded = await server.waitForDiagnostics(other, { after: mark });
    assert.deepEqual(excluded.diagnostics, []);
    assert.equal(await server.hover(other, { line: 8, character: 10 }), null, 'no features for excluded files');
    const stillChecked = await server.waitForDiagnostics(uri, { after: mark });
    assert.notDeepEqual(stillChecked.diagnostics, []);
    // Every way of writing "this folder" excludes an open document in it, as it keeps the scan out.
    for (const glob of ['generated', 'generated/', '**/generated', 'generated/*.yaml']) {
      const reset = server.mark();
      await server.configurationChanged({ workspaceScan: false });
      await server.waitForDiagnostics(other, { after: reset, accept: (p) => p.diagnostics.length > 0 });
      const before = server.mark();
      await server.configurationChanged({ workspaceScan: false, exclude: [glob] });
      const out = await server.waitForDiagnostics(other, { after: before });
      assert.deepEqual(out.diagnostics, [], glob);
      // The other document's publication for the same change, so none arrives late for the steps below.
      await server.waitForDiagnostics(uri, { after: before });
    }

    const mark2 = server.mark();
    await server.configurationChanged({ workspaceScan: false, enable: false });
    const disabled = await server.waitForDiagnostics(uri, { after: mark2 });
    assert.deepEqual(disabled.diagnostics, []);
    await server.waitForDiagnostics(other, { after: mark2, accept: (p) => p.diagnostics.length === 0 });

    const mark3 = server.mark();
    await server.configurationChanged({ workspaceScan: false });
    const enabled = await server.waitForDiagnostics(other, { after: mark3 });
    assert.notDeepEqual(enabled.diagnostics, []);
  });
});
