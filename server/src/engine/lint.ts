/**
 * The engine's entry point: text in, findings out. No editor or protocol types: the language server and the CLI
 * both call `lintText`. Each client is checked on its own (`lintClient`), so a caller can re-check one client.
 */
import { ClientFacts, factsKey } from './client';
import type { ClientEntry } from './discover';
import { findClients, isClientConfigPath, isTerraformJson } from './discover';
import type { Anchor, Format, ParsedFile, ParseError } from './model';
import { getValue } from './model';
import { parseJson } from './parse/json';
import { parseYaml } from './parse/yaml';
import type { Finding, Severity } from './rules/api';
import { report } from './rules/api';
import { CLIENT_RULES, FILE_TOO_LARGE, GRANT_ITEM_PRECEDENCE, PARSE_ERROR } from './rules/index';
import type { FileSettings } from './settings';
import { DEFAULT_SETTINGS, resolveSeverity } from './settings';
import { applySuppressions } from './suppression';
import type { Fix } from './fix/semantic';
import { simulateEdits } from './fix/simulate';
import { fitted } from './rules/messages';
import { reachesThroughAnchor } from './fix/through-anchor';
import { DEFAULT_MAX_FILE_SIZE, exceedsUtf8Bytes, groupDigits, MAX_FIX_CHECKED_GRANTS, mentionsClientKeys } from './limits';

export { DEFAULT_MAX_FILE_SIZE } from './limits';

/** A finding with its configured severity. */
export interface LintFinding extends Finding {
  readonly severity: Severity;
}

export interface LintResult {
  readonly format: Format;
  readonly parsed: ParsedFile;
  readonly clients: readonly ClientEntry[];
  /** Whether the file holds Auth0 clients (or, unreadable, is named like a client config). */
  readonly isClientConfig: boolean;
  /** Sorted by position. */
  readonly findings: readonly LintFinding[];
  /** Each client's findings (parallel to `clients`), before suppression comments apply. */
  readonly clientFindings: readonly (readonly Finding[])[];
}

export function formatOf(path: string, languageId?: string): Format | undefined {
  if (languageId === 'yaml') return 'yaml';
  if (languageId === 'json' || languageId === 'jsonc') return 'json';
  const lower = path.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.json') || lower.endsWith('.jsonc')) return 'json';
  return undefined;
}

export function parseText(text: string, format: Format): ParsedFile {
  return format === 'yaml' ? parseYaml(text) : parseJson(text);
}

/** Runs every client rule on one client, with the natural (unconfigured) severities. */
export function lintClient(entry: ClientEntry, settings: FileSettings = DEFAULT_SETTINGS): Finding[] {
  const facts = new ClientFacts(entry);
  // A list too long to check fixes for gets none (tooManyGrantsToCheckFixes): the rules skip the fixes they would
  // build per grant item, and the rest are dropped as each rule returns, so the fixes of hundreds of thousands of
  // findings are never built or held all at once.
  const keepFixes = !tooManyGrantsToCheckFixes(entry);
  const context = { legacyTenant: settings.legacyTenant, fixesDropped: !keepFixes };
  const findings: Finding[] = [];
  // A loop, not push(...): a rule may return hundreds of thousands of findings, more than a call's arguments hold.
  // Indexed loops: this runs once per rule and client, tens of thousands of times when a large tenant opens.
  for (let r = 0; r < CLIENT_RULES.length; r++) {
    const found = CLIENT_RULES[r]!.check(facts, context);
    for (let f = 0; f < found.length; f++) findings.push(keepFixes ? found[f]! : withoutFixes(found[f]!));
  }
  return findings;
}

export interface LintInput {
  readonly path: string;
  readonly text: string;
  readonly format?: Format;
  readonly settings?: FileSettings;
  /** Texts larger than this many UTF-8 bytes are not parsed (one file-too-large finding instead). */
  readonly maxFileSize?: number;
  /** The file on disk is over `maxFileSize` and `text` is only its beginning: reported, not parsed. */
  readonly tooLarge?: boolean;
}

export function lintText(input: LintInput): LintResult {
  const format = input.format ?? formatOf(input.path) ?? 'json';
  const settings = input.settings ?? DEFAULT_SETTINGS;
  const maxFileSize = input.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (input.tooLarge === true || exceedsUtf8Bytes(input.text, maxFileSize)) return tooLargeResult(input, format, settings, maxFileSize);
  const parsed = parseText(input.text, format);
  const clients = findClients(input.path, parsed);
  const isClientConfig =
    clients.length > 0 || isClientConfigPath(input.path) || (isTerraformJson(input.path) && input.text.includes('auth0_client'));
  if (!isClientConfig) return { format, parsed, clients, isClientConfig, clientFindings: [], findings: [] };

  // In a file that does not parse, the structure around a fix is a guess: report, but offer no edits.
  const fixable = parsed.errors.length === 0;
  // Clients whose facts (client.ts, factsKey) match those of a client already found without a single finding
  // have none either: large tenants repeat a few configurations thousands of times. Only findings before
  // configuration count, as configuration depends on where the client is.
  const clean = new Set<string>();
  const clientFindings = clients.map((client) => {
    // Rule book, "Where a finding points": a client whose text holds a syntax error gets only parse-error
    // findings; its values around the error are the reader's guesses.
    if (parsed.errors.length > 0 && holdsError(client, parsed.errors)) return [];
    const key = factsKey(client, settings.legacyTenant);
    if (clean.has(key)) return [];
    const raw = lintClient(client, settings);
    if (raw.length === 0) clean.add(key);
    return findingsInFile(client, settings, fixable, raw, parsed.anchors);
  });
  return { format, parsed, clients, isClientConfig, clientFindings, findings: fileFindings(parsed, clientFindings, settings) };
}

/**
 * Whether a syntax error (not one whose values are read exactly, ParseError.exact) meets the client's extent (an empty span counts where it stands, and an error
 * just past the client's last value, such as a missing bracket, counts too).
 */
export function holdsError(client: ClientEntry, errors: readonly ParseError[]): boolean {
  const { start, end } = client.node;
  return errors.some((error) => !error.exact && error.span.start <= end && Math.max(error.span.end, error.span.start + 1) > start);
}

/**
 * One client's findings as they appear in a file: configured, one per grant item, fixes checked (or none).
 * `anchors` are the file's YAML anchors: no fix may reach through one (fix/through-anchor.ts).
 */
export function lintClientInFile(client: ClientEntry, settings: FileSettings, fixable: boolean, anchors?: readonly Anchor[]): Finding[] {
  return findingsInFile(client, settings, fixable, lintClient(client, settings), anchors);
}

/** lintClientInFile, given the client's findings from lintClient. */
function findingsInFile(client: ClientEntry, settings: FileSettings, fixable: boolean, raw: Finding[], anchors: readonly Anchor[] | undefined): Finding[] {
  const checked = asConfigured(raw, settings);
  if (checked.length === 0) return checked;
  return fixable && !tooManyGrantsToCheckFixes(client) ? withCheckedFixes(client, settings, checked, anchors) : checked.map(withoutFixes);
}

/**
 * The file's findings: every client's (already configured), the parse errors, suppressions applied, sorted by
 * position. Only the file-level findings made here are configured, so an edit does not re-configure every client's.
 */
export function fileFindings(parsed: ParsedFile, clientFindings: readonly (readonly Finding[])[], settings: FileSettings): LintFinding[] {
  const parseErrors = parsed.errors.map((error) => report(PARSE_ERROR, { node: { span: error.span, path: [] }, message: fitted(error.message) }));
  const { kept, unused } = applySuppressions(parsed, [...clientFindings.flat(), ...configure(parseErrors, settings)]);
  const findings = [...kept, ...configure(unused, settings)];
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId));
  return findings as LintFinding[];
}

/**
 * A file over the size limit is not parsed. It gets one finding when it looks like a client config (by its name,
 * or because it mentions client keys), so a large package-lock.json stays silent.
 */
function tooLargeResult(input: LintInput, format: Format, settings: FileSettings, maxFileSize: number): LintResult {
  const parsed: ParsedFile = { format, documents: [], errors: [], comments: [] };
  const isClientConfig = isClientConfigPath(input.path) || isTerraformJson(input.path) || mentionsClientKeys(input.text);
  if (!isClientConfig) return { format, parsed, clients: [], isClientConfig, clientFindings: [], findings: [] };
  // No size in the message: a caller may pass only the beginning of a file it measured on disk.
  const message = `Not checked: this file is larger than the size limit of ${groupDigits(maxFileSize)} bytes; raise the limit to check it.`;
  const findings = configure([report(FILE_TOO_LARGE, { node: { span: { start: 0, end: 0 }, path: [] }, message })], settings);
  return { format, parsed, clients: [], isClientConfig, clientFindings: [], findings: findings as LintFinding[] };
}

/** See MAX_FIX_CHECKED_GRANTS: checking every fix of a huge grant list one by one would be quadratic. */
function tooManyGrantsToCheckFixes(client: ClientEntry): boolean {
  const grants = getValue(client.node, 'grant_types');
  return grants?.kind === 'array' && grants.items.length > MAX_FIX_CHECKED_GRANTS;
}

/**
 * A client's findings as configured (resolveSeverity; rules that are off dropped), one per grant item, fixes not
 * yet checked: what a diagnostic shows, for callers that judge a client the file does not hold as written (the
 * hover's and completion's verdict on a single grant).
 */
export function checkClient(entry: ClientEntry, settings: FileSettings): Finding[] {
  return asConfigured(lintClient(entry, settings), settings);
}

/** A client's findings from lintClient, configured and one per grant item. */
function asConfigured(raw: Finding[], settings: FileSettings): Finding[] {
  return raw.length === 0 ? raw : onePerGrantItem(configure(raw, settings));
}

/**
 * Keeps only the fixes that keep the rule book's invariants on this client: the finding they fix is gone and no
 * new error appears, and nothing another client resolves through a YAML anchor changes (invariant 5). Checked
 * on the model, without touching the text.
 */
function withCheckedFixes(entry: ClientEntry, settings: FileSettings, findings: readonly Finding[], anchors: readonly Anchor[] | undefined): Finding[] {
  const errorsBefore = new Set(findings.filter((f) => f.severity === 'error').map(positionKey));
  const works = (finding: Finding, fix: Fix): boolean => {
    if (reachesThroughAnchor(fix, anchors)) return false;
    const after = checkClient(simulateEdits(entry, fix.edits), settings);
    const own = positionKey(finding);
    return after.every((f) => positionKey(f) !== own && (f.severity !== 'error' || errorsBefore.has(positionKey(f))));
  };
  return findings.map((finding) => {
    if (finding.fixes.length === 0) return finding;
    const fixes = finding.fixes.filter((fix) => works(finding, fix));
    return fixes.length === finding.fixes.length ? finding : { ...finding, fixes };
  });
}

function withoutFixes(finding: Finding): Finding {
  return finding.fixes.length === 0 ? finding : { ...finding, fixes: [] };
}

function positionKey(finding: Finding): string {
  return `${finding.ruleId}@${finding.span.start}:${finding.span.end}`;
}

/** Applies configured severities; drops findings of rules that are off. Idempotent. */
function configure(findings: readonly Finding[], settings: FileSettings): Finding[] {
  const out: Finding[] = [];
  for (const finding of findings) {
    const severity = resolveSeverity(finding, settings);
    if (severity === 'off') continue;
    out.push(severity === finding.severity ? finding : { ...finding, severity });
  }
  return out;
}

const PRECEDENCE = new Map(GRANT_ITEM_PRECEDENCE.map((id, index) => [id, index]));

/** One grant item gets at most one grant-value finding: the first rule of the precedence order wins. */
function onePerGrantItem(findings: readonly Finding[]): Finding[] {
  const winner = new Map<object, Finding>();
  for (const finding of findings) {
    if (!finding.grantItem) continue;
    const current = winner.get(finding.grantItem);
    if (!current || rank(finding) < rank(current)) winner.set(finding.grantItem, finding);
  }
  return findings.filter((finding) => !finding.grantItem || winner.get(finding.grantItem) === finding);
}

function rank(finding: Finding): number {
  return PRECEDENCE.get(finding.ruleId) ?? Number.MAX_SAFE_INTEGER;
}
