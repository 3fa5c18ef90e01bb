import { isKnownGrant } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import type { ClientFacts } from '../client';
import type { Fix } from '../fix/semantic';
import type { StringNode } from '../model';
import { type GrantSuggestion, suggestGrant } from './grant-suggestion';
import { clip, q, removeItemFix, titled } from './helpers';

export { suggestGrant } from './grant-suggestion';

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

export const unknownGrantType: Rule = {
  id: 'unknown-grant-type',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'A grant_types item is not a grant value Auth0 knows.',
  check(client) {
    return (client.grants?.items ?? [])
      .filter((item) => !isKnownGrant(item.value))
      .map((item) => {
        const meant = suggestGrant(item.value);
        return report(this, {
          node: item,
          grantItem: item,
          message: `Unknown grant type ${q(item.value)}: Auth0 rejects it ("Invalid grant types: ${clip(item.value)}")${meant ? `. Did you mean ${q(meant.value)}?` : '.'}`,
          fixes: [meantFix(client, item, meant)],
        });
      });
  },
};
