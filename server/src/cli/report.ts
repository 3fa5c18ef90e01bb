/** The CLI's view of a finding: 1-based positions, file path as shown. This shape is the json format's public API. */
import type { LintFinding } from '../engine/lint';
import { isSafeFix } from '../engine/fix/semantic';
import type { Severity } from '../engine/rules/api';
import { LineIndex } from '../engine/text';

export interface CliFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** A quick fix exists (safe or not). */
  readonly fixable: boolean;
  /** A safe fix exists: `--fix` fixes it. */
  readonly safelyFixable: boolean;
}

export interface FileReport {
  readonly file: string;
  readonly findings: readonly CliFinding[];
}

export function toCliFindings(file: string, text: string, findings: readonly LintFinding[]): CliFinding[] {
  const index = new LineIndex(text);
  return findings.map((finding) => {
    const start = index.positionAt(finding.span.start);
    const end = index.positionAt(finding.span.end);
    return {
      file,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      fixable: finding.fixes.length > 0,
      safelyFixable: finding.fixes.some(isSafeFix),
    };
  });
}

export interface Totals {
  readonly error: number;
  readonly warning: number;
  readonly information: number;
  readonly hint: number;
  /** Errors and warnings `--fix` fixes (they have a safe fix). */
  readonly fixableErrors: number;
  readonly fixableWarnings: number;
  /** Errors and warnings only `--fix --unsafe-fixes` fixes (every fix they have is unsafe). */
  readonly unsafelyFixable: number;
}

export function totals(reports: readonly FileReport[]): Totals {
  const count = { error: 0, warning: 0, information: 0, hint: 0, fixableErrors: 0, fixableWarnings: 0, unsafelyFixable: 0 };
  for (const report of reports) {
    for (const finding of report.findings) {
      count[finding.severity]++;
      if (finding.severity !== 'error' && finding.severity !== 'warning') continue;
      if (finding.safelyFixable) count[finding.severity === 'error' ? 'fixableErrors' : 'fixableWarnings']++;
      else if (finding.fixable) count.unsafelyFixable++;
    }
  }
  return count;
}
