/**
 * Where the cursor is, for completion: which field's value is being typed and which characters a chosen value
 * replaces. Works on text that does not parse (the user is mid-typing): JSON through jsonc-parser's tolerant
 * scanner, YAML and Terraform HCL through the cursor's line and the lines above it.
 */
import { getLocation } from 'jsonc-parser';
import type { Format, NodePath, Span } from '../engine/index';

export type CompletionField = 'grant_types' | 'token_endpoint_auth_method' | 'app_type' | 'authentication_method';

export interface CompletionContext {
  readonly field: CompletionField;
  /** What a chosen value replaces: the value typed so far, quotes included. */
  readonly replace: Span;
  /** The quote the value is typed in ('' for none). */
  readonly quote: '"' | "'" | '';
  /** JSON: the path at the cursor, to find the client even when the object around it does not parse. */
  readonly path: NodePath | undefined;
  /** The value is an item of a list whose items are separated by commas (HCL tuple, JSON array, YAML flow list). */
  readonly commaList?: boolean;
}

const VALUE_FIELDS = new Set<string>(['token_endpoint_auth_method', 'app_type', 'authentication_method']);

export function completionContext(text: string, offset: number, format: Format): CompletionContext | undefined {
  if (format === 'json') return jsonContext(text, offset);
  return format === 'hcl' ? hclContext(text, offset) : yamlContext(text, offset);
}

const HCL_VALUE_LINE = /^[ \t]*(token_endpoint_auth_method|app_type|authentication_method)[ \t]*=[ \t]*/;
const HCL_LIST_OWNER = /^[ \t]*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*=[ \t]*$/;

/**
 * Terraform HCL: `app_type = "…"` (and the auth method attributes) on the cursor's line, or an item of a
 * `grant_types = [ … ]` tuple, one-line or spread over lines (with comments), even before the `]` is typed.
 */
function hclContext(text: string, offset: number): CompletionContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  // In a comment: nothing to complete.
  if (withoutHclComment(before).length < before.length) return undefined;
  let field: CompletionField | undefined;
  const valueLine = HCL_VALUE_LINE.exec(before);
  if (valueLine && !/["'][^"']*["']/.test(before.slice(valueLine[0].length))) field = valueLine[1] as CompletionField;
  else if (hclTupleOwner(text, offset) === 'grant_types') field = 'grant_types';
  if (!field) return undefined;
  const token = tokenAt(text, offset, '"', HCL_STOP);
  return token && { field, ...token, path: undefined, commaList: field === 'grant_types' };
}

/** The attribute whose tuple (`name = [`) the cursor is in: the nearest unclosed `[` above it, outside comments. */
function hclTupleOwner(text: string, offset: number): string | undefined {
  let depth = 0;
  const stop = Math.max(0, offset - FLOW_LOOKBACK);
  let i = offset - 1;
  while (i >= stop) {
    const lineStart = text.lastIndexOf('\n', i) + 1;
    // The line's text up to the cursor (or whole), its comment cut off; scanned from its end to its start.
    const line = withoutHclComment(text.slice(lineStart, i + 1));
    for (let j = line.length - 1; j >= 0; j--) {
      const ch = line[j];
      if (ch === ']') depth++;
      else if (ch === '[') {
        if (depth === 0) return HCL_LIST_OWNER.exec(line.slice(0, j))?.[1];
        depth--;
      } else if ((ch === '{' || ch === '}') && depth === 0) {
        // A block's or object's brace between the cursor and any `[`: the cursor is in no tuple of an attribute.
        return undefined;
      }
    }
    i = lineStart - 2;
  }
  return undefined;
}

/**
 * A line of HCL with its comments blanked out: a `#` or `//` comment cut off, a `/* *\/` one (or an unclosed one's
 * start) replaced by spaces so offsets stay; comment marks inside a quoted string are no comments.
 */
function withoutHclComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '#' || (ch === '/' && line[i + 1] === '/')) return line.slice(0, i);
    else if (ch === '/' && line[i + 1] === '*') {
      const close = line.indexOf('*/', i + 2);
      if (close < 0) return line.slice(0, i);
      line = line.slice(0, i) + ' '.repeat(close + 2 - i) + line.slice(close + 2);
      i = close + 1;
    }
  }
  return line;
}

function jsonContext(text: string, offset: number): CompletionContext | undefined {
  const location = getLocation(text, offset);
  if (location.isAtPropertyKey) return undefined;
  const path = location.path;
  const last = path[path.length - 1];
  let field: CompletionField | undefined;
  if (typeof last === 'number' && path[path.length - 2] === 'grant_types') field = 'grant_types';
  else if (typeof last === 'string' && VALUE_FIELDS.has(last)) field = last as CompletionField;
  if (!field) return undefined;
  const token = tokenAt(text, offset, '"', JSON_STOP);
  if (!token) return undefined;
  return { field, ...token, path, commaList: field === 'grant_types' };
}

const YAML_VALUE_LINE = /^[ \t]*(?:-[ \t]+)*(token_endpoint_auth_method|app_type|authentication_method)[ \t]*:[ \t]*/;
const YAML_FLOW_GRANTS = /^[ \t]*(?:-[ \t]+)*grant_types[ \t]*:[ \t]*\[[^\]]*$/;
const YAML_ITEM = /^([ \t]*)-[ \t]+/;
const YAML_KEY_LINE = /^[ \t]*(?:-[ \t]+)*([A-Za-z0-9_.-]+)[ \t]*:[ \t]*(?:#.*)?$/;

function yamlContext(text: string, offset: number): CompletionContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  let field: CompletionField | undefined;
  let commaList = false;
  const valueLine = YAML_VALUE_LINE.exec(before);
  if (valueLine) field = valueLine[1] as CompletionField;
  else if (YAML_FLOW_GRANTS.test(before) || flowListOwner(text, offset) === 'grant_types') {
    field = 'grant_types';
    commaList = true;
  } else {
    const item = YAML_ITEM.exec(before);
    if (item && !/[[\]{}]/.test(before.slice(item[0].length)) && ownerKey(text, lineStart, (item[1] ?? '').length) === 'grant_types') {
      field = 'grant_types';
    }
  }
  if (!field) return undefined;
  const token = tokenAt(text, offset, `"'`, YAML_STOP);
  return token && { field, ...token, path: undefined, commaList };
}

/** How far back a flow list's `[` is looked for: lists of grants are short. */
const FLOW_LOOKBACK = 4000;

/** The key of the flow list (`key: [ ...`) the cursor is in, when the list spans lines and is not closed yet. */
function flowListOwner(text: string, offset: number): string | undefined {
  let depth = 0;
  const stop = Math.max(0, offset - FLOW_LOOKBACK);
  for (let i = offset - 1; i >= stop; i--) {
    const ch = text[i];
    if (ch === ']') depth++;
    else if (ch === '[') {
      if (depth === 0) {
        const lineStart = text.lastIndexOf('\n', i - 1) + 1;
        return /^[ \t]*(?:-[ \t]+)*([A-Za-z0-9_.-]+)[ \t]*:[ \t]*$/.exec(text.slice(lineStart, i))?.[1];
      }
      depth--;
    } else if (ch === ':' && /^[ \t]*(?:-[ \t]+)*[A-Za-z0-9_.-]+$/.test(text.slice(text.lastIndexOf('\n', i - 1) + 1, i)) && text[i + 1] !== '/') {
      // A `key:` at the start of a line ends the search: the cursor is past any list that began above it.
      return undefined;
    }
  }
  return undefined;
}

/** The key owning the block sequence item whose dash is at `indent`: the first less-indented key line above. */
function ownerKey(text: string, lineStart: number, indent: number): string | undefined {
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const lineIndent = line.length - line.trimStart().length;
    if (lineIndent > indent || (lineIndent === indent && trimmed.startsWith('-'))) continue;
    return YAML_KEY_LINE.exec(line)?.[1];
  }
  return undefined;
}

/** Characters that end an unquoted value. A YAML plain grant URI holds colons; in JSON a colon ends a key. */
const YAML_STOP = /[\s,[\]{}"'#]/;
const JSON_STOP = /[\s,[\]{}"':]/;
const HCL_STOP = /[\s,[\]{}"'=#]/;

/** The value under the cursor on its line: a quoted string (closed or not) or a run of plain characters. */
function tokenAt(text: string, offset: number, quotes: string, stop: RegExp): Pick<CompletionContext, 'replace' | 'quote'> | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const open = openQuote(text, lineStart, offset, quotes);
  if (open) {
    const close = text.indexOf(open.quote, offset);
    const end = close >= 0 && close < lineEnd && !/[,\]}]/.test(text.slice(offset, close)) ? close + 1 : offset;
    return { replace: { start: open.at, end }, quote: open.quote };
  }
  let start = offset;
  while (start > lineStart && !stop.test(text[start - 1]!)) start--;
  let end = offset;
  while (end < lineEnd && !stop.test(text[end]!)) end++;
  return { replace: { start, end }, quote: '' };
}

/** The quote that opens the string the cursor is in, if it is in one. */
function openQuote(text: string, lineStart: number, offset: number, quotes: string): { quote: '"' | "'"; at: number } | undefined {
  let open: { quote: '"' | "'"; at: number } | undefined;
  for (let i = lineStart; i < offset; i++) {
    const ch = text[i]!;
    if (open) {
      if (ch === '\\' && open.quote === '"') i++;
      else if (ch === open.quote) open = undefined;
    } else if (quotes.includes(ch)) {
      open = { quote: ch as '"' | "'", at: i };
    } else if (ch === '#' && quotes.includes("'") && (i === lineStart || /\s/.test(text[i - 1]!))) {
      return undefined;
    }
  }
  return open;
}

/**
 * What a value put at `replace` in a comma-separated list needs around it so the list stays valid: `before` and
 * `after` join the inserted text (`, ` before it when it follows an item on the same line with nothing between;
 * a comma after it when an item follows), and `commaAfterPrevious` is where a comma goes after the item before it
 * when something (spaces, a line end, a comment) stands between them. Comments are skipped: `#` (HCL, YAML),
 * `//` and `/* *\/` (HCL, JSONC). Offsets in UTF-16 code units; nothing is added next to a `[` or a comma.
 */
export function listSeparators(text: string, replace: Span, format: Format): { before: string; after: string; commaAfterPrevious: number | undefined } {
  const previous = previousToken(text, replace.start, format);
  let before = '';
  let commaAfterPrevious: number | undefined;
  if (previous && previous.ch !== '[' && previous.ch !== ',') {
    if (previous.end === replace.start) before = ', ';
    else commaAfterPrevious = previous.end;
  }
  const next = nextToken(text, replace.end, format);
  let after = '';
  // Only an item needs a comma before it: not the list's end, a comma, the object's end, or the next key of a list
  // not closed yet (the user is still typing it).
  if (next && !/[\]},:=)]/.test(next.ch) && !startsKey(text, next.start, format)) {
    // An item follows: on the same line, a comma (and a space when it is right there); on a later line, a comma.
    after = next.sameLine && next.start === replace.end ? ', ' : ',';
  }
  return { before, after, commaAfterPrevious };
}

const KEY_START: Record<Format, RegExp> = { hcl: /^[A-Za-z_][\w-]*[ \t]*=/, json: /^"(?:[^"\\]|\\.)*"[ \t]*:/, yaml: /^[\w.-]+[ \t]*:(?:\s|$)/ };

/** Whether a key (`name =`, `"name":`, `name:`) starts at `offset`. */
function startsKey(text: string, offset: number, format: Format): boolean {
  return KEY_START[format].test(text.slice(offset, offset + 200));
}

/** A line of the format with its comments blanked (offsets kept); strings are skipped. */
function codeOfLine(line: string, format: Format): string {
  if (format === 'hcl') return withoutHclComment(line);
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || (format === 'yaml' && ch === "'")) quote = ch;
    else if (format === 'yaml' && ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
    else if (format === 'json' && ch === '/' && line[i + 1] === '/') return line.slice(0, i);
    else if (format === 'json' && ch === '/' && line[i + 1] === '*') {
      const close = line.indexOf('*/', i + 2);
      if (close < 0) return line.slice(0, i);
      line = line.slice(0, i) + ' '.repeat(close + 2 - i) + line.slice(close + 2);
      i = close + 1;
    }
  }
  return line;
}

/** The last character of code before `offset` (comments and whitespace skipped), with the offset just past it. */
function previousToken(text: string, offset: number, format: Format): { ch: string; end: number } | undefined {
  const stop = Math.max(0, offset - FLOW_LOOKBACK);
  let lineEnd = offset;
  while (lineEnd >= stop) {
    const lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const code = codeOfLine(text.slice(lineStart, lineEnd), format);
    const match = /\S\s*$/.exec(code);
    if (match) return { ch: code[match.index]!, end: lineStart + match.index + 1 };
    if (lineStart === 0) return undefined;
    lineEnd = lineStart - 1;
  }
  return undefined;
}

/** The first character of code from `offset` on (comments and whitespace skipped), and whether it is on that line. */
function nextToken(text: string, offset: number, format: Format): { ch: string; start: number; sameLine: boolean } | undefined {
  const stop = Math.min(text.length, offset + FLOW_LOOKBACK);
  let lineStart = offset;
  let sameLine = true;
  while (lineStart < stop) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const code = codeOfLine(text.slice(lineStart, lineEnd), format);
    const at = code.search(/\S/);
    if (at >= 0) return { ch: code[at]!, start: lineStart + at, sameLine };
    lineStart = lineEnd + 1;
    sameLine = false;
  }
  return undefined;
}
