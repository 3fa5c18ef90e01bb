/**
 * Where CI services look for a file a report names: relative to the root of the repository analysed. GitHub code
 * scanning reads a SARIF `uri` so, and the Actions runner an annotation's `file`; a job run in a subfolder
 * (`working-directory: infra/`) must then name files from the root, not from where it runs.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** The folder holding `.git` (a directory, or the file of a worktree or submodule) at or above `cwd`, or undefined. */
export function repositoryRoot(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; ) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * `file` (as shown, relative to `cwd` or absolute) relative to the repository `root`, with `/` separators; undefined
 * when the file lies outside the repository.
 */
export function fromRepositoryRoot(root: string, cwd: string, file: string): string | undefined {
  const rel = relative(root, resolve(cwd, file));
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}
