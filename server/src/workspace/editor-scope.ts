/**
 * Which files of a workspace folder the server checks, by the editor's `grantlint.include` and
 * `grantlint.exclude` globs (paths relative to the folder, `/`-separated). The workspace scan prunes with
 * `excludesFolder` and takes files with `includesFile`; a file met otherwise is checked only when `inScanScope`
 * (a watcher event) or `takesFile` (an open document) says so, so a file in an excluded folder is never checked.
 */
import picomatch from 'picomatch';
import type { ClientSettings } from './editor-settings';
import { isLintableName, SKIPPED_FOLDERS } from './file-kinds';

const matchers = new WeakMap<readonly string[], (path: string) => boolean>();

function matcher(globs: readonly string[]): (path: string) => boolean {
  let match = matchers.get(globs);
  if (!match) {
    match = globs.length === 0 ? () => false : picomatch([...globs], { dot: true });
    matchers.set(globs, match);
  }
  return match;
}

/** Whether the include globs take a file and the exclude globs do not leave it out. */
export function includesFile(client: ClientSettings, rel: string): boolean {
  return matcher(client.include)(rel) && !matcher(client.exclude)(rel);
}

/** Whether the exclude globs leave out a whole folder (`generated` or `generated/` both match it). */
export function excludesFolder(client: ClientSettings, rel: string): boolean {
  const excluded = matcher(client.exclude);
  return excluded(rel) || excluded(`${rel}/`);
}

/**
 * Whether the editor's globs take a file however it is met (an open document, a watcher event): included, and
 * neither it nor a folder on its way excluded.
 */
export function takesFile(client: ClientSettings, rel: string): boolean {
  const parts = rel.split('/');
  for (let i = 1; i < parts.length; i++) if (excludesFolder(client, parts.slice(0, i).join('/'))) return false;
  return includesFile(client, rel);
}

/**
 * Whether the workspace scan would reach this file: a lintable name, no skipped folder (node_modules, .git, .terraform) on
 * its way, and taken by the editor's globs.
 */
export function inScanScope(client: ClientSettings, rel: string): boolean {
  return isLintableName(rel) && !rel.split('/').slice(0, -1).some((part) => SKIPPED_FOLDERS.has(part)) && takesFile(client, rel);
}
