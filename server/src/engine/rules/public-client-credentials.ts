import { GRANT } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { clientFieldsInfo, removeGrantFix, setAuthMethodFix } from './helpers';

export const publicClientCredentials: Rule = {
  id: 'public-client-credentials',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'client_credentials on a public client (token_endpoint_auth_method "none").',
  check(client) {
    if (client.isPublic !== true) return [];
    const browserOrDevice = client.appTypeValue === 'spa' || client.appTypeValue === 'native';
    return client.itemsOf(GRANT.clientCredentials).map((item) => {
      // Safe only on a spa/native app (rule book): elsewhere the author may have meant a confidential client.
      const remove = removeGrantFix(client, item, browserOrDevice ? 'safe' : 'unsafe');
      const post = setAuthMethodFix(client, 'client_secret_post');
      const basic = setAuthMethodFix(client, 'client_secret_basic');
      return report(this, {
        node: item,
        grantItem: item,
        message:
          'client_credentials needs a confidential client, but token_endpoint_auth_method is "none" (public): Auth0 rejects it ("Invalid grant types: client_credentials").',
        related: clientFieldsInfo(client),
        fixes: browserOrDevice ? [remove, post, basic] : [post, remove, basic],
      });
    });
  },
};
