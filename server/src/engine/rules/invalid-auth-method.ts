import { AUTH_METHODS, CREDENTIAL_AUTH_METHODS, GRANT } from '../catalogue';
import type { ClientFacts } from '../client';
import type { Rule } from './api';
import { report } from './api';
import { closest, q, setAuthMethodFix } from './helpers';
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
    const fitting = methodsThatFit(client, valid);
    // A guess by spelling only where there is something to spell, and only a method the client can use: `none` on a
    // client that needs a secret (or a secret on a spa) would trade this error for one that breaks its grants.
    const spelt = value.trim() === '' ? undefined : closest(value, valid);
    const meant = spelt !== undefined && fitting.includes(spelt) ? spelt : undefined;
    const target = meant ?? (fitting.length === 1 ? fitting[0] : undefined);
    const key = field.prop.key;
    const prefix = value.trim() === '' ? `Empty ${key} ` : `Unknown ${key} `;
    const hint = fitting.length > 0 ? `: this client can use ${orList(fitting.map(q))}.` : '.';
    return [
      report(this, {
        node: field.node,
        message: meant ? withValue(prefix, value, `; did you mean '${meant}'?`) : withValue(prefix, value, hint),
        fixes: [target === undefined ? undefined : setAuthMethodFix(client, target)],
      }),
    ];
  },
};

/**
 * The valid methods this client can use (rule book, facts §3): a spa or native app, or a client with the device
 * code grant, is public and takes only `none`; a machine-to-machine app, or a client with client_credentials, CIBA
 * or Token Vault, is confidential and never takes `none`; a CIMD client takes no secret method. A client that needs
 * both gets none of them (another rule reports the conflict).
 */
function methodsThatFit(client: ClientFacts, valid: readonly string[]): string[] {
  const appType = client.appTypeValue;
  const mustBePublic = appType === 'spa' || appType === 'native' || client.needsPublic;
  const mustBeConfidential = appType === 'non_interactive' || client.has(GRANT.clientCredentials) || client.needsConfidential;
  return valid.filter((method) => {
    if (method === 'none') return !mustBeConfidential;
    if (mustBePublic) return false;
    return !(client.isCimdClient && method.startsWith('client_secret_'));
  });
}

/** "a", "a or b", "a, b or c". */
function orList(values: readonly string[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
