import { GRANT } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { addGrantsEdit, related, titled } from './helpers';

/**
 * Facts §7: Multi-Resource Refresh Token policies (`refresh_token.policies`) are for first-party applications
 * only, and they need refresh tokens (auth0.com/docs, secure/tokens/refresh-tokens/multi-resource-refresh-token).
 */
export const refreshTokenPolicies: Rule = {
  id: 'refresh-token-policies',
  defaultSeverity: 'warning',
  fixable: true,
  summary: 'Multi-Resource Refresh Token policies on a third-party client, or without the refresh_token grant.',
  check(client) {
    const policies = client.refreshTokenPolicies;
    if (!policies) return [];
    const thirdParty = client.isKnownThirdParty;
    const noGrant = client.lacks(GRANT.refreshToken);
    if (!thirdParty && !noGrant) return [];
    const node = { span: policies.keySpan, path: policies.value.path };
    // The fields that explain the finding, each saying how.
    const info = [
      ...(client.isExplicitlyThirdParty ? related(client.isFirstPartyField, 'false: a third-party client, which cannot use refresh token policies') : []),
      ...(client.isCimdClient ? related(client.externalClientId, 'set: a metadata-document client, which is third-party') : []),
      ...(noGrant ? related(client.grantTypes, 'no refresh_token grant here, so no refresh tokens') : []),
    ];
    if (thirdParty) {
      const who = client.isCimdClient ? 'external_client_id is set' : 'is_first_party: false';
      return [
        report(this, {
          node,
          // The rule book's severity: an error on is_first_party: false, a warning otherwise (a CIMD client).
          severity: client.isExplicitlyThirdParty ? 'error' : 'warning',
          message: `Refresh token policies (MRRT) are for first-party apps only (${who}): remove refresh_token.policies.`,
          related: info,
        }),
      ];
    }
    const add = addGrantsEdit(client, [GRANT.refreshToken]);
    return [
      report(this, {
        node,
        message: "Refresh token policies (MRRT) need refresh tokens, but grant_types lacks 'refresh_token': add it.",
        related: info,
        fixes: [add && { title: titled("Add the 'refresh_token' grant", 'unsafe', 'grants a new permission'), edits: [add], safety: 'unsafe' }],
      }),
    ];
  },
};
