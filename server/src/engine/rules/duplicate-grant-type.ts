import type { Rule } from './api';
import { report } from './api';
import { q, removeItemFix } from './helpers';
import { withValue } from './messages';

export const duplicateGrantType: Rule = {
  id: 'duplicate-grant-type',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'The same grant appears twice in grant_types; the Management API rejects repeated items.',
  check(client) {
    const seen = new Map<string, { start: number; end: number }>();
    const findings = [];
    for (const item of client.grants?.items ?? []) {
      const first = seen.get(item.value);
      if (!first) {
        seen.set(item.value, item);
        continue;
      }
      const removal = removeItemFix(client, item, 'safe');
      findings.push(
        report(this, {
          node: item,
          grantItem: item,
          message: withValue('Grant type ', item.value, ' is listed twice, which the Management API rejects; remove the repeat.'),
          related: [{ span: { start: first.start, end: first.end }, message: 'first occurrence (the API error: "Array items are not unique")' }],
          fixes: [removal && { ...removal, title: `Remove the repeated ${q(item.value)}` }],
        }),
      );
    }
    return findings;
  },
};
