import { APP_TYPES } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { closest, q, setFieldEdit, titled } from './helpers';
import { withValue } from './messages';

export const unknownAppType: Rule = {
  id: 'unknown-app-type',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'app_type is not a value of the Management API enum.',
  check(client) {
    const field = client.appType;
    if (field.state !== 'known' || field.node.kind === 'null') return [];
    if (field.node.kind === 'string' && APP_TYPES.includes(field.node.value)) return [];
    if (field.node.kind !== 'string') {
      const kind = field.node.kind === 'array' ? 'a list' : field.node.kind === 'object' ? 'an object' : `a ${field.node.kind}`;
      return [report(this, { node: field.node, message: `app_type must be a string such as 'spa' or 'regular_web', not ${kind}.` })];
    }
    const value = field.node.value;
    const meant = closest(value.replace(/[- ]/g, '_'), APP_TYPES);
    return [
      report(this, {
        node: field.node,
        message: meant ? withValue('Unknown app_type ', value, `; did you mean '${meant}'?`) : withValue('Unknown app_type ', value, ': use native, spa, regular_web or non_interactive.'),
        fixes: [meant ? { title: titled(`Set app_type to ${q(meant)}`, 'unsafe', 'a guess by spelling'), edits: [setFieldEdit(client, 'app_type', meant)], safety: 'unsafe' } : undefined],
      }),
    ];
  },
};
