/**
 * What `--fix` and `--fix --unsafe-fixes` would really clear in a file, for the summary's "can be fixed" counts
 * and the json format's `safelyFixable`. A finding with a quick fix is not always cleared by fix all: its fix may
 * clash with another fix of the same client that takes precedence, raise a new error or warning (an unsafe fix
 * then waits for the user), or edit another file. So fix all is run on the file's text (nothing is written) and
 * the findings it leaves are matched, by rule, severity and client, against the file's findings.
 */
import { fixAll } from '../engine/fix/fix-all';
import type { LintInput } from '../engine/lint';
import type { CliFinding } from './report';
import { toCliFindings } from './report';

export interface Clearable {
  /** Per finding (same order): a rerun with `--fix` clears it. */
  readonly bySafe: readonly boolean[];
  /** Per finding: a rerun with `--fix --unsafe-fixes` clears it. */
  readonly byUnsafe: readonly boolean[];
}

/**
 * Which of `findings` (the CLI findings of `input.text`, as toCliFindings made them for `file`, possibly only
 * some of them) fix all would clear, with and without unsafe fixes. Runs fix all at most twice, and only when
 * a finding has a fix of the kind that run applies.
 */
export function clearableFindings(file: string, input: LintInput, findings: readonly CliFinding[]): Clearable {
  const none = findings.map(() => false);
  if (!findings.some((f) => f.fixable)) return { bySafe: none, byUnsafe: none };
  const bySafe = findings.some((f) => f.safelyFixable) ? clearedBy(file, input, findings, false) : none;
  const hasUnsafe = findings.some((f) => f.fixable && (f.severity === 'error' || f.severity === 'warning'));
  const byUnsafe = hasUnsafe ? clearedBy(file, input, findings, true) : bySafe;
  return { bySafe, byUnsafe };
}

function clearedBy(file: string, input: LintInput, findings: readonly CliFinding[], unsafe: boolean): boolean[] {
  const fixed = fixAll({ ...input, fixChecks: 'all' }, { unsafe });
  if (fixed.text === input.text) return findings.map(() => false);
  const left = new Map<string, number>();
  for (const finding of toCliFindings(file, fixed.text, fixed.result)) left.set(keyOf(finding), (left.get(keyOf(finding)) ?? 0) + 1);
  return findings.map((finding) => {
    const remaining = left.get(keyOf(finding)) ?? 0;
    if (remaining === 0) return true;
    left.set(keyOf(finding), remaining - 1);
    return false;
  });
}

/**
 * A finding's identity across a fix: positions move, and so may its message (a message says "add it" only while
 * a fix is offered); its rule, severity and client do not.
 */
function keyOf(finding: CliFinding): string {
  return `${finding.ruleId}\0${finding.severity}\0${finding.client ?? ''}`;
}
