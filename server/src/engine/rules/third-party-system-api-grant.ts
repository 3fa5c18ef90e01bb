import { audienceOf } from '../grants';
import type { ClientGrantRule } from './api';
import { report } from './api';
import { related } from './helpers';
import { withValue } from './messages';

/** Audiences of Auth0's system APIs: the Management API (`https://<tenant>/api/v2/`) and My Account (`/me/`). */
function systemApi(audience: string): string | undefined {
  if (audience.endsWith('/api/v2/')) return 'the Management API';
  if (audience.endsWith('/me/')) return 'the My Account API';
  return undefined;
}

/**
 * Facts §7 (`third-party-applications/security-controls`): third-party applications cannot be granted access to
 * system APIs. Removing the client grant is the only remedy (is_first_party cannot change after creation); it is
 * offered where the grant is an entry of a `clientGrants:` list, as a safe fix (the grant can never work).
 */
export const thirdPartySystemApiGrant: ClientGrantRule = {
  id: 'third-party-system-api-grant',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'A client grant gives a third-party client access to the Management API or My Account API.',
  checkGrant({ grant, client }) {
    const clientId = grant.clientId;
    const audience = audienceOf(grant);
    const api = audience === undefined ? undefined : systemApi(audience);
    if (!clientId || !api || !client.isExplicitlyThirdParty) return [];
    const list = grant.list;
    return [
      report(this, {
        node: clientId.value,
        message: withValue('Third-party client ', client.name ?? grant.clientName ?? '', ` may not be granted ${api}; remove this client grant.`),
        related: related(client.isFirstPartyField, 'is_first_party: false makes the client third-party, which system APIs refuse'),
        fixes: [list && { title: 'Remove this client grant', edits: [{ kind: 'removeItems', owner: list.owner, array: list.array, items: [grant.node] }], safety: 'safe' }],
      }),
    ];
  },
};
