/**
 * "Fix all" (rule book, "Safe and unsafe fixes"): the first safe fix of every finding, repeated until nothing
 * changes; with `unsafe`, also the preferred fix of every error and warning when that fix is unsafe.
 */
import type { ArrayNode, Format, ValueNode } from '../model';
import type { LintFinding, LintInput, LintResult } from '../lint';
import { lintText } from '../lint';
import { applyTextEdits, EditRenderer, editsConflict } from './render';
import type { Fix, TextEdit } from './semantic';
import { isSafeFix } from './semantic';

const MAX_PASSES = 10;

export interface FixAllOptions {
  /** Also apply the preferred fix of each error and warning when it is unsafe (`--unsafe-fixes`). Default false. */
  readonly unsafe?: boolean;
}

/**
 * The fix "fix all" applies to a finding, or undefined: with `unsafe`, the preferred (first) fix of an error or
 * warning, safe or not; otherwise (and for information and hint findings) the first safe fix.
 */
export function fixAllChoice(finding: LintFinding, options: FixAllOptions = {}): Fix | undefined {
  const preferred = finding.fixes[0];
  if (options.unsafe && preferred && (finding.severity === 'error' || finding.severity === 'warning')) return preferred;
  return finding.fixes.find(isSafeFix);
}

/** Whether "fix all" (safe only by default) would change something for this finding. */
export function isFixAllCandidate(finding: LintFinding, options: FixAllOptions = {}): boolean {
  return fixAllChoice(finding, options) !== undefined;
}

/** The text edits of each finding's chosen fix (fixAllChoice) that can be applied together in one pass. */
export function fixAllEdits(text: string, format: Format, findings: readonly LintFinding[], options: FixAllOptions = {}): TextEdit[] {
  return fixAllEditGroups(text, format, findings, options).flat();
}

/** fixAllEdits, one group of text edits per fix, in the order of the findings. */
function fixAllEditGroups(text: string, format: Format, findings: readonly LintFinding[], options: FixAllOptions): TextEdit[][] {
  const renderer = new EditRenderer(text, format);
  const accepted: TextEdit[] = [];
  const groups: TextEdit[][] = [];
  const removed = new Map<ArrayNode, Set<ValueNode>>();
  for (const finding of findings) {
    const fix = fixAllChoice(finding, options);
    if (!fix || emptiesWithOthers(fix, removed)) continue;
    const edits = renderer.render(fix.edits);
    if (edits.length === 0 || editsConflict(accepted, edits)) continue;
    accepted.push(...edits);
    groups.push(edits);
    for (const edit of fix.edits) {
      if (edit.kind !== 'removeItems') continue;
      const set = removed.get(edit.array) ?? new Set<ValueNode>();
      edit.items.forEach((item) => set.add(item));
      removed.set(edit.array, set);
    }
  }
  return groups;
}

/**
 * Whether a fix's removals, with those already taken in this pass, would empty a list that none of them empties
 * alone. Each removal is rendered for a list that keeps other items, so together they would leave `key:` with
 * nothing after it (null, not `[]`); the fix waits for the next pass, where it removes the last item itself.
 */
function emptiesWithOthers(fix: Fix, removed: ReadonlyMap<ArrayNode, ReadonlySet<ValueNode>>): boolean {
  return fix.edits.some((edit) => {
    if (edit.kind !== 'removeItems') return false;
    const before = removed.get(edit.array);
    if (!before || before.size === 0) return false;
    return edit.array.items.every((item) => before.has(item) || edit.items.includes(item));
  });
}

export interface FixAllResult {
  readonly text: string;
  /** How many passes changed the text. */
  readonly passes: number;
  readonly result: LintResult;
}

/**
 * Applies the chosen fixes pass after pass (fixes that touch the same bytes wait for the next pass) until a pass
 * changes nothing. Files with syntax errors are left alone: their structure is a guess.
 *
 * Safe only (the default, `--fix`, fix on save): every pass applies safe fixes only, and a safe fix never lets a
 * client do anything new, so no chain of passes can add a grant.
 *
 * With `unsafe` (`--fix --unsafe-fixes`), the later passes take unsafe fixes too. That is a choice: one pass of
 * unsafe fixes followed by safe-only passes would stop short wherever an unsafe fix uncovers another finding
 * that an unsafe fix clears, and a second run would then change the file again. Running every pass with the same choice until nothing changes makes a second run a no-op (the
 * result is a fixed point), which is what a user who runs it in CI and pre-commit needs. The user chose unsafe
 * fixes, so a chain of them is what was asked for; each one is still checked not to add an error.
 */
export function fixAll(input: LintInput, options: FixAllOptions = {}): FixAllResult {
  let text = input.text;
  let result = lintText(input);
  let passes = 0;
  while (passes < MAX_PASSES && result.parsed.errors.length === 0) {
    const groups = fixAllEditGroups(text, result.format, result.findings, options);
    if (groups.length === 0) break;
    let next = applyTextEdits(text, groups.flat());
    let nextResult = lintText({ ...input, text: next });
    const clashing = groups.length > 1 ? clientsWithNewErrors(result, nextResult) : new Set<number>();
    if (clashing.size > 0) {
      // Each fix was checked alone; two of one client can still clash together (a misspelt device code grant
      // written out, and the auth method set to null beside client_authentication_methods). In those clients take
      // one fix this pass (the next pass checks the others against its result); elsewhere take them all.
      const starts = result.clients.map((client) => client.node.start);
      const taken = new Set<number>();
      const kept = groups.filter((group) => {
        const client = clientAt(starts, group[0]!.start);
        if (!clashing.has(client)) return true;
        if (taken.has(client)) return false;
        taken.add(client);
        return true;
      });
      next = applyTextEdits(text, kept.flat());
      nextResult = lintText({ ...input, text: next });
      if (clientsWithNewErrors(result, nextResult).size > 0) {
        next = applyTextEdits(text, groups[0]!);
        nextResult = lintText({ ...input, text: next });
      }
    }
    if (next === text) break;
    text = next;
    result = nextResult;
    passes++;
  }
  return { text, passes, result };
}

/** The clients (by index) with more error findings of some rule after than before. */
function clientsWithNewErrors(before: LintResult, after: LintResult): Set<number> {
  const counts = errorCounts(before);
  const clients = new Set<number>();
  for (const [key, count] of errorCounts(after)) if (count > (counts.get(key) ?? 0)) clients.add(Number(key.slice(0, key.indexOf(':'))));
  return clients;
}

/** Error findings counted per client (by index, found by position) and rule. */
function errorCounts(result: LintResult): Map<string, number> {
  const starts = result.clients.map((client) => client.node.start);
  const counts = new Map<string, number>();
  for (const finding of result.findings) {
    if (finding.severity !== 'error') continue;
    const key = `${clientAt(starts, finding.span.start)}:${finding.ruleId}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The index of the last client starting at or before `offset` (clients are in document order), or -1. */
function clientAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  let index = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! <= offset) {
      index = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return index;
}
