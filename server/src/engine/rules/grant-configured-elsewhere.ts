import { GRANT } from '../catalogue';
import type { Fix } from '../fix/semantic';
import type { Rule } from './api';
import { report } from './api';
import { removeGrantFix } from './helpers';
import { grantName } from './messages';

const ELSEWHERE: ReadonlyMap<string, string> = new Map([
  [GRANT.tokenExchange, 'token_exchange.allow_any_profile_of_type'],
  [GRANT.jwtBearer, 'identity_assertion_authorization_grant.active'],
]);

export const grantConfiguredElsewhere: Rule = {
  id: 'grant-configured-elsewhere',
  defaultSeverity: 'information',
  fixable: true,
  summary: 'A token-exchange or JWT-bearer grant in grant_types; Auth0 turns these on through other client settings.',
  check(client) {
    // Per value, shared by its copies (the removal takes them all): repeats cost one finding each.
    const byValue = new Map<string, { readonly message: string; readonly fixes: readonly (Fix | undefined)[] }>();
    return (client.grants?.items ?? [])
      .filter((item) => ELSEWHERE.has(item.value))
      .map((item) => {
        let shared = byValue.get(item.value);
        if (!shared) {
          const message = `${grantName(item.value)} is enabled by ${ELSEWHERE.get(item.value)}; remove it from grant_types.`;
          byValue.set(item.value, (shared = { message, fixes: [removeGrantFix(client, item, 'unsafe')] }));
        }
        return report(this, { node: item, grantItem: item, message: shared.message, fixes: shared.fixes });
      });
  },
};
