/**
 * New items at the end of a bracketed list (a JSON array, a YAML flow sequence, a Terraform HCL tuple), written so
 * that every comment stays after the item it followed (rule book, fix invariants 1 and 6): the new items go after
 * the last item's comments, its comma and any comment lines before the `]`, never between the last item and its
 * comment. Shared by render.ts (JSON, YAML) and render-hcl.ts (HCL).
 */
import type { Span } from '../model';
import { endOfLine, startOfLine } from '../text';
import type { TextEdit } from './semantic';

/** The comments a format writes in the gaps of a list: `#` to the line's end (YAML, HCL), `//` and block comments (JSONC, HCL). */
export interface ListCommentSyntax {
  readonly hash: boolean;
  readonly slashes: boolean;
}

export interface AppendLayout {
  /** The file's line break (`\n` or `\r\n`). */
  readonly eol: string;
  /** The blanks before each new item written on a line of its own. */
  readonly indent: string;
  readonly comments: ListCommentSyntax;
  /**
   * A trailing comma written on a one-line list stands one blank from a `]` right after it (`"b", ]`), as
   * `terraform fmt` writes it (HCL); where the list already had its comma at the `]` (`"a",]`), that stays as it was.
   */
  readonly blankBeforeClose?: boolean;
}

/**
 * The text edits that append `rendered` (items already written in the format's syntax) to the list spanning
 * `list` (offsets of its `[` and just past its `]`), whose last item spans `last`. The last item keeps its
 * comments: without a comma after it, it gets one right after its value on a list over lines (`"b", // note`), or
 * after its comments on a one-line list (a block comment there stays before the comma).
 * A `]` on the last item's line: the new items follow on that line, after its comma and comments. Otherwise each
 * new item goes on a line of its own after the last line holding the last item's comma or comments, or a comment
 * line before the `]`. A trailing comma is kept after the new items; none is added where the list had none.
 */
export function appendItems(text: string, list: Span, last: Span, rendered: readonly string[], layout: AppendLayout): TextEdit[] {
  const close = list.end - 1;
  const gap = listTail(text, last.end, close, layout.comments);
  const trailing = gap.comma !== undefined ? ',' : '';
  if (!/[\r\n]/.test(text.slice(last.end, close))) {
    // `["a" /* a */]` → `["a" /* a */, "b"]`; `["a", /* a */]` → `["a", /* a */ "b",]`.
    const newText = (gap.comma === undefined ? ',' : '') + rendered.map((value) => ` ${value}`).join(',') + trailing;
    // `["a", /* a */]` in HCL: `/* a */ "b", ]`, not `"b",]`, which `terraform fmt` rewrites.
    const blank = layout.blankBeforeClose === true && trailing !== '' && text[gap.end] === ']' && text[gap.end - 1] !== ',' ? ' ' : '';
    return [{ start: gap.end, end: gap.end, newText: newText + blank }];
  }
  // The `]` on a later line than the last comma or comment: the new lines go after that one's line; on the same
  // line (`/* end */ ]`), right after it.
  // The first line break after it, a lone CR too (a file of mixed line ends): never past the `]`.
  const lineBreak = text.slice(gap.end, close).search(/[\r\n]/);
  const at = lineBreak >= 0 ? gap.end + lineBreak : gap.end;
  const lines = rendered.map((value) => `${layout.eol}${layout.indent}${value}`).join(',') + trailing;
  if (gap.comma !== undefined) return [{ start: at, end: at, newText: lines }];
  if (at === last.end) return [{ start: at, end: at, newText: ',' + lines }];
  return [
    { start: last.end, end: last.end, newText: ',' },
    { start: at, end: at, newText: lines },
  ];
}

/**
 * Items removed from a list by other fixes of the same pass of fix all (fix-all.ts), with the text edits that remove
 * them: an addition to that list is placed with them in mind (appendAfterKept).
 */
export interface PassRemovals {
  readonly items: ReadonlySet<Span>;
  readonly deleted: readonly TextEdit[];
}

/**
 * The text edits that append `rendered` to a bracketed list spanning `list` whose last items the same pass of fix all
 * removes (`removals`), keeping their comments as lines of their own: the new items go right after the last item
 * kept (`kept`), at the end of its line, so a kept comment is not read as the new grant's (`"a",` then `# was for
 * CI` then `"b"`). Undefined where another layout applies (appendItems): no item is kept, the last item stays, or a
 * removed item shares the kept item's line.
 */
export function appendAfterKept(text: string, list: Span & { readonly items: readonly Span[] }, rendered: readonly string[], layout: AppendLayout, removals: PassRemovals): TextEdit[] | undefined {
  let keptIndex = list.items.length - 1;
  while (keptIndex >= 0 && removals.items.has(list.items[keptIndex]!)) keptIndex--;
  if (keptIndex < 0 || keptIndex === list.items.length - 1) return undefined;
  const kept = list.items[keptIndex]!;
  const next = list.items[keptIndex + 1]!;
  const lineBreak = text.slice(kept.end, next.start).search(/[\r\n]/);
  if (lineBreak < 0) return undefined;
  const at = kept.end + lineBreak;
  const tail = listTail(text, kept.end, at, layout.comments);
  if (tail.comma === undefined) return undefined;
  const comma = tail.comma;
  if (removals.deleted.some((d) => d.start === at || (d.start < at && at < d.end))) return undefined;
  const last = list.items[list.items.length - 1]!;
  const trailing = listTail(text, last.end, list.end - 1, layout.comments).comma !== undefined ? ',' : '';
  const lines = rendered.map((value) => `${layout.eol}${layout.indent}${value}`).join(',');
  // The removal of the list's last items took the kept item's comma (JSON, YAML): it comes back where that deletion
  // ends, before any comment after it on the line (at the deletion's start it would clash with it).
  const removal = removals.deleted.find((d) => d.start <= comma && comma < d.end);
  if (!removal) return [{ start: at, end: at, newText: lines + trailing }];
  if (removal.newText !== '' || removal.end > at) return undefined;
  if (removal.end === at) return [{ start: at, end: at, newText: ',' + lines + trailing }];
  return [
    { start: removal.end, end: removal.end, newText: ',' },
    { start: at, end: at, newText: lines + trailing },
  ];
}

/**
 * The text edits that fill an empty list holding comments (`[ /* none *\/ ]`, or `[`, a comment line and `]`),
 * keeping them before the new items: on the list's line when it has one, else each item on a line of its own
 * before the `]` (with a comma after the last when `trailingComma`). Undefined when the list holds no comment:
 * the caller writes the list anew.
 */
export function fillEmptyList(text: string, list: Span, rendered: readonly string[], layout: AppendLayout & { readonly trailingComma: boolean }): TextEdit[] | undefined {
  const close = list.end - 1;
  const gap = listTail(text, list.start + 1, close, layout.comments);
  if (gap.end === list.start + 1) return undefined;
  if (!/[\r\n]/.test(text.slice(list.start, close))) return [{ start: gap.end, end: gap.end, newText: rendered.map((value) => ` ${value}`).join(',') }];
  const lines = rendered.map((value) => `${layout.indent}${value}`).join(`,${layout.eol}`) + (layout.trailingComma ? ',' : '');
  const closeLine = startOfLine(text, close);
  if (/^[ \t]*$/.test(text.slice(closeLine, close))) return [{ start: closeLine, end: closeLine, newText: lines + layout.eol }];
  return [{ start: gap.end, end: gap.end, newText: layout.eol + lines }];
}

/**
 * What stands between a list's last item (ending at `from`) and its `]` (at `close`): the offset of its comma if
 * it has one, and the end of the last comma or comment (`from` when there is neither).
 */
function listTail(text: string, from: number, close: number, comments: ListCommentSyntax): { comma: number | undefined; end: number } {
  let comma: number | undefined;
  let end = from;
  let p = from;
  while (p < close) {
    const c = text[p]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') p++;
    else if (c === ',') end = p = (comma = p) + 1;
    else if ((comments.hash && c === '#') || (comments.slashes && text.startsWith('//', p))) end = p = Math.min(endOfLine(text, p), close);
    else if (comments.slashes && text.startsWith('/*', p)) {
      const closing = text.indexOf('*/', p + 2);
      end = p = closing < 0 || closing + 2 > close ? close : closing + 2;
    } else break;
  }
  return { comma, end };
}

/**
 * The indentation of a list's items: the blanks before the last item that starts a line, else those of the line
 * holding the `[` and two spaces (`grant_types = ["a", # note` then `]`).
 */
export function itemIndent(text: string, list: { readonly start: number; readonly items: readonly Span[] }): string {
  for (let i = list.items.length - 1; i >= 0; i--) {
    const start = list.items[i]!.start;
    const lineStart = startOfLine(text, start);
    if (/^[ \t]*$/.test(text.slice(lineStart, start))) return text.slice(lineStart, start);
  }
  return /^[ \t]*/.exec(text.slice(startOfLine(text, list.start)))![0] + '  ';
}
