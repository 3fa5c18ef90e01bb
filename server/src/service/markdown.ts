/** Plain text into Markdown that renders as written (hover and completion documentation). */

/**
 * Escapes the characters Markdown would read as markup, so that text such as `allow_legacy_*` (a rule message
 * or an Auth0 fact) cannot open emphasis, a code span or a link in the middle of a sentence.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*[\]<>]/g, (c) => `\\${c}`)
    // An underscore between letters or digits is literal (token_endpoint_auth_method stays readable in editors
    // that show the Markdown source); one at a word's edge could open emphasis.
    .replace(/_/g, (c, at: number, all: string) => (/[A-Za-z0-9]/.test(all[at - 1] ?? '') && /[A-Za-z0-9]/.test(all[at + 1] ?? '') ? c : `\\${c}`))
    .replace(/^#/gm, '\\#');
}

/** A code span around `text`, with a fence longer than any run of backticks inside it. */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
