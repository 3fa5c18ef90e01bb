/**
 * YAML to the positioned model straight from `yaml`'s concrete syntax tree: no Document, no composed nodes, no
 * alias resolution. That skips most of the cost of `parseDocument` and keeps no token tree once a file is read.
 * Plain scalars resolve with the YAML 1.2 core schema, as `yaml` does by default.
 */
import { CST, Parser } from 'yaml';
import type { Comment, NodePath, ParsedDocument, ParsedFile, ParseError, Prop, QuoteStyle, Span, ValueNode } from '../model';
import { childPath, getProp } from '../model';
import { holdsPlaceholder, maskPlaceholders } from '../placeholders';
import { MAX_YAML_ALIASES } from '../limits';
import { binaryError, ConversionGuard, LimitReached, NESTING_TOTAL_MESSAGE, shortKey, unread, yamlNestingError } from './guards';

type Token = CST.Token;
type SourceToken = CST.SourceToken;

export function parseYaml(text: string): ParsedFile {
  const binary = binaryError(text, 'yaml');
  if (binary) return unread('yaml', text, binary);
  const { text: masked, masked: maskedSpans } = maskPlaceholders(text);
  // Obvious hostile nesting is refused before the parser spends seconds on it; the converter checks exactly.
  const tooDeep = yamlNestingError(masked);
  if (tooDeep) return unread('yaml', text, tooDeep);
  return readInChunksIfYouCan(text, masked, maskedSpans) ?? readWhole(text, masked, maskedSpans);
}

/** The two ways of reading a file, for the tests that compare them (readers without the checks parseYaml makes first). */
export const yamlReadings = {
  whole: (text: string): ParsedFile => {
    const { text: masked, masked: spans } = maskPlaceholders(text);
    return readWhole(text, masked, spans);
  },
  /** Undefined when the file is not a tenant whose clients list can be read in pieces. */
  inChunks: (text: string): ParsedFile | undefined => {
    const { text: masked, masked: spans } = maskPlaceholders(text);
    return readInChunksIfYouCan(text, masked, spans);
  },
};

function readInChunksIfYouCan(text: string, masked: string, maskedSpans: readonly Span[]): ParsedFile | undefined {
  const list = findClientList(masked);
  return list && readInChunks(text, masked, maskedSpans, list);
}

function readWhole(text: string, masked: string, maskedSpans: readonly Span[]): ParsedFile {
  const converter = new Converter(text, maskedSpans);
  const documents = readDocuments(converter, masked, text.length);
  return { format: 'yaml', documents, errors: converter.errors, comments: sortedComments(converter.comments) };
}

function readDocuments(converter: Converter, source: string, textLength: number): ParsedDocument[] {
  const documents: ParsedDocument[] = [];
  let pendingStart = -1;
  for (const token of new Parser().parse(source)) {
    if (token.type === 'document') {
      if (pendingStart >= 0) documents[documents.length - 1] = closeDocument(documents[documents.length - 1]!, token.offset);
      converter.sourceTokens(token.start);
      const root = token.value ? converter.document(token.value) : undefined;
      converter.endTokens(token.end);
      documents.push({ root, span: { start: token.offset, end: textLength } });
      pendingStart = token.offset;
    } else if (token.type === 'error') {
      converter.error(token.message, token.offset, token.source.length);
    } else if (token.type === 'doc-end') {
      converter.endTokens(token.end);
    } else if (token.type === 'comment') {
      converter.comment(token);
    }
  }
  return documents;
}

function sortedComments(comments: Comment[]): Comment[] {
  return comments.sort((a, b) => a.span.start - b.span.start);
}

/**
 * Where a deploy-cli tenant's `clients:` list lies, found in the text alone: the key at the top level of a
 * single-document file, its block list's entries (each from its dash line to the next one at the same column)
 * and the line where the next top-level key starts.
 */
interface ClientListLayout {
  readonly keyStart: number;
  /** The list's lines: from the line after the key to the next top-level key (or the end of the file). */
  readonly region: Span;
  /** Each entry's lines (comment lines before an entry's dash belong to the entry before it). */
  readonly entries: readonly Span[];
}

const CLIENTS_KEY = /^clients:[ \t]*(?:#[^\r\n]*)?\r?\n/m;
/** Document markers and directives: a file with several documents is read whole. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.|%)/m;

function findClientList(text: string): ClientListLayout | undefined {
  const key = CLIENTS_KEY.exec(text);
  if (!key || DOCUMENT_MARKER.test(text)) return undefined;
  const regionStart = key.index + key[0].length;
  const entries: Span[] = [];
  let entryStart = regionStart;
  let dashColumn = -1;
  let regionEnd = text.length;
  for (let lineStart = regionStart; lineStart < text.length; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const next = lineEnd + 1;
    let i = lineStart;
    while (i < lineEnd && text.charCodeAt(i) === 0x20) i++;
    const c = text.charCodeAt(i);
    // Blank and comment lines belong to whatever entry they are in.
    if (i >= lineEnd || c === 0x0d || c === 0x23) {
      lineStart = next;
      continue;
    }
    if (c === 0x09) return undefined; // a tab in the indentation: the whole reader reports it
    const column = i - lineStart;
    const after = text.charCodeAt(i + 1);
    const dash = c === 0x2d && (i + 1 >= lineEnd || after === 0x20 || after === 0x0d);
    if (dashColumn < 0) {
      if (!dash) return undefined;
      dashColumn = column;
    } else if (column === dashColumn && dash) {
      entries.push({ start: entryStart, end: lineStart });
      entryStart = lineStart;
    } else if (column <= dashColumn) {
      // Only a top-level key may end the list; anything else at or left of the dashes is read whole.
      if (column !== 0 || dash) return undefined;
      regionEnd = lineStart;
      break;
    }
    lineStart = next;
  }
  if (dashColumn < 0) return undefined;
  entries.push({ start: entryStart, end: regionEnd });
  return { keyStart: key.index, region: { start: regionStart, end: regionEnd }, entries };
}

/**
 * Reads a tenant's clients list one entry at a time, each entry through its own parser run (offsets kept by
 * starting the parser at the entry's offset), and the rest of the file with the list's lines blanked. Each
 * entry's syntax tree is garbage as soon as the entry is converted, so a large tenant never holds the tree of
 * the whole file: that is most of the cost of reading one whole. Any error, or any doubt that the pieces read
 * as the whole would, gives undefined, and the file is read whole (test/engine/yaml-reader.test.ts compares the
 * two readings).
 */
function readInChunks(text: string, masked: string, maskedSpans: readonly Span[], list: ClientListLayout): ParsedFile | undefined {
  const { region } = list;
  if (region.end <= region.start) return undefined;
  const skeleton = masked.slice(0, region.start) + ' '.repeat(region.end - region.start - 1) + '\n' + masked.slice(region.end);
  const converter = new Converter(text, maskedSpans);
  const documents = readDocuments(converter, skeleton, text.length);
  const root = documents[0]?.root;
  if (converter.errors.length > 0 || documents.length !== 1 || root?.kind !== 'object' || root.flow) return undefined;
  // The property that counts (the last `clients` key), which must be the one the scan found.
  const prop = getProp(root, 'clients');
  if (!prop || prop.keySpan.start !== list.keyStart || prop.value.kind !== 'null') return undefined;
  const index = root.props.indexOf(prop);
  const array = converter.listInEntries(masked, list.entries, prop.value.path);
  if (!array || converter.errors.length > 0) return undefined;
  const props = root.props.slice();
  props[index] = { key: prop.key, keySpan: prop.keySpan, value: array };
  const whole: ValueNode = { ...root, props, end: Math.max(root.end, array.end) };
  return { format: 'yaml', documents: [{ root: whole, span: documents[0]!.span }], errors: [], comments: sortedComments(converter.comments) };
}

function closeDocument(doc: ParsedDocument, end: number): ParsedDocument {
  return { root: doc.root, span: { start: doc.span.start, end } };
}

const BAD_PLAIN_START = /^[\t,%|>@`]/;
const CONTENT_TOKENS = new Set<string>(['scalar', 'single-quoted-scalar', 'double-quoted-scalar', 'block-scalar', 'alias', 'flow-collection', 'block-map', 'block-seq']);
const QUOTES: Partial<Record<string, QuoteStyle>> = { QUOTE_DOUBLE: 'double', QUOTE_SINGLE: 'single' };
const NULL = /^(?:~|null|Null|NULL)?$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const OCT = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/** Where a list being read has got to: its end so far and its items' column. */
interface ListState {
  end: number;
  itemColumn: number | undefined;
}

class Converter {
  readonly errors: ParseError[] = [];
  readonly comments: Comment[] = [];
  private readonly guard = new ConversionGuard();
  /** The file's total nesting budget is spent: later documents are not read either. */
  private exhausted = false;
  private aliases = 0;

  constructor(
    private readonly text: string,
    private readonly masked: readonly Span[],
  ) {}

  /** A document's root, or undefined (and one error) when the document breaks a limit. */
  document(token: Token): ValueNode | undefined {
    if (this.exhausted) return undefined;
    this.guard.resetDepth();
    try {
      return this.value(token, []);
    } catch (error) {
      if (!(error instanceof LimitReached)) throw error;
      this.errors.push(error.parseError);
      if (error.parseError.message === NESTING_TOTAL_MESSAGE) this.exhausted = true;
      return undefined;
    }
  }

  /** Aliases are never expanded; a file with very many anchors and aliases is still worth a word. */
  private countAlias(offset: number, length: number): void {
    if (++this.aliases !== MAX_YAML_ALIASES + 1) return;
    this.errors.push({
      message: `More than ${MAX_YAML_ALIASES} YAML anchors and aliases: this looks like an alias bomb ("billion laughs"); use fewer.`,
      span: { start: offset, end: offset + Math.max(1, length) },
    });
  }

  error(message: string, offset: number, length: number): void {
    this.errors.push({ message: `YAML syntax error: ${message.split('\n', 1)[0]}`, span: { start: offset, end: offset + Math.max(1, length) } });
  }

  /** Records comments (own-line ones only: the only place a suppression comment goes) and error tokens. */
  sourceTokens(tokens: readonly Token[] | undefined, block = false): void {
    if (!tokens) return;
    for (const token of tokens) {
      if (block && token.type === 'space' && (token as SourceToken).source.includes('\t')) this.checkTabIndent(token as SourceToken);
      if (token.type === 'comment') this.comment(token as SourceToken);
      else if (token.type === 'anchor') this.countAlias(token.offset, (token as SourceToken).source.length);
      else if (token.type === 'error') this.error((token as CST.ErrorToken).message, token.offset, (token as CST.ErrorToken).source.length);
      // Content among an item's indicators and properties (`"a" b: c` leaves `b` there): the composer rejects it.
      else if (CONTENT_TOKENS.has(token.type) || (block && token.type === 'comma')) this.error(`Unexpected ${token.type} token`, token.offset, 1);
    }
  }

  /**
   * The tokens after a node: only space, line breaks and comments may stand there (the composer's resolveEnd). A
   * stray token, such as a quote after a quoted scalar, is an error, not something to skip silently.
   */
  endTokens(tokens: readonly Token[] | undefined): void {
    if (!tokens) return;
    for (const token of tokens) {
      if (token.type === 'space' || token.type === 'newline') continue;
      if (token.type === 'comment') this.comment(token as SourceToken);
      else if (token.type === 'error') this.error((token as CST.ErrorToken).message, token.offset, (token as CST.ErrorToken).source.length);
      else this.error(`Unexpected ${token.type} at node end`, token.offset, 'source' in token && typeof token.source === 'string' ? token.source.length : 1);
    }
  }

  /** Block indentation must be spaces; a tab there changes the structure the author sees. */
  private checkTabIndent(token: SourceToken): void {
    const atLineStart = token.offset === 0 || this.text[token.offset - 1] === '\n';
    const next = this.text[token.offset + token.source.length];
    // A tab at the very end of the file counts too: the composer reads it as the indentation of an empty value.
    if (atLineStart && next !== '#' && next !== '\n' && next !== '\r') {
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
    this.guard.charge(path.length, token.offset);
    const collection = token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
    if (!collection) return this.leaf(token, path, tag);
    // Keys may be collections too (`? [a]`): the guard counts every level the converter recurses through.
    this.guard.enter(token.offset);
    try {
      return this.collection(token, path);
    } finally {
      this.guard.leave();
    }
  }

  private collection(token: CST.BlockMap | CST.BlockSequence | CST.FlowCollection, path: NodePath): ValueNode | undefined {
    switch (token.type) {
      case 'block-map':
        return this.mapping(token.items, path, token.offset, false, undefined);
      case 'block-seq':
        return this.sequence(token.items, path, token.offset, false, undefined);
      case 'flow-collection': {
        // As the composer reads it: the first end token must be the matching bracket; what follows it may only
        // be space, line breaks and comments.
        const expected = token.start.source === '{' ? '}' : ']';
        const [first, ...rest] = token.end;
        const close = first?.source === expected ? first : undefined;
        if (!close) {
          this.error(`missing closing ${expected}`, token.offset, 1);
          if (first && first.source.length !== 1) rest.unshift(first);
        }
        this.endTokens(rest);
        // An unclosed collection ends at its last item (or just after its bracket).
        // (A loop, not Math.max(...items): an unclosed list may hold more items than a call's arguments.)
        let end = token.offset + 1;
        if (close) end = close.offset + 1;
        else for (const item of token.items) end = Math.max(end, itemEnd(item));
        return token.start.source === '{'
          ? this.mapping(token.items, path, token.offset, true, end)
          : this.sequence(token.items, path, token.offset, true, end);
      }
    }
  }

  private leaf(token: Token, path: NodePath, tag: string | undefined): ValueNode | undefined {
    switch (token.type) {
      case 'alias':
        this.countAlias(token.offset, token.source.length);
        this.endTokens(token.end);
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
    if (token.type !== 'block-scalar') this.endTokens(token.end);
    const { value: raw, quote, end } = this.scalarText(token);
    const span = { start: token.offset, end };
    if (token.type === 'scalar' && tag !== '!!str' && mayBeNonString(raw)) {
      if (NULL.test(raw)) return { kind: 'null', value: null, path, ...span };
      if (BOOL.test(raw)) return { kind: 'boolean', value: raw[0] === 't' || raw[0] === 'T', path, ...span };
      if (INT.test(raw) || FLOAT.test(raw)) return { kind: 'number', value: Number(raw), path, ...span };
      if (OCT.test(raw)) return { kind: 'number', value: parseInt(raw.slice(2), 8), path, ...span };
      if (HEX.test(raw)) return { kind: 'number', value: parseInt(raw.slice(2), 16), path, ...span };
      if (SPECIAL_FLOAT.test(raw)) return { kind: 'number', value: raw.includes('nan') || raw.includes('NaN') || raw.includes('NAN') ? NaN : raw.startsWith('-') ? -Infinity : Infinity, path, ...span };
    }
    const placeholder = holdsPlaceholder(span.start, span.end, raw, this.masked);
    return { kind: 'string', value: raw, quote, placeholder, path, ...span };
  }

  /** A scalar's value; single-line scalars without escapes are read directly, the rest by `yaml`. */
  private scalarText(token: CST.FlowScalar | CST.BlockScalar): { value: string; quote: QuoteStyle; end: number } {
    if (token.type !== 'block-scalar') {
      const source = token.source;
      const end = token.offset + source.length;
      if (!source.includes('\n')) {
        // A plain scalar may not start with these; `yaml` reports it, so such a scalar takes the slow path.
        if (token.type === 'scalar' && !BAD_PLAIN_START.test(source)) return { value: source, quote: 'plain', end };
        if (token.type === 'double-quoted-scalar' && source.length >= 2 && source.endsWith('"') && !source.includes('\\')) {
          return { value: source.slice(1, -1), quote: 'double', end };
        }
        if (token.type === 'single-quoted-scalar' && source.length >= 2 && source.endsWith("'") && !source.slice(1, -1).includes("'")) {
          return { value: source.slice(1, -1), quote: 'single', end };
        }
      }
    }
    const resolved = CST.resolveAsScalar(token, false, (offset, _code, message) => this.error(message, offset, 1));
    const end = token.type === 'block-scalar' ? resolved.range[1] : token.offset + token.source.length;
    return { value: resolved.value, quote: QUOTES[resolved.type ?? ''] ?? 'plain', end };
  }

  private mapping(items: readonly CST.CollectionItem[], path: NodePath, offset: number, flow: boolean, closeEnd: number | undefined): ValueNode {
    const props: Prop[] = [];
    const seen = new Set<string>();
    let itemColumn: number | undefined;
    let end = offset;
    for (const [index, item] of items.entries()) {
      this.sourceTokens(item.start, !flow);
      this.sourceTokens(item.sep, !flow);
      const keyToken = item.key;
      if (!flow) this.checkBlockMapItem(item);
      else this.checkFlowItem(item, index, items.length, true);
      // An item starts at its first indicator or property (`? key`, `!!str key`, `&a key`), else at its key.
      const keyStart = item.start.find((t) => t.type === 'explicit-key-ind' || t.type === 'tag' || t.type === 'anchor')?.offset ?? keyToken?.offset;
      if (!flow && keyStart !== undefined) {
        const column = this.columnOf(keyStart);
        itemColumn ??= column;
        if (column !== itemColumn) this.error('All mapping items must start at the same column', keyStart, 1);
      }
      if (!keyToken || !CST.isScalar(keyToken)) {
        if (keyToken) this.valueEndOf(keyToken);
        if (item.value) this.value(item.value, path);
        continue;
      }
      const keyText = CST.resolveAsScalar(keyToken, false, (o, _c, m) => this.error(m, o, 1)).value;
      const keySpan = { start: keyToken.offset, end: keyToken.offset + (keyToken.type === 'block-scalar' ? 0 : keyToken.source.length) };
      if (keyToken.type !== 'block-scalar') this.sourceTokens(keyToken.end);
      if (seen.has(keyText)) this.errors.push({ message: `YAML syntax error: Map keys must be unique ('${shortKey(keyText)}' appears twice; the last one counts)`, span: keySpan });
      seen.add(keyText);
      const keyPath = childPath(path, keyText);
      const indicator = item.sep?.find((t) => t.type === 'map-value-ind');
      const tag = item.sep?.find((t) => t.type === 'tag')?.source;
      const value = item.value
        ? this.value(item.value, keyPath, tag)
        : nullAt(indicator ? afterSpaces(item.sep ?? [], indicator) : keySpan.end, keyPath);
      if (!value) continue;
      props.push({ key: keyText, keySpan, value });
      end = Math.max(end, value.end, keySpan.end);
    }
    // A block mapping starts at its first item, even one whose key is not a string (`? [a]`, `: b`).
    const first = items[0];
    const firstStart =
      first &&
      (first.start.find((t) => t.type === 'explicit-key-ind' || t.type === 'tag' || t.type === 'anchor')?.offset ?? first.key?.offset ?? first.sep?.find((t) => t.type === 'map-value-ind')?.offset);
    const blockStart = Math.min(props[0]?.keySpan.start ?? Infinity, firstStart ?? Infinity);
    const start = flow || blockStart === Infinity ? offset : blockStart;
    return { kind: 'object', props, flow, path, start, end: closeEnd ?? end };
  }

  private sequence(items: readonly CST.CollectionItem[], path: NodePath, offset: number, flow: boolean, closeEnd: number | undefined): ValueNode {
    const out: ValueNode[] = [];
    const state: ListState = { end: offset, itemColumn: undefined };
    this.sequenceItems(items, path, offset, flow, out, state);
    return { kind: 'array', items: out, flow, path, start: offset, end: closeEnd ?? state.end };
  }

  /**
   * A block list read one entry at a time (see readInChunks): each entry's text is parsed on its own with the
   * parser's offsets starting at the entry, and its items are added to one list, as the whole reading would.
   * Undefined when an entry does not read as list entries at the top of its text.
   */
  listInEntries(masked: string, entries: readonly Span[], path: NodePath): ValueNode | undefined {
    const out: ValueNode[] = [];
    const state: ListState = { end: 0, itemColumn: undefined };
    let start: number | undefined;
    try {
      // As deep as the whole reading is here: inside the root mapping and the list.
      this.guard.resetDepth();
      this.guard.enter(0);
      for (const entry of entries) {
        const parser = new Parser();
        parser.offset = entry.start;
        let documents = 0;
        for (const token of parser.parse(masked.slice(entry.start, entry.end))) {
          if (token.type === 'document') {
            if (++documents > 1 || token.value?.type !== 'block-seq') return undefined;
            this.sourceTokens(token.start);
            if (start === undefined) {
              start = token.value.offset;
              state.end = start;
              this.guard.charge(path.length, start);
              this.guard.enter(start);
            }
            this.sequenceItems(token.value.items, path, token.value.offset, false, out, state);
            this.endTokens(token.end);
          } else if (token.type === 'error') {
            this.error(token.message, token.offset, token.source.length);
          } else if (token.type === 'comment') {
            this.comment(token);
          } else if (token.type !== 'space' && token.type !== 'newline') return undefined;
        }
        if (this.errors.length > 0) return undefined;
      }
    } catch (error) {
      if (error instanceof LimitReached) return undefined;
      throw error;
    }
    return start === undefined ? undefined : { kind: 'array', items: out, flow: false, path, start, end: state.end };
  }

  private sequenceItems(items: readonly CST.CollectionItem[], path: NodePath, offset: number, flow: boolean, out: ValueNode[], state: ListState): void {
    for (const [index, item] of items.entries()) {
      this.sourceTokens(item.start, !flow);
      this.sourceTokens(item.sep, !flow);
      if (flow) this.checkFlowItem(item, index, items.length, false);
      const tag = item.start.find((t) => t.type === 'tag')?.source;
      const itemPath = childPath(path, out.length);
      if (flow && (item.sep !== undefined || item.start.some((t) => t.type === 'explicit-key-ind'))) {
        // `[key: value]`: a flow sequence item that is a one-pair mapping, as the composer reads it.
        const pair = this.flowPair(item, itemPath);
        out.push(pair);
        state.end = Math.max(state.end, pair.end);
        continue;
      }
      // An entry with no value holds only comments that follow the list.
      const dash = item.start.find((t) => t.type === 'seq-item-ind');
      if (!flow && (item.value || item.key) && !dash) {
        this.error('Sequence item without - indicator', item.value?.offset ?? offset, 1);
      }
      if (!flow && dash) {
        const column = this.columnOf(dash.offset);
        state.itemColumn ??= column;
        if (column !== state.itemColumn) this.error('All sequence items must start at the same column', dash.offset, 1);
      }
      let value: ValueNode | undefined;
      if (item.value) value = this.value(item.value, itemPath, tag);
      else if (!item.key && dash) value = nullAt(afterSpaces(item.start, dash), itemPath);
      if (item.key) this.valueEndOf(item.key);
      if (!value) continue;
      out.push(value);
      state.end = Math.max(state.end, value.end);
    }
  }

  /** A `key: value` item of a flow sequence as the one-pair mapping the composer makes of it. */
  private flowPair(item: CST.CollectionItem, path: NodePath): ValueNode {
    const keyToken = item.key;
    const start = keyToken?.offset ?? item.value?.offset ?? item.start[item.start.length - 1]?.offset ?? 0;
    if (!keyToken || !CST.isScalar(keyToken)) {
      if (keyToken) this.valueEndOf(keyToken);
      const value = item.value ? this.value(item.value, path) : undefined;
      return { kind: 'object', props: [], flow: true, path, start, end: value?.end ?? start };
    }
    const keyText = this.scalarText(keyToken).value;
    const keySpan = { start: keyToken.offset, end: keyToken.offset + (keyToken.type === 'block-scalar' ? 0 : keyToken.source.length) };
    if (keyToken.type !== 'block-scalar') this.endTokens(keyToken.end);
    const indicator = item.sep?.find((t) => t.type === 'map-value-ind');
    const keyPath = childPath(path, keyText);
    const value = (item.value && this.value(item.value, keyPath)) || nullAt(indicator ? afterSpaces(item.sep ?? [], indicator) : keySpan.end, keyPath);
    const end = Math.max(value.end, keySpan.end);
    return { kind: 'object', props: [{ key: keyText, keySpan, value }], flow: true, path, start: keySpan.start, end };
  }

  /** The composer's checks on a flow collection's items: commas, `:` separators, no block collections inside. */
  private checkFlowItem(item: CST.CollectionItem, index: number, count: number, isMap: boolean): void {
    const name = isMap ? 'flow map' : 'flow sequence';
    const comma = item.start.find((t) => t.type === 'comma');
    const explicit = item.start.some((t) => t.type === 'explicit-key-ind');
    const props = item.start.some((t) => t.type === 'anchor' || t.type === 'tag');
    const firstOffset = item.start.find((t) => t.type !== 'space' && t.type !== 'newline' && t.type !== 'comma' && t.type !== 'comment')?.offset ?? item.key?.offset ?? item.value?.offset ?? comma?.offset ?? 0;
    if (!explicit && !props && !item.key && item.sep === undefined && !item.value) {
      if (index === 0 && comma) this.error(`Unexpected , in ${name}`, comma.offset, 1);
      else if (index < count - 1) this.error(`Unexpected empty item in ${name}`, comma?.offset ?? firstOffset, 1);
      return;
    }
    if (index === 0 && comma) this.error(`Unexpected , in ${name}`, comma.offset, 1);
    const second = item.start.filter((t) => t.type === 'comma')[1];
    if (second) this.error(`Unexpected , in ${name}`, second.offset, 1);
    if (index > 0 && !comma) this.error(`Missing , between ${name} items`, firstOffset, 1);
    const isPair = isMap || item.sep !== undefined || explicit;
    if (isPair && item.value && !item.sep?.some((t) => t.type === 'map-value-ind')) {
      const value = item.value;
      const colonFirst = 'source' in value && typeof value.source === 'string' && value.source.startsWith(':');
      this.error(colonFirst ? `Missing space after : in ${name}` : `Missing , or : between ${name} items`, value.offset, 1);
    }
    for (const token of [item.key, item.value]) {
      if (token && (token.type === 'block-map' || token.type === 'block-seq')) this.error('Block collections are not allowed within flow collections', token.offset, 1);
    }
  }

  private columnOf(offset: number): number {
    return offset - (this.text.lastIndexOf('\n', offset - 1) + 1);
  }

  /** The structural errors `yaml`'s composer reports and its parser leaves to it. */
  private checkBlockMapItem(item: CST.CollectionItem): void {
    const key = item.key;
    const explicit = 'explicitKey' in item || item.start.some((t) => t.type === 'explicit-key-ind');
    const hasIndicator = item.sep?.some((t) => t.type === 'map-value-ind') ?? false;
    if (!hasIndicator && !explicit) {
      const at = key?.offset ?? item.value?.offset ?? item.start.find((t) => t.type === 'tag' || t.type === 'anchor')?.offset;
      if (at !== undefined) this.error('Implicit map keys need to be followed by map values', at, 1);
      return;
    }
    if (key && !explicit && 'source' in key && typeof key.source === 'string' && key.source.includes('\n')) {
      this.error('Implicit keys need to be on a single line', key.offset, 1);
    }
    const value = item.value;
    if (!explicit && value && (value.type === 'block-map' || value.type === 'block-seq') && !item.sep?.some((t) => t.type === 'newline')) {
      if (value.type === 'block-map') this.error('Nested mappings are not allowed in compact mappings', value.offset, 1);
    }
  }

  /** Visits a token only for its comments and errors (keys that are not plain strings). */
  private valueEndOf(token: Token): void {
    this.value(token, []);
  }
}

/** Only these first characters can start a null, boolean or number in the core schema. */
function mayBeNonString(raw: string): boolean {
  if (raw.length === 0) return true;
  const c = raw.charCodeAt(0);
  // digits, + - . ~ and the letters of null/true/false in either case
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70;
}

/** Where the composer places an empty item's null: after the indicator and the spaces that follow it. */
function afterSpaces(tokens: readonly SourceToken[], indicator: SourceToken): number {
  let end = indicator.offset + indicator.source.length;
  for (const token of tokens.slice(tokens.indexOf(indicator) + 1)) {
    if (token.type !== 'space') break;
    end = token.offset + token.source.length;
  }
  return end;
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
