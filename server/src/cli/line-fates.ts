/**
 * Where each line of a file went when fix all rewrote it, from a line diff (the `diff` package): the line it is
 * now, or the lines the changed run it was part of became (none when the run was only removed). cli/fixable.ts
 * uses it to tell apart findings alike in rule, severity and client (two suppression comments, one removed with
 * the item it sat on), which counting alone cannot.
 */
import { diffLines } from 'diff';

/**
 * A line's fate: kept, now at line `at` (1-based); or part of a changed run that became lines `from` up to but not
 * including `to` (1-based; `from === to` when the run was removed).
 */
export type LineFate = { readonly at: number } | { readonly from: number; readonly to: number };

/**
 * The fate of each line of `before` (1-based line numbers) in `after`, or undefined when the texts differ in more
 * than `maxEditLength` lines (the diff gives up: too costly to be worth it). A line past the end of `before` has
 * no fate (undefined).
 */
export function lineFates(before: string, after: string, maxEditLength = 5_000): ((line: number) => LineFate | undefined) | undefined {
  const changes = diffLines(before, after, { maxEditLength });
  if (!changes) return undefined;
  const fates: LineFate[] = [];
  let next = 1;
  for (let i = 0; i < changes.length; ) {
    const change = changes[i]!;
    if (!change.added && !change.removed) {
      for (let k = 0; k < change.count; k++) fates.push({ at: next + k });
      next += change.count;
      i++;
      continue;
    }
    // A run of removed and added lines, in either order: every removed line maps to all the added ones.
    let removed = 0;
    let added = 0;
    for (; i < changes.length && (changes[i]!.added || changes[i]!.removed); i++) {
      if (changes[i]!.added) added += changes[i]!.count;
      else removed += changes[i]!.count;
    }
    const run: LineFate = { from: next, to: next + added };
    for (let k = 0; k < removed; k++) fates.push(run);
    next += added;
  }
  return (line) => fates[line - 1];
}
