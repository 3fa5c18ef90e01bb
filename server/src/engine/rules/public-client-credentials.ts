import { GRANT } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { cimdRelated, related, removeGrantFix, setAuthMethodFix, whyPublic } from './helpers';
import { cimdGrantMessage } from './messages';

export const publicClientCredentials: Rule = {
  id: 'public-client-credentials',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'client_credentials on a public client (token_endpoint_auth_method "none").',
  check(client) {
    if (client.isPublic !== true) return [];
    const browserOrDevice = client.appTypeValue === 'spa' || client.appTypeValue === 'native';
    const copies = client.itemsOf(GRANT.clientCredentials);
    if (copies.length === 0) return [];
    // The same for every copy (the removal takes them all): made once, so repeats cost one finding each.
    // Safe only on a spa/native app (rule book): elsewhere the author may have meant a confidential client.
    // A metadata-document client may not hold client_credentials at all (cimd-grants): removing it is safe and preferred.
    const cimd = client.hasExternalClientId;
    const remove = removeGrantFix(client, copies[0]!, browserOrDevice || cimd ? 'safe' : 'unsafe');
    const post = setAuthMethodFix(client, 'client_secret_post');
    const basic = setAuthMethodFix(client, 'client_secret_basic');
    const fixes = browserOrDevice || cimd ? [remove, post, basic] : [post, remove, basic];
    const message = cimd ? cimdGrantMessage(GRANT.clientCredentials) : `client_credentials needs a confidential client; this one is public (${whyPublic(client)}).`;
    const notes = [
      ...(cimd ? cimdRelated(client) : []),
      ...related(client.authMethod, 'none makes this client public; Auth0 rejects client_credentials ("Invalid grant types")'),
      ...related(
        client.appType,
        browserOrDevice
          ? `a ${client.appTypeValue === 'spa' ? 'single-page' : 'native'} app, which cannot keep the secret client_credentials needs`
          : 'an app type that can keep a secret: a secret auth method fits it',
      ),
    ];
    return copies.map((item) => report(this, { node: item, grantItem: item, message, related: notes, fixes }));
  },
};
