/**
 * Editors slow down under tens of thousands of diagnostics in one file, and such a list helps nobody while typing.
 * The language server shows at most MAX_EDITOR_FINDINGS per file, most severe first, plus one note saying how
 * many were left out. The CLI never caps.
 */
import type { LintFinding } from './lint';
import type { Severity } from './rules/api';
import { report } from './rules/api';
import { TOO_MANY_FINDINGS } from './rules/index';
import type { FileSettings } from './settings';
import { groupDigits } from './limits';

export const MAX_EDITOR_FINDINGS = 1000;

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export function capFindings(findings: readonly LintFinding[], settings: FileSettings, max = MAX_EDITOR_FINDINGS): readonly LintFinding[] {
  if (findings.length <= max) return findings;
  const kept = findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => RANK[a.finding.severity] - RANK[b.finding.severity] || a.index - b.index)
    .slice(0, max)
    .sort((a, b) => a.index - b.index)
    .map((entry) => entry.finding);
  const setting = settings.rules.get(TOO_MANY_FINDINGS.id) ?? TOO_MANY_FINDINGS.defaultSeverity;
  if (setting === 'off') return kept;
  const left = findings.length - max;
  const note = report(TOO_MANY_FINDINGS, {
    node: { span: { start: 0, end: 0 }, path: [] },
    severity: setting,
    message: `${groupDigits(left)} more finding${left === 1 ? '' : 's'} not shown (${groupDigits(max)} per file, most severe first); run the grantlint CLI for all.`,
  }) as LintFinding;
  return [note, ...kept];
}
