import { GRANT } from '../catalogue';
import type { SemanticEdit } from '../fix/semantic';
import type { Rule } from './api';
import { report } from './api';
import { related, titled } from './helpers';

/**
 * Facts §7: `token_quota.client_credentials` limits Client Credentials tokens, so it only matters with the
 * client_credentials grant.
 */
export const tokenQuotaWithoutClientCredentials: Rule = {
  id: 'token-quota-without-client-credentials',
  defaultSeverity: 'hint',
  fixable: true,
  summary: 'A client credentials token quota (token_quota.client_credentials) on a client without the client_credentials grant.',
  check(client) {
    const quota = client.tokenQuotaClientCredentials;
    if (!quota || !client.lacks(GRANT.clientCredentials)) return [];
    // The quota's only setting goes with its token_quota key, which would otherwise be left empty.
    const only = quota.quota.props.length === 1;
    const edit: SemanticEdit = only
      ? { kind: 'removeField', object: client.node, prop: quota.quotaProp }
      : { kind: 'removeField', object: quota.quota, prop: quota.prop };
    return [
      report(this, {
        node: { span: quota.prop.keySpan, path: quota.prop.value.path },
        message: 'A client credentials token quota does nothing without the client_credentials grant: remove it.',
        related: related(client.grantTypes, 'no client_credentials grant here, so the quota limits nothing'),
        fixes: [{ title: titled(only ? 'Remove token_quota' : 'Remove token_quota.client_credentials', 'unsafe', 'changes a setting'), edits: [edit], safety: 'unsafe' }],
      }),
    ];
  },
};
