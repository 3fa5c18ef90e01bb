import { GRANT } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { related, setAuthMethodFix, setFieldEdit, titled } from './helpers';
import { withAction } from './messages';

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
    const toNone = setAuthMethodFix(client, 'none');
    // A client holding client_credentials serves machine-to-machine calls (like the test client Auth0 creates for
    // the Management API): making it non_interactive keeps it working, where 'none' would drop that grant. Not for a
    // client with the device code grant, which needs a native app.
    const machine = client.has(GRANT.clientCredentials) && !client.has(GRANT.deviceCode)
      ? { title: titled("Set app_type to 'non_interactive'", 'unsafe', 'changes the app type'), edits: [setFieldEdit(client, 'app_type', 'non_interactive')], safety: 'unsafe' as const }
      : undefined;
    const kind = appType === 'spa' ? 'single-page' : 'native';
    // The message names the fix the rule prefers (the first), and the other where it fits.
    const message = machine
      ? withAction(`A ${kind} app holding client_credentials cannot keep a secret; set app_type to non_interactive`, `or ${field.prop.key} to none`)
      : `A ${kind} app cannot keep a client secret; set ${field.prop.key} to none (public, with PKCE).`;
    return [
      report(this, {
        node: field.node,
        message,
        related: related(client.appType, `${appType}: the secret would ship to every ${appType === 'spa' ? 'browser' : 'device'}, where anyone can read it`),
        fixes: machine ? [machine, toNone] : [toNone],
      }),
    ];
  },
};
