import { GRANT } from '../catalogue';
import type { Rule } from './api';
import { checkConfidentialGrant } from './confidential-grant';

export const tokenVaultRequirements: Rule = {
  id: 'token-vault-requirements',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'The Token Vault grant on a client that is not first-party, confidential and OIDC-conformant.',
  check(client) {
    return checkConfidentialGrant(this, client, GRANT.tokenVault, 'Token Vault');
  },
};
