import { GRANT } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { q, removeGrantFix } from './helpers';

const ELSEWHERE: ReadonlyMap<string, string> = new Map([
  [GRANT.tokenExchange, 'token_exchange.allow_any_profile_of_type (Custom Token Exchange, On-Behalf-Of)'],
  [GRANT.jwtBearer, 'identity_assertion_authorization_grant.active (Cross App Access)'],
]);

export const grantConfiguredElsewhere: Rule = {
  id: 'grant-configured-elsewhere',
  defaultSeverity: 'information',
  fixable: true,
  summary: 'A token-exchange or JWT-bearer grant in grant_types; Auth0 turns these on through other client settings.',
  check(client) {
    return (client.grants?.items ?? [])
      .filter((item) => ELSEWHERE.has(item.value))
      .map((item) =>
        report(this, {
          node: item,
          grantItem: item,
          message: `${q(item.value)} is not turned on through grant_types: Auth0 enables it with ${ELSEWHERE.get(item.value)}.`,
          fixes: [removeGrantFix(client, item, 'unsafe')],
        }),
      );
  },
};
