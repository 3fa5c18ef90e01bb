/** Fix builders and messages shared by rules, so every rule changes a client the same way. */
import { distance } from 'fastest-levenshtein';
import { GRANT } from '../catalogue';
import { isCreateTimeMethod } from '../client';
import type { ClientFacts, Field } from '../client';
import type { Fix, FixSafety, PlainValue, SemanticEdit } from '../fix/semantic';
import type { StringNode, ValueNode } from '../model';
import type { RelatedInfo } from './api';

/**
 * Longer values are cut in messages and fix titles (a value of megabytes would make a message of megabytes), and
 * get no "did you mean" suggestion (no enum value is that long, and the edit distance would take seconds).
 */
export const MAX_QUOTED_LENGTH = 200;

export function clip(value: string): string {
  return value.length > MAX_QUOTED_LENGTH ? `${value.slice(0, MAX_QUOTED_LENGTH - 1)}…` : value;
}

/** The value in quotes for messages: long URIs stay readable. */
export function q(value: string): string {
  return `'${escapedBreaks(clip(value))}'`;
}

/**
 * A user's value as a message quotes it, on one line and exact: line breaks and tabs written as `\n`, `\r`, `\t`
 * (a YAML block scalar's value ends in a line break, which shown as a space reads as a stray blank).
 */
export function escapedBreaks(value: string): string {
  return value.replace(/[\n\r\t]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

export function removeGrantsEdit(client: ClientFacts, items: readonly ValueNode[]): SemanticEdit | undefined {
  const grants = client.grants;
  if (!grants || items.length === 0) return undefined;
  return { kind: 'removeItems', owner: grants.prop, array: grants.array, items };
}

/**
 * Removes a grant: every item with this value, so that a repeated grant does not stay behind in its other copy
 * (which would then show the finding the fix was meant to clear). Safe only where the rule book says Auth0
 * rejects the grant for this client as configured and the finding is an error; the caller decides.
 */
export function removeGrantFix(client: ClientFacts, item: StringNode, safety: FixSafety): Fix | undefined {
  const copies = client.itemsOf(item.value);
  // One fix per value and safety, shared by every copy's finding: built per finding, n repeats would hold n² items.
  const bySafety = sharedRemovals.get(copies) ?? new Map<FixSafety, SharedRemoval>();
  sharedRemovals.set(copies, bySafety);
  let shared = bySafety.get(safety);
  if (!shared) {
    const edit = removeGrantsEdit(client, copies);
    const fix: Fix | undefined = edit && { title: titled(`Remove grant ${q(item.value)}`, safety, 'the client may rely on it'), edits: [edit], safety };
    shared = { members: new Set(copies), fix };
    bySafety.set(safety, shared);
  }
  return shared.members.has(item) ? shared.fix : removeItemFix(client, item, safety);
}

/** removeGrantFix's fix per list of copies (ClientFacts.itemsOf shares that list between calls). */
interface SharedRemoval {
  readonly members: ReadonlySet<StringNode>;
  readonly fix: Fix | undefined;
}
const sharedRemovals = new WeakMap<readonly StringNode[], Map<FixSafety, SharedRemoval>>();

/** Removes this one item (a repeat, or a misspelling of a grant that is listed already). */
export function removeItemFix(client: ClientFacts, item: StringNode, safety: FixSafety): Fix | undefined {
  const edit = removeGrantsEdit(client, [item]);
  return edit && { title: `Remove grant ${q(item.value)}`, edits: [edit], safety };
}

/**
 * A fix title: an unsafe fix says plainly what it changes, in a short note after the action (rule book, "Safe and
 * unsafe fixes": in the editor every fix is offered, and the user should see which ones change behaviour).
 */
export function titled(action: string, safety: FixSafety, unsafeNote: string): string {
  return safety === 'safe' ? action : `${action} (unsafe: ${unsafeNote})`;
}

/**
 * Whether Auth0 rejects any grant outside its short list for this client: a CIMD client (external_client_id), or
 * a third-party client whose third_party_security_mode is explicitly strict. Removing such a grant is safe.
 */
/**
 * Related information at `external_client_id`: the client is registered from a metadata document, so it may use
 * only authorization_code and refresh_token (rule book `cimd-grants`). Rules that win a grant item over cimd-grants
 * (public-client-credentials, the `*-requirements` rules) give it, with messages.ts cimdGrantMessage and the
 * grant's removal as their safe, preferred fix: meeting their own requirements would not let such a client keep
 * the grant.
 */
export function cimdRelated(client: ClientFacts): RelatedInfo[] {
  return related(client.externalClientId, 'set: a client registered from a metadata document (external_client_id)');
}

export function restrictsGrants(client: ClientFacts): boolean {
  return client.hasExternalClientId || (client.isExplicitlyThirdParty && client.thirdPartyModeValue === 'strict');
}

/** Adds grants to the list, or declares grant_types when the key is absent. */
export function addGrantsEdit(client: ClientFacts, values: readonly string[]): SemanticEdit | undefined {
  if (client.grants) return { kind: 'addItems', owner: client.grants.prop, array: client.grants.array, values };
  if (client.grantTypes.state === 'absent') return { kind: 'setField', object: client.node, key: 'grant_types', value: values };
  return undefined;
}

export function setFieldEdit(client: ClientFacts, key: string, value: PlainValue): SemanticEdit {
  return { kind: 'setField', object: client.node, key, value };
}

/**
 * Edits that set the auth method, or undefined when that would create a new error: "none" also drops
 * client_credentials (a public client cannot have it); a secret method is refused while device code needs
 * "none", and "none" while CIBA or Token Vault need a confidential client.
 */
export function setAuthMethodEdits(client: ClientFacts, value: string | null): SemanticEdit[] | undefined {
  const target = client.authMethodTarget;
  if (!target) return undefined;
  if (value === 'none' && client.needsConfidential) return undefined;
  if (value !== 'none' && client.needsPublic) return undefined;
  const edits: SemanticEdit[] = [{ kind: 'setField', object: target.object, key: target.key, value }];
  if (value === 'none') {
    const drop = removeGrantsEdit(client, client.itemsOf(GRANT.clientCredentials));
    if (drop) edits.push(drop);
  }
  return edits;
}

/** The auth method's field name where this client keeps it (Terraform: on auth0_client_credentials). */
export function authMethodKey(client: ClientFacts): string {
  return client.authMethodTarget?.key ?? (client.entry.source === 'terraform' ? 'authentication_method' : 'token_endpoint_auth_method');
}

/**
 * Why a public client is public, for a message's parentheses: `token_endpoint_auth_method: none` (or the
 * Terraform key), or, for a Terraform client without an `auth0_client_credentials` resource, the provider's
 * create-time default, which no line of the files says (facts §7): short, to leave a client's name room in the
 * client grant's message. Only for a client whose `isPublic` is true.
 */
export function whyPublic(client: ClientFacts): string {
  const createTime = client.authMethod.state === 'known' && isCreateTimeMethod(client.authMethod.node);
  return createTime ? 'no auth0_client_credentials, so none' : `${authMethodKey(client)}: none`;
}

export function setAuthMethodFix(client: ClientFacts, value: string | null): Fix | undefined {
  const edits = setAuthMethodEdits(client, value);
  if (!edits) return undefined;
  const shown = value === null ? 'null' : q(value);
  const drops = edits.length > 1 ? ' and remove client_credentials' : '';
  // Only `null` under auth-method-conflict is safe (rule book); that rule builds its own fix.
  return { title: titled(`Set ${authMethodKey(client)} to ${shown}${drops}`, 'unsafe', 'changes the auth method'), edits, safety: 'unsafe' };
}

/** A requirement a client fails, with the edits that meet it (none when it cannot be fixed in the file). */
export interface Unmet {
  readonly label: string;
  readonly edits: readonly SemanticEdit[] | undefined;
}

/**
 * Fixes for "requirements" rules: one fix per unmet requirement when only one is unmet; when several are, a
 * single fix that meets them all (a fix must make its finding go away), if every one of them can be met.
 */
export function requirementFixes(unmet: readonly Unmet[]): Fix[] {
  if (unmet.length === 0) return [];
  // Meeting a requirement changes a setting or adds a grant: always unsafe.
  const fix = (label: string, edits: readonly SemanticEdit[]): Fix => {
    const note = edits.some((edit) => edit.kind === 'addItems' || (edit.kind === 'setField' && edit.key === 'grant_types')) ? 'grants a new permission' : 'changes client settings';
    return { title: titled(capitalize(label), 'unsafe', note), edits, safety: 'unsafe' };
  };
  if (unmet.length === 1) {
    const only = unmet[0]!;
    return only.edits ? [fix(only.label, only.edits)] : [];
  }
  if (unmet.some((u) => !u.edits)) return [];
  return [fix(unmet.map((u) => u.label).join(', '), unmet.flatMap((u) => u.edits ?? []))];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Related information at a field's value; for a value resolved from a YAML anchor, at the value as written. */
export function related(field: Field, message: string): RelatedInfo[] {
  if (field.state !== 'known') return [];
  const at = field.node.origin ?? field.node;
  // The Terraform provider's create-time method has no text: say where it comes from instead.
  const value = field.node.kind === 'string' ? field.node.value : '';
  const said = isCreateTimeMethod(field.node) ? `No auth0_client_credentials resource: the provider sets authentication_method '${value}' on create` : message;
  return [{ span: { start: at.start, end: at.end }, message: said }];
}

export function listWords(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}`;
}

/** The candidate nearest to `value`, ignoring case. */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  const typed = value.trim().toLowerCase();
  if (typed.length > MAX_QUOTED_LENGTH) return undefined;
  let best: { value: string; cost: number } | undefined;
  for (const candidate of candidates) {
    const cost = distance(typed, candidate.toLowerCase());
    if (!best || cost < best.cost) best = { value: candidate, cost };
  }
  return best?.value;
}
