/** Expands the CLI's paths and globs into files: folders are walked, node_modules and .git skipped, symlinks
 * that lead out of the walked tree not followed. */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { kindOf } from '../io/read-text-file';

/** The files the CLI reads: JSON, YAML and Terraform (`*.tf`; `*.tf.json` is JSON). */
const LINTABLE = /\.(json|jsonc|ya?ml|tf)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export class UsageError extends Error {}

export interface Expanded {
  readonly files: string[];
  /** Problems reading folders (permission denied and the like). */
  readonly problems: string[];
  /** Entries named like config files that are not regular files (FIFOs, sockets, devices), never read. */
  readonly skipped: { readonly path: string; readonly kind: string }[];
  /**
   * One line for each path or glob that yields no file the CLI reads (a folder with no JSON, YAML or Terraform file, a glob
   * that matches none, a file of another kind), naming it as the user wrote it.
   */
  readonly unmatched: string[];
}

export function expandTargets(targets: readonly string[], cwd: string): Expanded {
  const files = new Set<string>();
  const problems: string[] = [];
  const skipped: Expanded['skipped'] = [];
  const unmatched: string[] = [];
  for (const target of targets) {
    const absolute = resolve(cwd, target);
    const stat = statOrUndefined(absolute);
    const problemsBefore = problems.length;
    if (stat?.isDirectory()) {
      // Counted per target: a folder whose files an earlier target already listed still has files to lint.
      const found = walk(absolute, realpathSafe(absolute) ?? absolute, files, problems, skipped, () => true);
      // A folder that could not be read is reported as such, not also as empty.
      if (found === 0 && problems.length === problemsBefore) unmatched.push(`no JSON, YAML or Terraform files in '${target}'`);
    } else if (stat?.isFile()) {
      if (LINTABLE.test(absolute)) files.add(absolute);
      else unmatched.push(`'${target}' is not a JSON, YAML or Terraform file`);
    } else if (stat && !stat.isFile()) {
      // A FIFO would block the read forever, a device never end.
      throw new UsageError(`'${target}' is not a regular file (${kindOf(stat)})`);
    } else if (picomatch.scan(target).isGlob) {
      const { base, glob } = picomatch.scan(target);
      const root = resolve(cwd, base || '.');
      const isMatch = picomatch(glob, { dot: false });
      let found = 0;
      if (statOrUndefined(root)?.isDirectory()) {
        found = walk(root, realpathSafe(root) ?? root, files, problems, skipped, (file) => isMatch(relative(root, file).split(sep).join('/')));
      }
      if (found === 0 && problems.length === problemsBefore) unmatched.push(`no files match '${target}'`);
    } else {
      throw new UsageError(`no such file or folder: '${target}'`);
    }
  }
  return { files: [...files].sort(), problems, unmatched, skipped };
}

/** Adds the JSON, YAML and Terraform files under `dir` that `accept` takes to `out`; returns how many it took. */
function walk(dir: string, treeRoot: string, out: Set<string>, problems: string[], skipped: Expanded['skipped'], accept: (file: string) => boolean): number {
  let entries;
  let found = 0;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    problems.push(`cannot read folder '${dir}' (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      // Follow a link only while it stays inside the tree being walked.
      const target = realpathSafe(path);
      if (!target || !isInside(target, treeRoot)) continue;
      const stat = statOrUndefined(target);
      isDir = stat?.isDirectory() ?? false;
      isFile = stat?.isFile() ?? false;
      if (isDir && isInside(realpathSafe(dir) ?? dir, target)) continue; // a loop back to an ancestor
    }
    if (isDir) {
      if (!SKIPPED_FOLDERS.has(entry.name)) found += walk(path, treeRoot, out, problems, skipped, accept);
    } else if (isFile && LINTABLE.test(entry.name) && accept(path)) {
      out.add(path);
      found++;
    } else if (!isFile && LINTABLE.test(entry.name) && accept(path)) {
      const stat = statOrUndefined(path);
      if (stat && !stat.isFile() && !stat.isDirectory()) skipped.push({ path, kind: kindOf(stat) });
    }
  }
  return found;
}

function isInside(path: string, root: string | undefined): boolean {
  if (!root) return false;
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function realpathSafe(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
