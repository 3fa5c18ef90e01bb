/**
 * YAML anchors, aliases and merge keys, resolved within a document as js-yaml (which auth0-deploy-cli loads
 * tenants with) and `yaml` resolve them: an alias is a copy of the node its anchor names, a mapping's merge keys
 * supply the props it does not set itself. Copies take the span of the alias (or `<<` entry) they stand for and
 * keep the node as written in `origin` (and copied props the prop as written in `source`), so findings point inside
 * the client and a fix edits the text a copy comes from, never the copy (fix/anchor-scope.ts).
 *
 * Copies are bounded per document (MAX_YAML_COPIED_NODES): past the bound an alias is an unknown value, like a
 * placeholder, and the file gets one error saying so, so an alias-expansion bomb stays small and fast.
 */
import type { Anchor, NodePath, ObjectNode, ParseError, Prop, Span, ValueNode } from '../model';
import { childPath } from '../model';
import { MAX_YAML_COPIED_NODES } from '../limits';

interface MutableAnchor extends Anchor {
  readonly aliases: Span[];
  mergeSource?: boolean;
}

/** A merge-supplied prop while the merge is worked out (see Prop.shadowed). */
interface MergedProp {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: ValueNode;
  readonly source: Prop;
  shadowed?: true;
}

const ALIAS_BOUND_MESSAGE = `YAML aliases and merge keys in this document expand to more than ${MAX_YAML_COPIED_NODES.toLocaleString('en-US')} values: the values beyond that bound are not checked.`;

export class AliasResolver {
  readonly anchors: MutableAnchor[] = [];
  private byName = new Map<string, MutableAnchor>();
  private copied = 0;
  private boundReported = false;
  /** Sizes of anchored nodes (counted once, up to the bound). */
  private readonly sizes = new WeakMap<ValueNode, number>();

  constructor(private readonly errors: ParseError[]) {}

  /** A new document: anchors and the copy budget are per document. */
  startDocument(): void {
    this.byName = new Map();
    this.copied = 0;
  }

  /** Records `&name` on a node (the nearest preceding anchor of a name is the one an alias refers to). */
  anchor(name: string, span: Span, node: ValueNode): void {
    const anchor: MutableAnchor = { name, span, node, aliases: [] };
    this.anchors.push(anchor);
    this.byName.set(name, anchor);
  }

  /** The anchor `*name` refers to, the alias recorded on it; undefined (and an error) when there is none. */
  private lookup(name: string, span: Span): MutableAnchor | undefined {
    const anchor = this.byName.get(name);
    if (!anchor) {
      this.errors.push({ message: `YAML syntax error: Unresolved alias (the anchor must be set before the alias): ${name}`, span });
      return undefined;
    }
    anchor.aliases.push(span);
    return anchor;
  }

  /** The value of an alias: a copy of its anchored node at the alias's span, or an unknown value. */
  alias(name: string, span: Span, path: NodePath): ValueNode {
    const anchor = this.lookup(name, span);
    if (!anchor) return unknownAt(`*${name}`, span, path);
    if (!this.spend(anchor.node, span)) return unknownAt(`*${name}`, span, path);
    return copyNode(anchor.node, path, span);
  }

  /**
   * A merge source given by an alias: the anchored node itself, behind a one-node wrapper at the alias's span
   * whose origin is the node as written (its props are copied only into the mapping that merges it).
   */
  mergeSource(name: string, span: Span, path: NodePath): ValueNode {
    const anchor = this.lookup(name, span);
    if (!anchor) return unknownAt(`*${name}`, span, path);
    anchor.mergeSource = true;
    const node = anchor.node;
    return { ...node, path, start: span.start, end: span.end, origin: node.origin ?? node } as ValueNode;
  }

  /**
   * The props a mapping's `<<` entries supply that it does not set itself: `sources` in precedence order (the
   * first entry's first), each an object (anything else is an error at `entry`). Each prop is a copy with key and
   * value spans at its `<<` entry.
   */
  merged(own: readonly Prop[], entries: readonly { readonly entry: Span; readonly sources: readonly ValueNode[] }[], path: NodePath): Prop[] {
    const taken = new Set<string>();
    for (const prop of own) taken.add(prop.key);
    const out: MergedProp[] = [];
    const byKey = new Map<string, MergedProp>();
    for (const { entry, sources } of entries) {
      for (const source of sources) {
        if (source.kind !== 'object') {
          if (!(source.kind === 'string' && source.placeholder)) this.errors.push({ message: 'YAML syntax error: Merge sources must be maps or map aliases', span: { start: source.start, end: Math.max(source.end, source.start + 1) } });
          continue;
        }
        // Within a source, the last occurrence of a key counts, then what the source merges itself. A key given
        // twice there (or given and merged) is shadowed: another prop would supply it without the one that counts.
        const props = source.props;
        const seen = new Set<string>();
        const repeated = new Set<string>();
        const candidates: Prop[] = [];
        for (let i = props.length - 1; i >= 0; i--) {
          const prop = props[i]!;
          if (seen.has(prop.key)) {
            repeated.add(prop.key);
            continue;
          }
          seen.add(prop.key);
          candidates.push(prop);
        }
        candidates.reverse();
        for (const prop of source.merged ?? []) {
          if (seen.has(prop.key)) repeated.add(prop.key);
          else candidates.push(prop);
        }
        for (const prop of candidates) {
          if (taken.has(prop.key)) {
            // A later source gives the key too: the earlier one's prop is shadowed by it.
            const earlier = byKey.get(prop.key);
            if (earlier) earlier.shadowed = true;
            continue;
          }
          taken.add(prop.key);
          const valuePath = childPath(path, prop.key);
          const value = this.spend(prop.value, entry) ? copyNode(prop.value, valuePath, entry) : unknownAt(`<<`, entry, valuePath);
          const made: MergedProp = { key: prop.key, keySpan: entry, value, source: prop.source ?? prop };
          if (prop.shadowed || repeated.has(prop.key)) made.shadowed = true;
          out.push(made);
          byKey.set(prop.key, made);
        }
      }
    }
    return out;
  }

  /** Charges copying `node` (for the alias at `at`) to the document's budget; false (and the one error) past it. */
  private spend(node: ValueNode, at: Span): boolean {
    const size = this.sizeOf(node);
    if (this.copied + size <= MAX_YAML_COPIED_NODES) {
      this.copied += size;
      return true;
    }
    if (!this.boundReported) {
      this.boundReported = true;
      this.errors.push({ message: ALIAS_BOUND_MESSAGE, span: { start: at.start, end: Math.max(at.end, at.start + 1) }, exact: true });
    }
    return false;
  }

  /** Nodes in `node`, counted once per anchored node (its parts are walked, not remembered: that is cheaper). */
  private sizeOf(node: ValueNode): number {
    const known = this.sizes.get(node);
    if (known !== undefined) return known;
    const size = countNodes(node);
    this.sizes.set(node, size);
    return size;
  }
}

function countNodes(node: ValueNode): number {
  let size = 1;
  if (node.kind === 'array') for (const item of node.items) size += countNodes(item);
  else if (node.kind === 'object') {
    for (const prop of node.props) size += countNodes(prop.value);
    if (node.merged) for (const prop of node.merged) size += countNodes(prop.value);
  }
  return size;
}

/** An unknown value where an alias could not be resolved (or is past the bound), as a placeholder is. */
function unknownAt(text: string, span: Span, path: NodePath): ValueNode {
  return { kind: 'string', value: text, quote: 'plain', placeholder: true, path, start: span.start, end: span.end };
}

/** A deep copy of `node` at `span` and `path`; every copied node keeps the node as written in `origin`. */
function copyNode(node: ValueNode, path: NodePath, span: Span): ValueNode {
  const origin = node.origin ?? node;
  const { start, end } = span;
  switch (node.kind) {
    case 'object': {
      const props = node.props.map((prop): Prop => ({ key: prop.key, keySpan: span, value: copyNode(prop.value, childPath(path, prop.key), span), source: prop.source ?? prop }));
      const merged = node.merged?.map(
        (prop): Prop => ({ key: prop.key, keySpan: span, value: copyNode(prop.value, childPath(path, prop.key), span), source: prop.source ?? prop, ...(prop.shadowed ? { shadowed: true as const } : {}) }),
      );
      const copy: ObjectNode = { kind: 'object', props, flow: node.flow, path, start, end, origin, ...(merged ? { merged } : {}) };
      return copy;
    }
    case 'array':
      return { kind: 'array', items: node.items.map((item, i) => copyNode(item, childPath(path, i), span)), flow: node.flow, path, start, end, origin };
    case 'string':
      return { kind: 'string', value: node.value, quote: node.quote, placeholder: node.placeholder, path, start, end, origin };
    default:
      return { kind: node.kind, value: node.value, path, start, end, origin } as ValueNode;
  }
}
