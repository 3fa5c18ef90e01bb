/**
 * Reads Terraform HCL (`*.tf`) into the positioned model, from the syntax tree of tree-sitter's HCL grammar.
 * The model has the shape Terraform's JSON syntax gives the same file (`resource → type → name → body`), so `.tf`
 * and `.tf.json` modules are discovered and linked alike:
 * - a block becomes an object at the path of its type and labels; blocks of one type merge into one object;
 *   a nested block (`refresh_token {}`) becomes an object under its type, repeated ones a list of objects;
 * - literals are known: strings without interpolation, numbers, booleans, null, tuples and objects of literals;
 * - every other expression (a variable, local, `each.*`, function call, interpolation, heredoc with
 *   interpolation, `for`, conditional, `dynamic` block) is unknown: a string `${<source>}`, which the rules read
 *   as an unknown Terraform value (rule book, "resolved value"). A bare reference `auth0_client.x.id` becomes
 *   `${auth0_client.x.id}`, as Terraform JSON writes it.
 * Offsets are UTF-16 code units (tree-sitter indexes a JavaScript string in them). Comments (`#`, `//`, `/* *\/`)
 * are kept for suppression directives; error and missing nodes become parse errors, and so do the line layouts HCL
 * rejects and tree-sitter reads without an error node (hcl-layout.ts).
 *
 * The engine reads no files: the tree-sitter parser is loaded outside it (server/src/workspace/tree-sitter.ts) and
 * handed in with `useHclParser`.
 */
import type { Tree, TreeCursor } from 'web-tree-sitter';
import type { ArrayNode, Comment, NodePath, ObjectNode, ParsedFile, ParseError, Prop, ScalarNode, Span, StringNode, ValueNode } from '../model';
import { childPath } from '../model';
import { lineOf } from '../text';
import { binaryError, ConversionGuard, LimitReached, unread } from './guards';
import { hclLayoutErrors } from './hcl-layout';
import { closerOf, templateOfUnclosedQuote, topBlockStarts, unclosedBlockComment, unclosedBracket, unclosedHeredoc, unclosedQuoteBefore, textMistakes, type TextMistake } from './hcl-strings';

/** What the engine needs of a tree-sitter parser set to the HCL grammar. */
export interface HclParser {
  /** The syntax tree of `text`; the caller deletes it. Null when parsing was cancelled. */
  parse(text: string): Tree | null;
}

/**
 * A named node of the syntax tree, copied out of tree-sitter's WebAssembly memory in one cursor walk: reading
 * the tree through tree-sitter's Node objects costs several calls into WebAssembly per node and property, which
 * made converting a file cost as much again as parsing it.
 */
interface SyntaxNode {
  readonly type: string;
  /** UTF-16 offsets into the text (web-tree-sitter indexes a JavaScript string in code units). */
  startIndex: number;
  endIndex: number;
  /** The named children only (punctuation is not needed: its place is in the named nodes' spans). */
  readonly children: SyntaxNode[];
}

/** The tree's named nodes as plain objects, and its error and missing nodes. */
interface Snapshot {
  readonly root: SyntaxNode;
  readonly errors: { node: SyntaxNode; missing: boolean }[];
}

/**
 * Nodes whose children the reader never looks at: their value comes from their text (strings, numbers, comments),
 * or they are unknown whatever they hold (references, calls, `for`, conditionals, operations).
 */
const READ_FROM_TEXT: ReadonlySet<string> = new Set([
  'block_start',
  'block_end',
  'tuple_start',
  'tuple_end',
  'object_start',
  'object_end',
  'string_lit',
  'quoted_template',
  'heredoc_template',
  'numeric_lit',
  'bool_lit',
  'null_lit',
  'comment',
  'identifier',
  'variable_expr',
  'get_attr',
  'index',
  'splat',
  'function_call',
  'for_expr',
  'conditional',
  'operation',
]);

/** ERROR's type id: not in the grammar's table of types, and named. */
const ERROR_TYPE_ID = 0xffff;

/** Which type ids are named, and their names, asked of the grammar once per type rather than once per node. */
class NodeTypes {
  private readonly names = new Map<number, string>();
  private readonly named = new Map<number, boolean>();

  constructor(private readonly tree: Tree) {}

  name(id: number, cursor: TreeCursor): string {
    let type = this.names.get(id);
    if (type === undefined) this.names.set(id, (type = cursor.nodeType));
    return type;
  }

  isNamed(id: number): boolean {
    let isNamed = this.named.get(id);
    if (isNamed === undefined) this.named.set(id, (isNamed = id === ERROR_TYPE_ID || this.tree.language.nodeTypeIsNamed(id)));
    return isNamed;
  }
}

/**
 * The plain copy: every named node's type and both offsets asked of tree-sitter, every node of a file with
 * errors walked (to find its error and missing nodes). The fast copy (fastSnapshot) must give the same nodes.
 */
function plainSnapshot(tree: Tree): Snapshot {
  const cursor = tree.walk();
  const checkErrors = tree.rootNode.hasError;
  const errors: { node: SyntaxNode; missing: boolean }[] = [];
  const types = new NodeTypes(tree);
  const make = (at: TreeCursor, id: number): SyntaxNode => {
    const type = types.name(id, at);
    const node = { type, startIndex: at.startIndex, endIndex: at.endIndex, children: [] };
    if (checkErrors && (type === 'ERROR' || at.nodeIsMissing)) errors.push({ node, missing: type !== 'ERROR' });
    return node;
  };
  try {
    const root = make(cursor, cursor.nodeTypeId);
    // Iterative, so no input can exhaust the stack; `parents` holds the named ancestors of the cursor's node.
    const parents: SyntaxNode[] = [];
    let current: SyntaxNode | undefined = root;
    for (;;) {
      // Without errors, the insides of leaves read from the text (strings, references, calls) are not walked.
      const leaf = !checkErrors && current !== undefined && READ_FROM_TEXT.has(current.type);
      if (!leaf && cursor.gotoFirstChild()) {
        parents.push(current ?? parents[parents.length - 1]!);
      } else {
        let moved = cursor.gotoNextSibling();
        while (!moved) {
          if (!cursor.gotoParent()) return { root, errors };
          parents.pop();
          moved = cursor.gotoNextSibling();
        }
      }
      // An anonymous node (punctuation, keywords) is walked but not copied; a missing one is still an error.
      const id = cursor.nodeTypeId;
      if (types.isNamed(id)) {
        current = make(cursor, id);
        parents[parents.length - 1]!.children.push(current);
      } else {
        current = undefined;
        if (checkErrors && cursor.nodeIsMissing) errors.push({ node: { type: cursor.nodeType, startIndex: cursor.startIndex, endIndex: cursor.endIndex, children: [] }, missing: true });
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Unknown offset of a node whose span is taken from its children once they are walked. */
const PENDING = -1;

/**
 * The only child of a `literal_value` or `template_expr`, told by the first character of its text: the grammar
 * allows one child there, so the wrapper has the child's span. Undefined for anything else (then it is walked).
 */
function onlyChildType(wrapper: string, first: number): string | undefined {
  if (wrapper === 'literal_value') {
    if (first === 0x22) return 'string_lit'; // "
    if (first >= 0x30 && first <= 0x39) return 'numeric_lit';
    if (first === 0x74 || first === 0x66) return 'bool_lit'; // t, f
    if (first === 0x6e) return 'null_lit'; // n
    return undefined;
  }
  if (first === 0x22) return 'quoted_template';
  if (first === 0x3c) return 'heredoc_template'; // <
  return undefined;
}

/**
 * The same copy as plainSnapshot for a tree without errors, with a fifth of the calls into WebAssembly (each
 * call copies the cursor in and out of its memory): a node with children takes its start from its first child
 * and its end from its last (tree-sitter's spans nest exactly so), so only leaves are asked for offsets; a
 * literal's or template's wrapper is not entered, its one child's type read from the first character; a simple
 * attribute (simpleAttribute) and a block's simple header (blockHeader) are built from their text.
 * A tree with errors is copied by plainSnapshot (it must walk every node to find them). `tree` is of `text`, or,
 * with `base`, of the part of `text` from `base` on (offsets are then moved by `base`; such a part has no errors).
 */
function fastSnapshot(tree: Tree, text: string, base = 0): Snapshot {
  const root = tree.rootNode;
  if (root.hasError) {
    if (base !== 0) throw new Error('a part of a file with errors is not copied alone');
    return plainSnapshot(tree);
  }
  const cursor = tree.walk();
  const types = new NodeTypes(tree);
  try {
    const top: SyntaxNode = { type: types.name(cursor.nodeTypeId, cursor), startIndex: root.startIndex + base, endIndex: root.endIndex + base, children: [] };
    // The named ancestors of the cursor's node; anonymous nodes are never entered, so the cursor's depth is theirs.
    const parents: SyntaxNode[] = [top];
    /** The end of the node the cursor was last on, once known (NaN for punctuation, whose end is not asked). */
    let lastEnd = Number.NaN;
    if (!cursor.gotoFirstChild()) return { root: top, errors: [] };
    let firstChild = true;
    let header: SyntaxNode[] | undefined;
    for (;;) {
      const id = cursor.nodeTypeId;
      let enteredChildren = false;
      if (types.isNamed(id)) {
        const type = types.name(id, cursor);
        const parent = parents[parents.length - 1]!;
        if (READ_FROM_TEXT.has(type)) {
          const node: SyntaxNode = { type, startIndex: cursor.startIndex + base, endIndex: cursor.endIndex + base, children: [] };
          parent.children.push(node);
          settleStarts(parents, node.startIndex);
          lastEnd = node.endIndex;
        } else if (type === 'attribute') {
          const start = cursor.startIndex + base;
          const end = cursor.endIndex + base;
          const simple = simpleAttribute(text, start, end);
          if (simple) {
            parent.children.push(simple);
            settleStarts(parents, start);
            lastEnd = end;
          } else {
            enteredChildren = enter(cursor, parents, parent, type, start, end);
            if (!enteredChildren) lastEnd = end;
          }
        } else if (type === 'literal_value' || type === 'template_expr') {
          const start = cursor.startIndex + base;
          const end = cursor.endIndex + base;
          const childType = onlyChildType(type, text.charCodeAt(start));
          if (childType !== undefined) {
            parent.children.push({ type, startIndex: start, endIndex: end, children: [{ type: childType, startIndex: start, endIndex: end, children: [] }] });
            settleStarts(parents, start);
            lastEnd = end;
          } else {
            enteredChildren = enter(cursor, parents, parent, type, start, end);
            if (!enteredChildren) lastEnd = end;
          }
        } else if (type === 'block' && (header = blockHeader(text, cursor.startIndex + base)) !== undefined && cursor.gotoFirstChild()) {
          // The header's nodes are known from its text: the cursor only steps over them, to the node after `{`.
          const node: SyntaxNode = { type, startIndex: header[0]!.startIndex, endIndex: PENDING, children: header };
          parent.children.push(node);
          settleStarts(parents, node.startIndex);
          parents.push(node);
          for (let i = 1; i < header.length; i++) cursor.gotoNextSibling();
          lastEnd = header[header.length - 1]!.endIndex;
        } else if (cursor.gotoFirstChild()) {
          const node: SyntaxNode = { type, startIndex: PENDING, endIndex: PENDING, children: [] };
          parent.children.push(node);
          parents.push(node);
          enteredChildren = true;
        } else {
          // A named node without children (an empty body, a missing value): a leaf, its offsets asked.
          const node: SyntaxNode = { type, startIndex: cursor.startIndex + base, endIndex: cursor.endIndex + base, children: [] };
          parent.children.push(node);
          settleStarts(parents, node.startIndex);
          lastEnd = node.endIndex;
        }
      } else {
        // Punctuation: only its start, when it opens its parent (`(`, `=`...), and its end when it closes it.
        if (firstChild && parents[parents.length - 1]!.startIndex === PENDING) settleStarts(parents, cursor.startIndex + base);
        lastEnd = Number.NaN;
      }
      if (enteredChildren) {
        firstChild = true;
        continue;
      }
      firstChild = false;
      while (!cursor.gotoNextSibling()) {
        // The cursor is on its parent's last child: the parent ends where it ends.
        const closed = parents.pop()!;
        if (closed === top) return { root: top, errors: [] };
        closed.endIndex = Number.isNaN(lastEnd) ? cursor.endIndex + base : lastEnd;
        lastEnd = closed.endIndex;
        cursor.gotoParent();
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * Whole values that the grammar reads one way only (each from where the value starts, sticky): a string without
 * escapes, `$`, `%` or line breaks; a decimal number; a reference `a.b.c` to names of ASCII letters, digits and
 * `_` (not starting with a keyword). `true`, `false` and `null` are compared as they are.
 */
const SIMPLE_STRING = /"[^"\\$%\r\n]*"/y;
const SIMPLE_NUMBER = /[0-9]+(?:\.[0-9]+(?:[eE][-+]?[0-9]+)?)?/y;
const SIMPLE_REFERENCE = /(?!(?:true|false|null|for|in|if)(?![A-Za-z0-9_]))[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;

/** Whether `pattern` matches `text` from `start` to exactly `end`. */
function matchesExactly(pattern: RegExp, text: string, start: number, end: number): boolean {
  pattern.lastIndex = start;
  return pattern.test(text) && pattern.lastIndex === end;
}

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

function isNamePart(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39);
}

/**
 * The nodes tree-sitter makes of a simple attribute spanning `start`..`end` of `text`, built from its text
 * without walking it; undefined for any other attribute (it is walked: the tree decides, never these patterns).
 * Simple is `name = value` with an ASCII name, spaces or tabs around `=`, and a value of one of the forms of
 * SIMPLE_STRING, SIMPLE_NUMBER, SIMPLE_REFERENCE, `true`, `false`, `null`, or a tuple `[...]` holding only such
 * strings, commas and comments. The grammar leaves one tree for these forms: `attribute(identifier,
 * expression(...))` holding `literal_value(string_lit | bool_lit | null_lit | numeric_lit)`, `variable_expr,
 * get_attr...`, or `collection_value(tuple(tuple_start, expression(literal_value(string_lit)) | comment...,
 * tuple_end))`; a comment between one-token items is a child of the tuple, as tree-sitter keeps extras out of
 * a node's edges. The tree has no errors here, so the text is known to be valid HCL.
 */
function simpleAttribute(text: string, start: number, end: number): SyntaxNode | undefined {
  let at = start;
  if (!isNameStart(text.charCodeAt(at))) return undefined;
  do at++;
  while (at < end && (isNamePart(text.charCodeAt(at)) || text.charCodeAt(at) === 0x2d));
  const nameEnd = at;
  while (text.charCodeAt(at) === 0x20 || text.charCodeAt(at) === 0x09) at++;
  if (text.charCodeAt(at) !== 0x3d) return undefined;
  do at++;
  while (text.charCodeAt(at) === 0x20 || text.charCodeAt(at) === 0x09);
  const valueStart = at;
  const first = text.charCodeAt(valueStart);
  let values: SyntaxNode[];
  if (first === 0x5b) {
    const tuple = simpleTuple(text, valueStart, end);
    if (!tuple) return undefined;
    values = [{ type: 'collection_value', startIndex: valueStart, endIndex: end, children: [tuple] }];
  } else if (first === 0x22) {
    if (!matchesExactly(SIMPLE_STRING, text, valueStart, end)) return undefined;
    values = [literalValue('string_lit', valueStart, end)];
  } else if (first >= 0x30 && first <= 0x39) {
    if (!matchesExactly(SIMPLE_NUMBER, text, valueStart, end)) return undefined;
    values = [literalValue('numeric_lit', valueStart, end)];
  } else {
    const word = end - valueStart <= 5 ? text.slice(valueStart, end) : '';
    if (word === 'true' || word === 'false') values = [literalValue('bool_lit', valueStart, end)];
    else if (word === 'null') values = [literalValue('null_lit', valueStart, end)];
    else if (matchesExactly(SIMPLE_REFERENCE, text, valueStart, end)) values = referenceNodes(text, valueStart, end);
    else return undefined;
  }
  const name: SyntaxNode = { type: 'identifier', startIndex: start, endIndex: nameEnd, children: [] };
  return { type: 'attribute', startIndex: start, endIndex: end, children: [name, { type: 'expression', startIndex: valueStart, endIndex: end, children: values }] };
}

/** `variable_expr` and one `get_attr` per `.name` of a reference matched by SIMPLE_REFERENCE. */
function referenceNodes(text: string, start: number, end: number): SyntaxNode[] {
  let dot = text.indexOf('.', start);
  if (dot < 0 || dot > end) dot = end;
  const nodes: SyntaxNode[] = [{ type: 'variable_expr', startIndex: start, endIndex: dot, children: [] }];
  while (dot < end) {
    let next = text.indexOf('.', dot + 1);
    if (next < 0 || next > end) next = end;
    nodes.push({ type: 'get_attr', startIndex: dot, endIndex: next, children: [] });
    dot = next;
  }
  return nodes;
}

function literalValue(type: string, start: number, end: number): SyntaxNode {
  return { type: 'literal_value', startIndex: start, endIndex: end, children: [{ type, startIndex: start, endIndex: end, children: [] }] };
}

/**
 * The `tuple` node of `[...]` spanning `start`..`end`, when it holds only strings as in SIMPLE_VALUE, commas
 * (one between items, one optional after the last), whitespace and comments; undefined otherwise.
 */
function simpleTuple(text: string, start: number, end: number): SyntaxNode | undefined {
  const children: SyntaxNode[] = [{ type: 'tuple_start', startIndex: start, endIndex: start + 1, children: [] }];
  let at = start + 1;
  /** Whether the last item has had no comma after it yet. */
  let open = false;
  while (at < end) {
    const c = text.charCodeAt(at);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      at++;
    } else if (c === 0x23 || (c === 0x2f && text.charCodeAt(at + 1) === 0x2f)) {
      // `#` and `//` comments run to the line feed (a CR before it is theirs, as in the grammar's `.*`).
      const lineEnd = text.indexOf('\n', at);
      const commentEnd = lineEnd < 0 || lineEnd > end ? end : lineEnd;
      children.push({ type: 'comment', startIndex: at, endIndex: commentEnd, children: [] });
      at = commentEnd;
    } else if (c === 0x2f && text.charCodeAt(at + 1) === 0x2a) {
      const close = text.indexOf('*/', at + 2);
      if (close < 0 || close + 2 > end) return undefined;
      children.push({ type: 'comment', startIndex: at, endIndex: close + 2, children: [] });
      at = close + 2;
    } else if (c === 0x22) {
      if (open) return undefined;
      SIMPLE_STRING.lastIndex = at;
      if (!SIMPLE_STRING.test(text)) return undefined;
      const stringEnd = SIMPLE_STRING.lastIndex;
      if (stringEnd > end) return undefined;
      children.push({ type: 'expression', startIndex: at, endIndex: stringEnd, children: [literalValue('string_lit', at, stringEnd)] });
      at = stringEnd;
      open = true;
    } else if (c === 0x2c) {
      if (!open) return undefined;
      open = false;
      at++;
    } else if (c === 0x5d && at === end - 1) {
      children.push({ type: 'tuple_end', startIndex: at, endIndex: end, children: [] });
      return { type: 'tuple', startIndex: start, endIndex: end, children };
    } else {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The nodes of a block's header starting at `start`, when it is a type and labels (ASCII names, or strings as
 * SIMPLE_STRING) separated by spaces or tabs only, then `{`: `identifier`, `string_lit` or `identifier` per
 * label, `block_start`. Undefined for any other header (with a comment or a line break in it, say): it is walked.
 */
function blockHeader(text: string, start: number): SyntaxNode[] | undefined {
  const nodes: SyntaxNode[] = [];
  let at = start;
  for (;;) {
    const c = text.charCodeAt(at);
    if (c === 0x7b) {
      if (nodes.length === 0) return undefined;
      nodes.push({ type: 'block_start', startIndex: at, endIndex: at + 1, children: [] });
      return nodes;
    }
    if (nodes.length > 0) {
      // A space or tab before each label and before `{` (a label may touch `{` only after a string).
      const separated = c === 0x20 || c === 0x09;
      while (text.charCodeAt(at) === 0x20 || text.charCodeAt(at) === 0x09) at++;
      if (text.charCodeAt(at) === 0x7b) continue;
      if (!separated) return undefined;
    }
    const first = text.charCodeAt(at);
    if (first === 0x22) {
      if (nodes.length === 0) return undefined;
      SIMPLE_STRING.lastIndex = at;
      if (!SIMPLE_STRING.test(text)) return undefined;
      nodes.push({ type: 'string_lit', startIndex: at, endIndex: SIMPLE_STRING.lastIndex, children: [] });
      at = SIMPLE_STRING.lastIndex;
    } else if (isNameStart(first)) {
      const nameStart = at;
      do at++;
      while (isNamePart(text.charCodeAt(at)) || text.charCodeAt(at) === 0x2d);
      nodes.push({ type: 'identifier', startIndex: nameStart, endIndex: at, children: [] });
    } else {
      return undefined;
    }
  }
}

/** Walks into a wrapper whose only child is not told by its first character (offsets already asked). */
function enter(cursor: TreeCursor, parents: SyntaxNode[], parent: SyntaxNode, type: string, start: number, end: number): boolean {
  const node: SyntaxNode = { type, startIndex: start, endIndex: end, children: [] };
  parent.children.push(node);
  settleStarts(parents, start);
  if (!cursor.gotoFirstChild()) return false;
  parents.push(node);
  return true;
}

/** Gives `start` to the innermost ancestors still waiting for theirs: those whose first leaf this is. */
function settleStarts(parents: readonly SyntaxNode[], start: number): void {
  for (let i = parents.length - 1; i >= 0 && parents[i]!.startIndex === PENDING; i--) parents[i]!.startIndex = start;
}

/**
 * The syntax tree's named nodes, through the fast copy or the plain one. Exported for the test that checks the
 * fast copy against the plain one on every `.tf` file of the tests and on generated modules.
 */
export function hclSyntax(text: string, plain = false): { readonly root: unknown; readonly errors: unknown } | undefined {
  const tree = installed?.parse(text);
  if (!tree) return undefined;
  try {
    return plain ? plainSnapshot(tree) : fastSnapshot(tree, text);
  } finally {
    tree.delete();
  }
}

let installed: HclParser | undefined;

/** Hands the engine a ready HCL parser (loaded once per process by server/src/workspace/tree-sitter.ts). */
export function useHclParser(parser: HclParser): void {
  installed = parser;
}

/** Why the HCL parser could not be loaded in this process, once a load failed (then `.tf` files say so). */
let unavailable: string | undefined;

/** Whether an HCL parser has been handed in; until then `.tf` files get one parse error saying so. */
export function hclParserReady(): boolean {
  return installed !== undefined;
}

/**
 * Records that loading the HCL parser failed (`reason`: what is missing, one line). From then on `.tf` files are
 * read as one parse error giving the reason, never as files without findings.
 */
export function markHclParserUnavailable(reason: string): void {
  unavailable = reason;
}

/** Whether loading the HCL parser has come to an end in this process: it is ready, or it failed. */
export function hclParserSettled(): boolean {
  return installed !== undefined || unavailable !== undefined;
}

/** The message of the one parse error a `.tf` file gets when no HCL parser was handed in. */
const HCL_NOT_LOADED = 'Not checked: the Terraform HCL reader (tree-sitter) is not loaded.';

/**
 * Files longer than twice this (UTF-16 code units) are parsed in parts of about this size. tree-sitter parses a
 * 1.3 MB module in about twice the CPU time and memory it takes for the same text in parts of 16 KB (a large
 * tree's memory is grown and copied as it is built), and freeing many small trees costs nothing to wait for.
 */
const PART_SIZE = 16_384;

/** Where a part may end: before a line that starts with a letter or `_`, as a top-level block or attribute does. */
const PART_CUT = /\n(?=[A-Za-z_])/g;

/**
 * The model of `text` read part by part, each part the whole lines from one cut (PART_CUT) to the first cut at
 * least `partSize` code units further, and read into the model as soon as it is parsed (so its syntax nodes die
 * young: copied nodes of a whole file live long enough to be promoted, which cost a quarter of a large module's
 * CPU in garbage collection). Undefined when a part does not parse without errors, and the file is then parsed
 * whole (so errors are found and placed as in any file). A part without errors ends between two top-level items: a
 * cut inside a block, a bracket, a string, a heredoc or a comment leaves the part before it open, an error; and HCL
 * has no expression an identifier on the next line continues. So the parts' items are the file's items, read in the
 * same order. Their comments, which tree-sitter may put beside a part's body rather than in it, are read alike.
 */
function readInParts(parser: HclParser, text: string, partSize: number): ParsedFile | undefined {
  const reader = new HclReader(text);
  const file = reader.newFile();
  let start = 0;
  try {
    while (start < text.length) {
      PART_CUT.lastIndex = start + partSize;
      const cut = PART_CUT.exec(text);
      const end = cut ? cut.index + 1 : text.length;
      const tree = parser.parse(text.slice(start, end));
      if (!tree) return undefined;
      try {
        if (tree.rootNode.hasError) return undefined;
        const root = fastSnapshot(tree, text, start).root;
        reader.errors.push(...hclLayoutErrors(text, root));
        reader.readPart(root, file);
      } finally {
        tree.delete();
      }
      start = end;
    }
  } catch (error) {
    if (error instanceof LimitReached) return unread('hcl', text, error.parseError);
    throw error;
  }
  return reader.parsedFile(file);
}

/**
 * Parses HCL into the model; binary text, nesting deeper than the limit and a missing parser give one error.
 * `partSize` (code units) is for the tests that check a file read in parts reads as when parsed whole (Infinity).
 */
export function parseHcl(text: string, partSize = PART_SIZE): ParsedFile {
  const binary = binaryError(text, 'hcl');
  if (binary) return unread('hcl', text, binary);
  // The reason first: a message is cut at 120 characters, and the reason names the missing file.
  if (!installed) return unread('hcl', text, { message: unavailable ? `Not checked: ${unavailable}` : HCL_NOT_LOADED, span: { start: 0, end: 0 } });
  const inParts = text.length > 2 * partSize ? readInParts(installed, text, partSize) : undefined;
  if (inParts) return inParts;
  const tree = installed.parse(text);
  if (!tree) return unread('hcl', text, { message: 'HCL syntax error: the file could not be read.', span: { start: 0, end: 0 } });
  try {
    const blocks = tree.rootNode.hasError ? readBlockByBlock(installed, text) : undefined;
    return blocks ?? readSnapshots(text, [{ from: 0, to: text.length, snapshot: fastSnapshot(tree, text) }]);
  } finally {
    retire(tree);
  }
}

/** The syntax of the part of a file from `from` to `to`, its offsets into the whole file. */
interface Segment {
  readonly from: number;
  readonly to: number;
  readonly snapshot: Snapshot;
  /**
   * The mistakes the text shows (parse/hcl-strings.ts textMistakes) that are the segment's only ones (it parses
   * without error once they are mended): they are reported, and tree-sitter's errors are their cascade.
   */
  readonly mistakes?: readonly ParseError[];
  /**
   * The segment has mistakes besides `mistakes`: its errors are those of its text with `mistakes` mended, each
   * reported as addErrors tells it.
   */
  readonly otherErrors?: true;
}

/** The model of `text` read from the syntax trees of its segments, in order (errors placed within their segment). */
function readSnapshots(text: string, segments: readonly Segment[]): ParsedFile {
  const reader = new HclReader(text);
  try {
    const file = reader.newFile();
    for (const segment of segments) {
      const { from, to, snapshot } = segment;
      if (segment.mistakes && !segment.otherErrors) reader.addMistakes(segment.mistakes, snapshot.errors);
      else if (segment.mistakes) {
        reader.errors.push(...segment.mistakes);
        reader.addErrors(snapshot.errors, from, to);
      } else if (snapshot.errors.length > 0) reader.addErrors(snapshot.errors, from, to);
      else reader.errors.push(...hclLayoutErrors(text, snapshot.root));
      reader.readPart(snapshot.root, file);
    }
    return reader.parsedFile(file);
  } catch (error) {
    if (error instanceof LimitReached) return unread('hcl', text, error.parseError);
    throw error;
  }
}

/**
 * A file with a syntax error, read top-level block by block (where they start: topBlockStarts), so that the error
 * costs only the block it is in. tree-sitter's recovery over the whole file may read an open string on to the end
 * of the file, or make the blocks after a bracket left open its content; each block parsed on its own is read as
 * Terraform reads it (a quoted string ends with its line). Consecutive blocks with errors that parse cleanly
 * together are read together (a nested block whose header starts its line, in a file `terraform fmt` never laid
 * out). Undefined when parsing was cancelled: the file is then read whole.
 */
function readBlockByBlock(parser: HclParser, text: string): ParsedFile | undefined {
  const starts = topBlockStarts(text).filter((at) => at > 0);
  const bounds = [0, ...starts, text.length];
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const segment = parseSegment(parser, text, bounds[i]!, bounds[i + 1]!);
    if (!segment) return undefined;
    const last = segments[segments.length - 1];
    if (last && last.snapshot.errors.length > 0 && segment.snapshot.errors.length > 0) {
      const joined = parseSegment(parser, text, last.from, segment.to);
      if (!joined) return undefined;
      if (joined.snapshot.errors.length === 0) {
        segments[segments.length - 1] = joined;
        continue;
      }
    }
    segments.push(segment);
  }
  return readSnapshots(text, segments);
}

/** At most this many strings left open are blanked out of one block (each is looked for from the text's start). */
const MAX_OPEN_QUOTES = 16;

/** `source` with the quote of each string its line leaves open replaced by a space (offsets unchanged). */
function blankOpenQuotes(source: string): string {
  let mended = source;
  for (let i = 0; i < MAX_OPEN_QUOTES; i++) {
    const quote = unclosedQuoteBefore(mended, mended.length);
    if (quote === undefined) break;
    mended = `${mended.slice(0, quote)} ${mended.slice(quote + 1)}`;
  }
  return mended;
}

/** The syntax of `text` from `from` to `to`, parsed alone; undefined when parsing was cancelled. */
function parseSegment(parser: HclParser, text: string, from: number, to: number): Segment | undefined {
  const source = text.slice(from, to);
  const tree = parser.parse(source);
  if (!tree) return undefined;
  try {
    if (!tree.rootNode.hasError) return { from, to, snapshot: fastSnapshot(tree, text, from) };
    let found = plainSnapshot(tree);
    const withMistakes = withTextMistakesMended(parser, text, from, to, found);
    if (withMistakes && 'snapshot' in withMistakes) return withMistakes;
    // Other mistakes besides those the text shows: the errors left once those are mended are told as any are.
    let errorSource = source;
    if (withMistakes) {
      const mendedTree = parser.parse(withMistakes.mended);
      if (!mendedTree) return undefined;
      try {
        found = plainSnapshot(mendedTree);
      } finally {
        mendedTree.delete();
      }
      errorSource = withMistakes.mended;
    }
    // A string left open ends with its line, as Terraform reads it, but tree-sitter reads on to the next quote and
    // leaves no block to read. Its values are read from the text with each such quote blanked out (`["a", "]` as
    // `["a",  ]`), so the block is known (to completion, to hover), while it keeps the errors found as written.
    const mended = blankOpenQuotes(errorSource);
    const mendedTree = mended === errorSource ? undefined : parser.parse(mended);
    let root = found.root;
    if (mendedTree) {
      try {
        root = plainSnapshot(mendedTree).root;
      } finally {
        mendedTree.delete();
      }
    }
    const snapshot: Snapshot = { root, errors: found.errors };
    const moved = new Set<SyntaxNode>();
    // Iterative, as the copy is: no input can exhaust the stack.
    const stack = [snapshot.root];
    for (let node = stack.pop(); node; node = stack.pop()) {
      node.startIndex += from;
      node.endIndex += from;
      moved.add(node);
      for (const child of node.children) stack.push(child);
    }
    // A missing punctuation node (and every error node, once the tree read is the mended one) is not in the tree
    // read: its copy is moved on its own.
    const errorStack = snapshot.errors.map(({ node }) => node);
    for (let node = errorStack.pop(); node; node = errorStack.pop()) {
      if (moved.has(node)) continue;
      node.startIndex += from;
      node.endIndex += from;
      moved.add(node);
      for (const child of node.children) errorStack.push(child);
    }
    return { from, to, snapshot, ...(withMistakes ? { mistakes: withMistakes.mistakes, otherErrors: true as const } : {}) };
  } finally {
    tree.delete();
  }
}

/**
 * The segment read with the mistakes its text shows mended (textMistakes: a comma or `;` between arguments, `:` for
 * `=`, an argument without a value, two list items without a comma), when they are what tree-sitter fails on: the
 * segment parses without error once they are mended. tree-sitter's recovery names a piece of the text around them
 * (`unexpected '"spa"; grant_types ='`, `unexpected ': "A"'`, an item at its first one); HCL's mistake is the
 * character at fault, so that is what is reported, once per mistake (Segment.mistakes). Undefined when the segment
 * has no such mistake; its mended text and their errors when it has another mistake too (whose errors are then
 * told from the mended text's, addErrors). Each is a mistake wherever it stands, so it is reported either way.
 */
function withTextMistakesMended(parser: HclParser, text: string, from: number, to: number, found: Snapshot): Segment | { readonly mended: string; readonly mistakes: readonly ParseError[] } | undefined {
  const source = text.slice(from, to);
  let mistakes = textMistakes(source);
  if (mistakes.length === 0) return undefined;
  const mend = (): string => mistakes.reduce((mended, { mendAt, mend }) => `${mended.slice(0, mendAt)}${mend}${mended.slice(mendAt + mend.length)}`, source);
  let mended = mend();
  let tree = parser.parse(mended);
  if (!tree) return undefined;
  if (tree.rootNode.hasError) {
    // Another mistake: the text after it (or after a string left open) is no longer read as it is meant (a bracket
    // or a string left open shifts what is code and what is a list), so only the mistakes before it are told.
    const errors = plainSnapshot(tree).errors;
    const firstError = errors.reduce((first, { node }) => Math.min(first, node.startIndex), source.length);
    const before = Math.min(firstError, unclosedQuoteBefore(source, source.length) ?? source.length);
    const kept = mistakes.filter((mistake) => mistake.start < before && mistake.mendAt < before);
    if (kept.length === 0) {
      tree.delete();
      return undefined;
    }
    if (kept.length < mistakes.length) {
      mistakes = kept;
      mended = mend();
      tree.delete();
      tree = parser.parse(mended);
      if (!tree) return undefined;
    }
  }
  try {
    const clean = !tree.rootNode.hasError;
    // Offsets in the segment (a tree with errors is copied as it is).
    const root = clean ? fastSnapshot(tree, source).root : plainSnapshot(tree).root;
    const attributes: SyntaxNode[] = [];
    const stack = [root];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (node.type === 'attribute') attributes.push(node);
      else stack.push(...node.children);
    }
    const reported = mistakes.map((mistake): ParseError => {
      let after = mistake.after;
      if (mistake.kind === 'argument-comma') {
        // The argument the comma follows: the one that ends last before it, with only blanks between.
        const at = mistake.start;
        const before = attributes.filter((a) => a.endIndex <= at && /^[ \t]*$/.test(source.slice(a.endIndex, at))).pop();
        const name = before?.children[0];
        after = name?.type === 'identifier' ? source.slice(name.startIndex, name.endIndex) : undefined;
      }
      return { message: mistakeMessage({ ...mistake, ...(after === undefined ? {} : { after }) }), span: { start: mistake.start + from, end: mistake.end + from }, cause: true };
    });
    if (!clean) return { mended, mistakes: reported };
    // tree-sitter's errors stay (the segment holds an error), their offsets moved into the file.
    const errors = found.errors.map(({ node, missing }) => ({ node: { ...node, startIndex: node.startIndex + from, endIndex: node.endIndex + from }, missing }));
    return { from, to, snapshot: { root: fastSnapshot(tree, text, from).root, errors }, mistakes: reported };
  } finally {
    tree.delete();
  }
}

/** The longest name or item a message about a mistake quotes whole (it is under the squiggle already). */
const MAX_QUOTED = 40;

/** A name or item as a message quotes it, clipped to MAX_QUOTED. */
function quoted(name: string): string {
  return `'${name.length > MAX_QUOTED ? `${name.slice(0, MAX_QUOTED - 1)}…` : name}'`;
}

/** A mistake's message, in HCL's terms, saying what to write instead. */
function mistakeMessage(mistake: TextMistake): string {
  const { after, next } = mistake;
  switch (mistake.kind) {
    case 'argument-comma':
      return `HCL syntax error: HCL separates arguments with new lines, not commas${after ? `: remove the ',' after ${quoted(after)}` : ''}`;
    case 'semicolon':
      if (mistake.inList) return "HCL syntax error: ';' is not allowed in HCL: separate items with ','";
      if (next) return `HCL syntax error: ';' is not allowed in HCL: put ${quoted(next)} on its own line`;
      return `HCL syntax error: ';' is not allowed in HCL: remove it${after ? ` after ${quoted(after)}` : ''}`;
    case 'colon':
      return `HCL syntax error: use '=' to set an argument, not ':' (${quoted(after ?? '')})`;
    case 'no-value':
      return `HCL syntax error: ${quoted(after ?? '')} has no value yet: write it after '=' on the same line`;
    case 'item-separator':
      return `HCL syntax error: separate list items with ',': add one after ${quoted(after ?? '')}`;
  }
}

/** A syntax tree read into the model, to be freed: at most one waits, so a loop of parses holds one tree more. */
let retired: { delete(): void } | undefined;

/**
 * Frees a tree once the current task is over (or when the next tree is retired, whichever comes first). Freeing a
 * large tree walks all of its nodes in WebAssembly (a tenth of its parse); an editor's diagnostics need not wait.
 */
function retire(tree: { delete(): void }): void {
  const waiting = retired;
  retired = tree;
  if (waiting) waiting.delete();
  else
    queueMicrotask(() => {
      retired?.delete();
      retired = undefined;
    });
}

/** An object being built: its props may still grow (blocks of one type merge), its end may still move. */
interface Building {
  readonly kind: 'object';
  readonly path: NodePath;
  start: number;
  end: number;
  readonly flow: boolean;
  readonly props: Prop[];
}

/** Objects with more props than this find a key through a map rather than by scanning. */
const SCAN_LIMIT = 16;

/** A zero-width key for the objects that group blocks by type and label: no text of their own, never a fix target. */
const NO_KEY: Span = Object.freeze({ start: 0, end: 0 });

class HclReader {
  readonly errors: ParseError[] = [];
  readonly comments: Comment[] = [];
  /** `grantlint-disable...` comments after code on their line (ParsedFile.strayDirectives). */
  readonly strayDirectives: Comment[] = [];
  private readonly guard = new ConversionGuard();

  /** The keys of objects with many props (a group may hold thousands of resources) and their last props. */
  private readonly keys = new Map<Building, Map<string, Prop>>();

  private ownProp(object: Building, key: string): Prop | undefined {
    const props = object.props;
    if (props.length <= SCAN_LIMIT) {
      for (let i = props.length - 1; i >= 0; i--) if (props[i]!.key === key) return props[i];
      return undefined;
    }
    let keys = this.keys.get(object);
    if (!keys) this.keys.set(object, (keys = new Map(props.map((p) => [p.key, p]))));
    return keys.get(key);
  }

  private addProp(object: Building, prop: Prop): void {
    object.props.push(prop);
    this.keys.get(object)?.set(prop.key, prop);
  }

  private readonly commentAdder = (node: SyntaxNode): void => this.addComment(node);

  constructor(private readonly text: string) {}

  /** The file's top-level object, which readPart fills. */
  newFile(): Building {
    return { kind: 'object', path: [], start: 0, end: this.text.length, flow: false, props: [] };
  }

  /** Reads the top-level items and comments under `root` (a whole file's tree, or one part's) into `file`. */
  readPart(root: SyntaxNode, file: Building): void {
    for (const child of root.children) {
      if (child.type === 'comment') this.addComment(child);
      else if (child.type === 'body') this.readTopBody(child, file);
    }
  }

  /** The parsed file once every part is read: the model, and the errors, comments and stray directives in order. */
  parsedFile(root: ObjectNode): ParsedFile {
    const byStart = (a: { span: Span }, b: { span: Span }) => a.span.start - b.span.start;
    return {
      format: 'hcl',
      documents: [{ root, span: { start: 0, end: this.text.length } }],
      errors: this.errors.sort(byStart),
      comments: this.comments.sort(byStart),
      ...(this.strayDirectives.length > 0 ? { strayDirectives: this.strayDirectives.sort(byStart) } : {}),
    };
  }

  // ---- blocks ----

  private readTopBody(body: SyntaxNode, file: Building): void {
    for (const child of body.children) {
      if (child.type === 'comment') this.addComment(child);
      else if (child.type === 'attribute') this.addAttribute(file, child);
      else if (child.type === 'block') this.addTopBlock(file, child);
    }
  }

  /** `type "label" "label" { ... }` at the top: the body goes to [type, ...labels], groups made on the way. */
  private addTopBlock(file: Building, block: SyntaxNode): void {
    const parts = blockParts(block, this.commentAdder);
    if (!parts) return;
    const keys = [this.textOf(parts.type), ...parts.labels.map((label) => this.labelText(label))];
    let holder = file;
    for (let i = 0; i < keys.length - 1; i++) holder = this.group(holder, keys[i]!, block);
    const key = keys[keys.length - 1]!;
    const keyNode = parts.labels.length > 0 ? parts.labels[parts.labels.length - 1]! : parts.type;
    const existing = this.ownProp(holder, key);
    if (existing && parts.labels.length === 0 && existing.value.kind === 'object') {
      // `locals {}` and `terraform {}` may be written several times: their attributes merge, as Terraform reads them.
      this.readBody(existing.value as Building, parts.body, parts.open, parts.close);
      return;
    }
    const body = this.newObject(childPath(holder.path, key), parts.open?.startIndex ?? block.startIndex, block.endIndex);
    if (existing) this.errors.push({ message: `HCL: duplicate block '${keys.join('.')}'; the last one counts.`, span: span(keyNode), exact: true });
    this.readBody(body, parts.body, parts.open, parts.close);
    this.addProp(holder, { key, keySpan: span(keyNode), value: body });
    widen(holder, block);
  }

  /** The grouping object under `key` (made when first met), widened to cover `block`. */
  private group(holder: Building, key: string, block: SyntaxNode): Building {
    const existing = this.ownProp(holder, key);
    if (existing?.value.kind === 'object') {
      const group = existing.value as Building;
      widen(group, block);
      return group;
    }
    const group = this.newObject(childPath(holder.path, key), block.startIndex, block.endIndex);
    this.addProp(holder, { key, keySpan: NO_KEY, value: group });
    widen(holder, block);
    return group;
  }

  private newObject(path: NodePath, start: number, end: number, flow = false): Building {
    this.guard.charge(path.length, start);
    return { kind: 'object', path, start, end, flow, props: [] };
  }

  /** A block's body: attributes, nested blocks (repeated ones as a list), comments. */
  private readBody(object: Building, body: SyntaxNode | undefined, open: SyntaxNode | undefined, close: SyntaxNode | undefined): void {
    if (open) object.start = Math.min(object.start, open.startIndex);
    if (close) object.end = Math.max(object.end, close.endIndex);
    if (!body) return;
    this.guard.enter(body.startIndex);
    const children = body.children;
    // Nested blocks by type, to know which repeat (those become lists, as in Terraform JSON).
    const counts = new Map<string, number>();
    for (const child of children) {
      if (child.type !== 'block') continue;
      const parts = blockParts(child);
      if (parts && this.textOf(parts.type) !== 'dynamic') counts.set(this.textOf(parts.type), (counts.get(this.textOf(parts.type)) ?? 0) + 1);
    }
    const lists = new Map<string, { list: ArrayNode & { items: ValueNode[]; end: number } }>();
    for (const child of children) {
      switch (child.type) {
        case 'comment':
          this.addComment(child);
          break;
        case 'attribute':
          this.addAttribute(object, child);
          break;
        case 'block':
          this.addNestedBlock(object, child, counts, lists);
          break;
      }
    }
    this.guard.leave();
  }

  private addNestedBlock(object: Building, block: SyntaxNode, counts: Map<string, number>, lists: Map<string, { list: ArrayNode & { items: ValueNode[]; end: number } }>): void {
    const parts = blockParts(block, this.commentAdder);
    if (!parts) return;
    const type = this.textOf(parts.type);
    if (type === 'dynamic') {
      // `dynamic "refresh_token" { for_each = ... }`: the block it makes is computed, so its value is unknown.
      const label = parts.labels[0];
      if (!label) return;
      const key = this.labelText(label);
      this.addProp(object, { key, keySpan: span(label), value: this.unknown(childPath(object.path, key), block) });
      return;
    }
    if ((counts.get(type) ?? 0) > 1) {
      let entry = lists.get(type);
      if (!entry) {
        const path = childPath(object.path, type);
        this.guard.charge(path.length, block.startIndex);
        const list = { kind: 'array' as const, path, start: block.startIndex, end: block.endIndex, flow: false, items: [] as ValueNode[] };
        entry = { list };
        lists.set(type, entry);
        this.addProp(object, { key: type, keySpan: span(parts.type), value: list });
      }
      const item = this.nestedBody(childPath(entry.list.path, entry.list.items.length), parts);
      entry.list.items.push(item);
      entry.list.end = block.endIndex;
      return;
    }
    this.addProp(object, { key: type, keySpan: span(parts.type), value: this.nestedBody(childPath(object.path, type), parts) });
  }

  /** A nested block's body object; labels (rare in nested blocks) nest as in Terraform JSON. */
  private nestedBody(path: NodePath, parts: BlockParts): ObjectNode {
    const start = parts.open?.startIndex ?? parts.type.startIndex;
    const end = parts.close?.endIndex ?? parts.type.endIndex;
    let at = path;
    const outer = this.newObject(path, start, end);
    let holder = outer;
    for (const label of parts.labels) {
      const key = this.labelText(label);
      at = childPath(at, key);
      const inner = this.newObject(at, start, end);
      this.addProp(holder, { key, keySpan: span(label), value: inner });
      holder = inner;
    }
    this.readBody(holder, parts.body, parts.open, parts.close);
    return outer;
  }

  private addAttribute(object: Building, attribute: SyntaxNode): void {
    const name = attribute.children[0];
    const expression = attribute.children.find((c) => c.type === 'expression');
    if (!name || name.type !== 'identifier' || !expression) return;
    const key = this.textOf(name);
    if (this.ownProp(object, key)) this.errors.push({ message: `HCL: attribute '${key}' is set twice; the last one counts.`, span: span(name), exact: true });
    this.addProp(object, { key, keySpan: span(name), value: this.expression(childPath(object.path, key), expression) });
  }

  // ---- expressions ----

  private expression(path: NodePath, expression: SyntaxNode): ValueNode {
    this.guard.charge(path.length, expression.startIndex);
    // An `expression` node holds one value node, or a value followed by traversals (`a.b[0]`), or an operation.
    const named = expression.children.filter((c) => c.type !== 'comment');
    if (named.length !== 1) return this.unknown(path, expression);
    const value = named[0]!;
    switch (value.type) {
      case 'literal_value':
        return this.literal(path, value);
      case 'collection_value':
        return this.collection(path, value);
      case 'template_expr':
        return this.template(path, value);
      default:
        return this.unknown(path, expression);
    }
  }

  private literal(path: NodePath, literal: SyntaxNode): ValueNode {
    const node = literal.children[0];
    if (!node) return this.unknown(path, literal);
    const start = node.startIndex;
    const end = node.endIndex;
    switch (node.type) {
      case 'string_lit': {
        const value = this.stringValue(node);
        return value === undefined ? this.unknown(path, node) : stringNode(path, start, end, value);
      }
      case 'numeric_lit': {
        const value = Number(this.textOf(node));
        return Number.isNaN(value) ? this.unknown(path, node) : scalar(path, start, end, 'number', value);
      }
      case 'bool_lit':
        return scalar(path, start, end, 'boolean', this.textOf(node) === 'true');
      case 'null_lit':
        return scalar(path, start, end, 'null', null);
      default:
        return this.unknown(path, node);
    }
  }

  private collection(path: NodePath, collection: SyntaxNode): ValueNode {
    const node = collection.children[0];
    if (!node) return this.unknown(path, collection);
    this.guard.enter(node.startIndex);
    try {
      if (node.type === 'tuple') {
        const items: ValueNode[] = [];
        for (const child of node.children) {
          if (child.type === 'expression') items.push(this.expression(childPath(path, items.length), child));
          else if (child.type === 'comment') this.addComment(child);
        }
        const array: ArrayNode = { kind: 'array', path, start: node.startIndex, end: node.endIndex, flow: true, items };
        return array;
      }
      if (node.type === 'object') {
        const props: Prop[] = [];
        for (const child of node.children) {
          if (child.type === 'comment') {
            this.addComment(child);
            continue;
          }
          if (child.type !== 'object_elem') continue;
          const [keyExpression, valueExpression] = child.children.filter((c) => c.type === 'expression');
          const key = keyExpression && this.objectKey(keyExpression);
          // A computed key (`(local.name) = 1`) makes the whole object unknown: any key could be set.
          if (key === undefined || !valueExpression) return this.unknown(path, node);
          props.push({ key, keySpan: span(keyExpression), value: this.expression(childPath(path, key), valueExpression) });
        }
        const object: ObjectNode = { kind: 'object', path, start: node.startIndex, end: node.endIndex, flow: true, props };
        return object;
      }
      return this.unknown(path, node);
    } finally {
      this.guard.leave();
    }
  }

  /** An object key: a bare name or a literal string; undefined for a computed one. */
  private objectKey(expression: SyntaxNode): string | undefined {
    const named = expression.children;
    if (named.length !== 1) return undefined;
    const only = named[0]!;
    if (only.type === 'variable_expr') return this.textOf(only);
    if (only.type === 'literal_value' && only.children[0]?.type === 'string_lit') return this.stringValue(only.children[0]!);
    return undefined;
  }

  /** A quoted template or heredoc: known only without interpolations and directives. */
  private template(path: NodePath, template: SyntaxNode): ValueNode {
    const node = template.children[0];
    if (!node) return this.unknown(path, template);
    const computed = holdsTemplate(this.text.slice(node.startIndex, node.endIndex));
    if (node.type === 'quoted_template') {
      const inner = this.text.slice(node.startIndex + 1, node.endIndex - 1);
      // An interpolated string reads as Terraform JSON writes it: its `${...}` marks it unknown.
      if (computed) return stringNode(path, node.startIndex, node.endIndex, inner.includes('${') ? inner : `\${${inner}}`);
      const value = unescapeHcl(inner);
      return value === undefined ? this.unknown(path, node) : stringNode(path, node.startIndex, node.endIndex, value);
    }
    if (node.type === 'heredoc_template' && !computed) {
      const value = heredocValue(this.text.slice(node.startIndex, node.endIndex));
      return value === undefined ? this.unknown(path, node) : stringNode(path, node.startIndex, node.endIndex, value);
    }
    return this.unknown(path, node);
  }

  /** A label or string literal's value; undefined when it holds an escape HCL does not know. */
  private stringValue(node: SyntaxNode): string | undefined {
    return unescapeHcl(this.text.slice(node.startIndex + 1, node.endIndex - 1));
  }

  private labelText(label: SyntaxNode): string {
    return label.type === 'string_lit' ? (this.stringValue(label) ?? this.textOf(label)) : this.textOf(label);
  }

  /** A value that is not a literal: unknown to every rule, its source kept as Terraform JSON would write it. */
  private unknown(path: NodePath, node: SyntaxNode): StringNode {
    const source = this.text.slice(node.startIndex, node.endIndex);
    return stringNode(path, node.startIndex, node.endIndex, `\${${source}}`);
  }

  private textOf(node: SyntaxNode): string {
    return this.text.slice(node.startIndex, node.endIndex);
  }

  // ---- trivia and errors ----

  private addComment(node: SyntaxNode): void {
    // A line comment's node may take the CR of a CRLF line end: it is no part of the comment.
    let end = node.endIndex;
    if (this.text.charCodeAt(end - 1) === 0x0d) end--;
    const raw = this.text.slice(node.startIndex, end);
    const text = raw.startsWith('#') ? raw.slice(1) : raw.startsWith('//') ? raw.slice(2) : raw.replace(/^\/\*/, '').replace(/\*\/$/, '');
    const lineStart = this.text.lastIndexOf('\n', node.startIndex - 1) + 1;
    if (/^\s*grantlint-disable/.test(text) && !/^[ \t]*$/.test(this.text.slice(lineStart, node.startIndex))) {
      // A suppression comment after code is no suppression (as in YAML): kept to say so (suppression.ts).
      this.strayDirectives.push({ span: { start: node.startIndex, end }, text });
      return;
    }
    this.comments.push({ span: { start: node.startIndex, end }, text });
  }

  /**
   * Mistakes the text shows (withTextMistakesMended), each reported at the character at fault, the cause of `found`
   * (tree-sitter's errors around them, kept so the segment's resource is not judged, not reported again).
   */
  addMistakes(mistakes: readonly ParseError[], found: readonly { node: SyntaxNode; missing: boolean }[]): void {
    this.errors.push(...mistakes);
    for (const { node } of found) this.errors.push({ message: 'HCL syntax error: text after a mistake reported before it', span: span(node), cascade: true });
  }

  /**
   * Error and missing nodes of the text from `from` to `to` (a block read alone, or the whole file), as parse
   * errors; what caused them is looked for in that text only.
   */
  addErrors(found: readonly { node: SyntaxNode; missing: boolean }[], from: number, to: number): void {
    const part = from === 0 && to === this.text.length ? this.text : this.text.slice(from, to);
    const moved = <T extends { at: number }>(found: T | undefined): T | undefined => (found && from > 0 ? { ...found, at: found.at + from } : found);
    // A string left open makes tree-sitter's recovery read on and fail lines later: name the quote that did it.
    // A reduce, not Math.min(...): a broken file of many lines may hold more error nodes than a call takes arguments.
    const first = found.reduce<SyntaxNode | undefined>((earliest, { node }) => (!earliest || node.startIndex < earliest.startIndex ? node : earliest), undefined);
    // Up to the end of the first error's line, or of the first error where it spans lines: recovery may make a
    // whole resource the error node when a string in its last lines is left open (`["implicit", "password]`).
    const firstLineEnd = first ? this.text.indexOf('\n', first.startIndex) : -1;
    const limit = first ? Math.max(firstLineEnd < 0 ? this.text.length : firstLineEnd, first.endIndex) : 0;
    const quoteInPart = found.length > 0 ? unclosedQuoteBefore(part, limit - from) : undefined;
    const quote = quoteInPart === undefined ? undefined : quoteInPart + from;
    if (quote !== undefined) {
      const lineEnd = this.text.slice(quote).search(/\r?\n/);
      const inTemplate = templateOfUnclosedQuote(part, limit - from);
      if (inTemplate === undefined) {
        this.errors.push({ message: 'HCL syntax error: this string is not closed on its line (a quoted string may not span lines)', span: { start: quote, end: quote + lineEnd }, cause: true });
      } else {
        // `"a ${var.x"`: the quote meant to close the string opens one inside the interpolation, which is not closed.
        const at = inTemplate + from;
        const opener = this.text.slice(at, at + 2);
        this.errors.push({ message: `HCL syntax error: missing '}'; the '${opener}' on line ${lineOf(this.text, at)} is never closed before the string's end`, span: { start: at, end: quote + lineEnd }, cause: true });
      }
    }
    // tree-sitter reads an open string on to the next quote, lines later, and pairs every quote after it anew: what
    // it fails on from there (an error reaching past the quote, a part missed after it) is the open string's doing,
    // so only the string is reported; those errors stay, as cascades, so the resources they are in are not judged.
    const stringAftermath = (node: SyntaxNode, missing: boolean): boolean => quote !== undefined && (missing ? node.startIndex > quote : node.endIndex > quote);
    // A bracket never closed is reported where tree-sitter's recovery stops (the next attribute, the end of the
    // file): the first error from the bracket on says which bracket it was, and where.
    // A heredoc or block comment never closed makes the rest of the file its text, so the brackets after it look
    // unclosed: it is what the error names then, and that nothing after it is read (no block after it can be told).
    const heredoc = quote === undefined && found.length > 0 ? moved(unclosedHeredoc(part)) : undefined;
    const comment = quote === undefined && found.length > 0 && !heredoc ? moved(unclosedBlockComment(part)) : undefined;
    const swallower = heredoc ?? comment;
    const unclosed = quote === undefined && found.length > 0 && !swallower ? moved(unclosedBracket(part)) : undefined;
    const blamed = swallower?.at ?? unclosed?.at;
    // The first error from the bracket on; else one holding it: tree-sitter may take `grant_types = [` as one error,
    // when nothing follows the `[` but the block's `}` (a list being typed).
    const afterBracket = blamed !== undefined ? found.reduce<SyntaxNode | undefined>((first, { node }) => (node.startIndex >= blamed && (!first || node.startIndex < first.startIndex) ? node : first), undefined) : undefined;
    const holdsBracket = blamed !== undefined && !afterBracket ? found.find(({ node, missing }) => !missing && node.startIndex < blamed && blamed < node.endIndex)?.node : undefined;
    const namesBracket = afterBracket ?? holdsBracket;
    const namesMissing = found.find(({ node }) => node === namesBracket)?.missing ?? false;
    const bracketsOnly = unclosed !== undefined && namesBracket !== undefined && (!namesMissing || /^[[\](){}]$/.test(namesBracket.type));
    const withBracket = (message: string, node: SyntaxNode): string => {
      if (node !== namesBracket) return message;
      if (heredoc) return `HCL syntax error: heredoc '${this.text.slice(heredoc.at, this.text.indexOf(heredoc.marker, heredoc.at) + heredoc.marker.length)}' on line ${lineOf(this.text, heredoc.at)} has no closing line ${heredoc.marker}; nothing after it is read`;
      if (comment) return `HCL syntax error: the comment '/*' on line ${lineOf(this.text, comment.at)} is never closed (no '*/'); nothing after it is read`;
      if (!unclosed) return message;
      const where = `the '${unclosed.bracket}' on line ${lineOf(this.text, unclosed.at)} is never closed`;
      // What tree-sitter found missing there may be another bracket (`missing '{'` for a list's `[`), or text it could
      // not read: the message names the closer of the bracket left open. Another missing part (a string's closing
      // quote at the end of the file) is named as it is.
      return bracketsOnly ? `HCL syntax error: missing '${closerOf(unclosed.bracket)}'; ${where}` : `${message}; ${where}`;
    };
    // That error is shown on the heredoc's `<<EOT` (the comment's `/*`), where the fix goes, not where tree-sitter
    // gave up. The other errors past it are its too: kept (their resources hold an error), not reported again.
    // A bracket left open is the cause of the errors after it in its block too (`missing ']'` then `missing '}'`).
    // An error reaching over the bracket (`= "client ${var.env` and the lines after) is the bracket's doing as well; the
    // bracket's own error is then its cause, reported whatever the ranges of the others.
    const inHeredoc = (node: SyntaxNode): { cascade?: true } | { cause?: true } => {
      if (blamed === undefined || !(swallower || bracketsOnly)) return {};
      if (node === namesBracket) return swallower ? {} : { cause: true };
      return node.startIndex >= blamed || (!swallower && node.endIndex > blamed) ? { cascade: true } : {};
    };
    const heredocSpan = (node: SyntaxNode): Span | undefined => {
      if (swallower && node === namesBracket) return { start: swallower.at, end: swallower.at + this.text.slice(swallower.at).search(/[\r\n]|$/) };
      // Where the closer goes, as for a closer tree-sitter found missing: after the last token of the error.
      if (node === holdsBracket && bracketsOnly) {
        const at = afterLastToken(this.text, node.endIndex);
        return { start: at, end: at };
      }
      return undefined;
    };
    for (const { node, missing } of found) {
      if (missing) {
        // Where it was missed: right after the last token before it, not on the next line.
        const at = afterLastToken(this.text, node.startIndex);
        const cascade = stringAftermath(node, true) ? { cascade: true as const } : inHeredoc(node);
        this.errors.push({ message: withBracket(`HCL syntax error: missing ${MISSING_NAMES[node.type] ?? `'${node.type}'`}`, node), span: heredocSpan(node) ?? { start: at, end: at }, ...cascade });
      } else if (stringAftermath(node, false)) {
        this.errors.push({ message: 'HCL syntax error: text after a string left open', span: span(node), cascade: true });
      } else {
        const text = this.text.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + 20)).split(/\r?\n/)[0]!.trim();
        this.errors.push({ message: withBracket(`HCL syntax error: unexpected '${text}'`, node), span: heredocSpan(node) ?? span(node), ...inHeredoc(node) });
      }
    }
  }
}

/** Grammar names of missing nodes, as a message says them (punctuation is named as it is written). */
const MISSING_NAMES: Readonly<Record<string, string>> = {
  quoted_template_end: "'\"' (the string's closing quote)",
  heredoc_identifier: "the heredoc's closing marker line",
  template_interpolation_end: "'}' (the end of a ${...} interpolation)",
  identifier: 'a name',
  expression: 'a value',
};

/** The offset after the last non-blank character before `at` (spaces, tabs and line breaks skipped back over). */
function afterLastToken(text: string, at: number): number {
  let back = at;
  while (back > 0 && /[ \t\r\n]/.test(text.charAt(back - 1))) back--;
  return back;
}

interface BlockParts {
  readonly type: SyntaxNode;
  readonly labels: readonly SyntaxNode[];
  readonly open: SyntaxNode | undefined;
  readonly body: SyntaxNode | undefined;
  readonly close: SyntaxNode | undefined;
}

function blockParts(block: SyntaxNode, comments?: (node: SyntaxNode) => void): BlockParts | undefined {
  let type: SyntaxNode | undefined;
  const labels: SyntaxNode[] = [];
  let open: SyntaxNode | undefined;
  let body: SyntaxNode | undefined;
  let close: SyntaxNode | undefined;
  for (const child of block.children) {
    switch (child.type) {
      case 'identifier':
        if (!type) type = child;
        else labels.push(child);
        break;
      case 'string_lit':
        labels.push(child);
        break;
      case 'block_start':
        open = child;
        break;
      case 'body':
        body = child;
        break;
      case 'block_end':
        close = child;
        break;
      case 'comment':
        // A comment after a block's last attribute (or in its header) belongs to the block, not to its body.
        comments?.(child);
        break;
    }
  }
  return type ? { type, labels, open, body, close } : undefined;
}


function widen(object: Building, node: SyntaxNode): void {
  object.start = Math.min(object.start, node.startIndex);
  object.end = Math.max(object.end, node.endIndex);
}

function span(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

function stringNode(path: NodePath, start: number, end: number, value: string): StringNode {
  return { kind: 'string', path, start, end, value, quote: 'double', placeholder: false };
}

function scalar(path: NodePath, start: number, end: number, kind: ScalarNode['kind'], value: number | boolean | null): ScalarNode {
  return { kind, path, start, end, value };
}

/** Whether a template's text holds an interpolation (`${`) or a directive (`%{`) rather than an escaped `$${`, `%%{`. */
function holdsTemplate(source: string): boolean {
  return /(^|[^$])(\$\$)*\$\{|(^|[^%])(%%)*%\{/.test(source);
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * The value of an HCL quoted string's inner text: `\n \r \t \" \\ \uXXXX \UXXXXXXXX` escapes, and `$${` and `%%{`
 * for a literal `${` and `%{`. Undefined for an escape HCL rejects.
 */
function unescapeHcl(inner: string): string | undefined {
  if (!inner.includes('\\') && !inner.includes('$${') && !inner.includes('%%{')) return inner;
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === '\\') {
      const next = inner[i + 1];
      if (next === undefined) return undefined;
      if (next === 'u' || next === 'U') {
        const digits = next === 'u' ? 4 : 8;
        const hex = inner.slice(i + 2, i + 2 + digits);
        if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) return undefined;
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) return undefined;
        out += String.fromCodePoint(code);
        i += 1 + digits;
        continue;
      }
      const escaped = ESCAPES[next];
      if (escaped === undefined) return undefined;
      out += escaped;
      i++;
    } else if ((c === '$' || c === '%') && inner[i + 1] === c && inner[i + 2] === '{') {
      out += `${c}{`;
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

/** A heredoc's text (`<<EOT` as written, `<<-EOT` with the common indentation removed), without the last line break. */
function heredocValue(source: string): string | undefined {
  const header = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(source);
  if (!header) return undefined;
  const rest = source.slice(header[0].length);
  const lines = rest.split(/\r?\n/);
  lines.pop(); // the closing marker's line
  if (header[1] !== '-') return lines.join('\n');
  const indents = lines.filter((line) => line.trim().length > 0).map((line) => /^[ \t]*/.exec(line)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(cut)).join('\n');
}
