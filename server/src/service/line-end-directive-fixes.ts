/**
 * Quick fixes for an unused-suppression finding on a comment that cannot silence anything where it is written:
 * - a directive at the end of a line (`grant_types: [...]  # grantlint-disable-next-line <ids>`): **Move this
 *   comment to its own line above**, where it silences the node the line starts;
 * - `grantlint-disable-line <ids>` (ESLint's word, which Grantlint does not have): **Change to
 *   grantlint-disable-next-line**, on its own line above the line it was written on when it ends one, so it
 *   silences what ESLint's directive would.
 * YAML and Terraform HCL only (JSON takes no comments). In YAML the fix is offered only where the line starts a key
 * or a value (after any `- `): a line that continues a multi-line scalar would be cut in two by a comment line.
 * Editor only, as the other fixes of suppression comments (unused-suppression-fixes.ts).
 */
import type { Finding, ParsedFile, TextEdit, ValueNode } from '../engine/index';
import { startOfLine } from '../engine/index';
import type { CommentFix } from './unused-suppression-fixes';

/** ESLint's end-of-line directive as written in a comment's text: the word and the ids after it. */
const DISABLE_LINE = /^(\s*)grantlint-disable-line(?=\s|$)/;

/**
 * The fixes for `finding` (unused-suppression) when its comment is a directive at the end of a line or a
 * `grantlint-disable-line` comment of `parsed`, the analysis of `text`; none otherwise. Offsets are UTF-16 code units.
 */
export function lineEndDirectiveFixes(text: string, finding: Finding, parsed: ParsedFile): CommentFix[] {
  if (finding.ruleId !== 'unused-suppression' || parsed.format === 'json') return [];
  const at = (comment: { readonly span: { readonly start: number; readonly end: number } }) => comment.span.start === finding.span.start && comment.span.end === finding.span.end;
  const stray = parsed.strayDirectives?.find(at);
  const comment = stray ?? parsed.comments.find(at);
  if (!comment || comment.text.includes('\n')) return [];
  const written = text.slice(comment.span.start, comment.span.end);
  const disableLine = DISABLE_LINE.exec(comment.text);
  if (!stray && !disableLine) return [];
  // The comment as it should read: ESLint's word changed to ours, the rest as written.
  const renamed = disableLine ? written.replace('grantlint-disable-line', 'grantlint-disable-next-line') : written;
  const lineStart = startOfLine(text, comment.span.start);
  const before = text.slice(lineStart, comment.span.start);
  const indent = /^[ \t]*/.exec(before)![0];
  if (indent.length === before.length) {
    // On a line of its own already: only ESLint's word to change.
    return disableLine ? [{ title: 'Change to grantlint-disable-next-line', edits: [{ start: comment.span.start, end: comment.span.end, newText: renamed }], preferred: true }] : [];
  }
  if (parsed.format === 'yaml' && !startsKeyOrValue(parsed, text, lineStart + indent.length)) return [];
  let from = comment.span.start;
  while (from > lineStart && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  const edits: TextEdit[] = [
    { start: lineStart, end: lineStart, newText: `${indent}${renamed}${lineBreakOf(text, lineStart)}` },
    { start: from, end: comment.span.end, newText: '' },
  ];
  return [{ title: disableLine ? 'Change to grantlint-disable-next-line on its own line above' : 'Move this comment to its own line above', edits, preferred: true }];
}

/** The line break the text uses (its first one), so the new line matches the file's (CRLF kept). */
function lineBreakOf(text: string, near: number): string {
  const lf = text.indexOf('\n', near);
  const at = lf >= 0 ? lf : text.indexOf('\n');
  return at > 0 && text[at - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * Whether a key or a value of the file starts at `offset` (after any `- ` sequence entries there): a comment line
 * may go before such a line. One that continues a multi-line plain or quoted scalar starts none.
 */
function startsKeyOrValue(parsed: ParsedFile, text: string, offset: number): boolean {
  let at = offset;
  while (text[at] === '-' && (text[at + 1] === ' ' || text[at + 1] === '\t')) {
    at++;
    while (text[at] === ' ' || text[at] === '\t') at++;
  }
  const starts = new Set<number>();
  const walk = (node: ValueNode): void => {
    starts.add(node.start);
    if (node.kind === 'array') node.items.forEach(walk);
    else if (node.kind === 'object') {
      for (const prop of node.props) {
        starts.add(prop.keySpan.start);
        walk(prop.value);
      }
    }
  };
  for (const document of parsed.documents) if (document.root) walk(document.root);
  return starts.has(at);
}
