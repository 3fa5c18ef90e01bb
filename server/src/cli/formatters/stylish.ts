import type { FileReport } from '../report';
import { totals } from '../report';

/** Messages are padded to align the rule ids only up to this width, so one long message cannot widen every line. */
const MAX_MESSAGE_PAD = 1000;

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[90m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** Grouped by file: `line:col severity message rule-id`, then one summary line. */
export function formatStylish(reports: readonly FileReport[], filesChecked: number, color: boolean): string {
  const paint = (code: keyof typeof COLORS, text: string) => (color ? `${COLORS[code]}${text}${COLORS.reset}` : text);
  const lines: string[] = [];
  for (const report of reports) {
    if (report.findings.length === 0) continue;
    lines.push(paint('bold', report.file));
    const positions = report.findings.map((f) => `${f.line}:${f.column}`);
    // Loops rather than Math.max(...list): a file may have more findings than a call takes arguments.
    let posWidth = 0;
    let sevWidth = 0;
    let msgWidth = 0;
    report.findings.forEach((f, i) => {
      posWidth = Math.max(posWidth, positions[i]!.length);
      sevWidth = Math.max(sevWidth, f.severity.length);
      msgWidth = Math.min(MAX_MESSAGE_PAD, Math.max(msgWidth, f.message.length));
    });
    report.findings.forEach((f, i) => {
      const severity = paint(f.severity, f.severity.padEnd(sevWidth));
      lines.push(`  ${paint('dim', positions[i]!.padEnd(posWidth))}  ${severity}  ${f.message.padEnd(msgWidth)}  ${paint('dim', f.ruleId)}`);
    });
    lines.push('');
  }
  const t = totals(reports);
  const problems = t.error + t.warning + t.information + t.hint;
  const files = `${filesChecked} file${filesChecked === 1 ? '' : 's'} checked`;
  if (problems === 0) {
    lines.push(`No problems (${files}).`);
  } else {
    const summary = `${plural(problems, 'problem')} (${plural(t.error, 'error')}, ${plural(t.warning, 'warning')}, ${t.information} information, ${plural(t.hint, 'hint')}) in ${files}.`;
    lines.push(paint(t.error > 0 ? 'error' : t.warning > 0 ? 'warning' : 'information', summary));
    if (t.fixableErrors + t.fixableWarnings > 0) {
      lines.push(`${plural(t.fixableErrors, 'error')} and ${plural(t.fixableWarnings, 'warning')} can be fixed with --fix.`);
    }
    if (t.unsafelyFixable > 0) {
      lines.push(`${plural(t.unsafelyFixable, 'more problem')} can be fixed with --fix --unsafe-fixes (review the diff first: --diff --unsafe-fixes).`);
    }
  }
  return lines.join('\n') + '\n';
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
