/**
 * Editors slow down under tens of thousands of diagnostics in one file, and such a list helps nobody while typing.
 * The language server shows at most MAX_EDITOR_FINDINGS per file: first every finding of the client being edited
 * (what the user just typed must never be the part that is cut), then the most severe of the rest, plus one note
 * saying how many were left out. The CLI never caps.
 */
import type { LintFinding } from './lint';
import type { Severity } from './rules/api';
import { report } from './rules/api';
import { TOO_MANY_FINDINGS } from './rules/index';
import type { Span } from './model';
import type { FileSettings } from './settings';
import { resolveSeverity } from './settings';
import { groupDigits } from './limits';

const MAX_EDITOR_FINDINGS = 1000;

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export interface CapOptions {
  /** At most this many findings (MAX_EDITOR_FINDINGS when absent). */
  readonly max?: number;
  /** The extent (offsets) of the client being edited: findings starting inside it come before all others. */
  readonly keep?: Span | undefined;
}

/**
 * The findings to show, in document order: all of them when there are at most `max`, else the `max` that rank
 * first (inside `keep`, then by severity, then by position), after a too-many-findings note (unless that rule is
 * off).
 */
export function capFindings(findings: readonly LintFinding[], settings: FileSettings, options: CapOptions = {}): readonly LintFinding[] {
  const max = options.max ?? MAX_EDITOR_FINDINGS;
  if (findings.length <= max) return findings;
  const keep = options.keep;
  const outside = (finding: LintFinding): number => (keep && finding.span.start >= keep.start && finding.span.start <= keep.end ? 0 : 1);
  const kept = findings
    .map((finding, index) => ({ finding, index, outside: outside(finding) }))
    .sort((a, b) => a.outside - b.outside || RANK[a.finding.severity] - RANK[b.finding.severity] || a.index - b.index)
    .slice(0, max)
    .sort((a, b) => a.index - b.index)
    .map((entry) => entry.finding);
  const setting = resolveSeverity({ ruleId: TOO_MANY_FINDINGS.id, severity: TOO_MANY_FINDINGS.defaultSeverity, path: [] }, settings);
  if (setting === 'off') return kept;
  const left = findings.length - max;
  const note = report(TOO_MANY_FINDINGS, {
    node: { span: { start: 0, end: 0 }, path: [] },
    severity: setting,
    message: `${groupDigits(left)} more finding${left === 1 ? '' : 's'} not shown (${groupDigits(max)} per file, most severe first); run the grantlint CLI for all.`,
  }) as LintFinding;
  return [note, ...kept];
}
