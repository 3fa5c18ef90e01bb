/** Suggestions for a misspelt name (a rule id in the config file or `--rule`). */
import { distance } from 'fastest-levenshtein';

/**
 * `; did you mean 'x'?` for a misspelt name (`implicit-grants`, `legacy-grant`): the one candidate closest by edit
 * distance (case ignored) within a third of the word's length, else the one candidate the word begins; empty when
 * none is that close or two are equally close.
 */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const lower = word.toLowerCase();
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tie = false;
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance, tie] = [candidate, d, false];
    else if (d === bestDistance) tie = true;
  }
  if (best !== undefined && bestDistance <= limit && !tie) return `; did you mean '${best}'?`;
  const started = lower.length >= 4 ? candidates.filter((candidate) => candidate.toLowerCase().startsWith(lower)) : [];
  return started.length === 1 ? `; did you mean '${started[0]}'?` : '';
}
