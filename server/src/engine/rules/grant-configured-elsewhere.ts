import { GRANT } from '../catalogue';
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
    return (client.grants?.items ?? [])
      .filter((item) => ELSEWHERE.has(item.value))
      .map((item) =>
        report(this, {
          node: item,
          grantItem: item,
          message: `${grantName(item.value)} is enabled by ${ELSEWHERE.get(item.value)}; remove it from grant_types.`,
          fixes: [removeGrantFix(client, item, 'unsafe')],
        }),
      );
  },
};
