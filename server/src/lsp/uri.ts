import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file path of a `file:` URI, else undefined. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/**
 * A path the engine can read folder and file names from. Documents without a file (untitled, remote schemes)
 * use the URI's path part.
 */
export function lintPathOf(uri: string): string {
  const path = uriToPath(uri);
  if (path) return path;
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

/** A key that is the same for every spelling of one file's URI (clients and `pathToFileURL` encode differently). */
export function uriKey(uri: string): string {
  return uriToPath(uri) ?? uri;
}
