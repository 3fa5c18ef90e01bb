/** Notes that are no rule's finding, for the CLI's reports: where they are, as 1-based positions. */
import type { Span } from '../engine/model';
import { isLinkedOffset, linkedSpan, type ProjectLinks } from '../engine/links';
import type { LintResult } from '../engine/lint';
import { editTarget, isSafeFix, type Fix } from '../engine/fix/semantic';
import { fixAllChoice } from '../engine/fix/fix-all';
import type { Finding } from '../engine/rules/api';
import { fitsNames, MAX_MESSAGE_LENGTH } from '../engine/rules/messages';
import { LineIndex } from '../engine/text';
import type { NoteSpan } from '../service/notes';
import { heldReasonFor, unsafeHeldReasons, type UnsafeFixHeld } from '../service/finding-message';
import { clientLookup, NO_RELATED, relatedPlaces, type CliNote } from './report';

/**
 * The notes of one linted file (`file` as shown, `text` its final text, linted as `result`; `notes` from
 * service/notes.ts fileNoteSpans) as the CLI reports them, each naming its client (its `name`, which for Terraform
 * falls back to the resource name) when the note lies in it, and its related places (another file's path `shown`
 * as the CLI shows paths).
 */
export function fileNotes(file: string, text: string, result: LintResult, notes: readonly NoteSpan[], shown: (path: string) => string = (path) => path): CliNote[] {
  const clients = result.clients;
  if (notes.length === 0) return [];
  const index = new LineIndex(text);
  const relatedOf = relatedPlaces(file, index, shown);
  const owner = (offset: number) => clients.find((c) => (c.node.start <= offset && offset < c.node.end) || (c.anchor.start <= offset && offset < c.anchor.end));
  return notes.map((note) => {
    const start = index.positionAt(note.span.start);
    const end = index.positionAt(note.span.end);
    const client = owner(note.span.start);
    return {
      file,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      ruleId: null,
      severity: 'information',
      message: note.message,
      fixable: false,
      safelyFixable: false,
      client: client?.name ?? null,
      related: note.related ? relatedOf(note.related) : NO_RELATED,
    };
  });
}

/**
 * Whether a finding's fix is to be made in another file of its project: the rule's preferred fix edits another
 * file (engine Finding.preferredFixElsewhere: in a Terraform module, the method in the credentials file), or its
 * only fixes do (a client grant's "add client_credentials" to a client in `clients/*.json` or `main.tf`). `--fix`
 * edits one file at a time and applies none of them (nor, in their place, a fix the rule prefers less). Undefined
 * when not, or when no such fix passed its checks (there is none to apply).
 */
export function fixElsewhere(finding: Finding): Fix | undefined {
  const elsewhere = finding.fixesElsewhere;
  if (!elsewhere || elsewhere.length === 0 || !(finding.preferredFixElsewhere || finding.fixes.length === 0)) return undefined;
  return elsewhere.find((f) => f === finding.preferredFix) ?? elsewhere[0];
}

/**
 * The findings whose fix is to be made in another file (fixElsewhere), each named at its finding with the file its
 * fix edits (`shown`: a path as the CLI shows it), for runs that ask for fixes; each within MAX_MESSAGE_LENGTH.
 * `clearedBy` gives, per finding, the run whose fix all on the file its fix edits clears it all the same
 * (cli/cleared-elsewhere.ts): its note names that run rather than saying `--fix` leaves it.
 */
export function elsewhereFixNotes(
  result: LintResult,
  links: ProjectLinks | undefined,
  shown: (path: string) => string,
  clearedBy: (finding: Finding) => { readonly run: 'safe' | 'unsafe' } | undefined = () => undefined,
): { span: Span; message: string }[] {
  const notes: { span: Span; message: string }[] = [];
  for (const finding of result.findings) {
    const fix = fixElsewhere(finding);
    const edit = fix?.edits.map(editTarget).find((node) => isLinkedOffset(node.start));
    const other = edit && linkedSpan(links, edit)?.file.path;
    if (!fix || other === undefined) continue;
    // Within MAX_MESSAGE_LENGTH: the fix's title gives way first, then the how; a path still too long is clipped
    // where it differs from the project's other files (clients named alike have file names alike).
    const rule = finding.ruleId;
    const cleared = clearedBy(finding);
    const run = cleared?.run === 'unsafe' ? '--fix --unsafe-fixes' : '--fix';
    // The run named clears it through the file its fix edits (the client's), not through its own fix.
    const forms: ((path: string) => string)[] = cleared
      ? [
          (path) => `${rule}: its fix (${fix.title}) edits ${path}, another file; ${run} clears it by fixing that file`,
          (path) => `${rule}: its fix edits ${path}, another file; ${run} clears it by fixing that file`,
          (path) => `${rule}: fix edits ${path}; ${run} clears it by fixing that file`,
          (path) => `${rule}: fix edits ${path}; ${run} clears it`,
        ]
      : [
          (path) => `${rule}: its fix (${fix.title}) edits ${path}, another file; --fix leaves it: quick fix or edit by hand`,
          (path) => `${rule}: its fix edits ${path}, another file; --fix leaves it: quick fix or edit by hand`,
          (path) => `${rule}: fix edits ${path}; --fix leaves it: quick fix or by hand`,
          (path) => `${rule}: fix edits ${path}; --fix leaves it`,
        ];
    const message = fitsNames(forms, [shown(other)], () => (links?.files ?? []).map((file) => shown(file.path)));
    notes.push({ span: finding.span, message });
  }
  return notes;
}

/** A finding `--diff --unsafe-fixes` leaves out of its diff (heldFixNotes), with the line that says so. */
export interface HeldFixNote {
  readonly finding: Finding;
  /** Its rule, severity and client: what it is matched by across fixes (its place moves). */
  readonly key: string;
  readonly message: string;
}

/** A finding's identity across a fix run: its rule, severity and client's name (cli/fixable.ts keys alike). */
export function heldKey(ruleId: string, severity: string, client: string | undefined): string {
  return `${ruleId}\0${severity}\0${client ?? ''}`;
}

/**
 * With `--diff --unsafe-fixes`: the errors and warnings of a file (linted as `before`) whose unsafe fix the run held
 * back (`held`, by client name: a client grant it would break in another file, cli/unsafe-elsewhere.ts, or in this
 * one, or a new problem on its client, engine/fix/fix-all.ts) and that fix all left (`after`: the fixed text's lint),
 * each with why, within MAX_MESSAGE_LENGTH. The summary counted them as fixable with `--unsafe-fixes` before the
 * fixes were checked, and the diff leaves them out: the run must say so, as `--fix --unsafe-fixes` does in its report.
 */
export function heldFixNotes(before: LintResult, after: LintResult, held: ReadonlyMap<string, UnsafeFixHeld>, shown: (path: string) => string): HeldFixNote[] {
  if (held.size === 0) return [];
  const clientOfBefore = clientLookup(before);
  const clientOfAfter = clientLookup(after);
  const keyOf = (finding: Finding, client: ReturnType<typeof clientOfBefore>): string => heldKey(finding.ruleId, finding.severity, client?.name ?? client?.resourceName);
  const left = new Map<string, number>();
  for (const finding of after.findings) left.set(keyOf(finding, clientOfAfter(finding)), (left.get(keyOf(finding, clientOfAfter(finding))) ?? 0) + 1);
  // A finding whose client is held, whose fix all choice is unsafe: the fix held. Of one key, those without such a
  // fix are the ones counted as left first (their fix, if any, was not held).
  const heldOf = (finding: Finding): UnsafeFixHeld | undefined => {
    if (finding.severity !== 'error' && finding.severity !== 'warning') return undefined;
    const choice = fixAllChoice(finding, { unsafe: true });
    if (!choice || isSafeFix(choice)) return undefined;
    const client = clientOfBefore(finding);
    const why = client && (held.get(client.name ?? '') ?? held.get(client.resourceName ?? ''));
    return why && heldReasonFor(why, choice);
  };
  const candidates = before.findings.map((finding) => ({ finding, key: keyOf(finding, clientOfBefore(finding)), why: heldOf(finding) }));
  for (const { key, why } of candidates) if (!why && left.has(key)) left.set(key, left.get(key)! - 1);
  const notes: HeldFixNote[] = [];
  for (const { finding, key, why } of candidates) {
    if (!why || (left.get(key) ?? 0) <= 0) continue;
    left.set(key, left.get(key)! - 1);
    const reasons = unsafeHeldReasons('file' in why ? { ...why, file: shown(why.file) } : why);
    const rule = finding.ruleId;
    const title = fixAllChoice(finding, { unsafe: true })!.title;
    const forms = [
      `${rule}: its unsafe fix (${title}) is not in the diff: ${reasons[0]!}`,
      // The lead gives way before the reason does (a file named is worth more than words around it).
      ...reasons.flatMap((reason) => [`${rule}: its unsafe fix is not in the diff: ${reason}`, `${rule}: unsafe fix not in the diff: ${reason}`]),
      `${rule}: unsafe fix not in the diff`,
    ];
    notes.push({ finding, key, message: forms.find((form) => form.length <= MAX_MESSAGE_LENGTH) ?? forms.at(-1)! });
  }
  return notes;
}
