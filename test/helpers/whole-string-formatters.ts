/**
 * The CLI's formatters as they were when each built its whole output as one string (and json and SARIF an object
 * tree first): the oracle the streamed formatters must match byte for byte (test/cli/streamed-output.test.ts).
 * Frozen on purpose: a change of output format changes both, and the goldens under test/cli.
 */
import stringWidth from 'string-width';
import { ALL_RULES } from '../../server/src/engine/rules/index';
import { docsUrl } from '../../server/src/engine/rules/api';
import type { Severity } from '../../server/src/engine/rules/api';
import { STYLISH_WIDTH, wrap } from '../../server/src/cli/formatters/stylish';
import type { CliFinding, FileReport } from '../../server/src/cli/report';
import { totals } from '../../server/src/cli/report';

const MESSAGE_INDENT = '  ';
const MAX_LOCATION_PAD = 60;
const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[90m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

export function formatStylish(reports: readonly FileReport[], filesChecked: number, color: boolean): string {
  const paint = (code: keyof typeof COLORS, text: string) => (color ? `${COLORS[code]}${text}${COLORS.reset}` : text);
  const lines: string[] = [];
  for (const report of reports) {
    if (report.findings.length === 0) continue;
    const locations = report.findings.map((f) => `${f.file}:${f.line}:${f.column}`);
    // Loops rather than Math.max(...list): a file may have more findings than a call takes arguments.
    let locationWidth = 0;
    let severityWidth = 0;
    report.findings.forEach((f, i) => {
      // Terminal columns: wide East Asian characters take two.
      locationWidth = Math.min(MAX_LOCATION_PAD, Math.max(locationWidth, stringWidth(locations[i]!)));
      severityWidth = Math.max(severityWidth, f.severity.length);
    });
    report.findings.forEach((f: CliFinding, i) => {
      const location = locations[i]!;
      const severity = paint(f.severity, f.severity.padEnd(severityWidth));
      const rule = paint('dim', f.ruleId);
      if (Math.max(locationWidth, stringWidth(location)) + severityWidth + f.ruleId.length + 4 <= STYLISH_WIDTH) {
        lines.push(`${paint('bold', location + ' '.repeat(Math.max(0, locationWidth - stringWidth(location))))}  ${severity}  ${rule}`);
      } else if (stringWidth(location) + f.severity.length + f.ruleId.length + 4 <= STYLISH_WIDTH) {
        lines.push(`${paint('bold', location)}  ${paint(f.severity, f.severity)}  ${rule}`);
      } else {
        // A long path with a long rule id: the severity and rule id go on a line of their own.
        lines.push(paint('bold', location), `${MESSAGE_INDENT}${paint(f.severity, f.severity)}  ${rule}`);
      }
      for (const line of wrap(f.message, STYLISH_WIDTH - MESSAGE_INDENT.length)) lines.push(`${MESSAGE_INDENT}${line}`);
    });
    lines.push('');
  }
  const t = totals(reports);
  const problems = t.error + t.warning + t.information + t.hint;
  const without = reports.filter((r) => r.clients === 0 && r.findings.length === 0 && !r.tenantSettings && (r.notes?.length ?? 0) === 0).map((r) => r.file);
  const named = without.length > 0 && without.length <= 3 ? `: ${without.join(', ')}` : '';
  const grants = reports.reduce((sum, r) => sum + (r.grantsNotChecked ?? 0), 0);
  const clients = new Set(reports.flatMap((r) => r.clientsNotJudged ?? [])).size;
  const credentials = reports.reduce((sum, r) => sum + (r.credentialsNotLinked ?? 0), 0);
  const notChecked = [
    grants > 0 ? `${plural(grants, 'client grant')} not checked` : '',
    clients > 0 ? `${plural(clients, 'client')} with unknown values not fully judged` : '',
    credentials > 0 ? `${plural(credentials, 'credentials resource')} linked to no client` : '',
  ].filter((part) => part !== '');
  const files = `${plural(filesChecked, 'file')} checked${without.length > 0 ? `, ${without.length} without client configs${named}` : ''}${notChecked.length > 0 ? `; ${notChecked.join(', ')}: see the notes` : ''}`;
  if (problems === 0) {
    lines.push(...wrap(`No problems (${files}).`, STYLISH_WIDTH));
  } else {
    // Only the severities that occur, most severe first.
    const counts = [plural(t.error, 'error'), plural(t.warning, 'warning'), `${t.information} information`, plural(t.hint, 'hint')].filter((c) => !c.startsWith('0 '));
    const summary = `${plural(problems, 'problem')} (${counts.join(', ')}) in ${files}.`;
    const level = t.error > 0 ? 'error' : t.warning > 0 ? 'warning' : 'information';
    for (const line of wrap(summary, STYLISH_WIDTH)) lines.push(paint(level, line));
    if (t.fixableErrors + t.fixableWarnings > 0) {
      const fixable = [plural(t.fixableErrors, 'error'), plural(t.fixableWarnings, 'warning')].filter((c) => !c.startsWith('0 '));
      lines.push(`${fixable.join(' and ')} can be fixed with --fix.`);
    }
    if (t.unsafelyFixable > 0) {
      for (const line of wrap(`${plural(t.unsafelyFixable, 'more problem')} can be fixed with --fix --unsafe-fixes; see them first with --diff --unsafe-fixes.`, STYLISH_WIDTH)) lines.push(line);
    }
  }
  return lines.join('\n') + '\n';
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

const COMMAND = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' } as const;

export function formatGithub(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const f of report.findings) {
      const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`, `endColumn=${f.endColumn}`, `title=${escapeProperty(`grantlint(${f.ruleId})`)}`];
      lines.push(`::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(reports.flatMap((r) => r.findings), null, 2) + '\n';
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(reports: readonly FileReport[], version: string): string {
  const ruleIndex = new Map(ALL_RULES.map((rule, index) => [rule.id, index]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'grantlint',
            version,
            informationUri: 'https://github.com/grantlint/grantlint',
            rules: ALL_RULES.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.summary },
              helpUri: docsUrl(rule.id),
              help: { text: `${rule.summary} See ${docsUrl(rule.id)}` },
              defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
            })),
          },
        },
        results: reports.flatMap((report) =>
          report.findings.map((f) => ({
            ruleId: f.ruleId,
            ruleIndex: ruleIndex.get(f.ruleId) ?? 0,
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: encodeURI(f.file) },
                  region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
                },
              },
            ],
            ...(f.related.length > 0
              ? {
                  relatedLocations: f.related.map((r, i) => ({
                    id: i + 1,
                    physicalLocation: {
                      artifactLocation: { uri: encodeURI(r.file) },
                      region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
                    },
                    message: { text: r.message },
                  })),
                }
              : {}),
            // The client's name, for reviewers of a tenant with many clients (a property bag, SARIF §3.8).
            ...(f.client !== null ? { properties: { client: f.client } } : {}),
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
