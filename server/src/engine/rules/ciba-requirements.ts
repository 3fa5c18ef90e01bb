import { GRANT } from '../catalogue';
import type { Rule } from './api';
import { checkConfidentialGrant } from './confidential-grant';

export const cibaRequirements: Rule = {
  id: 'ciba-requirements',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'The CIBA grant on a client that is not first-party, confidential and OIDC-conformant.',
  check(client) {
    return checkConfidentialGrant(this, client, GRANT.ciba, 'CIBA');
  },
};
