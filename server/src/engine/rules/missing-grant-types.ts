import { GRANT } from '../catalogue';
import type { ClientFacts } from '../client';
import type { Rule } from './api';
import { report } from './api';
import { addGrantsEdit, titled } from './helpers';

/** What the Management API fills in when grant_types is omitted on create (facts §1, "Defaults"). */
export function apiDefaultGrants(client: ClientFacts): string[] {
  const appType = client.appTypeValue;
  if (appType === 'resource_server') return [];
  if (client.isPublic === true || (client.isPublic === undefined && (appType === 'spa' || appType === 'native'))) {
    return [GRANT.authorizationCode, GRANT.implicit, GRANT.refreshToken];
  }
  if (appType === 'express_configuration') return [GRANT.authorizationCode, GRANT.clientCredentials];
  if (client.isExplicitlyThirdParty && client.thirdPartyModeValue !== 'permissive') return [GRANT.authorizationCode];
  return [GRANT.authorizationCode, GRANT.implicit, GRANT.refreshToken, GRANT.clientCredentials];
}

/** The grants to declare: the API defaults without implicit; a machine-to-machine app needs only client_credentials. */
function recommendedGrants(client: ClientFacts): string[] {
  if (client.appTypeValue === 'non_interactive' && client.isPublic !== true) return [GRANT.clientCredentials];
  return apiDefaultGrants(client).filter((g) => g !== GRANT.implicit);
}

export const missingGrantTypes: Rule = {
  id: 'missing-grant-types',
  defaultSeverity: 'information',
  fixable: true,
  summary: 'No grant_types (the Management API then fills in defaults), or an empty list.',
  check(client) {
    if (client.appTypeValue === 'resource_server' || client.appTypeUnknown) return [];
    const field = client.grantTypes;
    const recommended = recommendedGrants(client);
    const fix = recommended.length > 0 ? addGrantsEdit(client, recommended) : undefined;
    const fixes = [fix && { title: titled(`Declare grant_types: ${recommended.join(', ')}`, 'unsafe', 'sets the grants'), edits: [fix], safety: 'unsafe' as const }];
    if (field.state === 'absent') {
      const defaults = apiDefaultGrants(client);
      return [
        report(this, {
          node: { span: client.entry.anchor, path: client.node.path },
          message: `No grant_types: declare them, or Auth0 fills in ${defaults.join(', ')}.`,
          fixes,
        }),
      ];
    }
    if (field.state === 'known' && field.node.kind === 'array' && field.node.items.length === 0) {
      // A client holding no grant gets grants only when its owner picks the quick fix: fix all never fills the list
      // (fix-all.ts takenByFixAll: a safe fix may have emptied it, and `--unsafe-fixes` would then grant what no
      // finding of the input asked for).
      return [
        report(this, {
          node: field.node,
          severity: 'warning',
          message: 'grant_types is empty, so this client can get no tokens at all: declare the grants it needs.',
          fixes,
        }),
      ];
    }
    return [];
  },
};
