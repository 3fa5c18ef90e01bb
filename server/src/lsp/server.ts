/**
 * Wires the protocol to the service: document sync, diagnostics for open and closed files, settings and config
 * files, and the language features. Every handler is guarded (see safe.ts).
 */
import type {
  ClientCapabilities,
  Connection,
  InitializeParams,
  InitializeResult,
} from 'vscode-languageserver/node';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { existsSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import { CONFIG_FILE_NAME, ConfigStore } from '../workspace/index';
import { FolderWatcher, type DiskChange } from '../workspace/folder-watcher';
import { ClosedFiles } from './closed-files';
import { ConfigProblems } from './config-problems';
import { Features, COMMANDS, FIX_ALL_KIND } from './features';
import { FileLinter } from './file-linter';
import { Folders } from './folders';
import { OpenDocuments } from './open-documents';
import { LintWorker } from './lint-worker';
import { guardNotification, type Logger } from './safe';
import { SettingsStore } from './settings-store';
import { CheckedFiles, SERVER_VERSION } from './status';
import { lintPathOf, uriKey, uriToPath } from './uri';

/** Files whose changes on disk matter: client config files of every format, and config files (FolderWatcher). */
const WATCHED_FILE = /\.(json|jsonc|yaml|yml|tf)$/i;

export class GrantlintServer {
  private readonly logger: Logger;
  private readonly folders = new Folders();
  private readonly settings: SettingsStore;
  private readonly configs = new ConfigStore();
  private readonly linter: FileLinter;
  private readonly docs: OpenDocuments;
  private readonly closed: ClosedFiles;
  private readonly features: Features;
  private capabilities: ClientCapabilities = {};
  /** Counts the scans started: one that ends after a newer one started logs nothing (rescan). */
  private scanGeneration = 0;
  private readonly configProblems: ConfigProblems;
  private readonly checked: CheckedFiles;

  private readonly worker: LintWorker;
  /** Our own watch of open documents' folders, when the client watches no files for us (see FolderWatcher). */
  private folderWatcher: FolderWatcher | undefined;

  /** `workerScript`: the server's bundle, which runs as the lint worker when started in a worker thread. */
  constructor(
    private readonly connection: Connection,
    workerScript: string,
  ) {
    this.logger = connection.console;
    this.settings = new SettingsStore(connection, this.logger);
    this.linter = new FileLinter(this.folders, this.settings, this.configs, (problem) => this.logger.warn(`Links not read: ${problem}`));
    this.worker = new LintWorker(workerScript, this.logger);
    this.docs = new OpenDocuments(
      connection,
      this.linter,
      this.worker,
      this.logger,
      () => this.configProblems.refresh(),
      (paths) => void this.relintDependents(paths),
    );
    this.configProblems = new ConfigProblems(connection, this.configs, (path) => this.docs.byKey(path) !== undefined);
    this.closed = new ClosedFiles(connection, this.folders, this.settings, this.linter, this.worker, this.docs, this.logger);
    this.features = new Features(connection, this.docs, this.logger);
    this.checked = new CheckedFiles(connection);
    this.linter.onChecked = (path, isClientConfig) => this.checked.record(path, isClientConfig);
  }

  listen(): void {
    const c = this.connection;
    const log = this.logger;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(guardNotification(log, 'initialized', () => this.initialized()));
    c.onShutdown(() => {
      this.folderWatcher?.dispose();
      this.closed.cancel();
      this.docs.dispose();
      this.worker.dispose();
      this.checked.dispose();
    });

    c.onDidOpenTextDocument(
      guardNotification(log, 'didOpen', (params) => {
        this.closed.forget(uriKey(params.textDocument.uri));
        this.docs.open(params);
        const path = uriToPath(params.textDocument.uri);
        if (path) this.folderWatcher?.add(path, this.folders.folderOf(path)?.path);
      }),
    );
    c.onDidChangeTextDocument(guardNotification(log, 'didChange', (params) => this.docs.change(params)));
    c.onDidCloseTextDocument(
      guardNotification(log, 'didClose', async (params) => {
        const uri = params.textDocument.uri;
        this.docs.close(uri);
        const path = uriToPath(uri);
        if (path) this.folderWatcher?.remove(path);
        if (path) this.linter.documentClosed(path);
        if (path && basename(path) === CONFIG_FILE_NAME) this.configProblems.documentClosed(path);
        else {
          // The file on disk stands for the closed document in its project again: its linked files follow it.
          const dependents = path ? await this.worker.projectChange('document-closed', [path]) : [];
          // A document no scan checks from disk (untitled, outside the workspace folders, the scan off) is no
          // longer among the files checked: the status and the scan log stop counting it.
          if (!(await this.closed.closed(uri)) && !this.docs.get(uri)) this.checked.forget(lintPathOf(uri));
          await this.relintDependents(dependents);
        }
      }),
    );
    c.onDidChangeConfiguration(
      guardNotification(log, 'didChangeConfiguration', (params) => {
        this.settings.setPushed(params.settings);
        this.relintEverything();
      }),
    );
    c.onDidChangeWatchedFiles(
      guardNotification(log, 'didChangeWatchedFiles', async (params) => {
        // A client that sends these watches files after all (without announcing it): ours would repeat its changes.
        if (this.folderWatcher) {
          this.folderWatcher.dispose();
          this.folderWatcher = undefined;
          log.log('The editor sends file changes: Grantlint stops watching folders itself.');
        }
        const changes: DiskChange[] = [];
        for (const change of params.changes) {
          const path = uriToPath(change.uri);
          if (path) changes.push({ path, deleted: change.type === FileChangeType.Deleted });
        }
        await this.changedOnDisk(changes);
      }),
    );
    this.features.listen();
  }

  /**
   * Files changed on disk (the client's watcher, or ours when the client has none: FolderWatcher): config files
   * reload every setting; other files are read again by the projects that link them, and the files whose findings
   * depend on them are checked again.
   */
  private async changedOnDisk(changes: readonly DiskChange[]): Promise<void> {
    const others: DiskChange[] = [];
    let configChanged = false;
    for (const { path, deleted } of changes) {
      if (deleted) this.checked.forget(path);
      if (basename(path) === CONFIG_FILE_NAME) configChanged = true;
      else others.push({ path, deleted });
    }
    // At once, before anything is awaited: a hover arriving next must not answer by the old config file.
    if (configChanged) {
      this.configs.clear();
      this.docs.settingsChanged();
    }
    // The worker's projects read the changed files again (before any lint below); their dependents follow.
    this.linter.changedOnDisk(others.map((change) => change.path));
    const dependents = await this.worker.projectChange(
      'disk-changed',
      others.map((change) => change.path),
    );
    if (configChanged) {
      this.relintEverything();
      return;
    }
    for (const change of others) await this.closed.fileChanged(change.path, change.deleted);
    await this.relintDependents(dependents);
  }

  /**
   * Our watch of `folders` has just started: files there changed on disk since the worker's projects read them (a
   * workspace scan, or an earlier document) sent no event, so those that read differently now are handled as changed
   * on disk. Each folder is compared once, when its watch starts; later changes come through the watch.
   */
  private async watchStarted(folders: readonly string[]): Promise<void> {
    const stale = await this.worker.projectChange('watch-started', folders);
    if (stale.length === 0) return;
    this.logger.log(`Changed on disk before Grantlint watched their folder, checked again: ${stale.join(', ')}`);
    await this.changedOnDisk(stale.map((path) => ({ path, deleted: !existsSync(path) })));
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    if (!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      // Without it, a sibling changed outside the editor would never be read again: watch open documents' folders
      // (made here, before any document can open).
      this.folderWatcher = new FolderWatcher(
        (changes) => void this.changedOnDisk(changes).catch((error: unknown) => this.logger.error(`Changes on disk not handled: ${String(error)}`)),
        (path) => WATCHED_FILE.test(path),
        (problem) => this.logger.warn(problem),
        undefined,
        (folders) => void this.watchStarted(folders).catch((error: unknown) => this.logger.error(`Changes on disk not handled: ${String(error)}`)),
      );
    }
    if (params.workspaceFolders) this.folders.set(params.workspaceFolders);
    else if (params.rootUri) this.folders.set([{ uri: params.rootUri, name: params.rootUri }]);
    this.settings.setCanPull(params.capabilities.workspace?.configuration === true);
    this.features.documentChanges = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    this.features.docsCommand = stringOption(params.initializationOptions, 'showDocumentationCommand');
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"', ' ', '[', ','], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        executeCommandProvider: { commands: [...COMMANDS] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'grantlint' },
    };
  }

  private async initialized(): Promise<void> {
    this.logger.info(`Grantlint server ${SERVER_VERSION} started (Node.js ${process.version}); workspace folders: ${this.folderNames()}.`);
    const workspace = this.capabilities.workspace;
    // The library refuses the handler (it throws) unless the client announced folder support.
    if (workspace?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders(
        guardNotification(this.logger, 'didChangeWorkspaceFolders', (event) => {
          this.folders.remove(event.removed);
          this.folders.add(event.added);
          this.relintEverything();
        }),
      );
    }
    if (workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        // Terraform's HCL files are watched too: they hold links (credentials, client grants) for .tf.json files.
        watchers: [{ globPattern: '**/*.{json,jsonc,yaml,yml,tf}' }, { globPattern: `**/${CONFIG_FILE_NAME}` }],
      });
    } else {
      this.logger.log('The editor does not watch files for the server: Grantlint watches the folders of open documents for changes on disk.');
    }
    if (workspace?.didChangeConfiguration?.dynamicRegistration) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'grantlint' });
    }
    await this.rescan();
  }

  /**
   * Re-checks the files whose findings depend on a file that changed (the worker's reverse index): open documents
   * are linted again at once, closed files the server reports on are read and linted again; others are left alone.
   */
  private async relintDependents(paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    const closed: string[] = [];
    for (const path of paths) {
      const doc = this.docs.byKey(path);
      if (doc) this.docs.relint(doc.document.uri);
      else closed.push(path);
    }
    await this.closed.relint(closed);
  }

  private relintEverything(): void {
    this.settings.clear();
    this.configs.clear();
    this.checked.clear();
    this.docs.relintAll();
    void this.rescan();
  }

  private async rescan(): Promise<void> {
    const started = performance.now();
    const generation = ++this.scanGeneration;
    // A scan a newer one cancelled reports nothing: the newer one does ("Checked 0 files" was logged for each).
    if (!(await this.closed.rescan({ progress: this.capabilities.window?.workDoneProgress === true }))) return;
    // The open documents' re-lints too, which the count below reads.
    await this.docs.whenLinted();
    // A scan that ended while a newer one ran (the configuration the editor sends right after start-up) leaves the
    // log line to that one: the same line twice read as two workspaces, or as the first being wrong.
    if (generation !== this.scanGeneration) return;
    this.configProblems.refresh();
    this.checked.setScanStops(this.closed.scanStops);
    // The files in the workspace folders (what the scan covers; a `.grantlintrc.json` is read as configuration,
    // not checked): an open document outside them (the editor's settings.json, an untitled one) is counted apart.
    // (An untitled document's path, `Untitled-1`, is not a file's: relative, it would resolve in the cwd.)
    const { inside, outside } = this.checked.countsBy((path) => isAbsolute(path) && this.folders.folderOf(path) !== undefined);
    const ms = Math.round(performance.now() - started);
    const files = (count: number) => `${count} file${count === 1 ? '' : 's'}`;
    const besides =
      outside.files === 0 ? '' : ` Besides, ${files(outside.files)} open outside the workspace folders: ${outside.clientConfigs} ${outside.clientConfigs === 1 ? 'holds' : 'hold'} Auth0 client configs.`;
    this.logger.info(`Checked ${files(inside.files)} in ${this.folderNames()} in ${ms} ms: ${inside.clientConfigs} ${inside.clientConfigs === 1 ? 'holds' : 'hold'} Auth0 client configs.${besides}`);
    this.checked.send();
  }

  private folderNames(): string {
    const all = this.folders.all;
    return all.length === 0 ? 'none (single files only)' : all.map((f) => f.path).join(', ');
  }
}

/** A string member of the client's initializationOptions, if it sent one. */
function stringOption(options: unknown, name: string): string | undefined {
  if (typeof options !== 'object' || options === null) return undefined;
  const value = (options as Record<string, unknown>)[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
