import { AUTH_METHODS, CREDENTIAL_AUTH_METHODS } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { closest, setAuthMethodFix } from './helpers';
import { withValue } from './messages';

export const invalidAuthMethod: Rule = {
  id: 'invalid-auth-method',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'token_endpoint_auth_method is not none, client_secret_post or client_secret_basic.',
  check(client) {
    const field = client.authMethod;
    if (field.state !== 'known' || field.node.kind === 'null') return [];
    const terraform = client.entry.source === 'terraform';
    const valid = terraform ? [...AUTH_METHODS, ...CREDENTIAL_AUTH_METHODS] : AUTH_METHODS;
    if (field.node.kind !== 'string') {
      return [report(this, { node: field.node, message: `${field.prop.key} must be a string: ${terraform ? 'an auth method name such as client_secret_post' : `${AUTH_METHODS.join(', ')} or null`}.` })];
    }
    const value = field.node.value;
    if (valid.includes(value)) return [];
    if (CREDENTIAL_AUTH_METHODS.includes(value)) {
      return [
        report(this, {
          node: field.node,
          message: withValue('', value, ' belongs under client_authentication_methods; set token_endpoint_auth_method to null.'),
          fixes: [setAuthMethodFix(client, null)],
        }),
      ];
    }
    const meant = closest(value, valid);
    return [
      report(this, {
        node: field.node,
        message: meant ? withValue(`Unknown ${field.prop.key} `, value, `; did you mean '${meant}'?`) : withValue(`Unknown ${field.prop.key} `, value, '.'),
        fixes: [meant ? setAuthMethodFix(client, meant) : undefined],
      }),
    ];
  },
};
