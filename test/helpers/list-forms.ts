/**
 * Generated grant lists in the bracketed forms people write, in Terraform HCL, JSONC and YAML flow syntax: on one
 * line, over lines (one to three items a line, the first after the `[` or below it), with the `]` on the last item's line; with and without a trailing
 * comma; with `#`, `//` and block comments before items, after them (before or after their comma) and on lines of
 * their own before the `]`; LF or CRLF. Every comment's text is unique, so a test can find it in a fixed text.
 */
import fc from 'fast-check';

export type ListFormat = 'hcl' | 'json' | 'yaml';
export type CommentKind = 'none' | 'hash' | 'slashes' | 'block';
export type ListLayout = 'one-line' | 'over-lines' | 'close-on-last-line';

export interface ListItem {
  readonly value: string;
  /** A comment on the line before the item (over lines), or before it on its line (one line: block comments only). */
  readonly before: CommentKind;
  /** A comment after the item on its line. */
  readonly after: CommentKind;
  /** A block comment after the item goes after its comma (`"a", /* c *\/`), not before it. */
  readonly commentAfterComma: boolean;
}

export interface ListForm {
  readonly format: ListFormat;
  readonly items: readonly ListItem[];
  readonly layout: ListLayout;
  /** Over lines: how many items share each line (1 to 3). */
  readonly perLine: number;
  /** Over lines: the first line (an item or a comment) follows the `[` on its line. */
  readonly openOnFirst: boolean;
  readonly trailingComma: boolean;
  /** Comments on lines of their own between the last item and the `]` (over lines). */
  readonly closing: readonly CommentKind[];
  readonly crlf: boolean;
}

/** The comments each format writes in a list. */
const COMMENT_KINDS: Readonly<Record<ListFormat, readonly CommentKind[]>> = {
  hcl: ['hash', 'slashes', 'block'],
  json: ['slashes', 'block'],
  yaml: ['hash'],
};

/** Lists of `format` with 1 to 4 items of `values`. */
export function listFormArb(format: ListFormat, values: readonly string[]): fc.Arbitrary<ListForm> {
  const comment = fc.constantFrom<CommentKind>('none', 'none', ...COMMENT_KINDS[format]);
  const item = fc.record({ value: fc.constantFrom(...values), before: comment, after: comment, commentAfterComma: fc.boolean() });
  return fc.record({
    format: fc.constant(format),
    items: fc.array(item, { minLength: 1, maxLength: 4 }),
    layout: fc.constantFrom<ListLayout>('one-line', 'over-lines', 'over-lines', 'close-on-last-line'),
    perLine: fc.integer({ min: 1, max: 3 }),
    openOnFirst: fc.boolean(),
    trailingComma: fc.boolean(),
    closing: fc.array(comment.filter((k) => k !== 'none'), { maxLength: 2 }),
    crlf: fc.boolean(),
  });
}

/** A comment of `kind` holding `label`, or '' for none. */
function commentText(kind: CommentKind, label: string): string {
  return kind === 'hash' ? `# ${label}` : kind === 'slashes' ? `// ${label}` : kind === 'block' ? `/* ${label} */` : '';
}

/**
 * The list's text, to follow `key = ` (or `key: `) on a line indented by `indent`, with LF line breaks (CRLF is the
 * caller's, over the whole file). A kind a layout cannot hold (a line comment on a one-line list or before a `]` on
 * its line) is left out.
 */
export function renderList(form: ListForm, indent: string): string {
  const quote = (value: string) => (form.format === 'yaml' ? value : JSON.stringify(value));
  const inner = indent + '  ';
  const n = form.items.length;
  const oneLine = form.layout === 'one-line';
  const entry = (item: ListItem, i: number): string => {
    const last = i === n - 1;
    const comma = !last || form.trailingComma ? ',' : '';
    const closesHere = last && form.layout === 'close-on-last-line';
    // A line comment ends the line: only where the line goes on (over lines, not before a `]` on it).
    const lineEnds = !oneLine && !closesHere && (endsLine(form, i) || last);
    const after = item.after === 'block' || (item.after !== 'none' && lineEnds) ? commentText(item.after, `a${i}`) : '';
    const before = oneLine && item.before === 'block' ? `${commentText('block', `b${i}`)} ` : '';
    if (!after) return `${before}${quote(item.value)}${comma}`;
    if (item.after === 'block' && !item.commentAfterComma) return `${before}${quote(item.value)} ${after}${comma}`;
    return `${before}${quote(item.value)}${comma} ${after}`;
  };
  if (oneLine) return `[${form.items.map(entry).join(' ')}]`;
  const lines = ['['];
  let line: string[] = [];
  form.items.forEach((item, i) => {
    if (item.before !== 'none' && line.length === 0) lines.push(`${inner}${commentText(item.before, `b${i}`)}`);
    line.push(entry(item, i));
    if (endsLine(form, i) || i === n - 1) {
      lines.push(inner + line.join(' '));
      line = [];
    }
  });
  if (form.layout === 'close-on-last-line') lines[lines.length - 1] += ' ]';
  else {
    form.closing.forEach((kind, k) => lines.push(`${inner}${commentText(kind, `e${k}`)}`));
    lines.push(`${indent}]`);
  }
  if (form.openOnFirst) lines.splice(0, 2, `[ ${lines[1]!.trimStart()}`);
  return lines.join('\n');
}

/** Whether item `i` is the last of its line (over lines). */
function endsLine(form: ListForm, i: number): boolean {
  return form.layout !== 'one-line' && i % form.perLine === form.perLine - 1;
}

/** The comments the list's text holds, in order. */
export function commentsOf(text: string): string[] {
  return [...text.matchAll(/\/\*.*?\*\/|(?:#|\/\/) [abe]\d+/g)].map((m) => m[0]);
}
