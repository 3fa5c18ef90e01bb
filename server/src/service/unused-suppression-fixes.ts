/**
 * Quick fixes for an unused-suppression finding about one rule id of a grantlint-disable comment (engine
 * Finding.unusedRuleId), as linters offer to remove a directive that silences nothing:
 * - remove the id from the comment, or the whole comment (its line too, when it has one of its own) when the id is
 *   the only one;
 * - for an unknown id close to a rule's id, change it to that id (the comment then silences what it was written for).
 * Editor only: `--fix`, fix all and fix on save leave suppression comments to their author (a comment may be kept
 * for a rule turned off here and on elsewhere), so these are not engine fixes and grant or remove nothing.
 */
import type { Finding, TextEdit } from '../engine/index';
import { startOfLine } from '../engine/index';

export interface CommentFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The rule's likely intent (an unknown id changed to the rule meant): listed first, marked preferred. */
  readonly preferred: boolean;
}

/**
 * The directive keyword in a comment's text (from `#`, `//` or `/*` on); ESLint's `grantlint-disable-line` too, which
 * lists ids the same way (a keep comment that "Disable … for this client" replaces: suppress.ts).
 */
const DIRECTIVE_IN_COMMENT = /grantlint-disable(?:-next-line|-line)?(?=\s|$)/;

/** One rule id of a directive and its offsets in the file. */
export interface IdToken {
  readonly id: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The quick fixes for `finding` (an unused-suppression finding with `unusedRuleId`) in `text`, the file it was
 * found in (`findings`: the file's findings, which tell the comment's other ids that silence nothing); none when the
 * comment no longer reads as the finding says (the text moved on) or the finding has no id. Every copy of the id in
 * the comment goes, so the comment is left silencing something or is removed whole. Offsets are UTF-16 code units.
 */
export function unusedIdFixes(text: string, finding: Finding, findings: readonly Finding[]): CommentFix[] {
  const unused = finding.unusedRuleId;
  if (!unused) return [];
  const ids = directiveIds(text, finding.span.start, finding.span.end);
  if (!ids.some((token) => token.id === unused.written)) return [];
  const fixes: CommentFix[] = [];
  const meant = unused.meant;
  if (meant !== undefined && !ids.some((other) => other.id === meant)) {
    // The first copy corrected, any other dropped.
    const first = ids.find((token) => token.id === unused.written);
    const corrected = (token: IdToken) => (token.id !== unused.written ? token.id : token === first ? meant : undefined);
    fixes.push({ title: `Change '${unused.written}' to '${meant}'`, edits: [rewriteIds(text, ids, corrected)], preferred: true });
  }
  const left = ids.filter((token) => token.id !== unused.written);
  // The comment's every id silences nothing (this one and the other findings on the same comment): it can go whole.
  const silencesNothing = new Set(findings.filter((f) => f.unusedRuleId && f.span.start === finding.span.start).map((f) => f.unusedRuleId!.written));
  const removed = (token: IdToken) => (token.id === unused.written ? undefined : token.id);
  if (left.length > 0) fixes.push({ title: `Remove '${unused.written}' from this grantlint-disable comment`, edits: [rewriteIds(text, ids, removed)], preferred: false });
  if (left.length === 0 || left.every((token) => silencesNothing.has(token.id))) {
    fixes.push({ title: 'Remove this grantlint-disable comment', edits: [removeComment(text, finding.span.start, finding.span.end)], preferred: false });
  }
  return fixes;
}

/**
 * The rule ids the directive in the comment from `start` to `end` lists, before any `-- reason` and a block
 * comment's closing `*\/`, as engine/suppression.ts reads them (split at spaces and commas).
 */
export function directiveIds(text: string, start: number, end: number): IdToken[] {
  const comment = text.slice(start, end);
  const keyword = DIRECTIVE_IN_COMMENT.exec(comment);
  if (!keyword) return [];
  let listEnd = comment.length;
  const close = comment.lastIndexOf('*/');
  if (close > keyword.index) listEnd = close;
  const reason = /(?:^|\s)--(?:\s|$)/.exec(comment.slice(keyword.index + keyword[0].length, listEnd));
  if (reason) listEnd = keyword.index + keyword[0].length + reason.index;
  const tokens: IdToken[] = [];
  const pattern = /[^\s,]+/g;
  pattern.lastIndex = keyword.index + keyword[0].length;
  for (let match = pattern.exec(comment); match && match.index < listEnd; match = pattern.exec(comment)) {
    const tokenEnd = Math.min(match.index + match[0].length, listEnd);
    tokens.push({ id: comment.slice(match.index, tokenEnd), start: start + match.index, end: start + tokenEnd });
  }
  return tokens;
}

/**
 * The directive's id list (`ids`, as written) rewritten: each id mapped by `map` to what replaces it, or dropped
 * (undefined). An id kept keeps the separator written before it, the first one kept none, so the list reads as
 * written with the others taken out.
 */
export function rewriteIds(text: string, ids: readonly IdToken[], map: (token: IdToken) => string | undefined): TextEdit {
  let newText = '';
  ids.forEach((token, i) => {
    const id = map(token);
    if (id === undefined) return;
    newText += newText === '' ? id : `${text.slice(ids[i - 1]!.end, token.start)}${id}`;
  });
  return { start: ids[0]!.start, end: ids[ids.length - 1]!.end, newText };
}

/**
 * The comment from `start` to `end` removed: with its whole line when nothing else is on it (a directive's usual
 * place), else only the comment and the blanks before it.
 */
export function removeComment(text: string, start: number, end: number): TextEdit {
  const lineStart = startOfLine(text, start);
  const newline = text.indexOf('\n', end);
  const lineEnd = newline < 0 ? text.length : newline;
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEnd);
  if (/^[ \t]*$/.test(before) && /^[ \t]*\r?$/.test(after)) {
    if (newline >= 0) return { start: lineStart, end: newline + 1, newText: '' };
    // The last line, without a line break: the break before it goes, so no blank line is left at the end.
    const previousBreak = lineStart > 0 ? lineStart - (text[lineStart - 2] === '\r' ? 2 : 1) : lineStart;
    return { start: previousBreak, end: text.length, newText: '' };
  }
  let from = start;
  while (from > lineStart && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  return { start: from, end, newText: '' };
}
