/**
 * The text of suppression comments, shared by the readers (which set aside comments that read as one where none
 * can be: JSON, the end of a line) and suppression.ts (which applies them).
 */

/** `grantlint-disable-next-line <ids> [-- reason]` (group 1 set) or `grantlint-disable <ids>`, the ids in group 2. */
export const DIRECTIVE = /^\s*grantlint-disable(-next-line)?(?:\s+(.*))?$/;

/**
 * A comment meant as a directive that is none (`grantlint-disable-line`, `grantlint-enable`, `Grantlint-Disable`,
 * `grantlint:disable`, `grantlint disable-next-line`, `@grantlint-disable`, `grantlint-disble`, a directive with a
 * colon after it): it silences nothing, which must not pass unseen. Group 1: what was written.
 */
export const NEAR_DIRECTIVE = /^\s*(@?grantlint(?:[-_:.]{1,3} ?(?:dis|en|ign|supp|off|skip)[\w-]*|\s+(?:disable|enable)(?:-[\w-]*)?(?!\w)):?)/i;

/** Whether a comment's text (without its `#`, `//` or `/* *\/`) is a directive or meant as one. */
export function meantAsDirective(body: string): boolean {
  return DIRECTIVE.test(body) || NEAR_DIRECTIVE.test(body);
}

/** ESLint's end-of-line directive, which Grantlint does not have, as written in a comment's text; group 1: the ids. */
export const ESLINT_DISABLE_LINE = /^\s*grantlint-disable-line(?:\s+(.*))?$/;

/** The rule ids of a directive's list as written after its keyword, before any `-- reason`, split at spaces and commas. */
export function idsIn(written: string): string[] {
  const list = written.split(/\s--\s|^--\s|\s--$/)[0] ?? '';
  return list
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
