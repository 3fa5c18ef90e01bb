/**
 * `--fix --unsafe-fixes` across a project's files. Fix all holds back an unsafe fix that gives its client a new
 * error or warning (engine/fix/fix-all.ts), but it sees one file: a client's client grants in `grants/*.json` or in
 * another `.tf` file of its module are judged by what the client holds. Setting a native app's method to `none`
 * (the preferred fix of `public-app-type-without-none`, which also drops `client_credentials`) would break the
 * client grant of another file (`client-grant-without-client-credentials`) unseen. So after fix all, the files
 * that depend on the fixed one (the project graph's reverse index) are linted against its fixed text, and a client
 * whose dependents gain an error or warning has its unsafe fixes held, as fix all holds them within a file.
 */
import { fixAll, type FixAllResult } from '../engine/fix/fix-all';
import { lintText, type LintInput } from '../engine/lint';
import type { ParsedFile } from '../engine/model';
import type { FileSettings } from '../engine/settings';
import type { ProjectGraph } from '../workspace/project-graph';
import { clearKeyOf } from './fixable';
import { toCliFindings } from './report';

/** The end of a problemCounts key counting the problems without a fix. */
const NO_FIX = '\0no-fix';

/** How many times the file is fixed again with more clients held, at most (one is usual). */
const MAX_HOLD_ROUNDS = 4;

/**
 * Fix all with unsafe fixes on `input` (its text as the project graph holds it), holding back the unsafe fixes of
 * every client whose dependent files would gain an error or warning (counted by rule, severity and client name).
 * `settingsOf` gives a dependent's settings (undefined: not linted by this run, so not judged). Returns the fix all
 * result to write; the graph is left holding `input.text` for `input.path`.
 */
export function fixAllKeepingDependents(input: LintInput, graph: ProjectGraph, settingsOf: (path: string) => FileSettings | undefined): KeptFixAllResult {
  let fixed = fixAll(input, { unsafe: true });
  const held = new Map<string, HeldForDependent>();
  const dependents = fixed.text === input.text ? [] : graph.dependentsOf(input.path).filter((path) => settingsOf(path) !== undefined);
  if (dependents.length === 0) return { ...fixed, heldFor: held };
  const before = problemCounts(dependents, graph, settingsOf);
  // The dependents' errors and warnings under the text written, when the last round linted them under it.
  let dependentsAfter: { readonly text: string; readonly files: DependentsLeft } | undefined;
  for (let round = 0; round < MAX_HOLD_ROUNDS && fixed.text !== input.text; round++) {
    graph.noteText(input.path, fixed.text, parseOfFixed(input, fixed));
    const files: DependentsLeft = new Map();
    const after = problemCounts(dependents, graph, settingsOf, files);
    dependentsAfter = { text: fixed.text, files };
    graph.noteText(input.path, input.text);
    const raisedKeys = [...after].filter(([key, count]) => count > (before.get(key) ?? 0)).map(([key]) => key);
    const raisedSet = new Set(raisedKeys);
    // A problem raised only as one without a fix (its count with or without a fix did not grow): its fix is lost.
    const raised = raisedKeys.map((key) => ({ path: key.slice(0, key.indexOf('\0')), name: clientOfKey(key), lostFix: key.endsWith(NO_FIX) && !raisedSet.has(key.slice(0, -NO_FIX.length)) }));
    const newlyHeld = raised.filter(({ name }) => name !== '' && !held.has(name));
    if (newlyHeld.length === 0) break;
    // The first dependent file each client's fixes would break: the report names it (cli/report.ts). A new problem
    // is named before a lost fix.
    newlyHeld.sort((a, b) => Number(a.lostFix) - Number(b.lostFix));
    for (const { path, name, lostFix } of newlyHeld) if (!held.has(name)) held.set(name, { path, ...(lostFix ? { lostFix: true as const } : {}) });
    fixed = fixAll(input, { unsafe: true, unsafeHeld: (client) => held.has(client.name ?? '') || held.has(client.resourceName ?? '') });
  }
  return { ...fixed, heldFor: held, ...(dependentsAfter?.text === fixed.text ? { dependentsAfter: dependentsAfter.files } : {}) };
}

/**
 * Each dependent file linted against a fixed text: its text as linted, and its errors and warnings counted by rule,
 * severity and client (cli/fixable.ts leftCounts, errors and warnings only).
 */
export type DependentsLeft = Map<string, { readonly text: string; readonly left: Map<string, number> }>;

/**
 * The parse of `fixed.text` that fix all made, for the project graph (ProjectGraph.noteText), or undefined where
 * it may differ from the graph's own parse: a file read with a UTF-8 byte order mark, whose lint adds the mark's
 * parse error (engine/lint.ts withByteOrderMark).
 */
export function parseOfFixed(input: LintInput, fixed: FixAllResult): ParsedFile | undefined {
  return input.byteOrderMark === true ? undefined : fixed.result.parsed;
}

/** Where a held client's unsafe fixes would have raised a problem: the dependent file, and whether its client grant failed before (and so would lose its fix rather than break). */
export interface HeldForDependent {
  readonly path: string;
  readonly lostFix?: true;
}

/** Fix all's result with the clients whose unsafe fixes were held (fixAllKeepingDependents), and why. */
export interface KeptFixAllResult extends FixAllResult {
  /**
   * Each client whose unsafe fixes were held, by name (its `name`, or a Terraform client's resource name), with the
   * path of a dependent file (a client grant's) that they would give a new error or warning: `--fix --unsafe-fixes`
   * leaves its findings, and the report says why.
   */
  readonly heldFor: ReadonlyMap<string, HeldForDependent>;
  /**
   * The dependent files as linted against the text fix all returns (when they were): what the fix clears in them
   * (cli/cleared-elsewhere.ts), without linting them again.
   */
  readonly dependentsAfter?: DependentsLeft;
}

/** The client name of a problemCounts key (`path\0rule\0severity\0client`, `\0no-fix` after it for those without a fix). */
function clientOfKey(key: string): string {
  const parts = key.split('\0');
  return parts[3] ?? '';
}

/** Errors and warnings of the files, as the graph holds them now, counted by file, rule, severity and client name. */
function problemCounts(paths: readonly string[], graph: ProjectGraph, settingsOf: (path: string) => FileSettings | undefined, files?: DependentsLeft): Map<string, number> {
  const counts = new Map<string, number>();
  for (const path of paths) {
    const text = graph.textOf(path);
    if (text === undefined) continue;
    const result = lintText({ path, text, settings: settingsOf(path), links: graph.linksFor(path).links, parsed: graph.parsedOf(path), fixChecks: 'enough-to-count' });
    const left = new Map<string, number>();
    files?.set(path, { text, left });
    for (const finding of toCliFindings(path, text, result)) {
      if (finding.severity !== 'error' && finding.severity !== 'warning') continue;
      left.set(clearKeyOf(finding), (left.get(clearKeyOf(finding)) ?? 0) + 1);
      const key = `${path}\0${finding.ruleId}\0${finding.severity}\0${finding.client ?? ''}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      // Counted apart without a fix too: a grant's "add client_credentials" that becomes "is public" (no fix) is
      // broken by the fix as surely as a new finding (engine/fix/fix-all.ts counts it so within a file).
      if (!finding.fixable) counts.set(`${key}${NO_FIX}`, (counts.get(`${key}${NO_FIX}`) ?? 0) + 1);
    }
  }
  return counts;
}
