/**
 * The line layout HCL's own parser demands of bodies and blocks, which tree-sitter's HCL grammar does not: it
 * reads `resource "x" "y" { name = "a"` followed by more lines, `grant_types = [...] }` and `a = 1 b = 2` without
 * an error node, but `terraform plan` rejects them. HCL's native syntax (hclsyntax/spec.md, parser.go):
 * - an argument ends with a new line, and so does a block's `}`: the next item of its body, or its block's `}`,
 *   starts a new line ("Missing newline after argument", "Missing newline after block definition");
 * - a block opens with `{` on the line of its type and labels ("Invalid block definition");
 * - a block whose `{` is followed on its line by an argument is a one-line block: it holds that one argument and
 *   closes on the same line, and holds no nested block ("Invalid single-argument block definition", "Argument
 *   definition required"). `{}`, `{ a = 1 }`, and `{` then a new line are the valid openings.
 * - an argument's value starts on the line of its `=` ("Invalid expression").
 * A `#` or `//` comment ends its line, so it counts as the new line; a block comment does not, even over lines. The
 * inside of an expression (a list, an object literal `{ a = 1, b = 2 }`, a heredoc) is free of these rules.
 */
import type { ParseError } from '../model';
import { MAX_MESSAGE_LENGTH } from '../rules/messages';

/** A node of the syntax tree as the HCL reader copies it (parse/hcl.ts). */
export interface LayoutNode {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly children: readonly LayoutNode[];
}

/**
 * The layout errors of the bodies and blocks under `root` (a file's or a part's syntax tree without error nodes),
 * in `text`. Each lies inside the block it is found in, so it costs only that block's resource (rule book,
 * parse-error).
 */
export function hclLayoutErrors(text: string, root: LayoutNode): ParseError[] {
  const errors: ParseError[] = [];
  const add: Add = (message, start, end, short) => {
    const full = `HCL syntax error: ${message}`;
    errors.push({ message: full.length <= MAX_MESSAGE_LENGTH || short === undefined ? full : `HCL syntax error: ${short}`, span: { start, end } });
  };
  // Iterative: no nesting of blocks can exhaust the stack.
  const stack: LayoutNode[] = [];
  for (const child of root.children) if (child.type === 'body') stack.push(child);
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'body') {
      // The top-level body: each item ends its line (the last one may end the file).
      const items = itemsOf(node);
      items.forEach((item, i) => {
        const next = items[i + 1];
        if (next) checkEndsLine(text, item, next, add, undefined, true);
        if (item.type === 'attribute') checkValueOnLine(text, item, add);
      });
      for (const item of items) if (item.type === 'block') stack.push(item);
      continue;
    }
    const block = partsOf(node);
    if (!block) continue;
    checkHeader(text, block, add);
    const items = block.body ? itemsOf(block.body) : [];
    const closeAt = block.close.startIndex;
    const first = items[0];
    if (first && !breaksLine(text, block.open.endIndex, first.startIndex)) {
      checkOneLine(text, block, items, add);
    } else {
      items.forEach((item, i) => checkEndsLine(text, item, items[i + 1], add, closeAt));
    }
    for (const item of items) if (item.type === 'attribute') checkValueOnLine(text, item, add);
    for (const item of items) if (item.type === 'block') stack.push(item);
  }
  return errors.sort((a, b) => a.span.start - b.span.start);
}

/** Records an error; `short` is said instead when `message` would pass MAX_MESSAGE_LENGTH (long names). */
type Add = (message: string, start: number, end: number, short?: string) => void;

interface Block {
  readonly node: LayoutNode;
  /** The type and labels, in order. */
  readonly header: readonly LayoutNode[];
  readonly open: LayoutNode;
  readonly body: LayoutNode | undefined;
  readonly close: LayoutNode;
}

function partsOf(block: LayoutNode): Block | undefined {
  const header: LayoutNode[] = [];
  let open: LayoutNode | undefined;
  let body: LayoutNode | undefined;
  let close: LayoutNode | undefined;
  for (const child of block.children) {
    if (child.type === 'block_start') open = child;
    else if (child.type === 'block_end') close = child;
    else if (child.type === 'body') body = child;
    else if (!open && (child.type === 'identifier' || child.type === 'string_lit')) header.push(child);
  }
  return open && close && header.length > 0 ? { node: block, header, open, body, close } : undefined;
}

/** The attributes and blocks of a body (its comments apart). */
function itemsOf(body: LayoutNode): LayoutNode[] {
  return body.children.filter((child) => child.type === 'attribute' || child.type === 'block');
}

/** An item as a message names it: an argument's name; a block's type and labels joined by dots, as Terraform names it. */
function nameOf(text: string, item: LayoutNode): string {
  const parts = item.type === 'block' ? partsOf(item) : undefined;
  const first = item.children.find((child) => child.type === 'identifier');
  const name = parts
    ? parts.header.map((label) => text.slice(label.startIndex, label.endIndex).replace(/^"|"$/g, '')).join('.')
    : first
      ? text.slice(first.startIndex, first.endIndex)
      : text.slice(item.startIndex, item.endIndex).split(/[\s=]/)[0]!;
  // A name is under the squiggle already: a long one is clipped, so the message keeps its advice.
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name;
}

/** The longest name a message quotes whole. */
const MAX_NAME = 40;

/** `type "label" {`: no new line between the type, its labels and the `{`. */
function checkHeader(text: string, block: Block, add: Add): void {
  const tokens = [...block.header, block.open];
  for (let i = 1; i < tokens.length; i++) {
    if (!breaksLine(text, tokens[i - 1]!.endIndex, tokens[i]!.startIndex)) continue;
    // Just after the `{`: inside the block's body, so it costs that block.
    add(`a block's labels and '{' must be on the line of its type ('${nameOf(text, block.header[0]!)}')`, block.open.endIndex, block.open.endIndex, "a block's labels and '{' must be on the line of its type");
    return;
  }
}

/**
 * `item` ends its line before `next` (the next item of its body) or, with `closeAt`, before its block's `}`. The
 * error lies strictly inside the block it is found in, so that it costs that block's resource and is known to hide
 * no other (engine/links.ts): on what follows an argument, or between an argument and the `}`; on the `}` of a
 * nested block another item follows on its line, or just before it for a top-level block (`topLevel`).
 */
function checkEndsLine(text: string, item: LayoutNode, next: LayoutNode | undefined, add: Add, closeAt?: number, topLevel = false): void {
  const nextStart = next ? next.startIndex : closeAt;
  if (nextStart === undefined || endsOwnLine(text, item) || breaksLine(text, item.endIndex, nextStart)) return;
  const name = nameOf(text, item);
  if (item.type === 'block') {
    const close = item.endIndex - 1;
    const base = `HCL needs a new line after the '}' of block '${name}'`;
    add(next ? `${base}: put '${nameOf(text, next)}' on its own line` : `${base} before '}'`, close, topLevel ? close : close + 1, base);
  } else if (next) {
    const base = `HCL needs a new line after argument '${name}'`;
    add(`${base}: put '${nameOf(text, next)}' on its own line`, next.startIndex, firstLineEnd(text, next), base);
  } else {
    add(`HCL needs a new line after argument '${name}' before '}'`, item.endIndex, nextStart);
  }
}

/**
 * An argument's value starts on the line of its `=` ("Invalid expression: Expected the start of an expression, but
 * found an invalid expression token" for `grant_types =` and the list on the next line). At the `=`.
 */
function checkValueOnLine(text: string, item: LayoutNode, add: Add): void {
  // The copied tree holds named nodes only: the `=` is the first one after the name.
  const [name, ...rest] = item.children;
  const value = rest.find((child) => child.type !== 'comment');
  if (name?.type !== 'identifier' || !value) return;
  const equals = text.indexOf('=', name.endIndex);
  if (equals < 0 || equals >= value.startIndex || !breaksLine(text, equals + 1, value.startIndex)) return;
  const shown = nameOf(text, item);
  add(`HCL needs the value of '${shown}' on the line of its '=': put it after '${shown} ='`, equals, equals + 1, "HCL needs an argument's value on the line of its '='");
}

/** A block opened by an argument on the `{` line: that one argument, then `}` on the same line. */
function checkOneLine(text: string, block: Block, items: readonly LayoutNode[], add: Add): void {
  const first = items[0]!;
  if (first.type === 'block') {
    add(`a one-line block holds one argument, not a block; put block '${nameOf(text, first)}' on its own line`, first.startIndex, firstLineEnd(text, first), 'a one-line block holds one argument, not a block; put the block on its own line');
    return;
  }
  const second = items[1];
  if (second) {
    const onLine = !breaksLine(text, first.endIndex, second.startIndex);
    const message = onLine ? `a one-line block holds one argument; put each argument on its own line ('${nameOf(text, second)}')` : oneLineOpened(text, first);
    const at = onLine ? second : first;
    add(message, at.startIndex, firstLineEnd(text, at), onLine ? 'a one-line block holds one argument; put each argument on its own line' : ONE_LINE_OPENED);
    return;
  }
  if (endsOwnLine(text, first) || breaksLine(text, first.endIndex, block.close.startIndex)) {
    add(oneLineOpened(text, first), first.startIndex, firstLineEnd(text, first), ONE_LINE_OPENED);
  }
}

/** The message for an argument after `{` on its line in a block that does not close on that line. */
function oneLineOpened(text: string, first: LayoutNode): string {
  return `a one-line block must close on its line: put '${nameOf(text, first)}' after '{' on a new line`;
}

const ONE_LINE_OPENED = "a one-line block must close on its line: put the argument after '{' on a new line";

/** Whether an item's own text ends its line (a heredoc's closing marker line ends with its line break). */
function endsOwnLine(text: string, item: LayoutNode): boolean {
  return text.charCodeAt(item.endIndex - 1) === 0x0a;
}

/** The end of the first line of a node's text. */
function firstLineEnd(text: string, node: LayoutNode): number {
  const lineEnd = text.slice(node.startIndex, node.endIndex).search(/\r?\n/);
  return lineEnd < 0 ? node.endIndex : node.startIndex + lineEnd;
}

/**
 * Whether the text between two tokens (only blanks and comments) holds a new line as HCL counts one: a line break,
 * or a `#` or `//` comment (which ends its line); a block comment's line breaks are not new lines.
 */
function breaksLine(text: string, from: number, to: number): boolean {
  let at = from;
  while (at < to) {
    const c = text.charCodeAt(at);
    if (c === 0x0a || c === 0x23 || (c === 0x2f && text.charCodeAt(at + 1) === 0x2f)) return true;
    if (c === 0x2f && text.charCodeAt(at + 1) === 0x2a) {
      const close = text.indexOf('*/', at + 2);
      if (close < 0) return false;
      at = close + 2;
    } else at++;
  }
  return false;
}
