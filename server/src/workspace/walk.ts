/**
 * Finding the files to lint, for the CLI (paths and globs from the command line) and the server (workspace
 * folders) alike: folders are walked in name order, node_modules, .git and .terraform skipped, symbolic links followed only
 * while they stay inside the walked tree (never round a loop; one leading out of it, to a folder or to a file named
 * like a config, reported), and entries named like config files that are not regular files (FIFOs, sockets,
 * devices) and broken symbolic links named like one reported, never read.
 */
import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { isConfigFileName, isLintableName, SKIPPED_FOLDERS } from './file-kinds';
import { kindOf } from './read-file';

/** A command line that cannot be run as given (a missing path, a special file named outright). */
export class UsageError extends Error {}

/** What a walk meets, in order. Paths are absolute, below the walked root (through a link: the link's path). */
export type WalkEntry =
  /**
   * A regular file with a lintable name that the options accept. `real`: its path with every symbolic link
   * resolved, known from the walk itself (the root's real path and the links met), so no file is resolved alone.
   */
  | { readonly kind: 'file'; readonly path: string; readonly real: string }
  /** An entry named like a config file that is a FIFO, socket or device: never read. `what` is "a FIFO" etc. */
  | { readonly kind: 'special'; readonly path: string; readonly what: string }
  /**
   * A symbolic link that leads out of the walked tree (`target`: its real path), to a folder the walk would enter or
   * to a file it would take: not followed, so that a walk reads and a fix writes only what lies below its root.
   */
  | { readonly kind: 'outside-link'; readonly path: string; readonly target: string }
  /**
   * A symbolic link named like a file the walk would take whose target cannot be reached (missing, a loop of links,
   * no permission): `link` is what the link holds, as written; `code` the file system's error ("ENOENT", "ELOOP").
   */
  | { readonly kind: 'broken-link'; readonly path: string; readonly link: string; readonly code: string }
  /** A folder that could not be listed; `code` is the file system's error code ("EACCES"). */
  | { readonly kind: 'unreadable-folder'; readonly path: string; readonly code: string }
  /** A folder about to be listed: lets a caller yield to its event loop or stop between folders. */
  | { readonly kind: 'folder'; readonly path: string };

export interface WalkOptions {
  /** Which entry names count as files at all (default: the lintable extensions, isLintableName). */
  readonly candidate?: (name: string) => boolean;
  /** Whether a candidate file is taken (absolute path); all are when absent. */
  readonly acceptFile?: (path: string) => boolean;
  /** Whether a folder is walked into (absolute path), besides the skipped folders (SKIPPED_FOLDERS), which never are. */
  readonly enterFolder?: (path: string) => boolean;
  /** Walk into subfolders (default true); false lists one folder. */
  readonly recurse?: boolean;
}

/**
 * Walks the tree under `root` (a folder), lazily: stopping the iteration stops the walk. Never throws for what it
 * meets inside the tree (an unreadable folder is an entry); a `root` that is not a folder yields one
 * 'unreadable-folder' entry.
 */
export function* walkTree(root: string, options: WalkOptions = {}): Generator<WalkEntry> {
  const absolute = resolve(root);
  const real = realPathOf(absolute) ?? absolute;
  yield* walkFolder(absolute, real, real, options);
}

/** `realDir`: `dir` with every link resolved (a link's target, or the real folder above plus the name). */
function* walkFolder(dir: string, realDir: string, treeRoot: string, options: WalkOptions): Generator<WalkEntry> {
  yield { kind: 'folder', path: dir };
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    yield { kind: 'unreadable-folder', path: dir, code: (error as NodeJS.ErrnoException).code ?? 'error' };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    // Not a link: its real path is its real folder's plus its name (names hold no separator).
    let real = realDir.endsWith(sep) ? realDir + entry.name : realDir + sep + entry.name;
    if (entry.isSymbolicLink()) {
      // Followed only while it stays inside the tree being walked.
      const target = realPathOf(path);
      if (!target) {
        // Said, not silently left: the file it names may have been moved or not yet checked out.
        if (takesFile(path, entry.name, options)) yield brokenLink(path);
        continue;
      }
      const stat = statOrUndefined(target);
      isDir = stat?.isDirectory() ?? false;
      isFile = stat?.isFile() ?? false;
      if (!isInside(target, treeRoot)) {
        // Said, not silently left: the user may expect the folder or file it leads to to be checked.
        if (isDir ? entersFolder(path, entry.name, options) : takesFile(path, entry.name, options)) yield { kind: 'outside-link', path, target };
        continue;
      }
      if (isDir && isInside(realDir, target)) continue; // a loop back to an ancestor
      real = target;
    }
    if (isDir) {
      if (entersFolder(path, entry.name, options)) yield* walkFolder(path, real, treeRoot, options);
    } else if (!takesFile(path, entry.name, options)) {
      continue;
    } else if (isFile) {
      yield { kind: 'file', path, real };
    } else {
      const stat = statOrUndefined(path);
      if (stat && !stat.isFile() && !stat.isDirectory()) yield { kind: 'special', path, what: kindOf(stat) };
    }
  }
}

/** The entry for the broken symbolic link at `path`: what it holds and why it cannot be followed. */
function brokenLink(path: string): WalkEntry {
  let link = '';
  try {
    link = readlinkSync(path);
  } catch {
    // Removed meanwhile: named all the same, with no target.
  }
  let code = 'ENOENT';
  try {
    realpathSync(path);
  } catch (error) {
    code = (error as NodeJS.ErrnoException).code ?? code;
  }
  return { kind: 'broken-link', path, link, code };
}

/** Whether the walk enters the folder at `path` (named `name`). */
function entersFolder(path: string, name: string, options: WalkOptions): boolean {
  return options.recurse !== false && !SKIPPED_FOLDERS.has(name) && (options.enterFolder?.(path) ?? true);
}

/** Whether the walk takes the entry at `path` (named `name`) as a file, were it a regular one. */
function takesFile(path: string, name: string, options: WalkOptions): boolean {
  return (options.candidate ?? isLintableName)(name) && (options.acceptFile?.(path) ?? true);
}

/** The lintable files of one folder and its special files, for reading a file's siblings. */
export interface DirectoryListing {
  /** Absolute paths of regular lintable files, in name order. */
  readonly files: readonly string[];
  /** Entries named like config files that are not regular files. */
  readonly special: readonly { readonly path: string; readonly what: string }[];
  /** Set when the folder could not be listed (the file system's error code); then both lists are empty. */
  readonly unreadable?: string;
}

/**
 * Lists one folder (no subfolders) as the walker sees it, for reading a file's siblings: links followed only
 * inside the folder, special files apart. `options.candidate` says which names count (default: the lintable
 * extensions; a Terraform module may ask for `.tf` too), `options.acceptFile` narrows by path. Never throws.
 */
export function listDirectory(dir: string, options: Pick<WalkOptions, 'candidate' | 'acceptFile'> = {}): DirectoryListing {
  const files: string[] = [];
  const special: { path: string; what: string }[] = [];
  for (const entry of walkTree(dir, { ...options, recurse: false })) {
    if (entry.kind === 'file') files.push(entry.path);
    else if (entry.kind === 'special') special.push({ path: entry.path, what: entry.what });
    else if (entry.kind === 'unreadable-folder') return { files: [], special: [], unreadable: entry.code };
  }
  return { files, special };
}

export interface Expanded {
  readonly files: string[];
  /**
   * Config files (`.grantlintrc.json`) named as paths, as the user wrote them: not linted (a pre-commit hook
   * passes them with the other staged JSON files), so the CLI says so. Those met in a folder walk are left out.
   */
  readonly configFiles: string[];
  /**
   * The real path (every link resolved) of each file the walks found; a file named outright is not in it (resolve
   * it with realPathOf).
   */
  readonly realPaths: ReadonlyMap<string, string>;
  /** Each folder or glob target with the files its walk found, as the user wrote it (a folder's flagged `folder`). */
  readonly walked: readonly { readonly target: string; readonly folder: boolean; readonly files: readonly string[] }[];
  /** Problems reading folders (permission denied and the like). */
  readonly problems: string[];
  /**
   * Entries the walks met and did not read: named like config files but not regular files (FIFOs, sockets, devices:
   * `what` is "a FIFO" etc.), symbolic links out of the walked tree (`target`: the real path they lead to), and
   * broken symbolic links named like a file to lint (`link`: what they hold; `code`: why they cannot be followed).
   */
  readonly skipped: (
    | { readonly path: string; readonly kind: 'special'; readonly what: string }
    | { readonly path: string; readonly kind: 'outside-link'; readonly target: string }
    | { readonly path: string; readonly kind: 'broken-link'; readonly link: string; readonly code: string }
  )[];
  /**
   * One line for each path or glob that yields no file the CLI reads (a folder with no JSON, YAML or Terraform file, a glob
   * that matches none, a file of another kind), naming it as the user wrote it.
   */
  readonly unmatched: string[];
}

/**
 * Expands the CLI's paths and globs (relative to `cwd`) into files, sorted and without repeats. Errors:
 * UsageError for a path that does not exist or names a special file outright.
 */
export function expandTargets(targets: readonly string[], cwd: string): Expanded {
  const files = new Set<string>();
  const realPaths = new Map<string, string>();
  const problems: string[] = [];
  const skipped: Expanded['skipped'] = [];
  const unmatched: string[] = [];
  const configFiles: string[] = [];
  /** Walks one tree into the lists; returns how many files it took (a file an earlier target listed counts too). */
  const walked: { target: string; folder: boolean; files: string[] }[] = [];
  const collect = (root: string, acceptFile?: (path: string) => boolean, into?: string[]): number => {
    let found = 0;
    for (const entry of walkTree(root, acceptFile ? { acceptFile } : {})) {
      if (entry.kind === 'file') {
        // A config file configures the files it sits beside; it is not a file to lint.
        if (isConfigFileName(entry.path)) continue;
        files.add(entry.path);
        realPaths.set(entry.path, entry.real);
        into?.push(entry.path);
        found++;
      } else if (entry.kind === 'special' || entry.kind === 'outside-link' || entry.kind === 'broken-link') skipped.push(entry);
      else if (entry.kind === 'unreadable-folder') problems.push(`cannot read folder '${entry.path}' (${entry.code})`);
    }
    return found;
  };
  for (const target of targets) {
    const absolute = resolve(cwd, target);
    const stat = statOrUndefined(absolute);
    const problemsBefore = problems.length;
    if (stat?.isDirectory()) {
      const into: string[] = [];
      walked.push({ target, folder: true, files: into });
      const found = collect(absolute, undefined, into);
      // A folder that could not be read is reported as such, not also as empty.
      if (found === 0 && problems.length === problemsBefore) unmatched.push(`no JSON, YAML or Terraform files in '${target}'`);
    } else if (stat?.isFile()) {
      if (isConfigFileName(absolute)) configFiles.push(target);
      else if (isLintableName(absolute)) files.add(absolute);
      else unmatched.push(`'${target}' is not a JSON, YAML or Terraform file`);
    } else if (stat && !stat.isFile()) {
      // A FIFO would block the read forever, a device never end.
      throw new UsageError(`'${target}' is not a regular file (${kindOf(stat)})`);
    } else if (picomatch.scan(target).isGlob) {
      const { base, glob } = picomatch.scan(target);
      const root = resolve(cwd, base || '.');
      const isMatch = picomatch(glob, { dot: false });
      const into: string[] = [];
      walked.push({ target, folder: false, files: into });
      const found = statOrUndefined(root)?.isDirectory() ? collect(root, (file) => isMatch(relative(root, file).split(sep).join('/')), into) : 0;
      if (found === 0 && problems.length === problemsBefore) unmatched.push(`no files match '${target}'`);
    } else {
      throw new UsageError(`no such file or folder: '${target}'`);
    }
  }
  return { files: [...files].sort(), realPaths, walked, problems, unmatched, skipped, configFiles };
}

function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The path with every symbolic link resolved, or undefined when it cannot be resolved (missing, a broken link). */
export function realPathOf(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** Whether the path itself is a symbolic link (false when it cannot be read). */
export function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

