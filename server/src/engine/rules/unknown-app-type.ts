import { APP_TYPES } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { closest, q, setFieldEdit, titled } from './helpers';

export const unknownAppType: Rule = {
  id: 'unknown-app-type',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'app_type is not a value of the Management API enum.',
  check(client) {
    const field = client.appType;
    if (field.state !== 'known' || field.node.kind === 'null') return [];
    if (field.node.kind === 'string' && APP_TYPES.includes(field.node.value)) return [];
    const value = field.node.kind === 'string' ? field.node.value : String(field.node.kind);
    const meant = field.node.kind === 'string' ? closest(value.replace(/[- ]/g, '_'), APP_TYPES) : undefined;
    return [
      report(this, {
        node: field.node,
        message: `Unknown app_type ${q(value)}${meant ? `. Did you mean ${q(meant)}?` : ': use native, spa, regular_web, non_interactive or another value of the app_type enum.'}`,
        fixes: [meant ? { title: titled(`Set app_type to ${q(meant)}`, 'unsafe', 'a guess by spelling'), edits: [setFieldEdit(client, 'app_type', meant)], safety: 'unsafe' } : undefined],
      }),
    ];
  },
};
