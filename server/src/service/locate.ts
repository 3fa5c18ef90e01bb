/** Finding the client (and the field of it) under an offset, in a parsed file. */
import type { ClientEntry, LintResult, Prop, Span, ValueNode } from '../engine/index';
import { getProp } from '../engine/index';
import { countBefore } from '../engine/search';

/** The client's full extent: Terraform keys the body by a resource name that sits before it. */
export function clientExtent(client: ClientEntry): Span {
  return { start: extentStart(client), end: Math.max(client.node.end, client.anchor.end) };
}

function extentStart(client: ClientEntry): number {
  return Math.min(client.node.start, client.anchor.start);
}

/** Each lint result's clients by where they start, for the lookups that run for every finding. */
const inOrder = new WeakMap<LintResult, readonly ClientEntry[]>();

/**
 * The clients by where they start. Discovery finds them in document order, so this is normally the result's own
 * list, confirmed in one pass without allocating (an edit in a large tenant makes a new result each time); a
 * list out of order is sorted once.
 */
function clientsInOrder(result: LintResult): readonly ClientEntry[] {
  let clients = inOrder.get(result);
  if (!clients) {
    const found = result.clients;
    let sorted = true;
    for (let i = 1; i < found.length && sorted; i++) sorted = extentStart(found[i - 1]!) <= extentStart(found[i]!);
    clients = sorted ? found : [...found].sort((a, b) => extentStart(a) - extentStart(b));
    inOrder.set(result, clients);
  }
  return clients;
}

/** The innermost client containing `offset` (end inclusive, so a cursor right after the last value counts). */
export function clientAt(result: LintResult, offset: number): ClientEntry | undefined {
  const clients = clientsInOrder(result);
  // Clients never nest (they are siblings in a list, a file or a resource block), so the last one starting at or
  // before the offset is the only candidate.
  const candidate = clients[countBefore(clients.length, (i) => extentStart(clients[i]!) <= offset) - 1];
  return candidate && offset <= clientExtent(candidate).end ? candidate : undefined;
}

/** The client whose Terraform auth0_client_credentials resource contains `offset`. */
export function clientByCredentialsAt(result: LintResult, offset: number): ClientEntry | undefined {
  // A guest (a client of another file of the module) has its credentials resource here too.
  const within = (c: ClientEntry) => c.credentials !== undefined && c.credentials.start <= offset && offset <= c.credentials.end;
  return result.clients.find(within) ?? result.guests.find(within);
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

function within(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}
