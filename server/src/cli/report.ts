/** The CLI's view of a finding: 1-based positions, file path as shown. This shape is the json format's public API. */
import type { ClientEntry } from '../engine/discover';
import { isSafeFix } from '../engine/fix/semantic';
import type { OtherFileLocation } from '../engine/links';
import type { LintFinding, LintResult } from '../engine/lint';
import type { Finding, Severity } from '../engine/rules/api';
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
  /** A quick fix exists (safe or not), in this file or editing another file of its project (an editor's quick fix). */
  readonly fixable: boolean;
  /**
   * `--fix` clears it: it has a safe fix that fix all really applies (not one withheld because another fix of the
   * client takes precedence or it would raise a new finding). The CLI's reports set it so (cli/fixable.ts).
   */
  readonly safelyFixable: boolean;
  /**
   * The name of the client the finding is about (a Terraform client without `name`: its resource name); null for
   * findings about the file (parse errors, suppression comments, size) and for a client without a name.
   */
  readonly client: string | null;
}

export interface FileReport {
  readonly file: string;
  readonly findings: readonly CliFinding[];
  /**
   * How many clients the file holds, counting its client grants and (Terraform) the clients its credentials
   * resources configure: a file read with none is counted in the summary.
   */
  readonly clients: number;
  /**
   * Errors and warnings that `--fix --unsafe-fixes` would clear and `--fix` would not (cli/fixable.ts); when
   * absent, counted from the findings' `fixable` and `safelyFixable`.
   */
  readonly unsafelyFixable?: number;
  /**
   * Errors and warnings whose fix edits another file of their project (cli/notes.ts fixElsewhere): the editor's
   * quick fix applies it, `--fix` does not.
   */
  readonly fixableElsewhere?: number;
  /** Notes about the file that are no rule's finding (cli/notes.ts): shown by every format, never counted. */
  readonly notes?: readonly CliNote[];
  /** Warnings --quiet leaves out of `findings`: still counted against --max-warnings. */
  readonly hiddenWarnings?: number;
}

/**
 * A note about a place in a file that is no rule's finding (a Terraform attribute whose meaning depends on the
 * provider version): the json format lists it among the findings with `ruleId: null`, as ESLint lists messages
 * that come from no rule; it never counts towards the totals or the exit code.
 */
export interface CliNote extends Omit<CliFinding, 'ruleId' | 'severity' | 'fixable' | 'safelyFixable'> {
  readonly ruleId: null;
  readonly severity: 'information';
  readonly fixable: false;
  readonly safelyFixable: false;
}

/** What toCliFindings reads of a lint result. */
export type ReportedResult = Pick<LintResult, 'findings' | 'clients' | 'clientFindings' | 'linkedFindings' | 'linkedClients'>;

/**
 * A file's findings as the CLI reports them; `file` is the path as shown, `text` the file's final text. A finding
 * on a value of another file that is not reported in the run (Finding.fromOtherFile), shown here at its client,
 * names the value's place in its message, as the CLI's formats carry no related information: `shown` gives that
 * file's path as the CLI shows paths.
 */
export function toCliFindings(file: string, text: string, result: ReportedResult, shown: (path: string) => string = (path) => path): CliFinding[] {
  const index = new LineIndex(text);
  const clientOf = clientLookup(result);
  return result.findings.map((finding) => {
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
      message: finding.fromOtherFile ? withValuePlace(finding, shown) : withAnchorNote(finding),
      fixable: finding.fixes.length > 0 || (finding.fixesElsewhere?.length ?? 0) > 0,
      safelyFixable: finding.fixes.some(isSafeFix),
      client: clientOf(finding)?.name ?? null,
    };
  });
}

/** A message that says why a fix is missing when a YAML anchor withholds it (invariant 5 of the rule book). */
function withAnchorNote(finding: Finding): string {
  if (finding.fixesWithheldByAnchor) return `${finding.message} (no fix: the value is YAML anchored content that aliases reuse; edit it by hand)`;
  if (finding.preferredFixWithheldByAnchor && finding.preferredFix) {
    return `${finding.message} (not offered: "${finding.preferredFix.title}", which would edit YAML anchored content; edit the anchor by hand)`;
  }
  return finding.message;
}

/** A message with the place, in another file, of the value it is about (`(value in credentials.tf:8:27)`). */
function withValuePlace(finding: Finding, shown: (path: string) => string): string {
  const place = finding.related.find((r) => r.elsewhere)?.elsewhere;
  return place ? `${finding.message} (value in ${placeText(place, shown)})` : finding.message;
}

/** A place in another file as the CLI writes places: `path:line:column`, 1-based, the path `shown` as the CLI shows paths. */
export function placeText(place: OtherFileLocation, shown: (path: string) => string): string {
  return `${shown(place.path)}:${place.start.line + 1}:${place.start.character + 1}`;
}

/**
 * The client each finding was made for: the result keeps every client's findings beside it, and the file's
 * findings are those same objects (suppression only drops some). A finding not among them is about the file.
 */
function clientLookup(result: ReportedResult): (finding: LintFinding) => ClientEntry | undefined {
  const owner = new Map<Finding, ClientEntry>();
  result.clientFindings.forEach((findings, i) => {
    const client = result.clients[i];
    if (client) for (const finding of findings) owner.set(finding, client);
  });
  // Client grants' findings name the client the grant is for; a credentials file's, the client it configures.
  result.linkedFindings.forEach((finding, i) => {
    const client = result.linkedClients[i];
    if (client) owner.set(finding, client);
  });
  return (finding) => owner.get(finding);
}

/** Every finding of every file, in order, without a copy of them all. */
export function* allFindings(reports: readonly FileReport[]): Generator<CliFinding> {
  for (const report of reports) yield* report.findings;
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
  /** Errors and warnings whose fix edits another file (FileReport.fixableElsewhere). */
  readonly fixableElsewhere: number;
}

export function totals(reports: readonly FileReport[]): Totals {
  const count = { error: 0, warning: 0, information: 0, hint: 0, fixableErrors: 0, fixableWarnings: 0, unsafelyFixable: 0, fixableElsewhere: 0 };
  for (const report of reports) {
    for (const finding of report.findings) {
      count[finding.severity]++;
      if (finding.severity !== 'error' && finding.severity !== 'warning') continue;
      if (finding.safelyFixable) count[finding.severity === 'error' ? 'fixableErrors' : 'fixableWarnings']++;
      else if (finding.fixable && report.unsafelyFixable === undefined) count.unsafelyFixable++;
    }
    count.unsafelyFixable += report.unsafelyFixable ?? 0;
    count.fixableElsewhere += report.fixableElsewhere ?? 0;
  }
  return count;
}
