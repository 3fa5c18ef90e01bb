/** Where a config file problem is shown: the line:col the message starts with, else the file's start. */
import type { Range } from './types';

export interface ConfigProblem {
  readonly range: Range;
  readonly message: string;
}

const AT = /^(\d+):(\d+): /;

export function configProblem(message: string): ConfigProblem {
  const match = AT.exec(message);
  if (!match) return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message };
  const line = Math.max(0, Number(match[1]) - 1);
  const character = Math.max(0, Number(match[2]) - 1);
  return { range: { start: { line, character }, end: { line, character: character + 1 } }, message: message.slice(match[0].length) };
}
