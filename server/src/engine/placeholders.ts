/**
 * auth0-deploy-cli keyword replacement (`@@NAME@@` JSON-stringified, `##NAME##` literal) runs on raw text before
 * parsing, so real configs hold placeholders where no parser accepts them (`grant_types: @@GRANTS@@`). Before
 * parsing, each unquoted placeholder is masked with a quoted string of the same length, so offsets stay exact and
 * the value parses as a string that the model marks as a placeholder.
 */
import type { Span } from './model';
import { countBefore } from './search';

const PLACEHOLDER_PATTERN = /@@[A-Za-z0-9_.-]+@@|##[A-Za-z0-9_.-]+##/;
const PLACEHOLDER_GLOBAL = new RegExp(PLACEHOLDER_PATTERN.source, 'g');

function containsPlaceholder(value: string): boolean {
  return value.includes('@@') || value.includes('##') ? PLACEHOLDER_PATTERN.test(value) : false;
}

export interface MaskedText {
  readonly text: string;
  /** Spans that were masked; a scalar overlapping one is a placeholder. */
  readonly masked: readonly Span[];
}

/**
 * Masks placeholders that stand outside quoted strings. A placeholder counts as quoted when an odd number of
 * unescaped quote characters of one kind precede it on its line, which covers `"@@X@@"`, `'##X##'` and
 * `"prefix ##X## suffix"`. One that is a whole value becomes a quoted string: a space, `[`, `{`, `,` or `:` before
 * it, and after it only spaces, then the line's end, a comment (`#` after a space; JSONC `//`, `/*`), `,`, `]`, `}`
 * or `:`. One with more of its value around it (`##ENV##-worker`, `##ENV## Worker`, `https://##DOMAIN##/api/v2/`),
 * which a quoted string would cut short, becomes a plain word of the same length (`^^ENV^^`; `^_ENV_^` for
 * `@@ENV@@`: `^` starts no YAML syntax), so the value reads whole.
 */
export function maskPlaceholders(text: string): MaskedText {
  if (!text.includes('@@') && !text.includes('##')) return { text, masked: [] };
  const masked: Span[] = [];
  let out = '';
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER_GLOBAL)) {
    const start = match.index;
    if (isInsideQuotes(text, start)) continue;
    const raw = match[0];
    const name = raw.slice(2, -2);
    const whole = (start === 0 || WHOLE_VALUE_BEFORE.has(text[start - 1]!)) && WHOLE_VALUE_AFTER.test(text.slice(start + raw.length, start + raw.length + 200));
    const mask = whole ? `"${raw.slice(1, -1)}"` : raw.startsWith('#') ? `^^${name}^^` : `^_${name}_^`;
    out += text.slice(last, start) + mask;
    last = start + raw.length;
    masked.push({ start, end: last });
  }
  if (masked.length === 0) return { text, masked };
  return { text: out + text.slice(last), masked };
}

/** What may stand before a placeholder that is a whole value (maskPlaceholders). */
const WHOLE_VALUE_BEFORE: ReadonlySet<string> = new Set([' ', '\t', '\n', '\r', '[', '{', ',', ':']);

/** What may follow a placeholder that is a whole value (maskPlaceholders). */
const WHOLE_VALUE_AFTER = /^(?:[ \t]+#|[ \t]*(?:$|[\r\n,\]}:]|\/\/|\/\*))/;

function isInsideQuotes(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let inDouble = false;
  let inSingle = false;
  for (let i = lineStart; i < offset; i++) {
    const ch = text[i];
    if (ch === '\\' && inDouble) {
      i++;
    } else if (ch === '"' && !inSingle) {
      inDouble = !inDouble;
    } else if (ch === "'" && !inDouble) {
      inSingle = !inSingle;
    }
  }
  return inDouble || inSingle;
}

/**
 * Whether a string read from [start, end) of the text is a placeholder: masked there (an unquoted one), or holding
 * one (a quoted one). `masked` is sorted and disjoint, as maskPlaceholders makes it.
 */
export function holdsPlaceholder(start: number, end: number, value: string, masked: readonly Span[]): boolean {
  return (masked.length > 0 && overlapsMasked(start, end, masked)) || containsPlaceholder(value);
}

function overlapsMasked(start: number, end: number, spans: readonly Span[]): boolean {
  // The first masked span that ends after the range starts.
  const candidate = spans[countBefore(spans.length, (i) => spans[i]!.end <= start)];
  return candidate !== undefined && candidate.start < end;
}

/** A whole value that was one keyword, as it reads once its quotes are gone: `#NAME#`, `@NAME@`. */
const WHOLE_MASKED = /^(?:#[A-Za-z0-9_.-]+#|@[A-Za-z0-9_.-]+@)$/;

/**
 * A keyword as maskPlaceholders leaves it in a parsed value: `"#NAME#"` or `^^NAME^^` for `##NAME##`, `"@NAME@"` or
 * `^_NAME_^` for `@@NAME@@`.
 */
const MASKED_GLOBAL = /"#([A-Za-z0-9_.-]+)#"|\^\^([A-Za-z0-9_.-]+)\^\^|"@([A-Za-z0-9_.-]+)@"|\^_([A-Za-z0-9_.-]+)_\^/g;

/**
 * A placeholder string's value as written: the keywords that maskPlaceholders quoted to let the text parse
 * (`https://"#AUTH0_DOMAIN#"/api/v2/` from an unquoted `https://##AUTH0_DOMAIN##/api/v2/`) shown as keywords again.
 * Only for a string the model marks as a placeholder (an unquoted `#NAME#` is a comment in YAML, so a value that
 * reads `#NAME#` was a masked keyword).
 */
export function placeholderAsWritten(value: string): string {
  // A whole value masked as a quoted string reads without its quotes.
  const whole = WHOLE_MASKED.exec(value);
  if (whole) return value[0] === '#' ? `#${value}#` : `@${value}@`;
  return value.replace(MASKED_GLOBAL, (_, hash?: string, plainHash?: string, at?: string, plainAt?: string) => {
    const hashed = hash ?? plainHash;
    return hashed !== undefined ? `##${hashed}##` : `@@${at ?? plainAt}@@`;
  });
}

/**
 * The text after the last deploy-cli keyword of `value` (`/api/v2/` of `https://##AUTH0_DOMAIN##/api/v2/`), which
 * keyword replacement leaves as it is; undefined when `value` holds no keyword.
 */
export function textAfterLastPlaceholder(value: string): string | undefined {
  let end: number | undefined;
  for (const match of value.matchAll(PLACEHOLDER_GLOBAL)) end = match.index + match[0].length;
  return end === undefined ? undefined : value.slice(end);
}

/**
 * Whether a name holding deploy-cli placeholders (`Web ##ENV##`, `@@TEAM@@ Reporting`) may become `name` once
 * deployed: its literal parts, in order, with each placeholder standing for any text (the empty text too). The
 * first part must begin the name and the last end it; the parts between are taken where each first fits, which
 * leaves the most room for the next (a glob match: linear, whatever the placeholders). A name without placeholders
 * matches only itself.
 */
export function placeholderNameMayBe(pattern: string, name: string): boolean {
  const parts = pattern.split(PLACEHOLDER_GLOBAL);
  if (parts.length === 1) return pattern === name;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (first.length + last.length > name.length || !name.startsWith(first) || !name.endsWith(last)) return false;
  let at = first.length;
  const end = name.length - last.length;
  for (const part of parts.slice(1, -1)) {
    if (part === '') continue;
    const found = name.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

/**
 * A string value holding placeholders as its author wrote it: `value` as read, or, where the placeholders were
 * masked to parse it (an unquoted `Spa ##ENV##` reads as `Spa "#ENV#"`, maskPlaceholders), its `raw` text in the
 * file, which a value without quotes is.
 */
export function writtenWithPlaceholders(value: string, raw: string): string {
  return containsPlaceholder(value) || !containsPlaceholder(raw) ? value : raw;
}
