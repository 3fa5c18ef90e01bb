/**
 * Suppression comments under fixes. A `grantlint-disable-next-line` comment silences the node that follows it
 * (suppression.ts), so a fix must leave every such comment on the node it had:
 * - a fix that removes the node (a grant item, a client grant entry, a property) removes the comment with it, its
 *   whole line when it stands alone there: left behind, it would silence the next node, hiding a finding nobody
 *   chose to hide;
 * - a comment whose node stays is never in a deletion: a directive stands alone on its line (one after code is
 *   no directive, parse/yaml.ts and parse/hcl.ts, and goes with its line like any comment).
 * Plain comments are never touched here.
 */
import type { Span } from '../model';
import type { NextLineDirective } from '../suppression';
import { countBefore } from '../search';
import { endOfLine, startOfLine } from '../text';
import type { TextEdit } from './semantic';

/**
 * `edits` (one fix's text edits, offsets into `text`) with the edits that keep `directives` on their nodes, given
 * the extents of the nodes the fix removes (`removed`). Returns `edits` itself when nothing changes.
 */
export function keepDirectivesOnTheirNodes(text: string, directives: readonly NextLineDirective[], removed: readonly Span[], edits: readonly TextEdit[]): readonly TextEdit[] {
  if (directives.length === 0 || edits.length === 0) return edits;
  let out: TextEdit[] | undefined;
  for (const { comment, target } of concerned(directives, removed, edits)) {
    const current = out ?? edits;
    const span = comment.span;
    const holding = current.findIndex((edit) => edit.start <= span.start && span.end <= edit.end && edit.start < edit.end);
    const targetRemoved = target !== undefined && removed.some((node) => node.start <= target.start && target.end <= node.end);
    if (holding >= 0 || !targetRemoved) continue;
    const deletion = [commentDeletion(text, span), { start: blanksBefore(text, span.start), end: span.end, newText: '' }].find((d) => !current.some((edit) => overlaps(edit, d)));
    if (deletion) (out ??= [...edits]).push(deletion);
  }
  return out ? out.sort((a, b) => a.start - b.start || a.end - b.end) : edits;
}

/**
 * The directives a fix can concern, found by binary search (a file may hold thousands, and a lint renders every
 * fix): those whose comment an edit holds, and those whose target starts in a removed node. Directives are in file
 * order, and so are their targets (each is the first node after its comment).
 */
function concerned(directives: readonly NextLineDirective[], removed: readonly Span[], edits: readonly TextEdit[]): NextLineDirective[] {
  const indexes = new Set<number>();
  const collect = (first: number, inside: (d: NextLineDirective) => boolean) => {
    for (let i = first; i < directives.length && inside(directives[i]!); i++) indexes.add(i);
  };
  for (const edit of edits) {
    collect(
      countBefore(directives.length, (i) => directives[i]!.comment.span.start < edit.start),
      (d) => d.comment.span.start < edit.end,
    );
  }
  for (const node of removed) {
    // A directive without a target (none follows) comes last: it is never one of these.
    const first = countBefore(directives.length, (i) => directives[i]!.target !== undefined && directives[i]!.target!.start < node.start);
    collect(first, (d) => d.target !== undefined && d.target.start <= node.end);
  }
  return [...indexes].sort((a, b) => a - b).map((i) => directives[i]!);
}

/**
 * The deletion of a comment: its whole line, line break included, when only blanks stand before it and nothing
 * after it (a block comment may end mid-line); else the comment and the blanks before it.
 */
function commentDeletion(text: string, comment: Span): TextEdit {
  const lineStart = startOfLine(text, comment.start);
  const lineEnd = endOfLine(text, comment.end);
  const alone = /^[ \t]*$/.test(text.slice(lineStart, comment.start)) && /^[ \t]*$/.test(text.slice(comment.end, lineEnd));
  if (!alone) return { start: blanksBefore(text, comment.start), end: comment.end, newText: '' };
  const breakEnd = lineBreakEnd(text, lineEnd);
  if (breakEnd > lineEnd) return { start: lineStart, end: breakEnd, newText: '' };
  // The last line of the file has no break after it: take the one before it.
  const before = lineStart >= 2 && text.startsWith('\r\n', lineStart - 2) ? 2 : lineStart >= 1 ? 1 : 0;
  return { start: lineStart - before, end: lineEnd, newText: '' };
}

function lineBreakEnd(text: string, lineEnd: number): number {
  return text.startsWith('\r\n', lineEnd) ? lineEnd + 2 : text.startsWith('\n', lineEnd) ? lineEnd + 1 : lineEnd;
}

function blanksBefore(text: string, offset: number): number {
  let p = offset;
  while (p > 0 && (text[p - 1] === ' ' || text[p - 1] === '\t')) p--;
  return p;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  return a.start < b.end && b.start < a.end;
}
