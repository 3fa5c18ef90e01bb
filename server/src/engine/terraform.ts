/** Reading Terraform's model shape (`resource → type → name → body`), shared by discovery and module links. */
import type { ObjectNode, Span, ValueNode } from './model';
import { getValue } from './model';

/** `resource` blocks, resource groups and bodies may be an object or a list of objects in Terraform's JSON syntax. */
function objectsOf(node: ValueNode | undefined): ObjectNode[] {
  if (!node) return [];
  if (node.kind === 'object') return [node];
  if (node.kind === 'array') return node.items.filter((i): i is ObjectNode => i.kind === 'object');
  return [];
}

/** A resource of one type: its name, the name's key span and its body. */
export interface Resource {
  readonly name: string;
  readonly keySpan: Span;
  readonly body: ObjectNode;
}

/** The resources of one type in a file's top-level `resource` blocks, in file order. */
export function resourcesOf(root: ValueNode | undefined, type: string): Resource[] {
  const out: Resource[] = [];
  for (const block of objectsOf(getValue(root, 'resource'))) {
    for (const group of objectsOf(getValue(block, type))) {
      for (const prop of group.props) {
        const body = objectsOf(prop.value)[0];
        if (body) out.push({ name: prop.key, keySpan: prop.keySpan, body });
      }
    }
  }
  return out;
}

// `auth0_client.x.id`, `.client_id`, and an instance of a counted or for_each client: `auth0_client.x[each.key].id`.
const CLIENT_REFERENCE = /^\$\{\s*auth0_client\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?\.(?:id|client_id)\s*\}$/;
// `each.value.id` in a resource whose `for_each` is a client's instances (`for_each = auth0_client.x`).
const EACH_VALUE_REFERENCE = /^\$\{\s*each\.value\.(?:id|client_id)\s*\}$/;
const CLIENT_INSTANCES = /^\$\{\s*auth0_client\.([A-Za-z0-9_-]+)\s*\}$/;

/**
 * The resource name an `auth0_client.<name>.id` (or `.client_id`) reference names, also of one instance of a
 * counted or for_each client (`auth0_client.x[each.key].id`, `[count.index]`): `"${auth0_client.x.id}"` in
 * JSON; the HCL reader gives a traversal the same string form. Undefined for anything else.
 */
function clientReference(node: ValueNode | undefined): string | undefined {
  if (node?.kind !== 'string') return undefined;
  return CLIENT_REFERENCE.exec(node.value)?.[1];
}

/**
 * The `auth0_client` a credentials or client-grant resource's `client_id` names (its resource name): a reference
 * (clientReference), or `each.value.id` in a resource iterating over a client's instances
 * (`for_each = auth0_client.x`). Undefined when it names none of the module's clients in a way that can be read
 * (a variable, a data source, a literal client ID): such a resource may belong to any client.
 */
export function clientOfResource(body: ObjectNode): string | undefined {
  const id = getValue(body, 'client_id');
  const direct = clientReference(id);
  if (direct !== undefined || id?.kind !== 'string' || !EACH_VALUE_REFERENCE.test(id.value)) return direct;
  const each = getValue(body, 'for_each');
  return each?.kind === 'string' ? CLIENT_INSTANCES.exec(each.value)?.[1] : undefined;
}
