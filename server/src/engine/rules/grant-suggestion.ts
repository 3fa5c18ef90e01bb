/**
 * The grant value a misspelt `grant_types` item meant (rule book, `unknown-grant-type` and "Safe and unsafe
 * fixes"): first the auth0 CLI's `--grants` short names, exactly (ignoring case): safe; then the nearest known
 * value by edit distance (fastest-levenshtein), compared by meaning: unsafe, as it is a guess.
 */
import { distance } from 'fastest-levenshtein';
import { CLI_SHORT_NAMES, GRANTS } from '../catalogue';
import type { FixSafety } from '../fix/semantic';
import { MAX_QUOTED_LENGTH } from './helpers';

export interface GrantSuggestion {
  readonly value: string;
  readonly safety: FixSafety;
}

/**
 * What a value says, without its spelling of the family prefix: for a URI or URN, the part after `grant-type`
 * (`device_code`, `passwordless_otp`, `token_exchange_federated_connection_access_token`), else its last path
 * segment; a plain value stands for itself. Case and separators (`-`, `_`, `/`, `:`, `.`, spaces) are folded, so
 * `http://auth0.com/oauth/grant-type/device_code` and `urn:ietf:params:oauth:grant-type:device_code` say the same.
 */
export function meaningOf(value: string): string {
  const lower = value.trim().toLowerCase();
  const marker = /grant[-_]?type[/:]/.exec(lower);
  let tail = lower;
  if (marker) tail = lower.slice(marker.index + marker[0].length);
  else if (isUriShaped(lower)) tail = lower.slice(Math.max(lower.lastIndexOf('/'), lower.lastIndexOf(':')) + 1);
  return tail.replace(/[-_/:. ]+/g, '_').replace(/^_+|_+$/g, '');
}

function isUriShaped(value: string): boolean {
  return value.includes('://') || value.startsWith('urn:');
}

/** Every non-legacy known value with its meaning (a legacy grant is never a suggestion: the seed replaces them). */
const CANDIDATES = GRANTS.filter((g) => g.family !== 'legacy').map((g) => ({ value: g.value, meaning: meaningOf(g.value) }));

/**
 * Suggestions made so far: a tenant repeats its typos, and each fix is checked by running the rules again. Cleared
 * when full, so a file of a million distinct typos cannot grow it without bound.
 */
const suggested = new Map<string, GrantSuggestion | undefined>();
const MAX_SUGGESTED = 1000;

/**
 * The value meant by `value` (not a known grant), or undefined when nothing is close enough or two different
 * grants are equally close (a tie is no evidence of either).
 */
export function suggestGrant(value: string): GrantSuggestion | undefined {
  if (suggested.has(value)) return suggested.get(value);
  if (suggested.size >= MAX_SUGGESTED) suggested.clear();
  const meant = nearestGrant(value);
  suggested.set(value, meant);
  return meant;
}

function nearestGrant(value: string): GrantSuggestion | undefined {
  const short = CLI_SHORT_NAMES.get(value.toLowerCase());
  if (short) return { value: short, safety: 'safe' };
  if (value.length > MAX_QUOTED_LENGTH) return undefined;
  const typed = meaningOf(value);
  if (typed.length === 0) return undefined;
  let bestCost = Number.POSITIVE_INFINITY;
  let best: string[] = [];
  for (const candidate of CANDIDATES) {
    const cost = distance(typed, candidate.meaning);
    if (cost < bestCost) {
      bestCost = cost;
      best = [candidate.value];
    } else if (cost === bestCost && !best.includes(candidate.value)) {
      best.push(candidate.value);
    }
  }
  // Within a third of the length of what was typed (at least one edit), and only one candidate that close.
  const limit = Math.max(1, Math.floor(typed.length / 3));
  return bestCost <= limit && best.length === 1 ? { value: best[0]!, safety: 'unsafe' } : undefined;
}
