/**
 * Checks the readers make before and while they read, so that no input can overflow the stack, fill the heap or
 * hang a reader: binary files, nesting deeper than MAX_NESTING_DEPTH, and deep nesting repeated all through a
 * file. Each refusal is a parse error with a clear message, and the file (or document) is not read further.
 */
import { MAX_NESTING_DEPTH, MAX_NESTING_TOTAL } from '../limits';
import type { Format, ParsedFile, ParseError } from '../model';

export const NESTING_MESSAGE = `Nesting deeper than ${MAX_NESTING_DEPTH} levels is not read.`;
export const NESTING_TOTAL_MESSAGE = 'Deep nesting repeated all through the file is not read: it would take too much memory to read.';

/** A file with a NUL character is binary (or UTF-16): neither JSON, YAML nor HCL allows one anywhere. */
export function binaryError(text: string, format: Format): ParseError | undefined {
  const at = text.indexOf('\0');
  if (at < 0) return undefined;
  const what = format === 'yaml' ? 'YAML' : format === 'hcl' ? 'HCL' : 'JSON';
  return { message: `The file holds NUL bytes: it is binary (or UTF-16), not ${what} text, and is not read.`, span: { start: at, end: at + 1 } };
}

/** A file (or a reader's result) that was not read at all, with the one error that says why. */
export function unread(format: Format, text: string, error: ParseError): ParsedFile {
  return { format, documents: [{ root: undefined, span: { start: 0, end: text.length } }], errors: [error], comments: [] };
}

/**
 * A cheap over-the-top estimate of YAML nesting, so that `[[[[…` or `- - - -…` a million deep is refused without
 * running the YAML parser over it (which takes seconds per megabyte of such input). It counts open flow brackets
 * outside quotes and comments, `- ` and `? ` indicators that open a compact collection, and the distinct
 * indentation levels still open; the exact check runs while the document is read (ConversionGuard).
 */
export function yamlNestingError(text: string): ParseError | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote = 0; // the open quote character while a quoted scalar runs on across lines
  let blockScalarParent = -1; // while inside a block scalar (`|`, `>`): the indentation of the line that opened it
  let blockDepth = 0; // collections open through indentation and compact indicators, as of the last block line
  let lineStart = 0;
  const n = text.length;
  while (lineStart < n) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    let i = lineStart;
    while (i < lineEnd && text.charCodeAt(i) === 0x20) i++;
    const indent = i - lineStart;
    const blank = i >= lineEnd || text.charCodeAt(i) === 0x0d || text.charCodeAt(i) === 0x23;
    if (blockScalarParent >= 0 && (blank || indent > blockScalarParent)) {
      lineStart = lineEnd + 1;
      continue;
    }
    blockScalarParent = -1;
    if (flow === 0 && quote === 0 && !blank) {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      // `- - - x` and `? ? x`: each indicator opens one more collection on this line.
      let compact = 0;
      for (;;) {
        const c = text.charCodeAt(i);
        const next = text.charCodeAt(i + 1);
        if ((c === 0x2d || c === 0x3f) && (next === 0x20 || next === 0x09 || i + 1 >= lineEnd || next === 0x0d)) {
          compact++;
          i += 2;
          while (i < lineEnd && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
        } else break;
      }
      // The line's own indentation level is the first of its compact collections, not one more.
      blockDepth = indents.length + Math.max(0, compact - 1);
      if (blockDepth > MAX_NESTING_DEPTH) return { message: NESTING_MESSAGE, span: { start: i - 1, end: i } };
    }
    // The rest of the line: quotes, comments, flow brackets and the start of a block scalar.
    let atNodeStart = true;
    for (; i < lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (quote !== 0) {
        if (quote === 0x22 && c === 0x5c) i++;
        else if (c === quote) {
          if (quote === 0x27 && text.charCodeAt(i + 1) === 0x27) i++;
          else quote = 0;
        }
        continue;
      }
      if (c === 0x23 && (i === lineStart || isSpace(text.charCodeAt(i - 1)))) break;
      if ((c === 0x22 || c === 0x27) && (atNodeStart || flow > 0)) {
        quote = c;
        continue;
      }
      if ((c === 0x5b || c === 0x7b) && (atNodeStart || flow > 0)) {
        flow++;
        if (blockDepth + flow > MAX_NESTING_DEPTH) return { message: NESTING_MESSAGE, span: { start: i, end: i + 1 } };
        atNodeStart = true;
        continue;
      }
      if ((c === 0x5d || c === 0x7d) && flow > 0) {
        flow--;
        continue;
      }
      if ((c === 0x7c || c === 0x3e) && atNodeStart && flow === 0) {
        blockScalarParent = indent;
        break;
      }
      if (isSpace(c)) continue;
      // A value starts after `: `, after `,` in a flow collection, or after a node property (`&anchor `, `!tag `).
      atNodeStart = (c === 0x2c && flow > 0) || (c === 0x3a && isSpaceOrEnd(text.charCodeAt(i + 1)));
      if ((c === 0x26 || c === 0x21) && (i === lineStart || isSpace(text.charCodeAt(i - 1)))) {
        while (i + 1 < lineEnd && !isSpace(text.charCodeAt(i + 1))) i++;
        atNodeStart = true;
      }
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function isSpaceOrEnd(c: number): boolean {
  return Number.isNaN(c) || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** A key as a message quotes it: a key of megabytes would make a message of megabytes. */
export function shortKey(key: string): string {
  const oneLine = key.replace(/[\r\n]+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}

/** Thrown by a reader when it meets a limit; caught where it starts reading a document. */
export class LimitReached extends Error {
  constructor(
    readonly parseError: ParseError,
  ) {
    super(parseError.message);
  }
}

/**
 * The exact checks while a reader converts: depth (the converters recurse once or twice per level) and the
 * total of all nodes' depths (each node stores its path).
 */
export class ConversionGuard {
  private depth = 0;
  private total = 0;

  /** Call when a node is created at `pathLength`; throws LimitReached past the total budget. */
  charge(pathLength: number, offset: number): void {
    this.total += pathLength + 1;
    if (this.total > MAX_NESTING_TOTAL) throw new LimitReached({ message: NESTING_TOTAL_MESSAGE, span: { start: offset, end: offset + 1 } });
  }

  enter(offset: number): void {
    if (++this.depth > MAX_NESTING_DEPTH) throw new LimitReached({ message: NESTING_MESSAGE, span: { start: offset, end: offset + 1 } });
  }

  leave(): void {
    this.depth--;
  }

  /** A document is read on its own: its depth starts from zero (the total budget is the file's). */
  resetDepth(): void {
    this.depth = 0;
  }
}
