/**
 * "Disable <rule> for this client": a suppression comment (engine/suppression.ts) placed where it covers the
 * client, indented like what it precedes:
 * - a client that is a list entry or a flow mapping: `# grantlint-disable-next-line <rule>` above it;
 * - a client that is a whole document (a Management API payload file): `# grantlint-disable <rule>` above its
 *   first key when it is the file's last document (the directive then covers exactly this client); in an earlier
 *   document of a multi-document file, where that directive would reach the documents after it, a next-line
 *   comment above each of the client's keys that holds a finding of the rule.
 * - Terraform HCL: `# grantlint-disable-next-line <rule>` above the resource block that holds the finding (the
 *   client's, or its credentials resource's for a finding on `authentication_method`), which covers the block.
 * JSON has no comments, so JSON clients are silenced through the config file's overrides and get no such action.
 */
import type { ClientEntry, Finding, ObjectNode, TextEdit } from '../engine/index';
import { detectEol, propSpan, startOfLine } from '../engine/index';
import type { Analysis } from './analysis';
import { clientAt, clientByCredentialsAt } from './locate';

const NOT_SUPPRESSIBLE = new Set(['parse-error', 'unused-suppression', 'file-too-large', 'too-many-findings']);
const NEXT_LINE_DIRECTIVE = /^([ \t]*#\s*grantlint-disable-next-line\s+)([^\r\n]*?)(\s+--\s.*)?$/;
const FILE_DIRECTIVE = /^([ \t]*#\s*grantlint-disable\s+)([^\r\n]*?)(\s+--\s.*)?$/;

type DirectiveKind = 'next-line' | 'file';

/** The edits that silence `finding`'s rule for its client, or undefined when no comment can (JSON, file-level findings). */
export function disableForClientEdits(analysis: Analysis, finding: Finding): TextEdit[] | undefined {
  if (NOT_SUPPRESSIBLE.has(finding.ruleId)) return undefined;
  if (analysis.format === 'hcl') return hclBlockComment(analysis, finding);
  if (analysis.format !== 'yaml') return undefined;
  const client = clientAt(analysis.result, finding.span.start);
  if (!client) return undefined;
  const text = analysis.text;
  const node = client.node;
  if (node.flow || isListItem(node)) return single(commentEdit(text, node.start, finding.ruleId, 'next-line'));
  const root = analysis.result.parsed.documents[client.documentIndex]?.root;
  if (root !== node) return undefined;
  if (client.documentIndex === analysis.result.parsed.documents.length - 1) return single(commentEdit(text, node.start, finding.ruleId, 'file'));
  return keyComments(analysis, client, finding.ruleId);
}

/** A next-line directive above the `resource` line of the block (a client's or its credentials') holding the finding. */
function hclBlockComment(analysis: Analysis, finding: Finding): TextEdit[] | undefined {
  const at = finding.span.start;
  const client = clientAt(analysis.result, at);
  const credentials = client ? undefined : clientByCredentialsAt(analysis.result, at)?.credentials;
  const body = client?.node ?? credentials;
  if (!body) return undefined;
  // The body starts at its `{`, on the line of the block's type and labels.
  const text = analysis.text;
  const lineStart = startOfLine(text, body.start);
  const indent = /^[ \t]*/.exec(text.slice(lineStart, body.start))![0].length;
  return single(commentEdit(text, lineStart + indent, finding.ruleId, 'next-line'));
}

function single(edit: TextEdit | undefined): TextEdit[] | undefined {
  return edit && [edit];
}

/** A list item's comment covers the whole item, whether it starts after `- ` or on the line after a lone `-`. */
function isListItem(node: ObjectNode): boolean {
  return typeof node.path[node.path.length - 1] === 'number';
}

/** Next-line comments above each of the client's keys that holds a finding of `ruleId` (before suppression). */
function keyComments(analysis: Analysis, client: ClientEntry, ruleId: string): TextEdit[] | undefined {
  const result = analysis.result;
  const findings = result.clientFindings[result.clients.indexOf(client)] ?? [];
  const edits: TextEdit[] = [];
  for (const prop of client.node.props) {
    const span = propSpan(prop);
    if (!findings.some((f) => f.ruleId === ruleId && f.span.start >= span.start && f.span.start < Math.max(span.end, span.start + 1))) continue;
    const edit = commentEdit(analysis.text, prop.keySpan.start, ruleId, 'next-line');
    if (!edit) return undefined;
    edits.push(edit);
  }
  return edits.length > 0 ? edits : undefined;
}

/**
 * A directive for `ruleId` on its own line above the line where `at` is (which must hold nothing before `at` but
 * indentation and list markers), or the rule id added to such a directive already there.
 */
function commentEdit(text: string, at: number, ruleId: string, kind: DirectiveKind): TextEdit | undefined {
  const lineStart = startOfLine(text, at);
  const marker = /^([ \t]*)(?:-[ \t]+)*$/.exec(text.slice(lineStart, at));
  if (!marker) return undefined;
  const indent = marker[1] ?? '';
  const existing = directiveAbove(text, lineStart, kind);
  if (existing) {
    if (existing.ids.includes(ruleId)) return undefined;
    return { start: existing.idsEnd, end: existing.idsEnd, newText: `, ${ruleId}` };
  }
  const directive = kind === 'file' ? 'grantlint-disable' : 'grantlint-disable-next-line';
  return { start: lineStart, end: lineStart, newText: `${indent}# ${directive} ${ruleId}${detectEol(text)}` };
}

interface Directive {
  readonly ids: readonly string[];
  readonly idsEnd: number;
}

/** A directive of the same kind on the line right above, which a new rule id joins instead of stacking comments. */
function directiveAbove(text: string, lineStart: number, kind: DirectiveKind): Directive | undefined {
  if (lineStart === 0) return undefined;
  const prevStart = startOfLine(text, lineStart - 1);
  const prevLine = text.slice(prevStart, lineStart).replace(/\r?\n$/, '');
  const match = (kind === 'file' ? FILE_DIRECTIVE : NEXT_LINE_DIRECTIVE).exec(prevLine);
  if (!match) return undefined;
  const idsText = match[2] ?? '';
  const ids = idsText.split(/[\s,]+/).filter((s) => s.length > 0);
  if (ids.length === 0) return undefined;
  return { ids, idsEnd: prevStart + (match[1] ?? '').length + idsText.length };
}
