/**
 * The server's command line: which transport each form of argument picks, the one-line refusal of a missing or
 * bad one, and a whole session over `--socket=<port>` (stdio and node IPC have their own tests).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { describe, test } from 'node:test';
import { createProtocolConnection, SocketMessageReader, SocketMessageWriter } from 'vscode-languageserver-protocol/node';
import { chooseTransport } from '../../server/src/lsp/transport';
import { SERVER_PATH } from './helpers';

describe('transport choice', () => {
  const cases: [readonly string[], ReturnType<typeof chooseTransport>][] = [
    [['--stdio'], { kind: 'stdio' }],
    [['--node-ipc', '--clientProcessId=123'], { kind: 'node-ipc' }],
    [['--clientProcessId=123', '--stdio'], { kind: 'stdio' }],
    [['--socket=5007'], { kind: 'socket', port: 5007 }],
    [['--socket', '5007'], { kind: 'socket', port: 5007 }],
    [['--pipe=/tmp/grantlint.sock'], { kind: 'pipe', name: '/tmp/grantlint.sock' }],
    [['--pipe', 'name'], { kind: 'pipe', name: 'name' }],
    [['--version'], { kind: 'print', text: '9.9.9\n' }],
  ];
  for (const [args, expected] of cases) {
    test(`${args.join(' ')} → ${expected.kind}`, () => assert.deepEqual(chooseTransport(args, '9.9.9'), expected));
  }

  for (const args of [[], ['--stdoi'], ['stdio'], ['--socket'], ['--socket=0'], ['--socket=70000'], ['--socket=12ab'], ['--socket', '--stdio'], ['--pipe'], ['--pipe=']]) {
    test(`${args.join(' ') || '(nothing)'} is refused with a reason`, () => {
      const choice = chooseTransport(args, '9.9.9');
      assert.equal(choice.kind, 'error');
      assert.ok(choice.kind === 'error' && !choice.message.includes('\n'));
    });
  }

  test('the bundle refuses a missing transport with one line on stderr and exit 2, and prints its usage on --help', () => {
    const missing = spawnSync(process.execPath, [SERVER_PATH], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(missing.status, 2);
    assert.equal(missing.stdout, '');
    assert.equal(missing.stderr, 'grantlint-language-server: no transport given: start it with --stdio, --node-ipc, --socket=<port> or --pipe=<name>\n');
    const help = spawnSync(process.execPath, [SERVER_PATH, '--help'], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: grantlint-language-server --stdio/);
  });
});

/** Starts the server on a socket this test listens on; resolves with the accepted socket and the child. */
async function serverOnSocket() {
  const listener = createServer();
  await new Promise<void>((done) => listener.listen(0, '127.0.0.1', done));
  const port = (listener.address() as AddressInfo).port;
  const accepted = new Promise<Socket>((done) => listener.once('connection', done));
  const child = spawn(process.execPath, [SERVER_PATH, `--socket=${port}`], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const stop = () => {
    listener.close();
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  return { socket: await accepted, exited, stop, stderr: () => stderr };
}

describe('socket transport', () => {
  test('a header without its blank line over the socket ends the server with a message', { timeout: 30_000 }, async () => {
    const server = await serverOnSocket();
    try {
      server.socket.write('Content-Length: 2\n\n{}');
      const code = await Promise.race([server.exited, new Promise((done) => setTimeout(() => done('still running'), 10_000))]);
      assert.equal(code, 1);
      assert.match(server.stderr(), /^grantlint-language-server: cannot read the client's messages: a header line ending in \\n without \\r/);
    } finally {
      server.stop();
    }
  });

  test('serves a session over --socket=<port>: initialize, shutdown, exit 0', { timeout: 30_000 }, async () => {
    const { socket, exited, stop } = await serverOnSocket();
    try {
      const connection = createProtocolConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
      connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({ workspaceScan: { enabled: false } })));
      connection.onRequest('client/registerCapability', () => null);
      connection.onNotification('window/logMessage', () => undefined);
      connection.listen();
      const result = (await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} })) as { capabilities: object };
      assert.ok(result.capabilities);
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      assert.equal(await exited, 0);
      connection.dispose();
    } finally {
      stop();
    }
  });
});
