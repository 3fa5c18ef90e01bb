import type { Rule } from './api';
import { report } from './api';
import { related, setAuthMethodEdits } from './helpers';

export const authMethodConflict: Rule = {
  id: 'auth-method-conflict',
  defaultSeverity: 'warning',
  fixable: true,
  summary: 'token_endpoint_auth_method is set together with client_authentication_methods.',
  check(client) {
    const field = client.authMethod;
    if (field.state !== 'known' || field.node.kind === 'null' || client.clientAuthMethods.state !== 'known') return [];
    // The one safe setting change (rule book): Auth0 ignores M here, so null changes nothing it does.
    const edits = setAuthMethodEdits(client, null);
    return [
      report(this, {
        node: field.node,
        message: 'token_endpoint_auth_method must be null when client_authentication_methods is set; set it to null.',
        related: related(client.clientAuthMethods, 'Private Key JWT or mTLS credentials; auth0-deploy-cli then drops token_endpoint_auth_method'),
        fixes: [edits && { title: `Set ${field.prop.key} to null`, edits, safety: 'safe' }],
      }),
    ];
  },
};
