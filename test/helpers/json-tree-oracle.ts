import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError as JsoncError } from 'jsonc-parser';
import type { NodePath, ParsedFile, ParseError, Prop, Span, ValueNode } from '../../server/src/engine/model';
import { holdsPlaceholder, maskPlaceholders } from '../../server/src/engine/placeholders';
import { MAX_NESTING_DEPTH } from '../../server/src/engine/limits';
import { binaryError, ConversionGuard, LimitReached, NESTING_MESSAGE, shortKey, unread } from '../../server/src/engine/parse/guards';

/**
 * The first JSON reader, which converted jsonc-parser's `parseTree` tree: kept as the oracle the visitor-based
 * reader (server/src/engine/parse/json.ts) is compared with. It scans for deep nesting first, because parseTree
 * recurses once per level.
 */
export function parseJsonWithTree(text: string): ParsedFile {
  const binary = binaryError(text, 'json');
  if (binary) return unread('json', text, binary);
  const { text: maskedText, masked: maskedSpans } = maskPlaceholders(text);
  // A byte order mark is not content: read it as a space, so every offset still counts it.
  const masked = maskedText.charCodeAt(0) === 0xfeff ? ` ${maskedText.slice(1)}` : maskedText;
  const tooDeep = jsonNestingError(masked);
  if (tooDeep) return unread('json', text, tooDeep);
  const rawErrors: JsoncError[] = [];
  // An empty (or whitespace-only) file holds no clients and nothing to report: a file just created in an editor.
  const tree = parseTree(masked, rawErrors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const errors: ParseError[] = rawErrors.map((e) => ({
    message: describeJsonError(printParseErrorCode(e.error)),
    span: { start: e.offset, end: e.offset + Math.max(1, e.length) },
    plainJsonSyntax: true as const,
  }));
  let root: ValueNode | undefined;
  try {
    root = tree ? convert(tree, [], { masked: maskedSpans, guard: new ConversionGuard(), errors }) : undefined;
  } catch (error) {
    if (!(error instanceof LimitReached)) throw error;
    return unread('json', text, error.parseError);
  }
  errors.sort((a, b) => a.span.start - b.span.start);
  return {
    format: 'json',
    documents: [{ root, span: { start: 0, end: text.length } }],
    errors,
    comments: [],
  };
}

function describeJsonError(code: string): string {
  // jsonc-parser names errors in PascalCase ('CloseBraceExpected'); make them read as a sentence.
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `JSON syntax error: ${words}`;
}

interface ConvertContext {
  readonly masked: readonly Span[];
  readonly guard: ConversionGuard;
  readonly errors: ParseError[];
}

function convert(node: JsonNode, path: NodePath, context: ConvertContext): ValueNode | undefined {
  const span = { start: node.offset, end: node.offset + node.length };
  const masked = context.masked;
  context.guard.charge(path.length, node.offset);
  switch (node.type) {
    case 'object': {
      const props: Prop[] = [];
      const seen = new Set<string>();
      for (const child of node.children ?? []) {
        const [keyNode, valueNode] = child.children ?? [];
        if (!keyNode || !valueNode || typeof keyNode.value !== 'string') continue;
        const key = keyNode.value;
        // JSON.parse and the Auth0 API keep the last occurrence, and so does the model (getProp); say so.
        if (seen.has(key)) {
          context.errors.push({
            message: `Duplicate key '${shortKey(key)}': only the last one counts (as in JSON.parse); remove the others.`,
            span: { start: keyNode.offset, end: keyNode.offset + keyNode.length },
            exact: true,
            readByJsonParse: true,
          });
        }
        seen.add(key);
        const value = convert(valueNode, [...path, key], context);
        if (!value) continue;
        props.push({
          key,
          keySpan: { start: keyNode.offset, end: keyNode.offset + keyNode.length },
          value,
        });
      }
      return { kind: 'object', props, flow: true, path, ...span };
    }
    case 'array': {
      const items: ValueNode[] = [];
      for (const child of node.children ?? []) {
        const item = convert(child, [...path, items.length], context);
        if (item) items.push(item);
      }
      return { kind: 'array', items, flow: true, path, ...span };
    }
    case 'string': {
      const value = String(node.value);
      const placeholder = holdsPlaceholder(span.start, span.end, value, masked);
      return { kind: 'string', value, quote: 'double', placeholder, path, ...span };
    }
    case 'number':
      return { kind: 'number', value: Number(node.value), path, ...span };
    case 'boolean':
      return { kind: 'boolean', value: Boolean(node.value), path, ...span };
    case 'null':
      return { kind: 'null', value: null, path, ...span };
    default:
      return undefined;
  }
}

/**
 * Where JSON nesting first exceeds the limit, found by scanning the tokens as jsonc-parser does (strings end at a
 * quote or a line break; `//` and block comments), before its recursive parseTree sees the text. A closing
 * bracket closes only a collection of its own kind, because jsonc-parser skips a mismatched one: the count is
 * never below the parser's real depth.
 */
function jsonNestingError(text: string): ParseError | undefined {
  const open: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22 || d === 0x0a || d === 0x0d) break;
      }
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      while (i < n && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 1;
    } else if (c === 0x5b || c === 0x7b) {
      open.push(c);
      if (open.length > MAX_NESTING_DEPTH) return { message: NESTING_MESSAGE, span: { start: i, end: i + 1 } };
    } else if ((c === 0x5d && open[open.length - 1] === 0x5b) || (c === 0x7d && open[open.length - 1] === 0x7b)) {
      open.pop();
    }
  }
  return undefined;
}

