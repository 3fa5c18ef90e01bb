/**
 * The rule book's fix invariants and the engine's other promises as checks that return what went wrong (rather
 * than assert), so the property tests, the mutation fuzzer and `npm run fuzz` share them and can report inputs.
 */
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseJsonc, type ParseError as JsoncError } from 'jsonc-parser';
import { parseDocument } from 'yaml';
import { CLI_SHORT_NAMES } from '../../server/src/engine/catalogue';
import { fixAll, lintText, type LintFinding, type LintResult } from '../../server/src/engine/index';
import { clientsHoldingErrors, lintClientInFile } from '../../server/src/engine/lint';
import { anchorScope } from '../../server/src/engine/fix/anchor-scope';
import { applyTextEdits, EditRenderer } from '../../server/src/engine/fix/render';
import type { SemanticEdit, TextEdit } from '../../server/src/engine/fix/semantic';
import type { ParsedFile, ValueNode } from '../../server/src/engine/model';
import { jsonReadings, parseJson } from '../../server/src/engine/parse/json';
import type { Finding } from '../../server/src/engine/rules/api';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { parseYaml, yamlReadings } from '../../server/src/engine/parse/yaml';
import type { LongListLimits } from '../../server/src/engine/parse/yaml-chunks';
import { parseJsonWithTree } from '../helpers/json-tree-oracle';
import { composedResolved, parseYamlWithDocuments, resolvedValue } from '../helpers/yaml-document-oracle';

/** The index of the client a finding belongs to (by position), or -1 for file-level findings. */
function clientIndexOf(result: LintResult, finding: LintFinding): number {
  // A client's own findings say whose they are, wherever they lie (a Terraform client's may lie in its
  // credentials resource).
  const owner = result.clientFindings.findIndex((findings) => findings.some((f) => f.ruleId === finding.ruleId && f.span.start === finding.span.start && f.span.end === finding.span.end));
  if (owner >= 0) return owner;
  let best = -1;
  result.clients.forEach((client, index) => {
    const node = client.node;
    if (finding.span.start >= node.start && finding.span.start <= node.end) {
      // Clients do not nest, but a Terraform credentials resource may sit beside one: take the innermost.
      if (best < 0 || node.start >= result.clients[best]!.node.start) best = index;
    }
  });
  // A client grant's finding lies in the grant; it is about (and its fix edits) the client the grant names.
  const linked = result.linkedFindings.indexOf(finding);
  if (linked >= 0) {
    const named = result.clients.indexOf(result.linkedClients[linked]!);
    if (named >= 0) return named;
  }
  return best;
}

/** What a finding says, without where: rule, severity, message, client and fix titles. */
export function describeWithoutPosition(result: LintResult, finding: LintFinding): string {
  const fixes = finding.fixes.map((f) => f.title).join(' | ');
  return `client ${clientIndexOf(result, finding)}: ${finding.severity} ${finding.ruleId}: ${finding.message}${fixes ? ` [fixes: ${fixes}]` : ''}`;
}

/** Everything a lint result says, positions included: two runs over the same text must give the same. */
export function fingerprint(result: LintResult): string {
  return JSON.stringify({
    isClientConfig: result.isClientConfig,
    clients: result.clients.length,
    errors: result.parsed.errors,
    findings: result.findings.map((f) => [f.ruleId, f.severity, f.span.start, f.span.end, f.message, f.fixes.map((x) => x.title), f.related.length]),
  });
}

/**
 * A finding's identity across an edit, which moves positions, renumbers list items and may reword messages
 * ("needs X and Y" becomes "needs Y"): its rule, its client and the node's path, where a list item is known by
 * its text rather than its index, and an entry holding the node by its list alone.
 */
function identity(result: LintResult, text: string, finding: LintFinding): string {
  // An index inside the path (a client grant's place in its list: `clientGrants/2/client_id`) shifts when an entry
  // before it is removed: compared as any entry of that list, counted (the callers compare multisets).
  const path = finding.path.map((segment, i) => (typeof segment === 'number' && i < finding.path.length - 1 ? '#' : segment));
  const last = path[path.length - 1];
  const where = typeof last === 'number' ? `${path.slice(0, -1).join('/')}/'${text.slice(finding.span.start, finding.span.end)}'` : path.join('/');
  return `${finding.ruleId} in client ${clientIndexOf(result, finding)} at ${where}`;
}

function errorKeys(result: LintResult, text: string): string[] {
  return result.findings.filter((f) => f.severity === 'error').map((f) => identity(result, text, f));
}

/** Text outside the edits is byte-for-byte the original; the edits are in bounds and do not overlap. */
function outsideKept(text: string, edits: readonly TextEdit[], fixed: string): string | undefined {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let cursor = 0;
  let shift = 0;
  for (const edit of sorted) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > text.length) return `edit ${edit.start}-${edit.end} is out of bounds or overlaps`;
    if (fixed.slice(cursor + shift, edit.start + shift) !== text.slice(cursor, edit.start)) return `text before offset ${edit.start} changed`;
    shift += edit.newText.length - (edit.end - edit.start);
    cursor = edit.end;
  }
  if (fixed.slice(cursor + shift) !== text.slice(cursor)) return `text after offset ${cursor} changed`;
  return undefined;
}

const BARE_LF = /(^|[^\r])\n/;

export interface FixCheckOptions {
  /** Stop after this many fixes (the fuzzer bounds its work per input). */
  readonly maxFixes?: number;
}

/**
 * Rule book invariants 1-3 for every fix of every finding: only the fix's own bytes change (and a CRLF file gets
 * no bare LF), the result parses, the finding is gone, and no new error appears. Returns the violations.
 */
export function checkEveryFix(path: string, text: string, options: FixCheckOptions = {}): string[] {
  const problems: string[] = [];
  const before = lintText({ path, text });
  if (before.parsed.errors.length > 0) {
    for (const finding of before.findings) if (finding.fixes.length > 0) problems.push(`${finding.ruleId} offers a fix in a file with syntax errors`);
    return problems;
  }
  const crlfOnly = text.includes('\r\n') && !BARE_LF.test(text);
  const errorsBefore = errorKeys(before, text);
  const renderer = new EditRenderer(text, before.format);
  let checked = 0;
  for (const finding of before.findings) {
    for (const fix of finding.fixes) {
      if (options.maxFixes !== undefined && checked >= options.maxFixes) return problems;
      checked++;
      const label = `${finding.ruleId} fix "${fix.title}"`;
      const edits = renderer.render(fix.edits);
      let fixed: string;
      try {
        fixed = applyTextEdits(text, edits);
      } catch (error) {
        problems.push(`${label}: ${(error as Error).message}`);
        continue;
      }
      const outside = outsideKept(text, edits, fixed);
      if (outside) problems.push(`${label}: ${outside}`);
      if (crlfOnly && BARE_LF.test(fixed)) problems.push(`${label}: a bare LF in a CRLF file`);
      const after = lintText({ path, text: fixed });
      if (after.parsed.errors.length > 0) {
        problems.push(`${label}: the result does not parse (${after.parsed.errors[0]!.message})\n--- fixed text ---\n${fixed}`);
        continue;
      }
      const own = identity(before, text, finding);
      const count = (result: LintResult, source: string) => result.findings.filter((f) => identity(result, source, f) === own).length;
      if (count(after, fixed) >= count(before, text)) problems.push(`${label}: the finding is not gone\n--- fixed text ---\n${fixed}`);
      const remaining = [...errorsBefore];
      const added = errorKeys(after, fixed).filter((key) => {
        const at = remaining.indexOf(key);
        if (at < 0) return true;
        remaining.splice(at, 1);
        return false;
      });
      if (added.length > 0) problems.push(`${label}: new errors ${JSON.stringify(added)}\n--- fixed text ---\n${fixed}`);
    }
  }
  return problems;
}

/** Invariant 4 (fix-all twice equals once), and fix-all of a file that parses still parses. */
export function checkFixAll(path: string, text: string): string[] {
  const problems: string[] = [];
  const once = fixAll({ path, text });
  const twice = fixAll({ path, text: once.text });
  if (twice.text !== once.text) problems.push(`fix-all twice differs from fix-all once\n--- once ---\n${once.text}\n--- twice ---\n${twice.text}`);
  if (once.text !== text) {
    const parsedBefore = lintText({ path, text }).parsed.errors.length === 0;
    if (!parsedBefore) problems.push('fix-all changed a file with syntax errors');
    else if (once.result.parsed.errors.length > 0) problems.push(`fix-all broke the syntax: ${once.result.parsed.errors[0]!.message}\n--- fixed ---\n${once.text}`);
  }
  return problems;
}

// ---- fixes judged on resolved values (rule book invariants 2, 5 and "Safe and unsafe fixes") ----

/**
 * The clients of a file as auth0-deploy-cli's loaders see them: YAML through `yaml` with merge keys, JSON through
 * jsonc-parser (comments allowed, no trailing comma; strict JSON must stay strict). Undefined when the reference
 * reader cannot read the file, or finds it holds something other than a tenant's `clients:` list, an export array
 * or one client object.
 */
export function resolvedClients(path: string, text: string): Record<string, unknown>[] | undefined {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let root: unknown;
  if (/\.ya?ml$/i.test(path)) {
    const doc = parseDocument(body, { merge: true });
    if (doc.errors.length > 0) return undefined;
    try {
      root = doc.toJS({ maxAliasCount: 100 });
    } catch {
      return undefined;
    }
  } else {
    const errors: JsoncError[] = [];
    root = parseJsonc(body, errors, { allowTrailingComma: false, disallowComments: false });
    if (errors.length > 0) return undefined;
  }
  if (/\.tf\.json$/i.test(path)) return terraformClients(root);
  const list = Array.isArray(root) ? root : isRecord(root) && Array.isArray(root['clients']) ? root['clients'] : isRecord(root) ? [root] : undefined;
  return list?.every(isRecord) ? (list as Record<string, unknown>[]) : undefined;
}

/**
 * Terraform JSON as Terraform reads it: the bodies of `resource.auth0_client.<name>`, where `resource`, each type
 * group and each body may also be a list of objects, in file order.
 */
function terraformClients(root: unknown): Record<string, unknown>[] | undefined {
  const objects = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : isRecord(value) ? [value] : []);
  if (!isRecord(root)) return undefined;
  const clients: Record<string, unknown>[] = [];
  for (const block of objects(root['resource'])) {
    for (const group of objects(block['auth0_client'])) for (const body of Object.values(group)) clients.push(...objects(body).slice(0, 1));
  }
  return clients;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strict JSON after a byte order mark, which auth0-deploy-cli's reader drops. */
function isStrictJsonBody(text: string): boolean {
  try {
    JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A client's grants as a set of strings, or undefined when grant_types is absent or not a string or a list. An
 * auth0 CLI short name counts as the grant it names (the CLI sends that value), so writing it out adds nothing.
 */
function grantSet(client: Record<string, unknown>): Set<string> | undefined {
  const grants = client['grant_types'];
  const meaning = (g: unknown) => (typeof g === 'string' ? (CLI_SHORT_NAMES.get(g.toLowerCase()) ?? g) : JSON.stringify(g));
  if (typeof grants === 'string') return new Set([meaning(grants)]);
  if (Array.isArray(grants)) return new Set(grants.map(meaning));
  return undefined;
}

/**
 * What a safe fix may not do to a client (rule book, "Safe and unsafe fixes"): add a grant, declare grant_types,
 * or change any other setting, but for the auth method set to null beside client_authentication_methods.
 */
function unsafeChange(before: Record<string, unknown>, after: Record<string, unknown>): string | undefined {
  const had = grantSet(before);
  const has = grantSet(after);
  if (had === undefined ? !isDeepStrictEqual(before['grant_types'], after['grant_types']) : has === undefined) return 'grant_types changed shape';
  if (had && has) {
    const added = [...has].filter((g) => !had.has(g));
    if (added.length > 0) return `added grants ${JSON.stringify(added)}`;
  }
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'grant_types' || isDeepStrictEqual(before[key], after[key])) continue;
    const methods = before['client_authentication_methods'];
    if (key === 'token_endpoint_auth_method' && after[key] === null && methods !== null && methods !== undefined) continue;
    return `changed ${key} from ${JSON.stringify(before[key])} to ${JSON.stringify(after[key])}`;
  }
  return undefined;
}

/**
 * A fix changes only what it must: every field of its client that none of its edits names resolves as before (a
 * value owned by the field before a new key, `|+` blank lines, say), and a field it sets reads as set. Undefined
 * where an edit lies outside the client's text (through an anchor: the field it names is not the client's).
 */
function strayChange(edits: readonly SemanticEdit[], client: ValueNode, before: Record<string, unknown>, after: Record<string, unknown>): string | undefined {
  const named = new Set<string>();
  const inside = (node: { start: number; end: number }) => node.start >= client.start && node.end <= client.end;
  // The client's field a node lies in (a nested prop's edit names the field it is nested in).
  const fieldOf = (node: ValueNode) => node.path[client.path.length];
  for (const edit of edits) {
    const node = edit.kind === 'setField' ? edit.object : edit.kind === 'removeField' ? edit.prop.value : edit.kind === 'removeItems' || edit.kind === 'addItems' ? edit.owner.value : edit.node;
    if (edit.kind === 'setField' && edit.object === client) {
      if (!isDeepStrictEqual(after[edit.key], edit.value)) return `set ${edit.key} reads ${JSON.stringify(after[edit.key])}, not ${JSON.stringify(edit.value)}`;
      named.add(edit.key);
      continue;
    }
    const key = fieldOf(node);
    if (!inside(node) || typeof key !== 'string') return undefined;
    named.add(key);
  }
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!named.has(key) && !isDeepStrictEqual(before[key], after[key])) return `changed ${key}, which no edit names, from ${JSON.stringify(before[key])} to ${JSON.stringify(after[key])}`;
  }
  return undefined;
}

/**
 * Fix results judged on resolved values. For safe fix-all (`--fix`), fix-all with unsafe fixes
 * (`--fix --unsafe-fixes`) and every quick fix applied alone: the result parses with the reference reader (strict
 * JSON stays strict JSON); a client no finding (or, for one quick fix, not its own finding) is about resolves to
 * exactly what it did; fix-all adds no error and a second run changes nothing; and a safe fix, or safe fix-all,
 * adds no grant to any client and changes no other setting. Inputs the reference reader cannot read, or reads to
 * a different number of clients than the engine finds, are left to the reader comparisons.
 */
export function checkFixResults(path: string, text: string, options: FixCheckOptions = {}): string[] {
  const before = lintText({ path, text });
  if (before.parsed.errors.length > 0 || !before.isClientConfig) return [];
  const resolved = resolvedClients(path, text);
  if (!resolved || resolved.length !== before.clients.length) return [];
  const strict = !/\.ya?ml$/i.test(path) && isStrictJsonBody(text);
  const problems: string[] = [];
  const reread = (label: string, fixed: string): Record<string, unknown>[] | undefined => {
    const after = resolvedClients(path, fixed);
    if (!after) problems.push(`${label}: the result does not parse with the reference reader\n--- fixed text ---\n${fixed}`);
    else if (after.length !== resolved.length) problems.push(`${label}: ${resolved.length} clients became ${after.length}\n--- fixed text ---\n${fixed}`);
    else if (strict && !isStrictJsonBody(fixed)) problems.push(`${label}: strict JSON is no longer strict JSON\n--- fixed text ---\n${fixed}`);
    else return after;
    return undefined;
  };
  const errorsBefore = errorKeys(before, text);

  const withFinding = new Set(before.findings.map((f) => clientIndexOf(before, f)));
  for (const unsafe of [false, true]) {
    const label = unsafe ? 'fix-all with unsafe fixes' : 'safe fix-all';
    const once = fixAll({ path, text }, { unsafe });
    if (once.text === text) continue;
    const twice = fixAll({ path, text: once.text }, { unsafe });
    if (twice.text !== once.text) problems.push(`${label}: a second run changes the text\n--- once ---\n${once.text}\n--- twice ---\n${twice.text}`);
    const after = reread(label, once.text);
    if (!after) continue;
    resolved.forEach((client, i) => {
      if (!withFinding.has(i) && !isDeepStrictEqual(client, after[i])) problems.push(`${label}: client ${i} had no finding but changed\n--- fixed text ---\n${once.text}`);
      const change = unsafe ? undefined : unsafeChange(client, after[i]!);
      if (change) problems.push(`${label}: client ${i}: ${change}\n--- fixed text ---\n${once.text}`);
    });
    const remaining = [...errorsBefore];
    const added = errorKeys(once.result, once.text).filter((key) => {
      const at = remaining.indexOf(key);
      if (at < 0) return true;
      remaining.splice(at, 1);
      return false;
    });
    if (added.length > 0) problems.push(`${label}: new errors ${JSON.stringify(added)}\n--- fixed text ---\n${once.text}`);
  }

  const renderer = new EditRenderer(text, before.format);
  let checked = 0;
  for (const finding of before.findings) {
    const own = clientIndexOf(before, finding);
    for (const fix of finding.fixes) {
      if (options.maxFixes !== undefined && checked >= options.maxFixes) return problems;
      checked++;
      const label = `${finding.ruleId} fix "${fix.title}" (${fix.safety})`;
      let fixed: string;
      try {
        fixed = applyTextEdits(text, renderer.render(fix.edits));
      } catch (error) {
        problems.push(`${label}: ${(error as Error).message}`);
        continue;
      }
      const after = reread(label, fixed);
      if (!after) continue;
      resolved.forEach((client, i) => {
        if (i !== own && !isDeepStrictEqual(client, after[i])) problems.push(`${label}: client ${i}, not the finding's, changed\n--- fixed text ---\n${fixed}`);
      });
      const change = fix.safety === 'safe' && own >= 0 ? unsafeChange(resolved[own]!, after[own]!) : undefined;
      if (change) problems.push(`${label}: a safe fix ${change}\n--- fixed text ---\n${fixed}`);
      const stray = own >= 0 ? strayChange(fix.edits, before.clients[own]!.node, resolved[own]!, after[own]!) : undefined;
      if (stray) problems.push(`${label}: ${stray}\n--- fixed text ---\n${fixed}`);
    }
  }
  return problems;
}

/**
 * A comparable rendering of a YAML model: kinds, keys, values, spans and quoting (a block collection's end left
 * out, as in test/engine/yaml-reader.test.ts: composed Documents stretch it over the following line break).
 */
function shape(node: ValueNode | undefined): unknown {
  if (!node) return null;
  // A copy made by resolving an alias: compared as an alias here, its value by resolved values.
  if (node.origin) return { at: `${node.start}-${node.end}`, alias: true };
  const blockCollection = (node.kind === 'object' || node.kind === 'array') && !node.flow;
  const at = blockCollection ? `${node.start}-` : `${node.start}-${node.end}`;
  switch (node.kind) {
    case 'object': {
      // An empty key (`? ` or `: x` with nothing before it): the Document reader names it 'null', the CST reader
      // leaves it out; neither can be a client field.
      const props = node.props.filter((p) => !(p.key === 'null' && p.keySpan.start === p.keySpan.end));
      return { at, flow: node.flow, props: props.map((p) => [p.key, `${p.keySpan.start}-${p.keySpan.end}`, shape(p.value)]) };
    }
    case 'array':
      return { at, flow: node.flow, items: node.items.map(shape) };
    case 'string':
      return { at, s: node.value, q: node.quote, p: node.placeholder };
    default:
      return { at, [node.kind]: Number.isNaN(node.value) ? 'NaN' : node.value };
  }
}

/**
 * Differential check of the YAML reader against the composed-Document oracle: both find errors or neither does,
 * and a file without errors reads to the same model. A reader that misses an error would offer fixes on a
 * structure it guessed.
 */
export function checkYamlReaders(text: string): string[] {
  const fromCst = parseYaml(text);
  if (fromCst.errors.some((e) => !e.message.startsWith('YAML syntax error'))) return []; // a limit the oracle does not have
  const fromDocuments = parseYamlWithDocuments(text);
  const problems: string[] = [];
  // Inside an explicit key (`? ...`, which no Auth0 config uses) the composer checks less than the CST reader
  // does: the reader being stricter there is accepted; missing an error the composer finds never is.
  const stricterInExplicitKey = fromCst.errors.length > 0 && fromDocuments.errors.length === 0 && /^[ \t]*\?(?:[ \t]|$)/m.test(text);
  if ((fromCst.errors.length > 0) !== (fromDocuments.errors.length > 0) && !stricterInExplicitKey) {
    problems.push(`the readers disagree about errors: CST ${JSON.stringify(fromCst.errors.map((e) => e.message))}, Documents ${JSON.stringify(fromDocuments.errors.map((e) => e.message))}`);
  } else if (fromCst.errors.length === 0) {
    // An empty document: no root for one reader, a zero-width null for the other.
    const root = (node: ValueNode | undefined) => (node?.kind === 'null' && node.start === node.end ? undefined : node);
    const a = JSON.stringify(fromCst.documents.map((d) => shape(root(d.root))));
    const b = JSON.stringify(fromDocuments.documents.map((d) => shape(root(d.root))));
    if (a !== b) problems.push(`the readers build different models:\nCST       ${a}\nDocuments ${b}`);
    else problems.push(...checkResolvedYaml(fromCst, text));
  }
  return problems;
}

/**
 * Our resolved values (aliases and merge keys resolved) equal `yaml`'s resolution of the same text, document by
 * document: what js-yaml, and so auth0-deploy-cli, loads. For a file without errors.
 */
export function checkResolvedYaml(parsed: ParsedFile, text: string): string[] {
  const composed = composedResolved(text);
  const ours = parsed.documents.map((d) => resolvedValue(d.root));
  const theirs = composed.map((d) => ('value' in d ? d.value : { error: d.error }));
  if (ours.length === 0 && theirs.length === 0) return [];
  // An empty stream: one empty document for us, none for `yaml`.
  if (theirs.length === 0 && ours.every((v) => v === null)) return [];
  try {
    assert.deepStrictEqual(ours, theirs);
    return [];
  } catch {
    return [`resolved values differ from yaml's:\nours   ${JSON.stringify(ours).slice(0, 3000)}\ntheirs ${JSON.stringify(theirs).slice(0, 3000)}`];
  }
}

/** A node as plain data in a fixed key order, path included (the JSON reader's nodes work theirs out on a getter). */
function plainNode(node: ValueNode | undefined): unknown {
  if (!node) return null;
  const base = { kind: node.kind, path: node.path, start: node.start, end: node.end };
  switch (node.kind) {
    case 'object':
      return { ...base, flow: node.flow, props: node.props.map((p) => ({ key: p.key, keySpan: { start: p.keySpan.start, end: p.keySpan.end }, value: plainNode(p.value) })) };
    case 'array':
      return { ...base, flow: node.flow, items: node.items.map(plainNode) };
    case 'string':
      return { ...base, value: node.value, quote: node.quote, placeholder: node.placeholder };
    default:
      return { ...base, value: Number.isNaN(node.value) ? 'NaN' : node.value };
  }
}

/**
 * Differential checks of the JSON readers: what parseJson reads against the first reader, which converted
 * `parseTree`'s tree (the same model, spans and paths included, and the same errors), and the strict reader
 * against the one built on jsonc-parser's scanner.
 */
export function checkJsonReaders(text: string): string[] {
  return [...checkAgainstTree(text), ...checkStrictReader(text)];
}

function checkAgainstTree(text: string): string[] {
  const fromVisitor = parseJson(text);
  const fromTree = parseJsonWithTree(text);
  // The first reader's nesting scan counts mismatched brackets too, so it may refuse a file the visitor, which
  // checks the parser's real depth, reads; the visitor refusing what the first reader reads would be a bug.
  const limited = (file: ParsedFile) => file.errors.some((e) => !e.message.startsWith('JSON syntax error') && !e.message.startsWith('Duplicate key'));
  if (limited(fromTree)) return [];
  if (limited(fromVisitor)) return [`the visitor reader refused a file the tree reader read: ${fromVisitor.errors[0]?.message}`];
  // Which errors are cascades of one mistake is the visitor reader's own reading (ParseError.cascade); the tree has none.
  const a = JSON.stringify({ root: plainNode(fromVisitor.documents[0]?.root), errors: fromVisitor.errors.map(({ cascade: _, ...error }) => error) });
  const b = JSON.stringify({ root: plainNode(fromTree.documents[0]?.root), errors: fromTree.errors });
  return a === b ? [] : [`the JSON readers differ:\nvisitor ${a.slice(0, 2000)}\ntree    ${b.slice(0, 2000)}`];
}

/**
 * The strict reader (parse/json-strict.ts) must read every strict JSON text that the reader built on
 * jsonc-parser reads without a syntax error or a limit, and wherever it reads, give exactly that reader's model.
 */
function checkStrictReader(text: string): string[] {
  const strict = jsonReadings.strict(text);
  const tolerant = jsonReadings.tolerant(text);
  if (strict === undefined) {
    const clean = tolerant.errors.every((e) => e.message.startsWith('Duplicate key'));
    return clean && isStrictJson(text) ? ['the strict reader gave up on strict JSON'] : [];
  }
  const a = JSON.stringify({ root: plainNode(strict.documents[0]?.root), errors: strict.errors });
  const b = JSON.stringify({ root: plainNode(tolerant.documents[0]?.root), errors: tolerant.errors });
  return a === b ? [] : [`the strict reader differs:\nstrict   ${a.slice(0, 2000)}\ntolerant ${b.slice(0, 2000)}`];
}



/** Limits that make every client's block list long: each is read in batches of two items. */
export const EVERY_LIST_LONG: LongListLimits = { minEntryLength: 0, minItems: 1, batchItems: 2 };

/**
 * A tenant's clients list read one entry at a time must give exactly what reading the whole file gives: the same
 * model (spans and paths included), errors and comments. The chunked reading gives up on any error, so a file
 * with errors is always read whole. `limits`: when a client's long list is read in batches as well (tests make every
 * list long).
 */
export function checkChunkedYaml(text: string, limits?: LongListLimits): string[] {
  const inChunks = yamlReadings.inChunks(text, limits);
  if (!inChunks) return [];
  const a = JSON.stringify(inChunks);
  const b = JSON.stringify(yamlReadings.whole(text));
  return a === b ? [] : [`reading the clients list in chunks differs from reading the whole file:\nchunks ${a.slice(0, 3000)}\nwhole  ${b.slice(0, 3000)}`];
}

/**
 * lintText skips clients whose facts match a clean one (engine/lint.ts). Every client's findings must still be
 * exactly what checking that client on its own gives.
 */
export function checkCleanClients(path: string, text: string): string[] {
  const result = lintText({ path, text });
  if (!result.isClientConfig) return [];
  const fixable = result.parsed.errors.length === 0;
  const said = (findings: readonly Finding[]) => findings.map((f) => JSON.stringify([f.ruleId, f.severity, f.message, f.span, f.fixes.map((x) => x.title)]));
  const problems: string[] = [];
  const held = clientsHoldingErrors(result.clients, result.parsed, text);
  const scope = anchorScope(result.parsed, result.clients);
  result.clients.forEach((client, index) => {
    // A client whose text holds a syntax error gets no findings of its own (only the file's parse errors).
    const alone = held.has(client) ? [] : said(lintClientInFile(client, DEFAULT_SETTINGS, fixable, scope));
    const inFile = said(result.clientFindings[index] ?? []);
    if (JSON.stringify(alone) !== JSON.stringify(inFile)) problems.push(`client ${index}: in the file ${JSON.stringify(inFile)}, checked alone ${JSON.stringify(alone)}`);
  });
  return problems;
}

function isStrictJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
