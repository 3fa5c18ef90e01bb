/**
 * The small positioned model every front end shares. Offsets are UTF-16 code units into the original text
 * (the same units as LSP positions), `end` exclusive.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A path from the document root, as in a JSON pointer: property names and array indexes. */
export type NodePath = readonly (string | number)[];

export type QuoteStyle = 'double' | 'single' | 'plain';

interface NodeBase extends Span {
  readonly path: NodePath;
}

export interface ObjectNode extends NodeBase {
  readonly kind: 'object';
  readonly props: readonly Prop[];
  /** A YAML flow mapping or any JSON object; false for a YAML block mapping. */
  readonly flow: boolean;
}

export interface ArrayNode extends NodeBase {
  readonly kind: 'array';
  readonly items: readonly ValueNode[];
  readonly flow: boolean;
}

export interface StringNode extends NodeBase {
  readonly kind: 'string';
  readonly value: string;
  readonly quote: QuoteStyle;
  /** The value holds an auth0-deploy-cli keyword (`##NAME##`, `@@NAME@@`): its real value is unknown. */
  readonly placeholder: boolean;
}

export interface ScalarNode extends NodeBase {
  readonly kind: 'number' | 'boolean' | 'null';
  readonly value: number | boolean | null;
}

export type ValueNode = ObjectNode | ArrayNode | StringNode | ScalarNode;

export interface Prop {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: ValueNode;
}

/**
 * A property's extent, from its key's first character to its value's last (or the key's, for an empty value).
 * Worked out when asked for, not stored: a large tenant has hundreds of thousands of properties, and a stored
 * span would also have to be moved with every edit.
 */
export function propSpan(prop: Prop): Span {
  return { start: prop.keySpan.start, end: Math.max(prop.value.end, prop.keySpan.end) };
}

export interface ParseError {
  readonly message: string;
  readonly span: Span;
}

/** A `#` comment (YAML only): where it is and its text without the `#`. */
export interface Comment {
  readonly span: Span;
  readonly text: string;
}

export type Format = 'json' | 'yaml';

/** One parsed document (a YAML file may hold several). */
export interface ParsedDocument {
  readonly root: ValueNode | undefined;
  /** The document's extent in the file. */
  readonly span: Span;
}

export interface ParsedFile {
  readonly format: Format;
  readonly documents: readonly ParsedDocument[];
  readonly errors: readonly ParseError[];
  readonly comments: readonly Comment[];
}

/**
 * A child's path: its parent's plus one segment. Built as one literal of the right length for the usual depths:
 * the readers make one per node, so copying and growing an array each time shows in the time to open a file.
 */
export function childPath(path: NodePath, segment: string | number): NodePath {
  switch (path.length) {
    case 0:
      return [segment];
    case 1:
      return [path[0]!, segment];
    case 2:
      return [path[0]!, path[1]!, segment];
    case 3:
      return [path[0]!, path[1]!, path[2]!, segment];
    case 4:
      return [path[0]!, path[1]!, path[2]!, path[3]!, segment];
    default:
      return [...path, segment];
  }
}

export function getProp(node: ValueNode | undefined, key: string): Prop | undefined {
  if (node?.kind !== 'object') return undefined;
  // The last occurrence counts, as in JSON.parse and the Auth0 API.
  for (let i = node.props.length - 1; i >= 0; i--) {
    const prop = node.props[i]!;
    if (prop.key === key) return prop;
  }
  return undefined;
}

export function getValue(node: ValueNode | undefined, key: string): ValueNode | undefined {
  return getProp(node, key)?.value;
}

export function isPlaceholder(node: ValueNode | undefined): boolean {
  return node?.kind === 'string' && node.placeholder;
}
