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
  /**
   * Set on copies made by alias or merge-key resolution (YAML): the node as written, which the copy's value
   * comes from. A copy's span is the alias (or `<<` entry) it stands for, so a finding about it lies inside the
   * client that uses it. A node with an origin is not text of its own: no fix may edit it.
   */
  readonly origin?: ValueNode;
}

export interface ObjectNode extends NodeBase {
  readonly kind: 'object';
  readonly props: readonly Prop[];
  /** A YAML flow mapping or any JSON object; false for a YAML block mapping. */
  readonly flow: boolean;
  /**
   * YAML merge keys (`<<: *base`, `<<: [*a, *b]`): the props the merges supply that the mapping does not set
   * itself, in precedence order, each a copy (see NodeBase.origin). The `<<` entries are not in `props`.
   */
  readonly merged?: readonly Prop[];
  /** YAML: the last `<<` entry as written (its key to the end of its value), beside which a fix writes a new key. */
  readonly mergeEntry?: Span;
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
  /**
   * YAML: set on props that alias or merge-key resolution copied (a prop of a copied mapping, or one a merge key
   * supplies): the prop as written that this one stands for, so a fix can reach the text it comes from.
   */
  readonly source?: Prop;
  /**
   * YAML: set on a merge-supplied prop (ObjectNode.merged) when another prop as written would supply the key were
   * this one's source gone (a later merge source, the source's own merge keys, an earlier repeat of the key).
   */
  readonly shadowed?: true;
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
  /**
   * The values around this error are read exactly, not guessed across it (a duplicate key: the last one counts;
   * values past the alias bound: unknown). Other errors silence the rules of the client they lie in.
   */
  readonly exact?: true;
  /**
   * HCL: the mistake the errors marked `cascade` after it come from (a string left open, which tree-sitter reads on
   * to the next quote): reported even where those errors' ranges cover it (reported-parse-errors.ts).
   */
  readonly cause?: true;
  /**
   * JSON.parse reads the file as this model does despite this error (a duplicate key: the last one counts), so
   * auth0-deploy-cli and Terraform, which read JSON with it, deploy these values. Every other error stops them.
   */
  readonly readByJsonParse?: true;
  /**
   * An error of a mistake already reported, not reported again, so one mistake gives one parse-error: JSON, one the
   * reader tripped on while still recovering from an earlier one (parse/json.ts); YAML, one after the first on its
   * line (parse/yaml.ts); HCL, text a string left open read on into (parse/hcl.ts).
   */
  readonly cascade?: true;
  /**
   * JSON: a syntax error as any JSON parser meets it (jsonc-parser's, which editors' own JSON support also reports
   * as an error), so an open document may leave it to the editor. Not set on what that support passes or only warns
   * of: duplicate keys, the comments, trailing commas and byte order mark a strict reader refuses, and the limits.
   */
  readonly plainJsonSyntax?: true;
}

/** A comment (YAML `#`; HCL `#`, `//` and block comments): where it is and its text without the comment markers. */
export interface Comment {
  readonly span: Span;
  readonly text: string;
}

export type Format = 'json' | 'yaml' | 'hcl';

/** One parsed document (a YAML file may hold several). */
export interface ParsedDocument {
  readonly root: ValueNode | undefined;
  /** The document's extent in the file. */
  readonly span: Span;
}

/** YAML: an anchored node and the aliases that refer to it, within its document. */
export interface Anchor {
  readonly name: string;
  /** The `&name` token. */
  readonly span: Span;
  /** The node as written. */
  readonly node: ValueNode;
  /** Each `*name` that refers to this anchor (merge-key aliases included). */
  readonly aliases: readonly Span[];
  /** Some alias of it is a merge key's source (`<<: *name`): mappings take props from it, not copies of it. */
  readonly mergeSource?: boolean;
}

export interface ParsedFile {
  readonly format: Format;
  readonly documents: readonly ParsedDocument[];
  readonly errors: readonly ParseError[];
  readonly comments: readonly Comment[];
  /**
   * Comments that read as suppression comments but cannot be one, in file order (absent when there are none): in
   * YAML, one at the end of a line, after a value; in JSON, any (JSON files take none). Reported, never silent.
   */
  readonly strayDirectives?: readonly Comment[];
  /** YAML anchors in file order; absent or empty when the file has none. */
  readonly anchors?: readonly Anchor[];
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

/**
 * The prop that gives a mapping's resolved value for `key`: the mapping's own prop (the last occurrence, as in
 * JSON.parse and the Auth0 API), else the first one its YAML merge keys supply.
 */
export function getProp(node: ValueNode | undefined, key: string): Prop | undefined {
  const own = getOwnProp(node, key);
  if (own || node?.kind !== 'object' || !node.merged) return own;
  for (const prop of node.merged) if (prop.key === key) return prop;
  return undefined;
}

/** The mapping's own (written) prop for `key`, never a merged one: what a fix may edit, or where it inserts. */
export function getOwnProp(node: ValueNode | undefined, key: string): Prop | undefined {
  if (node?.kind !== 'object') return undefined;
  for (let i = node.props.length - 1; i >= 0; i--) {
    const prop = node.props[i]!;
    if (prop.key === key) return prop;
  }
  return undefined;
}

/** A mapping's resolved props: its own, then the merged ones it does not override (each key may repeat in own). */
export function resolvedProps(node: ObjectNode): readonly Prop[] {
  return node.merged && node.merged.length > 0 ? [...node.props, ...node.merged] : node.props;
}

export function getValue(node: ValueNode | undefined, key: string): ValueNode | undefined {
  return getProp(node, key)?.value;
}

/**
 * Whether a syntax error (not one whose values are read exactly, ParseError.exact) meets an object's extent (a
 * client, a client grant: anything with a node span; an empty error span counts where it stands, and an error
 * just past the object's last value, such as a missing bracket, counts too). Such an object gets only
 * parse-error findings (rule book, "Where a finding points"), and what it holds is not known to other files'
 * findings either.
 */
export function holdsError(object: { readonly node: { readonly start: number; readonly end: number } }, errors: readonly ParseError[]): boolean {
  const { start, end } = object.node;
  return errors.some((error) => !error.exact && error.span.start <= end && Math.max(error.span.end, error.span.start + 1) > start);
}
