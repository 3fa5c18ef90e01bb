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
 * Where a deploy-cli tenant's `clients:` (or `clientGrants:`) list lies, found in the text alone: the key at the
 * top level of a single-document file, its block list's entries (each from its dash line to the next one at the
 * same column) and the line where the next top-level key starts.
 */
export interface ClientListLayout {
  /** The top-level key: `clients` or `clientGrants`. */
  readonly key: string;
  readonly keyStart: number;
  /** The list's lines: from the line after the key to the next top-level key (or the end of the file). */
  readonly region: Span;
  /** Each entry's lines (comment lines before an entry's dash belong to the entry before it). */
  readonly entries: readonly Span[];
}

/** The top-level keys whose block lists are read one entry at a time: they hold a tenant's many objects. */
export type ChunkedListKey = 'clients' | 'clientGrants';

const LIST_KEYS: Readonly<Record<ChunkedListKey, RegExp>> = {
  clients: /^clients:[ \t]*(?:#[^\r\n]*)?\r?\n/m,
  clientGrants: /^clientGrants:[ \t]*(?:#[^\r\n]*)?\r?\n/m,
};
/** Document markers and directives: a file with several documents is read whole. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.|%)/m;

/** Where the tenant's `clients:` list lies (see ClientListLayout), or undefined. */
export function findClientList(text: string): ClientListLayout | undefined {
  return findTopLevelList(text, 'clients');
}

/** Where the top-level block list under `listKey` lies (see ClientListLayout), or undefined. */
export function findTopLevelList(text: string, listKey: ChunkedListKey): ClientListLayout | undefined {
  const key = LIST_KEYS[listKey].exec(text);
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
  return { key: listKey, keyStart: key.index, region: { start: regionStart, end: regionEnd }, entries };
}

/** When a client entry's long block list is read in batches (see findLongList): the defaults, and tests' own. */
export interface LongListLimits {
  /** Entries shorter than this many UTF-16 code units are not scanned (an ordinary client is a few hundred). */
  readonly minEntryLength: number;
  /** Lists with fewer items are read with their entry. */
  readonly minItems: number;
  /** Items per parser run: each run's syntax tree is garbage before the next is made. */
  readonly batchItems: number;
}

export const LONG_LIST_LIMITS: LongListLimits = { minEntryLength: 64 * 1024, minItems: 2_000, batchItems: 1_000 };

/**
 * A long block list that is the value of one of a client entry's own keys (a `grant_types` of 300,000 items), found
 * in the text alone so that it can be read in batches: one parser run over a whole entry would hold the syntax
 * tree of every item at once (a few hundred bytes each), long enough for the garbage collector to copy it.
 */
export interface LongList {
  /** The key's first character. */
  readonly keyStart: number;
  /** The list's lines: from the line after the key to the line of the entry's next key (or the entry's end). */
  readonly region: Span;
  /** Consecutive pieces of the region, each `batchItems` items (comment lines go with the item before them). */
  readonly batches: readonly Span[];
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*:[ \t]*(?:#[^\r\n]*)?\r?$/;

/**
 * The first long block list under a key of the entry's own mapping (`- name: x` then keys at the column of
 * `name`), or undefined. Only the plainest layout is taken: a plain key alone on its line at the mapping's column,
 * then dash lines at one column at or right of it, with any lines between them indented further or blank or
 * comments, up to a line at the mapping's column that is not a dash, or the entry's end. Anything else is left to
 * the entry's own reading; the caller checks that the entry read with the list blanked has that key, with nothing.
 */
export function findLongList(text: string, entry: Span, limits: LongListLimits = LONG_LIST_LIMITS): LongList | undefined {
  if (entry.end - entry.start < limits.minEntryLength) return undefined;
  // The entry's dash line: `- key: …` gives the mapping's column.
  let lineStart = entry.start;
  let mappingColumn = -1;
  for (; lineStart < entry.end; ) {
    const lineEnd = lineEndOf(text, lineStart, entry.end);
    const i = skipSpaces(text, lineStart, lineEnd);
    const c = text.charCodeAt(i);
    if (i < lineEnd && c !== 0x0d && c !== 0x23) {
      if (c !== 0x2d) return undefined;
      const content = skipSpaces(text, i + 1, lineEnd);
      if (content === i + 1 || content >= lineEnd || text.charCodeAt(content) === 0x23 || text.charCodeAt(content) === 0x0d) return undefined;
      mappingColumn = content - lineStart;
      lineStart = lineEnd + 1;
      break;
    }
    lineStart = lineEnd + 1;
  }
  if (mappingColumn < 0) return undefined;
  for (; lineStart < entry.end; ) {
    const lineEnd = lineEndOf(text, lineStart, entry.end);
    const i = skipSpaces(text, lineStart, lineEnd);
    if (i - lineStart === mappingColumn && PLAIN_KEY.test(text.slice(i, lineEnd))) {
      const list = listAfterKey(text, i, lineEnd + 1, entry.end, mappingColumn, limits);
      if (list) return list;
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

function listAfterKey(text: string, keyStart: number, regionStart: number, entryEnd: number, mappingColumn: number, limits: LongListLimits): LongList | undefined {
  const itemStarts: number[] = [];
  let dashColumn = -1;
  let regionEnd = entryEnd;
  for (let lineStart = regionStart; lineStart < entryEnd; ) {
    const lineEnd = lineEndOf(text, lineStart, entryEnd);
    const i = skipSpaces(text, lineStart, lineEnd);
    const c = text.charCodeAt(i);
    if (i >= lineEnd || c === 0x0d || c === 0x23) {
      lineStart = lineEnd + 1;
      continue;
    }
    if (c === 0x09) return undefined;
    const column = i - lineStart;
    const after = text.charCodeAt(i + 1);
    const dash = c === 0x2d && (i + 1 >= lineEnd || after === 0x20 || after === 0x0d);
    if (dashColumn < 0) {
      if (!dash || column < mappingColumn) return undefined;
      dashColumn = column;
      itemStarts.push(lineStart);
    } else if (column === dashColumn && dash) {
      itemStarts.push(lineStart);
    } else if (column <= dashColumn) {
      // Only the mapping's next key ends the list; anything else is read with the entry.
      if (column !== mappingColumn || dash) return undefined;
      regionEnd = lineStart;
      break;
    }
    lineStart = lineEnd + 1;
  }
  if (itemStarts.length < Math.max(1, limits.minItems)) return undefined;
  const batches: Span[] = [];
  for (let first = 0; first < itemStarts.length; first += limits.batchItems) {
    const next = itemStarts[first + limits.batchItems];
    batches.push({ start: first === 0 ? regionStart : itemStarts[first]!, end: next ?? regionEnd });
  }
  return { keyStart, region: { start: regionStart, end: regionEnd }, batches };
}

function lineEndOf(text: string, lineStart: number, limit: number): number {
  const at = text.indexOf('\n', lineStart);
  return at < 0 || at > limit ? limit : at;
}

function skipSpaces(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && text.charCodeAt(i) === 0x20) i++;
  return i;
}
