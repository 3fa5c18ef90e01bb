/**
 * The order grants are offered in for one client: the grants recommended for its app type, then the others it may
 * use, then the discouraged ones, then those it may not use. Which grants an app type needs follows Auth0's
 * Dashboard defaults per application type (auth0-grant-facts.md §1); "discouraged" follows the OAuth 2.0 Security
 * BCP (RFC 9700 §2.1.2 and §2.4: no implicit grant, no resource owner password credentials) besides the rules'
 * own warnings.
 */
import type { ClientFacts } from '../engine/index';
import { GRANT } from '../engine/index';
import type { VerdictStatus } from './grant-verdict';

export type GrantTier = 'recommended' | 'allowed' | 'discouraged' | 'not-allowed';

export const TIER_ORDER: Readonly<Record<GrantTier, number>> = { recommended: 0, allowed: 1, discouraged: 2, 'not-allowed': 3 };

const BY_APP_TYPE: Readonly<Record<string, readonly string[]>> = {
  spa: [GRANT.authorizationCode, GRANT.refreshToken],
  native: [GRANT.authorizationCode, GRANT.refreshToken, GRANT.deviceCode],
  regular_web: [GRANT.authorizationCode, GRANT.refreshToken, GRANT.clientCredentials],
  non_interactive: [GRANT.clientCredentials],
  express_configuration: [GRANT.authorizationCode, GRANT.clientCredentials],
  resource_server: [],
};

/** The resource owner password grant and the grants that only extend it (MFA after a password login). */
const BCP_DISCOURAGED: ReadonlySet<string> = new Set([GRANT.implicit, GRANT.password, GRANT.passwordRealm, GRANT.mfaOob, GRANT.mfaOtp, GRANT.mfaRecoveryCode]);

/**
 * The grants recommended for this client: by its app type; without one, by what is known (a public client as a
 * SPA, a confidential one as a regular web app, else the browser-login pair).
 */
export function recommendedFor(facts: ClientFacts | undefined): readonly string[] {
  const appType = facts?.appTypeValue;
  const byType = appType === undefined ? undefined : BY_APP_TYPE[appType];
  if (byType) return byType;
  if (facts?.isPublic === true) return BY_APP_TYPE['spa']!;
  if (facts?.isPublic === false) return BY_APP_TYPE['regular_web']!;
  return [GRANT.authorizationCode, GRANT.refreshToken];
}

/** Where a grant ranks for a client, given the rules' verdict on it (undefined: no client to judge by). */
export function grantTier(grant: string, recommended: readonly string[], verdict: VerdictStatus | undefined): GrantTier {
  if (verdict === 'not-allowed') return 'not-allowed';
  if (verdict === 'discouraged' || BCP_DISCOURAGED.has(grant)) return 'discouraged';
  return recommended.includes(grant) ? 'recommended' : 'allowed';
}
