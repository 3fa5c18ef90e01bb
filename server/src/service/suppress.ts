/**
 * "Disable <rule> for this client": a `# grantlint-disable-next-line` comment on its own line above the client's
 * list entry, indented like the entry. JSON has no comments, so JSON clients are silenced through the config
 * file's overrides instead and get no such action.
 */
import type { ClientEntry, Finding, TextEdit } from '../engine/index';
import { detectEol, startOfLine } from '../engine/index';
import type { Analysis } from './analysis';
import { clientAt } from './locate';

const NOT_SUPPRESSIBLE = new Set(['parse-error', 'unused-suppression']);
const NEXT_LINE_DIRECTIVE = /^([ \t]*#\s*grantlint-disable-next-line\s+)([^\r\n]*?)(\s+--\s.*)?$/;

export function disableForClientEdit(analysis: Analysis, finding: Finding): TextEdit | undefined {
  if (analysis.format !== 'yaml' || NOT_SUPPRESSIBLE.has(finding.ruleId)) return undefined;
  const client = clientAt(analysis.result, finding.span.start);
  if (!client) return undefined;
  return commentEdit(analysis.text, client, finding.ruleId);
}

function commentEdit(text: string, client: ClientEntry, ruleId: string): TextEdit | undefined {
  const lineStart = startOfLine(text, client.node.start);
  const lead = text.slice(lineStart, client.node.start);
  // The client must begin its line, possibly after its `- ` list marker(s); otherwise a comment line cannot
  // sit right before it.
  const marker = /^([ \t]*)(?:-[ \t]+)*$/.exec(lead);
  if (!marker) return undefined;
  const indent = marker[1] ?? '';
  const existing = directiveAbove(text, lineStart);
  if (existing) {
    if (existing.ids.includes(ruleId)) return undefined;
    return { start: existing.idsEnd, end: existing.idsEnd, newText: `, ${ruleId}` };
  }
  return { start: lineStart, end: lineStart, newText: `${indent}# grantlint-disable-next-line ${ruleId}${detectEol(text)}` };
}

interface Directive {
  readonly ids: readonly string[];
  readonly idsEnd: number;
}

/** A next-line directive on the line right above, which a new rule id joins instead of stacking comments. */
function directiveAbove(text: string, lineStart: number): Directive | undefined {
  if (lineStart === 0) return undefined;
  const prevStart = startOfLine(text, lineStart - 1);
  const prevLine = text.slice(prevStart, lineStart).replace(/\r?\n$/, '');
  const match = NEXT_LINE_DIRECTIVE.exec(prevLine);
  if (!match) return undefined;
  const idsText = match[2] ?? '';
  const ids = idsText.split(/[\s,]+/).filter((s) => s.length > 0);
  if (ids.length === 0) return undefined;
  return { ids, idsEnd: prevStart + (match[1] ?? '').length + idsText.length };
}
