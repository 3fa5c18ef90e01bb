/** The CLI's view of a finding: 1-based positions, file path as shown. This shape is the json format's public API. */
import type { LintFinding } from '../engine/lint';
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
  readonly fixable: boolean;
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
    };
  });
}

export interface Totals {
  readonly error: number;
  readonly warning: number;
  readonly information: number;
  readonly hint: number;
  readonly fixableErrors: number;
  readonly fixableWarnings: number;
}

export function totals(reports: readonly FileReport[]): Totals {
  const count = { error: 0, warning: 0, information: 0, hint: 0, fixableErrors: 0, fixableWarnings: 0 };
  for (const report of reports) {
    for (const finding of report.findings) {
      count[finding.severity]++;
      if (finding.fixable && finding.severity === 'error') count.fixableErrors++;
      if (finding.fixable && finding.severity === 'warning') count.fixableWarnings++;
    }
  }
  return count;
}
