/**
 * Limits that keep hostile or accidental input (a generated dump, an alias bomb, `[[[[…` a million deep) from
 * exhausting the stack, the heap or the clock. Each limit turns into a finding, never an exception; the numbers
 * and the behaviour at each limit are described in docs/robustness.md.
 */

/** Values nested deeper than this are not read: the readers and every walk over the model recurse per level. */
export const MAX_NESTING_DEPTH = 1000;

/**
 * Every node carries its path from the root, so a file costs the sum of its nodes' depths. Repeating nesting just
 * under MAX_NESTING_DEPTH all through a file would make that quadratic; a real config of 10 MB costs a few million.
 */
export const MAX_NESTING_TOTAL = 20_000_000;

/**
 * Nodes that YAML alias and merge-key resolution may copy in one document. A tenant that merges a base client of
 * 20 values into each of 10,000 clients copies 200,000. An alias-expansion bomb ("billion laughs") stops here,
 * its further aliases unknown values, with one error: copying this many costs about what reading a 3 MB tenant
 * does (well under a second and 100 MB here).
 */
export const MAX_YAML_COPIED_NODES = 250_000;

/**
 * The editor's default size limit, and the engine's when the caller passes no `maxFileSize`: files larger than
 * this many bytes (UTF-8) are not read. 50 MB, VS Code's own limit for the documents it hands to extensions; a
 * realistic 10,000-client tenant.yaml is about 13 MB. The CLI has no limit unless given `--max-file-size`.
 */
export const DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024;

/**
 * A fix is offered only after re-checking the client with the fix applied, once per fix of every finding. A
 * grant_types list longer than this makes that quadratic (300,000 unknown grants would mean 300,000 re-checks of
 * 300,000 items), so such a client gets its findings without fixes. Auth0 knows about twenty grants.
 */
export const MAX_FIX_CHECKED_GRANTS = 1000;

/** Client keys whose presence makes an oversized file worth one finding rather than silence. */
const CLIENT_MARKERS = ['grant_types', 'token_endpoint_auth_method', 'app_type', 'auth0_client'];

export function mentionsClientKeys(text: string): boolean {
  return CLIENT_MARKERS.some((marker) => text.includes(marker));
}

/** The text's size in UTF-8 bytes, counted only as far as needed to tell whether it exceeds `limit`. */
export function exceedsUtf8Bytes(text: string, limit: number): boolean {
  // Every UTF-16 unit takes 1 to 3 bytes (a surrogate pair, two units, takes 4): most texts are decided at once.
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  // Counted natively: a lone surrogate counts 3 bytes, as its replacement character is written.
  return Buffer.byteLength(text, 'utf8') > limit;
}

/** Groups digits by thousands ("10,485,760") without depending on the runtime's locale data. */
export function groupDigits(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
