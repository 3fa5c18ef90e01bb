/**
 * The language server's transport, from its command line: `--stdio`, `--node-ipc`, `--socket=<port>` (or
 * `--socket <port>`) or `--pipe=<name>`. Other arguments (such as `--clientProcessId=<pid>`, which editors add) are
 * left to the protocol library. A message the server cannot read (a bad frame, a body that is not JSON) is fatal:
 * it is written to stderr (never stdout, the protocol channel) and the process exits with code 1, so the editor
 * restarts the server instead of talking to one that no longer hears it.
 */
import { createConnection as connectSocket, type Socket } from 'node:net';
import {
  IPCMessageReader,
  IPCMessageWriter,
  SocketMessageReader,
  SocketMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type DataCallback,
  type Disposable,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { FrameChecker } from './frames';

const NAME = 'grantlint-language-server';
const TRANSPORT_USAGE = `Usage: ${NAME} --stdio | --node-ipc | --socket=<port> | --pipe=<name>`;

export type TransportChoice =
  | { readonly kind: 'stdio' }
  | { readonly kind: 'node-ipc' }
  | { readonly kind: 'socket'; readonly port: number }
  | { readonly kind: 'pipe'; readonly name: string }
  | { readonly kind: 'print'; readonly text: string }
  | { readonly kind: 'error'; readonly message: string };

/** Reads the transport from the arguments after the script name; the first transport argument wins. */
export function chooseTransport(args: readonly string[], version: string): TransportChoice {
  const unknown: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--help' || flag === '-h') return { kind: 'print', text: `${TRANSPORT_USAGE}\n` };
    if (flag === '--version' || flag === '-v') return { kind: 'print', text: `${version}\n` };
    if (flag === '--stdio') return { kind: 'stdio' };
    if (flag === '--node-ipc') return { kind: 'node-ipc' };
    if (flag === '--socket') {
      const value = inline ?? args[i + 1] ?? '';
      const port = Number(value);
      if (!/^\d+$/.test(value) || port < 1 || port > 65535) return { kind: 'error', message: `--socket needs a port number from 1 to 65535, got '${value}'` };
      return { kind: 'socket', port };
    }
    if (flag === '--pipe') {
      const name = inline ?? args[i + 1] ?? '';
      if (name === '' || name.startsWith('--')) return { kind: 'error', message: '--pipe needs the name of a pipe' };
      return { kind: 'pipe', name };
    }
    if (!flag.startsWith('--clientProcessId')) unknown.push(arg);
  }
  const got = unknown.length > 0 ? ` (got ${unknown.map((a) => `'${a}'`).join(', ')})` : '';
  return { kind: 'error', message: `no transport given: start it with --stdio, --node-ipc, --socket=<port> or --pipe=<name>${got}` };
}

/** A reader over stdin that also remembers whether the client asked the server to shut down. */
class StdinReader extends StreamMessageReader {
  shutdownRequested = false;

  override listen(callback: DataCallback): Disposable {
    return super.listen((message) => {
      if ((message as { method?: unknown }).method === 'shutdown') this.shutdownRequested = true;
      callback(message);
    });
  }
}

/** Ends the process after a message that cannot be read: one line on stderr, exit code 1. */
function exitUnreadable(problem: string): never {
  process.stderr.write(`${NAME}: cannot read the client's messages: ${problem.split('\n')[0]}; exiting so the client can restart the server\n`);
  process.exit(1);
}

/** Checks the framing of every chunk the stream delivers; the first problem ends the process. */
function checkFrames(stream: NodeJS.ReadableStream | Socket): void {
  const frames = new FrameChecker();
  stream.on('data', (chunk: Buffer) => {
    const problem = frames.push(chunk);
    if (problem !== undefined) exitUnreadable(problem);
  });
}

/**
 * Opens the chosen transport. Over stdio, a socket or a pipe the framing is checked as bytes arrive. For stdio, as
 * the protocol library does for a stream, the end of stdin ends the process (code 0 after a shutdown request, 1
 * otherwise). The socket and the pipe connect to the client as the library's own transports do.
 */
function openTransport(choice: Exclude<TransportChoice, { kind: 'print' | 'error' }>): [MessageReader, MessageWriter] {
  let reader: MessageReader;
  let writer: MessageWriter;
  if (choice.kind === 'stdio') {
    const stdinReader = new StdinReader(process.stdin);
    checkFrames(process.stdin);
    const end = () => process.exit(stdinReader.shutdownRequested ? 0 : 1);
    process.stdin.on('end', end);
    process.stdin.on('close', end);
    reader = stdinReader;
    writer = new StreamMessageWriter(process.stdout);
  } else if (choice.kind === 'node-ipc') {
    reader = new IPCMessageReader(process);
    writer = new IPCMessageWriter(process);
  } else {
    const socket = choice.kind === 'socket' ? connectSocket(choice.port, '127.0.0.1') : connectSocket(choice.name);
    checkFrames(socket);
    reader = new SocketMessageReader(socket);
    writer = new SocketMessageWriter(socket);
  }
  reader.onError((error) => exitUnreadable(error instanceof Error ? error.message : String(error)));
  return [reader, writer];
}

/** Chooses and opens the transport from `process.argv`, or prints the usage or version, or exits with code 2. */
export function transportFromCommandLine(version: string): [MessageReader, MessageWriter] {
  const choice = chooseTransport(process.argv.slice(2), version);
  if (choice.kind === 'print') {
    process.stdout.write(choice.text);
    process.exit(0);
  }
  if (choice.kind === 'error') {
    process.stderr.write(`${NAME}: ${choice.message}\n`);
    process.exit(2);
  }
  return openTransport(choice);
}
