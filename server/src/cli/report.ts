/** The CLI's view of a finding: 1-based positions, file path as shown. This shape is the json format's public API. */
import type { ClientEntry } from '../engine/discover';
import { fixAllChoice } from '../engine/fix/fix-all';
import { isSafeFix } from '../engine/fix/semantic';
import { isLinkedOffset, type OtherFileLocation } from '../engine/links';
import { placeText } from '../service/notes';
import type { LintFinding, LintResult } from '../engine/lint';
import type { Finding, RelatedInfo, Severity } from '../engine/rules/api';
import { withNotes } from '../engine/rules/messages';
import { heldReasonFor, keepsReason, messageWithNotes, type UnsafeFixHeld } from '../service/finding-message';
import { LineIndex, type Position } from '../engine/text';

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
  /**
   * The places of the values that explain the finding (the editor's related information: the tenant flag that
   * makes a grant legacy, the credentials resource holding a method, the client a client grant names), in the
   * rule's order, in this file or another; empty when there are none. Added after the fields above, so readers of
   * the older shape are unaffected.
   */
  readonly related: readonly CliRelated[];
}

/**
 * A place related to a finding: 1-based lines and columns (UTF-16 code units) as the finding's own, its end
 * exclusive; `file` is the path as the CLI shows paths (the finding's own `file` when in the same file).
 */
export interface CliRelated {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** What the value there says about the finding (`false: third-party, which cannot be changed after creation`). */
  readonly message: string;
}

/** One empty list for every finding and note without related places. */
export const NO_RELATED: readonly CliRelated[] = Object.freeze([]);

export interface FileReport {
  readonly file: string;
  readonly findings: readonly CliFinding[];
  /**
   * How many clients the file holds, counting its client grants and (Terraform) the clients its credentials
   * resources configure: a file read with none is counted in the summary.
   */
  readonly clients: number;
  /** A deploy directory's `tenant.json`, read for the tenant's flags: never counted among files without client configs. */
  readonly tenantSettings?: true;
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
  /**
   * Errors and warnings that no `--fix` run clears (no fix, an unsafe fix held, a fix only the editor applies);
   * when absent, those without a fix at all.
   */
  readonly notCleared?: { readonly errors: number; readonly warnings: number };
  /** Client grants of the file that were not checked (their client is not found, or several are named so): each has a note. */
  readonly grantsNotChecked?: number;
  /**
   * The clients of the file, or whose values are in it, that a note says are not fully judged (a value the rules
   * read is computed, a placeholder or otherwise not known here), each as its home file and place there: a client
   * noted in two files of a run is counted once.
   */
  readonly clientsNotJudged?: readonly string[];
  /**
   * Terraform credentials resources of the file whose client cannot be told or is not declared (each has a note): no
   * client of the module is then judged by the provider's create-time method.
   */
  readonly credentialsNotLinked?: number;
}

/**
 * A note about a place in a file that is no rule's finding (a Terraform attribute whose meaning depends on the
 * provider version): the json format lists it among the findings with `ruleId: null`, as ESLint lists messages
 * that come from no rule; it never counts towards the totals or the exit code. Its `related` is empty but for a
 * note suggesting a client (did you mean): the client's name, whole, at its place; a machine reader acts on it.
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
 * A file's findings as the CLI reports them; `file` is the path as shown, `text` the file's final text. Each
 * carries its related places (`related`), those in other files with their path `shown` as the CLI shows paths. A
 * finding on a value of another file that is not reported in the run (Finding.fromOtherFile), shown here at its
 * client, also names the value's place in its message (`(value in credentials.tf:8:27)`), as stylish and github
 * show no related places; any other finding with a related value in another file names that place too
 * (`(see credentials.tf:8:27)`, withOtherFilePlace), the path as `named` gives it (the CLI: from the project's
 * folder, so the message does not change with the working directory). `clearedByFixAll`: findings with no fix of
 * their own that `--fix` clears all the same (cli/fixable.ts), whose note says so. `unsafeHeldFor` (after `--fix
 * --unsafe-fixes`): clients whose unsafe fixes were held, by name, with the file whose client grant they would break
 * (cli/unsafe-elsewhere.ts; this file, engine/fix/fix-all.ts) or the rule they would raise on the client; their
 * findings left with an unsafe fix say why.
 */
export function toCliFindings(
  file: string,
  text: string,
  result: ReportedResult,
  shown: (path: string) => string = (path) => path,
  { clearedByFixAll, named = shown, unsafeHeldFor }: { readonly clearedByFixAll?: ReadonlySet<Finding>; readonly named?: (path: string) => string; readonly unsafeHeldFor?: ReadonlyMap<string, UnsafeFixHeld> } = {},
): CliFinding[] {
  const index = new LineIndex(text);
  const clientOf = clientLookup(result);
  // After --fix --unsafe-fixes: an error or warning left with an unsafe fix, of a client whose unsafe fixes were held
  // for a dependent file, says which file (its path from the project's folder, as other places are named).
  const heldFor = (finding: Finding): UnsafeFixHeld | undefined => {
    if (!unsafeHeldFor || unsafeHeldFor.size === 0 || !takesUnsafeFix(finding)) return undefined;
    const client = clientOf(finding);
    const held = client && (unsafeHeldFor.get(client.name ?? '') ?? unsafeHeldFor.get(client.resourceName ?? ''));
    if (held === undefined) return undefined;
    return 'file' in held ? { ...held, file: named(held.file) } : heldReasonFor(held, fixAllChoice(finding, { unsafe: true }));
  };
  const relatedOf = relatedPlaces(file, index, shown);
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
      message: finding.fromOtherFile ? withValuePlace(finding, named) : messageWithNotes(finding, (offset) => index.positionAt(offset), otherFilePlace(finding, named), clearedByFixAll?.has(finding), heldFor(finding)),
      fixable: finding.fixes.length > 0 || (finding.fixesElsewhere?.length ?? 0) > 0,
      safelyFixable: finding.fixes.some(isSafeFix),
      client: clientOf(finding)?.name ?? null,
      related: relatedOf(finding.related),
    };
  });
}

/**
 * Whether `--fix --unsafe-fixes` would apply an unsafe fix to this finding (fix all's choice, engine/fix/fix-all.ts):
 * only such a finding is left because its fix was held. One whose fixes fix all never takes (grants for an empty
 * `grant_types`) is not.
 */
export function takesUnsafeFix(finding: Finding): boolean {
  const choice = fixAllChoice(finding, { unsafe: true });
  return choice !== undefined && !isSafeFix(choice);
}

/**
 * The CLI's related places of a finding's related information, made once per list: the copies of a repeated
 * grant share one list (rules/legacy-grant-type.ts), and so share the places made of it. A related value whose
 * place in its other file is not known (a linked offset without `elsewhere`) is left out rather than misplaced.
 */
export function relatedPlaces(file: string, index: LineIndex, shown: (path: string) => string): (related: readonly RelatedInfo[]) => readonly CliRelated[] {
  const made = new Map<readonly RelatedInfo[], readonly CliRelated[]>();
  return (related) => {
    if (related.length === 0) return NO_RELATED;
    let places = made.get(related);
    if (places) return places;
    places = related.flatMap((r): CliRelated[] => {
      if (r.elsewhere) {
        // The engine names the other file by its full path (`The value is in /…/credentials.tf`); shown as the CLI shows paths.
        const path = shown(r.elsewhere.path);
        return [{ file: path, ...oneBased(r.elsewhere.start, r.elsewhere.end), message: r.message.split(r.elsewhere.path).join(path) }];
      }
      if (isLinkedOffset(r.span.start)) return [];
      return [{ file, ...oneBased(index.positionAt(r.span.start), index.positionAt(r.span.end)), message: r.message }];
    });
    made.set(related, places);
    return places;
  };
}

function oneBased(start: Position, end: Position): { line: number; column: number; endLine: number; endColumn: number } {
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/** The place of a finding's first related value in another file, if any. */
function firstPlaceElsewhere(finding: Finding): OtherFileLocation | undefined {
  return finding.related.find((r) => r.elsewhere)?.elsewhere;
}

/**
 * A message with the place, in another file, of the value it is about (`(value in credentials.tf:8:27)`, or the
 * bare place where that leaves the message room), within MAX_MESSAGE_LENGTH (withNotes). The place gives way where
 * the rule's sentence would lose more than its closing parenthesis (its advice: `; set app_type to
 * non_interactive`), as a `(see …)` place does: json, SARIF and the editor list it among the related places still.
 */
function withValuePlace(finding: Finding, shown: (path: string) => string): string {
  const place = firstPlaceElsewhere(finding);
  if (!place) return finding.message;
  const placed = withNotes(finding.message, [[`value in ${placeText(place, shown)}`, placeText(place, shown)]]);
  return keepsReason(finding.message, placed) ? placed : finding.message;
}

/**
 * The note's forms naming the place of the first related value in another file (`see credentials.tf:8:27`), if any: a
 * finding on a grant in `main.tf` that its client's method in `credentials.tf` decides, where stylish and github (a
 * pull request's annotation) show no related places and the message names a key the file does not hold.
 */
function otherFilePlace(finding: Finding, shown: (path: string) => string): readonly string[] | undefined {
  const place = firstPlaceElsewhere(finding);
  // A message that names the place itself (unused-suppression: `… about a value in credentials.tf:37:27; …`) is
  // not given it twice.
  if (place && finding.message.includes(placeText(place, shown))) return undefined;
  // The bare place where "see" would cost the message its reason (`(authentication_method: none)`).
  return place && [`see ${placeText(place, shown)}`, placeText(place, shown)];
}

/**
 * The client each finding was made for: the result keeps every client's findings beside it, and the file's
 * findings are those same objects (suppression only drops some). A finding not among them is about the file.
 */
export function clientLookup(result: ReportedResult): (finding: LintFinding) => ClientEntry | undefined {
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
  /** Errors and warnings no `--fix` run clears (FileReport.notCleared): only a hand edit (or the editor) does. */
  readonly errorsWithoutFix: number;
  readonly warningsWithoutFix: number;
}

export function totals(reports: readonly FileReport[]): Totals {
  const count = { error: 0, warning: 0, information: 0, hint: 0, fixableErrors: 0, fixableWarnings: 0, unsafelyFixable: 0, fixableElsewhere: 0, errorsWithoutFix: 0, warningsWithoutFix: 0 };
  for (const report of reports) {
    for (const finding of report.findings) {
      count[finding.severity]++;
      if (finding.severity !== 'error' && finding.severity !== 'warning') continue;
      if (!report.notCleared && !finding.fixable) count[finding.severity === 'error' ? 'errorsWithoutFix' : 'warningsWithoutFix']++;
      if (finding.safelyFixable) count[finding.severity === 'error' ? 'fixableErrors' : 'fixableWarnings']++;
      else if (finding.fixable && report.unsafelyFixable === undefined) count.unsafelyFixable++;
    }
    count.unsafelyFixable += report.unsafelyFixable ?? 0;
    count.errorsWithoutFix += report.notCleared?.errors ?? 0;
    count.warningsWithoutFix += report.notCleared?.warnings ?? 0;
    count.fixableElsewhere += report.fixableElsewhere ?? 0;
  }
  return count;
}
