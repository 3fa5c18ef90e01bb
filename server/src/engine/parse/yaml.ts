/**
 * YAML to the positioned model straight from `yaml`'s concrete syntax tree: no Document, no composed nodes. That
 * skips most of the cost of `parseDocument` and keeps no token tree once a file is read. The parts, each readable
 * alone: the conversion (this file), the structural checks the composer would make (yaml-structure.ts), scalars
 * in the core schema (yaml-scalars.ts), anchors, aliases and merge keys (yaml-resolve.ts), and the text scans
 * behind reading a tenant's clients list in chunks (yaml-chunks.ts).
 */
import { CST, Parser } from 'yaml';
import type { Comment, NodePath, ParsedDocument, ParsedFile, ParseError, Prop, Span, ValueNode } from '../model';
import { childPath, getOwnProp, getProp } from '../model';
import { endOfLine, lineOf, startOfLine } from '../text';
import { holdsPlaceholder, maskPlaceholders } from '../placeholders';
import { AliasResolver } from './yaml-resolve';
import { findLongList, findTopLevelList, LONG_LIST_LIMITS, mayHoldAnchors, type ClientListLayout, type LongList, type LongListLimits } from './yaml-chunks';
import { coreSchemaValue, scalarErrors, scalarText, type ScalarErrorSink } from './yaml-scalars';
import { checkBlockMapItem, checkFlowItem, type Report } from './yaml-structure';
import { binaryError, ConversionGuard, LimitReached, NESTING_TOTAL_MESSAGE, shortKey, unread, yamlNestingError } from './guards';

export { mayHoldAnchors } from './yaml-chunks';

type Token = CST.Token;
type SourceToken = CST.SourceToken;

export function parseYaml(text: string): ParsedFile {
  return parseYamlRecovering(text, true);
}

function parseYamlRecovering(text: string, recover: boolean): ParsedFile {
  const binary = binaryError(text, 'yaml');
  if (binary) return unread('yaml', text, binary);
  const { text: masked, masked: maskedSpans } = maskPlaceholders(text);
  // Obvious hostile nesting is refused before the parser spends seconds on it; the converter checks exactly.
  const tooDeep = yamlNestingError(masked);
  if (tooDeep) return unread('yaml', text, tooDeep);
  return readInChunksIfYouCan(text, masked, maskedSpans) ?? readWhole(text, masked, maskedSpans, recover);
}

/** The two ways of reading a file, for the tests that compare them (readers without the checks parseYaml makes first). */
export const yamlReadings = {
  /** As parseYaml, without reading past tab-indented lines (readPastTabLines): the parser's own reading. */
  unrecovered: (text: string): ParsedFile => parseYamlRecovering(text, false),
  whole: (text: string): ParsedFile => {
    const { text: masked, masked: spans } = maskPlaceholders(text);
    return readWhole(text, masked, spans);
  },
  /**
   * Undefined when the file is not a tenant whose clients list can be read in pieces. `limits`: when a client's
   * long list is read in batches (tests make every list long).
   */
  inChunks: (text: string, limits: LongListLimits = LONG_LIST_LIMITS): ParsedFile | undefined => {
    const { text: masked, masked: spans } = maskPlaceholders(text);
    return readInChunksIfYouCan(text, masked, spans, limits);
  },
};

function readInChunksIfYouCan(text: string, masked: string, maskedSpans: readonly Span[], limits: LongListLimits = LONG_LIST_LIMITS): ParsedFile | undefined {
  // An alias may refer to an anchor in another entry: such a file is read whole.
  if (mayHoldAnchors(masked)) return undefined;
  const lists = (['clients', 'clientGrants'] as const).flatMap((key) => findTopLevelList(masked, key) ?? []);
  return lists.length > 0 ? readInChunks(text, masked, maskedSpans, lists, limits) : undefined;
}

function readWhole(text: string, masked: string, maskedSpans: readonly Span[], recover = true): ParsedFile {
  const first = convert(text, masked, maskedSpans);
  if (!recover || first.errors.length === 0 || text.length > LINE_RECOVERY_MAX_LENGTH) return first;
  return readPastTabLines(text, masked, maskedSpans, first);
}

/** One reading of the (masked) text. */
function convert(text: string, masked: string, maskedSpans: readonly Span[]): ParsedFile {
  const converter = new Converter(text, maskedSpans);
  const documents = readDocuments(converter, masked, text.length);
  const anchors = converter.resolver.anchors;
  const errors = oneSyntaxErrorPerLine(text, converter.errors);
  return { format: 'yaml', documents, errors, comments: sortedComments(converter.comments), ...strays(converter), ...(anchors.length > 0 ? { anchors } : {}) };
}

const TAB_INDENT = 'Tabs are not allowed as indentation';

/**
 * Files above this many characters are not read again past a tab line: each try is a reading of the whole file,
 * and an editor re-reads a file whole after every keystroke that leaves it broken.
 */
const LINE_RECOVERY_MAX_LENGTH = 1_000_000;
/** How many tab lines are read past, at most. */
const LINE_RECOVERY_ROUNDS = 8;

type LineForm = 'blank' | 'column0' | 'spaces';
const LINE_FORMS: readonly LineForm[] = ['blank', 'column0', 'spaces'];

/**
 * A line indented with a tab throws yaml's recovery off for the rest of the file: every later client turned into
 * one unreadable key, unchecked though nothing is wrong with it. So the file is read again with such a line
 * rewritten, offsets kept (withLinesRewritten): as blank, as a list item moved to column 0, or with its tabs as
 * spaces, whichever reading has the fewest errors, kept when that is fewer than before; then the next tab line, for
 * a few rounds. The result counts only when nothing else is left broken; else the parser's own reading stands.
 * Each tab line keeps one parse-error over its text, so the entry whose text holds it gets no findings (lint.ts
 * clientsHoldingErrors), and the text around it is read as written.
 */
function readPastTabLines(text: string, masked: string, maskedSpans: readonly Span[], first: ParsedFile): ParsedFile {
  const rewritten = new Map<number, { error: ParseError; form: LineForm }>();
  let reading = first;
  let cost = errorsOffLines(first, new Set(), text, first);
  for (let round = 0; round < LINE_RECOVERY_ROUNDS && cost > 0; round++) {
    // The earliest error on a line a tab indents (a tab inside a flow list makes yaml report the list's opening
    // line first), off the lines rewritten so far. Only such lines are read past: any other broken line may be one
    // being typed, whose own reading (a list or quote still open) hover and completion work on.
    const culprit = reading.errors
      .filter((e) => !e.exact && !rewritten.has(startOfLine(text, e.span.start)) && /^ *\t/.test(text.slice(startOfLine(text, e.span.start), e.span.start + 1)))
      .reduce<ParseError | undefined>((min, e) => (!min || e.span.start < min.span.start ? e : min), undefined);
    if (!culprit) break;
    const lineStart = startOfLine(text, culprit.span.start);
    const item = isListItemLine(text, lineStart);
    // A list item moves to column 0 (what else would read it as blank); other lines may be read as blank.
    // Judged on the text as read so far (lines already read past are blank or moved).
    const sofar = withLinesRewritten(text, new Map([...rewritten].map(([start, r]) => [start, r.form] as const)));
    const forms = LINE_FORMS.filter((form) => (form === 'column0' ? item : form === 'blank' ? !item && mayReadAsBlank(sofar, lineStart) : true));
    let best: { reading: ParsedFile; form: LineForm; cost: number } | undefined;
    for (const form of forms) {
      const lines = new Map<number, LineForm>([...[...rewritten].map(([start, r]) => [start, r.form] as const), [lineStart, form]]);
      const next = convert(withLinesRewritten(text, lines), withLinesRewritten(masked, lines), maskedSpans);
      const nextCost = errorsOffLines(next, new Set(lines.keys()), text, first);
      if (!best || nextCost < best.cost) best = { reading: next, form, cost: nextCost };
      if (nextCost === 0) break;
    }
    // A form that leaves fewer errors is kept (the next tab line's own errors and their cascade may remain, for the
    // rounds that follow); in the end only a reading with no error left counts (below).
    if (!best || best.cost >= cost) break;
    rewritten.set(lineStart, { error: lineError(text, lineStart), form: best.form });
    reading = best.reading;
    cost = best.cost;
  }
  // Every tab line read past, and nothing else broken: else the parser's own reading (no guess at the rest).
  if (rewritten.size === 0 || errorsOffLines(reading, new Set(rewritten.keys()), text, first) > 0) return first;
  const kept = reading.errors.filter((e) => e.exact || !rewritten.has(startOfLine(text, e.span.start)));
  return { ...reading, errors: [...[...rewritten.values()].map((r) => r.error), ...kept].sort((a, b) => a.span.start - b.span.start) };
}

/**
 * How many errors of a reading lie off the given lines (by their start offsets): those not read exactly, and those
 * read exactly that the first reading did not have (a duplicate key made by joining two entries).
 */
function errorsOffLines(parsed: ParsedFile, lines: ReadonlySet<number>, text: string, first?: ParsedFile): number {
  const had = new Set(first?.errors.filter((e) => e.exact).map((e) => `${e.span.start}:${e.message}`));
  return parsed.errors.filter((e) => !lines.has(startOfLine(text, e.span.start)) && (!e.exact || (first !== undefined && !had.has(`${e.span.start}:${e.message}`)))).length;
}

/**
 * Whether a line may be read as blank: not a list item (its text would join the entry before it, which would then
 * lose its findings or hold its keys twice), and not followed by a line indented deeper than the line before it
 * (that line would read on as part of the value before the blank one: a method `none` becoming `none cl`).
 */
function mayReadAsBlank(text: string, lineStart: number): boolean {
  if (isListItemLine(text, lineStart)) return false;
  const lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd < 0) return true;
  const next = /^(?:[ \t]*\r?\n)*([ \t]*)\S/.exec(text.slice(lineEnd + 1));
  // The line before, whose value the next one would continue (blank lines skipped).
  const before = /([ \t]*)\S[^\n]*\n(?:[ \t]*\r?\n)*$/.exec(text.slice(0, lineStart));
  return next === null || before === null || next[1]!.length <= before[1]!.length;
}

/** Whether the line starting at `lineStart` is a block list item (`- x`, `-` alone). */
function isListItemLine(text: string, lineStart: number): boolean {
  return /^[ \t]*-(?:[ \t]|\r?\n|$)/.test(text.slice(lineStart, lineStart + 200));
}

/**
 * The parse error of a tab line read past (readPastTabLines): "Tabs are not allowed as indentation", from the
 * line's start to its end (the line is what was rewritten, so the entry holding any of it holds the error).
 */
function lineError(text: string, lineStart: number): ParseError {
  return { message: `YAML syntax error: ${TAB_INDENT}`, span: { start: lineStart, end: Math.max(endOfLine(text, lineStart), lineStart + 1) } };
}

/**
 * The text with each line starting at a key of `lines` rewritten in its form, its length and line break kept:
 * `blank` all spaces; `column0` its text moved to the line's start, spaces after (only list items are: a key
 * there would end the list as a top-level key of its own); `spaces` each tab of its indentation a space.
 */
function withLinesRewritten(text: string, lines: ReadonlyMap<number, LineForm>): string {
  let out = '';
  let at = 0;
  for (const lineStart of [...lines.keys()].sort((a, b) => a - b)) {
    if (lineStart < at) continue;
    const end = endOfLine(text, lineStart);
    const line = text.slice(lineStart, end);
    const indent = /^[ \t]*/.exec(line)![0];
    const form = lines.get(lineStart)!;
    const rewrittenLine =
      form === 'blank' ? ' '.repeat(line.length) : form === 'column0' ? line.slice(indent.length) + ' '.repeat(indent.length) : indent.replace(/\t/g, ' ') + line.slice(indent.length);
    out += text.slice(at, lineStart) + rewrittenLine;
    at = end;
  }
  return out + text.slice(at);
}

/**
 * The parser's syntax errors, each one after the first on its line marked as its cascade (ParseError.cascade: kept,
 * so the client holding it still gets only parse-error, but not reported): one mistake such as a tab used as
 * indentation trips several of yaml's checks on the same line ("Tabs are not allowed", "All mapping items must
 * start at the same column", "Nested mappings are not allowed in compact mappings"). Errors read exactly (a
 * duplicate key) are never marked.
 */
function oneSyntaxErrorPerLine(text: string, errors: ParseError[]): ParseError[] {
  if (errors.length < 2) return errors;
  const byStart = errors.map((error, index) => ({ error, index })).sort((a, b) => a.error.span.start - b.error.span.start || a.index - b.index);
  const cascades = new Set<number>();
  let lineEnd = -1;
  for (const { error, index } of byStart) {
    if (error.exact) continue;
    if (error.span.start <= lineEnd) {
      cascades.add(index);
      continue;
    }
    const next = text.indexOf('\n', error.span.start);
    lineEnd = next < 0 ? text.length : next;
  }
  return cascades.size === 0 ? errors : errors.map((error, index) => (cascades.has(index) ? { ...error, cascade: true as const } : error));
}

function readDocuments(converter: Converter, source: string, textLength: number): ParsedDocument[] {
  const documents: ParsedDocument[] = [];
  let pendingStart = -1;
  for (const token of new Parser().parse(source)) {
    if (token.type === 'document') {
      if (pendingStart >= 0) documents[documents.length - 1] = closeDocument(documents[documents.length - 1]!, token.offset);
      converter.sourceTokens(token.start);
      const root = token.value ? converter.document(token.value, anchorOf(token.start)) : undefined;
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

/** The converter's stray directives, when it met any (absent otherwise, as in most files). */
function strays(converter: Converter): Pick<ParsedFile, 'strayDirectives'> {
  return converter.strayDirectives.length > 0 ? { strayDirectives: sortedComments(converter.strayDirectives) } : {};
}

function sortedComments(comments: Comment[]): Comment[] {
  return comments.sort((a, b) => a.span.start - b.span.start);
}

/**
 * Reads a tenant's clients list and client grants list one entry at a time, each entry through its own parser
 * run (offsets kept by starting the parser at the entry's offset), and the rest of the file with the lists' lines
 * blanked. Each entry's syntax tree is garbage as soon as the entry is converted, so a large tenant never holds
 * the tree of the whole file: that is most of the cost of reading one whole. Any error, or any doubt that the
 * pieces read as the whole would, gives undefined, and the file is read whole (test/engine/yaml-reader.test.ts
 * compares the two readings).
 */
function readInChunks(text: string, masked: string, maskedSpans: readonly Span[], lists: readonly ClientListLayout[], limits: LongListLimits): ParsedFile | undefined {
  if (lists.some((list) => list.region.end <= list.region.start)) return undefined;
  const ordered = [...lists].sort((a, b) => a.region.start - b.region.start);
  // Each list's lines blanked (a list found inside another's region is not a list of the file: read whole).
  let skeleton = '';
  let at = 0;
  for (const { region } of ordered) {
    if (region.start < at) return undefined;
    skeleton += masked.slice(at, region.start) + ' '.repeat(region.end - region.start - 1) + '\n';
    at = region.end;
  }
  skeleton += masked.slice(at);
  const converter = new Converter(text, maskedSpans);
  const documents = readDocuments(converter, skeleton, text.length);
  const root = documents[0]?.root;
  if (converter.errors.length > 0 || documents.length !== 1 || root?.kind !== 'object' || root.flow) return undefined;
  const props = root.props.slice();
  let end = root.end;
  for (const list of ordered) {
    // The property that counts (the last one of the key), which must be the one the scan found.
    const prop = getProp(root, list.key);
    if (!prop || prop.keySpan.start !== list.keyStart || prop.value.kind !== 'null') return undefined;
    const array = converter.listInEntries(masked, list.entries, prop.value.path, limits);
    if (!array || converter.errors.length > 0) return undefined;
    props[root.props.indexOf(prop)] = { key: prop.key, keySpan: prop.keySpan, value: array };
    end = Math.max(end, array.end);
  }
  const whole: ValueNode = { ...root, props, end };
  return { format: 'yaml', documents: [{ root: whole, span: documents[0]!.span }], errors: [], comments: sortedComments(converter.comments), ...strays(converter) };
}

function closeDocument(doc: ParsedDocument, end: number): ParsedDocument {
  return { root: doc.root, span: { start: doc.span.start, end } };
}

const CONTENT_TOKENS = new Set<string>(['scalar', 'single-quoted-scalar', 'double-quoted-scalar', 'block-scalar', 'alias', 'flow-collection', 'block-map', 'block-seq']);

/** Where a list being read has got to: its end so far and its items' column (and, read in pieces, its start). */
interface ListState {
  end: number;
  itemColumn: number | undefined;
  start?: number;
}

/** A region's lines as one blank line of the same length: offsets after it stay where they were. */
function blankLines(region: Span): string {
  return ' '.repeat(region.end - region.start - 1) + '\n';
}

class Converter {
  readonly errors: ParseError[] = [];
  /** `# grantlint-disable...` comments at the end of a line (ParsedFile.strayDirectives). */
  readonly strayDirectives: Comment[] = [];
  readonly comments: Comment[] = [];
  private readonly guard = new ConversionGuard();
  /** The file's total nesting budget is spent: later documents are not read either. */
  private exhausted = false;
  readonly resolver = new AliasResolver(this.errors);
  /** Alias tokens that name a merge source (`<<: *a`, `<<: [*a, *b]`): read as references, not copies. */
  private readonly mergeAliases = new Set<Token>();

  constructor(
    private readonly text: string,
    private readonly masked: readonly Span[],
  ) {}

  /** A document's root, or undefined (and one error) when the document breaks a limit. */
  document(token: Token, anchor?: SourceToken): ValueNode | undefined {
    if (this.exhausted) return undefined;
    this.guard.resetDepth();
    this.resolver.startDocument();
    try {
      return this.value(token, [], undefined, anchor);
    } catch (error) {
      if (!(error instanceof LimitReached)) throw error;
      this.errors.push(error.parseError);
      if (error.parseError.message === NESTING_TOTAL_MESSAGE) this.exhausted = true;
      return undefined;
    }
  }

  /** How many quoted scalars were found never closed (scalarError): an unclosed flow collection around one is not reported. */
  private unclosedQuotes = 0;

  /** error(), bound: for the structural checks (yaml-structure.ts). */
  private readonly report: Report = (message, offset, length) => this.error(message, offset, length);

  /**
   * A scalar's error; a quote never closed at its opening quote, named as HCL's unclosed brackets are: `yaml` gives it
   * where the scalar ends, often past the file's last line, far from the line being typed.
   */
  private readonly scalarError: ScalarErrorSink = (message, offset, unclosedQuote) => {
    if (unclosedQuote === undefined) return this.error(message, offset, 1);
    this.unclosedQuotes++;
    this.error(`missing closing quote; the ${unclosedQuote} on line ${lineOf(this.text, offset)} is never closed`, offset, 1);
  };

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
    // Only blanks before it on its line: the parser may split a line's indentation into tokens (`  ` then `\t  `).
    const lineStart = this.text.lastIndexOf('\n', token.offset - 1) + 1;
    const atLineStart = /^[ \t]*$/.test(this.text.slice(lineStart, token.offset));
    const next = this.text[token.offset + token.source.length];
    // A tab at the very end of the file counts too: the composer reads it as the indentation of an empty value.
    if (atLineStart && next !== '#' && next !== '\n' && next !== '\r') {
      this.error('Tabs are not allowed as indentation', token.offset, token.source.length);
    }
  }

  comment(token: SourceToken): void {
    const lineStart = this.text.lastIndexOf('\n', token.offset - 1) + 1;
    const end = token.offset + token.source.length;
    if (!/^[ \t]*$/.test(this.text.slice(lineStart, token.offset))) {
      // A suppression comment after a value is no suppression: kept to say so (suppression.ts).
      if (/^#\s*grantlint-disable/.test(token.source)) this.strayDirectives.push({ span: { start: token.offset, end }, text: this.text.slice(token.offset + 1, end) });
      return;
    }
    // The original text, not the source: placeholders in a comment were masked for the parser.
    this.comments.push({ span: { start: token.offset, end }, text: this.text.slice(token.offset + 1, end) });
  }

  value(token: Token, path: NodePath, tag?: string, anchor?: SourceToken): ValueNode | undefined {
    this.guard.charge(path.length, token.offset);
    const collection = token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
    let node: ValueNode | undefined;
    if (!collection) node = this.leaf(token, path, tag);
    else {
      // Keys may be collections too (`? [a]`): the guard counts every level the converter recurses through.
      // (No helper frame for this: a thousand levels deep, every frame per level counts against the stack.)
      this.guard.enter(token.offset);
      try {
        node = this.collection(token, path);
      } finally {
        this.guard.leave();
      }
    }
    // Registered once the node is read: an alias inside its own anchored node does not refer to it.
    if (anchor && node) this.resolver.anchor(anchor.source.slice(1), { start: anchor.offset, end: anchor.offset + anchor.source.length }, node);
    return node;
  }

  /** Registers an anchor on a node made without a token (an empty value). */
  private anchored(node: ValueNode, anchor: SourceToken | undefined): ValueNode {
    if (anchor) this.resolver.anchor(anchor.source.slice(1), { start: anchor.offset, end: anchor.offset + anchor.source.length }, node);
    return node;
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
        const bracketError = close ? -1 : this.errors.length;
        const quotesBefore = this.unclosedQuotes;
        if (!close) {
          this.error(`missing '${expected}'; the '${token.start.source}' on line ${lineOf(this.text, token.offset)} is never closed`, token.offset, 1);
          if (first && first.source.length !== 1) rest.unshift(first);
        }
        this.endTokens(rest);
        // An unclosed collection ends at its last item (or just after its bracket).
        // (A loop, not Math.max(...items): an unclosed list may hold more items than a call's arguments.)
        let end = token.offset + 1;
        if (close) end = close.offset + 1;
        else for (const item of token.items) end = Math.max(end, itemEnd(item));
        const node = token.start.source === '{'
          ? this.mapping(token.items, path, token.offset, true, end)
          : this.sequence(token.items, path, token.offset, true, end);
        // A quote left open inside reads on past the closing bracket: the quote is the mistake, reported at its opening.
        if (bracketError >= 0 && this.unclosedQuotes > quotesBefore) this.errors.splice(bracketError, 1);
        return node;
      }
    }
  }

  private leaf(token: Token, path: NodePath, tag: string | undefined): ValueNode | undefined {
    switch (token.type) {
      case 'alias': {
        this.endTokens(token.end);
        const name = token.source.slice(1);
        const span = { start: token.offset, end: token.offset + token.source.length };
        return this.mergeAliases.has(token) ? this.resolver.mergeSource(name, span, path) : this.resolver.alias(name, span, path);
      }
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
    // A comment after a block scalar's header (`description: >-  # ...`) ends that line: a directive there is stray.
    else for (const prop of token.props) if (prop.type === 'comment') this.comment(prop);
    const { value: raw, quote, end } = scalarText(token, this.scalarError);
    const span = { start: token.offset, end };
    if (token.type === 'scalar' && tag !== '!!str') {
      const value = coreSchemaValue(raw, path, span);
      if (value) return value;
    }
    const placeholder = holdsPlaceholder(span.start, span.end, raw, this.masked);
    return { kind: 'string', value: raw, quote, placeholder, path, ...span };
  }

  private mapping(items: readonly CST.CollectionItem[], path: NodePath, offset: number, flow: boolean, closeEnd: number | undefined): ValueNode {
    const props: Prop[] = [];
    const merges: { entry: Span; sources: readonly ValueNode[] }[] = [];
    const seen = new Set<string>();
    let itemColumn: number | undefined;
    let end = offset;
    for (const [index, item] of items.entries()) {
      this.sourceTokens(item.start, !flow);
      this.sourceTokens(item.sep, !flow);
      const keyToken = item.key;
      if (!flow) checkBlockMapItem(item, this.report);
      else checkFlowItem(item, index, items.length, true, this.report);
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
      const keyText = CST.resolveAsScalar(keyToken, false, scalarErrors(keyToken, this.scalarError)).value;
      const keySpan = { start: keyToken.offset, end: keyToken.offset + (keyToken.type === 'block-scalar' ? 0 : keyToken.source.length) };
      if (keyToken.type !== 'block-scalar') this.sourceTokens(keyToken.end);
      const keyAnchor = anchorOf(item.start);
      if (keyAnchor) this.resolver.anchor(keyAnchor.source.slice(1), { start: keyAnchor.offset, end: keyAnchor.offset + keyAnchor.source.length }, { kind: 'string', value: keyText, quote: 'plain', placeholder: false, path: [], ...keySpan });
      // A plain, untagged `<<` is a merge key (YAML 1.1, as js-yaml and `yaml` with merge keys read it).
      const isMerge = keyText === '<<' && keyToken.type === 'scalar' && !item.start.some((t) => t.type === 'tag');
      if (!isMerge && seen.has(keyText)) this.errors.push({ message: `YAML syntax error: Map keys must be unique ('${shortKey(keyText)}' appears twice; the last one counts)`, span: keySpan, exact: true });
      seen.add(keyText);
      const keyPath = childPath(path, keyText);
      const indicator = item.sep?.find((t) => t.type === 'map-value-ind');
      const tag = item.sep?.find((t) => t.type === 'tag')?.source;
      if (isMerge && item.value) this.markMergeAliases(item.value);
      const valueAnchor = anchorOf(item.sep);
      const value = item.value
        ? this.value(item.value, keyPath, tag, valueAnchor)
        : this.anchored(nullAt(valueAnchor ? valueAnchor.offset + valueAnchor.source.length : indicator ? afterSpaces(item.sep ?? [], indicator) : keySpan.end, keyPath), valueAnchor);
      if (!value) continue;
      end = Math.max(end, value.end, keySpan.end);
      if (isMerge) {
        const sources = value.kind === 'array' ? value.items : [value];
        merges.push({ entry: { start: keySpan.start, end: Math.max(value.end, keySpan.end) }, sources });
        continue;
      }
      props.push({ key: keyText, keySpan, value });
    }
    // A block mapping starts at its first item, even one whose key is not a string (`? [a]`, `: b`).
    const first = items[0];
    const firstStart =
      first &&
      (first.start.find((t) => t.type === 'explicit-key-ind' || t.type === 'tag' || t.type === 'anchor')?.offset ?? first.key?.offset ?? first.sep?.find((t) => t.type === 'map-value-ind')?.offset);
    const blockStart = Math.min(props[0]?.keySpan.start ?? Infinity, firstStart ?? Infinity);
    const start = flow || blockStart === Infinity ? offset : blockStart;
    if (merges.length > 0) {
      // Explicit keys override merged ones wherever they stand; earlier merge sources win over later ones.
      const merged = this.resolver.merged(props, merges, path);
      return { kind: 'object', props, flow, path, start, end: closeEnd ?? end, merged, mergeEntry: merges[merges.length - 1]!.entry };
    }
    return { kind: 'object', props, flow, path, start, end: closeEnd ?? end };
  }

  /** The alias tokens of a `<<` value (`*a`, or the items of `[*a, *b]`) name merge sources. */
  private markMergeAliases(token: Token): void {
    if (token.type === 'alias') this.mergeAliases.add(token);
    else if (token.type === 'block-seq' || (token.type === 'flow-collection' && token.start.source === '[')) {
      for (const item of token.items) if (item.value?.type === 'alias') this.mergeAliases.add(item.value);
    }
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
  listInEntries(masked: string, entries: readonly Span[], path: NodePath, limits: LongListLimits = LONG_LIST_LIMITS): ValueNode | undefined {
    const out: ValueNode[] = [];
    const state: ListState = { end: 0, itemColumn: undefined };
    try {
      // As deep as the whole reading is here: inside the root mapping and the list.
      this.guard.resetDepth();
      this.guard.enter(0);
      for (const entry of entries) {
        // A client with a list of hundreds of thousands of items is read with that list blanked, then the list in
        // batches (yaml-chunks.ts, findLongList), so no parser run holds the syntax tree of all its items.
        const long = findLongList(masked, entry, limits);
        const text = long ? masked.slice(entry.start, long.region.start) + blankLines(long.region) + masked.slice(long.region.end, entry.end) : masked.slice(entry.start, entry.end);
        if (!this.readListPiece(text, entry.start, path, out, state)) return undefined;
        if (long && !this.readLongList(masked, long, out, state)) return undefined;
      }
    } catch (error) {
      if (error instanceof LimitReached) return undefined;
      throw error;
    }
    return state.start === undefined ? undefined : { kind: 'array', items: out, flow: false, path, start: state.start, end: state.end };
  }

  /**
   * Reads one piece of a block list (`text`, which starts at `offset` in the file): it must be one document that
   * is a block list, whose items are added to `out`. False when it is not, or holds an error.
   */
  private readListPiece(text: string, offset: number, path: NodePath, out: ValueNode[], state: ListState, chargeList = true): boolean {
    const parser = new Parser();
    parser.offset = offset;
    let documents = 0;
    for (const token of parser.parse(text)) {
      if (token.type === 'document') {
        if (++documents > 1 || token.value?.type !== 'block-seq') return false;
        this.sourceTokens(token.start);
        if (state.start === undefined) {
          state.start = token.value.offset;
          state.end = state.start;
          if (chargeList) this.guard.charge(path.length, state.start);
          this.guard.enter(state.start);
        }
        this.sequenceItems(token.value.items, path, token.value.offset, false, out, state);
        this.endTokens(token.end);
      } else if (token.type === 'error') {
        this.error(token.message, token.offset, token.source.length);
      } else if (token.type === 'comment') {
        this.comment(token);
      } else if (token.type !== 'space' && token.type !== 'newline') return false;
    }
    return this.errors.length === 0;
  }

  /**
   * Reads a client's long list in batches and puts it in the client just read (the last of `clients`), where its
   * key was read with nothing (the list was blanked). False when the key is not the client's own with nothing, or
   * a batch does not read as list items: the caller then reads the whole file.
   */
  private readLongList(masked: string, long: LongList, clients: ValueNode[], clientsState: ListState): boolean {
    const client = clients[clients.length - 1];
    if (client?.kind !== 'object' || client.flow) return false;
    const index = client.props.findIndex((prop) => prop.keySpan.start === long.keyStart);
    const prop = client.props[index];
    if (!prop || prop.value.kind !== 'null' || getOwnProp(client, prop.key) !== prop) return false;
    const items: ValueNode[] = [];
    const state: ListState = { end: 0, itemColumn: undefined };
    // As deep as the whole reading is here: inside the client's mapping (the first batch enters the list's own
    // level). The list's node is not charged: the blanked key's empty value, at the same path, was.
    this.guard.enter(client.start);
    try {
      for (const batch of long.batches) {
        if (!this.readListPiece(masked.slice(batch.start, batch.end), batch.start, prop.value.path, items, state, false)) return false;
      }
    } finally {
      this.guard.leave();
    }
    if (state.start === undefined) return false;
    this.guard.leave();
    const list: ValueNode = { kind: 'array', items, flow: false, path: prop.value.path, start: state.start, end: state.end };
    const props = client.props.slice();
    props[index] = { key: prop.key, keySpan: prop.keySpan, value: list };
    const whole: ValueNode = { ...client, props, end: Math.max(client.end, list.end) };
    clients[clients.length - 1] = whole;
    clientsState.end = Math.max(clientsState.end, whole.end);
    return true;
  }

  private sequenceItems(items: readonly CST.CollectionItem[], path: NodePath, offset: number, flow: boolean, out: ValueNode[], state: ListState): void {
    for (const [index, item] of items.entries()) {
      this.sourceTokens(item.start, !flow);
      this.sourceTokens(item.sep, !flow);
      if (flow) checkFlowItem(item, index, items.length, false, this.report);
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
      if (item.value) value = this.value(item.value, itemPath, tag, anchorOf(item.start));
      else if (!item.key && dash) {
        // An empty item: its null stands after the dash's spaces, or after its anchor (`- &a`).
        const anchor = anchorOf(item.start);
        value = this.anchored(nullAt(anchor ? anchor.offset + anchor.source.length : afterSpaces(item.start, dash), itemPath), anchor);
      }
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
    const keyText = scalarText(keyToken, this.scalarError).value;
    const keySpan = { start: keyToken.offset, end: keyToken.offset + (keyToken.type === 'block-scalar' ? 0 : keyToken.source.length) };
    if (keyToken.type !== 'block-scalar') this.endTokens(keyToken.end);
    const indicator = item.sep?.find((t) => t.type === 'map-value-ind');
    const keyPath = childPath(path, keyText);
    const value = (item.value && this.value(item.value, keyPath)) || nullAt(indicator ? afterSpaces(item.sep ?? [], indicator) : keySpan.end, keyPath);
    const end = Math.max(value.end, keySpan.end);
    return { kind: 'object', props: [{ key: keyText, keySpan, value }], flow: true, path, start: keySpan.start, end };
  }

  private columnOf(offset: number): number {
    return offset - (this.text.lastIndexOf('\n', offset - 1) + 1);
  }

  /** Visits a token only for its comments and errors (keys that are not plain strings). */
  private valueEndOf(token: Token): void {
    this.value(token, []);
  }
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

/** The anchor (`&name`) among a node's properties, if any (the last one, as `yaml` keeps). */
function anchorOf(tokens: readonly Token[] | undefined): SourceToken | undefined {
  if (!tokens) return undefined;
  for (let i = tokens.length - 1; i >= 0; i--) if (tokens[i]!.type === 'anchor') return tokens[i] as SourceToken;
  return undefined;
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
