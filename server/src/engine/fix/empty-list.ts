/**
 * A bracketed list (a JSON array, a YAML flow sequence, a Terraform HCL tuple) that a fix empties keeps every
 * comment it held: `[]` when it held none; its block comments inside `[ ]` when it stood on one line; otherwise
 * `[`, each comment on a line of its own at the items' indentation, and the `]` on a line of its own. A comment
 * after an item on its line is about the list as much as the item once none is left (why it was removed is what a
 * reader looks for), so it stays too. Only suppression comments go with the items (fix/directives.ts): one that
 * silences an item, and one written after an item, which silences nothing there but would silence the next line
 * once it stood alone. Shared by render.ts (JSON, YAML) and render-hcl.ts (HCL).
 */
import type { Span } from '../model';
import { endOfLine, startOfLine } from '../text';
import { itemIndent, type ListCommentSyntax } from './append-items';
import type { TextEdit } from './semantic';

export interface EmptyListSyntax extends ListCommentSyntax {
  /** YAML: a `#` starts a comment only after a blank or at a line's start (`&a#b` is an anchor's name). */
  readonly hashAfterBlank: boolean;
  /** Whether the format reads suppression comments (JSON does not). */
  readonly directives: boolean;
}

/** One comment of a list: its text, and whether only blanks stand before it on its line. */
export interface ListComment {
  readonly text: string;
  readonly ownLine: boolean;
  readonly start: number;
}

/**
 * The edit that empties the list spanning `list` (offsets of its `[` and just past its `]`), whose items span
 * `items` (with their anchors and tags, in YAML), in a file whose line break is `eol`. The edit replaces the whole
 * list; nothing outside it changes.
 */
export function emptyList(text: string, list: Span & { readonly items: readonly Span[] }, syntax: EmptyListSyntax, eol: string): TextEdit {
  const lastItemEnd = list.items.length > 0 ? list.items[list.items.length - 1]!.end : list.start + 1;
  const comments = listComments(text, list, syntax).filter((comment) => !syntax.directives || !goesWithItems(comment, lastItemEnd));
  const replace = (newText: string): TextEdit => ({ start: list.start, end: list.end, newText });
  if (comments.length === 0) return replace('[]');
  const source = text.slice(list.start, list.end);
  // One line holds block comments only (a line comment would hide the `]`).
  if (!/[\r\n]/.test(source)) return replace(`[${comments.map((c) => c.text).join(' ')}]`);
  const indent = commentIndent(text, list, comments);
  const close = list.end - 1;
  const closeLine = startOfLine(text, close);
  const before = text.slice(closeLine, close);
  const closeIndent = /^[ \t]*$/.test(before) ? before : /^[ \t]*/.exec(text.slice(startOfLine(text, list.start)))![0];
  return replace(`[${comments.map((c) => `${eol}${indent}${c.text}`).join('')}${eol}${closeIndent}]`);
}

/**
 * The indentation of the comment lines: the items' when one starts a line, else that of a comment standing alone on
 * its line, else the `[` line's and two spaces (append-items.ts, itemIndent).
 */
function commentIndent(text: string, list: Span & { readonly items: readonly Span[] }, comments: readonly ListComment[]): string {
  const startsLine = (at: number) => /^[ \t]*$/.test(text.slice(startOfLine(text, at), at));
  const alone = comments.find((c) => c.ownLine);
  if (!list.items.some((item) => startsLine(item.start)) && alone) return text.slice(startOfLine(text, alone.start), alone.start);
  return itemIndent(text, list);
}

function goesWithItems(comment: ListComment, lastItemEnd: number): boolean {
  return suppressionGoesWithItem(comment.text, comment.ownLine, comment.start < lastItemEnd);
}

/**
 * Whether a comment (`text`, with its `#`, `//` or `/*`) goes with the removed items of a list that is emptied: a
 * suppression comment after code (`ownLine` false; alone on a line it would start silencing), or a next-line
 * suppression comment before an item (`beforeItem`: it silences that item). Every other comment stays.
 */
export function suppressionGoesWithItem(text: string, ownLine: boolean, beforeItem: boolean): boolean {
  const body = text.replace(/^(?:#|\/\/|\/\*)/, '');
  if (!/^\s*grantlint-disable/.test(body)) return false;
  if (!ownLine) return true;
  return beforeItem && /^\s*grantlint-disable-next-line(?![\w-])/.test(body);
}

/** The comments in the gaps of a list (between the `[`, its items and the `]`), in order. */
function listComments(text: string, list: Span & { readonly items: readonly Span[] }, syntax: EmptyListSyntax): ListComment[] {
  return gapComments(text, [list.start + 1, ...list.items.flatMap((item) => [item.start, item.end]), list.end - 1], syntax);
}

/**
 * The comments in gaps of a list, in order: `bounds` holds each gap's start and end in turn (the offset after the
 * `[` or an item, then that of the next item or the `]`). Items are never read: a URI holds `//`.
 */
export function gapComments(text: string, bounds: readonly number[], syntax: EmptyListSyntax): ListComment[] {
  const out: ListComment[] = [];
  for (let i = 0; i + 1 < bounds.length; i += 2) {
    const end = bounds[i + 1]!;
    let p = bounds[i]!;
    while (p < end) {
      const c = text[p]!;
      const hash = syntax.hash && c === '#' && (!syntax.hashAfterBlank || p === 0 || /[ \t\r\n]/.test(text[p - 1]!));
      let commentEnd = -1;
      if (hash || (syntax.slashes && text.startsWith('//', p))) commentEnd = Math.min(endOfLine(text, p), end);
      else if (syntax.slashes && text.startsWith('/*', p)) {
        const closing = text.indexOf('*/', p + 2);
        commentEnd = closing < 0 || closing + 2 > end ? end : closing + 2;
      }
      if (commentEnd < 0) {
        // Blanks, line breaks, commas, and in YAML the anchors and tags of items.
        p++;
        continue;
      }
      out.push({ text: text.slice(p, commentEnd), ownLine: /^[ \t]*$/.test(text.slice(startOfLine(text, p), p)), start: p });
      p = commentEnd;
    }
  }
  return out;
}
