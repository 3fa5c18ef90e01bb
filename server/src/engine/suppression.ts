/**
 * YAML suppression comments: `# grantlint-disable-next-line <ids> [-- reason]` silences the node that follows the
 * comment (whatever line it starts on), `# grantlint-disable <ids>` the rest of the file. A directive naming a
 * rule that silences nothing is reported as unused-suppression.
 */
import type { OtherFileLocation } from './links';
import type { Comment, NodePath, ObjectNode, ParsedFile, Span, ValueNode } from './model';
import { propSpan, resolvedProps } from './model';
import { DIRECTIVE, ESLINT_DISABLE_LINE, idsIn, meantAsDirective, NEAR_DIRECTIVE } from './directive-text';
import { countBefore } from './search';
import type { Finding, FixesHeldBySuppression } from './rules/api';
import { report } from './rules/api';
import { ALL_RULES, ruleById, UNUSED_SUPPRESSION } from './rules/index';
import { fitsNames, MAX_MESSAGE_LENGTH, withValue } from './rules/messages';
import { closestName } from './did-you-mean';

const RULE_IDS = ALL_RULES.map((rule) => rule.id);
/** A directive keyword written right (NEAR_DIRECTIVE's match), which only a comment of several lines keeps from working. */
const WHOLE_DIRECTIVE = /^grantlint-disable(?:-next-line)?$/;
/** A directive keyword starting a line of a comment of several lines (after blanks and a `*`). */
const LATER_LINE_DIRECTIVE = /^[ \t]*\*?[ \t]*(grantlint-disable(?:-next-line)?)(?=\s|$)/m;

interface Directive {
  readonly comment: Comment;
  readonly kind: 'next-line' | 'file';
  readonly ruleIds: readonly string[];
  /** next-line: the node it silences, when one follows. */
  readonly target: Span | undefined;
  /** next-line: that node's path (configuration by JSON pointer applies there); the document root otherwise. */
  readonly targetPath: NodePath;
  /** Where it applies. */
  readonly scope: Span;
  /**
   * next-line: a syntax error stands between the comment and the node after it, so which node it was written for
   * cannot be told (the reader's recovery may have dropped a broken line): it silences nothing and is not reported.
   */
  readonly severed?: true;
}

/** Whether any of these comments is a suppression directive, or meant as one (they tie findings to the rest of the file). */
export function hasDirectives(comments: readonly Comment[]): boolean {
  return comments.some((comment) => meantAsDirective(comment.text));
}

export interface Suppressed {
  /** The findings no directive silences. */
  readonly kept: readonly Finding[];
  /** unused-suppression findings, not yet configured. */
  readonly unused: readonly Finding[];
  /**
   * The findings whose fixes a comment holds back (Finding.fixesHeldBySuppression), each given as its held copy in
   * `kept`: the caller's lists of the same findings (a LintResult's per-client lists) take the copies, so a finding
   * is the same object in each.
   */
  readonly held: ReadonlyMap<Finding, Finding>;
}

/**
 * Whether the configuration turns a rule off for the node at `path` (no path: anywhere in the file), in which case
 * a directive naming it there cannot be judged: its findings are not computed, and where the rule is on (CI, a
 * teammate's editor) the directive may be needed.
 */
export type RuleOffAt = (ruleId: string, path: NodePath | undefined) => boolean;

/**
 * A finding a comment of this file may have been written for, though only a comment of another place silences it:
 * a finding on a value of a sibling file about a client of this file (shown here when that file is not reported in
 * the run, left to it when it is), a finding of a sibling's client that a value of this file decides (a
 * credentials resource's method), or a finding on a client grant (in a sibling file or in this one) of a client of
 * this file, which a comment above the client does not silence. Made whether or not the other file is reported, so
 * a comment before it gets the same unused-suppression message in a run on the module as in a run on this file
 * alone (engine/lint.ts).
 */
export interface FindingElsewhere {
  readonly ruleId: string;
  /** Where it bears on this file: the client's resource key and the related values in this file. */
  readonly starts: readonly number[];
  /** Where the finding is in the other file: where that file's comment goes. */
  readonly place: OtherFileLocation;
  /** The finding is in this file after all, elsewhere than the comment's target (a client grant of the client). */
  readonly sameFile?: true;
  /**
   * Where the finding is shown in this file, when it is: its start (sameFile), or the client's key for a finding on
   * another file's value shown here (engine/lint.ts placedInFile). A comment told to go where the finding is holds
   * its fixes back (Finding.fixesHeldBySuppression): fixing it would undo what the comment was written to keep.
   */
  readonly shownAt?: number;
}

/**
 * Applies the file's directives to its findings. `mayBeNeeded`: asked only when the file has directives, whether a
 * directive naming a known rule id may be needed though no finding of that rule lies in its scope now (the scope
 * holds a syntax error, or a client whose unknown facts may make the rule fire: lint.ts suppressionJudge); such a
 * directive is not reported unused. `ruleOff`: a directive naming a rule that is off at its target (a
 * `grantlint-disable` comment: anywhere in the file) is not reported unused for that rule. `elsewhere`: the
 * findings only another file's comments silence (FindingElsewhere): a directive naming one of their rules where one
 * bears is told where it is reported, not that there is none. `text`: the file's text, where a directive written at
 * the end of a line holds back the fixes of the findings it names on the line it meant (holdLineEndFixes).
 */
export function applySuppressions(
  parsed: ParsedFile,
  findings: readonly Finding[],
  mayBeNeeded: () => (ruleId: string, scope: Span) => boolean = () => () => false,
  ruleOff: RuleOffAt = () => false,
  elsewhere: readonly FindingElsewhere[] = [],
  text?: string,
): Suppressed {
  const directives = readDirectives(parsed);
  const stray = [...strayDirectiveFindings(parsed), ...nearDirectiveFindings(parsed)];
  if (directives.length === 0) {
    const held = new Map<Finding, Finding>();
    return { kept: holdLineEndFixes(findings, parsed, text, held), unused: stray, held };
  }
  const needed = mayBeNeeded();
  // Per rule id: the scopes naming it, and its findings' starts, each sorted once. A finding is then decided by one
  // binary search over the scopes, a directive by one over the starts: linear in findings plus directives (up to a
  // log factor), however many of each a file has.
  const covers = coversByRule(directives);
  const startsByRule = new Map<string, number[]>();
  const kept = findings.filter((finding) => {
    // A finding on another file's value, shown here: that file's comments decide (silencedIn), not this file's.
    if (finding.fromOtherFile) return true;
    const cover = covers.get(finding.ruleId);
    if (!cover) return true;
    const starts = startsByRule.get(finding.ruleId);
    if (starts) starts.push(finding.span.start);
    else startsByRule.set(finding.ruleId, [finding.span.start]);
    return !cover.contains(finding.span.start);
  });
  for (const starts of startsByRule.values()) starts.sort((a, b) => a - b);
  const otherFile = elsewhereByRule(elsewhere, covers);
  // The findings shown here that a comment told to go where they are may mean (FindingElsewhere.shownAt): by rule
  // id and start, the first such comment's start.
  const misplaced = new Map<string, number>();
  const unused: Finding[] = [...stray];
  directives.forEach((directive) => {
    if (directive.severed) return;
    const where = { span: directive.comment.span, path: [] };
    if (directive.ruleIds.length === 0) {
      unused.push(report(UNUSED_SUPPRESSION, { node: where, message: 'This grantlint-disable comment names no rule: list the rule ids to silence.' }));
    }
    for (const id of directive.ruleIds) {
      if (anyWithin(startsByRule.get(id), directive.scope)) continue;
      if (ruleById(id) && needed(id, directive.scope)) continue;
      if (ruleById(id) && ruleOff(id, directive.kind === 'file' ? undefined : directive.targetPath)) continue;
      const place = directive.kind === 'file' ? 'after this comment' : 'on the next node';
      const reported = firstWithin(otherFile.get(id), directive.scope);
      if (reported) {
        const reportedAt = reported.place;
        // The related place carries the file itself; its message names it as the module's files are named, by their name.
        const message = reported.sameFile ? `The ${id} finding is reported here: disable it here` : `The ${id} finding is in ${fileName(reportedAt.path)}: disable it there`;
        const related = [{ span: directive.comment.span, message, elsewhere: reportedAt }];
        unused.push(report(UNUSED_SUPPRESSION, { node: where, message: otherFileFindingMessage(id, place, placeName(reportedAt)), related }));
        for (const bearing of allWithin(otherFile.get(id), directive.scope)) {
          const key = `${id}\0${bearing.shownAt}`;
          if (bearing.shownAt !== undefined && !misplaced.has(key)) misplaced.set(key, directive.comment.span.start);
        }
        continue;
      }
      const known = ruleById(id) !== undefined;
      const meant = known ? undefined : closestName(id, RULE_IDS);
      const message = known ? `No ${id} finding ${place}; remove it from this grantlint-disable comment.` : unknownIdMessage(id, meant);
      // The id corrected is offered only where it then silences something: else it would silence nothing either.
      const silences = meant !== undefined && findings.some((f) => f.ruleId === meant && !f.fromOtherFile && f.span.start >= directive.scope.start && f.span.start < directive.scope.end);
      unused.push({ ...report(UNUSED_SUPPRESSION, { node: where, message }), unusedRuleId: silences ? { written: id, meant } : { written: id } });
    }
  });
  const held = new Map<Finding, Finding>();
  return { kept: holdLineEndFixes(holdMisplacedFixes(holdMeantFixes(kept, directives, held), misplaced, held), parsed, text, held), unused, held };
}

/**
 * The findings with the fixes held back of each one a directive that silences nothing where it is written (a stray
 * directive: at the end of a line, ESLint's `grantlint-disable-line`, any in JSON) names, in what it may mean: its
 * own line, for a next-line directive the line after too, and the whole client or client grant (the list entry,
 * Terraform resource or JSON document) its line belongs to. The comment silences nothing there, but it was written
 * to keep what the finding is about, so fix all must not remove it (with the comment, when the fix removes its
 * line or the entry holding it); the finding stays reported, its message saying why (Finding.fixesHeldBySuppression,
 * `lineEnd` for a comment after something on its line).
 */
function holdLineEndFixes(findings: readonly Finding[], parsed: ParsedFile, text: string | undefined, held: Map<Finding, Finding>): readonly Finding[] {
  const meant = text === undefined ? [] : strayMeanings(parsed, text);
  if (meant.length === 0) return findings;
  const hold = (finding: Finding, by: StrayMeaning): Finding => {
    const copy = withFixesHeld(finding, by.lineEnd ? { misplaced: true, commentStart: by.commentStart, lineEnd: true } : { misplaced: true, commentStart: by.commentStart });
    held.set(finding, copy);
    return copy;
  };
  const first = findings.map((finding) => {
    // A finding with no fix (an `auth0_client_grant` resource, which no fix removes; one whose fixes an anchor
    // withholds) is marked all the same: its message then names the comment written to keep it, rather than only
    // telling to remove what the comment keeps (U48, U49).
    if (finding.fromOtherFile || finding.fixesHeldBySuppression) return finding;
    const by =
      meaningAt(meant, finding.ruleId, finding.span.start) ??
      (text === undefined ? undefined : meaningThroughCopies(parsed, text, meant, finding.ruleId, finding.span.start)) ??
      // A client grant's finding explains itself at its client (`is_first_party: false`): a comment in that client's
      // entry, at the end of its `name` line, was written to keep it too (U51).
      finding.related.map((r) => meant.find((m) => m.ids.has(finding.ruleId) && m.spans.length > 1 && m.spans[1]!.start <= r.span.start && r.span.start < m.spans[1]!.end)).find((m) => m !== undefined);
    return by ? hold(finding, by) : finding;
  });
  // A fix of another finding on a keep comment's line (removing the item the comment follows) would take the comment
  // with it, and what it keeps would be fixed on the next pass (U51: `- client_credentials  # grantlint-disable-line
  // legacy-grant-type` held the `ro` below, until public-client-credentials removed its line): held too.
  const keeping = new Set([...held.values()].map((copy) => copy.fixesHeldBySuppression!.commentStart));
  if (keeping.size === 0 || text === undefined) return first;
  return first.map((finding) => {
    if (finding.fromOtherFile || finding.fixesHeldBySuppression || finding.fixes.length === 0) return finding;
    const lineEnd = text.indexOf('\n', finding.span.end);
    const by = meant.find((m) => keeping.has(m.commentStart) && m.lineEnd && m.commentStart >= finding.span.end && (lineEnd < 0 || m.commentStart < lineEnd));
    return by ? hold(finding, by) : finding;
  });
}

/** What a stray directive (holdLineEndFixes) may mean: the rule ids it names and the spans it names them in. */
interface StrayMeaning {
  readonly ids: ReadonlySet<string>;
  readonly spans: readonly Span[];
  readonly commentStart: number;
  /** The comment is after something on its line (not a JSON comment on a line of its own). */
  readonly lineEnd: boolean;
}

const strayMeaningsOf = new WeakMap<ParsedFile, readonly StrayMeaning[]>();

/** The stray directives of a parse of `text` and what each may mean, worked out once per parse. */
function strayMeanings(parsed: ParsedFile, text: string): readonly StrayMeaning[] {
  const known = strayMeaningsOf.get(parsed);
  if (known) return known;
  const meant: StrayMeaning[] = [];
  for (const comment of parsed.strayDirectives ?? []) {
    const match = DIRECTIVE.exec(comment.text);
    const eslint = match ? undefined : ESLINT_DISABLE_LINE.exec(comment.text);
    if (!match && !eslint) continue;
    const ids = new Set(idsIn(match ? (match[2] ?? '') : (eslint![1] ?? '')));
    // Its own line before it; a next-line directive's, the line after too (ESLint reads it so; its author may not).
    const from = text.lastIndexOf('\n', comment.span.start - 1) + 1;
    let to = comment.span.start;
    const lf = match?.[1] ? text.indexOf('\n', comment.span.end) : -1;
    if (lf >= 0) {
      const next = text.indexOf('\n', lf + 1);
      to = next < 0 ? text.length : next;
    }
    const lineEnd = text.slice(from, comment.span.start).trim() !== '';
    const entry = entryOfComment(parsed, text, comment.span.start);
    meant.push({ ids, spans: entry ? [{ start: from, end: to }, entry] : [{ start: from, end: to }], commentStart: comment.span.start, lineEnd });
  }
  strayMeaningsOf.set(parsed, meant);
  return meant;
}

function meaningAt(meant: readonly StrayMeaning[], ruleId: string, offset: number): StrayMeaning | undefined {
  return meant.find((m) => means(m, ruleId, offset));
}

/** Whether a stray directive may mean a finding of `ruleId` at `offset`: it names the rule, on its line or entry. */
function means(m: StrayMeaning, ruleId: string, offset: number): boolean {
  return m.ids.has(ruleId) && m.spans.some((span) => span.start <= offset && offset < span.end);
}

/**
 * A stray directive naming `ruleId` in YAML anchored text that the client or client grant holding `offset` takes
 * through an alias or merge key (U47, U49: `- <<: *grant` takes the anchored grant's `audience:` line, keep comment
 * and all; a comment after `- &grant` or `x-grants: &list` is on the anchored text's first line): the comment was
 * written to keep what the anchored text says, wherever it is used. The anchored text runs from its `&name` line to
 * its last line; the entry takes it when it resolves any value or key from it (a key the entry overrides is not
 * taken, but the rest of that anchor is). A comment on a line of its own of a copy holds too (its line is copied).
 */
function meaningThroughCopies(parsed: ParsedFile, text: string, meant: readonly StrayMeaning[], ruleId: string, offset: number): StrayMeaning | undefined {
  if (parsed.format !== 'yaml' || !parsed.anchors?.length) return undefined;
  const naming = meant.filter((m) => m.ids.has(ruleId));
  if (naming.length === 0) return undefined;
  const entry = entryNodeAt(parsed, offset);
  if (!entry) return undefined;
  const regions = naming.map((m) => ({ meaning: m, spans: [m.spans[0]!, ...anchoredTextsHolding(parsed, text, m.commentStart)] }));
  const from = (at: number) => regions.find((r) => r.spans.some((span) => span.start <= at && at < span.end))?.meaning;
  const visit = (value: ValueNode): StrayMeaning | undefined => {
    if (value.origin && value.kind !== 'object' && value.kind !== 'array') return from(value.origin.start);
    if (value.kind === 'array') {
      for (const item of value.items) {
        const found = visit(item);
        if (found) return found;
      }
    } else if (value.kind === 'object') {
      for (const prop of resolvedProps(value)) {
        const found = (prop.source && from(prop.source.keySpan.start)) || visit(prop.value);
        if (found) return found;
      }
    }
    return undefined;
  };
  return visit(entry);
}

/** The anchored texts (from the start of the `&name` line to the end of the node's last line) holding `at`. */
function anchoredTextsHolding(parsed: ParsedFile, text: string, at: number): Span[] {
  const found: Span[] = [];
  for (const anchor of parsed.anchors ?? []) {
    const start = text.lastIndexOf('\n', anchor.span.start - 1) + 1;
    const last = Math.max(anchor.span.end, anchor.node.end - 1);
    const lf = text.indexOf('\n', last);
    const end = lf < 0 ? text.length : lf;
    if (start <= at && at < end) found.push({ start, end });
  }
  return found;
}

/**
 * The start of a stray directive of `parsed` (the parse of `text`) that names `ruleId` where `offset` is (its line,
 * or the client or client grant it is in: holdLineEndFixes), if any: a finding of another file about the value at
 * `offset` (a Terraform client's method in credentials.tf) keeps no fix while the comment may mean it.
 */
export function strayDirectiveNaming(parsed: ParsedFile, text: string, ruleId: string, offset: number): number | undefined {
  return meaningAt(strayMeanings(parsed, text), ruleId, offset)?.commentStart;
}

/**
 * Whether `finding`'s fixes are held by the comment starting at `start` (an offset of the finding's own file), not by
 * one in another file of its module (FixesHeldBySuppression).
 */
export function heldByCommentAt(finding: Finding, start: number): boolean {
  const held = finding.fixesHeldBySuppression;
  return held !== undefined && held.commentStart === start && !('otherFile' in held && held.otherFile !== undefined);
}

/**
 * The starts of every stray directive of `parsed` (the parse of `text`) that names `ruleId` where `offset` is, in
 * file order: the comments a "Disable <rule> for this client" replaces (service/suppress.ts).
 */
export function strayDirectivesNaming(parsed: ParsedFile, text: string, ruleId: string, offset: number): number[] {
  return strayMeanings(parsed, text)
    .filter((m) => means(m, ruleId, offset))
    .map((m) => m.commentStart);
}

/**
 * The client or client grant (entryAt) whose lines a comment starting at `commentStart` is on: the entry holding
 * what its line starts with, else the one holding the comment (after a Terraform block's `{`), else, after a lone
 * YAML `-` (`- # …` or `- &anchor # …`, the entry's first line), the entry starting on the next line. Offsets are
 * UTF-16 code units of `text`; undefined outside any entry.
 */
export function entryOfComment(parsed: ParsedFile, text: string, commentStart: number): Span | undefined {
  const lineStart = text.lastIndexOf('\n', commentStart - 1) + 1;
  const content = contentStart(text, lineStart);
  const entry = entryAt(parsed, content) ?? entryAt(parsed, commentStart);
  // Between the `-` and the comment, at most the value's anchor or tag (`- &grant # …`), which start no node here.
  if (entry || parsed.format !== 'yaml' || !/^(?:[&!]\S*[ \t]+)*$/.test(text.slice(content, commentStart)) || !/-[ \t]*$/.test(text.slice(lineStart, content))) return entry;
  const lineEnd = text.indexOf('\n', commentStart);
  if (lineEnd < 0) return undefined;
  const next = /\S/.exec(text.slice(lineEnd))?.index;
  return next === undefined ? undefined : entryAt(parsed, lineEnd + next);
}

/** Where a line's content starts: after its indentation and any YAML `- ` sequence entries. */
function contentStart(text: string, lineStart: number): number {
  let at = lineStart;
  for (;;) {
    while (text[at] === ' ' || text[at] === '\t') at++;
    if (text[at] !== '-' || (text[at + 1] !== ' ' && text[at + 1] !== '\t')) return at;
    at++;
  }
}

/**
 * The client or client grant a place of the file belongs to, as the span of its object: the innermost list entry,
 * Terraform `resource` or `data` block, or document (a JSON or YAML document that is one client) holding `offset`.
 * Undefined outside any (a Terraform file's top level, a tenant's top-level keys, between YAML documents).
 */
export function entryAt(parsed: ParsedFile, offset: number): Span | undefined {
  const found = entryWalk(parsed, offset);
  return found && (found.node && found.node !== found.root ? { start: found.node.start, end: found.node.end } : found.document);
}

/** The object of the client or client grant holding `offset` (entryAt), the root of a document that is one. */
function entryNodeAt(parsed: ParsedFile, offset: number): ObjectNode | undefined {
  return entryWalk(parsed, offset)?.node;
}

function entryWalk(parsed: ParsedFile, offset: number): { readonly node: ObjectNode; readonly root: ValueNode; readonly document: Span } | undefined {
  const document = parsed.documents.find((d) => d.root && d.span.start <= offset && offset < Math.max(d.span.end, d.span.start + 1));
  if (!document?.root) return undefined;
  // A document that is one client (a Management API payload) is an entry; a tenant (`clients:`, `clientGrants:`) is
  // not: a comment in its top-level anchors or settings belongs to no client.
  const root = document.root;
  const tenant = root.kind === 'object' && root.props.some((prop) => prop.key === 'clients' || prop.key === 'clientGrants');
  let entry: ObjectNode | undefined = parsed.format !== 'hcl' && root.kind === 'object' && !tenant ? root : undefined;
  let node: ValueNode | undefined = document.root;
  while (node) {
    if (node.kind === 'object' && isEntry(node.path, parsed.format)) entry = node;
    node = childAt(node, offset);
  }
  return entry && { node: entry, root, document: document.span };
}

function isEntry(path: NodePath, format: ParsedFile['format']): boolean {
  if (typeof path[path.length - 1] === 'number') return true;
  return format === 'hcl' && path.length === 3 && (path[0] === 'resource' || path[0] === 'data');
}

/** The value of `node` (a prop's value, an item) whose place holds `offset`, from its key to its end. */
function childAt(node: ValueNode, offset: number): ValueNode | undefined {
  if (node.kind === 'array') return node.items.find((item) => item.start <= offset && offset < Math.max(item.end, item.start + 1));
  if (node.kind !== 'object') return undefined;
  return node.props.find((prop) => prop.keySpan.start <= offset && offset < Math.max(propSpan(prop).end, prop.keySpan.end))?.value;
}

/**
 * The findings with the fixes held back of each one a comment naming its rule may mean though it silences nothing
 * (`misplaced`: by rule id and start, the comment's start; applySuppressions): the comment is told where the finding
 * is, and until it is moved there, fixing the finding would undo what it was written to keep. A finding a
 * misspelt comment holds already keeps that reason.
 */
function holdMisplacedFixes(findings: readonly Finding[], misplaced: ReadonlyMap<string, number>, held: Map<Finding, Finding>): readonly Finding[] {
  if (misplaced.size === 0) return findings;
  return findings.map((finding) => {
    const commentStart = misplaced.get(`${finding.ruleId}\0${finding.span.start}`);
    if (commentStart === undefined || finding.fixesHeldBySuppression) return finding;
    const copy = withFixesHeld(finding, { misplaced: true, commentStart });
    held.set(finding, copy);
    return copy;
  });
}

/** Where each finding of `elsewhere` bears on this file, by rule (only the rules a directive names), sorted. */
function elsewhereByRule(elsewhere: readonly FindingElsewhere[], covers: ReadonlyMap<string, ScopeCover>): Map<string, ElsewhereStart[]> {
  const byRule = new Map<string, ElsewhereStart[]>();
  for (const finding of elsewhere) {
    if (!covers.has(finding.ruleId)) continue;
    let list = byRule.get(finding.ruleId);
    if (!list) byRule.set(finding.ruleId, (list = []));
    const shownAt = finding.shownAt === undefined ? {} : { shownAt: finding.shownAt };
    for (const start of finding.starts) list.push({ start, place: finding.place, ...(finding.sameFile ? { sameFile: true as const } : {}), ...shownAt });
  }
  // By start, then by the place in the other file: the place named does not depend on the order clients were read.
  const order = (a: OtherFileLocation, b: OtherFileLocation) => a.path.localeCompare(b.path) || a.start.line - b.start.line || a.start.character - b.start.character;
  for (const list of byRule.values()) list.sort((a, b) => a.start - b.start || order(a.place, b.place));
  return byRule;
}

/** Where a finding of another place bears on a file (FindingElsewhere.starts), one entry per start. */
interface ElsewhereStart {
  readonly start: number;
  readonly place: OtherFileLocation;
  readonly sameFile?: true;
  readonly shownAt?: number;
}

/** The first entry of a sorted list whose start lies in [scope.start, scope.end). */
function firstWithin(sorted: readonly ElsewhereStart[] | undefined, scope: Span): ElsewhereStart | undefined {
  if (!sorted) return undefined;
  const first = sorted[countBefore(sorted.length, (i) => sorted[i]!.start < scope.start)];
  return first && first.start < scope.end ? first : undefined;
}

/** The entries of a sorted list whose start lies in [scope.start, scope.end). */
function allWithin(sorted: readonly ElsewhereStart[] | undefined, scope: Span): readonly ElsewhereStart[] {
  if (!sorted) return [];
  const out: ElsewhereStart[] = [];
  for (let i = countBefore(sorted.length, (j) => sorted[j]!.start < scope.start); i < sorted.length && sorted[i]!.start < scope.end; i++) out.push(sorted[i]!);
  return out;
}

/**
 * A place in another file of the module as a message names it: `credentials.tf:37:27`. A comment can only be in a
 * Terraform module's HCL file, and a module's files share its folder, so the file's name says which; it is what
 * the CLI names from the module's folder too (cli/report.ts).
 */
function placeName(place: OtherFileLocation): string {
  return `${fileName(place.path)}:${place.start.line + 1}:${place.start.character + 1}`;
}

/** A path's last part: the name a module's or tenant's file goes by beside its siblings. */
function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/**
 * The unused-suppression message of a directive naming rule `id` whose finding in its scope (`place`: 'on the next
 * node' or 'after this comment') only a comment of another file silences: it is reported there, at `where`
 * (`credentials.tf:37:27`, where a comment before it silences it), named when the message has room for it. Within MAX_MESSAGE_LENGTH for every rule id.
 */
export function otherFileFindingMessage(id: string, place: string, where?: string): string {
  const placed = where === undefined
    ? []
    : [
        `The ${id} finding ${place} is reported at ${where}: only a grantlint-disable comment there silences it.`,
        `The ${id} finding ${place} is reported at ${where}: only a comment there silences it.`,
        `The ${id} finding ${place} is reported at ${where}; disable it there.`,
      ];
  const fitting = placed.find((message) => message.length <= MAX_MESSAGE_LENGTH);
  if (fitting !== undefined) return fitting;
  return fitsNames(
    [
      (rule) => `The ${rule} finding ${place} is about a value in another file: only a grantlint-disable comment there silences it.`,
      (rule) => `The ${rule} finding ${place} is about a value in another file: only a comment there silences it.`,
      (rule) => `The ${rule} finding ${place} is about another file's value; disable it there.`,
    ],
    [id],
  );
}

/** A directive's id that names no rule but most likely means one: where it applies, the id written. */
interface MisspeltId {
  readonly scope: Span;
  readonly commentStart: number;
  readonly written: string;
}

/**
 * The findings with the fixes held back of each one a directive covers with a misspelling of its rule's id (the
 * did-you-mean of unknownIdMessage): the comment was written to keep what the finding is about, so fix all must not
 * remove it; the finding stays reported, its message saying why (Finding.fixesHeldBySuppression). A finding on
 * another file's value is left to that file's comments, as its suppression is.
 */
function holdMeantFixes(findings: readonly Finding[], directives: readonly Directive[], held: Map<Finding, Finding>): readonly Finding[] {
  const byMeant = new Map<string, MisspeltId[]>();
  for (const directive of directives) {
    if (directive.severed) continue;
    for (const id of new Set(directive.ruleIds)) {
      if (ruleById(id)) continue;
      const meant = closestName(id, RULE_IDS);
      if (meant === undefined) continue;
      const entry = { scope: directive.scope, commentStart: directive.comment.span.start, written: id };
      const list = byMeant.get(meant);
      if (list) list.push(entry);
      else byMeant.set(meant, [entry]);
    }
  }
  if (byMeant.size === 0) return findings;
  return findings.map((finding) => {
    if (finding.fromOtherFile) return finding;
    // Misspelt directives are few: a scan of those naming this rule is enough.
    const by = byMeant.get(finding.ruleId)?.find((m) => m.scope.start <= finding.span.start && finding.span.start < m.scope.end);
    if (!by) return finding;
    const copy = withFixesHeld(finding, { commentStart: by.commentStart, written: by.written });
    held.set(finding, copy);
    return copy;
  });
}

/**
 * The finding without any fix or note about one (none is offered), marked as held by a suppression comment that may
 * mean it (Finding.fixesHeldBySuppression): misspelt here, or misplaced (here or in another file: engine/lint.ts).
 */
export function withFixesHeld(finding: Finding, by: FixesHeldBySuppression): Finding {
  const {
    preferredFix: _preferred,
    preferredFixElsewhere: _elsewhere,
    fixesElsewhere: _fixesElsewhere,
    fixesWithheldByAnchor: _anchor,
    preferredFixWithheldByAnchor: _preferredAnchor,
    safeFixWithheld: _safe,
    preferredFixRaises: _raises,
    ...rest
  } = finding;
  return { ...rest, fixes: [], fixesHeldBySuppression: by };
}

/**
 * The message for a rule id no rule has: the id meant where one is close (a did-you-mean, as the config file and
 * `--rule` give), else to fix or remove it.
 */
function unknownIdMessage(id: string, meant: string | undefined): string {
  if (meant === undefined) return withValue('Unknown rule id ', id, ' in this grantlint-disable comment; fix the id or remove it.');
  // The id written is the point: the words around it go before it is clipped (the finding is on the comment).
  const full = `Unknown rule id '${id}' in this grantlint-disable comment; did you mean '${meant}'?`;
  return full.length <= MAX_MESSAGE_LENGTH ? full : withValue('Unknown rule id ', id, `; did you mean '${meant}'?`);
}

/**
 * A suppression comment where none can be (ParsedFile.strayDirectives): it silences nothing, which is said, with
 * the rule meant when it names an unknown id close to one (moved where it works, or to overrides, it must be right).
 */
function strayDirectiveFindings(parsed: ParsedFile): Finding[] {
  const json = parsed.format === 'json';
  const plain = json
    ? 'JSON takes no grantlint-disable comments: this one silences nothing; use overrides in .grantlintrc.json.'
    : 'A grantlint-disable comment at the end of a line silences nothing: put it on its own line before its node.';
  // With a did-you-mean, shorter ways to say it, longest first: the first that leaves room for it is taken.
  const shorter = json
    ? ['JSON takes no grantlint-disable comments: use overrides in .grantlintrc.json', 'JSON takes no grantlint-disable comments (see overrides)']
    : ["A grantlint-disable comment at a line's end silences nothing: put it on its own line", "A grantlint-disable comment at a line's end silences nothing"];
  return (parsed.strayDirectives ?? []).map((comment) => {
    // A directive word that is none (`grantlint-disable-line`, ESLint's): named, with the one to write instead.
    const near = !json && !DIRECTIVE.test(comment.text) ? NEAR_DIRECTIVE.exec(comment.text)?.[1] : undefined;
    if (near !== undefined) {
      return report(UNUSED_SUPPRESSION, { node: { span: comment.span, path: [] }, message: withValue('', near, " at a line's end silences nothing: write grantlint-disable-next-line on its own line.") });
    }
    const meant = firstMeant(comment.text);
    const didYouMean = `; did you mean '${meant}'?`;
    const message = meant === undefined ? plain : `${shorter.find((w) => w.length + didYouMean.length <= MAX_MESSAGE_LENGTH) ?? shorter.at(-1)!}${didYouMean}`;
    return report(UNUSED_SUPPRESSION, { node: { span: comment.span, path: [] }, message });
  });
}

/** The rule meant by the first id of a directive's text that names no rule but is close to one. */
function firstMeant(text: string): string | undefined {
  const match = DIRECTIVE.exec(text);
  if (!match) return undefined;
  for (const id of directiveIds(match)) {
    if (ruleById(id)) continue;
    const meant = closestName(id, RULE_IDS);
    if (meant !== undefined) return meant;
  }
  return undefined;
}

/** The rule ids a directive lists (DIRECTIVE's match), before any `-- reason`, split at spaces and commas. */
function directiveIds(match: RegExpExecArray): string[] {
  return idsIn(match[2] ?? '');
}

/** A comment meant as a directive but written as none (NEAR_DIRECTIVE): it silences nothing, which is said. */
function nearDirectiveFindings(parsed: ParsedFile): Finding[] {
  const found: Finding[] = [];
  for (const comment of parsed.comments) {
    if (DIRECTIVE.test(comment.text)) continue;
    // In a comment of several lines, a directive starting a later line (after prose, or `*` as block comments
    // are often laid out) is meant as one too.
    const written = NEAR_DIRECTIVE.exec(comment.text)?.[1] ?? (comment.text.includes('\n') ? LATER_LINE_DIRECTIVE.exec(comment.text)?.[1] : undefined);
    if (!written) continue;
    // A directive written right in a comment of several lines (an HCL `/* */` block): a directive is one line.
    const message = WHOLE_DIRECTIVE.test(written)
      ? withValue('', written, ' in a comment of several lines silences nothing: write the directive on a line of its own.')
      : withValue('', written, ' silences nothing: the directives are grantlint-disable-next-line and grantlint-disable.');
    found.push(report(UNUSED_SUPPRESSION, { node: { span: comment.span, path: [] }, message }));
  }
  return found;
}

/**
 * The directive that silences a finding of `ruleId` starting at `offset` (a file offset), or undefined: its comment
 * (whose span gives its line) and kind. For hover, which explains a grant whose finding no diagnostic shows.
 */
export function suppressionOf(parsed: ParsedFile, ruleId: string, offset: number): { readonly comment: Comment; readonly kind: 'next-line' | 'file' } | undefined {
  return readDirectives(parsed).find((d) => d.ruleIds.includes(ruleId) && d.scope.start <= offset && offset < d.scope.end);
}

/** Whether a sorted list of offsets has one in [scope.start, scope.end). */
function anyWithin(sortedStarts: readonly number[] | undefined, scope: Span): boolean {
  if (!sortedStarts) return false;
  const first = countBefore(sortedStarts.length, (i) => sortedStarts[i]! < scope.start);
  return first < sortedStarts.length && sortedStarts[first]! < scope.end;
}

/**
 * Whether a suppression comment of a parsed file silences `ruleId` at `offset` of that file: for a finding on a value
 * of that file shown on another file linted without it (engine/lint.ts placedInFile), which that file's comments
 * silence as they would in a run on both. Reads the file's directives (cached per parse: one scan per file).
 */
export function silencedIn(parsed: ParsedFile, ruleId: string, offset: number): boolean {
  let byRule = coversByParse.get(parsed);
  if (!byRule) coversByParse.set(parsed, (byRule = coversByRule(readDirectives(parsed))));
  return byRule.get(ruleId)?.contains(offset) === true;
}

/** Whether some suppression comment of a parsed file names rule `ruleId` (read once per parse, as silencedIn). */
export function namesRule(parsed: ParsedFile, ruleId: string): boolean {
  let byRule = coversByParse.get(parsed);
  if (!byRule) coversByParse.set(parsed, (byRule = coversByRule(readDirectives(parsed))));
  return byRule.has(ruleId);
}

const coversByParse = new WeakMap<ParsedFile, ReadonlyMap<string, ScopeCover>>();

/** Per rule id, the scopes of the directives naming it, ready for lookups (each scope once per directive). */
function coversByRule(directives: readonly Directive[]): Map<string, ScopeCover> {
  const scopesByRule = new Map<string, Span[]>();
  for (const directive of directives) {
    for (const id of new Set(directive.ruleIds)) {
      const scopes = scopesByRule.get(id);
      if (scopes) scopes.push(directive.scope);
      else scopesByRule.set(id, [directive.scope]);
    }
  }
  const covers = new Map<string, ScopeCover>();
  for (const [id, scopes] of scopesByRule) covers.set(id, new ScopeCover(scopes));
  return covers;
}

/**
 * Which offsets some of a set of scopes contains (start inclusive, end exclusive): scopes sorted by start, with the
 * furthest end reached by any scope starting at or before each one. Scopes may nest, overlap or be empty.
 */
class ScopeCover {
  private readonly starts: number[];
  private readonly furthestEnds: number[];

  constructor(scopes: readonly Span[]) {
    const sorted = [...scopes].sort((a, b) => a.start - b.start);
    this.starts = sorted.map((scope) => scope.start);
    this.furthestEnds = [];
    let furthest = Number.NEGATIVE_INFINITY;
    for (const scope of sorted) this.furthestEnds.push((furthest = Math.max(furthest, scope.end)));
  }

  contains(offset: number): boolean {
    const after = countBefore(this.starts.length, (i) => this.starts[i]! <= offset);
    return after > 0 && this.furthestEnds[after - 1]! > offset;
  }
}

function readDirectives(parsed: ParsedFile): Directive[] {
  const directives: Directive[] = [];
  let nodeStarts: NodeExtent[] | undefined;
  for (const comment of parsed.comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const ruleIds = directiveIds(match);
    if (match[1]) {
      nodeStarts ??= collectExtents(parsed);
      const found = nodeAfter(nodeStarts, comment.span.end);
      const severed = found !== undefined && parsed.errors.some((e) => !e.exact && e.span.start >= comment.span.end && e.span.start < found.start);
      const target = severed ? undefined : found;
      const scope = target ?? { start: comment.span.end, end: comment.span.end };
      directives.push({ comment, kind: 'next-line', ruleIds, target: target && { start: target.start, end: target.end }, targetPath: target?.path ?? [], scope, ...(severed ? { severed: true as const } : {}) });
    } else {
      directives.push({ comment, kind: 'file', ruleIds, target: undefined, targetPath: [], scope: { start: comment.span.end, end: Number.MAX_SAFE_INTEGER } });
    }
  }
  return directives;
}

/** A `grantlint-disable-next-line` comment and the extent of the node it silences (undefined when none follows). */
export interface NextLineDirective {
  readonly comment: Comment;
  readonly target: Span | undefined;
}

/**
 * The file's `grantlint-disable-next-line` comments, in file order, each with its target as applySuppressions
 * finds it: the widest node starting first after the comment. Fixes use it to keep each directive on its node.
 */
export function nextLineDirectives(parsed: ParsedFile): NextLineDirective[] {
  return readDirectives(parsed).filter((directive) => directive.kind === 'next-line');
}

interface NodeExtent {
  readonly start: number;
  readonly end: number;
  /** The node's path (a property: its value's). */
  readonly path: NodePath;
}

/**
 * The widest node (key-value pair, list item, scalar or flow collection) starting at each offset, sorted by start.
 * A block collection's own extent is left out: it starts where its first entry does, and a comment there is
 * about that entry, not the whole list or mapping.
 */
function collectExtents(parsed: ParsedFile): NodeExtent[] {
  const widest = new Map<number, NodeExtent>();
  const add = (start: number, end: number, path: NodePath) => {
    if ((widest.get(start)?.end ?? -1) < end) widest.set(start, { start, end, path });
  };
  // An explicit stack rather than recursion: the walk must not depend on how deep the file nests.
  const stack: [ValueNode, boolean][] = [];
  for (const doc of parsed.documents) if (doc.root) stack.push([doc.root, false]);
  while (stack.length > 0) {
    const [node, isListItem] = stack.pop()!;
    const isBlockCollection = (node.kind === 'object' || node.kind === 'array') && !node.flow;
    if (isListItem || !isBlockCollection) add(node.start, node.end, node.path);
    if (node.kind === 'object') {
      for (const prop of node.props) {
        add(prop.keySpan.start, propSpan(prop).end, prop.value.path);
        stack.push([prop.value, false]);
      }
    } else if (node.kind === 'array') {
      for (const item of node.items) stack.push([item, true]);
    }
  }
  return [...widest.values()].sort((a, b) => a.start - b.start);
}

/**
 * What a `grantlint-disable-next-line` comment would silence if written on a line of its own just before `offset`
 * (the start of a line of `parsed`'s text): the extent of the node it would be tied to, as readDirectives finds
 * it; undefined when no node follows. For quick fixes that move a directive written where it silences nothing.
 */
export function nextLineScopeAt(parsed: ParsedFile, offset: number): Span | undefined {
  const found = nodeAfter(collectExtents(parsed), offset);
  return found && { start: found.start, end: found.end };
}

function nodeAfter(extents: readonly NodeExtent[], offset: number): NodeExtent | undefined {
  return extents[countBefore(extents.length, (i) => extents[i]!.start < offset)];
}
