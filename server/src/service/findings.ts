/**
 * Findings as plain, position-based reports, with every fix already rendered to text edits, so code actions can
 * be answered from a diagnostic alone without linting again.
 */
import type { LintFinding, Severity } from '../engine/index';
import { docsUrl, EditRenderer } from '../engine/index';
import { capFindings } from '../engine/cap';
import type { Analysis } from './analysis';
import { spanToRange, toRangeEdit } from './positions';
import { disableForClientEdit } from './suppress';
import type { Range, RangeEdit } from './types';

export interface RenderedFix {
  readonly title: string;
  readonly edits: readonly RangeEdit[];
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
  const renderer = new EditRenderer(analysis.text, analysis.format);
  return capFindings(analysis.result.findings, analysis.settings).map((finding) => reportFinding(analysis, renderer, finding));
}

function reportFinding(analysis: Analysis, renderer: EditRenderer, finding: LintFinding): FindingReport {
  const lines = analysis.lines;
  const fixes: RenderedFix[] = [];
  for (const fix of finding.fixes) {
    const edits = renderer.render(fix.edits);
    if (edits.length > 0) fixes.push({ title: fix.title, edits: edits.map((e) => toRangeEdit(lines, e)) });
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
