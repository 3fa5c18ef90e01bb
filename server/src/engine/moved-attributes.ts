/**
 * Terraform attributes an `auth0_client` no longer takes, which the rules therefore do not read: written there
 * (older provider versions accepted them), they would be silently ignored. Each becomes a note for the user,
 * not a finding: the rule book has no rule for them and names no place a finding would point at.
 *
 * Source: auth0-grant-facts.md §7 and the rule book's "Where clients are found": since provider v1 the auth method
 * lives in a separate `auth0_client_credentials` resource (`authentication_method`), which is where the rules
 * read a Terraform client's method (or the provider's create-time default when no such resource links to it).
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
 * Notes for the Terraform clients among `clients` that set an attribute the provider moved to another resource,
 * at the attribute's key, in file order. Empty for clients of other formats (there the attribute is read).
 */
export function movedAttributeNotes(clients: readonly ClientEntry[]): MovedAttributeNote[] {
  const notes: MovedAttributeNote[] = [];
  for (const client of clients) {
    if (client.source !== 'terraform') continue;
    for (const prop of client.node.props) {
      const place = MOVED.get(prop.key);
      if (place === undefined) continue;
      const resource = client.resourceName === undefined ? 'auth0_client' : `auth0_client.${client.resourceName}`;
      notes.push({
        span: prop.keySpan,
        message: `${prop.key} on ${resource} is not read: provider v1 and later keep the auth method in ${place}; move it there`,
      });
    }
  }
  return notes.sort((a, b) => a.span.start - b.span.start);
}
