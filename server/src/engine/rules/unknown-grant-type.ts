import { distance } from 'fastest-levenshtein';
import { CLI_SHORT_NAMES, grantInfo, GRANTS, isKnownGrant } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import type { ClientFacts } from '../client';
import type { Fix } from '../fix/semantic';
import type { StringNode } from '../model';
import { MAX_QUOTED_LENGTH, q, removeItemFix } from './helpers';
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

/** Non-legacy values, with the short forms a person types for the long URIs. */
const SUGGESTIONS = GRANTS.filter((g) => g.family !== 'legacy').map((g) => ({ value: g.value, forms: formsOf(g.value) }));

function formsOf(value: string): string[] {
  const normalized = normalize(value);
  const forms = [normalized];
  const lastColon = value.split(':').pop() ?? value;
  const afterGrantType = value.split('/grant-type/')[1];
  forms.push(normalize(lastColon));
  if (afterGrantType) forms.push(normalize(afterGrantType));
  return forms;
}

function normalize(value: string): string {
  return value.toLowerCase().replace(/[-/: ]/g, '_');
}

/**
 * Suggestions made so far: a tenant repeats its typos, and each fix is checked by running the rules again. Cleared
 * when full, so a file of a million distinct typos cannot grow it without bound.
 */
const suggested = new Map<string, string | undefined>();
const MAX_SUGGESTED = 1000;

/** The value meant: an auth0 CLI short name, an exact match ignoring case, else the nearest known value. */
export function suggestGrant(value: string): string | undefined {
  if (suggested.has(value)) return suggested.get(value);
  if (suggested.size >= MAX_SUGGESTED) suggested.clear();
  const meant = nearestGrant(value);
  suggested.set(value, meant);
  return meant;
}

function nearestGrant(value: string): string | undefined {
  const short = CLI_SHORT_NAMES.get(value.trim().toLowerCase());
  if (short) return short;
  const typed = normalize(value.trim());
  // Nothing within the distance limit (a third of the length) of a known value can be this long.
  if (typed.length === 0 || typed.length > MAX_QUOTED_LENGTH) return undefined;
  let best: { value: string; cost: number } | undefined;
  for (const candidate of SUGGESTIONS) {
    for (const form of candidate.forms) {
      const cost = distance(typed, form);
      if (!best || cost < best.cost) best = { value: candidate.value, cost };
    }
  }
  if (!best) return undefined;
  const limit = Math.max(1, Math.floor(typed.length / 3));
  return best.cost <= limit ? best.value : undefined;
}

function meantFix(client: ClientFacts, item: StringNode, meant: string | undefined): Fix | undefined {
  if (!meant) return undefined;
  if (client.has(meant)) {
    const removal = removeItemFix(client, item);
    return removal && { ...removal, title: `Remove ${q(item.value)} (${q(meant)} is already listed)` };
  }
  return { title: `Replace ${q(item.value)} with ${q(meant)}`, edits: [{ kind: 'replaceScalar', node: item, value: meant }] };
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
          message: meant ? suggestionMessage(item.value, meant) : withValue(BEGIN, item.value, ': Auth0 rejects it; use a known grant or remove it.'),
          fixes: [meantFix(client, item, meant)],
        });
      });
  },
};
