import { printParseErrorCode, visit, type JSONVisitor } from 'jsonc-parser';
import type { NodePath, ParsedFile, ParseError, Prop, Span, ValueNode } from '../model';
import { childPath } from '../model';
import { containsPlaceholder, maskPlaceholders, overlapsRange } from '../placeholders';
import { binaryError, ConversionGuard, LimitReached, shortKey, unread } from './guards';

/**
 * Parses JSON with comments and trailing commas tolerated, into the positioned model. The model is built straight
 * from jsonc-parser's visitor: no intermediate syntax tree, which would cost as much again in time and garbage.
 * The visitor's events are those `parseTree` builds its tree from, so the model is the one `parseTree` gives
 * (test/engine/json-reader.test.ts compares the two). Refuses, with one parse error, binary text and nesting
 * deeper than the limit; the limit is checked as each collection opens, long before the parser's recursion could
 * exhaust the stack.
 */
export function parseJson(text: string): ParsedFile {
  const binary = binaryError(text, 'json');
  if (binary) return unread('json', text, binary);
  const { text: maskedText, masked: maskedSpans } = maskPlaceholders(text);
  // A byte order mark is not content: read it as a space, so every offset still counts it.
  const masked = maskedText.charCodeAt(0) === 0xfeff ? ` ${maskedText.slice(1)}` : maskedText;
  const builder = new ModelBuilder(maskedSpans);
  try {
    // An empty (or whitespace-only) file holds no clients and nothing to report: a file just created in an editor.
    visit(masked, builder.visitor, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  } catch (error) {
    if (!(error instanceof LimitReached)) throw error;
    return unread('json', text, error.parseError);
  }
  // Syntax errors first, then duplicate keys, each in the parser's order: a stable sort keeps that order on ties.
  const errors = [...builder.syntaxErrors, ...builder.duplicateKeys].sort((a, b) => a.span.start - b.span.start);
  return {
    format: 'json',
    documents: [{ root: builder.root, span: { start: 0, end: text.length } }],
    errors,
    comments: [],
  };
}

function describeJsonError(code: string): string {
  // jsonc-parser names errors in PascalCase ('CloseBraceExpected'); make them read as a sentence.
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `JSON syntax error: ${words}`;
}

/** An object or array still open, with what it holds so far. */
interface OpenObject {
  readonly kind: 'object';
  readonly start: number;
  readonly path: NodePath;
  /** A collection that belongs nowhere: read to keep the stack balanced, then dropped. */
  readonly dropped: boolean;
  readonly props: Prop[];
  /**
   * The property whose value comes next (undefined: none). A property without a value (`{"a": , "b": 1}`) is
   * dropped, as parseTree drops it: the parser reads no value until the next name replaces this one or the
   * object ends.
   */
  key: string | undefined;
  keyStart: number;
  keyEnd: number;
}

interface OpenArray {
  readonly kind: 'array';
  readonly start: number;
  readonly path: NodePath;
  readonly dropped: boolean;
  readonly items: ValueNode[];
}

type Open = OpenObject | OpenArray;

/** Objects with more properties than this find duplicate keys through a set rather than by scanning. */
const SCAN_LIMIT = 16;

/** Builds the model from the visitor's events: a stack of open collections, each value attached as it ends. */
class ModelBuilder {
  root: ValueNode | undefined;
  readonly syntaxErrors: ParseError[] = [];
  readonly duplicateKeys: ParseError[] = [];
  private readonly stack: Open[] = [];
  private readonly guard = new ConversionGuard();
  /** Whether the one top-level value has been read: the parser reports anything after it as an error only. */
  private done = false;
  /** Key sets of the large objects being read (small ones are scanned). */
  private readonly keySets = new Map<OpenObject, Set<string>>();

  constructor(private readonly masked: readonly Span[]) {}

  readonly visitor: JSONVisitor = {
    onObjectBegin: (offset) => {
      const path = this.enter(offset);
      this.stack.push({ kind: 'object', start: offset, path: path ?? [], dropped: !path, props: [], key: undefined, keyStart: 0, keyEnd: 0 });
    },
    onObjectProperty: (name, offset, length) => {
      const top = this.stack[this.stack.length - 1];
      if (top?.kind !== 'object') return;
      top.key = name;
      top.keyStart = offset;
      top.keyEnd = offset + length;
    },
    onObjectEnd: (offset, length) => {
      const open = this.stack.pop() as OpenObject;
      this.guard.leave();
      this.keySets.delete(open);
      if (!open.dropped) this.attach({ kind: 'object', props: open.props, flow: true, path: open.path, start: open.start, end: offset + length });
    },
    onArrayBegin: (offset) => {
      const path = this.enter(offset);
      this.stack.push({ kind: 'array', start: offset, path: path ?? [], dropped: !path, items: [] });
    },
    onArrayEnd: (offset, length) => {
      const open = this.stack.pop() as OpenArray;
      this.guard.leave();
      if (!open.dropped) this.attach({ kind: 'array', items: open.items, flow: true, path: open.path, start: open.start, end: offset + length });
    },
    onLiteralValue: (value: unknown, offset, length) => {
      const path = this.pathOfNext();
      if (!path) return;
      this.guard.charge(path.length, offset);
      const start = offset;
      const end = offset + length;
      if (typeof value === 'string') {
        const placeholder = (this.masked.length > 0 && overlapsRange(start, end, this.masked)) || containsPlaceholder(value);
        this.attach({ kind: 'string', value, quote: 'double', placeholder, path, start, end });
      } else if (typeof value === 'number') this.attach({ kind: 'number', value, path, start, end });
      else if (typeof value === 'boolean') this.attach({ kind: 'boolean', value, path, start, end });
      else this.attach({ kind: 'null', value: null, path, start, end });
    },
    onError: (error, offset, length) => {
      this.syntaxErrors.push({ message: describeJsonError(printParseErrorCode(error)), span: { start: offset, end: offset + Math.max(1, length) } });
    },
  };

  /** A collection opens: the depth limit is checked; its path, or undefined when it belongs nowhere. */
  private enter(offset: number): NodePath | undefined {
    this.guard.enter(offset);
    const path = this.pathOfNext();
    if (path) this.guard.charge(path.length, offset);
    return path;
  }

  /** Where the next value goes: a path, or undefined when it belongs nowhere (and is dropped, as parseTree's is). */
  private pathOfNext(): NodePath | undefined {
    const top = this.stack[this.stack.length - 1];
    if (!top) return this.done ? undefined : [];
    if (top.dropped) return undefined;
    if (top.kind === 'array') return childPath(top.path, top.items.length);
    return top.key === undefined ? undefined : childPath(top.path, top.key);
  }

  private attach(node: ValueNode): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      if (!this.done) this.root = node;
      this.done = true;
      return;
    }
    if (top.kind === 'array') {
      top.items.push(node);
      return;
    }
    const key = top.key;
    if (key === undefined) return;
    top.key = undefined;
    const keySpan = { start: top.keyStart, end: top.keyEnd };
    // JSON.parse and the Auth0 API keep the last occurrence, and so does the model (getProp); say so.
    if (this.seenBefore(top, key)) {
      this.duplicateKeys.push({
        message: `Duplicate key '${shortKey(key)}': the last occurrence counts (as with JSON.parse and the Auth0 API) and the earlier ones are ignored.`,
        span: keySpan,
      });
    }
    top.props.push({ key, keySpan, value: node, span: { start: keySpan.start, end: node.end } });
  }

  /** Whether the object already has `key` (called before the property is added). */
  private seenBefore(open: OpenObject, key: string): boolean {
    const props = open.props;
    if (props.length < SCAN_LIMIT) {
      for (let i = 0; i < props.length; i++) if (props[i]!.key === key) return true;
      return false;
    }
    let keys = this.keySets.get(open);
    if (!keys) {
      keys = new Set(props.map((p) => p.key));
      this.keySets.set(open, keys);
    }
    const seen = keys.has(key);
    keys.add(key);
    return seen;
  }
}

