/** Small helpers both renderers use (render.ts for JSON and YAML, render-hcl.ts for Terraform HCL). */
import { endOfLine, startOfLine } from '../text';
import type { TextEdit } from './semantic';

/** Deletions that touch or overlap, merged (one item's comma and the next item's deletion meet). */
export function mergeAdjacent(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextEdit[] = [];
  for (const edit of sorted) {
    const last = out[out.length - 1];
    if (last && last.newText === '' && edit.newText === '' && edit.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, edit.end), newText: '' };
    else out.push(edit);
  }
  return out;
}

/** The offset past the spaces and tabs at `offset`. */
export function skipBlanks(text: string, offset: number): number {
  let p = offset;
  while (text[p] === ' ' || text[p] === '\t') p++;
  return p;
}

/** The offset before the spaces and tabs that end at `offset`. */
export function blanksBefore(text: string, offset: number): number {
  let p = offset;
  while (p > 0 && (text[p - 1] === ' ' || text[p - 1] === '\t')) p--;
  return p;
}

/**
 * Deletions from a list over lines, widened so that no line they leave behind ends in blanks or holds only blanks
 * (rule book, invariant 1): an item removed at a line's end takes the blanks before it (`"a", "b",` without `"b"`
 * is `"a",`, not `"a", `); a line left with nothing but blanks goes whole, its line break with it; and where the
 * line's indentation is followed by what stood after a removed item (a `]`, a comment), the blanks between go, so
 * that keeps the line's indentation; one ending at a `]` no blank preceded takes the blanks before it too.
 * A deletion that already ends with a line break (whole lines) is kept as it is, so a blank line after it stays.
 * Takes deletions (newText ''; other edits pass through), merges those that meet before judging their lines, and
 * returns them merged and sorted.
 */
export function tidyDeletions(text: string, edits: readonly TextEdit[]): TextEdit[] {
  return mergeAdjacent(mergeAdjacent(edits).map((edit) => (edit.newText === '' && edit.end > edit.start ? tidyDeletion(text, edit) : edit)));
}

function tidyDeletion(text: string, edit: TextEdit): TextEdit {
  if (text[edit.end - 1] === '\n') return edit;
  const lineStart = startOfLine(text, edit.start);
  const from = blanksBefore(text, edit.start);
  const to = skipBlanks(text, edit.end);
  const lineEnd = endOfLine(text, to);
  const indentOnly = from <= lineStart;
  if (to < lineEnd) {
    if (indentOnly) return { start: edit.start, end: to, newText: '' };
    // What stood before the deletion meets the list's `]`, which no blank preceded: nor does one now (`/* x */]`).
    return text[edit.end] === ']' && !/[ \t]/.test(text[edit.end - 1] ?? '') ? { start: from, end: edit.end, newText: '' } : edit;
  }
  // Nothing but blanks follows on the line: the line ends where the kept text before the deletion ends.
  if (!indentOnly) return { start: from, end: to, newText: '' };
  const breakLength = text.startsWith('\r\n', lineEnd) ? 2 : text.startsWith('\n', lineEnd) ? 1 : 0;
  if (breakLength > 0) return { start: lineStart, end: lineEnd + breakLength, newText: '' };
  // The last line of the text has no break after it: the one before it goes instead.
  const previousBreak = lineStart >= 2 && text.startsWith('\r\n', lineStart - 2) ? 2 : lineStart >= 1 ? 1 : 0;
  return { start: lineStart - previousBreak, end: lineEnd, newText: '' };
}
