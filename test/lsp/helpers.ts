/**
 * A small LSP client for the protocol tests: starts the built server (dist/server.js --stdio) on a temporary
 * workspace folder, answers the requests a real editor answers (configuration, registrations, applyEdit,
 * showDocument, progress), records every diagnostics publication, and always shuts the server down.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ApplyWorkspaceEditParams,
  type ClientCapabilities,
  type CodeAction,
  type CodeLens,
  type Command,
  type CompletionItem,
  type CompletionList,
  type ConfigurationParams,
  type Diagnostic,
  type DocumentSymbol,
  type FileEvent,
  type Hover,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type RegistrationParams,
  type ShowDocumentParams,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const SERVER_PATH = resolve(__dirname, '../../dist/server.js');
/** Where the server links rule pages: the bundled docs/rules/ beside dist/, as `file:` URIs (they work offline). */
export const RULE_PAGES = `${pathToFileURL(resolve(__dirname, '../../docs/rules')).href}/`;
const WAIT_MS = 15_000;

export const CLIENT_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    applyEdit: true,
    workspaceFolders: true,
    workspaceEdit: { documentChanges: true },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    executeCommand: { dynamicRegistration: false },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: false, tagSupport: { valueSet: [1] }, documentationFormat: ['markdown', 'plaintext'] } },
    codeAction: {
      isPreferredSupport: true,
      dataSupport: true,
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'source', 'source.fixAll'] } },
    },
    codeLens: {},
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
  window: { workDoneProgress: true, showDocument: { support: true } },
};

/** The test client's capabilities without didChangeWatchedFiles (as Neovim 0.7 to 0.9): the server watches itself. */
export const WITHOUT_WATCHING: ClientCapabilities = (() => {
  const { didChangeWatchedFiles: _watching, ...workspace } = CLIENT_CAPABILITIES.workspace!;
  return { ...CLIENT_CAPABILITIES, workspace };
})();

/** "line:rule:severity" of each diagnostic of a publication, sorted. */
export function diagnosticSummary(publication: PublishDiagnosticsParams): string[] {
  return publication.diagnostics.map((d) => `${d.range.start.line + 1}:${String(d.code)}:${d.severity}`).sort();
}

export interface StartOptions {
  /** Files to create in the workspace before the server starts, by relative path. */
  readonly files?: Readonly<Record<string, string>>;
  /** The `grantlint` settings the client answers workspace/configuration with. */
  readonly settings?: Record<string, unknown>;
  /** How long a wait for the server may take before it fails (default 15 s): more for files of many megabytes. */
  readonly waitMs?: number;
  /** What the client announces (CLIENT_CAPABILITIES when absent). */
  readonly capabilities?: ClientCapabilities;
  /** Sent as initializationOptions. */
  readonly initializationOptions?: Record<string, unknown>;
  /** The server bundle to run (SERVER_PATH when absent): a copy elsewhere tests what the bundle finds beside it. */
  readonly serverPath?: string;
}

/** A client like older Neovim: diagnostics' `data` is not kept, so code action requests never echo it. */
export const NO_DATA_CAPABILITIES: ClientCapabilities = {
  ...CLIENT_CAPABILITIES,
  textDocument: {
    ...CLIENT_CAPABILITIES.textDocument,
    publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: false },
    codeAction: { isPreferredSupport: true, codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'source', 'source.fixAll'] } } },
  },
};

export class TestServer {
  readonly publications: PublishDiagnosticsParams[] = [];
  readonly applied: ApplyWorkspaceEditParams[] = [];
  readonly shownDocuments: ShowDocumentParams[] = [];
  readonly registrations: RegistrationParams[] = [];
  readonly logs: string[] = [];
  /** The server's grantlint/status notifications, in order. */
  readonly statuses: { version: string; filesChecked: number; clientConfigs: number; scanStopped?: { folder: string; maxFiles: number }[] }[] = [];
  /** window/showMessage notifications (type: 1 error, 2 warning, 3 info, 4 log), in order. */
  readonly messages: { type: number; message: string }[] = [];
  /** Work-done progress the server reported: begin/report/end values in order. */
  readonly progress: { token: string | number; kind: string; title?: string }[] = [];
  /** Answered to workspace/configuration; tests change it, then notify didChangeConfiguration. */
  settings: Record<string, unknown>;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private listeners: (() => void)[] = [];
  private exitCode: number | null | undefined;
  private waitMs: number | undefined;
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly workspace: string,
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    this.exited = new Promise((resolveExit) => {
      child.on('exit', (code) => {
        this.exitCode = code;
        resolveExit(code);
        this.notify();
      });
    });
  }

  static async start(options: StartOptions = {}): Promise<TestServer> {
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-lsp-')));
    for (const [rel, text] of Object.entries(options.files ?? {})) writeFile(workspace, rel, text);
    // Its own process group, so `after` can kill it and anything it started.
    const child = spawn(process.execPath, [options.serverPath ?? SERVER_PATH, '--stdio'], { cwd: workspace, detached: true, stdio: 'pipe' });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(`[server stderr] ${chunk.toString()}`));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const server = new TestServer(workspace, child, connection, { ...(options.settings ?? {}) });
    server.waitMs = options.waitMs;
    server.wire();
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'workspace' }],
      capabilities: options.capabilities ?? CLIENT_CAPABILITIES,
      ...(options.initializationOptions ? { initializationOptions: options.initializationOptions } : {}),
    });
    await connection.sendNotification('initialized', {});
    return server;
  }

  private wire(): void {
    const c = this.connection;
    c.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.publications.push(params);
      this.notify();
    });
    c.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.notify();
    });
    c.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      this.messages.push(params);
      this.notify();
    });
    c.onNotification('grantlint/status', (params: TestServer['statuses'][number]) => {
      this.statuses.push(params);
      this.notify();
    });
    c.onNotification('$/progress', (params: { token: string | number; value: { kind: string; title?: string } }) => {
      this.progress.push({ token: params.token, kind: params.value.kind, ...(params.value.title ? { title: params.value.title } : {}) });
      this.notify();
    });
    c.onRequest('workspace/configuration', (params: ConfigurationParams) => params.items.map(() => this.settings));
    c.onRequest('client/registerCapability', (params: RegistrationParams) => {
      this.registrations.push(params);
      return null;
    });
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
      this.applied.push(params);
      this.notify();
      return { applied: true };
    });
    c.onRequest('window/showDocument', (params: ShowDocumentParams) => {
      this.shownDocuments.push(params);
      this.notify();
      return { success: true };
    });
  }

  private notify(): void {
    const listeners = this.listeners;
    this.listeners = [];
    listeners.forEach((l) => l());
  }

  /** Resolves once `check` returns a value; fails the test (with what was seen) if that never happens. */
  async waitFor<T>(what: string, check: () => T | undefined): Promise<T> {
    const deadline = Date.now() + (this.waitMs ?? WAIT_MS);
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      if (this.exitCode !== undefined) throw new Error(`server exited (code ${this.exitCode}) while waiting for ${what}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        const recent = this.publications.slice(-10).map((p) => `${p.uri} v${p.version ?? '-'}: ${p.diagnostics.map((d) => d.code).join(', ')}`);
        throw new Error(`timed out waiting for ${what}\nlast publications:\n${recent.join('\n')}\nserver log:\n${this.logs.join('\n')}`);
      }
      await new Promise<void>((done) => {
        const timer = setTimeout(done, Math.min(remaining, 200));
        this.listeners.push(() => {
          clearTimeout(timer);
          done();
        });
      });
    }
  }

  /** Resolves once `count` workspace scans have ended (the server reports each scan as work-done progress). */
  waitForScans(count: number): Promise<number> {
    return this.waitFor(`${count} workspace scan(s)`, () => {
      const ended = this.progress.filter((p) => p.kind === 'end').length;
      return ended >= count ? ended : undefined;
    });
  }

  path(rel: string): string {
    return join(this.workspace, rel);
  }

  uri(rel: string): string {
    return pathToFileURL(this.path(rel)).href;
  }

  write(rel: string, text: string): string {
    return writeFile(this.workspace, rel, text);
  }

  /** A mark to wait for publications that come after it. */
  mark(): number {
    return this.publications.length;
  }

  /** The first publication for `uri` after `mark` that satisfies `accept`. */
  waitForDiagnostics(uri: string, options: { after?: number; accept?: (p: PublishDiagnosticsParams) => boolean } = {}): Promise<PublishDiagnosticsParams> {
    const after = options.after ?? 0;
    const accept = options.accept ?? (() => true);
    return this.waitFor(`diagnostics for ${uri}`, () => this.publications.slice(after).find((p) => p.uri === uri && accept(p)));
  }

  /** The diagnostics for the document's current version (the server publishes every open document). */
  waitForCurrent(uri: string): Promise<Diagnostic[]> {
    const version = this.versions.get(uri);
    return this.waitForDiagnostics(uri, { accept: (p) => p.version === version }).then((p) => p.diagnostics);
  }

  lastPublication(uri: string): PublishDiagnosticsParams | undefined {
    return this.publications.filter((p) => p.uri === uri).pop();
  }

  async open(rel: string, text: string, languageId = languageOf(rel)): Promise<string> {
    return this.openUri(this.uri(rel), text, languageId);
  }

  /** Opens a document by its URI: a file outside the workspace, or an untitled one (`untitled:Untitled-1`). */
  async openUri(uri: string, text: string, languageId: string): Promise<string> {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Replaces the whole text; returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /**
   * Sends edits as the editor does with incremental sync: each a range of the text as it stands after the
   * previous one, all in one notification. Returns the new version and text.
   */
  async changeRanges(uri: string, edits: readonly { start: number; end: number; text: string }[]): Promise<{ version: number; text: string }> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    let text = this.texts.get(uri) ?? '';
    const contentChanges = edits.map((edit) => {
      const range = { start: positionAtOffset(text, edit.start), end: positionAtOffset(text, edit.end) };
      text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
      return { range, text: edit.text };
    });
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return { version, text };
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    this.texts.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri: string): string {
    const text = this.texts.get(uri);
    if (text === undefined) throw new Error(`${uri} is not open`);
    return text;
  }

  version(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  async watchedFilesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  async configurationChanged(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { grantlint: settings } });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const result: CompletionList | CompletionItem[] | null = await this.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
    if (!result) return [];
    return Array.isArray(result) ? result : result.items;
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<(CodeAction | Command)[] | null> {
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  codeLens(uri: string): Promise<CodeLens[] | null> {
    return this.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
  }

  documentSymbols(uri: string): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
    return this.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest('workspace/executeCommand', { command, arguments: args });
  }

  /** Shuts down politely, then makes sure the whole process group is gone. Returns the exit code. */
  async stop(): Promise<number | null> {
    try {
      if (this.exitCode === undefined) {
        await withTimeout(this.connection.sendRequest('shutdown'), 5000);
        await this.connection.sendNotification('exit');
        await withTimeout(this.exited, 5000);
      }
    } catch {
      // Killed below.
    } finally {
      this.connection.dispose();
      try {
        if (this.child.pid !== undefined) process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      rmSync(this.workspace, { recursive: true, force: true });
    }
    return this.exitCode ?? null;
  }
}

function writeFile(root: string, rel: string, text: string): string {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

function languageOf(rel: string): string {
  if (/\.ya?ml$/i.test(rel)) return 'yaml';
  if (rel.endsWith('.jsonc')) return 'jsonc';
  // The id HashiCorp's Terraform extension (and Neovim's filetype) gives a .tf file.
  if (rel.endsWith('.tf')) return 'terraform';
  return 'json';
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Applies LSP text edits the way an editor does. */
export function positionAtOffset(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 1, text), [...edits]);
}

/** The position of the `occurrence`-th (0-based) match of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, occurrence = 0): Position {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' (occurrence ${occurrence}) not in the text`);
  }
  return TextDocument.create('file:///x', 'plaintext', 1, text).positionAt(at + delta);
}

export function rangeText(text: string, range: Range): string {
  const doc = TextDocument.create('file:///x', 'plaintext', 1, text);
  return text.slice(doc.offsetAt(range.start), doc.offsetAt(range.end));
}

/** The text edits a workspace edit makes to one document (as `changes` or versioned `documentChanges`). */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const edits: TextEdit[] = [...(edit.changes?.[uri] ?? [])];
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === uri) {
      for (const e of change.edits) {
        if (!('newText' in e)) throw new Error('the server sent a snippet edit');
        edits.push({ range: e.range, newText: e.newText });
      }
    }
  }
  return edits;
}

/** A diagnostic's message as text (LSP 3.18 also allows markup). */
export function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

export function isCodeAction(value: CodeAction | Command): value is CodeAction {
  return typeof (value as Command).command !== 'string';
}
