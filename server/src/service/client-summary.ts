/** How a client reads to a person: public or confidential and why, first- or third-party and why. */
import { CREATE_TIME_UNKNOWN_REASONS, getProp, type ClientFacts } from '../engine/index';
import type { ValueNode } from '../engine/model';
import { clip } from '../engine/rules/helpers';

export interface ClientKind {
  /** "public", "confidential", or undefined when the auth method is a placeholder or lives elsewhere. */
  readonly access: 'public' | 'confidential' | undefined;
  /** The reason in words, e.g. "token_endpoint_auth_method: none". */
  readonly accessReason: string;
  readonly party: 'first-party' | 'third-party' | undefined;
  readonly partyReason: string;
}

export function clientKind(facts: ClientFacts): ClientKind {
  return { ...access(facts), ...party(facts) };
}

function access(facts: ClientFacts): Pick<ClientKind, 'access' | 'accessReason'> {
  const key = facts.authMethodTarget?.key ?? (facts.entry.source === 'terraform' ? 'authentication_method' : 'token_endpoint_auth_method');
  const m = facts.authMethod;
  if (m.state === 'unknown') return { access: undefined, accessReason: unknownMethodReason(facts, key) };
  if (m.state === 'absent') return { access: 'confidential', accessReason: `${key} is not set, which counts as confidential` };
  const value = facts.authMethodValue;
  if (value === 'none') return { access: 'public', accessReason: `${key}: none` };
  if (value === null) return { access: 'confidential', accessReason: `${key}: null, which counts as confidential` };
  if (typeof value === 'string') return { access: 'confidential', accessReason: `${key}: ${value}` };
  return { access: undefined, accessReason: `${key} is not a string` };
}

/** Why a client's auth method is unknown, in words. */
function unknownMethodReason(facts: ClientFacts, key: string): string {
  const terraform = facts.entry.source === 'terraform';
  // A Terraform client that writes the pre-v1 attribute (engine/client.ts preV1Method).
  if (terraform && getProp(facts.node, 'token_endpoint_auth_method')) {
    return facts.entry.credentials
      ? 'token_endpoint_auth_method and an auth0_client_credentials resource both set it, which no provider version applies'
      : 'token_endpoint_auth_method is computed (or null), known only at plan time';
  }
  if (terraform) return facts.entry.credentials ? `${key} is computed (a variable or an expression), known only at plan time` : CREATE_TIME_UNKNOWN_REASONS[facts.entry.createTimeUnknown ?? 'not-linked'];
  return `${key} is not known here (a placeholder or merge key)`;
}

function party(facts: ClientFacts): Pick<ClientKind, 'party' | 'partyReason'> {
  if (facts.hasExternalClientId) return { party: 'third-party', partyReason: 'external_client_id is set' };
  const field = facts.isFirstPartyField;
  if (field.state === 'absent') return { party: 'first-party', partyReason: 'is_first_party is not set, which means first-party' };
  const value = facts.isFirstParty;
  if (value === true) return { party: 'first-party', partyReason: 'is_first_party: true' };
  if (value === false) return { party: 'third-party', partyReason: 'is_first_party: false' };
  return { party: undefined, partyReason: field.state === 'known' ? invalidFirstPartyReason(field.node, facts.entry.source === 'terraform') : 'is_first_party is not known here' };
}

/**
 * Why a written is_first_party that is no boolean counts as neither (`"False"`): the value is known and wrong, so
 * the reason says who refuses it and what to write, not that it is unknown.
 */
function invalidFirstPartyReason(node: ValueNode, terraform: boolean): string {
  if (node.kind === 'string' && node.placeholder) return 'is_first_party is not known here (a placeholder)';
  const written = node.kind === 'string' ? JSON.stringify(clip(node.value)) : node.kind;
  // `"False"` meant false: say so, rather than offer both.
  const meant = node.kind === 'string' && /^(true|false)$/i.test(node.value.trim()) ? node.value.trim().toLowerCase() : 'false or true';
  // Terraform converts only "true", "false", "1" and "0" to a bool (engine/client.ts booleanOf).
  if (terraform) return `Terraform refuses is_first_party = ${written} (a bool takes true, false, "true", "false", "1" or "0"): write ${meant}`;
  return `is_first_party is ${written}, which the Management API refuses (it takes a boolean): write ${meant}`;
}
