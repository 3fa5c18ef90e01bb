/**
 * The first YAML reader, built on composed `yaml` Documents: kept as the oracle the CST reader is compared with.
 * Two comparisons: the model as written (an alias is an `alias` marker at its span, a merge-key entry is left
 * out), and the resolved values, from `yaml`'s own resolution (`merge: true`, `toJS`), which is what js-yaml and
 * so auth0-deploy-cli load.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseAllDocuments, Scalar, visit, type Document, type Node as YamlNode } from 'yaml';
import type { Comment, NodePath, ParsedDocument, ParsedFile, ParseError, Prop, QuoteStyle, Span, ValueNode } from '../../server/src/engine/model';
import { resolvedProps } from '../../server/src/engine/model';
import { holdsPlaceholder, maskPlaceholders } from '../../server/src/engine/placeholders';

/** Parses every YAML document in the file into the positioned model. */
export function parseYamlWithDocuments(text: string): ParsedFile {
  const { text: masked, masked: maskedSpans } = maskPlaceholders(text);
  const docs = parseAllDocuments(masked, { prettyErrors: false, strict: false, merge: true });
  const list = Array.isArray(docs) ? docs : [];
  const errors: ParseError[] = [];
  const documents: ParsedDocument[] = [];
  for (const doc of list) {
    for (const e of doc.errors) {
      errors.push({ message: `YAML syntax error: ${firstLine(e.message)}`, span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) } });
    }
    // Resolution errors (an alias before its anchor, a merge source that is not a mapping) only show in toJS.
    const resolved = doc.errors.length === 0 ? resolveDocument(doc) : { value: null };
    if ('error' in resolved && !resolved.bound) errors.push({ message: `YAML syntax error: ${resolved.error}`, span: { start: 0, end: 1 } });
    const converter = new Converter(maskedSpans);
    documents.push({
      root: doc.contents ? converter.convert(doc.contents as YamlNode, []) : undefined,
      span: { start: doc.range[0], end: doc.range[2] },
    });
  }
  if (!Array.isArray(docs)) {
    // parseAllDocuments returns an EmptyStream for a file with no documents.
    documents.push({ root: undefined, span: { start: 0, end: text.length } });
  }
  return { format: 'yaml', documents, errors, comments: ownLineComments(text) };
}

function firstLine(message: string): string {
  const line = message.split('\n', 1)[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/** Comments on a line of their own: the only place a suppression comment goes. */
function ownLineComments(text: string): Comment[] {
  if (!text.includes('#')) return [];
  const comments: Comment[] = [];
  const pattern = /^[ \t]*#([^\r\n]*)/gm;
  for (const match of text.matchAll(pattern)) {
    const hash = match.index + match[0].indexOf('#');
    comments.push({ span: { start: hash, end: match.index + match[0].length }, text: match[1] ?? '' });
  }
  return comments;
}

const QUOTES: Record<string, QuoteStyle> = { QUOTE_DOUBLE: 'double', QUOTE_SINGLE: 'single' };

class Converter {
  constructor(private readonly masked: readonly Span[]) {}

  convert(node: YamlNode, path: NodePath): ValueNode | undefined {
    const range = node.range;
    if (!range) return undefined;
    const span = { start: range[0], end: range[1] };
    if (isMap(node)) {
      const props: Prop[] = [];
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const keyNode = pair.key as Scalar;
        // A merge key: its values come in through resolution (compared by resolvedValues).
        if (typeof keyNode.value === 'symbol') continue;
        const keyRange = keyNode.range;
        if (!keyRange) continue;
        const key = String(keyNode.value);
        const keySpan = { start: keyRange[0], end: keyRange[1] };
        const value = pair.value
          ? this.convert(pair.value as YamlNode, [...path, key])
          : nullAt(keySpan.end, [...path, key]);
        if (!value) continue;
        props.push({ key, keySpan, value });
      }
      return { kind: 'object', props, flow: Boolean(node.flow), path, ...span };
    }
    if (isSeq(node)) {
      const items: ValueNode[] = [];
      for (const item of node.items) {
        if (item === null || typeof item !== 'object') continue;
        const converted = this.convert(item as YamlNode, [...path, items.length]);
        if (converted) items.push(converted);
      }
      return { kind: 'array', items, flow: Boolean(node.flow), path, ...span };
    }
    if (isAlias(node)) {
      // The model as written: an alias is a marker at its span (its value is compared by resolvedValues).
      return { kind: 'string', value: `*${node.source}`, quote: 'plain', placeholder: true, path, ...span, origin: ALIAS_MARK };
    }
    if (isScalar(node)) {
      const value = node.value;
      if (value === null || value === undefined) return { kind: 'null', value: null, path, ...span };
      if (typeof value === 'boolean') return { kind: 'boolean', value, path, ...span };
      if (typeof value === 'number') return { kind: 'number', value, path, ...span };
      const str = String(value);
      const quote = QUOTES[String(node.type)] ?? 'plain';
      const placeholder = holdsPlaceholder(span.start, span.end, str, this.masked);
      return { kind: 'string', value: str, quote, placeholder, path, ...span };
    }
    return undefined;
  }
}

/** Stands for "a copy of an anchored node" in the oracle's model (see shapeOf in the tests). */
const ALIAS_MARK: ValueNode = { kind: 'null', value: null, path: [], start: 0, end: 0 };

/** Each document's resolved value, as `yaml` resolves it (merge keys on), or why it cannot be resolved. */
export function composedResolved(text: string): ({ value: unknown } | { error: string; bound: boolean })[] {
  const { text: masked } = maskPlaceholders(text);
  const docs = parseAllDocuments(masked, { prettyErrors: false, strict: false, merge: true });
  return (Array.isArray(docs) ? docs : []).map(resolveDocument);
}

function resolveDocument(doc: Document.Parsed): { value: unknown } | { error: string; bound: boolean } {
  // A key that is a list or mapping (`? [x, y]: 1`, `?` then an indented block list) names no field a config could
  // hold: our reader leaves such a pair out (and so would every use of the value), `yaml` stringifies the key.
  visit(doc, {
    Pair(_, pair) {
      return isCollection(pair.key) ? visit.REMOVE : undefined;
    },
  });
  try {
    return { value: doc.toJS({ maxAliasCount: 10_000 }) };
  } catch (error) {
    const message = (error as Error).message;
    return { error: message, bound: /alias count/i.test(message) };
  }
}

/** Our model's resolved value of a node as plain data (merged props included, placeholders as written). */
export function resolvedValue(node: ValueNode | undefined): unknown {
  if (!node) return null;
  switch (node.kind) {
    case 'array':
      return node.items.map(resolvedValue);
    case 'object': {
      const out: Record<string, unknown> = {};
      // Own props in order (the last occurrence wins), then merged props the mapping does not set.
      for (const prop of resolvedProps(node)) if (!(prop.key in out) || node.props.includes(prop)) out[prop.key] = resolvedValue(prop.value);
      return out;
    }
    default:
      return node.value;
  }
}

function nullAt(offset: number, path: NodePath): ValueNode {
  return { kind: 'null', value: null, path, start: offset, end: offset };
}
