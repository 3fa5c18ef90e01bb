/**
 * Files in a workspace the server must not read: a FIFO (reading it blocks until someone writes), a link to
 * /dev/zero (it never ends), and a 450 MB dump (sparse here, so cheap to make). The start-up scan and
 * watched-file events alike must skip or size them before reading, and the server must keep answering with its
 * memory bounded. A hang fails through the waits' timeouts; nothing here measures speed.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { TestServer } from './helpers';
import { CLIENT_JSON } from './fixtures';

/** Peak resident memory of a process, in MB (Linux). */
function peakMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status);
  return kb ? Number(kb[1]) / 1024 : Number.NaN;
}

describe('special files in the workspace', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ files: { 'clients/Portal.json': CLIENT_JSON } });
    await server.waitForScans(1);
    // Made after the first scan, so the start-up scan runs on them when it runs again (a settings change below).
    execFileSync('mkfifo', [server.path('clients/pipe.json')]);
    execFileSync('mkfifo', [server.path('tenant.yaml')]);
    symlinkSync('/dev/zero', server.path('clients/zero.json'));
    symlinkSync('missing.json', server.path('clients/broken.json'));
    symlinkSync('loop.yaml', server.path('loop.yaml'));
    writeFileSync(server.path('dump.json'), '');
    truncateSync(server.path('dump.json'), 450 * 1024 * 1024);
    writeFileSync(server.path('clients/Big.json'), '');
    truncateSync(server.path('clients/Big.json'), 450 * 1024 * 1024);
  });
  after(async () => {
    await server.stop();
  });

  it('a rescan skips FIFOs and sizes a 450 MB file before reading it', async () => {
    const before = server.mark();
    await server.configurationChanged({});
    await server.waitForScans(2);
    // The client config is still checked; the sparse file named like one is reported, not read.
    assert.equal((await server.waitForDiagnostics(server.uri('clients/Portal.json'), { after: before })).diagnostics.length, 2);
    const big = await server.waitForDiagnostics(server.uri('clients/Big.json'), { after: before });
    assert.deepEqual(big.diagnostics.map((d) => `${d.code} ${d.severity}`), ['file-too-large 2']);
    assert.equal(server.lastPublication(server.uri('tenant.yaml')), undefined);
    assert.equal(server.lastPublication(server.uri('dump.json')), undefined);
    assert.ok(peakMb(server.child.pid!) < 300, `peak ${peakMb(server.child.pid!)} MB`);
    // Broken links named like a config file are logged, not passed over in silence.
    await server.waitFor('the broken link in the log', () => server.logs.find((line) => line.includes(`Not checked: ${server.path('clients/broken.json')} is a broken symbolic link to missing.json (ENOENT).`)));
    await server.waitFor('the link loop in the log', () => server.logs.find((line) => line.includes(`Not checked: ${server.path('loop.yaml')} is a broken symbolic link to loop.yaml (ELOOP).`)));
  });

  it('watched-file events for a FIFO, a link to /dev/zero and a 450 MB file neither block nor grow the server', async () => {
    await server.watchedFilesChanged([
      { uri: server.uri('tenant.yaml'), type: FileChangeType.Changed },
      { uri: server.uri('clients/pipe.json'), type: FileChangeType.Created },
      { uri: server.uri('clients/zero.json'), type: FileChangeType.Created },
      { uri: server.uri('dump.json'), type: FileChangeType.Changed },
    ]);
    // The server still answers: an ordinary file changed afterwards is checked.
    const uri = server.uri('clients/After.json');
    server.write('clients/After.json', CLIENT_JSON);
    const mark = server.mark();
    await server.watchedFilesChanged([{ uri, type: FileChangeType.Created }]);
    assert.equal((await server.waitForDiagnostics(uri, { after: mark })).diagnostics.length, 2);
    assert.equal(server.lastPublication(server.uri('clients/zero.json')), undefined);
    assert.equal(server.lastPublication(server.uri('clients/pipe.json')), undefined);
    assert.ok(peakMb(server.child.pid!) < 300, `peak ${peakMb(server.child.pid!)} MB`);
    assert.ok(server.logs.some((line) => /zero\.json is a character device, not a regular file/.test(line)), server.logs.join('\n'));
    assert.ok(server.logs.some((line) => /pipe\.json is a FIFO, not a regular file/.test(line)), server.logs.join('\n'));
  });

  it('closing a document whose file became a FIFO does not block the server', async () => {
    const uri = await server.open('tenant.yaml', 'clients: []\n');
    await server.waitForCurrent(uri);
    await server.close(uri);
    const after = server.uri('clients/After2.json');
    server.write('clients/After2.json', CLIENT_JSON);
    const mark = server.mark();
    await server.watchedFilesChanged([{ uri: after, type: FileChangeType.Created }]);
    assert.equal((await server.waitForDiagnostics(after, { after: mark })).diagnostics.length, 2);
  });
});
