/**
 * The one place the service lints a document. Everything else reads an `Analysis`, so making re-linting
 * incremental later only means replacing `analyze`.
 */
import type { FileSettings, Format, LintResult } from '../engine/index';
import { formatOf, LineIndex, lintText } from '../engine/index';

export interface AnalyzeInput {
  /** A file path (or, for documents without one, a path-like name): client discovery reads folder and name. */
  readonly path: string;
  readonly text: string;
  readonly languageId?: string;
  readonly settings: FileSettings;
}

export interface Analysis {
  readonly path: string;
  readonly text: string;
  readonly format: Format;
  readonly settings: FileSettings;
  readonly result: LintResult;
  readonly lines: LineIndex;
}

/** The document's format, or undefined when it is neither JSON nor YAML (then it is never a client config). */
export function documentFormat(path: string, languageId?: string): Format | undefined {
  return formatOf(path, languageId);
}

export function analyze(input: AnalyzeInput): Analysis | undefined {
  const format = documentFormat(input.path, input.languageId);
  if (!format) return undefined;
  const result = lintText({ path: input.path, text: input.text, format, settings: input.settings });
  return { path: input.path, text: input.text, format, settings: input.settings, result, lines: new LineIndex(input.text) };
}
