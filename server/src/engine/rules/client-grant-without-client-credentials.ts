import { GRANT, isKnownGrant } from '../catalogue';
import { subjectTypeOf } from '../grants';
import type { ClientGrantRule } from './api';
import { report } from './api';
import { addGrantsEdit, related, titled, whyPublic } from './helpers';
import { withValue } from './messages';
import { suggestGrant } from './grant-suggestion';
import { forbiddenSystemApi } from './third-party-system-api-grant';

/**
 * Facts §7: only an application with the Client Credentials grant can use a `client` grant; Auth0 accepts the
 * grant, then every token request fails with 403 unauthorized_client ("Grant type 'client_credentials' not
 * allowed for the client"). Not for user or anonymous_user grants, nor a client whose facts are unknown.
 */
export const clientGrantWithoutClientCredentials: ClientGrantRule = {
  id: 'client-grant-without-client-credentials',
  defaultSeverity: 'warning',
  fixable: true,
  summary: 'A client grant for a client that cannot use the Client Credentials flow: its token requests fail.',
  checkGrant({ grant, client }, context) {
    const clientId = grant.clientId;
    if (!clientId || subjectTypeOf(grant) !== 'client') return [];
    const isPublic = client.isPublic === true;
    const lacks = client.lacks(GRANT.clientCredentials);
    if (!isPublic && !lacks) return [];
    const name = client.name ?? grant.clientName ?? 'client';
    // A misspelt client_credentials (`client-credentials`): its own fix is the remedy, and adding the grant beside
    // it would leave a repeat once the spelling is fixed.
    const misspelt = isPublic ? undefined : client.grants?.items.find((item) => !isKnownGrant(item.value) && suggestGrant(item.value)?.value === GRANT.clientCredentials);
    // Adding the grant is only a remedy for a confidential client; a public one cannot hold client_credentials. Nor
    // for a grant Auth0 forbids (a system API for a third-party client): it is to be removed, not made to work.
    const add = !isPublic && !misspelt && client.isPublic === false && forbiddenSystemApi(grant, client) === undefined ? addGrantsEdit(client, [GRANT.clientCredentials]) : undefined;
    // Why it matters in either case: the grant's token requests fail. Why a public client is public comes last, in
    // parentheses, so that a report short of room drops it before the consequence.
    const message = isPublic
      ? withValue('Client ', name, ` is public, so its client_credentials token requests fail (${whyPublic(client)}).`, context.clientNames)
      : withValue('Client ', name, ' lacks client_credentials: token requests for this grant fail.', context.clientNames);
    return [
      report(this, {
        node: clientId.value,
        message,
        related: [
          ...(isPublic
            ? related(client.authMethod, 'none makes the client public; a client grant needs a confidential client with client_credentials')
            : misspelt
              ? [{ span: { start: misspelt.start, end: misspelt.end }, message: withValue('', misspelt.value, ' is not client_credentials: fix its spelling') }]
              : client.grants
                ? [{ span: { start: client.grants.prop.keySpan.start, end: client.grants.prop.keySpan.end }, message: `the client's grant_types: add client_credentials here` }]
                : []),
        ],
        fixes: [add && { title: titled(`Add grant 'client_credentials' to the client`, 'unsafe', 'grants a new permission'), edits: [add], safety: 'unsafe' }],
      }),
    ];
  },
};
