/** Notes that are no rule's finding, for the CLI's reports: where they are, as 1-based positions. */
import type { ClientEntry } from '../engine/discover';
import { movedAttributeNotes } from '../engine/moved-attributes';
import { LineIndex } from '../engine/text';
import type { CliNote } from './report';

/**
 * The notes of one linted file (`file` as shown, `text` its final text): attributes a Terraform client writes
 * whose meaning depends on the provider version (engine/moved-attributes.ts), in file order, each naming its
 * client (its `name`, which for Terraform falls back to the resource name).
 */
export function fileNotes(file: string, text: string, clients: readonly ClientEntry[]): CliNote[] {
  const notes = movedAttributeNotes(clients);
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
