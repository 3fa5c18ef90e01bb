import { grantInfo, isKnownGrant } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import type { ClientFacts } from '../client';
import type { Fix } from '../fix/semantic';
import type { StringNode } from '../model';
import { suggestGrant, type GrantSuggestion } from './grant-suggestion';
import { q, removeItemFix, titled } from './helpers';
import { MAX_MESSAGE_LENGTH, withValue } from './messages';

/**
 * "Unknown grant type '<typo>'; did you mean '<grant>'?", naming the grant by its Dashboard label instead when the
 * typo would otherwise be clipped (the typo must stay readable: it may differ from the grant by one character).
 */
function suggestionMessage(value: string, meant: string): string {
  const suffix = `; did you mean '${meant}'?`;
  const label = grantInfo(meant)?.dashboardName;
  const fits = BEGIN.length + value.length + 2 + suffix.length <= MAX_MESSAGE_LENGTH;
  return fits || !label ? withValue(BEGIN, value, suffix) : withValue(BEGIN, value, `; did you mean the ${label} grant?`);
}

const BEGIN = 'Unknown grant type ';

function meantFix(client: ClientFacts, item: StringNode, meant: GrantSuggestion | undefined): Fix | undefined {
  if (!meant) return undefined;
  if (client.has(meant.value)) {
    const removal = removeItemFix(client, item, meant.safety);
    return removal && { ...removal, title: titled(`Remove ${q(item.value)} (${q(meant.value)} is already listed)`, meant.safety, 'a guess by spelling') };
  }
  return {
    title: titled(`Replace ${q(item.value)} with ${q(meant.value)}`, meant.safety, 'a guess by spelling'),
    edits: [{ kind: 'replaceScalar', node: item, value: meant.value }],
    safety: meant.safety,
  };
}

/**
 * Removing the unknown value: Auth0 rejects it, so the client loses nothing it has, but the author may have meant a
 * grant (unsafe). The one fix when nothing is close, and the way out when the value meant would itself be refused
 * (`client-credentials` on a public client: the replacement is withheld, as it raises an error). Not offered when
 * the fix for the value meant already removes it.
 */
function removalFix(client: ClientFacts, item: StringNode, meant: GrantSuggestion | undefined): Fix | undefined {
  if (meant && client.has(meant.value)) return undefined;
  const removal = removeItemFix(client, item, 'unsafe');
  return removal && { ...removal, title: titled(`Remove ${q(item.value)}`, 'unsafe', 'drops a grant you may have meant') };
}

export const unknownGrantType: Rule = {
  id: 'unknown-grant-type',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'A grant_types item is not a grant value Auth0 knows.',
  check(client, context) {
    // The suggestion (an edit-distance search) and the message are worked out once per value, not per copy.
    const byValue = new Map<string, { readonly meant: GrantSuggestion | undefined; readonly message: string }>();
    return (client.grants?.items ?? [])
      .filter((item) => !isKnownGrant(item.value))
      .map((item) => {
        let known = byValue.get(item.value);
        if (!known) {
          const meant = suggestGrant(item.value);
          const message = meant ? suggestionMessage(item.value, meant.value) : withValue(BEGIN, item.value, ': Auth0 rejects it; use a known grant or remove it.');
          byValue.set(item.value, (known = { meant, message }));
        }
        return report(this, {
          node: item,
          grantItem: item,
          message: known.message,
          // Each copy's fix edits that copy: not built at all when the caller drops fixes.
          fixes: context.fixesDropped ? undefined : [meantFix(client, item, known.meant), removalFix(client, item, known.meant)],
        });
      });
  },
};
