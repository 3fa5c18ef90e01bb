/**
 * "Fix all" (rule book, "Safe and unsafe fixes"): the first safe fix of every finding, repeated until nothing
 * changes; with `unsafe`, also the preferred fix of every error and warning when that fix is unsafe.
 */
import type { ClientEntry } from '../discover';
import type { ArrayNode, ParsedFile, ValueNode } from '../model';
import type { LintFinding, LintInput, LintResult } from '../lint';
import { lintText } from '../lint';
import { isLinkedOffset } from '../links';
import { AcceptedEdits, applyTextEdits, EditRenderer } from './render';
import type { PassRemovals } from './append-items';
import type { Finding } from '../rules/api';
import type { Fix, SemanticEdit, TextEdit } from './semantic';
import { isSafeFix } from './semantic';

const MAX_PASSES = 10;

export interface FixAllOptions {
  /** Also apply the preferred fix of each error and warning when it is unsafe (`--unsafe-fixes`). Default false. */
  readonly unsafe?: boolean;
  /** The input's lint with every fix checked (`fixChecks: 'all'`), when the caller has it: not linted again. */
  readonly linted?: LintResult;
  /**
   * With `unsafe`: clients whose unsafe fixes wait for the user (their findings take their safe fix, if any), as
   * those of a client an unsafe fix gives a new error or warning in this file do. For the caller that sees what
   * this file's fixes do to other files (the CLI: a client grant in `grants/` or another `.tf` file of the client).
   */
  readonly unsafeHeld?: (client: ClientEntry) => boolean;
}

/**
 * The fix "fix all" applies to a finding, or undefined: with `unsafe`, the preferred (first) fix of an error or
 * warning, safe or not; otherwise (and for information and hint findings, and findings whose preferred fix edits
 * another file) the first safe fix. A fix fix all does not take (takenByFixAll) is never chosen.
 */
export function fixAllChoice(finding: Finding, options: FixAllOptions = {}, fillable?: ReadonlySet<ArrayNode>): Fix | undefined {
  // When the preferred fix edits another file, the fixes left are alternatives for the user, not a preference.
  const preferred = finding.preferredFixElsewhere ? undefined : finding.fixes[0];
  if (options.unsafe && preferred && takenByFixAll(preferred, fillable) && (finding.severity === 'error' || finding.severity === 'warning')) return preferred;
  return finding.fixes.find((fix) => isSafeFix(fix) && takenByFixAll(fix, fillable));
}

/**
 * Whether fix all may take this fix at all: not one that adds grants to a `grant_types` list that is empty now,
 * written `[]` or emptied by an earlier pass. Which grants a client with none should hold is its owner's choice,
 * whichever rule proposes some (`missing-grant-types`' declaration included; README: fix all never fills an empty
 * `grant_types`): the editor offers such a fix as a quick fix. `fillable`: lists fix all itself has just emptied
 * with an unsafe fix while a chosen fix of the same pass waits to add to them (fixAll's fill step): the user chose
 * both, and the list is never left empty in between.
 */
export function takenByFixAll(fix: Fix, fillable?: ReadonlySet<ArrayNode>): boolean {
  return !fix.edits.some((edit) => edit.kind === 'addItems' && edit.owner.key === 'grant_types' && edit.array.items.length === 0 && !fillable?.has(edit.array));
}

/** One fix's text edits, and whether the fix is safe. */
interface EditGroup {
  readonly edits: readonly TextEdit[];
  readonly safe: boolean;
  /**
   * An unsafe fix that empties a `grant_types` list while chosen fixes of the same pass wait to add to it: where
   * the list's key starts (in the pass's text), and the rules of those waiting fixes. Applied, the group is followed
   * by those additions (fixAll's fill step), so the list is judged with its new grants, never as left empty.
   */
  readonly fill?: { readonly keyStart: number; readonly rules: ReadonlySet<string> };
}

/**
 * The text edits of each finding's chosen fix (fixAllChoice) that can be applied together in one pass, one group
 * per fix, in the order of the findings; but a fix that adds to a list that another chosen fix empties comes after
 * the others.
 *
 * A list a fix empties takes no new items in the same pass: emptied, a YAML block list keeps its comments as lines
 * below `key: []`, where an entry appended after them would not parse. The emptying goes first, so the comments
 * it keeps stay (removed after an addition, the item would go with its comment): the addition waits, and where an
 * unsafe fix emptied the list it follows right after on the emptied text (EditGroup.fill, applyPass), added after
 * the comments; where no fix of this pass emptied the list after all, it comes at the end of this pass. A list a
 * safe fix empties is not filled (takenByFixAll).
 */
function fixAllEditGroups(
  text: string,
  parsed: ParsedFile,
  findings: readonly LintFinding[],
  options: FixAllOptions,
  safeOnlyAt?: (offset: number) => boolean,
  fillable?: ReadonlySet<ArrayNode>,
): EditGroup[] {
  const renderer = new EditRenderer(text, parsed.format, parsed);
  const accepted = new AcceptedEdits();
  const groups: EditGroup[] = [];
  const removed = new Map<ArrayNode, Set<ValueNode>>();
  const emptying = new Set(findings.flatMap((finding) => fixAllChoice(finding, options, fillable)?.edits ?? []).flatMap((edit) => (emptiesAlone(edit) ? [edit.array] : [])));
  const emptied = new Set<ArrayNode>();
  // The `grant_types` lists an unsafe fix of this pass empties, each with the index of its group and the rules of
  // the chosen fixes that wait to add to it (EditGroup.fill).
  const emptiedUnsafe = new Map<ArrayNode, { group: number; keyStart: number; rules: Set<string> }>();
  const grown = new Set<ArrayNode>();
  // Lists some chosen fix removes items from: an addition to one waits until the removals are taken, and goes
  // before the comments they keep as lines of their own (append-items.ts, appendAfterKept).
  const removing = new Set(findings.flatMap((finding) => fixAllChoice(finding, options, fillable)?.edits ?? []).flatMap((edit) => (edit.kind === 'removeItems' ? [edit.array] : [])));
  const deletedIn = new Map<ArrayNode, TextEdit[]>();
  const removals = (array: ArrayNode): PassRemovals | undefined => {
    const items = removed.get(array);
    return items && { items, deleted: deletedIn.get(array) ?? [] };
  };
  // Lists a removal of this pass could not join (its bytes clash with a fix taken): an addition to one waits for the
  // next pass too, or it would be placed by the items this pass keeps and then follow a comment the removal leaves.
  const removalWaits = new Set<ArrayNode>();
  const addsTo = (fix: Fix | undefined, lists: ReadonlySet<ArrayNode>) => fix?.edits.some((edit) => edit.kind === 'addItems' && lists.has(edit.array)) === true;
  const take = (finding: LintFinding): void => {
    let fix = fixAllChoice(finding, options, fillable);
    if (!fix) return;
    let edits = renderer.render(fix.edits, removals);
    // An unsafe fix withheld in this client (it raised a new problem) gives way to the finding's safe fix, if any:
    // --unsafe-fixes never does less than --fix.
    if (safeOnlyAt && !isSafeFix(fix) && edits.length > 0 && safeOnlyAt(edits[0]!.start)) {
      fix = fixAllChoice(finding);
      if (!fix) return;
      edits = renderer.render(fix.edits, removals);
    }
    if (emptiesWithOthers(fix, removed)) return;
    if (addsTo(fix, emptied)) {
      // Where an unsafe fix of this pass emptied the list, the addition follows it in the fill step.
      for (const edit of fix.edits) if (edit.kind === 'addItems') emptiedUnsafe.get(edit.array)?.rules.add(finding.ruleId);
      return;
    }
    if (fix.edits.some((edit) => emptiesAlone(edit) && grown.has(edit.array))) return;
    if (addsTo(fix, removalWaits)) return;
    if (edits.length === 0) return;
    if (accepted.conflicts(edits)) {
      for (const edit of fix.edits) if (edit.kind === 'removeItems') removalWaits.add(edit.array);
      return;
    }
    accepted.add(edits);
    groups.push({ edits, safe: isSafeFix(fix) });
    for (const edit of fix.edits) {
      if (edit.kind === 'addItems') grown.add(edit.array);
      if (edit.kind !== 'removeItems') continue;
      if (emptiesAlone(edit)) emptied.add(edit.array);
      if (emptiesAlone(edit) && !isSafeFix(fix) && edit.owner.key === 'grant_types') emptiedUnsafe.set(edit.array, { group: groups.length - 1, keyStart: edit.owner.keySpan.start, rules: new Set() });
      deletedIn.set(edit.array, [...(deletedIn.get(edit.array) ?? []), ...edits]);
      const set = removed.get(edit.array) ?? new Set<ValueNode>();
      edit.items.forEach((item) => set.add(item));
      removed.set(edit.array, set);
    }
  };
  const waiting: LintFinding[] = [];
  for (const finding of findings) {
    const fix = fixAllChoice(finding, options, fillable);
    if ((emptying.size > 0 && addsTo(fix, emptying)) || (removing.size > 0 && addsTo(fix, removing) && !fix?.edits.some((edit) => edit.kind === 'removeItems'))) waiting.push(finding);
    else take(finding);
  }
  waiting.forEach(take);
  for (const { group, keyStart, rules } of emptiedUnsafe.values()) if (rules.size > 0) groups[group] = { ...groups[group]!, fill: { keyStart, rules } };
  return groups;
}

/** Whether an edit removes every item of its list (the items are distinct nodes of the list). */
function emptiesAlone(edit: SemanticEdit): edit is Extract<SemanticEdit, { kind: 'removeItems' }> {
  return edit.kind === 'removeItems' && edit.items.length >= edit.array.items.length;
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
    // Counted, not walked item by item: all the nodes are the list's own, so together they empty it when there
    // are as many of them as items (a walk per fix was quadratic in a list of thousands of client grants).
    const added = new Set(edit.items.filter((item) => !before.has(item)));
    return before.size + added.size >= edit.array.items.length;
  });
}

export interface FixAllResult {
  readonly text: string;
  /** How many passes changed the text. */
  readonly passes: number;
  readonly result: LintResult;
  /**
   * With `unsafe`: the clients whose unsafe fixes were held because they gave the client a new error or warning in
   * this file, by name (`name`, or a Terraform client's resource name), with the first such problem, so a report
   * can say why a finding with an unsafe fix was left. Empty without `unsafe` or when nothing was held so.
   */
  readonly heldInFile: ReadonlyMap<string, HeldInFile>;
}

/** What an unsafe fix held by fix all would have raised on its client (FixAllResult.heldInFile). */
export interface HeldInFile {
  /** The rule of the first new error or warning. */
  readonly ruleId: string;
  /** Whether that finding is on one of the file's client grants (the fix would break the client's grant). */
  readonly onClientGrant: boolean;
  /**
   * That client grant failed before the fix too, with a fix of its own that the held fix would take away ("add
   * client_credentials" becoming "is public"): the grant is left with no fix rather than broken.
   */
  readonly lostFix?: true;
}

/**
 * Applies the chosen fixes pass after pass (fixes that touch the same bytes wait for the next pass) until a pass
 * changes nothing. Files with syntax errors are left alone: their structure is a guess.
 *
 * Safe only (the default, `--fix`, fix on save): every pass applies safe fixes only, and a safe fix never lets a
 * client do anything new, so no chain of passes can add a grant.
 *
 * With `unsafe` (`--fix --unsafe-fixes`), every pass takes the preferred unsafe fixes too, but an unsafe fix is
 * applied only where it leaves its client without a new error or warning: an unsafe fix that raises a new finding
 * (setting a SPA's auth method to a secret raises `secret-on-public-app-type`, whose own fix would then turn the SPA
 * into a machine-to-machine app) would chain into changes no finding of the file proposed. Such a fix stays a quick
 * fix for the user to choose. Nor does fix all fill an empty `grant_types`, written so or emptied by a safe fix:
 * a fix that adds grants to it is a quick fix only (takenByFixAll). Where an unsafe fix empties the list while a
 * chosen fix adds to it, both go in the same pass (applyPass), so the list is judged with its new grants: the
 * addition is not held for leaving the client no grants, and no empty list is written. So no pass applies an unsafe fix to a finding that fixes made, and running every pass
 * with the same choice until nothing changes makes a second run a no-op (the result is a fixed point), which a user
 * who runs it in CI and pre-commit needs.
 */
export function fixAll(input: LintInput, options: FixAllOptions = {}): FixAllResult {
  let text = input.text;
  let result = options.linted ?? lintText(input);
  let passes = 0;
  const heldInFile = new Map<string, HeldInFile>();
  while (passes < MAX_PASSES && result.parsed.errors.length === 0) {
    const held = options.unsafe && options.unsafeHeld ? heldAt(result, options.unsafeHeld) : undefined;
    let groups = fixAllEditGroups(text, result.parsed, result.findings, options, held);
    if (groups.length === 0) break;
    let { next, nextResult } = applyPass(input, text, groups, options);
    if (options.unsafe && groups.some((group) => !group.safe)) {
      // A problem that loses its fix counts as new: making a client public changes its client grant's finding from
      // "add client_credentials" to "is public", which nothing fixes (and which pass took the fix must not matter).
      const firstRaised = firstNewByClient(result, nextResult, WARNING_OR_ERROR, true);
      const raised = new Set(firstRaised.keys());
      if (raised.size > 0) {
        noteHeld(heldInFile, ownersOf(result), firstRaised, result, nextResult);
        // Unsafe fixes of a client that got a new error or warning wait for the user (see above); safe ones stay.
        // The finding's safe fix, if it has one, is taken instead: --unsafe-fixes never does less than --fix.
        const clientOf = clientLocator(result);
        groups = fixAllEditGroups(text, result.parsed, result.findings, options, (offset) => raised.has(clientOf(offset)) || (held?.(offset) ?? false));
        if (groups.length === 0) break;
        ({ next, nextResult } = applyPass(input, text, groups, options));
      }
    }
    const clashing = groups.length > 1 ? clientsWithNew(result, nextResult, ERROR) : new Set<number>();
    if (clashing.size > 0) {
      // Each fix was checked alone; two of one client can still clash together (a misspelt device code grant
      // written out, and the auth method set to null beside client_authentication_methods). In those clients take
      // one fix this pass (the next pass checks the others against its result); elsewhere take them all.
      const clientOf = clientLocator(result);
      const taken = new Set<number>();
      const kept = groups.filter((group) => {
        const client = clientOf(group.edits[0]!.start);
        if (!clashing.has(client)) return true;
        if (taken.has(client)) return false;
        taken.add(client);
        return true;
      });
      ({ next, nextResult } = applyPass(input, text, kept, options));
      if (clientsWithNew(result, nextResult, ERROR).size > 0) ({ next, nextResult } = applyPass(input, text, [groups[0]!], options));
    }
    if (next === text) break;
    text = next;
    result = nextResult;
    passes++;
  }
  return { text, passes, result, heldInFile };
}

/**
 * Applies one pass's groups to `text` and lints the result. Where a group's unsafe fix emptied a `grant_types` list
 * that chosen fixes of the pass wait to add to (EditGroup.fill: a YAML block list emptied keeps its comments below
 * `key: []`, so nothing is added in the same edit), those fixes are taken right after, on the emptied text, as the
 * next pass would but for takenByFixAll: the user chose the removal and the addition together, so the list is judged
 * (and written) with its new grants, never left empty for a reason no chosen fix gives. Only the findings of the
 * waiting fixes' rules fill it, so `missing-grant-types`, which the emptying raised, adds nothing.
 */
function applyPass(input: LintInput, text: string, groups: readonly EditGroup[], options: FixAllOptions): { next: string; nextResult: LintResult } {
  const edits = groups.flatMap((group) => group.edits);
  const next = applyTextEdits(text, edits);
  const nextResult = lintText({ ...input, text: next });
  const fills = groups.flatMap((group) => (group.fill ? [group.fill] : []));
  if (fills.length === 0 || nextResult.parsed.errors.length > 0) return { next, nextResult };
  // Where each emptied list's key stands in the new text: edits ending at or before it moved it.
  const moved = (offset: number): number => edits.reduce((at, edit) => (edit.end <= offset ? at + edit.newText.length - (edit.end - edit.start) : at), offset);
  const wanted = new Map(fills.map((fill) => [moved(fill.keyStart), fill.rules]));
  const fillable = new Set<ArrayNode>();
  const fillers = nextResult.findings.filter((finding) => {
    const lists = finding.fixes.flatMap((fix) => fix.edits).flatMap((edit) => (edit.kind === 'addItems' && edit.owner.key === 'grant_types' && edit.array.items.length === 0 && wanted.get(edit.owner.keySpan.start)?.has(finding.ruleId) ? [edit.array] : []));
    lists.forEach((list) => fillable.add(list));
    return lists.length > 0;
  });
  if (fillers.length === 0) return { next, nextResult };
  const filled = fixAllEditGroups(next, nextResult.parsed, fillers, options, undefined, fillable);
  if (filled.length === 0) return { next, nextResult };
  const text2 = applyTextEdits(next, filled.flatMap((group) => group.edits));
  return { next: text2, nextResult: lintText({ ...input, text: text2 }) };
}

/**
 * Records, once per client name, the first problem each held client's unsafe fixes raised (`before`: the file as
 * the pass found it; `after`: the trial). A problem on a client grant that had a finding of the same rule before
 * (the grants keep their order) is one whose fix was taken away.
 */
function noteHeld(held: Map<string, HeldInFile>, owners: readonly ClientEntry[], raised: ReadonlyMap<number, Finding>, before: LintResult, after: LintResult): void {
  for (const [index, finding] of raised) {
    const owner = owners[index];
    const name = owner?.name ?? owner?.resourceName;
    if (name === undefined || held.has(name)) continue;
    const at = after.grants.findIndex((grant) => grant.node.start <= finding.span.start && finding.span.start < grant.node.end);
    const was = at >= 0 ? before.grants[at] : undefined;
    const lostFix = was !== undefined && before.findings.some((f) => f.ruleId === finding.ruleId && was.node.start <= f.span.start && f.span.start < was.node.end);
    held.set(name, { ruleId: finding.ruleId, onClientGrant: at >= 0, ...(lostFix ? { lostFix: true as const } : {}) });
  }
}

const ERROR: ReadonlySet<string> = new Set(['error']);
const WARNING_OR_ERROR: ReadonlySet<string> = new Set(['error', 'warning']);

/**
 * The client (an index into the result's clients, then its guests) an offset of the file belongs to: the one whose
 * object, or whose credentials resource in this file (Terraform), holds it; else the last client starting at or
 * before it, or -1. A Terraform credentials resource may stand anywhere in the file (after all the clients, or in
 * the file of another client's credentials), so its position alone does not say whose it is; fix all's checks are
 * per client, and must not hold one client's fixes back for another's findings.
 */
function clientLocator(result: LintResult): (offset: number) => number {
  const owners = ownersOf(result);
  const spans: { readonly start: number; readonly end: number; readonly index: number }[] = [];
  owners.forEach((client, index) => {
    if (!isLinkedOffset(client.node.start)) spans.push({ start: client.node.start, end: client.node.end, index });
    const credentials = client.credentials;
    if (credentials && credentials !== client.node && !isLinkedOffset(credentials.start)) spans.push({ start: credentials.start, end: credentials.end, index });
  });
  spans.sort((a, b) => a.start - b.start);
  const starts = spans.map((span) => span.start);
  const clientStarts = result.clients.map((client) => client.node.start);
  return (offset) => {
    const at = clientAt(starts, offset);
    if (at >= 0 && offset <= spans[at]!.end) return spans[at]!.index;
    return clientAt(clientStarts, offset);
  };
}

/** The file's clients, then its guests: the order whose indexes fix all's checks use for a finding's client. */
function ownersOf(result: LintResult): ClientEntry[] {
  return [...result.clients, ...result.guests];
}

/** Whether the client (or guest) at an offset is one whose unsafe fixes are held (FixAllOptions.unsafeHeld). */
function heldAt(result: LintResult, held: (client: ClientEntry) => boolean): (offset: number) => boolean {
  const owners = ownersOf(result);
  const clientOf = clientLocator(result);
  return (offset) => {
    const owner = owners[clientOf(offset)];
    return owner !== undefined && held(owner);
  };
}

/** The clients (by index) with more findings of some rule at these severities after than before. */
function clientsWithNew(before: LintResult, after: LintResult, severities: ReadonlySet<string>): Set<number> {
  return new Set(firstNewByClient(before, after, severities).keys());
}

/**
 * The clients (by index) with more findings of some rule at these severities after than before, each with the first
 * finding (in `after`'s order) of such a rule.
 */
function firstNewByClient(before: LintResult, after: LintResult, severities: ReadonlySet<string>, fixLost = false): Map<number, Finding> {
  const counts = findingCounts(before, severities, fixLost);
  const grown = new Set<string>();
  for (const [key, count] of findingCounts(after, severities, fixLost)) if (count > (counts.get(key) ?? 0)) grown.add(key);
  const first = new Map<number, Finding>();
  if (grown.size === 0) return first;
  const ownerOf = findingOwner(after);
  for (const finding of after.findings) {
    const owner = ownerOf(finding);
    if (first.has(owner) || !severities.has(finding.severity)) continue;
    if (grown.has(`${owner}:${finding.ruleId}`) || (fixLost && finding.fixes.length === 0 && grown.has(`${owner}:${finding.ruleId}:no-fix`))) first.set(owner, finding);
  }
  return first;
}

/**
 * Findings at these severities counted per client (by index, see findingOwner) and rule; with `fixLost`, those
 * without a fix counted apart as well (`:no-fix`), so one that loses its fix grows a count.
 */
function findingCounts(result: LintResult, severities: ReadonlySet<string>, fixLost = false): Map<string, number> {
  const ownerOf = findingOwner(result);
  const counts = new Map<string, number>();
  for (const finding of result.findings) {
    if (!severities.has(finding.severity)) continue;
    const key = `${ownerOf(finding)}:${finding.ruleId}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (fixLost && finding.fixes.length === 0) counts.set(`${key}:no-fix`, (counts.get(`${key}:no-fix`) ?? 0) + 1);
  }
  return counts;
}

/**
 * The client (an index into the result's clients, then its guests) each finding is about: a linked finding's (a
 * client grant's, a guest's) is the client it names when that is one of the file's; any other's is found by
 * position (clientLocator). By position alone, a client grant's finding in a tenant's `clientGrants` would count for
 * the client written last, and a fix making a public client of another (so its grant breaks) would go unseen.
 */
function findingOwner(result: LintResult): (finding: Finding) => number {
  const clientOf = clientLocator(result);
  const indexOf = new Map(ownersOf(result).map((client, index) => [client, index]));
  const linked = new Map<Finding, number>();
  result.linkedFindings.forEach((finding, i) => {
    const index = indexOf.get(result.linkedClients[i]!);
    if (index !== undefined) linked.set(finding, index);
  });
  return (finding) => linked.get(finding) ?? clientOf(finding.span.start);
}

/** The index of the last of `starts` (ascending) at or before `offset`, or -1. */
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
