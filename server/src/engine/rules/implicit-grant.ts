import { GRANT } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { removeGrantFix, removeGrantsEdit, titled } from './helpers';

export const implicitGrant: Rule = {
  id: 'implicit-grant',
  defaultSeverity: 'hint',
  fixable: true,
  summary: 'The implicit grant, which the OAuth 2.0 Security BCP (RFC 9700) says not to use.',
  check(client) {
    const hasCode = client.has(GRANT.authorizationCode);
    const copies = client.itemsOf(GRANT.implicit);
    // Repeats go with the replacement: a repeat left behind would carry this finding on.
    const repeats = removeGrantsEdit(client, copies.slice(1));
    const message = `The implicit grant is discouraged (OAuth 2.0 Security BCP, RFC 9700); ${hasCode ? 'remove it, authorization_code is listed' : 'use authorization_code with PKCE'}.`;
    // Every copy but a replaced first one has the one removal of all copies: one list for them all.
    const removal = copies.length > 0 ? [removeGrantFix(client, copies[0]!, 'unsafe')] : [];
    return copies.map((item, index) =>
      report(this, {
        node: item,
        grantItem: item,
        message,
        fixes:
          hasCode || index > 0
            ? removal
            : [
                {
                  title: titled("Replace 'implicit' with 'authorization_code'", 'unsafe', 'changes the login flow'),
                  safety: 'unsafe',
                  edits: [{ kind: 'replaceScalar', node: item, value: GRANT.authorizationCode }, ...(repeats ? [repeats] : [])],
                },
              ],
      }),
    );
  },
};
