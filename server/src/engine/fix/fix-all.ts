/** "Fix all": the preferred fix of every error and warning, repeated until nothing fixable is left. */
import type { Format } from '../model';
import type { LintFinding, LintInput, LintResult } from '../lint';
import { lintText } from '../lint';
import { applyTextEdits, EditRenderer, editsConflict } from './render';
import type { TextEdit } from './semantic';

const MAX_PASSES = 10;

export function isFixAllCandidate(finding: LintFinding): boolean {
  return (finding.severity === 'error' || finding.severity === 'warning') && finding.fixes.length > 0;
}

/** The text edits of each finding's preferred fix that can be applied together in one pass. */
export function preferredEdits(text: string, format: Format, findings: readonly LintFinding[]): TextEdit[] {
  const renderer = new EditRenderer(text, format);
  const accepted: TextEdit[] = [];
  for (const finding of findings) {
    if (!isFixAllCandidate(finding)) continue;
    const edits = renderer.render(finding.fixes[0]!.edits);
    if (edits.length === 0 || editsConflict(accepted, edits)) continue;
    accepted.push(...edits);
  }
  return accepted;
}

export interface FixAllResult {
  readonly text: string;
  /** How many passes changed the text. */
  readonly passes: number;
  readonly result: LintResult;
}

/**
 * Applies preferred fixes pass after pass (fixes that touch the same bytes wait for the next pass) until a pass
 * changes nothing. Files with syntax errors are left alone: their structure is a guess.
 */
export function fixAll(input: LintInput): FixAllResult {
  let text = input.text;
  let result = lintText(input);
  let passes = 0;
  while (passes < MAX_PASSES && result.parsed.errors.length === 0) {
    const edits = preferredEdits(text, result.format, result.findings);
    if (edits.length === 0) break;
    const next = applyTextEdits(text, edits);
    if (next === text) break;
    text = next;
    passes++;
    result = lintText({ ...input, text });
  }
  return { text, passes, result };
}
