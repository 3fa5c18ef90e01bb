/**
 * YAML suppression comments: `# grantlint-disable-next-line <ids> [-- reason]` silences the node that follows the
 * comment (whatever line it starts on), `# grantlint-disable <ids>` the rest of the file. A directive naming a
 * rule that silences nothing is reported as unused-suppression.
 */
import type { Comment, ParsedFile, Span, ValueNode } from './model';
import { propSpan } from './model';
import { countBefore } from './search';
import type { Finding } from './rules/api';
import { report } from './rules/api';
import { ruleById, UNUSED_SUPPRESSION } from './rules/index';
import { withValue } from './rules/messages';

interface Directive {
  readonly comment: Comment;
  readonly kind: 'next-line' | 'file';
  readonly ruleIds: readonly string[];
  /** Where it applies. */
  readonly scope: Span;
}

const DIRECTIVE = /^\s*grantlint-disable(-next-line)?(?:\s+(.*))?$/;

/** Whether any of these comments is a suppression directive (they tie findings to the rest of the file). */
export function hasDirectives(comments: readonly Comment[]): boolean {
  return comments.some((comment) => DIRECTIVE.test(comment.text));
}

export interface Suppressed {
  /** The findings no directive silences. */
  readonly kept: readonly Finding[];
  /** unused-suppression findings, not yet configured. */
  readonly unused: readonly Finding[];
}

export function applySuppressions(parsed: ParsedFile, findings: readonly Finding[]): Suppressed {
  const directives = readDirectives(parsed);
  if (directives.length === 0) return { kept: findings, unused: [] };
  const used = new Set<string>();
  const kept = findings.filter((finding) => {
    let suppressed = false;
    directives.forEach((directive, index) => {
      if (!directive.ruleIds.includes(finding.ruleId)) return;
      if (finding.span.start < directive.scope.start || finding.span.start >= directive.scope.end) return;
      suppressed = true;
      used.add(`${index}:${finding.ruleId}`);
    });
    return !suppressed;
  });
  const unused: Finding[] = [];
  directives.forEach((directive, index) => {
    const where = { span: directive.comment.span, path: [] };
    if (directive.ruleIds.length === 0) {
      unused.push(report(UNUSED_SUPPRESSION, { node: where, message: 'This grantlint-disable comment names no rule: list the rule ids to silence.' }));
    }
    for (const id of directive.ruleIds) {
      if (used.has(`${index}:${id}`)) continue;
      const message = ruleById(id)
        ? `No ${id} finding ${directive.kind === 'file' ? 'after this comment' : 'on the next node'}; remove it from this grantlint-disable comment.`
        : withValue('Unknown rule id ', id, ' in this grantlint-disable comment; fix the id or remove it.');
      unused.push(report(UNUSED_SUPPRESSION, { node: where, message }));
    }
  });
  return { kept, unused };
}

function readDirectives(parsed: ParsedFile): Directive[] {
  const directives: Directive[] = [];
  let nodeStarts: NodeExtent[] | undefined;
  for (const comment of parsed.comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const list = (match[2] ?? '').split(/\s--\s|^--\s|\s--$/)[0] ?? '';
    const ruleIds = list
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    if (match[1]) {
      nodeStarts ??= collectExtents(parsed);
      const target = nodeAfter(nodeStarts, comment.span.end);
      directives.push({ comment, kind: 'next-line', ruleIds, scope: target ?? { start: comment.span.end, end: comment.span.end } });
    } else {
      directives.push({ comment, kind: 'file', ruleIds, scope: { start: comment.span.end, end: Number.MAX_SAFE_INTEGER } });
    }
  }
  return directives;
}

interface NodeExtent {
  readonly start: number;
  readonly end: number;
}

/**
 * The widest node (key-value pair, list item, scalar or flow collection) starting at each offset, sorted by start.
 * A block collection's own extent is left out: it starts where its first entry does, and a comment there is
 * about that entry, not the whole list or mapping.
 */
function collectExtents(parsed: ParsedFile): NodeExtent[] {
  const widest = new Map<number, number>();
  const add = (start: number, end: number) => {
    if ((widest.get(start) ?? -1) < end) widest.set(start, end);
  };
  // An explicit stack rather than recursion: the walk must not depend on how deep the file nests.
  const stack: [ValueNode, boolean][] = [];
  for (const doc of parsed.documents) if (doc.root) stack.push([doc.root, false]);
  while (stack.length > 0) {
    const [node, isListItem] = stack.pop()!;
    const isBlockCollection = (node.kind === 'object' || node.kind === 'array') && !node.flow;
    if (isListItem || !isBlockCollection) add(node.start, node.end);
    if (node.kind === 'object') {
      for (const prop of node.props) {
        add(prop.keySpan.start, propSpan(prop).end);
        stack.push([prop.value, false]);
      }
    } else if (node.kind === 'array') {
      for (const item of node.items) stack.push([item, true]);
    }
  }
  return [...widest.entries()].map(([start, end]) => ({ start, end })).sort((a, b) => a.start - b.start);
}

function nodeAfter(extents: readonly NodeExtent[], offset: number): NodeExtent | undefined {
  return extents[countBefore(extents.length, (i) => extents[i]!.start < offset)];
}
