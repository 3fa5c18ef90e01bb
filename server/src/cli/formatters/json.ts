import type { FileReport } from '../report';
import { indentedJson } from './json-stream';

/**
 * Every finding of every file as one JSON array (CliFinding objects, indented by 2), yielded a finding at a time:
 * the bytes of `JSON.stringify(findings, null, 2) + '\n'` without building that text or a copy of the list.
 */
export function* jsonChunks(reports: readonly FileReport[]): Generator<string> {
  let first = true;
  for (const report of reports) {
    for (const finding of report.findings) {
      yield `${first ? '[\n' : ',\n'}${indentedJson(finding, 1)}`;
      first = false;
    }
  }
  yield first ? '[]\n' : '\n]\n';
}
