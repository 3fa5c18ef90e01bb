import type { ParseError, Span, ValueNode } from '../model';
import { holdsPlaceholder } from '../placeholders';
import { ConversionGuard, LimitReached } from './guards';
import { type Collection, JsonArray, JsonObject, type JsonReading, JsonScalar, JsonString } from './json-nodes';

/**
 * Reads strict JSON (RFC 8259: no comments, no trailing commas, only its four whitespace characters) into the
 * model, one character at a time. Config files are nearly always strict JSON, and this reader takes about half the
 * time the reader on jsonc-parser's general scanner does (which makes a token, with its kind, value and error, of
 * every piece). At the first thing outside strict JSON it gives up and returns undefined: the caller then reads
 * the text with the reader built on jsonc-parser, which tolerates and reports everything. On the texts it does
 * read it builds exactly the model that reader builds (tests compare the two, with generated and mutated input).
 */
export function readStrictJson(text: string, masked: readonly Span[]): JsonReading | undefined {
  const reader = new StrictJsonReader(text, masked);
  try {
    return { root: reader.read(), syntaxErrors: [], duplicateKeys: reader.duplicateKeys };
  } catch (error) {
    // A limit met is reported by the full reader, which meets it at the same node.
    if (error === NOT_STRICT || error instanceof LimitReached) return undefined;
    throw error;
  }
}

/** Thrown where the text stops being strict JSON; caught in readStrictJson only. */
const NOT_STRICT: unique symbol = Symbol('not strict JSON');

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/** Strings longer than this (names, URLs: seldom repeated) are not looked up among those read before. */
const MAX_SHARED_LENGTH = 40;
/** How many strings are remembered for sharing; configs repeat a few hundred. */
const MAX_SHARED_STRINGS = 10_000;

function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

class StrictJsonReader {
  readonly duplicateKeys: ParseError[] = [];
  private readonly guard = new ConversionGuard();
  /** The offset of the next character to read. */
  private pos = 0;
  /** Strings read so far, by a hash of their characters (a collision only replaces the entry). */
  private readonly shared = new Map<number, string>();

  constructor(
    private readonly text: string,
    private readonly masked: readonly Span[],
  ) {}

  read(): ValueNode {
    // An empty file is no error for the full reader, but it is not strict JSON: the full reader says what it is.
    this.skipSpace();
    if (this.pos >= this.text.length) throw NOT_STRICT;
    const root = this.value(undefined, '', 0);
    this.skipSpace();
    if (this.pos !== this.text.length) throw NOT_STRICT;
    return root;
  }

  /** Skips whitespace; returns the code of the character after it (NaN at the end of the text). */
  private skipSpace(): number {
    const text = this.text;
    let pos = this.pos;
    let c = text.charCodeAt(pos);
    while (c === SPACE || c === LF || c === CR || c === TAB) c = text.charCodeAt(++pos);
    this.pos = pos;
    return c;
  }

  /** The value that starts at the current character, as the child `segment` of `parent`, `depth` deep. */
  private value(parent: Collection | undefined, segment: string | number, depth: number): ValueNode {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case QUOTE:
        return this.string(parent, segment, depth);
      case OPEN_BRACE:
        return this.object(parent, segment, depth);
      case OPEN_BRACKET:
        return this.array(parent, segment, depth);
      case 0x74: // t
        return this.keyword('true', 'boolean', true, parent, segment, depth);
      case 0x66: // f
        return this.keyword('false', 'boolean', false, parent, segment, depth);
      case 0x6e: // n
        return this.keyword('null', 'null', null, parent, segment, depth);
      default:
        if (c === MINUS || isDigit(c)) return this.number(parent, segment, depth);
        throw NOT_STRICT;
    }
  }

  /**
   * A string's value; the current character is its opening quote, and reading stops after its closing one.
   * Short strings without escapes are shared: a config repeats its keys and most of its values (grant types,
   * app types) thousands of times, and one string for each is less to allocate, and hash, than thousands.
   */
  private stringValue(): string {
    const text = this.text;
    const start = this.pos + 1;
    let pos = start;
    let hash = 0;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === QUOTE) break;
      if (c === BACKSLASH) return this.escapedString();
      // A control character (jsonc-parser reports one), or the end of the text (NaN).
      if (!(c >= SPACE)) throw NOT_STRICT;
      hash = (Math.imul(hash, 31) + c) | 0;
      pos++;
    }
    this.pos = pos + 1;
    const length = pos - start;
    if (length > MAX_SHARED_LENGTH) return text.slice(start, pos);
    const known = this.shared.get(hash);
    if (known !== undefined && known.length === length && text.startsWith(known, start)) return known;
    const value = text.slice(start, pos);
    // A file of a million distinct short strings should not also fill a map of a million entries.
    if (this.shared.size < MAX_SHARED_STRINGS) this.shared.set(hash, value);
    return value;
  }

  /** A string with escapes (rare in configs): JSON.parse decodes them as jsonc-parser does, and refuses invalid ones. */
  private escapedString(): string {
    const text = this.text;
    const start = this.pos;
    let pos = start + 1;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === QUOTE) break;
      if (c === BACKSLASH) pos += 2;
      else if (!(c >= SPACE)) throw NOT_STRICT;
      else pos++;
    }
    this.pos = pos + 1;
    try {
      return JSON.parse(text.slice(start, pos + 1)) as string;
    } catch {
      throw NOT_STRICT;
    }
  }

  private string(parent: Collection | undefined, segment: string | number, depth: number): JsonString {
    const start = this.pos;
    this.guard.charge(depth, start);
    const value = this.stringValue();
    const end = this.pos;
    return new JsonString(parent, segment, start, end, value, holdsPlaceholder(start, end, value, this.masked));
  }

  private keyword(word: string, kind: 'boolean' | 'null', value: boolean | null, parent: Collection | undefined, segment: string | number, depth: number): JsonScalar {
    const start = this.pos;
    if (!this.text.startsWith(word, start)) throw NOT_STRICT;
    this.guard.charge(depth, start);
    this.pos = start + word.length;
    // What follows (`truex`) is checked by the caller, which accepts only whitespace, `,`, `]`, `}` or the end.
    return new JsonScalar(parent, segment, start, this.pos, kind, value);
  }

  /** `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, the number grammar of JSON and of jsonc-parser. */
  private number(parent: Collection | undefined, segment: string | number, depth: number): JsonScalar {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === MINUS) pos++;
    if (!isDigit(text.charCodeAt(pos))) throw NOT_STRICT;
    // A leading zero stands alone: `01` is two numbers to jsonc-parser, and the caller refuses the second.
    if (text.charCodeAt(pos) === DIGIT_0) pos++;
    else while (isDigit(text.charCodeAt(pos))) pos++;
    if (text.charCodeAt(pos) === DOT) {
      pos++;
      if (!isDigit(text.charCodeAt(pos))) throw NOT_STRICT;
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    const e = text.charCodeAt(pos);
    if (e === 0x65 || e === 0x45) {
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === PLUS || sign === MINUS) pos++;
      if (!isDigit(text.charCodeAt(pos))) throw NOT_STRICT;
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    this.guard.charge(depth, start);
    this.pos = pos;
    return new JsonScalar(parent, segment, start, pos, 'number', Number(text.slice(start, pos)));
  }

  private object(parent: Collection | undefined, segment: string | number, depth: number): JsonObject {
    const start = this.pos;
    this.guard.enter(start);
    this.guard.charge(depth, start);
    const object = new JsonObject(parent, segment, start, start);
    this.pos++; // the open brace
    let c = this.skipSpace();
    if (c !== CLOSE_BRACE) {
      for (;;) {
        if (c !== QUOTE) throw NOT_STRICT;
        const keyStart = this.pos;
        const key = this.stringValue();
        const keyEnd = this.pos;
        if (this.skipSpace() !== COLON) throw NOT_STRICT;
        this.pos++;
        this.skipSpace();
        object.add(key, keyStart, keyEnd, this.value(object, key, depth + 1), this.duplicateKeys);
        c = this.skipSpace();
        if (c === CLOSE_BRACE) break;
        if (c !== COMMA) throw NOT_STRICT;
        this.pos++;
        c = this.skipSpace();
      }
    }
    object.close(++this.pos); // past the close brace
    this.guard.leave();
    return object;
  }

  private array(parent: Collection | undefined, segment: string | number, depth: number): JsonArray {
    const start = this.pos;
    this.guard.enter(start);
    this.guard.charge(depth, start);
    const array = new JsonArray(parent, segment, start, start);
    const items = array.items;
    this.pos++; // the open bracket
    let c = this.skipSpace();
    if (c !== CLOSE_BRACKET) {
      for (;;) {
        items.push(this.value(array, items.length, depth + 1));
        c = this.skipSpace();
        if (c === CLOSE_BRACKET) break;
        if (c !== COMMA) throw NOT_STRICT;
        this.pos++;
        this.skipSpace();
      }
    }
    array.close(++this.pos); // past the close bracket
    this.guard.leave();
    return array;
  }
}
