import stringWidth from 'string-width';
import type { CliFinding, FileReport } from '../report';
import { totals } from '../report';

/**
 * The width the output is laid out for: messages (at most 120 characters) wrap under their location, so a
 * terminal or CI log of this many columns shows every line whole.
 */
export const STYLISH_WIDTH = 100;

/** Messages are indented this much under their location line. */
const MESSAGE_INDENT = '  ';

/** Locations are padded to align severities only up to this width, so one long path cannot push every line. */
const MAX_LOCATION_PAD = 60;

/** Wrapped messages kept for reuse at once (see stylishChunks). */
const MAX_WRAPPED_MESSAGES = 1000;

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[90m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

/**
 * Grouped by file, two lines a finding, then the summary:
 *
 *     tenant.yaml:16:9   error    public-client-credentials
 *       client_credentials needs a confidential client; this one is public (token_endpoint_auth_method:
 *       none).
 *
 * `path:line:col` (1-based) comes first so that terminals and editors make it a link; severities and rule ids
 * line up within a file where they fit; a location too long to share its line with the severity and rule id has
 * them on the next line; the message wraps at STYLISH_WIDTH columns. Yielded a finding at a time (each piece
 * whole lines, ending in a line break), so the output is never held whole.
 */
export function* stylishChunks(reports: readonly FileReport[], filesChecked: number, color: boolean, fixed?: FixedSummary): Generator<string> {
  const paint = (code: keyof typeof COLORS, text: string) => (color ? `${COLORS[code]}${text}${COLORS.reset}` : text);
  // The copies of a repeated grant share one message: each is wrapped once, not once per copy. Bounded, as a file
  // may hold as many distinct messages as findings.
  const wrappedMessages = new Map<string, string>();
  const wrapped = (message: string): string => {
    let lines = wrappedMessages.get(message);
    if (lines === undefined) {
      lines = wrap(message, STYLISH_WIDTH - MESSAGE_INDENT.length).map((line) => `${MESSAGE_INDENT}${line}\n`).join('');
      if (wrappedMessages.size >= MAX_WRAPPED_MESSAGES) wrappedMessages.clear();
      wrappedMessages.set(message, lines);
    }
    return lines;
  };
  for (const report of reports) {
    if (report.findings.length === 0) continue;
    // Loops rather than Math.max(...list): a file may have more findings than a call takes arguments. Locations
    // are made twice rather than kept: a list of them would double what a file of many findings holds.
    let locationWidth = 0;
    let severityWidth = 0;
    // Widths in terminal columns: a path in East Asian script takes two columns a character.
    // The file's columns once: a file may have many findings, each located in it.
    const fileColumns = columns(report.file);
    const columnsOf = (f: CliFinding): number => (f.file === report.file ? fileColumns + locationOf(f).length - f.file.length : columns(locationOf(f)));
    for (const f of report.findings) {
      locationWidth = Math.min(MAX_LOCATION_PAD, Math.max(locationWidth, columnsOf(f)));
      severityWidth = Math.max(severityWidth, f.severity.length);
    }
    for (const f of report.findings) {
      const location = locationOf(f);
      const locationColumns = columnsOf(f);
      const severity = paint(f.severity, f.severity.padEnd(severityWidth));
      const rule = paint('dim', f.ruleId);
      let text: string; // the location line(s), then the message's
      if (Math.max(locationWidth, locationColumns) + severityWidth + f.ruleId.length + 4 <= STYLISH_WIDTH) {
        text = `${paint('bold', location + ' '.repeat(Math.max(0, locationWidth - locationColumns)))}  ${severity}  ${rule}\n`;
      } else if (locationColumns + f.severity.length + f.ruleId.length + 4 <= STYLISH_WIDTH) {
        text = `${paint('bold', location)}  ${paint(f.severity, f.severity)}  ${rule}\n`;
      } else {
        // A long path with a long rule id: the severity and rule id go on a line of their own.
        text = `${paint('bold', location)}\n${MESSAGE_INDENT}${paint(f.severity, f.severity)}  ${rule}\n`;
      }
      yield text + wrapped(f.message);
    }
    yield '\n';
  }
  const fixedText = fixed && fixedSummaryText(fixed);
  // A --fix run that wrote nothing says so where findings are left, so a CI log does not leave it to be guessed.
  const leftOver = reports.some((r) => r.findings.length > 0);
  const fixedLine = fixedText ? [`F${fixedText.slice(1)}.`] : fixed && leftOver ? ['Fixed nothing.'] : [];
  yield [...fixedLine, ...summaryLines(reports, filesChecked, paint, fixed !== undefined)].map((line) => `${line}\n`).join('');
}

function locationOf(f: CliFinding): string {
  return `${f.file}:${f.line}:${f.column}`;
}

/** What a --fix run changed: the findings it cleared and the files it wrote. */
export interface FixedSummary {
  readonly problems: number;
  readonly files: number;
}

/**
 * What --fix wrote, as "fixed 3 problems in 2 files" (the stylish summary starts with it; the CLI says it on stderr
 * for the machine formats), or undefined when it wrote no file.
 */
export function fixedSummaryText(fixed: FixedSummary): string | undefined {
  return fixed.files > 0 ? `fixed ${plural(fixed.problems, 'problem')} in ${plural(fixed.files, 'file')}` : undefined;
}

/** Files named in the summary as holding no client config, at most (more are counted only). */
const WITHOUT_CLIENTS_NAMED = 3;

/**
 * `, 2 without client configs: tenant.json, locals.tf` for the files read with no client, client grant or
 * credentials resource and no finding (named where few, so none passes unseen: a file meant to hold clients that
 * the reader found none in), but a deploy directory's tenant.json (read for the tenant's flags); empty when none.
 */
function withoutClientsText(reports: readonly FileReport[]): string {
  // A file with a note read something of a client config (a credentials resource whose client is not found).
  const without = reports.filter((r) => r.clients === 0 && r.findings.length === 0 && !r.tenantSettings && (r.notes?.length ?? 0) === 0);
  if (without.length === 0) return '';
  const named = without.length <= WITHOUT_CLIENTS_NAMED ? `: ${without.map((r) => r.file).join(', ')}` : '';
  return `, ${without.length} without client configs${named}`;
}

/**
 * `; 3 client grants not checked, 2 clients with unknown values not fully judged: see the notes` for the client
 * grants whose client was not found or is several, and the clients a computed value or placeholder (or a method
 * several credentials set) keeps from being judged in full, each client once however many notes it has (each named
 * in a note, on stderr), and the Terraform credentials resources linked to no client (whose module's clients are
 * then not judged by the provider's create-time method): the summary line is what a CI log is read by. Each part
 * only when it counts some; empty when none does.
 */
function notCheckedText(reports: readonly FileReport[]): string {
  const grants = reports.reduce((sum, r) => sum + (r.grantsNotChecked ?? 0), 0);
  const clients = new Set<string>();
  for (const r of reports) for (const client of r.clientsNotJudged ?? []) clients.add(client);
  const credentials = reports.reduce((sum, r) => sum + (r.credentialsNotLinked ?? 0), 0);
  const parts = [
    ...(grants > 0 ? [`${plural(grants, 'client grant')} not checked`] : []),
    ...(clients.size > 0 ? [`${plural(clients.size, 'client')} with unknown values not fully judged`] : []),
    ...(credentials > 0 ? [`${plural(credentials, 'credentials resource')} linked to no client`] : []),
  ];
  return parts.length === 0 ? '' : `; ${parts.join(', ')}: see the notes`;
}

/** The summary after the findings: the counts by severity and the files checked, then what --fix can fix. */
function summaryLines(reports: readonly FileReport[], filesChecked: number, paint: (code: keyof typeof COLORS, text: string) => string, afterFix: boolean): string[] {
  const lines: string[] = [];
  const t = totals(reports);
  const problems = t.error + t.warning + t.information + t.hint;
  const files = `${plural(filesChecked, 'file')} checked${withoutClientsText(reports)}${notCheckedText(reports)}`;
  // --quiet leaves warnings out: the summary says so rather than "No problems".
  const hidden = reports.reduce((sum, r) => sum + (r.hiddenWarnings ?? 0), 0);
  const hiddenNote = hidden > 0 ? `; ${plural(hidden, 'warning')} not shown with --quiet` : '';
  if (problems === 0) {
    // Wrapped too: the files without client configs and what was not checked make it long.
    for (const line of wrap(hidden > 0 ? `No errors (${files}${hiddenNote}).` : `No problems (${files}).`, STYLISH_WIDTH)) lines.push(line);
  } else {
    // Only the severities that occur, most severe first.
    const counts = [plural(t.error, 'error'), plural(t.warning, 'warning'), `${t.information} information`, plural(t.hint, 'hint')].filter((c) => !c.startsWith('0 '));
    const summary = `${plural(problems, 'problem')} (${counts.join(', ')}) in ${files}${hiddenNote}.`;
    const level = t.error > 0 ? 'error' : t.warning > 0 ? 'warning' : 'information';
    for (const line of wrap(summary, STYLISH_WIDTH)) lines.push(paint(level, line));
    if (t.fixableErrors + t.fixableWarnings > 0) {
      const fixable = [plural(t.fixableErrors, 'error'), plural(t.fixableWarnings, 'warning')].filter((c) => !c.startsWith('0 '));
      lines.push(`${fixable.join(' and ')} can be fixed with --fix.`);
    }
    if (t.unsafelyFixable > 0) {
      // `--diff` alone shows the safe fixes only: the command that shows these changes is named whole.
      for (const line of wrap(`${plural(t.unsafelyFixable, 'more problem')} can be fixed with --fix --unsafe-fixes; see them first with --diff --unsafe-fixes.`, STYLISH_WIDTH)) lines.push(line);
    }
    if (t.fixableElsewhere > 0) {
      const which = t.fixableElsewhere === 1 ? '1 problem has a fix that edits' : `${t.fixableElsewhere} problems have a fix that edits`;
      for (const line of wrap(`${which} another file of its module or directory: the editor's quick fix applies it (--fix edits one file at a time).`, STYLISH_WIDTH)) lines.push(line);
    }
    // After --fix, what is left and why: the lines above name what a fix can still clear, this one the rest.
    const withoutFix = t.errorsWithoutFix + t.warningsWithoutFix;
    if (afterFix && withoutFix > 0) {
      const which = [plural(t.errorsWithoutFix, 'error'), plural(t.warningsWithoutFix, 'warning')].filter((c) => !c.startsWith('0 ')).join(' and ');
      const text = `${which} ${withoutFix === 1 ? 'is' : 'are'} left that --fix does not clear: see ${withoutFix === 1 ? 'its message and its rule page' : 'their messages and rule pages'}.`;
      for (const line of wrap(text, STYLISH_WIDTH)) lines.push(line);
    }
  }
  return lines;
}

/**
 * `text` in lines of at most `width` terminal columns, broken at spaces but never inside a file's place. A word longer
 * than the width (a long URI) keeps a line of its own rather than being cut, so it can still be copied.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let lineColumns = 0;
  // A place in another file (`(see clients/Partner Dashboard.json:1:71)`) is one word: split at its space, a terminal
  // could no longer make it a link.
  const kept = text.replace(PLACE, (place) => place.replaceAll(' ', JOINED));
  for (const word of kept.split(' ').map((w) => w.replaceAll(JOINED, ' '))) {
    const wordColumns = columns(word);
    if (line.length > 0 && lineColumns + 1 + wordColumns > width) {
      lines.push(line);
      line = word;
      lineColumns = wordColumns;
    } else {
      lineColumns = line.length > 0 ? lineColumns + 1 + wordColumns : wordColumns;
      line = line.length > 0 ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * The terminal columns `text` takes (string-width: East Asian wide and fullwidth characters take two, combining
 * marks none); plain ASCII, which most text is, is counted by its length without a look at each character.
 */
function columns(text: string): number {
  return /^[\x20-\x7e]*$/.test(text) ? text.length : stringWidth(text);
}

/** A file's place as messages write it: a path (spaces allowed) and `:line:column`, in parentheses. */
const PLACE = /(?<=\((?:see |value in )?)[^()\s][^()]*?:\d+:\d+(?=\))/g;
/** Stands for a space inside a place while the text is split into words. */
const JOINED = '\u0001';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
