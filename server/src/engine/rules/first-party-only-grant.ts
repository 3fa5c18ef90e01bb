import { FIRST_PARTY_ONLY_GRANTS } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { q, related, removeGrantsEdit } from './helpers';
import { grantName } from './messages';

export const firstPartyOnlyGrant: Rule = {
  id: 'first-party-only-grant',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'A password or MFA grant on a third-party client (is_first_party: false).',
  check(client) {
    if (!client.isExplicitlyThirdParty) return [];
    const items = (client.grants?.items ?? []).filter((item) => FIRST_PARTY_ONLY_GRANTS.includes(item.value));
    const removal = removeGrantsEdit(client, items);
    const fix = removal && {
      title: items.length > 1 ? 'Remove every first-party-only grant from this client' : `Remove grant ${q(items[0]!.value)}`,
      edits: [removal],
      safety: 'safe' as const,
    };
    const notes = related(client.isFirstPartyField, 'false: a third-party client, which cannot be made first-party after creation');
    const fixes = [fix];
    const messages = new Map<string, string>();
    return items.map((item) => {
      let message = messages.get(item.value);
      if (message === undefined) messages.set(item.value, (message = `The ${grantName(item.value)} grant is for first-party apps only; this client's is_first_party is false, so remove it.`));
      return report(this, { node: item, grantItem: item, message, related: notes, fixes });
    });
  },
};
