import type { Rule } from './api';
import { report } from './api';
import { related, setAuthMethodFix } from './helpers';

export const secretOnPublicAppType: Rule = {
  id: 'secret-on-public-app-type',
  defaultSeverity: 'warning',
  fixable: true,
  summary: 'A SPA or native app set to authenticate with a client secret it cannot keep.',
  check(client) {
    const appType = client.appTypeValue;
    const method = client.authMethodValue;
    const field = client.authMethod;
    if ((appType !== 'spa' && appType !== 'native') || field.state !== 'known') return [];
    if (method !== 'client_secret_post' && method !== 'client_secret_basic') return [];
    return [
      report(this, {
        node: field.node,
        message: `A ${appType === 'spa' ? 'single-page' : 'native'} app cannot keep a client secret; set ${field.prop.key} to none (public, with PKCE).`,
        related: related(client.appType, `${appType}: the secret would ship to every ${appType === 'spa' ? 'browser' : 'device'}, where anyone can read it`),
        fixes: [setAuthMethodFix(client, 'none')],
      }),
    ];
  },
};
