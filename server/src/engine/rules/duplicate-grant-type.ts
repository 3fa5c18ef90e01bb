import type { RelatedInfo, Rule } from './api';
import { report } from './api';
import { q, removeItemFix } from './helpers';
import { withValue } from './messages';

/** What every repeat of one value shares: its message and the pointer to the first occurrence. */
interface Repeated {
  readonly first: { readonly start: number; readonly end: number };
  shared?: { readonly message: string; readonly related: readonly RelatedInfo[] };
}

export const duplicateGrantType: Rule = {
  id: 'duplicate-grant-type',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'The same grant appears twice in grant_types; the Management API rejects repeated items.',
  check(client, context) {
    const seen = new Map<string, Repeated>();
    const findings = [];
    for (const item of client.grants?.items ?? []) {
      const repeated = seen.get(item.value);
      if (!repeated) {
        seen.set(item.value, { first: item });
        continue;
      }
      // Made at the first repeat and shared by the rest: a value repeated 100,000 times has one message.
      repeated.shared ??= {
        message: withValue('Grant type ', item.value, ' is listed twice, which the Management API rejects; remove the repeat.'),
        related: [{ span: { start: repeated.first.start, end: repeated.first.end }, message: 'first occurrence (the API error: "Array items are not unique")' }],
      };
      // Each repeat's removal is its own (it removes that item); not built at all when the caller drops fixes.
      const removal = context.fixesDropped ? undefined : removeItemFix(client, item, 'safe');
      findings.push(
        report(this, {
          node: item,
          grantItem: item,
          message: repeated.shared.message,
          related: repeated.shared.related,
          fixes: removal && [{ ...removal, title: `Remove the repeated ${q(item.value)}` }],
        }),
      );
    }
    return findings;
  },
};
