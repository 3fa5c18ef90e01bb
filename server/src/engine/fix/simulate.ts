/**
 * Applies a fix's semantic edits to the model (not the text), so a fix can be checked by re-running the rules on
 * one client: no re-parse. Untouched nodes keep their identity and spans; new nodes take the span of what they
 * replace (or an empty span where they are inserted), so findings before and after can be matched by position.
 */
import type { ClientEntry } from '../discover';
import type { ArrayNode, NodePath, ObjectNode, Prop, ValueNode } from '../model';
import type { PlainValue, SemanticEdit } from './semantic';

export function simulateEdits(entry: ClientEntry, edits: readonly SemanticEdit[]): ClientEntry {
  const rebuild = new Rebuilder(edits);
  const node = rebuild.value(entry.node) as ObjectNode;
  const credentials = entry.credentials && (rebuild.value(entry.credentials) as ObjectNode);
  return { ...entry, node, credentials };
}

class Rebuilder {
  private readonly targets = new Map<ValueNode, SemanticEdit[]>();

  constructor(edits: readonly SemanticEdit[]) {
    for (const edit of edits) {
      const target =
        edit.kind === 'removeItems' || edit.kind === 'addItems' ? edit.array : edit.kind === 'setField' || edit.kind === 'removeField' ? edit.object : edit.node;
      const list = this.targets.get(target) ?? [];
      list.push(edit);
      this.targets.set(target, list);
    }
  }

  value(node: ValueNode): ValueNode {
    const own = this.targets.get(node) ?? [];
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
    let props: Prop[] = node.props.map((prop) => {
      const value = this.value(prop.value);
      if (value === prop.value) return prop;
      changed = true;
      // Field by field: a JSON property makes its key span on a getter, which a spread does not copy.
      return { key: prop.key, keySpan: prop.keySpan, value };
    });
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
    return changed ? { ...node, path: node.path, props } : node;
  }

  private array(node: ArrayNode, edits: readonly SemanticEdit[]): ArrayNode {
    const removed = new Set<ValueNode>();
    const added: string[] = [];
    for (const edit of edits) {
      if (edit.kind === 'removeItems') edit.items.forEach((item) => removed.add(item));
      if (edit.kind === 'addItems') added.push(...edit.values);
    }
    let changed = removed.size > 0 || added.length > 0;
    const items = node.items
      .filter((item) => !removed.has(item))
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
