/** Notes that are no rule's finding, for the CLI's reports: where they are, as 1-based positions. */
import type { ClientEntry } from '../engine/discover';
import { ClientFacts } from '../engine/client';
import { getValue, type Span } from '../engine/model';
import { movedAttributeNotes } from '../engine/moved-attributes';
import { LineIndex } from '../engine/text';
import type { CliNote } from './report';

/**
 * The notes of one linted file (`file` as shown, `text` its final text): attributes a Terraform client writes
 * whose meaning depends on the provider version (engine/moved-attributes.ts), Terraform clients whose
 * `grant_types` is computed (computedGrantNotes), and `more` (client grants whose client is not found), in file order, each naming its client (its `name`, which for
 * Terraform falls back to the resource name).
 */
export function fileNotes(file: string, text: string, clients: readonly ClientEntry[], more: readonly { readonly span: Span; readonly message: string }[] = []): CliNote[] {
  const notes = [...movedAttributeNotes(clients), ...computedGrantNotes(clients), ...more].sort((a, b) => a.span.start - b.span.start);
  if (notes.length === 0) return [];
  const index = new LineIndex(text);
  const owner = (offset: number) => clients.find((c) => c.node.start <= offset && offset < c.node.end);
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
    };
  });
}

/**
 * Terraform clients whose `grant_types` is computed, or holds a computed item (a variable, a local, a function
 * call, an interpolation: known only at plan time): no rule that reads the grants can judge them, which must not
 * pass unseen. At the value.
 */
export function computedGrantNotes(clients: readonly ClientEntry[]): { span: { start: number; end: number }; message: string }[] {
  const notes: { span: { start: number; end: number }; message: string }[] = [];
  for (const client of clients) {
    if (client.source !== 'terraform') continue;
    const facts = new ClientFacts(client);
    const whole = facts.grantTypes.state === 'unknown';
    // A list of literals and computed values (`["authorization_code", var.extra]`) is not known whole either.
    if (!whole && facts.grants?.hasUnknownItems !== true) continue;
    const value = getValue(client.node, 'grant_types');
    if (!value) continue;
    const what = whole ? 'grant_types is computed' : 'grant_types holds a computed value';
    notes.push({ span: { start: value.start, end: value.end }, message: `${what} (known only at plan time): the rules that read the grants do not judge this client` });
  }
  return notes;
}
