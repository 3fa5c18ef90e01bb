/**
 * "Disable <rule> for this client" (or "for this client grant"): a suppression comment (engine/suppression.ts)
 * placed where it covers the client or client grant, indented like what it precedes:
 * - a client that is a list entry or a flow mapping: `# grantlint-disable-next-line <rule>` above it;
 * - a client that is a whole document (a Management API payload file): `# grantlint-disable <rule>` above its
 *   first key when it is the file's last document (the directive then covers exactly this client); in an earlier
 *   document of a multi-document file, where that directive would reach the documents after it, a next-line
 *   comment above each of the client's keys that holds a finding of the rule.
 * - Terraform HCL: `# grantlint-disable-next-line <rule>` above the resource block that holds the finding (the
 *   client's, or its credentials resource's for a finding on `authentication_method`), which covers the block.
 * - a client grant (the client-grant rules' findings): a deploy-cli `clientGrants:` entry gets a next-line
 *   comment above the entry (after `- `, on the line after a lone `-`, or a flow mapping), a Terraform
 *   `auth0_client_grant` one above its `resource` line; a flow list of entries on one line gets none.
 * JSON has no comments, so JSON clients and `grants/*.json` are silenced through the config file's overrides and
 * get no such action.
 */
import type { ClientEntry, Finding, ObjectNode, TextEdit } from '../engine/index';
import type { ClientGrantEntry } from '../engine/grants';
import { ALL_RULES, detectEol, propSpan, ruleById, startOfLine } from '../engine/index';
import { closestName } from '../engine/did-you-mean';
import { entryAt, heldByCommentAt, strayDirectivesNaming } from '../engine/suppression';
import { withFmtAlignment } from './hcl-fmt-alignment';
import { directiveIds, removeComment, rewriteIds } from './unused-suppression-fixes';
import type { Analysis } from './analysis';
import { clientAt, clientByCredentialsAt } from './locate';

const RULE_IDS = ALL_RULES.map((rule) => rule.id);
const NOT_SUPPRESSIBLE = new Set(['parse-error', 'unused-suppression', 'file-too-large', 'too-many-findings']);
const NEXT_LINE_DIRECTIVE = /^([ \t]*#\s*grantlint-disable-next-line\s+)([^\r\n]*?)(\s+--\s.*)?$/;
/** HCL also reads `//` comments; a directive written so above a block is joined like a `#` one. */
const HCL_NEXT_LINE_DIRECTIVE = /^([ \t]*(?:#|\/\/)\s*grantlint-disable-next-line\s+)([^\r\n]*?)(\s+--\s.*)?$/;
const FILE_DIRECTIVE = /^([ \t]*#\s*grantlint-disable\s+)([^\r\n]*?)(\s+--\s.*)?$/;

type DirectiveKind = 'next-line' | 'file' | 'hcl-next-line';

/** What a disable comment covers, named in the action's title ("Disable <rule> for this client grant"). */
export type DisableTarget = 'client' | 'client grant';

export interface DisableComment {
  readonly target: DisableTarget;
  readonly edits: TextEdit[];
}

/**
 * The comment that silences `finding`'s rule for its client or client grant, or undefined when no comment can
 * (JSON, file-level findings, a flow list of grants on one line).
 */
export function disableComment(analysis: Analysis, finding: Finding): DisableComment | undefined {
  if (NOT_SUPPRESSIBLE.has(finding.ruleId)) return undefined;
  if (analysis.format !== 'hcl' && analysis.format !== 'yaml') return undefined;
  const clientEdits = disableForClientEdits(analysis, finding);
  if (clientEdits) return { target: 'client', edits: replacingStrayDirectives(analysis, finding, clientEdits) };
  const grant = grantAt(analysis.result.grants, finding.span.start);
  const grantEdits = grant && grantComment(analysis, grant, finding.ruleId);
  return grantEdits && { target: 'client grant', edits: replacingStrayDirectives(analysis, finding, grantEdits) };
}

/**
 * `edits` (the new directive) with the rule's id taken out of the comments written for the same purpose where they
 * silence nothing (a `# grantlint-disable-line <rule>` at the end of one of the entry's lines, which holds the
 * finding's fixes: engine/suppression.ts): left behind, each would go on being reported as silencing nothing. A
 * comment naming only this rule is removed; from one naming others too, only this id is taken; one that also keeps
 * other entries (on YAML anchored text they take) stays, and one in anchored text only this entry takes goes too. The new directive carries the `-- reason` of the first such
 * comment that gives one (or of the comment holding the finding), whether that comment goes or stays, so the reason
 * is never left only where the rule no longer is. Terraform: trailing comments and `=` signs stay aligned as
 * terraform fmt does.
 */
function replacingStrayDirectives(analysis: Analysis, finding: Finding, edits: TextEdit[]): TextEdit[] {
  const { text, result } = analysis;
  const parsed = result.parsed;
  const entry = entryAt(parsed, finding.span.start);
  const keepsOthers = (start: number) => result.findings.some((f) => heldByCommentAt(f, start) && !(entry && entry.start <= f.span.start && f.span.start < entry.end));
  const naming = strayDirectivesNaming(parsed, text, finding.ruleId, finding.span.start);
  // The comment holding the finding: in this file (one in anchored text the entry takes is not on its lines).
  const holding = finding.fixesHeldBySuppression && heldByCommentAt(finding, finding.fixesHeldBySuppression.commentStart) ? finding.fixesHeldBySuppression.commentStart : undefined;
  const sources = holding === undefined || naming.includes(holding) ? naming : [...naming, holding];
  const out = [...edits];
  let reason: string | undefined;
  for (const start of sources) {
    const comment = parsed.strayDirectives?.find((c) => c.span.start === start);
    if (!comment || comment.text.includes('\n')) continue;
    const ids = directiveIds(text, comment.span.start, comment.span.end);
    if (ids.length === 0) continue;
    reason ??= /\s--\s+(.*?)\s*(?:\*\/)?$/.exec(text.slice(comment.span.start, comment.span.end))?.[1];
    // Kept where it keeps another entry; else it goes, also from anchored text no other entry takes (U50).
    if (keepsOthers(start)) continue;
    const left = ids.filter((token) => token.id !== finding.ruleId);
    if (left.length === ids.length) continue;
    out.push(left.length === 0 ? removeComment(text, comment.span.start, comment.span.end) : rewriteIds(text, ids, (token) => (token.id === finding.ruleId ? undefined : token.id)));
  }
  if (reason) {
    // The new directive (a comment line inserted above the entry) says why, as the one it replaces did.
    const added = out.findIndex((e) => e.start === e.end && new RegExp(`grantlint-disable(?:-next-line)? ${finding.ruleId}(\\r?\\n)$`).test(e.newText));
    if (added >= 0) out[added] = { ...out[added]!, newText: out[added]!.newText.replace(/(\r?\n)$/, ` -- ${reason}$1`) };
  }
  if (out.length === edits.length && out.every((e, i) => e === edits[i])) return edits;
  return parsed.format === 'hcl' ? withFmtAlignment(text, parsed, out) : out.sort((a, b) => a.start - b.start);
}

function grantAt(grants: readonly ClientGrantEntry[], offset: number): ClientGrantEntry | undefined {
  return grants.find((grant) => grant.node.start <= offset && offset < Math.max(grant.node.end, grant.node.start + 1));
}

/**
 * A next-line comment covering the grant: above its `clientGrants:` entry (YAML), above its `resource` line (HCL).
 * The engine ties the comment to the widest node after it, the list entry or the resource block.
 */
function grantComment(analysis: Analysis, grant: ClientGrantEntry, ruleId: string): TextEdit[] | undefined {
  if (analysis.format === 'hcl') return single(blockComment(analysis.text, grant.node, ruleId));
  if (!grant.list || !isListItem(grant.node)) return undefined;
  return single(commentEdit(analysis.text, grant.node.start, ruleId, 'next-line'));
}

function disableForClientEdits(analysis: Analysis, finding: Finding): TextEdit[] | undefined {
  if (analysis.format === 'hcl') return hclBlockComment(analysis, finding);
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
  return body && single(blockComment(analysis.text, body, finding.ruleId));
}

/** A next-line directive above the `resource` line of a block whose body is `body`. */
function blockComment(text: string, body: ObjectNode, ruleId: string): TextEdit | undefined {
  // The body starts at its `{`, on the line of the block's type and labels.
  const lineStart = startOfLine(text, body.start);
  const indent = /^[ \t]*/.exec(text.slice(lineStart, body.start))![0].length;
  return commentEdit(text, lineStart + indent, ruleId, 'hcl-next-line');
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
    if (existing.ids.some((id) => id.text === ruleId)) return undefined;
    // A misspelling of the rule's id there (which holds the finding's fixes back) is corrected rather than kept
    // beside it, where it would go on being reported as an unknown id.
    const misspelt = existing.ids.find((id) => ruleById(id.text) === undefined && closestName(id.text, RULE_IDS) === ruleId);
    if (misspelt) return { start: misspelt.start, end: misspelt.end, newText: ruleId };
    return { start: existing.idsEnd, end: existing.idsEnd, newText: `, ${ruleId}` };
  }
  const directive = kind === 'file' ? 'grantlint-disable' : 'grantlint-disable-next-line';
  // A new HCL directive is written with `#`, as `terraform fmt` leaves it and as the rule pages show.
  return { start: lineStart, end: lineStart, newText: `${indent}# ${directive} ${ruleId}${detectEol(text)}` };
}

interface Directive {
  /** The ids as written, with their offsets in the file. */
  readonly ids: readonly { readonly text: string; readonly start: number; readonly end: number }[];
  readonly idsEnd: number;
}

/** A directive of the same kind on the line right above, which a new rule id joins instead of stacking comments. */
function directiveAbove(text: string, lineStart: number, kind: DirectiveKind): Directive | undefined {
  if (lineStart === 0) return undefined;
  const prevStart = startOfLine(text, lineStart - 1);
  const prevLine = text.slice(prevStart, lineStart).replace(/\r?\n$/, '');
  const match = (kind === 'file' ? FILE_DIRECTIVE : kind === 'hcl-next-line' ? HCL_NEXT_LINE_DIRECTIVE : NEXT_LINE_DIRECTIVE).exec(prevLine);
  if (!match) return undefined;
  const idsText = match[2] ?? '';
  const idsStart = prevStart + (match[1] ?? '').length;
  const ids = [...idsText.matchAll(/[^\s,]+/g)].map((m) => ({ text: m[0], start: idsStart + m.index, end: idsStart + m.index + m[0].length }));
  if (ids.length === 0) return undefined;
  return { ids, idsEnd: idsStart + idsText.length };
}
