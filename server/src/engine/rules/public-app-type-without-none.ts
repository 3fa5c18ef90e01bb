import type { Rule } from './api';
import { report } from './api';
import { setAuthMethodFix } from './helpers';

export const publicAppTypeWithoutNone: Rule = {
  id: 'public-app-type-without-none',
  defaultSeverity: 'warning',
  fixable: true,
  summary: 'A SPA or native app without token_endpoint_auth_method, which Auth0 then treats as confidential.',
  check(client) {
    const appType = client.appType;
    const value = client.appTypeValue;
    if (value !== 'spa' && value !== 'native') return [];
    if (client.authMethod.state !== 'absent' || client.clientAuthMethods.state !== 'absent' || appType.state !== 'known') return [];
    return [
      report(this, {
        node: appType.node,
        message: `app_type '${value}' without token_endpoint_auth_method: Auth0 treats the app as confidential, and its ${
          value === 'spa' ? 'browser' : 'device'
        } token requests fail. Set token_endpoint_auth_method to 'none'.`,
        fixes: [setAuthMethodFix(client, 'none')],
      }),
    ];
  },
};
