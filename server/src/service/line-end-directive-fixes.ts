/**
 * Quick fixes for an unused-suppression finding on a comment that cannot silence anything where it is written:
 * - a directive at the end of a line (`app_type: spa  # grantlint-disable-next-line <ids>`): **Move this comment to
 *   its own line** above or below, to the line whose node holds a finding of a rule it names (a next-line
 *   directive's own line tried second, any other's first); where neither does, **above line N**, the line of such a
 *   finding in its client or client grant (a grant's finding is on `client_id`, the comment after `audience:`).
 *   Where none does, no move is offered: it would only trade this warning for another;
 * - `grantlint-disable-line <ids>` (ESLint's word, which Grantlint does not have): **Change to
 *   grantlint-disable-next-line**, on its own line before the line it ends (what ESLint's covers) unless only the
 *   next line's node holds a finding it names.
 * YAML and Terraform HCL only (JSON takes no comments). A comment line goes only before a line that starts a key or
 * a value (after any `- `): before a closing bracket it would tie to some later node, and in YAML a line continuing a
 * multi-line scalar would be cut in two.
 * Editor only, as the other fixes of suppression comments (unused-suppression-fixes.ts).
 */
import type { Finding, ParsedFile, Span, TextEdit, ValueNode } from '../engine/index';
import { startOfLine } from '../engine/index';
import { DIRECTIVE, ESLINT_DISABLE_LINE, idsIn } from '../engine/directive-text';
import { entryOfComment, heldByCommentAt, nextLineScopeAt } from '../engine/suppression';
import { withFmtAlignment } from './hcl-fmt-alignment';
import type { CommentFix } from './unused-suppression-fixes';


/**
 * The fixes for `finding` (unused-suppression) when its comment is a directive at the end of a line or a
 * `grantlint-disable-line` comment of `parsed`, the analysis of `text`; none otherwise. Offsets are UTF-16 code units.
 */
export function lineEndDirectiveFixes(text: string, finding: Finding, parsed: ParsedFile, findings: readonly Finding[] = []): CommentFix[] {
  if (finding.ruleId !== 'unused-suppression' || parsed.format === 'json') return [];
  const at = (comment: { readonly span: Span }) => comment.span.start === finding.span.start && comment.span.end === finding.span.end;
  const stray = parsed.strayDirectives?.find(at);
  const comment = stray ?? parsed.comments.find(at);
  if (!comment || comment.text.includes('\n')) return [];
  const written = text.slice(comment.span.start, comment.span.end);
  const disableLine = ESLINT_DISABLE_LINE.exec(comment.text);
  const directive = DIRECTIVE.exec(comment.text);
  if (!disableLine && !(stray && directive)) return [];
  // The comment as it should read: ESLint's word changed to ours, the rest as written.
  const renamed = disableLine ? written.replace('grantlint-disable-line', 'grantlint-disable-next-line') : written;
  const lineStart = startOfLine(text, comment.span.start);
  const indent = /^[ \t]*/.exec(text.slice(lineStart, comment.span.start))![0];
  if (lineStart + indent.length === comment.span.start) {
    // On a line of its own already: only ESLint's word to change.
    return disableLine ? [{ title: 'Change to grantlint-disable-next-line', edits: [{ start: comment.span.start, end: comment.span.end, newText: renamed }], preferred: true }] : [];
  }
  const ids = new Set(idsIn(disableLine ? (disableLine[1] ?? '') : (directive![2] ?? '')));
  const here = placeBefore(parsed, text, lineStart);
  const next = placeBefore(parsed, text, nextLineStart(text, comment.span.end));
  // Never into another client or client grant (below a client's last line is the next client): the comment would
  // silence that one, and no longer keep what it was written for.
  const entry = entryOfComment(parsed, text, comment.span.start);
  // A comment that keeps findings of other entries too (YAML anchored text they take through an alias or merge key:
  // engine/suppression.ts) stays where it is: moved, it would silence one entry and stop keeping the others, which
  // --fix would then change (U50).
  const ownLines = { start: lineStart, end: lineEnd(text, nextLineStart(text, comment.span.end) ?? text.length) };
  const within = (span: Span | undefined, offset: number) => span !== undefined && span.start <= offset && offset < span.end;
  if (findings.some((f) => heldByCommentAt(f, comment.span.start) && !within(entry, f.span.start) && !within(ownLines, f.span.start))) return [];
  const inEntry = (place: Place) => entry === undefined || (place.scope.start < entry.end && place.scope.end > entry.start);
  const covers = (place: Place | undefined) => place !== undefined && inEntry(place) && findings.some((f) => ids.has(f.ruleId) && !f.fromOtherFile && place.scope.start <= f.span.start && f.span.start < place.scope.end);
  // What it says it silences first: a next-line directive the next line (as ESLint's), any other this line.
  const said = directive?.[1] && !disableLine ? [next, here] : [here, next];
  // Only to a line where it then silences a finding it names: a move that leaves it silencing nothing trades one
  // warning for another (a finding in the middle of a line, on a flow list's second item, has no such line).
  // Else above the line of a finding it names in its client or client grant (a client grant's finding is on its
  // `client_id`, a comment after `audience:` names it): where the comment, moved, silences what it holds.
  const place =
    said.find(covers) ??
    findings
      .filter((f) => ids.has(f.ruleId) && !f.fromOtherFile && entry !== undefined && entry.start <= f.span.start && f.span.start < entry.end)
      .map((f) => placeBefore(parsed, text, startOfLine(text, f.span.start)))
      .find(covers);
  if (!place) return [];
  let from = comment.span.start;
  while (from > lineStart && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  const moved: TextEdit[] = [
    { start: place.lineStart, end: place.lineStart, newText: `${place.indent}${renamed}${lineBreakOf(text, lineStart)}` },
    { start: from, end: comment.span.end, newText: '' },
  ];
  // Terraform: the `=` signs and trailing comments of the lines around stay as terraform fmt aligns them.
  const edits = parsed.format === 'hcl' ? withFmtAlignment(text, parsed, moved) : moved.sort((a, b) => a.start - b.start);
  const where = place === here ? 'above' : place === next ? 'below' : `above line ${text.slice(0, place.lineStart).split('\n').length}`;
  return [{ title: disableLine ? `Change to grantlint-disable-next-line on its own line ${where}` : `Move this comment to its own line ${where}`, edits, preferred: true }];
}

/** Where a comment line may go: before the line starting at `lineStart`, with its indentation, and what it would silence. */
interface Place {
  readonly lineStart: number;
  readonly indent: string;
  readonly scope: Span;
}

/**
 * Before the line starting at `lineStart` (blank lines skipped), where a directive would silence its node; undefined
 * past the end of the text, or before a line that starts no key or value (a closing bracket, a line continuing a
 * YAML scalar: a comment line there ties to some later node, or cuts the scalar in two).
 */
function placeBefore(parsed: ParsedFile, text: string, lineStart: number | undefined): Place | undefined {
  let start = lineStart;
  while (start !== undefined && start < text.length && /^[ \t]*\r?$/.test(text.slice(start, lineEnd(text, start)))) start = nextLineStart(text, start);
  if (start === undefined || start >= text.length) return undefined;
  const indent = /^[ \t]*/.exec(text.slice(start, lineEnd(text, start)))![0];
  if (!startsKeyOrValue(parsed, text, start + indent.length)) return undefined;
  const scope = nextLineScopeAt(parsed, start);
  return scope && { lineStart: start, indent, scope };
}

function lineEnd(text: string, offset: number): number {
  const lf = text.indexOf('\n', offset);
  return lf < 0 ? text.length : lf;
}

/** The start of the line after the one holding `offset`; undefined on the last line. */
function nextLineStart(text: string, offset: number): number | undefined {
  const lf = text.indexOf('\n', offset);
  return lf < 0 ? undefined : lf + 1;
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
