/**
 * Diagnostics for files that are not open: a bounded scan of the workspace folders at start-up (and after
 * settings or config files change), kept current from file watcher events. An open document's live results
 * always win; closing it hands the file back to this class.
 */
import { statSync } from 'node:fs';
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { CancellationTokenSource, MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import type { ClientSettings, ReadFile } from '../workspace/index';
import { excludesFolder, includesFile, inScanScope, NotRegularFileError, readClientFile, walkTree } from '../workspace/index';
import { noteDiagnostic, toDiagnostic } from './diagnostics';
import type { FileLinter } from './file-linter';
import type { LintWorker } from './lint-worker';
import type { Folder, Folders } from './folders';
import { relativeInside } from './folders';
import type { OpenDocuments } from './open-documents';
import type { Logger } from './safe';
import { describeError } from './safe';
import type { SettingsStore } from './settings-store';
import { pathToUri, uriToPath } from './uri';

/** Files linted (or folders listed) between two yields to the event loop, so requests keep being answered. */
const BATCH = 25;

export interface ScanOptions {
  /** Whether the client shows work-done progress; the user can then cancel the scan. */
  readonly progress: boolean;
}

/** A workspace folder whose scan stopped at grantlint.workspaceScan.maxFiles, leaving files unchecked. */
export interface ScanStop {
  /** The workspace folder's name. */
  readonly folder: string;
  readonly maxFiles: number;
}

export class ClosedFiles {
  /** Files (paths) whose closed-file diagnostics are on show. */
  private readonly published = new Set<string>();
  /** Closed client configs the server reports on (with or without findings): a linked file's change re-checks them. */
  private readonly reporting = new Set<string>();
  /** Bumped per file whenever it is linted or cleared: a lint result that comes back after either is dropped. */
  private readonly generations = new Map<string, number>();
  private scanSource: CancellationTokenSource | undefined;
  private running: Promise<void> = Promise.resolve();
  private stops: readonly ScanStop[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly folders: Folders,
    private readonly settings: SettingsStore,
    private readonly linter: FileLinter,
    private readonly worker: LintWorker,
    private readonly docs: OpenDocuments,
    private readonly logger: Logger,
  ) {}

  /**
   * Cancels any running scan and starts a new one; resolves when it ends: false when a newer scan cancelled it, so
   * only the scan that ran to its end (or failed: the log says so) is reported.
   */
  rescan(options: ScanOptions): Promise<boolean> {
    this.scanSource?.cancel();
    const source = new CancellationTokenSource();
    this.scanSource = source;
    const previous = this.running;
    const run = previous
      .then(async () => {
        await this.scan(source.token, options);
        return !source.token.isCancellationRequested;
      })
      .catch((error: unknown) => {
        this.logger.error(`Workspace scan failed: ${describeError(error)}`);
        return !source.token.isCancellationRequested;
      })
      .finally(() => {
        if (this.scanSource === source) this.scanSource = undefined;
        source.dispose();
      });
    this.running = run.then(() => undefined);
    return run;
  }

  cancel(): void {
    this.scanSource?.cancel();
  }

  /** The folders the last finished scan stopped in at the file limit (empty when it checked them whole). */
  get scanStops(): readonly ScanStop[] {
    return this.stops;
  }

  /** A document opened: its live results replace what this class published. */
  forget(path: string): void {
    this.published.delete(path);
  }

  /**
   * A document closed: show the file on disk again (or nothing, if it is not scanned). True when the file on disk
   * is checked in its place; false when nothing is checked for it any more (no scan covers it).
   */
  async closed(uri: string): Promise<boolean> {
    const path = uriToPath(uri);
    const folder = this.folders.folderOf(path);
    if (path && folder && isFile(path)) {
      const client = await this.settings.get(folder.uri);
      if (client.enable && client.workspaceScan.enabled && !this.docs.get(uri)) {
        await this.lintFile(path, folder, client);
        return true;
      }
    }
    if (!this.docs.get(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    return false;
  }

  /** A watched file was created, changed or deleted. */
  async fileChanged(path: string, deleted: boolean): Promise<void> {
    if (this.docs.byKey(path)) return;
    const folder = this.folders.folderOf(path);
    if (deleted || !folder) {
      this.clear(path);
      return;
    }
    const client = await this.settings.get(folder.uri);
    if (!client.enable || !client.workspaceScan.enabled) {
      this.clear(path);
      return;
    }
    const rel = relativeInside(folder.path, path);
    if (rel === undefined || !inScanScope(client, rel)) {
      this.clear(path);
      return;
    }
    await this.lintFile(path, folder, client);
  }

  /**
   * Re-checks the closed files among `paths` the server reports on (a file they are linked to changed). Lints are
   * sent to the worker without waiting for each, yielding every few files so requests keep being answered.
   */
  async relint(paths: readonly string[]): Promise<void> {
    const work: Promise<void>[] = [];
    for (const path of paths) {
      if (!this.reporting.has(path) || this.docs.byKey(path)) continue;
      const folder = this.folders.folderOf(path);
      if (!folder) continue;
      const client = await this.settings.get(folder.uri);
      if (!client.enable || !client.workspaceScan.enabled) continue;
      work.push(this.lintFile(path, folder, client));
      if (work.length % BATCH === 0) await yieldToEventLoop();
    }
    await Promise.all(work);
  }

  private async scan(token: CancellationToken, options: ScanOptions): Promise<void> {
    const seen = new Set<string>();
    const progress = options.progress ? await this.connection.window.createWorkDoneProgress() : undefined;
    const cancelled = () => token.isCancellationRequested || (progress?.token.isCancellationRequested ?? false);
    progress?.begin('Grantlint: checking workspace files', undefined, undefined, true);
    const stops: ScanStop[] = [];
    try {
      for (const folder of this.folders.all) {
        const client = await this.settings.get(folder.uri);
        if (cancelled()) return;
        if (!client.enable || !client.workspaceScan.enabled) continue;
        let count = 0;
        for await (const path of this.walk(folder, client, cancelled)) {
          if (count >= client.workspaceScan.maxFiles) {
            this.logger.warn(`Workspace scan of ${folder.name} stopped after ${client.workspaceScan.maxFiles} files (grantlint.workspaceScan.maxFiles).`);
            stops.push({ folder: folder.name, maxFiles: client.workspaceScan.maxFiles });
            break;
          }
          count++;
          seen.add(path);
          await this.lintFile(path, folder, client);
          if (count % BATCH === 0) {
            await yieldToEventLoop();
            if (cancelled()) return;
          }
        }
        if (cancelled()) return;
      }
      for (const path of [...this.published]) if (!seen.has(path)) this.clear(path);
      this.stops = stops;
      // Once per scan, where the user looks: files past the limit get no diagnostics, and linked files (a
      // client's grants) may be among them.
      for (const stop of stops) void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: scanStopMessage(stop) });
    } finally {
      progress?.done();
    }
  }

  /** The folder's files that the settings include, from the walker the CLI uses too (workspace/walk.ts). */
  private async *walk(folder: Folder, client: ClientSettings, cancelled: () => boolean): AsyncGenerator<string> {
    const rel = (path: string) => relativeInside(folder.path, path);
    const entries = walkTree(folder.path, {
      enterFolder: (path) => {
        const inside = rel(path);
        return inside !== undefined && !excludesFolder(client, inside);
      },
      acceptFile: (path) => {
        const inside = rel(path);
        return inside !== undefined && includesFile(client, inside);
      },
    });
    let folders = 0;
    for (const entry of entries) {
      if (cancelled()) return;
      if (entry.kind === 'file') yield entry.path;
      else if (entry.kind === 'special') this.logger.info(`Not checked: ${entry.path} is ${entry.what}, not a regular file.`);
      else if (entry.kind === 'outside-link') this.logger.info(`Not checked: ${entry.path} is a symbolic link to ${entry.target}, outside the workspace folder.`);
      else if (entry.kind === 'broken-link') this.logger.info(`Not checked: ${entry.path} is a broken symbolic link to ${entry.link} (${entry.code}).`);
      else if (entry.kind === 'unreadable-folder') this.logger.warn(`Cannot read folder ${entry.path}: ${entry.code}`);
      else if (++folders % BATCH === 0) await yieldToEventLoop();
    }
  }

  /** Lints a closed file in the lint worker and publishes its diagnostics, unless it was opened meanwhile. */
  private async lintFile(path: string, folder: Folder, client: ClientSettings): Promise<void> {
    if (this.docs.byKey(path)) return;
    const generation = this.bump(path);
    const uri = pathToUri(path);
    const plan = this.linter.planWith(uri, folder, client);
    if (plan.kind === 'config-file') {
      // Loading it records a broken config, which is then shown on the file.
      this.linter.configs.configFor(path);
      return;
    }
    if (plan.kind !== 'lint') {
      this.clear(path);
      return;
    }
    let read: ReadFile;
    try {
      // Only regular files, sized before a byte is read: a FIFO would block the server, /dev/zero never end.
      // The byte order mark is dropped as the CLI drops it, so positions agree.
      read = readClientFile(path, { maxFileSize: plan.client.maxFileSize });
    } catch (error) {
      if (error instanceof NotRegularFileError) this.logger.info(`Not checked: ${path} is ${error.kind}, not a regular file.`);
      this.clear(path);
      return;
    }
    const input = { path: plan.path, text: read.text, settings: plan.settings, maxFileSize: read.maxFileSize, tooLarge: read.tooLarge };
    // Linted with its Terraform module or deploy-cli directory; the scan reports on the siblings too.
    const outcome = await this.worker.lint(`closed:${path}`, false, input, undefined, { siblingsReported: true, maxFileSize: plan.client.maxFileSize });
    for (const problem of outcome?.problems ?? []) this.logger.warn(`Links of ${path}: ${problem}.`);
    // Superseded by a newer event for the same file, or opened meanwhile: the newer work or the document decides.
    if (!outcome || this.docs.byKey(path) || this.generations.get(path) !== generation) return;
    this.linter.onChecked(plan.path, outcome.isClientConfig);
    const reports = outcome.isClientConfig ? outcome.reports : [];
    const notes = outcome.isClientConfig ? outcome.notes : [];
    if (reports.length === 0 && notes.length === 0) {
      this.clear(path);
      if (outcome.isClientConfig) this.reporting.add(path);
      return;
    }
    this.reporting.add(path);
    this.published.add(path);
    void this.connection.sendDiagnostics({ uri, diagnostics: [...reports.map((r) => toDiagnostic(uri, r, null)), ...notes.map((note) => noteDiagnostic(uri, note))] });
  }

  private bump(path: string): number {
    const generation = (this.generations.get(path) ?? 0) + 1;
    this.generations.set(path, generation);
    return generation;
  }

  private clear(path: string): void {
    this.generations.delete(path);
    this.reporting.delete(path);
    if (!this.published.delete(path)) return;
    if (this.docs.byKey(path)) return;
    void this.connection.sendDiagnostics({ uri: pathToUri(path), diagnostics: [] });
  }
}

function scanStopMessage(stop: ScanStop): string {
  return `Grantlint checked only the first ${stop.maxFiles} files of ${stop.folder}: files after them (and findings that depend on them) are not shown until opened. Raise grantlint.workspaceScan.maxFiles to check the whole folder.`;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
