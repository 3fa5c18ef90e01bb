import type { CliFinding, CliNote, FileReport } from '../report';
import { batchesOf, indentedItems } from './json-stream';

/**
 * Every finding of every file as one JSON array (CliFinding objects, indented by 2), each file's notes after its
 * findings (CliNote: `ruleId` null), yielded a batch at a time: the bytes of `JSON.stringify(findings, null, 2) +
 * '\n'` without building that text or a copy of the list.
 */
export function* jsonChunks(reports: readonly FileReport[]): Generator<string> {
  let first = true;
  for (const batch of batchesOf(findingsAndNotes(reports), (finding) => finding)) {
    yield `${first ? '[\n' : ',\n'}${indentedItems(batch, 1)}`;
    first = false;
  }
  yield first ? '[]\n' : '\n]\n';
}

function* findingsAndNotes(reports: readonly FileReport[]): Generator<CliFinding | CliNote> {
  for (const report of reports) {
    yield* report.findings;
    if (report.notes) yield* report.notes;
  }
}
