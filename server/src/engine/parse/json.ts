import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError as JsoncError } from 'jsonc-parser';
import type { NodePath, ParsedFile, ParseError, Prop, Span, ValueNode } from '../model';
import { containsPlaceholder, maskPlaceholders, overlapsAny } from '../placeholders';

/** Parses JSON with comments and trailing commas tolerated, into the positioned model. */
export function parseJson(text: string): ParsedFile {
  const { text: masked, masked: maskedSpans } = maskPlaceholders(text);
  const rawErrors: JsoncError[] = [];
  const tree = parseTree(masked, rawErrors, { allowTrailingComma: true, disallowComments: false });
  const errors: ParseError[] = rawErrors.map((e) => ({
    message: describeJsonError(printParseErrorCode(e.error)),
    span: { start: e.offset, end: e.offset + Math.max(1, e.length) },
  }));
  const root = tree ? convert(tree, [], maskedSpans) : undefined;
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

function convert(node: JsonNode, path: NodePath, masked: readonly Span[]): ValueNode | undefined {
  const span = { start: node.offset, end: node.offset + node.length };
  switch (node.type) {
    case 'object': {
      const props: Prop[] = [];
      for (const child of node.children ?? []) {
        const [keyNode, valueNode] = child.children ?? [];
        if (!keyNode || !valueNode || typeof keyNode.value !== 'string') continue;
        const key = keyNode.value;
        const value = convert(valueNode, [...path, key], masked);
        if (!value) continue;
        props.push({
          key,
          keySpan: { start: keyNode.offset, end: keyNode.offset + keyNode.length },
          value,
          span: { start: keyNode.offset, end: value.end },
        });
      }
      return { kind: 'object', props, flow: true, path, ...span };
    }
    case 'array': {
      const items: ValueNode[] = [];
      for (const child of node.children ?? []) {
        const item = convert(child, [...path, items.length], masked);
        if (item) items.push(item);
      }
      return { kind: 'array', items, flow: true, path, ...span };
    }
    case 'string': {
      const value = String(node.value);
      const placeholder = overlapsAny(span, masked) || containsPlaceholder(value);
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
