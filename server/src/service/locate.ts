/** Finding the client (and the field of it) under an offset, in a parsed file. */
import type { ClientEntry, LintResult, Prop, Span, ValueNode } from '../engine/index';
import { getProp } from '../engine/index';
import { countBefore } from '../engine/search';

/** The client's full extent: Terraform keys the body by a resource name that sits before it. */
export function clientExtent(client: ClientEntry): Span {
  return { start: Math.min(client.node.start, client.anchor.start), end: Math.max(client.node.end, client.anchor.end) };
}

interface ClientIndex {
  readonly clients: readonly ClientEntry[];
  readonly extents: readonly Span[];
}

/** Clients sorted by where they start, built once per lint result: lookups run for every finding. */
const indexes = new WeakMap<LintResult, ClientIndex>();

function clientIndex(result: LintResult): ClientIndex {
  let index = indexes.get(result);
  if (!index) {
    const clients = [...result.clients].sort((a, b) => clientExtent(a).start - clientExtent(b).start);
    index = { clients, extents: clients.map(clientExtent) };
    indexes.set(result, index);
  }
  return index;
}

/** The innermost client containing `offset` (end inclusive, so a cursor right after the last value counts). */
export function clientAt(result: LintResult, offset: number): ClientEntry | undefined {
  const { clients, extents } = clientIndex(result);
  // Clients never nest (they are siblings in a list, a file or a resource block), so the last one starting at or
  // before the offset is the only candidate.
  const candidate = countBefore(extents.length, (i) => extents[i]!.start <= offset) - 1;
  return candidate >= 0 && offset <= extents[candidate]!.end ? clients[candidate] : undefined;
}

/** The client whose Terraform auth0_client_credentials resource contains `offset`. */
export function clientByCredentialsAt(result: LintResult, offset: number): ClientEntry | undefined {
  return result.clients.find((c) => c.credentials && c.credentials.start <= offset && offset <= c.credentials.end);
}

export type FieldPart = 'key' | 'value';

export interface FieldHit {
  readonly prop: Prop;
  readonly part: FieldPart;
  /** For a list value: the item under the offset. */
  readonly item?: ValueNode;
}

/** The property of `object` among `keys` whose key or value holds `offset`. */
export function fieldAt(object: ValueNode, keys: readonly string[], offset: number): FieldHit | undefined {
  if (object.kind !== 'object') return undefined;
  for (const key of keys) {
    const prop = getProp(object, key);
    if (!prop) continue;
    if (within(prop.keySpan, offset)) return { prop, part: 'key' };
    if (within(prop.value, offset)) {
      const item = prop.value.kind === 'array' ? prop.value.items.find((i) => within(i, offset)) : undefined;
      return item ? { prop, part: 'value', item } : { prop, part: 'value' };
    }
  }
  return undefined;
}

export function within(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}
