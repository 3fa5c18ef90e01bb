/** Reading Terraform's model shape (`resource → type → name → body`), shared by discovery and module links. */
import type { ObjectNode, ParseError, Span, ValueNode } from './model';
import { getValue, holdsError } from './model';

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

// `auth0_client.x.id`, `.client_id`, and an instance of a counted or for_each client: `auth0_client.x[<index>].id`.
const CLIENT_REFERENCE = /^\$\{\s*auth0_client\.([A-Za-z0-9_-]+)(?:\[([^\]]*)\])?\.(?:id|client_id)\s*\}$/;
// The indexes that follow the resource's own instances one for one: the same key in a resource with the same
// `for_each`, the same index with the same `count`.
const INSTANCE_FOR_INSTANCE = /^\s*(?:each\.key|count\.index)\s*$/;
// `each.value.id` in a resource whose `for_each` is a client's instances (`for_each = auth0_client.x`).
const EACH_VALUE_REFERENCE = /^\$\{\s*each\.value\.(?:id|client_id)\s*\}$/;
const CLIENT_INSTANCES = /^\$\{\s*auth0_client\.([A-Za-z0-9_-]+)\s*\}$/;

/**
 * The `auth0_client` a credentials or client-grant resource's `client_id` names: `name` is its resource name;
 * `whole` says the reference stands for every instance of it (`auth0_client.x.id`, `.client_id`,
 * `auth0_client.x[each.key].id`, `[count.index]`, `each.value.id` over `for_each = auth0_client.x`), not one
 * instance picked by a literal key or index (`x["ios"]`, `x[0]`) or by any other expression (`x[var.k]`).
 */
export interface ClientLink {
  readonly name: string;
  readonly whole: boolean;
}

/**
 * How a resource's `client_id` names an `auth0_client` of the module (see ClientLink): `"${auth0_client.x.id}"`
 * in JSON; the HCL reader gives a traversal the same string form. Undefined when it names none in a way that can
 * be read (a variable, a data source, a literal client ID): such a resource may belong to any client.
 */
export function clientLinkOfResource(body: ObjectNode): ClientLink | undefined {
  const id = getValue(body, 'client_id');
  if (id?.kind !== 'string') return undefined;
  const direct = CLIENT_REFERENCE.exec(id.value);
  if (direct) return { name: direct[1]!, whole: direct[2] === undefined || INSTANCE_FOR_INSTANCE.test(direct[2]) };
  if (!EACH_VALUE_REFERENCE.test(id.value)) return undefined;
  const each = getValue(body, 'for_each');
  const name = each?.kind === 'string' ? CLIENT_INSTANCES.exec(each.value)?.[1] : undefined;
  return name === undefined ? undefined : { name, whole: true };
}

/**
 * The `auth0_client` (its resource name) a credentials or client-grant resource names as a whole (see
 * clientLinkOfResource), so that it configures every instance. Undefined for one instance, or no readable client.
 */
export function clientOfResource(body: ObjectNode): string | undefined {
  const link = clientLinkOfResource(body);
  return link?.whole ? link.name : undefined;
}

/**
 * A file's (one document's) `auth0_client_credentials` bodies by the resource name of the client they name: the
 * first of each client. Credentials whose client cannot be read are left out, and so are those whose text holds
 * a syntax error (`errors`: the file's): what was read of them is a guess (see brokenResource).
 */
export function credentialsByClient(root: ValueNode | undefined, errors: readonly ParseError[] = []): Map<string, ObjectNode> {
  const out = new Map<string, ObjectNode>();
  for (const { body } of resourcesOf(root, 'auth0_client_credentials')) {
    if (brokenResource(body, errors)) continue;
    const target = clientOfResource(body);
    if (target !== undefined && !out.has(target)) out.set(target, body);
  }
  return out;
}

/** How many readable credentials resources of a document link to each client (by the client's resource name). */
export function credentialsCountByClient(root: ValueNode | undefined, errors: readonly ParseError[] = []): Map<string, number> {
  const out = new Map<string, number>();
  for (const { body } of resourcesOf(root, 'auth0_client_credentials')) {
    if (brokenResource(body, errors)) continue;
    const target = clientOfResource(body);
    if (target !== undefined) out.set(target, (out.get(target) ?? 0) + 1);
  }
  return out;
}

/** Clients (by resource name) that two or more credentials resources of a document link to. */
export function clientsWithSeveralCredentials(root: ValueNode | undefined, errors: readonly ParseError[] = []): Set<string> {
  return new Set([...credentialsCountByClient(root, errors)].filter(([, count]) => count > 1).map(([name]) => name));
}

/**
 * Whether a resource's body holds a syntax error (not one read exactly) of `errors`: its values are the reader's
 * guesses, so a credentials resource in that state gives its client no method (the method is unknown: its module
 * is not known whole either), never the guessed one, and gets no findings of its own (rule book).
 */
export function brokenResource(body: ObjectNode, errors: readonly ParseError[]): boolean {
  return errors.length > 0 && holdsError({ node: body }, errors);
}

/**
 * The bodies of a file's (one document's) resources of every type but `type`, in file order: a syntax error
 * inside one of them is that resource's, and hides no resource of `type`.
 */
export function resourceBodiesExcept(root: ValueNode | undefined, type: string): ObjectNode[] {
  const out: ObjectNode[] = [];
  for (const block of objectsOf(getValue(root, 'resource'))) {
    for (const group of block.props) {
      if (group.key === type) continue;
      for (const typed of objectsOf(group.value)) for (const prop of typed.props) out.push(...objectsOf(prop.value).slice(0, 1));
    }
  }
  return out;
}

/** Top-level blocks whose values may carry a client's ID where this module cannot follow it. */
const PASSED_ON_BLOCKS = ['module', 'locals', 'output'];
const ANY_CLIENT_REFERENCE = /\bauth0_client\.([A-Za-z0-9_-]+)/g;

/**
 * The resource names of the `auth0_client`s that a file's (one document's) `module`, `locals` or `output` blocks
 * refer to, in any expression: a child module given the client's ID (`client_id = auth0_client.x.id`), a local
 * value that may be given to one, or an output a parent module may read can each configure the client's
 * credentials out of this module's sight, so its auth method is not the provider's create-time default.
 */
export function clientsPassedOn(root: ValueNode | undefined): Set<string> {
  const names = new Set<string>();
  const visit = (node: ValueNode): void => {
    if (node.kind === 'string') for (const match of node.value.matchAll(ANY_CLIENT_REFERENCE)) names.add(match[1]!);
    else if (node.kind === 'array') node.items.forEach(visit);
    else if (node.kind === 'object') for (const prop of node.props) visit(prop.value);
  };
  for (const block of PASSED_ON_BLOCKS) {
    const value = getValue(root, block);
    if (value) visit(value);
  }
  return names;
}

/** The tenant settings' flags a Terraform document writes (terraformTenantFlags). */
export interface TerraformTenantFlags {
  /** The `flags` block (HCL) or object (JSON, also as a one-item list) of the first `auth0_tenant` resource. */
  readonly flags: ObjectNode | undefined;
  /** The resource writes its flags, but not as a block a reader can take (`flags = var.x`, a `dynamic` block). */
  readonly unknown: boolean;
}

/**
 * The `flags` of the first `auth0_tenant` resource of a Terraform document, as auth0-deploy-cli's `tenant.flags`
 * (rule book, "Legacy severity": `allow_legacy_ro_grant_types`, `allow_legacy_delegation_grant_types`; the
 * provider's `flags` block carries the same names). Undefined when the document has no `auth0_tenant` resource;
 * a resource whose text holds a syntax error is skipped (its flags would be guesses). Unknown when two resources
 * configure the tenant or `count`/`for_each` may create none.
 */
export function terraformTenantFlags(root: ValueNode | undefined, errors: readonly ParseError[]): TerraformTenantFlags | undefined {
  const tenants = resourcesOf(root, 'auth0_tenant').filter(({ body }) => !brokenResource(body, errors));
  const [first] = tenants;
  if (!first) return undefined;
  // Two resources configure one tenant (the last applied wins), and `count`/`for_each` may create none: unknown.
  if (tenants.length > 1 || getValue(first.body, 'count') !== undefined || getValue(first.body, 'for_each') !== undefined) return { flags: undefined, unknown: true };
  const flags = getValue(first.body, 'flags');
  const dynamic = objectsOf(getValue(first.body, 'dynamic')).some((d) => getValue(d, 'flags') !== undefined);
  if (flags === undefined && !dynamic) return { flags: undefined, unknown: false };
  const object = objectsOf(flags)[0];
  return { flags: object, unknown: dynamic || object === undefined };
}
