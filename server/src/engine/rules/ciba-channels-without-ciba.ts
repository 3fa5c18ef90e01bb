import { GRANT } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { addGrantsEdit, related, titled } from './helpers';

/**
 * Facts §7: `async_approval_notification_channels` (guardian-push, email) only matters with the CIBA grant; the
 * setting on a client without the grant does nothing, which usually means the grant was forgotten.
 */
export const cibaChannelsWithoutCiba: Rule = {
  id: 'ciba-channels-without-ciba',
  defaultSeverity: 'hint',
  fixable: true,
  summary: 'CIBA notification channels (async_approval_notification_channels) on a client without the CIBA grant.',
  check(client) {
    const channels = client.asyncApprovalChannels;
    if (!channels || !client.lacks(GRANT.ciba)) return [];
    const add = addGrantsEdit(client, [GRANT.ciba]);
    return [
      report(this, {
        node: { span: channels.keySpan, path: channels.value.path },
        message: 'CIBA notification channels do nothing without the CIBA grant: remove the setting or add the grant.',
        related: related(client.grantTypes, 'no CIBA grant here (urn:openid:params:grant-type:ciba)'),
        fixes: [
          { title: titled('Remove async_approval_notification_channels', 'unsafe', 'changes a setting'), edits: [{ kind: 'removeField', object: client.node, prop: channels }], safety: 'unsafe' },
          add && { title: titled("Add the CIBA grant 'urn:openid:params:grant-type:ciba'", 'unsafe', 'grants a new permission'), edits: [add], safety: 'unsafe' },
        ],
      }),
    ];
  },
};
