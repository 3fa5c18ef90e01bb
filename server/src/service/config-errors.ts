/** Where a config file problem is shown: on the key or value at fault, else at the file's start. */
import type { ConfigIssue } from '../workspace/index';
import type { Range } from './types';

export interface ConfigProblem {
  readonly range: Range;
  readonly message: string;
}

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Each problem of a broken config file, where the editor shows it. */
export function configProblems(issues: readonly ConfigIssue[]): ConfigProblem[] {
  return issues.map((issue) => ({ range: issue.range ?? FILE_START, message: issue.message }));
}
