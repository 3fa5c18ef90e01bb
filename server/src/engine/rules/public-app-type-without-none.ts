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
        message: `Without token_endpoint_auth_method Auth0 treats this ${value === 'spa' ? 'single-page' : 'native'} app as confidential; set it to none.`,
        fixes: [setAuthMethodFix(client, 'none')],
      }),
    ];
  },
};
