/**
 * Watches, on disk, the folders of the files open in an editor whose LSP client does not watch files for the
 * server (no dynamic registration of `workspace/didChangeWatchedFiles`: Neovim before 0.10, and later versions on
 * Linux unless configured; Helix), so a sibling changed outside the editor (a `credentials.tf` rewritten by a
 * script, `tenant.json` flags from `git pull`) still re-checks the files whose findings depend on it.
 *
 * One non-recursive `fs.watch` per folder (inotify on Linux), shared by the documents that need it: a document's
 * folder and its parent, the `clients/` and `grants/` folders beside them (a deploy-cli directory's parts; a
 * Terraform module is one folder), and every folder above it up to its workspace folder (where a
 * `.grantlintrc.json` that configures it may be). Never a recursive watch of the workspace, which would watch
 * `node_modules/` and `.terraform/` too. Changes are gathered for `delayMs` milliseconds and handed over once, with whether each file
 * is gone. A folder that cannot be watched (missing, or the system's watch limit reached) is skipped and reported
 * once through `onProblem`.
 *
 * A file changed before its folder's watch started sends no event, yet may have been read already (a workspace scan
 * reads every project; a sibling rewritten while a document opens). So each watch started is reported through
 * `onStarted`, once, after it is in place: the caller compares what it read there with the disk.
 */
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';

/** A file changed on disk: its absolute path, and whether it no longer exists. */
export interface DiskChange {
  readonly path: string;
  readonly deleted: boolean;
}

/** The parts of a deploy-cli directory kept in folders of their own. */
const PART_FOLDERS = ['clients', 'grants'];

export class FolderWatcher {
  private readonly watched = new Map<string, { readonly watcher: FSWatcher; users: number }>();
  /** The folders each open document holds a share of. */
  private readonly foldersOf = new Map<string, readonly string[]>();
  /** Changed paths waiting to be handed over. */
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  /**
   * `onChanges`: called with the files changed in one batch; `isOfInterest`: whether a file's changes matter (by its
   * name: client config files and config files); `onProblem`: a folder that could not be watched, in words;
   * `onStarted`: the folders whose watch `add` has just started (changes made there before it are not reported).
   */
  constructor(
    private readonly onChanges: (changes: readonly DiskChange[]) => void,
    private readonly isOfInterest: (path: string) => boolean,
    private readonly onProblem: (message: string) => void,
    private readonly delayMs = 100,
    private readonly onStarted: (folders: readonly string[]) => void = () => {},
  ) {}

  /**
   * Watches the folders `documentPath` (absolute) depends on, until `remove` is called for it; `root`: the workspace
   * folder holding it, up to which the folders above it are watched for config files (none above its parent without).
   */
  add(documentPath: string, root?: string): void {
    if (this.disposed || this.foldersOf.has(documentPath)) return;
    const started: string[] = [];
    const folders = foldersFor(documentPath, root).filter((folder) => this.share(folder, started));
    this.foldersOf.set(documentPath, folders);
    if (started.length > 0) this.onStarted(started);
  }

  /** The document closed: its folders are no longer watched for it. */
  remove(documentPath: string): void {
    const folders = this.foldersOf.get(documentPath);
    if (!folders) return;
    this.foldersOf.delete(documentPath);
    for (const folder of folders) {
      const entry = this.watched.get(folder);
      if (!entry || --entry.users > 0) continue;
      entry.watcher.close();
      this.watched.delete(folder);
    }
  }

  /** How many folders are watched (for the server's log and the tests). */
  get folderCount(): number {
    return this.watched.size;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const { watcher } of this.watched.values()) watcher.close();
    this.watched.clear();
    this.foldersOf.clear();
    this.pending.clear();
  }

  /**
   * Takes a share of `folder`'s watch, starting it when it is the first (then added to `started`); false when it
   * cannot be watched.
   */
  private share(folder: string, started: string[]): boolean {
    const entry = this.watched.get(folder);
    if (entry) {
      entry.users++;
      return true;
    }
    if (!existsSync(folder)) return false;
    try {
      const watcher = watch(folder, { persistent: false }, (_event, name) => {
        if (name) this.changed(join(folder, name.toString()));
      });
      watcher.on('error', () => {
        // The folder was deleted or became unreadable: its files' changes come through their other folders, if any.
        watcher.close();
        if (this.watched.get(folder)?.watcher === watcher) this.watched.delete(folder);
      });
      this.watched.set(folder, { watcher, users: 1 });
      started.push(folder);
      return true;
    } catch (error) {
      this.onProblem(`cannot watch '${folder}' for changes on disk (${(error as NodeJS.ErrnoException).code ?? String(error)}); files changed there outside the editor are not checked again until they are opened`);
      return false;
    }
  }

  private changed(path: string): void {
    if (this.disposed || !this.isOfInterest(path)) return;
    this.pending.add(path);
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  private flush(): void {
    this.timer = undefined;
    const changes = [...this.pending].sort().map((path) => ({ path, deleted: !existsSync(path) }));
    this.pending.clear();
    if (changes.length > 0) this.onChanges(changes);
  }
}

/**
 * A document's folder and its parent, the `clients/` and `grants/` folders beside either, and the folders from its
 * parent up to `root` when `root` holds it; without repeats.
 */
function foldersFor(documentPath: string, root: string | undefined): string[] {
  const folder = dirname(documentPath);
  const parent = dirname(folder);
  const folders = new Set([folder, parent]);
  for (const base of [folder, parent]) for (const part of PART_FOLDERS) folders.add(join(base, part));
  if (root !== undefined && !relative(root, folder).startsWith('..') && !isAbsolute(relative(root, folder))) {
    for (let up = parent; up.length >= root.length && up !== dirname(up); up = dirname(up)) folders.add(up);
    folders.add(root);
  }
  return [...folders];
}
