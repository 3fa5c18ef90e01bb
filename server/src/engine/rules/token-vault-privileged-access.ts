import { GRANT } from '../catalogue';
import type { RelatedInfo, Rule } from './api';
import { report } from './api';
import { addGrantsEdit, authMethodKey, related, titled } from './helpers';

/**
 * Facts §7: Token Vault privileged access (`token_vault_privileged_access`; in Terraform on
 * auth0_client_credentials, provider v1.55.0) needs a first-party, confidential, OIDC-conformant client with the
 * Token Vault grant (auth0.com/docs, secure/call-apis-on-users-behalf/token-vault/
 * privileged-worker-token-exchange-with-token-vault).
 */
export const tokenVaultPrivilegedAccess: Rule = {
  id: 'token-vault-privileged-access',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'Token Vault privileged access on a client without the Token Vault grant, or not first-party, confidential and OIDC-conformant.',
  check(client) {
    const setting = client.tokenVaultPrivilegedAccess;
    if (!setting) return [];
    // Each unmet requirement is named at the field that fails it; the message stays the same whichever they are,
    // so a fix that meets one of several does not read as a new finding.
    const unmet: RelatedInfo[] = [];
    const noGrant = client.lacks(GRANT.tokenVault);
    if (noGrant) unmet.push(...related(client.grantTypes, 'Unmet: grant_types lacks the Token Vault grant'));
    if (client.isExplicitlyThirdParty) unmet.push(...related(client.isFirstPartyField, 'Unmet: is_first_party is false'));
    else if (client.isCimdClient) unmet.push(...related(client.externalClientId, 'Unmet: external_client_id makes the client third-party'));
    if (client.isPublic === true) unmet.push(...related(client.authMethod, `Unmet: ${authMethodKey(client)} 'none' makes the client public`));
    if (client.oidcFalse) unmet.push(...related(client.oidcConformant, 'Unmet: oidc_conformant is false'));
    if (unmet.length === 0) return [];
    // Adding the grant fixes the finding only when the grant is all that is missing.
    const add = noGrant && unmet.length === 1 ? addGrantsEdit(client, [GRANT.tokenVault]) : undefined;
    return [
      report(this, {
        node: { span: setting.keySpan, path: setting.value.path },
        message: 'Token Vault privileged access needs a first-party, confidential, OIDC-conformant client with the Token Vault grant.',
        related: unmet,
        fixes: [add && { title: titled('Add the Token Vault grant', 'unsafe', 'grants a new permission'), edits: [add], safety: 'unsafe' }],
      }),
    ];
  },
};

