import { GRANT, isKnownGrant } from '../catalogue';
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
    // A public client cannot take client_credentials, so adding it would be a new error.
    const add = client.isPublic === false ? addGrantsEdit(client, [GRANT.clientCredentials]) : undefined;
    return [
      report(this, {
        node: { span: grants.prop.keySpan, path: grants.array.path },
        message: `A machine-to-machine app (non_interactive) needs client_credentials in grant_types${add ? '; add it' : ''}.`,
        fixes: [add && { title: titled("Add grant 'client_credentials'", 'unsafe', 'grants a new permission'), edits: [add], safety: 'unsafe' }],
      }),
    ];
  },
};
