/**
 * Applies a fix's semantic edits to the model (not the text), so a fix can be checked by re-running the rules on
 * one client: no re-parse. Untouched nodes keep their identity and spans; new nodes take the span of what they
 * replace (or an empty span where they are inserted), so findings before and after can be matched by position.
 *
 * YAML: an edit of anchored text as written (fix/anchor-scope.ts) changes every copy of it the client holds, as
 * it does once the text is read again: a copy (a node with `origin`) takes the edits of its origin, list items by
 * position; a prop copied or merged from a prop as written (Prop.source) goes when that prop is removed.
 */
import type { ClientEntry } from '../discover';
import type { ArrayNode, NodePath, ObjectNode, Prop, ValueNode } from '../model';
import type { PlainValue, SemanticEdit } from './semantic';
import { editTarget } from './semantic';

export function simulateEdits(entry: ClientEntry, edits: readonly SemanticEdit[]): ClientEntry {
  const rebuild = new Rebuilder(edits);
  const node = rebuild.value(entry.node) as ObjectNode;
  const credentials = entry.credentials && (rebuild.value(entry.credentials) as ObjectNode);
  return { ...entry, node, credentials };
}

class Rebuilder {
  private readonly targets = new Map<ValueNode, SemanticEdit[]>();
  /** Props as written that a removeField takes out: their copies (Prop.source) go with them. */
  private readonly removedProps = new Set<Prop>();

  constructor(edits: readonly SemanticEdit[]) {
    for (const edit of edits) {
      const target = editTarget(edit);
      const list = this.targets.get(target) ?? [];
      list.push(edit);
      this.targets.set(target, list);
      if (edit.kind === 'removeField') this.removedProps.add(edit.prop);
    }
  }

  value(node: ValueNode): ValueNode {
    // A copy takes its origin's edits (an edit of the anchored text changes every alias of it).
    const own = this.targets.get(node) ?? (node.origin ? this.targets.get(node.origin) : undefined) ?? [];
    if (node.kind === 'object') return this.object(node, own);
    if (node.kind === 'array') return this.array(node, own);
    for (const edit of own) {
      if (edit.kind === 'replaceScalar') return synthetic(edit.value, node.path, node.start, node.end);
      if (edit.kind === 'wrapInList') return { kind: 'array', items: [{ ...node, path: [...node.path, 0] }], flow: true, path: node.path, start: node.start, end: node.end };
    }
    return node;
  }

  private object(node: ObjectNode, edits: readonly SemanticEdit[]): ObjectNode {
    let changed = false;
    const rebuilt = (prop: Prop): Prop => {
      const value = this.value(prop.value);
      if (value === prop.value) return prop;
      changed = true;
      // Field by field: a JSON property makes its key span on a getter, which a spread does not copy.
      return { key: prop.key, keySpan: prop.keySpan, value, ...(prop.source ? { source: prop.source } : {}), ...(prop.shadowed ? { shadowed: prop.shadowed } : {}) };
    };
    const copiedAway = (prop: Prop): boolean => prop.source !== undefined && this.removedProps.has(prop.source);
    let props: Prop[] = node.props.map(rebuilt);
    let merged = node.merged?.map(rebuilt);
    if (this.removedProps.size > 0) {
      // A merged prop whose source is removed goes (anchor-scope.ts offers that only when no other source gives the key).
      const keptProps = props.filter((p) => !copiedAway(p));
      const keptMerged = merged?.filter((p) => !copiedAway(p));
      if (keptProps.length !== props.length || keptMerged?.length !== merged?.length) changed = true;
      props = keptProps;
      merged = keptMerged;
    }
    for (const edit of edits) {
      if (edit.kind === 'removeField') {
        changed = true;
        // By key and position: a JSON property's key span is a new object on every read.
        const start = edit.prop.keySpan.start;
        props = props.filter((p) => p.key !== edit.prop.key || p.keySpan.start !== start);
        continue;
      }
      if (edit.kind !== 'setField') continue;
      changed = true;
      // Own props only, as the renderer writes it: a key the client has only through a YAML merge key gets an own
      // prop, which then overrides the merged one (getProp reads own props first; `merged` is kept as it is). A copy
      // of an edited mapping as written gets the edit by key, as its props are those of its origin.
      const at = props.map((p) => p.key).lastIndexOf(edit.key);
      if (at >= 0) {
        const old = props[at]!;
        props = props.map((p, i) => (i === at ? { key: old.key, keySpan: old.keySpan, value: synthetic(edit.value, old.value.path, old.value.start, old.value.end) } : p));
      } else {
        const value = synthetic(edit.value, [...node.path, edit.key], node.end, node.end);
        props = [...props, { key: edit.key, keySpan: { start: node.end, end: node.end }, value }];
      }
    }
    // The path explicitly: a JSON node works its path out on a getter, which a spread does not copy.
    if (!changed) return node;
    return merged ? { ...node, path: node.path, props, merged } : { ...node, path: node.path, props };
  }

  private array(node: ArrayNode, edits: readonly SemanticEdit[]): ArrayNode {
    const removed = new Set<ValueNode>();
    // A copy of an edited list loses the items at the removed items' positions in its origin.
    const removedAt = new Set<number>();
    const added: string[] = [];
    for (const edit of edits) {
      if (edit.kind === 'removeItems') {
        if (edit.array === node) edit.items.forEach((item) => removed.add(item));
        else for (const item of edit.items) removedAt.add(edit.array.items.indexOf(item));
      }
      if (edit.kind === 'addItems') added.push(...edit.values);
    }
    let changed = removed.size > 0 || removedAt.size > 0 || added.length > 0;
    const items = node.items
      .filter((item, i) => !removed.has(item) && !removedAt.has(i))
      .map((item) => {
        const value = this.value(item);
        if (value !== item) changed = true;
        return value;
      });
    if (!changed) return node;
    for (const value of added) items.push(synthetic(value, [...node.path, items.length], node.end, node.end));
    return { ...node, path: node.path, items };
  }
}

function synthetic(value: PlainValue, path: NodePath, start: number, end: number): ValueNode {
  if (Array.isArray(value)) {
    const items = (value as readonly string[]).map((v, i) => synthetic(v, [...path, i], start, end));
    return { kind: 'array', items, flow: true, path, start, end };
  }
  if (typeof value === 'string') return { kind: 'string', value, quote: 'double', placeholder: false, path, start, end };
  if (typeof value === 'number') return { kind: 'number', value, path, start, end };
  if (typeof value === 'boolean') return { kind: 'boolean', value, path, start, end };
  return { kind: 'null', value: null, path, start, end };
}
