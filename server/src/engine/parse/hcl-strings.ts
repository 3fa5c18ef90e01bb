/**
 * Where a Terraform HCL file opens a quoted string that its line does not close. HCL's quoted strings may not
 * span lines (Terraform: "Invalid multi-line string"), but tree-sitter's error recovery reads on past the line
 * break and reports the error where the string's text finally stops making sense, lines later. Pointing at the
 * quote that was left open names the mistake where it was made.
 *
 * A small lexer of what can hold a quote: quoted strings with escapes and `${...}`/`%{...}` templates (which may
 * hold strings of their own), heredocs (`<<EOT`, `<<-EOT`, whose lines are text), and `#`, `//` and `/* *\/`
 * comments. Anything else is code, read character by character.
 */

/**
 * The offset of the first `"` of `text`, before `limit`, that opens a quoted string not closed on its line; or
 * undefined. Offsets are UTF-16 code units, as everywhere in the model.
 */
export function unclosedQuoteBefore(text: string, limit: number): number | undefined {
  /** Per open template (`${` or `%{` inside a string): how many `{` of its code are still open. */
  const templates: number[] = [];
  /** The quote that opened each string being read, outermost first (a template's strings nest). */
  const quotes: number[] = [];
  let at = 0;
  const end = Math.min(limit, text.length);
  while (at < end) {
    const c = text.charCodeAt(at);
    const inString = quotes.length > templates.length;
    if (inString) {
      if (c === 0x0a || c === 0x0d) return quotes[quotes.length - 1];
      if (c === 0x5c) at += 2; // an escape: the next character is the string's
      else if (c === 0x22) {
        quotes.pop();
        at++;
      } else if ((c === 0x24 || c === 0x25) && text.charCodeAt(at + 1) === 0x7b && text.charCodeAt(at - 1) !== c) {
        // `${` or `%{` opens a template (`$${` is a literal `${`).
        templates.push(0);
        at += 2;
      } else at++;
      continue;
    }
    // Code: at the top level, or inside a template of a string.
    if (c === 0x22) {
      quotes.push(at);
      at++;
    } else if (c === 0x23 || (c === 0x2f && text.charCodeAt(at + 1) === 0x2f)) {
      const lineEnd = text.indexOf('\n', at);
      at = lineEnd < 0 ? end : lineEnd;
    } else if (c === 0x2f && text.charCodeAt(at + 1) === 0x2a) {
      const close = text.indexOf('*/', at + 2);
      at = close < 0 ? end : close + 2;
    } else if (c === 0x3c && text.charCodeAt(at + 1) === 0x3c && templates.length === 0) {
      at = afterHeredoc(text, at, end);
    } else if (c === 0x7b && templates.length > 0) {
      templates[templates.length - 1]!++;
      at++;
    } else if (c === 0x7d && templates.length > 0) {
      // The template's own `}` closes it, back into its string; a `}` of its code closes that.
      if (templates[templates.length - 1] === 0) templates.pop();
      else templates[templates.length - 1]!--;
      at++;
    } else at++;
  }
  return undefined;
}

const HEREDOC_START = /<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/y;

/** Past a heredoc starting at `at` (`<<EOT` then a line break), its body and its closing line; else past `<<`. */
function afterHeredoc(text: string, at: number, end: number): number {
  HEREDOC_START.lastIndex = at;
  const start = HEREDOC_START.exec(text);
  if (!start) return at + 2;
  const marker = start[1]!;
  let line = HEREDOC_START.lastIndex;
  while (line < end) {
    const next = text.indexOf('\n', line);
    const lineEnd = next < 0 ? text.length : next;
    if (text.slice(line, lineEnd).trim() === marker) return lineEnd;
    line = lineEnd + 1;
  }
  return end;
}
