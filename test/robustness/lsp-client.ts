/**
 * A minimal LSP client for the robustness checks (the network test and `npm run fuzz`): starts the built server
 * (dist/server.js --stdio), optionally with extra Node options such as `--require` of a preload script, opens
 * documents, waits for their diagnostics and always stops the process it started.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ConfigurationParams,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');

export interface LspOptions {
  /** The workspace folder the server is given. */
  readonly workspace: string;
  /** Node options placed before the server script (e.g. `--require`, a preload). */
  readonly nodeArgs?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** The `grantlint` settings answered to workspace/configuration. */
  readonly settings?: Record<string, unknown>;
  /** The command that starts the server, instead of the built bundle (e.g. an installed `grantlint-language-server`). */
  readonly command?: readonly [string, ...string[]];
}

export class LspProcess {
  private readonly publications: PublishDiagnosticsParams[] = [];
  private readonly versions = new Map<string, number>();
  /** Per document: how many publications there were when it was last opened or changed. */
  private readonly marks = new Map<string, number>();
  private waiters: (() => void)[] = [];
  private exitCode: number | null | undefined;
  readonly stderr: string[] = [];

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {
    child.on('exit', (code) => {
      this.exitCode = code;
      this.wake();
    });
    child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
  }

  static async start(options: LspOptions): Promise<LspProcess> {
    const [program, ...args] = options.command ?? [process.execPath, ...(options.nodeArgs ?? []), SERVER, '--stdio'];
    const child = spawn(program, args, {
      cwd: options.workspace,
      env: options.env ?? process.env,
      stdio: 'pipe',
    });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const server = new LspProcess(child, connection);
    const settings = options.settings ?? {};
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      server.publications.push(params);
      server.wake();
    });
    connection.onRequest('workspace/configuration', (params: ConfigurationParams) => params.items.map(() => settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/applyEdit', () => ({ applied: false }));
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('$/progress', () => undefined);
    connection.listen();
    const root = pathToFileURL(options.workspace).href;
    await server.within(
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: root,
        workspaceFolders: [{ uri: root, name: 'workspace' }],
        capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
      }),
      15_000,
      'initialize',
    );
    await connection.sendNotification('initialized', {});
    return server;
  }

  get exited(): boolean {
    return this.exitCode !== undefined;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }

  /** Resolves with the promise's value, or rejects after `ms` or when the server exits. */
  async within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ms} ms`)), ms);
    });
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async open(uri: string, languageId: string, text: string): Promise<number> {
    this.versions.set(uri, 1);
    this.marks.set(uri, this.publications.length);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return 1;
  }

  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.marks.set(uri, this.publications.length);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The diagnostics the server publishes for this version of the document (after it was opened or changed). */
  async diagnostics(uri: string, ms = 15_000): Promise<Diagnostic[]> {
    const version = this.versions.get(uri);
    const mark = this.marks.get(uri) ?? 0;
    const deadline = Date.now() + ms;
    for (;;) {
      for (let i = this.publications.length - 1; i >= mark; i--) {
        const p = this.publications[i]!;
        if (p.uri === uri && (p.version === undefined || p.version === version)) return p.diagnostics;
      }
      if (this.exited) throw new Error(`the server exited (code ${this.exitCode}) while waiting for diagnostics of ${uri}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no diagnostics for ${uri} version ${version} within ${ms} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Shuts down politely, then kills the process it started if it is still there. Resolves with the exit code. */
  async stop(): Promise<number | null | undefined> {
    try {
      if (!this.exited) {
        await this.within(this.connection.sendRequest('shutdown'), 5000, 'shutdown');
        await this.connection.sendNotification('exit');
        await this.within(new Promise<void>((resolve) => (this.exited ? resolve() : this.child.once('exit', () => resolve()))), 5000, 'exit');
      }
    } catch {
      // Killed below.
    } finally {
      this.connection.dispose();
      if (!this.exited) this.child.kill('SIGKILL');
    }
    return this.exitCode;
  }
}

export function languageOf(path: string): string {
  return /\.ya?ml$/i.test(path) ? 'yaml' : 'json';
}
