import { countBefore } from './search';

export interface Position {
  /** 0-based line. */
  readonly line: number;
  /** 0-based UTF-16 column. */
  readonly character: number;
}

/** Maps offsets to line/character positions and back with a binary search over line starts. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(
    readonly text: string,
    lineStarts?: number[],
  ) {
    this.lineStarts = lineStarts ?? lineStartsOf(text, 0, text.length, [0]);
  }

  /**
   * The index of `text`, which differs from this index's text only in [change.start, change.oldEnd) replaced by
   * [change.start, change.newEnd): lines before the change are kept, the changed part is scanned, later lines
   * are shifted. An edit in a large file then costs its own size plus one pass over the line numbers.
   */
  afterEdit(text: string, change: { readonly start: number; readonly oldEnd: number; readonly newEnd: number }): LineIndex {
    const delta = change.newEnd - change.oldEnd;
    const old = this.lineStarts;
    // Lines starting at or before the change are kept, those starting after its old end are shifted; both
    // found by binary search and copied whole, so an edit costs two copies of the line numbers and no more.
    const kept = countBefore(old.length, (i) => old[i]! <= change.start);
    const after = countBefore(old.length, (i) => old[i]! <= change.oldEnd);
    const changed = lineStartsOf(text, change.start, change.newEnd, []);
    const shifted = old.slice(after);
    if (delta !== 0) for (let i = 0; i < shifted.length; i++) shifted[i]! += delta;
    return new LineIndex(text, old.slice(0, kept).concat(changed, shifted));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    // The last line starting at or before the offset (the first starts at 0).
    const line = countBefore(this.lineStarts.length, (i) => this.lineStarts[i]! <= clamped) - 1;
    return { line, character: clamped - this.lineStarts[line]! };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line]!;
    const nextStart = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1]! : this.text.length;
    return Math.max(start, Math.min(start + position.character, nextStart));
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))]!;
  }
}

/** The line break the file already uses, so inserted lines match it. */
export function detectEol(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

/** The 1-based line of an offset, as messages name a line. */
export function lineOf(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Offset of the first character of the line holding `offset`. */
export function startOfLine(text: string, offset: number): number {
  const lf = text.lastIndexOf('\n', offset - 1);
  return lf + 1;
}

/** Offset of the line break (or end of text) ending the line holding `offset`; before a CR of a CRLF. */
export function endOfLine(text: string, offset: number): number {
  let lf = text.indexOf('\n', offset);
  if (lf < 0) return text.length;
  if (lf > 0 && text.charCodeAt(lf - 1) === 13) lf--;
  return lf;
}

/** Appends the start of every line that begins within [from, to) of `text`. */
function lineStartsOf(text: string, from: number, to: number, into: number[]): number[] {
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) into.push(i + 1);
  return into;
}

/** Where a node's content ends: block scalars (and the CST's collections) end after their line break. */
export function contentEnd(text: string, end: number): number {
  let p = end;
  while (p > 0 && (text[p - 1] === '\n' || text[p - 1] === '\r')) p--;
  return p;
}

/**
 * Where spans lie against an edited region of a text (UTF-16 offsets): all ending at or before `start`, all starting
 * at or after `end`, or some reaching into it. An incremental re-lint keeps what lies wholly before an edit, moves what
 * lies wholly after it, and makes again what reaches into it.
 */
export function placeOfSpans(spans: readonly { readonly start: number; readonly end: number }[], start: number, end: number): 'before' | 'after' | 'around' {
  if (spans.every((span) => span.end <= start)) return 'before';
  if (spans.every((span) => span.start >= end)) return 'after';
  return 'around';
}
