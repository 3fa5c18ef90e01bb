/**
 * A fix that removes some items of a bracketed list (a JSON array, a YAML flow sequence, a Terraform HCL tuple)
 * keeps every comment those items carried (rule book, invariants 1 and 6): the renderers (render.ts,
 * render-hcl.ts) delete an item with its separator, and where that deletion took a comment with it (one after the
 * item on its line, one between the item and its comma, a block comment before it on its line), the comment is
 * written back where the item stood. One rule for every format: a deletion of whole lines leaves each comment on a
 * line of its own at the indentation of the item's line; a deletion inside a line leaves the comments there, one
 * blank from what stands before and after them (a line comment only ever ends a line). Suppression comments go with
 * the items they silence (empty-list.ts, suppressionGoesWithItem), as when a list is emptied.
 */
import type { Span } from '../model';
import { endOfLine, startOfLine } from '../text';
import { countBefore } from '../search';
import { gapComments, suppressionGoesWithItem, type EmptyListSyntax, type ListComment } from './empty-list';
import type { TextEdit } from './semantic';

/**
 * `deletions` (the text edits that remove items of the list spanning `list`, sorted and not overlapping; offsets
 * into `text`) with each deletion that held comments of the list turned into one that writes them back, in order.
 * `removed` are the spans of the items removed (a next-line suppression comment before one goes with it). Edits
 * that delete no comment are returned as they are.
 */
export function keepRemovedComments(
  text: string,
  list: Span & { readonly items: readonly Span[] },
  removed: readonly Span[],
  deletions: readonly TextEdit[],
  syntax: EmptyListSyntax,
  eol: string,
): TextEdit[] {
  return deletions.map((edit) => {
    if (edit.newText !== '' || edit.end <= edit.start) return edit;
    const held = commentsWithin(text, list, edit, syntax).filter((c) => !goesWithItem(c, removed, syntax));
    return held.length === 0 ? edit : { ...edit, newText: writeBack(text, edit, held, eol) };
  });
}

/**
 * The comments of the list that lie wholly in `edit`: only the gaps around the items the edit reaches are read (fix
 * all renders a fix per finding, and a list of thousands of repeats has a finding each).
 */
function commentsWithin(text: string, list: Span & { readonly items: readonly Span[] }, edit: TextEdit, syntax: EmptyListSyntax): ListComment[] {
  const items = list.items;
  const first = countBefore(items.length, (i) => items[i]!.end <= edit.start);
  const last = countBefore(items.length, (i) => items[i]!.start < edit.end);
  const bounds = [first > 0 ? items[first - 1]!.end : list.start + 1];
  for (let i = first; i < last; i++) bounds.push(items[i]!.start, items[i]!.end);
  bounds.push(last < items.length ? items[last]!.start : list.end - 1);
  return gapComments(text, bounds, syntax).filter((c) => edit.start <= c.start && c.start + c.text.length <= edit.end);
}

/** Whether a suppression comment goes with a removed item: it follows one on its line, or silences one below. */
function goesWithItem(comment: ListComment, removed: readonly Span[], syntax: EmptyListSyntax): boolean {
  if (!syntax.directives) return false;
  const beforeItem = removed.some((item) => comment.start < item.start);
  return suppressionGoesWithItem(comment.text, comment.ownLine, beforeItem);
}

/** The text that replaces `edit`'s deleted bytes: the comments it held and nothing else of them. */
function writeBack(text: string, edit: TextEdit, comments: readonly ListComment[], eol: string): string {
  const lineStart = startOfLine(text, edit.start);
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const wholeLines = edit.start === lineStart && text[edit.end - 1] === '\n';
  if (wholeLines) return comments.map((c) => `${indent}${c.text}${eol}`).join('');
  // Inside a line (or from inside one into the next): the comments stay there, one blank from the text before
  // them; a line comment ends its line, so what follows it goes to a line of its own at the same indentation.
  // A block comment may follow the `[` at once (`[/* note */ "b"]`, as an emptied list keeps it); a `#` needs a blank.
  const previous = text[edit.start - 1];
  const blankBefore = edit.start === lineStart || /[ \t]/.test(previous!) || (previous === '[' && comments[0]!.text.startsWith('/*'));
  const lineEnd = endOfLine(text, edit.end);
  const restOfLine = text.slice(edit.end, lineEnd);
  const nothingAfter = /^[ \t]*$/.test(restOfLine);
  let out = blankBefore ? '' : ' ';
  comments.forEach((c, i) => {
    const lineComment = !c.text.startsWith('/*');
    const last = i === comments.length - 1;
    out += c.text;
    if (lineComment && !(last && nothingAfter)) out += `${eol}${indent}`;
    // None before the list's `]` (`/* note */]`): the text there had none.
    else if (!last || (!nothingAfter && !/^[ \t\]]/.test(restOfLine))) out += ' ';
  });
  return out;
}
