/**
 * The JSON model's nodes, shared by both JSON readers (json.ts, json-strict.ts); objects add their properties
 * themselves, so both readers report duplicate keys alike.
 */
import type { ArrayNode, NodePath, ObjectNode, ParseError, Prop, ScalarNode, Span, StringNode, ValueNode } from '../model';
import { childPath } from '../model';
import { shortKey } from './guards';

export type Collection = JsonObject | JsonArray;

/** A reader's result: the root (none for an empty file) and the errors in the order it met them. */
export interface JsonReading {
  readonly root: ValueNode | undefined;
  readonly syntaxErrors: readonly ParseError[];
  readonly duplicateKeys: readonly ParseError[];
}

/** Objects with more properties than this find duplicate keys through a set rather than by scanning. */
const SCAN_LIMIT = 16;

/**
 * A node of the JSON model that knows its parent and its key or index there, and works out its path when asked:
 * most paths are never read, and storing one per node was a tenth of the time to read a large file. (Private
 * fields: the parent is neither copied by a spread nor written by JSON.stringify.)
 */
abstract class JsonNode {
  readonly #parent: Collection | undefined;
  readonly #segment: string | number;

  constructor(parent: Collection | undefined, segment: string | number, readonly start: number, public end: number) {
    this.#parent = parent;
    this.#segment = segment;
  }

  get path(): NodePath {
    const parent = this.#parent;
    return parent ? childPath(parent.path, this.#segment) : [];
  }
}

export class JsonString extends JsonNode implements StringNode {
  readonly kind = 'string';
  readonly quote = 'double';

  constructor(parent: Collection | undefined, segment: string | number, start: number, end: number, readonly value: string, readonly placeholder: boolean) {
    super(parent, segment, start, end);
  }
}

export class JsonScalar extends JsonNode implements ScalarNode {
  constructor(parent: Collection | undefined, segment: string | number, start: number, end: number, readonly kind: ScalarNode['kind'], readonly value: number | boolean | null) {
    super(parent, segment, start, end);
  }
}

export class JsonObject extends JsonNode implements ObjectNode {
  readonly kind = 'object';
  readonly flow = true;
  props: Prop[] = [];
  /** The keys so far, once the object has more than SCAN_LIMIT properties. */
  #keys: Set<string> | undefined;

  /**
   * Adds `"key": value`. A repeated key is kept (getProp reads the last one, as JSON.parse and the Auth0 API do)
   * and reported in `duplicateKeys`.
   */
  add(key: string, keyStart: number, keyEnd: number, value: ValueNode, duplicateKeys: ParseError[]): void {
    const props = this.props;
    let seen = false;
    if (props.length < SCAN_LIMIT) {
      for (let i = 0; i < props.length; i++) if (props[i]!.key === key) seen = true;
    } else {
      this.#keys ??= new Set(props.map((p) => p.key));
      seen = this.#keys.has(key);
    }
    this.#keys?.add(key);
    if (seen) {
      duplicateKeys.push({
        message: `Duplicate key '${shortKey(key)}': only the last one counts (as in JSON.parse); remove the others.`,
        span: { start: keyStart, end: keyEnd },
        exact: true,
        readByJsonParse: true,
      });
    }
    props.push(new JsonProp(key, keyStart, keyEnd, value));
  }

  /** Sets where the object ends once its closing brace (or the end of the text) is reached. */
  close(end: number): void {
    this.end = end;
    this.props = exactSize(this.props);
  }
}

export class JsonArray extends JsonNode implements ArrayNode {
  readonly kind = 'array';
  readonly flow = true;
  items: ValueNode[] = [];

  /** Sets where the array ends once its closing bracket (or the end of the text) is reached. */
  close(end: number): void {
    this.end = end;
    this.items = exactSize(this.items);
  }
}

/**
 * A property. Its key's span is made when asked for: a large file has hundreds of thousands of properties, and
 * few key spans are ever read. (A getter, which a spread does not copy: copy a property field by field.)
 */
class JsonProp implements Prop {
  constructor(
    readonly key: string,
    private readonly keyStart: number,
    private readonly keyEnd: number,
    readonly value: ValueNode,
  ) {}

  get keySpan(): Span {
    return { start: this.keyStart, end: this.keyEnd };
  }
}

/**
 * A closed collection's list at its exact size. An array grown by push keeps room for more (16 entries at the
 * first push), and a large file's model is mostly these lists: copied to size, the list that lives on is half as
 * large or less, and the one that grew dies young, which costs the garbage collector nothing.
 */
function exactSize<T>(list: T[]): T[] {
  return list.length === 0 ? list : list.slice();
}
