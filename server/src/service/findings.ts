/**
 * Findings as plain, position-based reports, with every fix already rendered to text edits, so code actions can
 * be answered from a diagnostic alone without linting again.
 */
import type { Finding, LintFinding, Severity } from '../engine/index';
import { docsUrl, EditRenderer, isSafeFix } from '../engine/index';
import { capFindings } from '../engine/cap';
import type { Analysis } from './analysis';
import { spanToRange, toRangeEdit } from './positions';
import { disableForClientEdit } from './suppress';
import type { Range, RangeEdit } from './types';

export interface RenderedFix {
  readonly title: string;
  readonly edits: readonly RangeEdit[];
  /** A safe fix (rule book, "Safe and unsafe fixes"): one that fix on save and `--fix` apply without asking. */
  readonly safe: boolean;
}

export interface FindingReport {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly related: readonly { readonly range: Range; readonly message: string }[];
  readonly deprecated: boolean;
  readonly docsUrl: string;
  readonly fixes: readonly RenderedFix[];
  /** The comment that silences this rule for the finding's client (YAML only). */
  readonly disable: RangeEdit | undefined;
}

/** The findings the editor shows: capped per file (engine/cap.ts), each with its fixes rendered. */
export function reportFindings(analysis: Analysis): FindingReport[] {
  return new FindingReports().report(analysis);
}

/**
 * Reports for successive analyses of one document. A finding the previous analysis also had keeps its report;
 * one that only moved (Analysis.moved) gets its old report moved by the same number of lines. So after an edit
 * only the edited client's findings are rendered again, not every finding of a large tenant.
 */
export class FindingReports {
  private cache = new WeakMap<Finding, FindingReport>();

  report(analysis: Analysis): FindingReport[] {
    let renderer: EditRenderer | undefined;
    const cache = new WeakMap<Finding, FindingReport>();
    const reports = capFindings(analysis.result.findings, analysis.settings).map((finding) => {
      let report = this.cache.get(finding);
      if (!report && analysis.moved) {
        const from = analysis.moved.from.get(finding);
        const old = from && this.cache.get(from);
        if (old) report = moveReport(old, analysis.moved.lines);
      }
      if (!report) {
        renderer ??= new EditRenderer(analysis.text, analysis.format);
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
    related: report.related.map((r) => ({ range: range(r.range), message: r.message })),
    fixes: report.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map(edit), safe: fix.safe })),
    disable: report.disable && edit(report.disable),
  };
}

function reportFinding(analysis: Analysis, renderer: EditRenderer, finding: LintFinding): FindingReport {
  const lines = analysis.lines;
  const fixes: RenderedFix[] = [];
  for (const fix of finding.fixes) {
    const edits = renderer.render(fix.edits);
    if (edits.length > 0) fixes.push({ title: fix.title, edits: edits.map((e) => toRangeEdit(lines, e)), safe: isSafeFix(fix) });
  }
  const disable = disableForClientEdit(analysis, finding);
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    range: spanToRange(lines, finding.span),
    related: finding.related.map((r) => ({ range: spanToRange(lines, r.span), message: r.message })),
    deprecated: finding.deprecated === true,
    docsUrl: docsUrl(finding.ruleId),
    fixes,
    disable: disable && toRangeEdit(lines, disable),
  };
}
