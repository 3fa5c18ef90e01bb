import { FIRST_PARTY_ONLY_GRANTS, GRANT, isKnownGrant, isLegacyGrant } from '../catalogue';
import type { Fix } from '../fix/semantic';
import type { Rule } from './api';
import { report } from './api';
import { related, removeGrantFix } from './helpers';
import { grantName } from './messages';

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
    const notes = [
      ...related(client.isFirstPartyField, 'false: a third-party client'),
      ...related(mode, 'strict: third-party apps may use only authorization_code, refresh_token and client_credentials'),
    ];
    // Per value, shared by its copies (the removal takes them all): repeats cost one finding each.
    const byValue = new Map<string, { readonly message: string; readonly fixes: readonly (Fix | undefined)[] }>();
    return (client.grants?.items ?? [])
      .filter((item) => isKnownGrant(item.value) && !ALLOWED.has(item.value))
      .filter((item) => !FIRST_PARTY_ONLY_GRANTS.includes(item.value) && !isLegacyGrant(item.value))
      .map((item) => {
        let shared = byValue.get(item.value);
        if (!shared) {
          const message = assumed
            ? `Third-party apps cannot use ${grantName(item.value)}: third_party_security_mode is unset, so strict; remove it.`
            : `Third-party apps in strict mode cannot use ${grantName(item.value)}; remove it.`;
          byValue.set(item.value, (shared = { message, fixes: [removeGrantFix(client, item, assumed ? 'unsafe' : 'safe')] }));
        }
        return report(this, { node: item, grantItem: item, severity: assumed ? 'warning' : 'error', message: shared.message, related: notes, fixes: shared.fixes });
      });
  },
};
