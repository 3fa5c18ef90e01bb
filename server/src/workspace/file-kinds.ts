/** Which files the CLI and the server read at all: the one list both walkers and every watcher event go through. */

/** JSON, JSON with comments and YAML, by extension (case-insensitive). */
const LINTABLE = /\.(json|jsonc|ya?ml)$/i;

/** Folders never walked into: installed packages and Git's own data. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** Whether a file name (or path) has an extension Grantlint reads. */
export function isLintableName(name: string): boolean {
  return LINTABLE.test(name);
}
