/** The problems of a config file, each placed on the key or value at fault, and the error that carries them. */
import type { Position } from '../engine/index';

/** One problem of a config file. */
export interface ConfigIssue {
  /** What is wrong, without the file or a position: "unknown key 'legacytenant' (...); did you mean 'legacyTenant'?". */
  readonly message: string;
  /** The key or value at fault (0-based lines, UTF-16 characters); absent when the problem has no place (unreadable). */
  readonly range?: { readonly start: Position; readonly end: Position };
}

/**
 * A config file that cannot be read or is not valid. `issues` holds every problem found (at least one); the
 * message has one line per issue, each `<file>: <line>:<col>: <message>` (without the position when it has none).
 */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(
    readonly file: string,
    issues: string | readonly ConfigIssue[],
  ) {
    const list = typeof issues === 'string' ? [{ message: issues }] : issues;
    super(list.map((issue) => `${file}: ${issueText(issue)}`).join('\n'));
    this.issues = list;
  }
}

/** An issue as the CLI shows it after the file's path: `3:5: unknown key ...`, 1-based, or the bare message. */
export function issueText(issue: ConfigIssue): string {
  if (!issue.range) return issue.message;
  return `${issue.range.start.line + 1}:${issue.range.start.character + 1}: ${issue.message}`;
}
