/** Notes that are no rule's finding, for the CLI's reports: where they are, as 1-based positions. */
import type { Span } from '../engine/model';
import { isLinkedOffset, linkedSpan, type ProjectLinks } from '../engine/links';
import type { LintResult } from '../engine/lint';
import { editTarget, type Fix } from '../engine/fix/semantic';
import type { Finding } from '../engine/rules/api';
import { fitsNames } from '../engine/rules/messages';
import { LineIndex } from '../engine/text';
import type { NoteSpan } from '../service/notes';
import { NO_RELATED, relatedPlaces, type CliNote } from './report';

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
 */
export function elsewhereFixNotes(result: LintResult, links: ProjectLinks | undefined, shown: (path: string) => string): { span: Span; message: string }[] {
  const notes: { span: Span; message: string }[] = [];
  for (const finding of result.findings) {
    const fix = fixElsewhere(finding);
    const edit = fix?.edits.map(editTarget).find((node) => isLinkedOffset(node.start));
    const other = edit && linkedSpan(links, edit)?.file.path;
    if (!fix || other === undefined) continue;
    // Within MAX_MESSAGE_LENGTH: the fix's title gives way first, then the how; a path still too long is clipped
    // where it differs from the project's other files (clients named alike have file names alike).
    const rule = finding.ruleId;
    const message = fitsNames(
      [
        (path) => `${rule}: its fix (${fix.title}) edits ${path}, another file; --fix leaves it: quick fix or edit by hand`,
        (path) => `${rule}: its fix edits ${path}, another file; --fix leaves it: quick fix or edit by hand`,
        (path) => `${rule}: fix edits ${path}; --fix leaves it: quick fix or by hand`,
        (path) => `${rule}: fix edits ${path}; --fix leaves it`,
      ],
      [shown(other)],
      () => (links?.files ?? []).map((file) => shown(file.path)),
    );
    notes.push({ span: finding.span, message });
  }
  return notes;
}
