import type { ClientFacts } from '../client';
import type { ClientGrantEntry, KnownAudience } from '../grants';
import { knownAudienceOf } from '../grants';
import type { ValueNode } from '../model';
import type { Fix } from '../fix/semantic';
import type { ClientGrantRule, RelatedInfo } from './api';
import { report } from './api';
import { related, titled } from './helpers';
import { fitsNames, withValue } from './messages';

/**
 * Audiences of Auth0's system APIs: the Management API (`https://<tenant>/api/v2/`) and My Account (`/me/`).
 * `ending` may be only the end of the audience (the text after a placeholder): the path is all that is judged.
 */
export function systemApiOf(ending: string): string | undefined {
  if (ending.endsWith('/api/v2/')) return 'the Management API';
  if (ending.endsWith('/me/')) return 'the My Account API';
  return undefined;
}

/**
 * The audience's host (as written) when it is not known to be an Auth0 domain (`<tenant>.auth0.com`,
 * `<tenant>.<region>.auth0.com`), else undefined. An API of one's own may have an identifier ending in `/api/v2/` or
 * `/me/` too (on a custom domain the My Account API has the tenant's own host as well): removing such a grant is
 * then not certainly right. An audience with a placeholder or interpolation is never known to be an Auth0 domain.
 */
function hostNotAuth0(audience: KnownAudience): string | undefined {
  // A `##NAME##` keyword is part of the host, not the start of a fragment.
  const host = /^[a-z][a-z0-9+.-]*:\/\/((?:##[A-Za-z0-9_.-]+##|[^/?#])*)/i.exec(audience.written)?.[1];
  const lower = host?.toLowerCase();
  const auth0 = !audience.partial && lower !== undefined && (lower.endsWith('.auth0.com') || lower === 'auth0.com');
  return auth0 ? undefined : (host ?? audience.written);
}

/**
 * The system API a client grant gives a known third-party client (which Auth0 forbids: Facts §7), or undefined.
 * Other rules ask too: a fix that would make such a grant work (adding client_credentials) is not offered.
 */
export function forbiddenSystemApi(grant: ClientGrantEntry, client: ClientFacts): string | undefined {
  return forbiddenGrant(grant, client)?.api;
}

/** forbiddenSystemApi, with the audience it was read from. */
function forbiddenGrant(grant: ClientGrantEntry, client: ClientFacts): { readonly api: string; readonly audience: KnownAudience } | undefined {
  const audience = knownAudienceOf(grant);
  if (audience === undefined || !client.isKnownThirdParty) return undefined;
  const api = systemApiOf(audience.ending);
  return api === undefined ? undefined : { api, audience };
}

/** What makes the client third-party, said in the message and at the fields in related information. */
function thirdPartyBecause(client: ClientFacts): { readonly why: string; readonly related: RelatedInfo[] } {
  const fields: RelatedInfo[] = [
    ...(client.isExplicitlyThirdParty ? related(client.isFirstPartyField, 'is_first_party: false makes the client third-party, which system APIs refuse') : []),
    ...(client.isCimdClient ? related(client.externalClientId, 'external_client_id is set: a metadata-document client is third-party, which system APIs refuse') : []),
  ];
  return { why: client.isExplicitlyThirdParty ? '' : ' (external_client_id)', related: fields };
}

/**
 * Facts §7 (`third-party-applications/security-controls`): third-party applications (`is_first_party: false`, or
 * `external_client_id` set: rules.md Terms) cannot be granted access to system APIs. Removing the client grant is
 * the only remedy (is_first_party cannot change after creation); it is offered where the grant is an entry of a
 * `clientGrants:` list: a safe fix (the grant can never work) when the audience's host is an Auth0 domain, else an
 * unsafe one (the audience may be an API of the user's own). An audience known only by its ending (a placeholder
 * or interpolation before `/api/v2/` or `/me/`) is judged by that ending, and only ever gets the unsafe fix.
 */
export const thirdPartySystemApiGrant: ClientGrantRule = {
  id: 'third-party-system-api-grant',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'A client grant gives a third-party client access to the Management API or My Account API.',
  checkGrant({ grant, client }, context) {
    const clientId = grant.clientId;
    const forbidden = forbiddenGrant(grant, client);
    if (!clientId || !forbidden) return [];
    const { api, audience } = forbidden;
    const because = thirdPartyBecause(client);
    const list = grant.list;
    const otherHost = hostNotAuth0(audience);
    const name = client.name ?? grant.clientName ?? '';
    return [
      report(this, {
        node: clientId.value,
        message:
          otherHost !== undefined && !audience.partial
            ? ownHostMessage(name, api, context.clientNames)
            : // Said shortly beside the name: the message has room for a name of 20 characters either way.
              withValue('Third-party client ', name, `${because.why} may not be granted ${api}; remove this ${because.why ? 'grant' : 'client grant'}.`, context.clientNames),
        related: because.related,
        fixes: [list && removeGrant(list, grant.node, otherHost)],
      }),
    ];
  },
};

/**
 * The message for an audience whose host is written out and is no Auth0 domain (`https://reports.acme.com/api/v2/`):
 * only its ending is the system API's, and an API of the user's own may end so too. The system API is then a guess,
 * not a fact: the message says what the audience has in common with it, and what to do when the API is the user's
 * own (silence the finding for that grant: docs/rules/third-party-system-api-grant.md). What makes the client
 * third-party is left to related information, which has the room. An audience with a placeholder or interpolation
 * (`https://##AUTH0_DOMAIN##/api/v2/`) is most often the tenant's own domain, and keeps the rule's plain message.
 */
function ownHostMessage(name: string, api: string, clientNames: (() => readonly string[]) | undefined): string {
  return fitsNames(
    [
      // One sentence up to the `;`: where notes are added (a held fix), the message is cut there (clauseForms),
      // and the cut still says what the audience has in common with the system API.
      (client) => `Audience of third-party client '${client}' ends like ${api}'s; if it is your own API, silence this.`,
      (client) => `Audience of third-party client '${client}' ends like ${api}'s; if yours, silence this.`,
    ],
    [name],
    clientNames,
  );
}

function removeGrant(list: NonNullable<ClientGrantEntry['list']>, node: ValueNode, otherHost: string | undefined): Fix {
  const edits: Fix['edits'] = [{ kind: 'removeItems', owner: list.owner, array: list.array, items: [node] }];
  if (otherHost === undefined) return { title: 'Remove this client grant', edits, safety: 'safe' };
  return { title: titled('Remove this client grant', 'unsafe', `removes access to ${otherHost} if it is an API of your own`), edits, safety: 'unsafe' };
}
