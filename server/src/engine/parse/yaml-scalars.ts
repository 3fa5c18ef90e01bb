/**
 * Scalars as the YAML 1.2 core schema reads them (what `yaml` does by default): plain `null`, booleans and
 * numbers, everything else a string. Single-line scalars without escapes are read directly from the source; the
 * rest through `yaml`'s own resolution.
 */
import { CST } from 'yaml';
import type { NodePath, QuoteStyle, Span, ValueNode } from '../model';

const BAD_PLAIN_START = /^[\t,%|>@`]/;
const QUOTES: Partial<Record<string, QuoteStyle>> = { QUOTE_DOUBLE: 'double', QUOTE_SINGLE: 'single' };
const NULL = /^(?:~|null|Null|NULL)?$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const OCT = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/** A plain, untagged scalar's null, boolean or number, or undefined when it is a string. */
export function coreSchemaValue(raw: string, path: NodePath, span: Span): ValueNode | undefined {
  if (!mayBeNonString(raw)) return undefined;
  if (NULL.test(raw)) return { kind: 'null', value: null, path, ...span };
  if (BOOL.test(raw)) return { kind: 'boolean', value: raw[0] === 't' || raw[0] === 'T', path, ...span };
  if (INT.test(raw) || FLOAT.test(raw)) return { kind: 'number', value: Number(raw), path, ...span };
  if (OCT.test(raw)) return { kind: 'number', value: parseInt(raw.slice(2), 8), path, ...span };
  if (HEX.test(raw)) return { kind: 'number', value: parseInt(raw.slice(2), 16), path, ...span };
  if (SPECIAL_FLOAT.test(raw)) return { kind: 'number', value: raw.includes('nan') || raw.includes('NaN') || raw.includes('NAN') ? NaN : raw.startsWith('-') ? -Infinity : Infinity, path, ...span };
  return undefined;
}

/**
 * Where a scalar's errors go. `unclosedQuote` is set (to the quote) for a quoted scalar never closed: `yaml` reports
 * that where the scalar ends, often the end of the file since it reads on through every line after, so it is given at
 * the opening quote, `offset`, where it was typed.
 */
export type ScalarErrorSink = (message: string, offset: number, unclosedQuote?: '"' | "'") => void;

/** `yaml`'s error callback for resolving `token`, to `onError` (ScalarErrorSink: an unclosed quote at its opening). */
export function scalarErrors(token: CST.FlowScalar | CST.BlockScalar, onError: ScalarErrorSink): (offset: number, code: string, message: string) => void {
  const quote = token.type === 'double-quoted-scalar' ? '"' : token.type === 'single-quoted-scalar' ? "'" : undefined;
  return (offset, code, message) => {
    if (quote && code === 'MISSING_CHAR') onError(message, token.offset, quote);
    else onError(message, offset);
  };
}

/** A scalar's value; single-line scalars without escapes are read directly, the rest by `yaml`. */
export function scalarText(token: CST.FlowScalar | CST.BlockScalar, onError: ScalarErrorSink): { value: string; quote: QuoteStyle; end: number } {
  if (token.type !== 'block-scalar') {
    const source = token.source;
    const end = token.offset + source.length;
    if (!source.includes('\n')) {
      // A plain scalar may not start with these; `yaml` reports it, so such a scalar takes the slow path.
      if (token.type === 'scalar' && !BAD_PLAIN_START.test(source)) return { value: source, quote: 'plain', end };
      if (token.type === 'double-quoted-scalar' && source.length >= 2 && source.endsWith('"') && !source.includes('\\')) {
        return { value: source.slice(1, -1), quote: 'double', end };
      }
      if (token.type === 'single-quoted-scalar' && source.length >= 2 && source.endsWith("'") && !source.slice(1, -1).includes("'")) {
        return { value: source.slice(1, -1), quote: 'single', end };
      }
    }
  }
  const resolved = CST.resolveAsScalar(token, false, scalarErrors(token, onError));
  const end = token.type === 'block-scalar' ? resolved.range[1] : token.offset + token.source.length;
  return { value: resolved.value, quote: QUOTES[resolved.type ?? ''] ?? 'plain', end };
}

/** Only these first characters can start a null, boolean or number in the core schema. */
function mayBeNonString(raw: string): boolean {
  if (raw.length === 0) return true;
  const c = raw.charCodeAt(0);
  // digits, + - . ~ and the letters of null/true/false in either case
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70;
}
