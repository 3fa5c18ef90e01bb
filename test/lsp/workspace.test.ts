import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, unlinkSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { messageOf, TestServer } from './helpers';
import { CLEAN_CLIENT_JSON, CLIENT_JSON, K8S_YAML, PACKAGE_JSON, TENANT_YAML, WORKFLOW_YAML } from './fixtures';
import { DEFAULT_CLIENT_SETTINGS } from '../../server/src/workspace/index';

const FILES = {
  'clients/Portal.json': CLIENT_JSON,
  'clients/Clean.json': CLEAN_CLIENT_JSON,
  'tenant.yaml': TENANT_YAML,
  'package.json': PACKAGE_JSON,
  '.github/workflows/ci.yml': WORKFLOW_YAML,
  'k8s/configmap.yaml': K8S_YAML,
  'node_modules/pkg/clients/Dep.json': CLIENT_JSON,
  'vendor/clients/Vendored.json': CLIENT_JSON,
  'generated/tenant.yaml': TENANT_YAML,
  '.grantlintrc.json': JSON.stringify({ ignore: ['vendor/**'] }),
};

describe('closed files', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ files: FILES, settings: { exclude: ['generated/**'] } });
    await server.waitForScans(1);
  });
  after(async () => {
    await server.stop();
  });

  function publishedUris(): string[] {
    return [...new Set(server.publications.map((p) => p.uri))].sort();
  }

  it('publishes the diagnostics of client configs nobody opened', async () => {
    assert.deepEqual(publishedUris(), [server.uri('clients/Portal.json'), server.uri('tenant.yaml')].sort());
    const portal = server.lastPublication(server.uri('clients/Portal.json'));
    assert.deepEqual(
      portal?.diagnostics.map((d) => d.code),
      ['implicit-grant', 'unknown-grant-type'],
    );
    assert.equal(portal?.version, undefined);
    assert.deepEqual(
      server.lastPublication(server.uri('tenant.yaml'))?.diagnostics.map((d) => d.code),
      ['public-client-credentials', 'legacy-grant-type'],
    );
  });

  it('follows files created, changed and deleted on disk', async () => {
    const uri = server.uri('clients/New.json');
    server.write('clients/New.json', CLIENT_JSON);
    let mark = server.mark();
    await server.watchedFilesChanged([{ uri, type: FileChangeType.Created }]);
    const created = await server.waitForDiagnostics(uri, { after: mark });
    assert.equal(created.diagnostics.length, 2);

    server.write('clients/New.json', CLEAN_CLIENT_JSON);
    mark = server.mark();
    await server.watchedFilesChanged([{ uri, type: FileChangeType.Changed }]);
    assert.deepEqual((await server.waitForDiagnostics(uri, { after: mark })).diagnostics, []);

    server.write('clients/New.json', CLIENT_JSON);
    mark = server.mark();
    await server.watchedFilesChanged([{ uri, type: FileChangeType.Changed }]);
    assert.equal((await server.waitForDiagnostics(uri, { after: mark })).diagnostics.length, 2);

    unlinkSync(server.path('clients/New.json'));
    mark = server.mark();
    await server.watchedFilesChanged([{ uri, type: FileChangeType.Deleted }]);
    assert.deepEqual((await server.waitForDiagnostics(uri, { after: mark })).diagnostics, []);
  });

  it('lets an open document replace the results from disk, and goes back to disk on close', async () => {
    const uri = server.uri('clients/Portal.json');
    const edited = CLIENT_JSON.replace(', "authorisation_code"', '');
    const mark = server.mark();
    await server.open('clients/Portal.json', edited);
    const live = await server.waitForDiagnostics(uri, { after: mark });
    assert.equal(live.version, 1);
    assert.deepEqual(
      live.diagnostics.map((d) => d.code),
      ['implicit-grant'],
    );

    // While it is open, changes on disk do not override the live results.
    const watchMark = server.mark();
    await server.watchedFilesChanged([{ uri, type: FileChangeType.Changed }]);
    await server.change(uri, edited.replace(', "implicit"', ''));
    const current = await server.waitForDiagnostics(uri, { after: watchMark });
    assert.equal(current.version, 2);
    assert.deepEqual(current.diagnostics, []);

    const closeMark = server.mark();
    await server.close(uri);
    const fromDisk = await server.waitForDiagnostics(uri, { after: closeMark });
    assert.equal(fromDisk.version, undefined);
    assert.deepEqual(
      fromDisk.diagnostics.map((d) => d.code),
      ['implicit-grant', 'unknown-grant-type'],
    );
    assert.equal(server.publications.slice(closeMark).filter((p) => p.uri === uri).length, 1);
  });

  it('gives open non-client files an empty list', async () => {
    for (const rel of ['package.json', '.github/workflows/ci.yml', 'k8s/configmap.yaml']) {
      const uri = server.uri(rel);
      const mark = server.mark();
      await server.open(rel, FILES[rel as keyof typeof FILES]);
      assert.deepEqual((await server.waitForDiagnostics(uri, { after: mark })).diagnostics, [], rel);
      await server.close(uri);
    }
  });

  it('drops closed-file results when the scan is switched off', async () => {
    const mark = server.mark();
    const scans = server.progress.filter((p) => p.kind === 'end').length;
    await server.configurationChanged({ workspaceScan: false });
    await server.waitForScans(scans + 1);
    for (const rel of ['clients/Portal.json', 'tenant.yaml']) {
      const cleared = server.publications.slice(mark).filter((p) => p.uri === server.uri(rel));
      assert.deepEqual(cleared.at(-1)?.diagnostics, [], rel);
    }
  });
});

describe('workspace scan settings', () => {
  it('scans nothing when grantlint.workspaceScan is false', async () => {
    const server = await TestServer.start({ files: FILES, settings: { workspaceScan: false } });
    try {
      await server.waitForScans(1);
      const uri = await server.open('tenant.yaml', TENANT_YAML);
      await server.waitForCurrent(uri);
      assert.deepEqual([...new Set(server.publications.map((p) => p.uri))], [uri]);
    } finally {
      await server.stop();
    }
  });

  it('stops after grantlint.workspaceScan.maxFiles files', async () => {
    const files: Record<string, string> = {};
    for (const name of ['a', 'b', 'c', 'd']) files[`clients/${name}.json`] = CLIENT_JSON;
    const server = await TestServer.start({ files, settings: { workspaceScan: { enabled: true, maxFiles: 2 } } });
    try {
      await server.waitForScans(1);
      assert.deepEqual([...new Set(server.publications.map((p) => p.uri))].sort(), [server.uri('clients/a.json'), server.uri('clients/b.json')]);
      // Visible to the user, not only in the output: one warning per scan naming the setting, and the status.
      await server.waitFor('the status after the scan', () => server.statuses.find((s) => s.scanStopped?.length));
      const warnings = () => server.messages.filter((m) => m.type === 2 && m.message.includes('grantlint.workspaceScan.maxFiles'));
      assert.equal(warnings().length, 1, JSON.stringify(server.messages));
      assert.match(warnings()[0]!.message, /first 2 files of workspace/);
      assert.deepEqual(server.statuses[server.statuses.length - 1]!.scanStopped, [{ folder: 'workspace', maxFiles: 2 }]);
      await server.configurationChanged({ workspaceScan: { enabled: true, maxFiles: 3 } });
      await server.waitForScans(2);
      await server.waitFor('a second warning', () => (warnings().length === 2 ? true : undefined));
      assert.match(warnings()[1]!.message, /first 3 files of workspace/);
      // Raised above the folder's files: the whole folder is checked, the warning and the status note are gone.
      await server.configurationChanged({ workspaceScan: { enabled: true, maxFiles: 10 } });
      await server.waitForScans(3);
      await server.waitFor('a status without the stop', () => {
        const last = server.statuses[server.statuses.length - 1];
        return last && last.filesChecked === 4 && (last.scanStopped ?? []).length === 0 ? true : undefined;
      });
      assert.equal(warnings().length, 2, 'no warning for a scan that was not cut');
    } finally {
      await server.stop();
    }
  });

  it('scans a directory tenant of 5,000 clients and 5,000 grants whole with the default limit', () => {
    const tenantFiles = 5000 + 5000 + 1;
    assert.ok(DEFAULT_CLIENT_SETTINGS.workspaceScan.maxFiles >= tenantFiles, `default ${DEFAULT_CLIENT_SETTINGS.workspaceScan.maxFiles}`);
  });
});

describe('agreement with the command line', () => {
  it('gives every example file the same findings as the CLI', async () => {
    const examples = resolve(__dirname, '../../examples');
    const server = await TestServer.start({ settings: {} });
    try {
      cpSync(examples, join(server.workspace, 'examples'), { recursive: true });
      const scans = server.progress.filter((p) => p.kind === 'end').length;
      await server.waitForScans(1);
      // The copy may have raced the first scan: rescan through a settings change.
      await server.configurationChanged({});
      await server.waitForScans(Math.max(scans, 1) + 1);

      const cli = spawnSync(process.execPath, [resolve(__dirname, '../../dist/cli.js'), '--format', 'json', 'examples'], { cwd: server.workspace, encoding: 'utf8' });
      const expected = (JSON.parse(cli.stdout) as { file: string; line: number; column: number; endLine: number; endColumn: number; ruleId: string; severity: string; message: string }[])
        .map((f) => `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.ruleId} ${f.message}`)
        .sort();
      assert.ok(expected.length > 20, 'the examples have findings');

      const severities = ['', 'error', 'warning', 'information', 'hint'];
      const latest = new Map<string, (typeof server.publications)[number]>();
      for (const publication of server.publications) latest.set(publication.uri, publication);
      const actual = [...latest.values()]
        .flatMap((p) =>
          p.diagnostics.map((d) => {
            const file = relative(server.workspace, fileURLToPath(p.uri)).split('\\').join('/');
            const r = d.range;
            return `${file}:${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${severities[d.severity ?? 0]} ${d.code} ${messageOf(d)}`;
          }),
        )
        .sort();
      assert.deepEqual(actual, expected);
    } finally {
      await server.stop();
    }
  });
});
