import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file path of a `file:` URI, else undefined. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const known = pathsOfUris.get(uri);
  if (known !== undefined) return known;
  let path: string;
  try {
    path = fileURLToPath(uri);
  } catch {
    return undefined;
  }
  remember(pathsOfUris, uri, path);
  return path;
}

export function pathToUri(path: string): string {
  let uri = urisOfPaths.get(path);
  if (uri === undefined) {
    uri = pathToFileURL(path).href;
    remember(urisOfPaths, path, uri);
  }
  return uri;
}

/**
 * Conversions already made: a workspace's files are converted on every re-check (a tenant.json change re-checks
 * thousands), and each conversion builds a URL. Bounded: a map that fills up starts again.
 */
const pathsOfUris = new Map<string, string>();
const urisOfPaths = new Map<string, string>();
const REMEMBERED = 100_000;

function remember(map: Map<string, string>, key: string, value: string): void {
  if (map.size >= REMEMBERED) map.clear();
  map.set(key, value);
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
