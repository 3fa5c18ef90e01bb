import { GRANT } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { removeGrantFix } from './helpers';

export const implicitGrant: Rule = {
  id: 'implicit-grant',
  defaultSeverity: 'information',
  fixable: true,
  summary: 'The implicit grant, which the OAuth 2.0 Security BCP (RFC 9700) says not to use.',
  check(client) {
    const hasCode = client.has(GRANT.authorizationCode);
    return client.itemsOf(GRANT.implicit).map((item, index) =>
      report(this, {
        node: item,
        grantItem: item,
        message: 'The implicit grant is discouraged by the OAuth 2.0 Security BCP (RFC 9700): use authorization_code with PKCE.',
        fixes: [
          hasCode || index > 0
            ? removeGrantFix(client, item)
            : { title: "Replace 'implicit' with 'authorization_code'", edits: [{ kind: 'replaceScalar', node: item, value: GRANT.authorizationCode }] },
        ],
      }),
    );
  },
};
