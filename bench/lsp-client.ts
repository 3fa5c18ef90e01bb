/** A minimal LSP client over stdio for timing servers: open, edit, wait for diagnostics, read memory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export interface ServerCommand {
  readonly command: string;
  readonly args: readonly string[];
  /** Answers to workspace/configuration, by section. */
  readonly settings: Record<string, unknown>;
  readonly initializationOptions?: unknown;
}

export class TimedServer {
  private readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  private readonly waiters: { uri: string; version: number | undefined; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private syncKind = 1;
  /** Called with every diagnostics publication (after the waiters are served). */
  onPublish: (params: PublishDiagnosticsParams) => void = () => {};

  constructor(private readonly server: ServerCommand) {
    this.child = spawn(server.command, [...server.args], { stdio: ['pipe', 'pipe', 'ignore'], detached: true });
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const waiter = this.waiters[i]!;
        // Servers that do not echo versions are matched by the first publication after the request.
        if (waiter.uri === params.uri && (params.version === undefined || waiter.version === undefined || params.version >= waiter.version)) {
          this.waiters.splice(i, 1);
          waiter.resolve(params);
        }
      }
      this.onPublish(params);
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section ? (this.server.settings[item.section] ?? null) : this.server.settings)),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onUnhandledNotification(() => undefined);
    this.connection.listen();
  }

  get pid(): number {
    return this.child.pid!;
  }

  async initialize(rootPath: string): Promise<void> {
    const result = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(rootPath).href,
      workspaceFolders: [{ uri: pathToFileURL(rootPath).href, name: 'bench' }],
      capabilities: {
        // As VS Code: the bench sends didChangeWatchedFiles for the files it changes on disk.
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { dynamicRegistration: false } },
      },
      initializationOptions: this.server.initializationOptions,
    })) as { capabilities: { textDocumentSync?: number | { change?: number } } };
    const sync = result.capabilities.textDocumentSync;
    this.syncKind = typeof sync === 'number' ? sync : (sync?.change ?? 1);
    await this.connection.sendNotification('initialized', {});
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: this.server.settings });
  }

  private next(uri: string, version: number | undefined): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  /** Milliseconds from sending didOpen to the first diagnostics for that version. */
  async open(uri: string, languageId: string, text: string): Promise<{ ms: number; count: number }> {
    const done = this.next(uri, 1);
    const start = performance.now();
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    const params = await done;
    return { ms: performance.now() - start, count: params.diagnostics.length };
  }

  /** Replaces [start, end) with `insert` as version `version`; milliseconds until its diagnostics arrive. */
  async edit(uri: string, version: number, before: string, start: number, end: number, insert: string): Promise<{ ms: number; text: string }> {
    const text = before.slice(0, start) + insert + before.slice(end);
    const done = this.next(uri, version);
    // Worked out before the clock starts: the editor knows where its cursor is.
    const change =
      this.syncKind === 2 ? { range: { start: positionAt(before, start), end: positionAt(before, end) }, text: insert } : { text };
    const begin = performance.now();
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await done;
    return { ms: performance.now() - begin, text };
  }

  rssMb(): number {
    return readStatusKb(this.child.pid!, 'VmRSS') / 1024;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The process group is killed below either way.
    }
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
    this.connection.dispose();
  }
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/**
 * CPU time a process (all its threads: the server and its lint worker) has used, in ms, from /proc/<pid>/stat
 * (utime + stime, in clock ticks of 10 ms). A measure the machine's other load does not inflate as it does
 * wall time.
 */
export function readCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at state, field 3; utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** A value from /proc/<pid>/status in kB, summed over the process and its children (servers may fork). */
export function readStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
