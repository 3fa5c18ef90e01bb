import { createScanner, ParseErrorCode, printParseErrorCode, ScanError, SyntaxKind, type JSONScanner } from 'jsonc-parser';
import type { Comment, ObjectNode, ParsedFile, ParseError, Span, ValueNode } from '../model';
import { holdsPlaceholder, maskPlaceholders } from '../placeholders';
import { binaryError, ConversionGuard, LimitReached, unread } from './guards';
import { type Collection, JsonArray, JsonObject, type JsonReading, JsonScalar, JsonString } from './json-nodes';
import { readStrictJson } from './json-strict';
import { meantAsDirective } from '../directive-text';

/**
 * Parses JSON (comments and trailing commas tolerated) into the positioned model: strict JSON with the strict
 * reader (json-strict.ts), anything else, and whatever that reader gives up on, with the reader below, built on
 * jsonc-parser's scanner. Refuses, with one parse error, binary text and nesting deeper than the limit.
 */
export function parseJson(text: string, strictReader?: StrictJsonReader): ParsedFile {
  let notStrict: ParseError[] = [];
  // Strict JSON, nearly every config file, has a faster reader; it gives up on anything else.
  const parsed = readJson(text, (masked, spans) => {
    const strict = readStrictJson(masked, spans);
    if (strict) return strict;
    const read = readTolerantJson(masked, spans);
    // Only where the text reads cleanly otherwise: a comma before a syntax error is that error's (one mistake, one
    // finding), and a file of nothing but comments holds no value, as an empty one (a file being written).
    if (strictReader && !(read instanceof LimitReached) && read.syntaxErrors.length === 0 && read.root !== undefined) {
      notStrict = commentsAndTrailingCommas(masked, strictReader);
    }
    return read;
  });
  // Only before a value, as comments: a file of nothing but the mark holds no value (an empty one, reported as such).
  if (strictReader === 'auth0-deploy-cli' && text.charCodeAt(0) === 0xfeff && parsed.documents.some((d) => d.root !== undefined)) notStrict = [BYTE_ORDER_MARK_ERROR, ...notStrict];
  const strays = /grantlint/i.test(text) ? suppressionLikeComments(text) : [];
  const withStrays = strays.length > 0 ? { ...parsed, strayDirectives: strays } : parsed;
  if (notStrict.length === 0) return withStrays;
  return { ...withStrays, errors: [...parsed.errors, ...notStrict].sort((a, b) => a.span.start - b.span.start) };
}

/** The comments of a JSON text that read as suppression comments (ParsedFile.strayDirectives): JSON takes none. */
function suppressionLikeComments(text: string): Comment[] {
  const found: Comment[] = [];
  const scanner = createScanner(text, false);
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind !== SyntaxKind.LineCommentTrivia && kind !== SyntaxKind.BlockCommentTrivia) continue;
    const start = scanner.getTokenOffset();
    const raw = text.slice(start, start + scanner.getTokenLength());
    const body = kind === SyntaxKind.LineCommentTrivia ? raw.slice(2) : raw.slice(2, -2);
    if (meantAsDirective(body)) found.push({ span: { start, end: start + raw.length }, text: body });
  }
  return found;
}

/**
 * The tool that reads a JSON file with a parser that allows no comments and no trailing commas:
 * auth0-deploy-cli reads its directory format's `tenant.json`, `clients/*.json` and `grants/*.json` with
 * `JSON.parse` (auth0-deploy-cli src/utils.ts loadJSON, after keyword replacement), and Terraform's JSON syntax
 * is plain JSON (a `"//"` property is its comment; https://developer.hashicorp.com/terraform/language/syntax/json).
 */
export type StrictJsonReader = 'auth0-deploy-cli' | 'terraform';

const STRICT_READER_SAYS: Readonly<Record<StrictJsonReader, string>> = {
  'auth0-deploy-cli': 'auth0-deploy-cli reads this file with JSON.parse, which allows none',
  terraform: "Terraform's JSON syntax allows none",
};

/**
 * A UTF-8 byte order mark before a deploy-cli JSON file's text: auth0-deploy-cli reads the file with
 * `readFileSync(file, 'utf8')`, which keeps the mark, and `JSON.parse` refuses it (auth0-deploy-cli src/tools/utils.ts
 * loadFileAndReplaceKeywords, src/utils.ts loadJSON). The values after it are read exactly (ParseError.exact). At
 * offset 0: in the text itself, or, for a text read without its mark (LintInput.byteOrderMark), before it.
 */
export const BYTE_ORDER_MARK_ERROR: ParseError = {
  message: 'JSON syntax error: a byte order mark (BOM); auth0-deploy-cli reads this file with JSON.parse, which refuses it',
  span: { start: 0, end: 1 },
  exact: true,
};

/**
 * Each comment and each comma right before a closing bracket of `masked` (placeholders masked), as parse errors
 * that the strict reader's tool would stop at. Values around them are read exactly (they change none), so the
 * client's own findings are still given (ParseError.exact).
 */
function commentsAndTrailingCommas(masked: string, reader: StrictJsonReader): ParseError[] {
  const errors: ParseError[] = [];
  const scanner = createScanner(masked, false);
  let lastComma: Span | undefined;
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) {
      const start = scanner.getTokenOffset();
      const comment = reader === 'terraform' ? `a comment; ${STRICT_READER_SAYS[reader]} (a "//" property holds one)` : `a comment; ${STRICT_READER_SAYS[reader]}`;
      errors.push({ message: `JSON syntax error: ${comment}`, span: { start, end: start + scanner.getTokenLength() }, exact: true });
      continue;
    }
    if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia) continue;
    if ((kind === CLOSE_BRACE || kind === CLOSE_BRACKET) && lastComma) {
      const closing = kind === CLOSE_BRACE ? '}' : ']';
      errors.push({ message: `JSON syntax error: a comma before '${closing}'; ${STRICT_READER_SAYS[reader]}`, span: lastComma, exact: true });
    }
    lastComma = kind === COMMA ? { start: scanner.getTokenOffset(), end: scanner.getTokenOffset() + 1 } : undefined;
  }
  return errors;
}

/** Each reader on its own, for the tests that compare them; `strict` is undefined where that reader gives up. */
export const jsonReadings = {
  strict: (text: string): ParsedFile | undefined => readJson(text, readStrictJson),
  tolerant: (text: string): ParsedFile => readJson(text, readTolerantJson),
};

type Reading = JsonReading | LimitReached;

function readJson(text: string, reader: (masked: string, maskedSpans: readonly Span[]) => Reading): ParsedFile;
function readJson(text: string, reader: (masked: string, maskedSpans: readonly Span[]) => Reading | undefined): ParsedFile | undefined;
function readJson(text: string, reader: (masked: string, maskedSpans: readonly Span[]) => Reading | undefined): ParsedFile | undefined {
  const binary = binaryError(text, 'json');
  if (binary) return unread('json', text, binary);
  const { text: maskedText, masked: maskedSpans } = maskPlaceholders(text);
  // A byte order mark is not content: read it as a space, so every offset still counts it.
  const masked = maskedText.charCodeAt(0) === 0xfeff ? ` ${maskedText.slice(1)}` : maskedText;
  const read = reader(masked, maskedSpans);
  if (read === undefined) return undefined;
  if (read instanceof LimitReached) return unread('json', text, read.parseError);
  // Syntax errors first, then duplicate keys, each in the parser's order: a stable sort keeps that order on ties.
  const errors = [...read.syntaxErrors, ...read.duplicateKeys].sort((a, b) => a.span.start - b.span.start);
  return { format: 'json', documents: [{ root: read.root, span: { start: 0, end: text.length } }], errors, comments: [] };
}

/** Reads any text with the reader built on jsonc-parser's scanner; a limit met is returned, not thrown. */
function readTolerantJson(masked: string, maskedSpans: readonly Span[]): JsonReading | LimitReached {
  const reader = new JsonReader(masked, maskedSpans);
  try {
    const root = reader.read();
    return { root, syntaxErrors: reader.syntaxErrors, duplicateKeys: reader.duplicateKeys };
  } catch (error) {
    if (!(error instanceof LimitReached)) throw error;
    return error;
  }
}

function describeJsonError(code: string): string {
  // jsonc-parser names errors in PascalCase ('CloseBraceExpected'); make them read as a sentence.
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `JSON syntax error: ${words}`;
}

// jsonc-parser's token kinds, read once from its runtime enums.
const OPEN_BRACE = SyntaxKind.OpenBraceToken;
const CLOSE_BRACE = SyntaxKind.CloseBraceToken;
const OPEN_BRACKET = SyntaxKind.OpenBracketToken;
const CLOSE_BRACKET = SyntaxKind.CloseBracketToken;
const COMMA = SyntaxKind.CommaToken;
const COLON = SyntaxKind.ColonToken;
const STRING = SyntaxKind.StringLiteral;
const EOF = SyntaxKind.EOF;

/** The parse error jsonc-parser's parser reports for each error its scanner finds in a token. */
const SCAN_ERRORS: ReadonlyMap<ScanError, ParseErrorCode> = new Map([
  [ScanError.InvalidUnicode, ParseErrorCode.InvalidUnicode],
  [ScanError.InvalidEscapeCharacter, ParseErrorCode.InvalidEscapeCharacter],
  [ScanError.UnexpectedEndOfNumber, ParseErrorCode.UnexpectedEndOfNumber],
  [ScanError.UnexpectedEndOfComment, ParseErrorCode.UnexpectedEndOfComment],
  [ScanError.UnexpectedEndOfString, ParseErrorCode.UnexpectedEndOfString],
  [ScanError.InvalidCharacter, ParseErrorCode.InvalidCharacter],
]);

/**
 * A recursive-descent reader over jsonc-parser's scanner, step for step its `visit` with comments and trailing
 * commas allowed and empty content accepted: the same tokens consumed, the same errors at the same tokens, the
 * same recovery (skip to a closing bracket or a comma). No syntax tree in between and no visitor callbacks, which
 * together cost as much again as building the model; a test compares the result with the model converted from
 * `parseTree` on every JSON file the project has and on generated JSON. The nesting limit is checked as each
 * collection opens, long before the recursion could exhaust the stack.
 */
class JsonReader {
  readonly syntaxErrors: ParseError[] = [];
  readonly duplicateKeys: ParseError[] = [];
  /**
   * Whether a property or list item was read without error since the last syntax error. Until one is, the
   * recovery (skipping to a comma or closing bracket, which may lie inside the mistaken value's own list) trips
   * on the same mistake again: `name: "Unquoted",` gives "invalid symbol" at `name`, "property name expected" at
   * the colon and "value expected" at the comma. Such errors are marked ParseError.cascade (see isCascade).
   */
  private readCleanly = true;
  private lastError: ParseError | undefined;
  private readonly text: string;
  private readonly scanner: JSONScanner;
  private readonly guard = new ConversionGuard();

  constructor(
    text: string,
    private readonly masked: readonly Span[],
  ) {
    this.scanner = createScanner(text, false);
    this.text = text;
  }

  read(): ValueNode | undefined {
    this.scanNext();
    // An empty (or whitespace-only) file holds no clients and nothing to report: a file just created in an editor.
    if (this.scanner.getToken() === EOF) return undefined;
    const root = this.parseValue(undefined, '', 0);
    if (!root) {
      this.handleError(ParseErrorCode.ValueExpected);
      return undefined;
    }
    if (this.scanner.getToken() !== EOF) this.handleError(ParseErrorCode.EndOfFileExpected);
    return root;
  }

  /** The next token that is not trivia or a comment, reporting scan errors and unknown symbols on the way. */
  private scanNext(): SyntaxKind {
    const scanner = this.scanner;
    for (;;) {
      const token = scanner.scan();
      const scanError = SCAN_ERRORS.get(scanner.getTokenError());
      if (scanError !== undefined) this.handleError(scanError);
      switch (token) {
        case SyntaxKind.LineCommentTrivia:
        case SyntaxKind.BlockCommentTrivia:
        case SyntaxKind.Trivia:
        case SyntaxKind.LineBreakTrivia:
          break;
        case SyntaxKind.Unknown:
          this.handleError(ParseErrorCode.InvalidSymbol);
          break;
        default:
          return token;
      }
    }
  }

  /** Reports an error at the current token, then skips to (or past) one of the given tokens. */
  private handleError(error: ParseErrorCode, skipUntilAfter: readonly SyntaxKind[] = [], skipUntil: readonly SyntaxKind[] = []): void {
    const scanner = this.scanner;
    const offset = scanner.getTokenOffset();
    const found: ParseError = { message: describeJsonError(printParseErrorCode(error)), span: { start: offset, end: offset + Math.max(1, scanner.getTokenLength()) }, plainJsonSyntax: true };
    const marked = this.isCascade(found) ? { ...found, cascade: true as const } : found;
    this.syntaxErrors.push(marked);
    this.lastError = found;
    this.readCleanly = false;
    if (skipUntilAfter.length + skipUntil.length === 0) return;
    let token = scanner.getToken();
    while (token !== EOF) {
      if (skipUntilAfter.includes(token)) {
        this.scanNext();
        break;
      }
      if (skipUntil.includes(token)) break;
      token = this.scanNext();
    }
  }

  /**
   * Whether an error is the last one's mistake read on: nothing was read cleanly since, and it stands on the same
   * line, or the last error was not at a comma or closing bracket (where the recovery stops) and only values,
   * blanks and comments lie between the two. A mistake on the next line after a recovered one is a mistake of its
   * own; so is a missing comma after a property read cleanly.
   */
  private isCascade(error: ParseError): boolean {
    const last = this.lastError;
    if (this.readCleanly || !last) return false;
    const between = this.text.slice(last.span.end, error.span.start);
    if (!/[\r\n]/.test(between)) return true;
    if (/^[,\]}]$/.test(this.text.slice(last.span.start, last.span.end))) return false;
    return !/[,:[\]{}]/.test(between.replace(/"(?:[^"\\\r\n]|\\.)*"?|\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/g, ' '));
  }

  /** The value at the current token, as the child `segment` of `parent` (none for the root), `depth` deep. */
  private parseValue(parent: Collection | undefined, segment: string | number, depth: number): ValueNode | undefined {
    switch (this.scanner.getToken()) {
      case OPEN_BRACKET:
        return this.parseArray(parent, segment, depth);
      case OPEN_BRACE:
        return this.parseObject(parent, segment, depth);
      case STRING:
        return this.parseString(parent, segment, depth);
      default:
        return this.parseLiteral(parent, segment, depth);
    }
  }

  private parseString(parent: Collection | undefined, segment: string | number, depth: number): ValueNode {
    const scanner = this.scanner;
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    const value = scanner.getTokenValue();
    this.guard.charge(depth, start);
    this.scanNext();
    return new JsonString(parent, segment, start, end, value, holdsPlaceholder(start, end, value, this.masked));
  }

  private parseLiteral(parent: Collection | undefined, segment: string | number, depth: number): ValueNode | undefined {
    const scanner = this.scanner;
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    let node: ValueNode;
    switch (scanner.getToken()) {
      case SyntaxKind.NumericLiteral: {
        let value = Number(scanner.getTokenValue());
        if (Number.isNaN(value)) {
          this.handleError(ParseErrorCode.InvalidNumberFormat);
          value = 0;
        }
        this.guard.charge(depth, start);
        node = new JsonScalar(parent, segment, start, end, 'number', value);
        break;
      }
      case SyntaxKind.NullKeyword:
        this.guard.charge(depth, start);
        node = new JsonScalar(parent, segment, start, end, 'null', null);
        break;
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
        this.guard.charge(depth, start);
        node = new JsonScalar(parent, segment, start, end, 'boolean', scanner.getToken() === SyntaxKind.TrueKeyword);
        break;
      default:
        return undefined;
    }
    this.scanNext();
    return node;
  }

  private parseObject(parent: Collection | undefined, segment: string | number, depth: number): ObjectNode {
    const scanner = this.scanner;
    const start = scanner.getTokenOffset();
    this.guard.enter(start);
    this.guard.charge(depth, start);
    // Made before its properties, which point at it; its end is known when it closes.
    const object = new JsonObject(parent, segment, start, start);
    this.scanNext(); // the open brace
    let needsComma = false;
    while (scanner.getToken() !== CLOSE_BRACE && scanner.getToken() !== EOF) {
      if (scanner.getToken() === COMMA) {
        if (!needsComma) this.handleError(ParseErrorCode.ValueExpected);
        this.scanNext(); // the comma
        if (scanner.getToken() === CLOSE_BRACE) break; // a trailing comma
      } else if (needsComma) {
        this.handleError(ParseErrorCode.CommaExpected);
      }
      if (scanner.getToken() !== STRING) {
        this.handleError(ParseErrorCode.PropertyNameExpected, [], [CLOSE_BRACE, COMMA]);
        this.handleError(ParseErrorCode.ValueExpected, [], [CLOSE_BRACE, COMMA]);
      } else {
        this.parseProperty(object, depth);
      }
      needsComma = true;
    }
    object.close(scanner.getTokenOffset() + scanner.getTokenLength());
    this.guard.leave();
    if (scanner.getToken() !== CLOSE_BRACE) this.handleError(ParseErrorCode.CloseBraceExpected, [CLOSE_BRACE], []);
    else this.scanNext(); // the close brace
    return object;
  }

  /** One `"key": value`; a property whose value is missing is reported and left out, as parseTree leaves it. */
  private parseProperty(object: JsonObject, depth: number): void {
    const scanner = this.scanner;
    const errorsBefore = this.syntaxErrors.length;
    const key = scanner.getTokenValue();
    const keyStart = scanner.getTokenOffset();
    const keyEnd = keyStart + scanner.getTokenLength();
    this.scanNext(); // the key
    if (scanner.getToken() !== COLON) {
      this.handleError(ParseErrorCode.ColonExpected, [], [CLOSE_BRACE, COMMA]);
      return;
    }
    this.scanNext(); // the colon
    const value = this.parseValue(object, key, depth + 1);
    if (!value) {
      this.handleError(ParseErrorCode.ValueExpected, [], [CLOSE_BRACE, COMMA]);
      return;
    }
    object.add(key, keyStart, keyEnd, value, this.duplicateKeys);
    if (this.syntaxErrors.length === errorsBefore) this.readCleanly = true;
  }

  private parseArray(parent: Collection | undefined, segment: string | number, depth: number): ValueNode {
    const scanner = this.scanner;
    const start = scanner.getTokenOffset();
    this.guard.enter(start);
    this.guard.charge(depth, start);
    const array = new JsonArray(parent, segment, start, start);
    const items = array.items;
    this.scanNext(); // the open bracket
    let needsComma = false;
    while (scanner.getToken() !== CLOSE_BRACKET && scanner.getToken() !== EOF) {
      // From before the separator: an item read after a missing comma may be a misread key (a `]` left out).
      const errorsBefore = this.syntaxErrors.length;
      if (scanner.getToken() === COMMA) {
        if (!needsComma) this.handleError(ParseErrorCode.ValueExpected);
        this.scanNext(); // the comma
        if (scanner.getToken() === CLOSE_BRACKET) break; // a trailing comma
      } else if (needsComma) {
        this.handleError(ParseErrorCode.CommaExpected);
      }
      const item = this.parseValue(array, items.length, depth + 1);
      if (item) {
        items.push(item);
        if (this.syntaxErrors.length === errorsBefore) this.readCleanly = true;
      } else this.handleError(ParseErrorCode.ValueExpected, [], [CLOSE_BRACKET, COMMA]);
      needsComma = true;
    }
    array.close(scanner.getTokenOffset() + scanner.getTokenLength());
    this.guard.leave();
    if (scanner.getToken() !== CLOSE_BRACKET) this.handleError(ParseErrorCode.CloseBracketExpected, [CLOSE_BRACKET], []);
    else this.scanNext(); // the close bracket
    return array;
  }
}
