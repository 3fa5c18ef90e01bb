/**
 * Which files of a workspace folder the server checks, by the editor's `grantlint.include` and
 * `grantlint.exclude` globs (paths relative to the folder, `/`-separated). The workspace scan prunes with
 * `excludesFolder` and takes files with `includesFile`; a file met otherwise (a watcher event) is checked only
 * when `inScanScope` says the scan would have reached it, so both ways agree.
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
 * Whether the workspace scan would reach this file: a lintable name, no skipped (node_modules, .git) or excluded
 * folder on its way, and included itself.
 */
export function inScanScope(client: ClientSettings, rel: string): boolean {
  const parts = rel.split('/');
  for (let i = 0; i < parts.length - 1; i++) {
    if (SKIPPED_FOLDERS.has(parts[i]!) || excludesFolder(client, parts.slice(0, i + 1).join('/'))) return false;
  }
  return isLintableName(rel) && includesFile(client, rel);
}
