import type { Rule } from './api';
import { report } from './api';
import { related, setAuthMethodFix } from './helpers';

const SECRET_METHODS: ReadonlySet<string> = new Set(['client_secret_post', 'client_secret_basic']);

/**
 * Facts §7: a client registered from a Client ID Metadata Document authenticates at the token endpoint with
 * `none` or Private Key JWT only; "symmetric secret methods (e.g. client_secret_post) are forbidden"
 * (auth0.com/docs, register-applications-with-cimd).
 */
export const cimdAuthMethod: Rule = {
  id: 'cimd-auth-method',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'A client registered from a metadata document (external_client_id) set to authenticate with a client secret.',
  check(client) {
    const method = client.authMethodValue;
    const field = client.authMethod;
    if (!client.isCimdClient || field.state !== 'known' || typeof method !== 'string' || !SECRET_METHODS.has(method)) return [];
    const fix = setAuthMethodFix(client, 'none');
    return [
      report(this, {
        node: field.node,
        message: `A CIMD client (external_client_id set) may not use '${method}': set ${field.prop.key} to 'none'.`,
        related: related(client.externalClientId, 'set: a metadata-document client, which may use only none or Private Key JWT'),
        fixes: [fix && { ...fix, safety: 'unsafe' }],
      }),
    ];
  },
};
