/**
 * The text scans behind reading a tenant's clients list one entry at a time (yaml.ts, readInChunks): where the
 * list and its entries lie, and whether the file may hold anchors (then it is read whole: an alias may refer
 * to an anchor in another entry).
 */
import type { Span } from '../model';

/**
 * Whether the text may hold a YAML anchor, alias or merge key: `&` or `*` where a token may start (at the start,
 * or after a space, tab, line break, `[`, `{` or `,`: a plain scalar cannot start with either), or `<<`. A cheap
 * scan (indexOf, far faster than a regex here) that never misses one: test/engine/yaml-resolve.test.ts checks it
 * against the full reading. A false alarm only costs the file the slower whole reading.
 */
export function mayHoldAnchors(text: string): boolean {
  if (text.includes('<<')) return true;
  return indicatorAtTokenStart(text, '&') || indicatorAtTokenStart(text, '*');
}

function indicatorAtTokenStart(text: string, indicator: string): boolean {
  for (let i = text.indexOf(indicator); i >= 0; i = text.indexOf(indicator, i + 1)) {
    if (i === 0) return true;
    const before = text.charCodeAt(i - 1);
    // space, tab, line feed, carriage return, [ { ,
    if (before === 0x20 || before === 0x09 || before === 0x0a || before === 0x0d || before === 0x5b || before === 0x7b || before === 0x2c) return true;
  }
  return false;
}

/**
 * Where a deploy-cli tenant's `clients:` list lies, found in the text alone: the key at the top level of a
 * single-document file, its block list's entries (each from its dash line to the next one at the same column)
 * and the line where the next top-level key starts.
 */
export interface ClientListLayout {
  readonly keyStart: number;
  /** The list's lines: from the line after the key to the next top-level key (or the end of the file). */
  readonly region: Span;
  /** Each entry's lines (comment lines before an entry's dash belong to the entry before it). */
  readonly entries: readonly Span[];
}

const CLIENTS_KEY = /^clients:[ \t]*(?:#[^\r\n]*)?\r?\n/m;
/** Document markers and directives: a file with several documents is read whole. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.|%)/m;

export function findClientList(text: string): ClientListLayout | undefined {
  const key = CLIENTS_KEY.exec(text);
  if (!key || DOCUMENT_MARKER.test(text)) return undefined;
  const regionStart = key.index + key[0].length;
  const entries: Span[] = [];
  let entryStart = regionStart;
  let dashColumn = -1;
  let regionEnd = text.length;
  for (let lineStart = regionStart; lineStart < text.length; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const next = lineEnd + 1;
    let i = lineStart;
    while (i < lineEnd && text.charCodeAt(i) === 0x20) i++;
    const c = text.charCodeAt(i);
    // Blank and comment lines belong to whatever entry they are in.
    if (i >= lineEnd || c === 0x0d || c === 0x23) {
      lineStart = next;
      continue;
    }
    if (c === 0x09) return undefined; // a tab in the indentation: the whole reader reports it
    const column = i - lineStart;
    const after = text.charCodeAt(i + 1);
    const dash = c === 0x2d && (i + 1 >= lineEnd || after === 0x20 || after === 0x0d);
    if (dashColumn < 0) {
      if (!dash) return undefined;
      dashColumn = column;
    } else if (column === dashColumn && dash) {
      entries.push({ start: entryStart, end: lineStart });
      entryStart = lineStart;
    } else if (column <= dashColumn) {
      // Only a top-level key may end the list; anything else at or left of the dashes is read whole.
      if (column !== 0 || dash) return undefined;
      regionEnd = lineStart;
      break;
    }
    lineStart = next;
  }
  if (dashColumn < 0) return undefined;
  entries.push({ start: entryStart, end: regionEnd });
  return { keyStart: key.index, region: { start: regionStart, end: regionEnd }, entries };
}
