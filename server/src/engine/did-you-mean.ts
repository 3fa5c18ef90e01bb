/** Suggestions for a misspelt name (a rule id or severity in the config file, `--rule` or a suppression comment, a config key). */
import { distance } from 'fastest-levenshtein';

/**
 * The name a misspelt one (`implicit-grants`, `legacy-grant`) most likely means: the one candidate closest by edit
 * distance (case ignored) within a third of the word's length, else the one candidate the word begins; undefined
 * when none is that close or two are equally close.
 */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  const close = closestByDistance(word, candidates);
  if (close !== undefined) return close;
  const lower = word.toLowerCase();
  const started = lower.length >= 4 ? candidates.filter((candidate) => candidate.toLowerCase().startsWith(lower)) : [];
  return started.length === 1 ? started[0] : undefined;
}

/**
 * The one candidate closest to `word` by edit distance (case ignored, so a name differing only in case is found)
 * within a third of the word's length (and `most` edits); undefined when none is that close or two are equally
 * close. Unlike
 * closestName, a candidate that merely begins with the word is no match: a client's name (a grant's `client_id`)
 * that is a shorter name of another client is not taken for a typo of it.
 */
export function closestByDistance(word: string, candidates: readonly string[], most = Number.POSITIVE_INFINITY): string | undefined {
  const lower = word.toLowerCase();
  const limit = Math.min(most, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tie = false;
  const lowered = loweredOf(candidates);
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i]!;
    // Lengths further apart than the limit are further apart in edits too: neither the best within it nor a tie.
    if (Math.abs(lowered[i]!.length - lower.length) > limit) continue;
    const d = distance(lower, lowered[i]!);
    if (d < bestDistance) [best, bestDistance, tie] = [candidate, d, false];
    else if (d === bestDistance) tie = true;
  }
  return best !== undefined && bestDistance <= limit && !tie ? best : undefined;
}

/**
 * The candidates in lower case, kept with the list: a tenant's client names are asked about once per grant naming
 * none of them (hundreds, in a directory of thousands of clients).
 */
const loweredLists = new WeakMap<readonly string[], readonly string[]>();

function loweredOf(candidates: readonly string[]): readonly string[] {
  let lowered = loweredLists.get(candidates);
  if (!lowered) {
    lowered = candidates.map((candidate) => candidate.toLowerCase());
    loweredLists.set(candidates, lowered);
  }
  return lowered;
}

/** `; did you mean 'x'?` for the name closestName finds; empty when it finds none. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const meant = closestName(word, candidates);
  return meant === undefined ? '' : `; did you mean '${meant}'?`;
}

// ESLint's number severities, which people bring along: 0 is off, 1 warns, 2 fails the run.
const ESLINT_NUMBERS: readonly string[] = ['off', 'warning', 'error'];

/**
 * `; did you mean 'x'?` for a severity that is not one (`settings`: the accepted words): a misspelt word (`warn`,
 * `fatal` gets none) or one of ESLint's numbers 0, 1, 2 (as a JSON number or, on the command line, its digit),
 * read as off, warning, error. Empty for anything else.
 */
export function severityMeant(value: unknown, settings: readonly string[]): string {
  if (typeof value === 'number' || (typeof value === 'string' && /^[012]$/.test(value))) {
    const meant = ESLINT_NUMBERS[Number(value)];
    return meant === undefined ? '' : `; did you mean '${meant}'?`;
  }
  return typeof value === 'string' ? didYouMean(value, settings) : '';
}
