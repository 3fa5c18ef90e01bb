import { GRANT, isKnownGrant } from '../catalogue';
import type { ClientFacts } from '../client';
import { getProp } from '../model';
import type { Rule } from './api';
import { report } from './api';
import { suggestGrant } from './grant-suggestion';
import { addGrantsEdit, titled } from './helpers';

export const m2mWithoutClientCredentials: Rule = {
  id: 'm2m-without-client-credentials',
  defaultSeverity: 'warning',
  fixable: true,
  summary: 'A machine-to-machine app (non_interactive) whose grant_types lacks client_credentials.',
  check(client) {
    const grants = client.grants;
    if (client.appTypeValue !== 'non_interactive' || !grants || !client.lacks(GRANT.clientCredentials)) return [];
    // A misspelt client_credentials (`client-credentials`) is the grant meant: unknown-grant-type reports it with
    // the fix that writes it right; asking to add it as well would list it twice once both fixes are taken.
    if (grants.items.some((item) => !isKnownGrant(item.value) && suggestGrant(item.value)?.value === GRANT.clientCredentials)) return [];
    // A public client cannot take client_credentials, so adding it would be a new error; nor is it added while the
    // method is unknown, as the client may be public. The message says which, so a missing fix is not left unexplained.
    const add = client.isPublic === false ? addGrantsEdit(client, [GRANT.clientCredentials]) : undefined;
    return [
      report(this, {
        node: { span: grants.prop.keySpan, path: grants.array.path },
        message: add ? 'A machine-to-machine app (non_interactive) needs client_credentials in grant_types; add it.' : `A non_interactive app needs client_credentials in grant_types${noFixReason(client)}`,
        fixes: [add && { title: titled("Add grant 'client_credentials'", 'unsafe', 'grants a new permission'), edits: [add], safety: 'unsafe' }],
      }),
    ];
  },
};

/**
 * Why no fix adds client_credentials (after the message's first part): the client is public, or its auth method is
 * unknown. An `auth0_client_credentials` without `authentication_method` leaves the method the client has in Auth0
 * (the provider reads it back: Optional and Computed), which the configuration does not say.
 */
function noFixReason(client: ClientFacts): string {
  if (client.isPublic === true) return ' (no fix: a public client cannot use it).';
  const credentials = client.entry.source === 'terraform' ? client.entry.credentials : undefined;
  if (credentials && !getProp(credentials, 'authentication_method')) return ' (no fix: its credentials set no authentication_method).';
  return ' (no fix: its auth method is unknown; it may be public).';
}
