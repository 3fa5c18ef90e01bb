/**
 * How many leading indexes of a sorted sequence satisfy `isBefore`, which holds for a prefix of [0, count) and
 * fails after it: the index of the first element not before the one sought. One binary search for the line
 * index, the placeholder spans, suppression scopes and client lookups.
 */
export function countBefore(count: number, isBefore: (index: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (isBefore(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}
