/**
 * Terraform attributes of `auth0_client` whose meaning depends on the provider's major version: written, each
 * becomes a note for the user, not a finding (the rule book has no rule for them).
 *
 * Source: auth0-grant-facts.md §7 and the rule book's "Where clients are found": auth0 provider versions before
 * 1.0 read the auth method from `auth0_client.token_endpoint_auth_method`; v1 and later keep it in a separate
 * `auth0_client_credentials` resource (`authentication_method`) and reject the attribute on the client at plan
 * time. The rules read a written attribute as the method (engine/client.ts preV1Method); the note says what the
 * other provider versions do with it.
 */
import type { ClientEntry } from './discover';
import type { Span } from './model';

/** A note about one client: what was written where, and where it belongs. Offsets into the file's text. */
export interface MovedAttributeNote {
  readonly span: Span;
  readonly message: string;
}

/** Attribute on `auth0_client` → where the provider (v1 and later) reads it. */
const MOVED: ReadonlyMap<string, string> = new Map([['token_endpoint_auth_method', 'auth0_client_credentials.authentication_method']]);

/**
 * Notes for the Terraform clients among `clients` (linked: `credentials` set when a credentials resource names the
 * client) that write an attribute the provider moved to another resource, at the attribute's key, in file order.
 * Empty for clients of other formats (there the attribute is the method).
 */
export function movedAttributeNotes(clients: readonly ClientEntry[]): MovedAttributeNote[] {
  const notes: MovedAttributeNote[] = [];
  for (const client of clients) {
    if (client.source !== 'terraform') continue;
    for (const prop of client.node.props) {
      const place = MOVED.get(prop.key);
      if (place === undefined) continue;
      notes.push({ span: prop.keySpan, message: movedMessage(prop.key, place, client.credentials !== undefined) });
    }
  }
  return notes.sort((a, b) => a.span.start - b.span.start);
}

/**
 * What the provider versions do with the attribute, and what Grantlint therefore reads. The note is at the
 * attribute's key, in the client's resource, so it names neither: a long resource name cannot push it past
 * MAX_MESSAGE_LENGTH.
 */
function movedMessage(attribute: string, place: string, alsoThere: boolean): string {
  if (alsoThere) return `${attribute} and ${place.split('.')[0]} both set the method; no provider version takes both: not checked`;
  return `${attribute} is read as the auth method (auth0 provider 0.x); v1 rejects it: use ${place.split('.')[0]}`;
}
