import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { CLIENT_CAPABILITIES, SERVER_PATH } from './helpers';
import { TENANT_YAML } from './fixtures';

describe('node IPC transport', () => {
  it('serves over --node-ipc', async () => {
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-lsp-ipc-')));
    // Without execArgv: [] the child would inherit the test runner's flags.
    const child = fork(SERVER_PATH, ['--node-ipc'], { cwd: workspace, silent: true, detached: true, execArgv: [] });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    // The IPC channel does not keep this process's event loop alive while a request is pending.
    const keepAlive = setInterval(() => {}, 1000);
    const published: PublishDiagnosticsParams[] = [];
    let notify = () => {};
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      published.push(p);
      notify();
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({ workspaceScan: false })));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('$/progress', () => {});
    connection.onNotification('window/logMessage', () => {});
    connection.listen();
    try {
      const root = pathToFileURL(workspace).href;
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'ws' }], capabilities: CLIENT_CAPABILITIES });
      await connection.sendNotification('initialized', {});
      const uri = pathToFileURL(join(workspace, 'tenant.yaml')).href;
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: TENANT_YAML } });
      const got = await new Promise<PublishDiagnosticsParams>((done, fail) => {
        const timer = setTimeout(() => fail(new Error('no diagnostics over IPC')), 15_000);
        notify = () => {
          const found = published.find((p) => p.uri === uri);
          if (found) {
            clearTimeout(timer);
            done(found);
          }
        };
        notify();
      });
      assert.deepEqual(
        got.diagnostics.map((d) => d.code),
        ['public-client-credentials', 'legacy-grant-type'],
      );
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      let timer: NodeJS.Timeout | undefined;
      const stillRunning = new Promise((done) => (timer = setTimeout(() => done('still running'), 10_000)));
      assert.equal(await Promise.race([exited, stillRunning]), 0);
      clearTimeout(timer);
    } finally {
      clearInterval(keepAlive);
      connection.dispose();
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});
