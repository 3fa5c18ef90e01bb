/**
 * Findings as plain, position-based reports, with every fix already rendered to text edits, so code actions can
 * be answered from a diagnostic alone without linting again.
 */
import { messageWithNotes } from './finding-message';
import type { Finding, Fix, LintFinding, ParseError, SemanticEdit, Severity, Span } from '../engine/index';
import { EditRenderer, isSafeFix, LineIndex } from '../engine/index';
import { ElsewhereRenderer } from '../engine/fix/render-elsewhere';
import { capFindings } from '../engine/cap';
import { PARSE_ERROR } from '../engine/rules/index';
import type { Analysis } from './analysis';
import { ruleDocsUri } from './docs-location';
import { clientAt, clientExtent } from './locate';
import { spanToRange, toRangeEdit } from './positions';
import { disableComment, type DisableTarget } from './suppress';
import { unusedIdFixes } from './unused-suppression-fixes';
import { lineEndDirectiveFixes } from './line-end-directive-fixes';
import type { Range, RangeEdit } from './types';

export interface RenderedFix {
  readonly title: string;
  /** The edits of the finding's own file (a fix across files may have none here). */
  readonly edits: readonly RangeEdit[];
  /** Whether fix-on-save and "Fix all safe problems" apply it (engine isSafeFix). */
  readonly safe: boolean;
  /** The rule's preferred fix (engine Finding.preferredFix): an editor marks it preferred; at most one per finding. */
  readonly preferred: boolean;
  /**
   * A fix across files (engine Finding.fixesElsewhere): the edits of each other file of the project, rendered
   * against the text that `stamp` fingerprints (textStamp). Quick fixes only: fix all never takes one.
   */
  readonly elsewhere?: readonly OtherFileEdits[];
}

/** One other file's part of a fix across files. */
export interface OtherFileEdits {
  /** Absolute path. */
  readonly path: string;
  readonly edits: readonly RangeEdit[];
  /** textStamp of the text the edits were made for: they apply only while the file still holds it. */
  readonly stamp: string;
}

/**
 * A fingerprint of a text (its length and FNV-1a hash of its UTF-16 code units): an edit made for a text applies
 * only while a file still holds the same text. Not a security measure: a user's own files.
 */
export function textStamp(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${text.length}:${(hash >>> 0).toString(16)}`;
}

/** How the editor's list of findings is chosen. */
export interface ReportOptions {
  /**
   * Whether JSON syntax errors are reported. Editors validate JSON syntax themselves, so by default an open JSON
   * document leaves them to the editor (YAML keeps them: VS Code has no YAML validation of its own). Only plain
   * syntax errors (ParseError.plainJsonSyntax) are left: a duplicate key (a warning in VS Code, nothing in a bare
   * LSP client), a comment or trailing comma that JSON.parse or Terraform refuses (JSONC accepts them), a byte order
   * mark and a refusal at a limit fail the CLI but no editor reports them as errors, so they are always reported.
   */
  readonly jsonSyntaxErrors?: boolean;
  /** Offset of the last edit: the findings of the client around it survive the editor cap (engine/cap.ts). */
  readonly editedAt?: number;
}

/** Related information: in the finding's file, or (`path`) in another file of its project. */
export interface RelatedReport {
  readonly range: Range;
  readonly message: string;
  /** Absolute path of the other file the range is in; absent for the finding's own file. */
  readonly path?: string;
}

export interface FindingReport {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly related: readonly RelatedReport[];
  readonly deprecated: boolean;
  /** The rule's page: `file:` URI of the bundled page, or its repository URL (service/docs-location.ts). */
  readonly docsUrl: string;
  readonly fixes: readonly RenderedFix[];
  /** The comments that silence this rule for the finding's client or client grant (YAML, HCL); undefined when none can. */
  readonly disable: readonly RangeEdit[] | undefined;
  /** What `disable` covers, for the action's title. */
  readonly disableTarget: DisableTarget | undefined;
  /** unused-suppression: remove or correct the rule id in its comment (service/unused-suppression-fixes.ts). */
  readonly commentFixes?: readonly RenderedCommentFix[];
}

/** A quick fix that edits a grantlint-disable comment (never an engine fix: fix all and --fix leave it). */
export interface RenderedCommentFix {
  readonly title: string;
  readonly edits: readonly RangeEdit[];
  readonly preferred: boolean;
}

/** The findings the editor shows: capped per file (engine/cap.ts), each with its fixes rendered. */
export function reportFindings(analysis: Analysis, options: ReportOptions = {}): FindingReport[] {
  return new FindingReports().report(analysis, options);
}

/** How many reports have at least one safe fix: "Fix all safe problems" is offered from two on. */
export function countSafelyFixable(reports: readonly FindingReport[]): number {
  let count = 0;
  for (const report of reports) if (report.fixes.some((fix) => fix.safe && !fix.elsewhere)) count++;
  return count;
}

/** The findings the editor shows for an analysis, before rendering: plain JSON syntax errors dropped unless asked for. */
function shownFindings(analysis: Analysis, options: ReportOptions): readonly LintFinding[] {
  const findings = analysis.result.findings;
  if (analysis.format !== 'json' || options.jsonSyntaxErrors === true) return findings;
  const left = editorsSyntaxErrors(analysis.result.parsed.errors);
  if (left.size === 0) return findings;
  return findings.filter((f) => f.ruleId !== PARSE_ERROR.id || !left.has(placeKey(f.span)));
}

/**
 * The places (placeKey) of the parse errors an editor's own JSON support reports as errors: plain syntax errors,
 * where no other error, which it would not report, was met at the same place (reported-parse-errors.ts keeps one per place).
 */
function editorsSyntaxErrors(errors: readonly ParseError[]): ReadonlySet<string> {
  const plain = new Set<string>();
  const other = new Set<string>();
  for (const error of errors) (error.plainJsonSyntax ? plain : other).add(placeKey(error.span));
  for (const place of other) plain.delete(place);
  return plain;
}

function placeKey(span: Span): string {
  return `${span.start}:${span.end}`;
}

/** The extent of the client around the last edit, whose findings the cap keeps. */
function editedClient(analysis: Analysis, options: ReportOptions): Span | undefined {
  if (options.editedAt === undefined) return undefined;
  const client = clientAt(analysis.result, options.editedAt);
  return client && clientExtent(client);
}

/**
 * Reports for successive analyses of one document. A finding the previous analysis also had keeps its report;
 * one that only moved (Analysis.moved) gets its old report moved by the same number of lines. So after an edit
 * only the edited client's findings are rendered again, not every finding of a large tenant.
 */
export class FindingReports {
  private cache = new WeakMap<Finding, FindingReport>();

  report(analysis: Analysis, options: ReportOptions = {}): FindingReport[] {
    let renderer: RenderCache | undefined;
    const cache = new WeakMap<Finding, FindingReport>();
    const shown = capFindings(shownFindings(analysis, options), analysis.settings, { keep: editedClient(analysis, options) });
    const reports = shown.map((finding) => {
      let report = this.cache.get(finding);
      if (!report && analysis.moved) {
        const from = analysis.moved.from.get(finding);
        const old = from && this.cache.get(from);
        if (old) report = moveReport(old, analysis.moved.lines);
      }
      if (!report) {
        renderer ??= { renderer: new EditRenderer(analysis.text, analysis.format, analysis.result.parsed), byEdits: new Map(), elsewhere: undefined };
        report = reportFinding(analysis, renderer, finding);
      }
      cache.set(finding, report);
      return report;
    });
    // Only this analysis's findings are kept: the next one is made from it.
    this.cache = cache;
    return reports;
  }
}

function moveReport(report: FindingReport, lines: number): FindingReport {
  if (lines === 0) return report;
  const range = (r: Range): Range => ({ start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } });
  const edit = (e: RangeEdit): RangeEdit => ({ range: range(e.range), newText: e.newText });
  return {
    ...report,
    range: range(report.range),
    related: report.related.map((r) => (r.path === undefined ? { range: range(r.range), message: r.message } : r)),
    // A fix across files keeps its other files' edits as they are: only this document's lines moved.
    fixes: report.fixes.map((fix) => ({ ...fix, edits: fix.edits.map(edit) })),
    disable: report.disable?.map(edit),
    ...(report.commentFixes ? { commentFixes: report.commentFixes.map((fix) => ({ ...fix, edits: fix.edits.map(edit) })) } : {}),
  };
}

/**
 * A renderer with each fix's edits rendered once: copies of a repeated grant share one removal (rules/helpers.ts),
 * which rendered per finding would cost the list once per copy.
 */
interface RenderCache {
  readonly renderer: EditRenderer;
  readonly byEdits: Map<readonly SemanticEdit[], readonly RangeEdit[]>;
  /** Fixes across files, made when a finding first has one. */
  elsewhere: { readonly renderer: ElsewhereRenderer; readonly lines: Map<string, LineIndex>; readonly stamps: Map<string, string> } | undefined;
}

function reportFinding(analysis: Analysis, cache: RenderCache, finding: LintFinding): FindingReport {
  const lines = analysis.lines;
  const fixes: RenderedFix[] = [];
  for (const fix of finding.fixes) {
    let edits = cache.byEdits.get(fix.edits);
    if (!edits) cache.byEdits.set(fix.edits, (edits = cache.renderer.render(fix.edits).map((e) => toRangeEdit(lines, e))));
    if (edits.length > 0) fixes.push({ title: fix.title, edits, safe: isSafeFix(fix), preferred: isPreferred(finding, fix) });
  }
  // The rule's preferred fix first, also when it edits another file.
  const across = fixesAcrossFiles(analysis, cache, finding);
  if (finding.preferredFixElsewhere && across.length > 0) fixes.unshift(...across);
  else fixes.push(...across);
  const disable = disableComment(analysis, finding);
  const commentFixes = [...lineEndDirectiveFixes(analysis.text, finding, analysis.result.parsed, analysis.result.findings), ...unusedIdFixes(analysis.text, finding, analysis.result.findings)];
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    // The CLI's text: why a fix is missing is said where the fix menu would otherwise be the only hint.
    message: messageWithNotes(finding, (offset) => lines.positionAt(offset)),
    range: spanToRange(lines, finding.span),
    related: finding.related.map((r) =>
      r.elsewhere ? { range: { start: r.elsewhere.start, end: r.elsewhere.end }, message: r.message, path: r.elsewhere.path } : { range: spanToRange(lines, r.span), message: r.message },
    ),
    deprecated: finding.deprecated === true,
    docsUrl: ruleDocsUri(finding.ruleId),
    fixes,
    disable: disable?.edits.map((e) => toRangeEdit(lines, e)),
    disableTarget: disable?.target,
    ...(commentFixes.length > 0 ? { commentFixes: commentFixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => toRangeEdit(lines, e)) })) } : {}),
  };
}

/**
 * A finding's fixes across files (engine Finding.fixesElsewhere), rendered for each file they edit; none without
 * the project links the analysis was linted with.
 */
function fixesAcrossFiles(analysis: Analysis, cache: RenderCache, finding: LintFinding): RenderedFix[] {
  const links = analysis.links;
  if (!finding.fixesElsewhere || finding.fixesElsewhere.length === 0 || !links) return [];
  cache.elsewhere ??= { renderer: new ElsewhereRenderer(analysis.text, analysis.format, analysis.result.parsed, links), lines: new Map(), stamps: new Map() };
  const { renderer, lines, stamps } = cache.elsewhere;
  const out: RenderedFix[] = [];
  for (const fix of finding.fixesElsewhere) {
    const rendered = renderer.render(fix);
    if (!rendered) continue;
    const elsewhere = rendered.others.map((file) => {
      let index = lines.get(file.path);
      if (!index) lines.set(file.path, (index = new LineIndex(file.text)));
      const at = index;
      // One stamp per file and report: hashing a large linked file for each of its fixes cost more than the lint.
      let stamp = stamps.get(file.path);
      if (stamp === undefined) stamps.set(file.path, (stamp = textStamp(file.text)));
      return { path: file.path, edits: file.edits.map((e) => toRangeEdit(at, e)), stamp };
    });
    out.push({ title: fix.title, edits: rendered.own.map((e) => toRangeEdit(analysis.lines, e)), safe: isSafeFix(fix), preferred: isPreferred(finding, fix), elsewhere });
  }
  return out;
}

/** Whether a fix is the rule's preferred one (a finding made without one prefers its first fix). */
function isPreferred(finding: LintFinding, fix: Fix): boolean {
  return finding.preferredFix === undefined ? fix === finding.fixes[0] : fix === finding.preferredFix;
}
