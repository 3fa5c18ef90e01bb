/**
 * YAML to the positioned model straight from `yaml`'s concrete syntax tree: no Document, no composed nodes, no
 * alias resolution. That skips most of the cost of `parseDocument` and keeps no token tree once a file is read.
 * Plain scalars resolve with the YAML 1.2 core schema, as `yaml` does by default.
 */
import { CST, Parser } from 'yaml';
import type { Comment, NodePath, ParsedDocument, ParsedFile, ParseError, Prop, QuoteStyle, Span, ValueNode } from '../model';
import { containsPlaceholder, maskPlaceholders, overlapsAny } from '../placeholders';

type Token = CST.Token;
type SourceToken = CST.SourceToken;

export function parseYaml(text: string): ParsedFile {
  const { text: masked, masked: maskedSpans } = maskPlaceholders(text);
  const converter = new Converter(text, maskedSpans);
  const documents: ParsedDocument[] = [];
  let pendingStart = -1;
  for (const token of new Parser().parse(masked)) {
    if (token.type === 'document') {
      if (pendingStart >= 0) documents[documents.length - 1] = closeDocument(documents[documents.length - 1]!, token.offset);
      converter.sourceTokens(token.start);
      const root = token.value ? converter.value(token.value, []) : undefined;
      converter.sourceTokens(token.end);
      documents.push({ root, span: { start: token.offset, end: text.length } });
      pendingStart = token.offset;
    } else if (token.type === 'error') {
      converter.error(token.message, token.offset, token.source.length);
    } else if (token.type === 'doc-end') {
      converter.sourceTokens(token.end);
    } else if (token.type === 'comment') {
      converter.comment(token);
    }
  }
  return { format: 'yaml', documents, errors: converter.errors, comments: converter.comments };
}

function closeDocument(doc: ParsedDocument, end: number): ParsedDocument {
  return { root: doc.root, span: { start: doc.span.start, end } };
}

const QUOTES: Partial<Record<string, QuoteStyle>> = { QUOTE_DOUBLE: 'double', QUOTE_SINGLE: 'single' };
const NULL = /^(?:~|null|Null|NULL)?$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const OCT = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

class Converter {
  readonly errors: ParseError[] = [];
  readonly comments: Comment[] = [];

  constructor(
    private readonly text: string,
    private readonly masked: readonly Span[],
  ) {}

  error(message: string, offset: number, length: number): void {
    this.errors.push({ message: `YAML syntax error: ${message.split('\n', 1)[0]}`, span: { start: offset, end: offset + Math.max(1, length) } });
  }

  /** Records comments (own-line ones only: the only place a suppression comment goes) and error tokens. */
  sourceTokens(tokens: readonly Token[] | undefined, block = false): void {
    if (!tokens) return;
    for (const token of tokens) {
      if (block && token.type === 'space' && (token as SourceToken).source.includes('\t')) this.checkTabIndent(token as SourceToken);
      if (token.type === 'comment') this.comment(token as SourceToken);
      else if (token.type === 'error') this.error((token as CST.ErrorToken).message, token.offset, (token as CST.ErrorToken).source.length);
    }
  }

  /** Block indentation must be spaces; a tab there changes the structure the author sees. */
  private checkTabIndent(token: SourceToken): void {
    const atLineStart = token.offset === 0 || this.text[token.offset - 1] === '\n';
    const next = this.text[token.offset + token.source.length];
    if (atLineStart && next !== undefined && next !== '#' && next !== '\n' && next !== '\r') {
      this.error('Tabs are not allowed as indentation', token.offset, token.source.length);
    }
  }

  comment(token: SourceToken): void {
    const lineStart = this.text.lastIndexOf('\n', token.offset - 1) + 1;
    if (!/^[ \t]*$/.test(this.text.slice(lineStart, token.offset))) return;
    const end = token.offset + token.source.length;
    // The original text, not the source: placeholders in a comment were masked for the parser.
    this.comments.push({ span: { start: token.offset, end }, text: this.text.slice(token.offset + 1, end) });
  }

  value(token: Token, path: NodePath, tag?: string): ValueNode | undefined {
    switch (token.type) {
      case 'block-map':
        return this.mapping(token.items, path, token.offset, false, undefined);
      case 'block-seq':
        return this.sequence(token.items, path, token.offset, false, undefined);
      case 'flow-collection': {
        const close = token.end.find((t) => t.type === 'flow-map-end' || t.type === 'flow-seq-end');
        this.sourceTokens(token.end);
        if (!close) this.error(`missing closing ${token.start.source === '{' ? '}' : ']'}`, token.offset, 1);
        // An unclosed collection ends at its last item (or just after its bracket).
        const end = close ? close.offset + 1 : Math.max(token.offset + 1, ...token.items.map((i) => itemEnd(i)));
        return token.start.source === '{'
          ? this.mapping(token.items, path, token.offset, true, end)
          : this.sequence(token.items, path, token.offset, true, end);
      }
      case 'alias':
        this.sourceTokens(token.end);
        // Aliases are never expanded: their value counts as unknown, like a placeholder.
        return { kind: 'string', value: token.source, quote: 'plain', placeholder: true, path, start: token.offset, end: token.offset + token.source.length };
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        return this.scalar(token, path, tag);
      case 'error':
        this.error(token.message, token.offset, token.source.length);
        return undefined;
      default:
        return undefined;
    }
  }

  private scalar(token: CST.FlowScalar | CST.BlockScalar, path: NodePath, tag: string | undefined): ValueNode {
    if (token.type !== 'block-scalar') this.sourceTokens(token.end);
    const resolved = CST.resolveAsScalar(token, false, (offset, _code, message) => this.error(message, offset, 1));
    const end = token.type === 'block-scalar' ? resolved.range[1] : token.offset + token.source.length;
    const span = { start: token.offset, end };
    const quote = QUOTES[resolved.type ?? ''] ?? 'plain';
    const raw = resolved.value;
    if (token.type === 'scalar' && tag !== '!!str') {
      if (NULL.test(raw)) return { kind: 'null', value: null, path, ...span };
      if (BOOL.test(raw)) return { kind: 'boolean', value: raw[0] === 't' || raw[0] === 'T', path, ...span };
      if (INT.test(raw) || FLOAT.test(raw)) return { kind: 'number', value: Number(raw), path, ...span };
      if (OCT.test(raw)) return { kind: 'number', value: parseInt(raw.slice(2), 8), path, ...span };
      if (HEX.test(raw)) return { kind: 'number', value: parseInt(raw.slice(2), 16), path, ...span };
      if (SPECIAL_FLOAT.test(raw)) return { kind: 'number', value: raw.includes('nan') || raw.includes('NaN') || raw.includes('NAN') ? NaN : raw.startsWith('-') ? -Infinity : Infinity, path, ...span };
    }
    const placeholder = overlapsAny(span, this.masked) || containsPlaceholder(raw);
    return { kind: 'string', value: raw, quote, placeholder, path, ...span };
  }

  private mapping(items: readonly CST.CollectionItem[], path: NodePath, offset: number, flow: boolean, closeEnd: number | undefined): ValueNode {
    const props: Prop[] = [];
    const seen = new Set<string>();
    let itemColumn: number | undefined;
    let end = offset;
    for (const item of items) {
      this.sourceTokens(item.start, !flow);
      this.sourceTokens(item.sep, !flow);
      const keyToken = item.key;
      if (!flow) this.checkBlockMapItem(item);
      if (!flow && keyToken) {
        const column = this.columnOf(keyToken.offset);
        itemColumn ??= column;
        if (column !== itemColumn) this.error('All mapping items must start at the same column', keyToken.offset, 1);
      }
      if (!keyToken || !CST.isScalar(keyToken)) {
        if (keyToken) this.valueEndOf(keyToken);
        if (item.value) this.value(item.value, path);
        continue;
      }
      const keyText = CST.resolveAsScalar(keyToken, false, (o, _c, m) => this.error(m, o, 1)).value;
      const keySpan = { start: keyToken.offset, end: keyToken.offset + (keyToken.type === 'block-scalar' ? 0 : keyToken.source.length) };
      if (keyToken.type !== 'block-scalar') this.sourceTokens(keyToken.end);
      if (seen.has(keyText)) this.errors.push({ message: `YAML syntax error: Map keys must be unique ('${keyText}' appears twice; the last one counts)`, span: keySpan });
      seen.add(keyText);
      const childPath = [...path, keyText];
      const indicator = item.sep?.find((t) => t.type === 'map-value-ind');
      const tag = item.sep?.find((t) => t.type === 'tag')?.source;
      const value = item.value
        ? this.value(item.value, childPath, tag)
        : nullAt(indicator ? indicator.offset + 1 : keySpan.end, childPath);
      if (!value) continue;
      props.push({ key: keyText, keySpan, value, span: { start: keySpan.start, end: Math.max(value.end, keySpan.end) } });
      end = Math.max(end, value.end, keySpan.end);
    }
    const start = flow ? offset : (props[0]?.keySpan.start ?? offset);
    return { kind: 'object', props, flow, path, start, end: closeEnd ?? end };
  }

  private sequence(items: readonly CST.CollectionItem[], path: NodePath, offset: number, flow: boolean, closeEnd: number | undefined): ValueNode {
    const out: ValueNode[] = [];
    let end = offset;
    let itemColumn: number | undefined;
    for (const item of items) {
      this.sourceTokens(item.start, !flow);
      this.sourceTokens(item.sep, !flow);
      const tag = item.start.find((t) => t.type === 'tag')?.source;
      const itemPath = [...path, out.length];
      // An entry with no value holds only comments that follow the list.
      const dash = item.start.find((t) => t.type === 'seq-item-ind');
      if (!flow && (item.value || item.key) && !dash) {
        this.error('Sequence item without - indicator', item.value?.offset ?? offset, 1);
      }
      if (!flow && dash) {
        const column = this.columnOf(dash.offset);
        itemColumn ??= column;
        if (column !== itemColumn) this.error('All sequence items must start at the same column', dash.offset, 1);
      }
      let value: ValueNode | undefined;
      if (item.value) value = this.value(item.value, itemPath, tag);
      else if (!item.key && dash) value = nullAt(dash.offset + 1, itemPath);
      if (item.key) this.valueEndOf(item.key);
      if (!value) continue;
      out.push(value);
      end = Math.max(end, value.end);
    }
    return { kind: 'array', items: out, flow, path, start: offset, end: closeEnd ?? end };
  }

  private columnOf(offset: number): number {
    return offset - (this.text.lastIndexOf('\n', offset - 1) + 1);
  }

  /** The structural errors `yaml`'s composer reports and its parser leaves to it. */
  private checkBlockMapItem(item: CST.CollectionItem): void {
    const key = item.key;
    const explicit = 'explicitKey' in item;
    const hasIndicator = item.sep?.some((t) => t.type === 'map-value-ind') ?? false;
    if (!hasIndicator && !explicit) {
      const at = key?.offset ?? item.value?.offset;
      if (at !== undefined) this.error('Implicit map keys need to be followed by map values', at, 1);
      return;
    }
    if (key && !explicit && 'source' in key && typeof key.source === 'string' && key.source.includes('\n')) {
      this.error('Implicit keys need to be on a single line', key.offset, 1);
    }
    const value = item.value;
    if (value && (value.type === 'block-map' || value.type === 'block-seq') && !item.sep?.some((t) => t.type === 'newline')) {
      if (value.type === 'block-map') this.error('Nested mappings are not allowed in compact mappings', value.offset, 1);
    }
  }

  /** Visits a token only for its comments and errors (keys that are not plain strings). */
  private valueEndOf(token: Token): void {
    this.value(token, []);
  }
}

function nullAt(offset: number, path: NodePath): ValueNode {
  return { kind: 'null', value: null, path, start: offset, end: offset };
}

function itemEnd(item: CST.CollectionItem): number {
  const token = item.value ?? item.key;
  if (!token) return 0;
  if ('source' in token && typeof token.source === 'string') return token.offset + token.source.length;
  return token.offset + 1;
}
