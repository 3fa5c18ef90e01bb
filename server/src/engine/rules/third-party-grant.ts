import { FIRST_PARTY_ONLY_GRANTS, GRANT, isKnownGrant, isLegacyGrant } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { clientFieldsInfo, q, removeGrantFix } from './helpers';

const ALLOWED = new Set<string>([GRANT.authorizationCode, GRANT.refreshToken, GRANT.clientCredentials]);

export const thirdPartyGrant: Rule = {
  id: 'third-party-grant',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'A grant other than authorization_code, refresh_token and client_credentials on a strict third-party client.',
  check(client) {
    if (!client.isExplicitlyThirdParty || client.hasExternalClientId) return [];
    const mode = client.thirdPartyMode;
    if (mode.state === 'unknown' || client.thirdPartyModeValue === 'permissive') return [];
    const assumed = mode.state === 'absent';
    return (client.grants?.items ?? [])
      .filter((item) => isKnownGrant(item.value) && !ALLOWED.has(item.value))
      .filter((item) => !FIRST_PARTY_ONLY_GRANTS.includes(item.value) && !isLegacyGrant(item.value))
      .map((item) =>
        report(this, {
          node: item,
          grantItem: item,
          severity: assumed ? 'warning' : 'error',
          message: `Third-party applications in strict mode may only use authorization_code, refresh_token and client_credentials, not ${q(item.value)}${
            assumed ? ' (third_party_security_mode is not set; assuming strict, the mode for new third-party apps)' : ''
          }.`,
          related: [...clientFieldsInfo(client), ...(mode.state === 'known' ? [{ span: { start: mode.node.start, end: mode.node.end }, message: 'third_party_security_mode' }] : [])],
          // Safe only when the mode is explicitly strict (an error): with the mode absent the finding is a guess.
          fixes: [removeGrantFix(client, item, assumed ? 'unsafe' : 'safe')],
        }),
      );
  },
};
