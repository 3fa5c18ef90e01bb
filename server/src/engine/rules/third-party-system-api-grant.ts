import type { ClientGrantEntry } from '../grants';
import { audienceOf } from '../grants';
import type { ValueNode } from '../model';
import type { Fix } from '../fix/semantic';
import type { ClientGrantRule } from './api';
import { report } from './api';
import { related, titled } from './helpers';
import { withValue } from './messages';

/** Audiences of Auth0's system APIs: the Management API (`https://<tenant>/api/v2/`) and My Account (`/me/`). */
function systemApi(audience: string): string | undefined {
  if (audience.endsWith('/api/v2/')) return 'the Management API';
  if (audience.endsWith('/me/')) return 'the My Account API';
  return undefined;
}

/**
 * The audience's host when it is not an Auth0 domain (`<tenant>.auth0.com`, `<tenant>.<region>.auth0.com`), else
 * undefined. An API of one's own may have an identifier ending in `/api/v2/` or `/me/` too (on a custom domain the
 * My Account API has the tenant's own host as well): removing such a grant is then not certainly right.
 */
function hostNotAuth0(audience: string): string | undefined {
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(audience)?.[1]?.toLowerCase();
  return host !== undefined && (host.endsWith('.auth0.com') || host === 'auth0.com') ? undefined : (host ?? audience);
}

/**
 * Facts §7 (`third-party-applications/security-controls`): third-party applications cannot be granted access to
 * system APIs. Removing the client grant is the only remedy (is_first_party cannot change after creation); it is
 * offered where the grant is an entry of a `clientGrants:` list: a safe fix (the grant can never work) when the
 * audience's host is an Auth0 domain, else an unsafe one (the audience may be an API of the user's own).
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
        fixes: [list && removeGrant(list, grant.node, hostNotAuth0(audience!))],
      }),
    ];
  },
};

function removeGrant(list: NonNullable<ClientGrantEntry['list']>, node: ValueNode, otherHost: string | undefined): Fix {
  const edits: Fix['edits'] = [{ kind: 'removeItems', owner: list.owner, array: list.array, items: [node] }];
  if (otherHost === undefined) return { title: 'Remove this client grant', edits, safety: 'safe' };
  return { title: titled('Remove this client grant', 'unsafe', `removes access to ${otherHost} if it is an API of your own`), edits, safety: 'unsafe' };
}
