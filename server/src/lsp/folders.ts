/** The workspace folders, and which one holds a file. */
import { relative, sep } from 'node:path';
import type { WorkspaceFolder } from 'vscode-languageserver/node';
import { uriToPath } from './uri';

export interface Folder {
  readonly uri: string;
  readonly path: string;
  readonly name: string;
}

export class Folders {
  private list: Folder[] = [];

  set(folders: readonly WorkspaceFolder[]): void {
    this.list = [];
    this.add(folders);
  }

  add(folders: readonly WorkspaceFolder[]): void {
    for (const folder of folders) {
      const path = uriToPath(folder.uri);
      if (path && !this.list.some((f) => f.path === path)) this.list.push({ uri: folder.uri, path, name: folder.name });
    }
  }

  remove(folders: readonly WorkspaceFolder[]): void {
    const gone = new Set(folders.map((f) => uriToPath(f.uri)));
    this.list = this.list.filter((f) => !gone.has(f.path));
  }

  get all(): readonly Folder[] {
    return this.list;
  }

  /** The innermost folder holding the file. */
  folderOf(path: string | undefined): Folder | undefined {
    if (!path) return undefined;
    let best: Folder | undefined;
    for (const folder of this.list) {
      const rel = relativeInside(folder.path, path);
      if (rel !== undefined && (!best || folder.path.length > best.path.length)) best = folder;
    }
    return best;
  }
}

/** The path relative to `root` with forward slashes, or undefined when it lies outside. */
export function relativeInside(root: string, path: string): string | undefined {
  // The common case without path.relative's work (it runs for every file a scan or a re-check plans): a path
  // below the root is its tail. Both come from file URIs, which hold no `.` or `..` segments.
  const prefix = root.endsWith(sep) ? root : root + sep;
  if (path.startsWith(prefix) && path.length > prefix.length) {
    const tail = path.slice(prefix.length);
    return sep === '/' ? tail : tail.split(sep).join('/');
  }
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || rel.includes(`:${sep}`)) return rel === '' ? '' : undefined;
  return rel.split(sep).join('/');
}
