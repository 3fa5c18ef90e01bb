/**
 * The part of a file that fix all can change, as a text of its own, so the summary's exact "can be fixed" counts
 * (cli/fixable.ts) do not run fix all over thousands of clients that have nothing to fix.
 *
 * Fix all only edits where a finding has a fix, and when nothing ties clients together, a client's findings
 * depend on its own text alone: fix all then treats each client as if it were alone in the file (its passes,
 * clash checks and unsafe-fix checks are per client; a pass's "one fix only" retreat takes the file's first fix,
 * which is a fixable client's). So fix all on the file with only its fixable clients clears, of those clients'
 * findings, exactly what it clears on the whole file, and clears nothing of the other clients'. Held to the
 * whole-file run by test/cli/fix-scope.test.ts.
 */
import type { ClientEntry } from '../engine/discover';
import { isSafeFix } from '../engine/fix/semantic';
import { isLinkedOffset, moduleKnownWhole } from '../engine/links';
import type { LintInput, LintResult } from '../engine/lint';
import { clientFindingsInFile, lintText } from '../engine/lint';
import { fixAllChoice, takenByFixAll } from '../engine/fix/fix-all';
import { simulateEdits } from '../engine/fix/simulate';
import type { ProjectLinks } from '../engine/links';
import type { FileSettings } from '../engine/settings';
import { DEFAULT_SETTINGS } from '../engine/settings';
import type { ObjectNode, Span, ValueNode } from '../engine/model';
import { findClientList } from '../engine/parse/yaml-chunks';
import type { Finding } from '../engine/rules/api';
import { hasDirectives } from '../engine/suppression';
import { detectEol, endOfLine, startOfLine } from '../engine/text';

export interface FixScope {
  /** The file's lint input with only the clients fix all can change (every fix checked), and its lint. */
  readonly input: LintInput;
  readonly result: LintResult;
  /** The names of the clients kept: findings of the others are never cleared. */
  readonly names: ReadonlySet<string>;
}

/** One client of the file with its findings: an own client, or (Terraform) a guest whose credentials are here. */
interface Unit {
  readonly client: ClientEntry;
  readonly findings: readonly Finding[];
  /** The text that holds it: its object, or (a guest) its credentials resource's body. */
  readonly node: ObjectNode;
  /** Its credentials resource's body when it lies in this file and is not `node`. */
  readonly credentials: ObjectNode | undefined;
  /** A client of another file of the module whose credentials resource is in this one. */
  readonly guest: boolean;
}

/**
 * The narrowed file for fix all on `input` (linted as `result`), with or without unsafe fixes: the clients with a
 * fix that run applies (a safe one, or with `unsafe` any). Undefined when the whole file must be run: something
 * ties clients together (YAML anchors, client grants, suppression comments, overrides by JSON pointer, which
 * the narrowing could move), two clients with findings share a name (findings are matched by client name), the
 * format's clients cannot be cut out cleanly (a tenant.yaml whose clients list is not a plain block list, JSON
 * other than a Management API array of clients, Terraform JSON), or every client has a fix (nothing to gain).
 * The narrowed text is linted and must give the kept clients exactly their findings in the file; if not, the
 * whole file is run.
 */
export function narrowedToFixable(input: LintInput, result: LintResult, unsafe: boolean): FixScope | undefined {
  const units = standAloneUnits(input, result);
  return units && narrowedTo(input, result, units, units.filter((unit) => unit.findings.some((finding) => hasFixFor(finding, unsafe))));
}

/**
 * Without unsafe fixes, fix all applies safe fixes only (a client whose fixes are all unsafe is left as it is);
 * with them, any fix of an error or warning, and the safe ones of the rest (fix-all.ts, fixAllChoice); never a
 * fix fix all does not take (takenByFixAll: a quick fix only, or one filling an empty `grant_types`). A finding
 * whose fixes were checked only 'enough-to-count' may hide an unsafe preferred fix: any fix counts then.
 */
function hasFixFor(finding: Finding, unsafe: boolean): boolean {
  return finding.fixes.some((fix) => takenByFixAll(fix) && (unsafe || isSafeFix(fix)));
}

/**
 * The file's clients (and guests), when nothing ties them together and each with findings has a name of its own
 * (findings are matched by client name); undefined otherwise (see narrowedToFixable).
 */
function standAloneUnits(input: LintInput, result: LintResult): Unit[] | undefined {
  const parsed = result.parsed;
  if (parsed.errors.length > 0 || (parsed.anchors?.length ?? 0) > 0 || result.grants.length > 0) return undefined;
  if (hasDirectives(parsed.comments) || (input.settings?.pointerOverrides.length ?? 0) > 0) return undefined;
  const units = unitsOf(result);
  if (!units) return undefined;
  const names = new Set<string>();
  for (const unit of units) {
    if (unit.findings.length === 0) continue;
    if (unit.client.name === undefined || names.has(unit.client.name)) return undefined;
    names.add(unit.client.name);
  }
  return units;
}

/** The file cut down to the `kept` units of `units` (see narrowedToFixable). */
function narrowedTo(input: LintInput, result: LintResult, units: readonly Unit[], kept: readonly Unit[]): FixScope | undefined {
  if (kept.length === units.length) return undefined;
  const keptSet = new Set(kept);
  const cuts = cutsFor(input.text, result, units.filter((unit) => !keptSet.has(unit)));
  if (!cuts) return undefined;
  const text = withoutSpans(input.text, cuts);
  if (text === undefined || detectEol(text) !== detectEol(input.text)) return undefined;
  const narrowed: LintInput = { ...input, text, parsed: undefined, fixChecks: 'all' };
  const narrowedResult = lintText(narrowed);
  const keptNames = new Set(kept.map((unit) => unit.client.name!));
  if (narrowedResult.parsed.errors.length > 0 || !sameFindings(keysOf(result, keptNames), keysOf(narrowedResult))) return undefined;
  // A client cut out of a Terraform file may leave a credentials resource of another file naming a client no file
  // declares, which leaves the module's create-time methods unknown: fix all would judge the kept clients' fixes
  // (a new error from the method the provider sets) otherwise than in the whole file.
  if (input.links?.kind === 'terraform-module' && moduleKnownWhole(input.links, input.path, result.parsed) !== moduleKnownWhole(input.links, input.path, narrowedResult.parsed)) return undefined;
  return { input: { ...narrowed, parsed: { text, file: narrowedResult.parsed } }, result: narrowedResult, names: keptNames };
}

/**
 * How fix all's effect on a file is known, finding by finding, without running it on every client: clients judged
 * alone (`alone`: by client name, how many findings of each rule and severity fix all leaves them, keyed as
 * `ruleId\0severity\0name`), and the narrowed file for the others (`scope`; undefined when none is left).
 */
export interface FixPlan {
  readonly alone: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly scope: FixScope | undefined;
}

/**
 * The fix plan of `input` (linted as `result`, fixes checked 'enough-to-count'), with or without unsafe fixes, or
 * undefined when the whole file must be run (the conditions of narrowedToFixable, or the narrowing failed).
 *
 * A client is judged alone when fix all would take one fix of it (one finding has a fix of the kind the run
 * applies) and, after that fix, nothing more: the fix is simulated on the model (fix/simulate.ts) and the client
 * linted again as the file would (engine clientFindingsInFile); if a finding of the result still has a fix of that
 * kind, a second pass would act, and the client goes to the narrowed run. An unsafe fix that raises a new error or
 * warning is withheld by fix all in every pass (fix-all.ts) for the finding's safe fix, if any. Every fix was
 * checked to remove its finding, fixes of different clients edit different text, and nothing ties clients
 * together here, so this is what fix all does to the client in the whole file. Held to running fix all on the
 * whole file by test/cli/fix-scope.test.ts.
 */
export function fixPlan(input: LintInput, result: LintResult, unsafe: boolean): FixPlan | undefined {
  const units = standAloneUnits(input, result);
  if (!units) return undefined;
  const settings = input.settings ?? DEFAULT_SETTINGS;
  const alone = new Map<string, ReadonlyMap<string, number>>();
  const run: Unit[] = [];
  for (const unit of units) {
    if (!unit.findings.some((finding) => hasFixFor(finding, unsafe))) continue;
    const left = leftAlone(unit, settings, input.links, unsafe);
    if (left) alone.set(unit.client.name!, left);
    else run.push(unit);
  }
  if (run.length === 0) return { alone, scope: undefined };
  const scope = narrowedTo(input, result, units, run);
  return scope ? { alone, scope } : undefined;
}

/** What fix all leaves of one client's findings when it is judged alone (see fixPlan), or undefined. */
function leftAlone(unit: Unit, settings: FileSettings, links: ProjectLinks | undefined, unsafe: boolean): Map<string, number> | undefined {
  // An unsafe run prefers a finding's first fix: the findings with every fix checked say which it is.
  const findings = unsafe ? clientFindingsInFile(unit.client, settings, links, unit.guest, 'all') : unit.findings;
  const chosen = findings.flatMap((finding) => {
    const fix = fixAllChoice(finding, { unsafe });
    return fix ? [{ finding, fix }] : [];
  });
  if (chosen.length !== 1) return chosen.length === 0 ? countsOf(findings, unit.client.name!) : undefined;
  let { fix } = chosen[0]!;
  const simulated = (edits: typeof fix.edits) => clientFindingsInFile(simulateEdits(unit.client, edits), settings, links, unit.guest, 'enough-to-count');
  let after = simulated(fix.edits);
  if (unsafe && !isSafeFix(fix) && raisesProblem(findings, after)) {
    // Fix all withholds the unsafe fix and takes the finding's safe fix instead, if it has one.
    const safe = fixAllChoice(chosen[0]!.finding);
    if (!safe) return countsOf(findings, unit.client.name!);
    fix = safe;
    after = simulated(fix.edits);
  }
  if (after.some((finding) => hasFixFor(finding, unsafe))) return undefined;
  return countsOf(after, unit.client.name!);
}

/** Whether `after` holds more errors or warnings of some rule than `before` (fix all's test, clientsWithNew). */
function raisesProblem(before: readonly Finding[], after: readonly Finding[]): boolean {
  const counts = new Map<string, number>();
  for (const finding of before) if (finding.severity === 'error' || finding.severity === 'warning') counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
  for (const finding of after) {
    if (finding.severity !== 'error' && finding.severity !== 'warning') continue;
    const left = (counts.get(finding.ruleId) ?? 0) - 1;
    if (left < 0) return true;
    counts.set(finding.ruleId, left);
  }
  return false;
}

/** Findings counted by rule, severity and client name, keyed as the CLI matches findings (cli/fixable.ts). */
function countsOf(findings: readonly Finding[], name: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) {
    const key = `${finding.ruleId}\0${finding.severity}\0${name}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The file's clients and guests with their findings, or undefined when a finding belongs to neither. */
function unitsOf(result: LintResult): Unit[] | undefined {
  const units: Unit[] = result.clients.map((client, i) => ({ client, findings: result.clientFindings[i] ?? [], node: client.node, credentials: ownCredentials(client), guest: false }));
  const guestFindings = new Map<ClientEntry, Finding[]>();
  result.linkedFindings.forEach((finding, i) => {
    const client = result.linkedClients[i]!;
    guestFindings.set(client, [...(guestFindings.get(client) ?? []), finding]);
  });
  for (const guest of result.guests) {
    if (!guest.credentials) return undefined;
    units.push({ client: guest, findings: guestFindings.get(guest) ?? [], node: guest.credentials, credentials: undefined, guest: true });
    guestFindings.delete(guest);
  }
  if (guestFindings.size > 0) return undefined;
  const owned = new Set(units.flatMap((unit) => unit.findings));
  return result.findings.every((finding) => owned.has(finding)) ? units : undefined;
}

function ownCredentials(client: ClientEntry): ObjectNode | undefined {
  const credentials = client.credentials;
  return credentials && !isLinkedOffset(credentials.start) && credentials !== client.node ? credentials : undefined;
}

/** The spans to cut so that `removed` leave the file and everything else reads as before, or undefined. */
function cutsFor(text: string, result: LintResult, removed: readonly Unit[]): Span[] | undefined {
  if (removed.length === 0) return [];
  if (result.format === 'yaml') return yamlCuts(text, result, removed);
  if (result.format === 'hcl') return hclCuts(text, removed);
  return jsonCuts(result, removed);
}

/** A tenant.yaml's `clients:` block list: each removed client's entry, from its dash line to the next one's. */
function yamlCuts(text: string, result: LintResult, removed: readonly Unit[]): Span[] | undefined {
  if (result.clients.some((client) => client.source !== 'deploy-cli-yaml')) return undefined;
  const layout = findClientList(text);
  if (!layout || layout.entries.length !== result.clients.length) return undefined;
  const cuts: Span[] = [];
  for (const unit of removed) {
    const index = result.clients.indexOf(unit.client);
    const entry = layout.entries[index];
    if (!entry || unit.node.start < entry.start || unit.node.end > entry.end) return undefined;
    cuts.push(entry);
  }
  return cuts;
}

/**
 * A Management API array of clients: each removed client with the separator after it when it comes before the
 * first item that stays, else with the separator before it, so the rest stays a well-formed list.
 */
function jsonCuts(result: LintResult, removed: readonly Unit[]): Span[] | undefined {
  const root = result.parsed.documents.length === 1 ? result.parsed.documents[0]!.root : undefined;
  if (root?.kind !== 'array' || result.clients.some((client) => client.source !== 'management-api')) return undefined;
  const items = root.items;
  const index = new Map(items.map((item, i) => [item, i]));
  const gone = new Set<ValueNode>(removed.map((unit) => unit.node));
  const firstKept = items.findIndex((item) => !gone.has(item));
  if (firstKept < 0) return undefined;
  const cuts: Span[] = [];
  for (const unit of removed) {
    const at = index.get(unit.node);
    if (at === undefined) return undefined;
    cuts.push(at < firstKept ? { start: items[at]!.start, end: items[at + 1]!.start } : { start: items[at - 1]!.end, end: items[at]!.end });
  }
  return cuts;
}

/**
 * Terraform HCL: each removed client's resource block and its credentials block in this file, or a guest's
 * credentials block, whole lines, when the block's header and braces stand on lines of their own.
 */
function hclCuts(text: string, removed: readonly Unit[]): Span[] | undefined {
  const cuts: Span[] = [];
  for (const unit of removed) {
    for (const body of unit.credentials ? [unit.node, unit.credentials] : [unit.node]) {
      const start = startOfLine(text, body.start);
      const lineEnd = endOfLine(text, body.end);
      if (!/^[ \t]*resource[ \t]/.test(text.slice(start, body.start)) || text.slice(body.end, lineEnd).trim() !== '') return undefined;
      cuts.push({ start, end: text.indexOf('\n', lineEnd) < 0 ? text.length : text.indexOf('\n', lineEnd) + 1 });
    }
  }
  return cuts;
}

/** The text without these spans, or undefined when two of them overlap. */
function withoutSpans(text: string, spans: readonly Span[]): string | undefined {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const pieces: string[] = [];
  let at = 0;
  for (const span of sorted) {
    if (span.start < at) return undefined;
    pieces.push(text.slice(at, span.start));
    at = span.end;
  }
  pieces.push(text.slice(at));
  return pieces.join('');
}

/** A finding as fix all's result is matched: rule, severity, client name, and whether it has a (safe) fix. */
function keysOf(result: LintResult, only?: ReadonlySet<string>): string[] {
  const owner = new Map<Finding, string>();
  result.clientFindings.forEach((findings, i) => findings.forEach((finding) => owner.set(finding, result.clients[i]?.name ?? '')));
  result.linkedFindings.forEach((finding, i) => owner.set(finding, result.linkedClients[i]?.name ?? ''));
  const keys: string[] = [];
  for (const finding of result.findings) {
    const name = owner.get(finding) ?? '';
    if (only && !only.has(name)) continue;
    keys.push(`${finding.ruleId}\0${finding.severity}\0${name}\0${finding.fixes.length > 0}\0${finding.fixes.some(isSafeFix)}`);
  }
  return keys.sort();
}

function sameFindings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}
