/**
 * Line checks for fix results (rule book, invariant 1: a fix changes only the bytes it must): lines a fix leaves
 * ending in blanks, and indentation no line of the original had.
 */

/** The lines of `after` (without their line breaks) that end in a space or tab where no line of `before` ended so. */
export function newTrailingBlanks(before: string, after: string): string[] {
  const had = new Set(before.split(/\r?\n/).filter((line) => /[ \t]$/.test(line)));
  return after.split(/\r?\n/).filter((line) => /[ \t]$/.test(line) && !had.has(line));
}

/** The lines of `after` that hold text and start with an indentation no line of `before` starts with. */
export function newIndentation(before: string, after: string): string[] {
  const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];
  const had = new Set(before.split(/\r?\n/).map(indentOf));
  return after.split(/\r?\n/).filter((line) => line.trim() !== '' && !had.has(indentOf(line)));
}
