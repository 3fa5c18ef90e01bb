/**
 * What `--fix` and `--fix --unsafe-fixes` would really clear in a file, for the summary's "can be fixed" counts
 * and the json format's `safelyFixable`. A finding with a quick fix is not always cleared by fix all: its fix may
 * clash with another fix of the same client that takes precedence, raise a new error or warning (an unsafe fix
 * then waits for the user), or edit another file. So fix all is run on the file's text (nothing is written) and
 * the findings it leaves are matched, by rule, severity and client, against the file's findings. Where clients
 * stand alone, a client fix all would change with one fix and then leave is judged on the model, and fix all runs
 * only on the file cut down to the other clients with a fix (cli/fix-scope.ts, fixPlan): a tenant of thousands of
 * clients, hundreds of them fixable, is not read again whole for each run.
 */
import { fixAll, type FixAllResult } from '../engine/fix/fix-all';
import type { LintInput, LintResult } from '../engine/lint';
import { lintText } from '../engine/lint';
import type { ParsedFile } from '../engine/model';
import { entryAt } from '../engine/suppression';
import { LineIndex } from '../engine/text';
import type { FixPlan } from './fix-scope';
import { lineFates } from './line-fates';
import { fixPlan } from './fix-scope';
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
 * a finding has a fix of the kind that run applies, on the narrowed file when `result` allows it (fix-scope.ts).
 * `unsafe: false` skips the run with unsafe fixes (`byUnsafe` is then `bySafe`): only the stylish summary
 * counts what `--unsafe-fixes` would clear, and that run costs a relint of every client with an unsafe fix.
 * `unsafeFixAll`: how `--fix --unsafe-fixes` fixes this file when that differs from fix all alone (a file other
 * files depend on: unsafe-elsewhere.ts); the whole file is then run through it.
 */
export function clearableFindings(
  file: string,
  input: LintInput,
  findings: readonly CliFinding[],
  result?: LintResult,
  { unsafe = true, unsafeFixAll }: { readonly unsafe?: boolean; readonly unsafeFixAll?: (input: LintInput) => FixAllResult } = {},
): Clearable {
  const none = findings.map(() => false);
  if (!findings.some((f) => f.fixable)) return { bySafe: none, byUnsafe: none };
  let tiedFile: boolean | undefined;
  // Asked only where findings alike were partly cleared; the plain path (no result: the tests' reference) lints.
  const tied = (): boolean => (tiedFile ??= isTied(result ?? lintText(input)));
  const cleared = (unsafe: boolean): boolean[] => {
    if (unsafe && unsafeFixAll) return clearedBy(file, input, findings, unsafe, tied, unsafeFixAll);
    const plan = result ? fixPlan(input, result, unsafe) : undefined;
    return plan ? clearedByPlan(file, findings, unsafe, plan) : clearedBy(file, input, findings, unsafe, tied);
  };
  const bySafe = !findings.some((f) => f.safelyFixable) ? none : result && eachFixAlone(result, findings) ? findings.map((f) => f.safelyFixable) : cleared(false);
  // Only errors and warnings that --fix leaves are counted for --unsafe-fixes: run it only when there are some.
  const hasUnsafe = unsafe && findings.some((f, i) => f.fixable && !bySafe[i] && (f.severity === 'error' || f.severity === 'warning'));
  const byUnsafe = hasUnsafe ? cleared(true) : bySafe;
  return { bySafe, byUnsafe };
}

/**
 * Whether safe fix all applies each finding's checked safe fix alone, so a finding with one is cleared: no client
 * has two findings with fixes (their fixes could clash or take precedence), and nothing ties clients together
 * (YAML anchors, client grants, findings of clients of other files). Each safe fix was checked on its client to
 * remove its finding and raise no new error, and fixes of different clients edit different text, so the first
 * pass clears them all. Held to running fix all by the fix-count tests. A finding of no client (a suppression
 * comment) may go with the item a fix removes, so a file with one runs fix all.
 */
function eachFixAlone(result: LintResult, findings: readonly CliFinding[]): boolean {
  if (findings.some((f) => f.client === null)) return false;
  if ((result.parsed.anchors?.length ?? 0) > 0 || result.grants.length > 0 || result.guests.length > 0 || result.linkedFindings.length > 0) return false;
  return result.clientFindings.every((findings) => findings.filter((f) => f.fixes.length > 0).length <= 1);
}

/**
 * Whether YAML anchors or client grants tie the file's clients together: no fix plan then (fix-scope.ts), and fix
 * all on the whole file tells apart alike findings of one client too (an anchored client grant and its merged copy).
 */
function isTied(result: LintResult): boolean {
  return (result.parsed.anchors?.length ?? 0) > 0 || result.grants.length > 0;
}

/**
 * Runs fix all (or `run`) on the whole file and says which findings it clears. `tied`: whether the file is tied
 * (isTied), asked only where findings of a client alike were partly cleared.
 */
function clearedBy(file: string, input: LintInput, findings: readonly CliFinding[], unsafe: boolean, tied: () => boolean, run?: (input: LintInput) => FixAllResult): boolean[] {
  const fixed = run ? run({ ...input, fixChecks: 'all' }) : fixAll({ ...input, fixChecks: 'all' }, { unsafe });
  if (fixed.text === input.text) return findings.map(() => false);
  const leftFindings = toCliFindings(file, fixed.text, fixed.result);
  const left = countByClearKey(leftFindings);
  const cleared = matchLeft(findings, unsafe, () => left);
  const parsedBefore = (): ParsedFile => (input.parsed?.text === input.text ? input.parsed.file : lintText(input).parsed);
  return clearedByPlace(findings, cleared, unsafe, { before: input.text, after: fixed.text, left: leftFindings, parsedBefore, parsedAfter: fixed.result.parsed }, tied) ?? cleared;
}

/** A fix all run for clearedByPlace: the file's text before and after (with their parses), and the findings left in it. */
interface FixedText {
  readonly before: string;
  readonly after: string;
  readonly left: readonly CliFinding[];
  readonly parsedBefore: () => ParsedFile;
  readonly parsedAfter: ParsedFile;
}

/**
 * `cleared` (matched by count) mended where findings alike (same clearKeyOf; of no client, or in a tied file) were only partly cleared: which of
 * them are left is told by where their lines went (line-fates.ts) and what they point at. A finding is left when a
 * finding alike points at the same text on its line, or in the lines its changed run became; those without a fix
 * of this run's kind claim first, as in matchLeft. A group whose places do not explain its count keeps the count's
 * answer; undefined when nothing needed telling apart or the diff gave up.
 */
function clearedByPlace(findings: readonly CliFinding[], cleared: readonly boolean[], unsafe: boolean, fixed: FixedText, tied: () => boolean): boolean[] | undefined {
  const groups = new Map<string, number[]>();
  findings.forEach((finding, i) => {
    const key = clearKeyOf(finding);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  // Findings of no client (suppression comments, nameless clients), which the fix plan (fix-scope.ts) never judges,
  // and in a tied file any: there fix all on the whole file is what tells them apart, so the counts of the fast path
  // (the plan, the one-fix shortcut) and the plain one agree.
  const partlyCleared = [...groups].filter(([, group]) => group.some((i) => cleared[i]) && group.some((i) => !cleared[i]));
  const partly = partlyCleared.some(([, group]) => findings[group[0]!]!.client !== null) && tied() ? partlyCleared : partlyCleared.filter(([, group]) => findings[group[0]!]!.client === null);
  if (partly.length === 0) return undefined;
  const fates = lineFates(fixed.before, fixed.after);
  if (!fates) return undefined;
  const textBefore = spanTexts(fixed.before);
  const textAfter = spanTexts(fixed.after);
  let entriesBefore: ((finding: CliFinding) => string | undefined) | undefined;
  let entriesAfter: ((finding: CliFinding) => string | undefined) | undefined;
  const mended = [...cleared];
  const hasFix = (finding: CliFinding): boolean => (unsafe ? finding.fixable : finding.safelyFixable);
  for (const [key, group] of partly) {
    const left = fixed.left.filter((f) => clearKeyOf(f) === key);
    const claimed = left.map(() => false);
    const order = [...group].sort((a, b) => Number(hasFix(findings[a]!)) - Number(hasFix(findings[b]!)) || a - b);
    const byPlace = new Map<number, boolean>();
    for (const i of order) {
      const finding = findings[i]!;
      const fate = fates(finding.line);
      const written = textBefore(finding);
      const at = !fate ? -1 : left.findIndex((f, k) => !claimed[k] && ('at' in fate ? f.line === fate.at : f.line >= fate.from && f.line < fate.to) && textAfter(f) === written);
      if (at >= 0) claimed[at] = true;
      byPlace.set(i, at < 0);
    }
    const leftByCount = group.filter((i) => !cleared[i]).length;
    // A client's findings alike (its client grants: an anchored one, its merged copy, one a comment keeps) are told
    // apart first by the text of their entry, which a line diff may pair with a like entry's lines instead.
    if (findings[group[0]!]!.client !== null) {
      entriesBefore ??= entryTexts(fixed.before, fixed.parsedBefore());
      entriesAfter ??= entryTexts(fixed.after, fixed.parsedAfter);
      const byEntry = claimedBy(order, left, (i) => entriesBefore!(findings[i]!), (f) => entriesAfter!(f));
      if (byEntry && group.filter((i) => !byEntry.get(i)).length === leftByCount) {
        for (const i of group) mended[i] = byEntry.get(i)!;
        continue;
      }
    }
    const leftByPlace = group.filter((i) => !byPlace.get(i)).length;
    if (leftByPlace === leftByCount) for (const i of group) mended[i] = byPlace.get(i)!;
  }
  return mended;
}

/**
 * For each of `order` (finding indexes), whether it is cleared: left when a finding of `left` not yet claimed has
 * the same text (`before` of it, `after` of the left one). Undefined when some text is unknown.
 */
function claimedBy(order: readonly number[], left: readonly CliFinding[], before: (i: number) => string | undefined, after: (f: CliFinding) => string | undefined): Map<number, boolean> | undefined {
  const texts = left.map(after);
  if (texts.some((t) => t === undefined)) return undefined;
  const claimed = left.map(() => false);
  const out = new Map<number, boolean>();
  for (const i of order) {
    const text = before(i);
    if (text === undefined) return undefined;
    const at = texts.findIndex((t, k) => !claimed[k] && t === text);
    if (at >= 0) claimed[at] = true;
    out.set(i, at < 0);
  }
  return out;
}

/** The text of the client or client grant (engine/suppression.ts entryAt) a finding of `text` (parsed as `parsed`) is in. */
function entryTexts(text: string, parsed: ParsedFile): (finding: CliFinding) => string | undefined {
  const lines = new LineIndex(text);
  return (finding) => {
    const entry = entryAt(parsed, lines.offsetAt({ line: finding.line - 1, character: finding.column - 1 }));
    return entry && text.slice(entry.start, entry.end);
  };
}

/** The text a finding points at in `text` (its 1-based lines and columns, as CliFinding gives them). */
function spanTexts(text: string): (finding: CliFinding) => string {
  const lines = new LineIndex(text);
  return (finding) => text.slice(lines.offsetAt({ line: finding.line - 1, character: finding.column - 1 }), lines.offsetAt({ line: finding.endLine - 1, character: finding.endColumn - 1 }));
}

/**
 * clearedBy for a fix plan: clients judged alone by what the plan says fix all leaves them, the others by fix all
 * on the narrowed file; a finding of a client the narrowed file left out is never cleared.
 */
function clearedByPlan(file: string, findings: readonly CliFinding[], unsafe: boolean, plan: FixPlan): boolean[] {
  const scope = plan.scope;
  // Unchanged, the run cleared nothing: each finding of its clients is left (counted from the narrowed lint).
  const left = scope && leftAfter(file, fixAll({ ...scope.input, fixChecks: 'all' }, { unsafe, linted: scope.result }));
  return matchLeft(findings, unsafe, (finding) => {
    if (finding.client === null) return undefined;
    return plan.alone.get(finding.client) ?? (scope?.names.has(finding.client) ? left : undefined);
  });
}

/** The findings fix all left, counted by clearKeyOf. */
function leftAfter(file: string, fixed: FixAllResult): Map<string, number> {
  return leftCounts(file, fixed.text, fixed.result);
}

/** The findings of a lint (`result`, of `text`), counted by rule, severity and client: what `clearedAgainst` matches. */
export function leftCounts(file: string, text: string, result: LintResult): Map<string, number> {
  return countByClearKey(toCliFindings(file, text, result));
}

function countByClearKey(findings: readonly CliFinding[]): Map<string, number> {
  const left = new Map<string, number>();
  for (const finding of findings) left.set(clearKeyOf(finding), (left.get(clearKeyOf(finding)) ?? 0) + 1);
  return left;
}

/**
 * Which of `findings` are gone from `left` (leftCounts of the file after some fix, in this file or another): those
 * with a fix of the kind the run applies (`unsafe`) are taken as cleared first, as for fix all on the file itself.
 */
export function clearedAgainst(findings: readonly CliFinding[], unsafe: boolean, left: ReadonlyMap<string, number>): boolean[] {
  return matchLeft(findings, unsafe, () => left);
}

/**
 * Matches findings against what fix all left (`leftOf` gives a finding's counts, or undefined when its client was
 * not run: never cleared). Findings of one rule, severity and client are told apart by whether they have a fix of
 * the kind this run applies: those without one are the ones counted as left first.
 */
function matchLeft(findings: readonly CliFinding[], unsafe: boolean, leftOf: (finding: CliFinding) => ReadonlyMap<string, number> | undefined): boolean[] {
  const cleared = findings.map(() => false);
  const taken = new Map<ReadonlyMap<string, number>, Map<string, number>>();
  const hasFix = (finding: CliFinding): boolean => (unsafe ? finding.fixable : finding.safelyFixable);
  const order = findings.map((_, i) => i);
  order.sort((a, b) => Number(hasFix(findings[a]!)) - Number(hasFix(findings[b]!)) || a - b);
  for (const i of order) {
    const finding = findings[i]!;
    const left = leftOf(finding);
    if (!left) continue;
    let used = taken.get(left);
    if (!used) taken.set(left, (used = new Map()));
    const key = clearKeyOf(finding);
    const usedCount = used.get(key) ?? 0;
    if (usedCount >= (left.get(key) ?? 0)) cleared[i] = true;
    else used.set(key, usedCount + 1);
  }
  return cleared;
}

/**
 * A finding's identity across a fix: positions move, and so may its message (a message says "add it" only while
 * a fix is offered); its rule, severity and client do not.
 */
export function clearKeyOf(finding: CliFinding): string {
  return `${finding.ruleId}\0${finding.severity}\0${finding.client ?? ''}`;
}
