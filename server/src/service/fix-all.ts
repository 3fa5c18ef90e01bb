/**
 * "Fix all" (`source.fixAll.grantlint`, fix on save, the fix-all command) as one minimal text edit: the engine's
 * fixAll result, trimmed to the part that changed. Safe fixes only: saving a file never grants a client anything
 * new (rule book, "Safe and unsafe fixes"). Each pass is linted as the analysis was, with the file's module or
 * deploy-cli directory (its links) and size limit, so the editor fixes exactly what `grantlint --fix` fixes.
 */
import type { TextEdit } from '../engine/index';
import { fixAll } from '../engine/index';
import type { Analysis } from './analysis';

export function fixAllEdit(analysis: Analysis): TextEdit | undefined {
  if (!analysis.result.isClientConfig) return undefined;
  const input = { path: analysis.path, text: analysis.text, format: analysis.format, settings: analysis.settings, maxFileSize: analysis.maxFileSize, links: analysis.links, fixChecks: 'all' as const };
  const fixed = fixAll(input, { unsafe: false }).text;
  return minimalEdit(analysis.text, fixed);
}

/** The single replacement turning `before` into `after`, without the common start and end. */
function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Never split a surrogate pair or a CRLF: the client would see half a character or half a line break.
  while (start > 0 && isSplitPoint(before, start)) start--;
  while (end > 0 && isSplitPoint(before, before.length - end)) end--;
  return { start, end: before.length - end, newText: after.slice(start, after.length - end) };
}

function isSplitPoint(text: string, at: number): boolean {
  const prev = text.charCodeAt(at - 1);
  const next = text.charCodeAt(at);
  return (prev >= 0xd800 && prev <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) || (prev === 13 && next === 10);
}
