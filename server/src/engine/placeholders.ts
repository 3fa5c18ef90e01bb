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
 * `"prefix ##X## suffix"`.
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
    out += text.slice(last, start) + '"' + raw.slice(1, -1) + '"';
    last = start + raw.length;
    masked.push({ start, end: last });
  }
  if (masked.length === 0) return { text, masked };
  return { text: out + text.slice(last), masked };
}

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
