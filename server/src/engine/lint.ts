/**
 * The engine's entry point: text in, findings out. No editor or protocol types: the language server and the CLI
 * both call `lintText`. Each client is checked on its own (`lintClient`), so a caller can re-check one client.
 */
import { reportedParseErrors } from './reported-parse-errors';
import { ClientFacts, factsKey } from './client';
import { CleanFacts } from './clean-facts';
import type { ClientEntry, CreateTimeUnknown } from './discover';
import { findClients, hasPlaceholderName, isClientConfigPath, isTenantJsonPath, isTerraformFile } from './discover';
import type { ClientGrantEntry } from './grants';
import { findClientGrants, isDirectoryGrantFile, knownAudienceOf } from './grants';
import type { ClientNamePlace, OtherFileLocation, ProjectLinks } from './links';
import { type LinkedClient, copyGrant, createTimeUnknown, credentialsElsewhere, isLinkedOffset, linkedClient, linkedCredentials, linkedSpan, moduleKnownWhole, moduleTenantFlags, otherFileLocation } from './links';
import { brokenResource, clientLinkOfResource, clientOfResource, credentialsByClient, credentialsCountByClient, resourceBodiesExcept, resourcesOf } from './terraform';
import type { Anchor, Format, ObjectNode, ParsedFile, ParseError, Span, ValueNode } from './model';
import { getValue, holdsError, propSpan } from './model';
import { parseHcl } from './parse/hcl';
import { BYTE_ORDER_MARK_ERROR, parseJson, type StrictJsonReader } from './parse/json';
import { parseYaml } from './parse/yaml';
import type { Finding, RaisedError, RelatedInfo, RuleContext, SafeFixWithheld, Severity } from './rules/api';
import { anchoredValueSpan, report } from './rules/api';
import { CLIENT_GRANT_RULES, CLIENT_RULES, FILE_TOO_LARGE, GRANT_ITEM_PRECEDENCE, PARSE_ERROR } from './rules/index';
import type { FileSettings } from './settings';
import { DEFAULT_SETTINGS, resolveSeverity } from './settings';
import type { RuleOffAt } from './suppression';
import { applySuppressions, hasDirectives, namesRule, silencedIn, strayDirectiveNaming, suppressionOf, withFixesHeld, type FindingElsewhere } from './suppression';
import { editTarget, isSafeFix, type Fix, type PlainValue, type SemanticEdit, type TextEdit } from './fix/semantic';
import { EditRenderer } from './fix/render';
import { simulateEdits } from './fix/simulate';
import { ClientLayout, fixVerdicts, type FixVerdict } from './fix/verdicts';
import { fitsNames, fitted } from './rules/messages';
import { placeholderNameMayBe, writtenWithPlaceholders } from './placeholders';
import { closestByDistance } from './did-you-mean';
import { reachesThroughAnchor } from './fix/through-anchor';
import type { AnchorScope } from './fix/anchor-scope';
import { anchorScope } from './fix/anchor-scope';
import { DEFAULT_MAX_FILE_SIZE, exceedsUtf8Bytes, groupDigits, MAX_FIX_CHECKED_GRANTS, mentionsClientKeys } from './limits';
import { LineIndex } from './text';

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
  /** The file's client grants (deploy-cli `clientGrants:`, `grants/*.json`, Terraform `auth0_client_grant`). */
  readonly grants: readonly ClientGrantEntry[];
  /**
   * Findings that need more than one object: the client-grant rules, and (Terraform) findings on this file's
   * credentials resources about clients of other files of the module. Configured, before suppression comments.
   */
  readonly linkedFindings: readonly Finding[];
  /** The client each linked finding is about (parallel to `linkedFindings`): a grant's client, or a guest. */
  readonly linkedClients: readonly ClientEntry[];
  /** Terraform: clients of other files of the module whose credentials resource is in this file. */
  readonly guests: readonly ClientEntry[];
}

export function formatOf(path: string, languageId?: string): Format | undefined {
  if (languageId === 'yaml') return 'yaml';
  if (languageId === 'json' || languageId === 'jsonc') return 'json';
  if (languageId === 'terraform' || languageId === 'hcl') return 'hcl';
  const lower = path.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.json') || lower.endsWith('.jsonc')) return 'json';
  if (lower.endsWith('.tf')) return 'hcl';
  return undefined;
}

/**
 * Parses a file's text in its format. An empty JSON file has no clients and no findings (a file being created),
 * except a deploy-cli `tenant.json` (`path` given): auth0-deploy-cli cannot read an empty one, and its flags set
 * the severity of every client of the directory, so it gets one parse error and its flags are unknown.
 */
export function parseText(text: string, format: Format, path?: string): ParsedFile {
  if (format === 'yaml') return parseYaml(text);
  if (format === 'hcl') return parseHcl(text);
  const parsed = parseJson(text, path === undefined ? undefined : strictJsonReader(path));
  // Blank, or only comments: no value at all.
  const empty = path !== undefined && isTenantJsonPath(path) && parsed.errors.length === 0 && parsed.documents.every((doc) => doc.root === undefined);
  return empty ? { ...parsed, errors: [{ message: EMPTY_TENANT_JSON, span: { start: 0, end: 0 } }] } : parsed;
}

/** The parsed file with one more error, at the start of the text (kept in order). */
function withErrorAtStart(parsed: ParsedFile, error: ParseError): ParsedFile {
  return { ...parsed, errors: [error, ...parsed.errors] };
}

/**
 * `parsed` (the file at `path`, read from a text that began with a UTF-8 byte order mark) with the mark's parse
 * error when auth0-deploy-cli reads the file and refuses the mark (BYTE_ORDER_MARK_ERROR); unchanged otherwise, and
 * when it has the error already (a sibling the workspace parsed, its parse reused).
 */
export function withByteOrderMark(path: string, parsed: ParsedFile): ParsedFile {
  const refused = parsed.format === 'json' && strictJsonReader(path) === 'auth0-deploy-cli' && parsed.documents.some((d) => d.root !== undefined);
  return refused && !parsed.errors.includes(BYTE_ORDER_MARK_ERROR) ? withErrorAtStart(parsed, BYTE_ORDER_MARK_ERROR) : parsed;
}

/** A deploy-cli tenant's client list or client grants list as a top-level YAML key, or a `grant_types` key anywhere. */
const TENANT_LIST_KEY = /^(?:clients|clientGrants)[ \t]*:|^[ \t-]*["']?grant_types["']?[ \t]*:/m;

/** Who reads a JSON file at `path` with a parser that allows no comments or trailing commas (parse/json.ts). */
function strictJsonReader(path: string): StrictJsonReader | undefined {
  if (isTerraformFile(path)) return 'terraform';
  return isTenantJsonPath(path) || isClientConfigPath(path) || isDirectoryGrantFile(path) ? 'auth0-deploy-cli' : undefined;
}

const EMPTY_TENANT_JSON = 'JSON syntax error: tenant.json holds no value; auth0-deploy-cli cannot read it, so the tenant flags are unknown';


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
  /**
   * The file starts with a UTF-8 byte order mark that `text` was read without (workspace/read-file.ts): a
   * parse-error in a deploy-cli JSON file, whose tool refuses it (parse/json.ts BYTE_ORDER_MARK_ERROR). Editors hand
   * over a document's text without its mark and without saying whether it had one, so only the CLI sets this.
   */
  readonly byteOrderMark?: boolean;
  /**
   * The rest of the file's project, indexed (engine/links.ts; built by workspace/project-graph.ts): a Terraform
   * module's other files, or a deploy-cli directory's tenant.json and clients. Without it the file is read alone.
   */
  readonly links?: ProjectLinks;
  /**
   * The file already parsed by the caller (the project graph reads a module's files for links), used when its
   * `text` is this input's text, so a file is not parsed twice.
   */
  readonly parsed?: { readonly text: string; readonly file: ParsedFile };
  /**
   * How much of each finding's fixes to check on the model (every fix offered is checked first):
   * - 'all' (the default): every fix; a finding keeps each fix that works (what an editor offers, what --fix uses);
   * - 'enough-to-count': safe fixes first, stopping at the first that works, then, only when no safe fix works,
   *   unsafe ones until one works. A finding keeps only the fixes found to work, so whether it has a working fix
   *   and a working safe fix is exactly as with 'all' (a report's "fixable" counts), in a fraction of the checks.
   *   The tests hold both to the same counts. Of its fixes across files (Finding.fixesElsewhere), the first that
   *   works is kept, so whether it has one is known too.
   */
  readonly fixChecks?: FixChecks;
}

/** See LintInput.fixChecks. */
export type FixChecks = 'all' | 'enough-to-count';

export function lintText(input: LintInput): LintResult {
  const format = input.format ?? formatOf(input.path) ?? 'json';
  const settings = input.settings ?? DEFAULT_SETTINGS;
  const maxFileSize = input.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (input.tooLarge === true || exceedsUtf8Bytes(input.text, maxFileSize)) return tooLargeResult(input, format, settings, maxFileSize);
  const read = input.parsed !== undefined && input.parsed.text === input.text && input.parsed.file.format === format ? input.parsed.file : parseText(input.text, format, input.path);
  const parsed = input.byteOrderMark === true ? withByteOrderMark(input.path, read) : read;
  const links = input.links;
  const whole = createTimeKnown(links, input.path, parsed);
  const clients = withLinks(findClients(input.path, parsed), input.path, links, whole);
  const grants = findClientGrants(input.path, parsed, (index) => isTenantDocument(input.path, clients, index));
  const guestLinks = guestClients(input.path, parsed, clients, links);
  const guests = guestLinks.map((guest) => guest.entry);
  const isClientConfig =
    clients.length > 0 ||
    grants.length > 0 ||
    guests.length > 0 ||
    isClientConfigPath(input.path) ||
    isDirectoryGrantFile(input.path) ||
    // A tenant.json that does not parse: its flags cannot be read, which must not pass unseen.
    (isTenantJsonPath(input.path) && parsed.errors.length > 0) ||
    // A YAML tenant whose clients list is broken at its first client, or a payload broken before its first value,
    // holds no client the reader could tell: its parse errors must not pass unseen (its keys say what it is).
    (format === 'yaml' && parsed.errors.length > 0 && TENANT_LIST_KEY.test(input.text)) ||
    (isTerraformFile(input.path) && input.text.includes('auth0_client'));
  if (!isClientConfig) return { format, parsed, clients, isClientConfig, clientFindings: [], grants, linkedFindings: [], linkedClients: [], guests, findings: [] };

  // In a file that does not parse, the structure around a fix is a guess: report, but offer no edits.
  const fixable = parsed.errors.length === 0;
  const fixChecks = input.fixChecks ?? 'all';
  // Clients whose facts (client.ts, factsKey) match those of a client already found without a single finding
  // have none either (lintClientRemembered). Only findings before configuration count, as configuration depends
  // on where the client is. Linked facts are part of the key.
  const broken = clientsHoldingErrors(clients, parsed, input.text);
  // Which fixes through a YAML anchor may be offered (only one client uses what they edit): made when first asked.
  let scope: AnchorScope | undefined;
  // The findings only another file's comments silence, for this file's comments to be told where to go: gathered
  // only when the file has suppression comments.
  const elsewhere: FindingElsewhere[] | undefined = hasDirectives(parsed.comments) ? [] : undefined;
  const clientFindings = clients.map((client) => {
    // Rule book, "Where a finding points": a client whose text holds a syntax error gets only parse-error
    // findings; its values around the error are the reader's guesses.
    if (broken.has(client)) return [];
    const raw = lintClientRemembered(client, settings);
    if (raw.length === 0) return [];
    return placedInFile(findingsInFile(client, settings, fixable, raw, (scope ??= anchorScope(parsed, clients)), fixChecks, links), client, links, elsewhere);
  });
  const linkedFindings: Finding[] = [];
  const linkedClients: ClientEntry[] = [];
  const add = (finding: Finding, client: ClientEntry) => {
    linkedFindings.push(finding);
    linkedClients.push(client);
  };
  for (const { entry: guest, twin } of guestLinks) {
    // Judged first as its twin (its own file's offsets, nothing copied): a guest without findings is never copied.
    if (lintClientRemembered(twin, settings).length === 0) continue;
    const found = findingsInFile(guest, settings, fixable, lintClientRemembered(guest, settings), anchorScope(parsed, clients), fixChecks).map((finding) => heldByOtherFileComment(finding, guest, links));
    for (const finding of onlyThisFile(found, links, elsewhere)) add(finding, guest);
  }
  const grantResults = grantFindings(input.path, grants, clients, parsed, settings, links, whole, broken, input.text);
  for (const { finding, client } of grantResults) add(finding, client);
  // A comment above a client naming a rule whose finding is reported elsewhere in this file (its credentials
  // resource, its client grant) or in another file (its grant in grants.tf) is told where the finding is.
  if (elsewhere) {
    const placeOf = placesIn(input.path, input.text);
    elsewhere.push(
      ...findingsBearingElsewhere(placeOf, parsed, clients, clientFindings),
      ...grantFindingsAtClients(placeOf, parsed, grantResults),
      ...grantFindingsInTheirGrants(placeOf, parsed, grants, grantResults),
      ...grantFindingsOfOtherFiles(input.path, parsed, clients, links, settings, broken),
    );
  }
  const held = new Map<Finding, Finding>();
  const findings = fileFindings(
    parsed,
    input.text,
    [...clientFindings, linkedFindings],
    settings,
    () => {
      const judge = suppressionJudge(parsed, [...clients, ...grants], clients, settings, broken);
      // A comment naming third-party-system-api-grant at a grant it cannot judge silences that grant's note
      // (unjudgedAudienceNotes): it is used, though the rule gives no finding there.
      const unjudged = unjudgedAudienceGrants({ path: input.path, text: input.text, links }, { parsed, clients, grants });
      return (ruleId, scope) => judge(ruleId, scope) || (ruleId === SYSTEM_API_RULE && unjudged.some(({ places }) => places.some((place) => place.start >= scope.start && place.start < scope.end)));
    },
    elsewhere,
    held,
  );
  if (held.size === 0) return { format, parsed, clients, isClientConfig, clientFindings, grants, linkedFindings, linkedClients, guests, findings };
  // The held copies in the per-client lists too: the file's findings are those same objects (cli/report.ts finds a
  // finding's client by them).
  const swap = (finding: Finding) => held.get(finding) ?? finding;
  return { format, parsed, clients, isClientConfig, clientFindings: clientFindings.map((list) => list.map(swap)), grants, linkedFindings: linkedFindings.map(swap), linkedClients, guests, findings };
}

/**
 * The clients whose text holds a syntax error (not one read exactly; engine/model.ts holdsError). In YAML the text
 * of a list item runs to the next item (the last one: to the next top-level key of its document, else the
 * document's end): a broken line after a client's last value (a tab as indentation, a key out of line) is the
 * client's as written, though the parser's recovery may end the client before it, so what it read of the client
 * is a guess too; so is an entry the recovery made of a broken line (one whose line starts at an error). Each
 * with the text it reaches; empty for a file without errors.
 */
export function clientsHoldingErrors<T extends ListedEntry>(clients: readonly T[], parsed: ParsedFile, text: string): ReadonlyMap<T, Span> {
  const held = new Map<T, Span>();
  if (parsed.errors.length === 0) return held;
  // From the last entry back: an entry the parser's recovery made of a broken line (one that starts at a syntax
  // error, as a key out of line read as an item without its `-`) is the text of the entry before it.
  let nextReachEnd = -1;
  for (let i = clients.length - 1; i >= 0; i--) {
    const client = clients[i]!;
    const next = clients[i + 1];
    let end = parsed.format === 'yaml' ? yamlItemEnd(client, next, parsed, text) : client.node.end;
    if (parsed.format === 'yaml' && next && next.documentIndex === client.documentIndex && startsAtError(next, parsed, text)) end = Math.max(end, nextReachEnd);
    const reach = { start: client.node.start, end };
    // An entry that starts at an error is what the recovery made of a broken line: a guess of its own too.
    if (holdsError({ node: reach }, parsed.errors) || (parsed.format === 'yaml' && startsAtError(client, parsed, text))) held.set(client, reach);
    nextReachEnd = end;
  }
  return held;
}

/**
 * `notes` (the CLI's and the editor's notes, which are no rule's findings) without those in text that holds a
 * syntax error: a client or, in Terraform, any resource whose text holds one gets its parse-error and nothing else
 * (rule book), as what was read of it is a guess. A note at a broken client's key or resource label goes too.
 */
export function notesOutsideErrors<T extends { readonly span: Span }>(notes: readonly T[], result: LintResult, text: string): T[] {
  const { parsed } = result;
  if (parsed.errors.length === 0 || notes.length === 0) return [...notes];
  const broken: Span[] = [];
  for (const [client, reach] of clientsHoldingErrors(result.clients, parsed, text)) broken.push(reach, client.anchor);
  if (parsed.format === 'hcl') {
    // Every type's resources: `''` is no resource type.
    for (const doc of parsed.documents) for (const body of resourceBodiesExcept(doc.root, '')) if (brokenResource(body, parsed.errors)) broken.push(body);
  }
  return notes.filter((note) => !broken.some((span) => span.start <= note.span.start && note.span.start < Math.max(span.end, span.start + 1)));
}

/** Whether a syntax error lies on an entry's first line before its text begins, or at its very start. */
function startsAtError(entry: ListedEntry, parsed: ParsedFile, text: string): boolean {
  const lineStart = text.lastIndexOf('\n', entry.node.start - 1) + 1;
  return holdsError({ node: { start: lineStart, end: entry.node.start } }, parsed.errors);
}

/** An entry of a list of the file (a client, a client grant): its node and the YAML document holding it. */
interface ListedEntry {
  readonly node: { readonly start: number; readonly end: number };
  readonly documentIndex: number;
}

/** Where a YAML list entry's text as written ends (see clientsHoldingErrors): before the next entry, else the next top-level key. */
function yamlItemEnd(client: ListedEntry, next: ListedEntry | undefined, parsed: ParsedFile, text: string): number {
  if (next && next.documentIndex === client.documentIndex && next.node.start > client.node.end) return next.node.start - 1;
  const doc = parsed.documents[client.documentIndex];
  if (!doc) return client.node.end;
  const root = doc.root;
  const nextKey = root?.kind === 'object' ? root.props.find((p) => p.keySpan.start > client.node.end && (p.keySpan.start === 0 || text.charCodeAt(p.keySpan.start - 1) === 0x0a)) : undefined;
  return Math.max(client.node.end, (nextKey ? nextKey.keySpan.start : doc.span.end) - 1);
}

/** A YAML document is a deploy-cli tenant when it holds deploy-cli clients, or the file is named tenant.yaml. */
function isTenantDocument(path: string, clients: readonly ClientEntry[], documentIndex: number): boolean {
  return clients.some((c) => c.documentIndex === documentIndex && c.source === 'deploy-cli-yaml') || /(^|[\\/])tenant\.ya?ml$/i.test(path);
}

/**
 * Terraform: whether a client without a linked credentials resource gets the provider's create-time method (true),
 * or why not: never unless the module is known whole (engine/links.ts moduleKnownWhole), and never for a client
 * of which a credentials resource configures a single instance or that is passed on to a module, a local or an
 * output (createTimeUnknown, found once per lint when first asked). Undefined without module links.
 */
type CreateTimeVerdict = (name: string) => true | CreateTimeUnknown | undefined;

function createTimeKnown(links: ProjectLinks | undefined, path: string, parsed: ParsedFile): CreateTimeVerdict {
  if (links?.kind !== 'terraform-module') return () => undefined;
  if (!moduleKnownWhole(links, path, parsed)) return () => 'module-not-whole';
  let unknown: ReadonlyMap<string, CreateTimeUnknown> | undefined;
  return (name) => (unknown ??= createTimeUnknown(links, path, parsed)).get(name) ?? true;
}

/** A Terraform client without linked credentials, with its create-time method or why it has none. */
function withCreateTime(entry: ClientEntry, verdict: true | CreateTimeUnknown | undefined): ClientEntry {
  if (verdict === true) return { ...entry, createTimeMethod: true };
  return verdict === undefined ? entry : { ...entry, createTimeUnknown: verdict };
}

/**
 * The file's clients with what the rest of the project says about them: a directory client gets the tenant.json
 * flags; a Terraform client its credentials resource from another file of the module, or, when the module was
 * known whole and none links to it (`whole`, createTimeKnown), the provider's create-time method.
 */
function withLinks(clients: ClientEntry[], path: string, links: ProjectLinks | undefined, whole: CreateTimeVerdict): ClientEntry[] {
  if (!links) return clients;
  if (links.kind === 'deploy-directory') {
    const flags = links.tenantFlags;
    const unknown = links.tenantFlagsUnknown;
    if (unknown) return clients.map((c) => (c.source === 'deploy-cli-directory' && !c.tenantFlags ? { ...c, tenantFlagsUnknown: unknown } : c));
    if (!flags) return clients;
    return clients.map((c) => (c.source === 'deploy-cli-directory' && !c.tenantFlags ? { ...c, tenantFlags: flags.node } : c));
  }
  // The module's auth0_tenant flags, when another file holds them (a file's own are read with it).
  const tenant = moduleTenantFlags(links, path);
  const withTenant = (c: ClientEntry): ClientEntry => {
    if (!tenant) return c;
    // auth0_tenant resources in several files: unknown, whatever this file's own says.
    if (tenant.replacesOwn) return { ...c, tenantFlags: undefined, tenantFlagsUnknown: 'placeholder' };
    if (c.tenantFlags || c.tenantFlagsUnknown) return c;
    return tenant.unknown ? { ...c, tenantFlagsUnknown: 'placeholder' } : { ...c, tenantFlags: tenant.flags };
  };
  return clients.map((client) => {
    const c = client.source === 'terraform' ? withTenant(client) : client;
    if (c.source !== 'terraform' || c.resourceName === undefined || c.createTimeUnknown === 'several-credentials') return c;
    // Credentials resources for this client in other files too (besides one here, or more than one there): which
    // method applies is unknown, never the first one's.
    const elsewhere = credentialsElsewhere(links, c.resourceName, path);
    if (elsewhere > 0 && (c.credentials || elsewhere > 1)) return { ...c, credentials: undefined, createTimeMethod: false, createTimeUnknown: 'several-credentials' };
    if (c.credentials) return c;
    const linked = linkedCredentials(links, c.resourceName, path);
    if (linked) return { ...c, credentials: linked.body };
    return withCreateTime(c, whole(c.resourceName));
  });
}

/**
 * Terraform: clients of other files of the module whose credentials resource is in this file. Their findings
 * on this file's values (the method, token_vault_privileged_access) are reported here.
 */
function guestClients(path: string, parsed: ParsedFile, own: readonly ClientEntry[], links: ProjectLinks | undefined): Guest[] {
  if (links?.kind !== 'terraform-module') return [];
  const ownNames = new Set(own.map((c) => c.resourceName));
  let ownCounts: Map<string, number> | undefined;
  const guests: Guest[] = [];
  for (const doc of parsed.documents) {
    for (const { body } of resourcesOf(doc.root, 'auth0_client_credentials')) {
      if (brokenResource(body, parsed.errors)) continue;
      const target = clientOfResource(body);
      if (target === undefined || ownNames.has(target)) continue;
      // Another credentials resource for the same client (here or elsewhere): its method is unknown, nothing is judged.
      if ((ownCounts ??= credentialsCountsOfFile(parsed)).get(target)! > 1 || credentialsElsewhere(links, target, path) > 0) continue;
      const linked = linkedClient(links, target, path);
      if (linked) guests.push(guestOf(linked, body));
    }
  }
  return guests;
}

/**
 * A client of another file judged with this file's credentials resource (`entry`, its nodes in its file's offset
 * range), and its `twin`: the same facts with the client in its own file's offsets, which rules judge as they
 * judge `entry` (client.ts factsKey) and which, unlike `entry`, copies nothing.
 */
interface Guest {
  readonly entry: ClientEntry;
  readonly twin: ClientEntry;
}

/**
 * The guest of `linked` with `credentials`. Its `node` and `tenantFlags` are copied into the file's offset range
 * when first read: in a module of thousands of clients whose credentials are in one file, only guests with
 * findings (or a hover, a fix, a note on them) are copied.
 */
function guestOf(linked: LinkedClient, credentials: ObjectNode): Guest {
  const own = linked.unshifted;
  const base = linked.file.base;
  const entry: ClientEntry = { ...own, anchor: { start: own.anchor.start + base, end: own.anchor.end + base }, credentials, createTimeMethod: false };
  Object.defineProperties(entry, {
    node: { get: () => linked.entry.node, enumerable: true },
    tenantFlags: { get: () => linked.entry.tenantFlags, enumerable: true },
  });
  return { entry, twin: { ...own, credentials, createTimeMethod: false } };
}

/** Terraform: how many credentials resources of the file link to each client (by resource name). */
function credentialsCountsOfFile(parsed: ParsedFile): Map<string, number> {
  const out = new Map<string, number>();
  for (const doc of parsed.documents) for (const [name, count] of credentialsCountByClient(doc.root, parsed.errors)) out.set(name, (out.get(name) ?? 0) + count);
  return out;
}

/** Terraform: the file's credentials resources by the resource name of their client (the first of each). */
function credentialsOfFile(parsed: ParsedFile): Map<string, ObjectNode> {
  const out = new Map<string, ObjectNode>();
  for (const doc of parsed.documents) for (const [name, body] of credentialsByClient(doc.root, parsed.errors)) if (!out.has(name)) out.set(name, body);
  return out;
}

/**
 * The file's own clients by how grants name them, indexed once per file (a tenant of thousands of clients and
 * grants stays linear): YAML by document and `name`, every client of a repeated name in file order; Terraform by
 * resource name (the first of a repeated one: `terraform plan` refuses the repeat).
 */
function ownClientIndex(clients: readonly ClientEntry[]): ReadonlyMap<string, readonly ClientEntry[]> {
  // Made once per list of clients: a lint and its notes ask for it several times (judging grants, then noting the
  // grants without a client, then their audiences).
  const known = ownClientIndexes.get(clients);
  if (known) return known;
  const index = new Map<string, ClientEntry[]>();
  ownClientIndexes.set(clients, index);
  for (const c of clients) {
    const key = c.source === 'deploy-cli-yaml' && c.name !== undefined && !hasPlaceholderName(c) ? `${c.documentIndex}:${c.name}` : c.source === 'terraform' && c.resourceName !== undefined ? `tf:${c.resourceName}` : undefined;
    if (key === undefined) continue;
    const list = index.get(key);
    if (!list) index.set(key, [c]);
    else if (c.source === 'deploy-cli-yaml') list.push(c);
  }
  return index;
}

/** ownClientIndex by list of clients (a lint's lists are never changed once made). */
const ownClientIndexes = new WeakMap<readonly ClientEntry[], Map<string, ClientEntry[]>>();

/**
 * The clients of the same tenant that share the name a deploy-cli grant gives (YAML: of its document, `own` the
 * file's index; directory: of `clients/`), when more than one has it: auth0-deploy-cli refuses clients that share a
 * name, and which one the grant is for is unknown. Undefined for a name one client or none has, and for Terraform.
 */
function clientsSharingName(grant: ClientGrantEntry, own: ReadonlyMap<string, readonly ClientEntry[]>, links: ProjectLinks | undefined): { readonly yaml?: readonly ClientEntry[]; readonly directory?: readonly ClientNamePlace[] } | undefined {
  const name = grant.clientName;
  if (name === undefined) return undefined;
  if (grant.source === 'deploy-cli-yaml') {
    const found = own.get(`${grant.documentIndex}:${name}`);
    return found && found.length > 1 ? { yaml: found } : undefined;
  }
  if (grant.source === 'deploy-cli-directory' && links?.kind === 'deploy-directory') {
    const found = links.sharedNames.get(name);
    return found ? { directory: found } : undefined;
  }
  return undefined;
}

/**
 * How a file's client grants find their clients (grantClient), set up once per file: `own`, the file's clients by
 * how grants name them (ownClientIndex), and `clientOf`, a grant's client or undefined when none is found.
 */
function grantClientsOf(path: string, parsed: ParsedFile, clients: readonly ClientEntry[], links: ProjectLinks | undefined, whole: CreateTimeVerdict): { readonly own: ReadonlyMap<string, readonly ClientEntry[]>; readonly clientOf: (grant: ClientGrantEntry) => ClientEntry | undefined } {
  const own = ownClientIndex(clients);
  let credentialsHere: Map<string, ObjectNode> | undefined;
  const ownCredentials = (): ReadonlyMap<string, ObjectNode> => (credentialsHere ??= credentialsOfFile(parsed));
  return { own, clientOf: (grant) => grantClient(path, grant, own, ownCredentials, links, whole) };
}

/**
 * The client a client grant of a linted file names, found as the client-grant rules find it (among the grant's YAML
 * document's clients, the deploy-cli directory's, or the Terraform module's), with its links; undefined when none is
 * (a note then says so). `path` and `links`: what the file was linted with; `result`: that lint.
 */
export function clientOfGrant(path: string, result: LintResult, links: ProjectLinks | undefined, grant: ClientGrantEntry): ClientEntry | undefined {
  return grantClientsOf(path, result.parsed, result.clients, links, createTimeKnown(links, path, result.parsed)).clientOf(grant);
}

/**
 * The client a grant names: among the same YAML document's clients, the directory's, or the module's. A client of
 * another file of the module gets its credentials from its own file, this file (`ownCredentials`, as its text
 * reads now) or another file, in that order.
 */
function grantClient(
  path: string,
  grant: ClientGrantEntry,
  own: ReadonlyMap<string, readonly ClientEntry[]>,
  ownCredentials: () => ReadonlyMap<string, ObjectNode>,
  links: ProjectLinks | undefined,
  whole: CreateTimeVerdict,
): ClientEntry | undefined {
  const name = grant.clientName;
  if (name === undefined) return undefined;
  // A name several clients share names none of them for sure (clientsSharingName): the grant is not judged.
  if (grant.source === 'deploy-cli-yaml') {
    const found = own.get(`${grant.documentIndex}:${name}`);
    return found?.length === 1 ? found[0] : undefined;
  }
  if (grant.source === 'deploy-cli-directory') {
    if (links?.kind !== 'deploy-directory' || links.sharedNames.has(name)) return undefined;
    const linked = links.clientsByName.get(name);
    return linked && { ...linked.entry, tenantFlags: linked.entry.tenantFlags ?? links.tenantFlags?.node };
  }
  const ownClient = own.get(`tf:${name}`)?.[0];
  if (ownClient || links?.kind !== 'terraform-module') return ownClient;
  const linked = linkedClient(links, name, path);
  if (!linked) return undefined;
  const entry = linked.entry;
  if (entry.credentials) return entry;
  const here = ownCredentials().get(name);
  if (here) return { ...entry, credentials: here };
  const credentials = linkedCredentials(links, name, path);
  if (credentials) return { ...entry, credentials: credentials.body };
  return withCreateTime(entry, whole(name));
}

/**
 * The names of the clients of a file's project: its own clients' and, linked, its deploy directory's or Terraform
 * module's (their `name`, else the resource name). What a clipped client name in a message must stay apart from.
 */
function projectClientNames(clients: readonly ClientEntry[], links: ProjectLinks | undefined): readonly string[] {
  const own = clients.flatMap((client) => (client.name === undefined ? [] : [client.name]));
  if (links?.kind === 'deploy-directory') return [...new Set([...own, ...links.clientsByName.names()])];
  if (links?.kind === 'terraform-module') return [...new Set([...own, ...[...links.clients.values()].flat().flatMap((linked) => (linked.unshifted.name === undefined ? [] : [linked.unshifted.name]))])];
  return own;
}

/** The client-grant rules on each grant whose client is found, configured, placed in this file. */
function grantFindings(
  path: string,
  grants: readonly ClientGrantEntry[],
  clients: readonly ClientEntry[],
  parsed: ParsedFile,
  settings: FileSettings,
  links: ProjectLinks | undefined,
  whole: CreateTimeVerdict,
  brokenClients: ReadonlyMap<ClientEntry, Span>,
  text: string,
): { readonly finding: Finding; readonly client: ClientEntry }[] {
  if (grants.length === 0) return [];
  // Grants and clients whose text as written holds a syntax error (in YAML, a broken line after an entry's last
  // value is the entry's: clientsHoldingErrors): what was read of them is a guess, so nothing is judged on them.
  const brokenGrants = clientsHoldingErrors(grants, parsed, text);
  let names: readonly string[] | undefined;
  const context: RuleContext = { legacyTenant: settings.legacyTenant, clientNames: () => (names ??= projectClientNames(clients, links)) };
  const fixable = parsed.errors.length === 0;
  const factsOf = new Map<ClientEntry, ClientFacts>();
  const { clientOf } = grantClientsOf(path, parsed, clients, links, whole);
  const out: { finding: Finding; client: ClientEntry }[] = [];
  for (const grant of grants) {
    if (brokenGrants.has(grant)) continue;
    const entry = clientOf(grant);
    // A client of this file whose text holds a syntax error is not known (linked ones holding one are not indexed).
    if (!entry || brokenClients.has(entry) || (parsed.errors.length > 0 && holdsError(entry, parsed.errors))) continue;
    let client = factsOf.get(entry);
    if (!client) {
      client = new ClientFacts(entry);
      factsOf.set(entry, client);
    }
    for (const rule of CLIENT_GRANT_RULES) {
      const found = configure(rule.checkGrant({ grant, client }, context), settings);
      for (const finding of found) {
        const fixes = fixable ? finding.fixes.filter((fix) => !editsElsewhere(fix.edits) && grantFixWorks(fix, entry, settings, parsed.anchors)) : [];
        // A fix of the grant's client in another file (clients/*.json, main.tf) is a quick fix across files.
        const fixesElsewhere = fixable ? finding.fixes.filter((fix) => editsElsewhere(fix.edits) && grantFixWorks(fix, entry, settings, undefined)) : [];
        // No fix left, and an anchor is why (the grant is anchored content another grant merges): said, as for clients.
        const anchored = fixes.length === 0 && fixesElsewhere.length === 0 && finding.fixes.some((fix) => reachesThroughAnchor(fix, parsed.anchors)) ? { fixesWithheldByAnchor: true as const } : {};
        const checked = fixes.length === finding.fixes.length ? finding : fixesElsewhere.length > 0 ? { ...finding, fixes, fixesElsewhere } : { ...finding, fixes, ...anchored };
        out.push({ finding: linkedRelated(heldByOtherFileComment(checked, entry, links), links), client: entry });
      }
    }
  }
  return out;
}

/** A client-grant finding with the client it is about, as lintText lists them (LintResult.linkedFindings, linkedClients). */
export interface GrantFindingOf {
  readonly finding: Finding;
  readonly client: ClientEntry;
}

/**
 * The client-grant findings of a deploy-cli YAML file read alone, after an edit re-read one client (`edited`)
 * (engine/incremental.ts): the findings of the grants that name that client are made anew, every other grant keeps
 * its findings (`kept`: each previous one as the edit moved it, with its client). After an edit that renamed the
 * client, `'every grant'`: each grant is judged anew (which client it names may have changed).
 * In lintText's order: grant by grant in the file's order, each grant's in rule order. A client grant's findings lie
 * on its `client_id` (rule book, "Where a finding points"), which tells whose each is; undefined when one lies
 * outside every grant, for the caller to read the file whole.
 */
export function grantFindingsAfterClientEdit(
  input: { readonly path: string; readonly text: string; readonly settings: FileSettings },
  parsed: ParsedFile,
  clients: readonly ClientEntry[],
  grants: readonly ClientGrantEntry[],
  edited: ClientEntry | 'every grant',
  kept: readonly GrantFindingOf[],
): GrantFindingOf[] | undefined {
  const noLinks = (): undefined => undefined;
  const { clientOf } = grantClientsOf(input.path, parsed, clients, undefined, noLinks);
  const renewed = new Set(edited === 'every grant' ? grants : grants.filter((grant) => clientOf(grant) === edited));
  const fresh = grantFindings(input.path, [...renewed], clients, parsed, input.settings, undefined, noLinks, new Map(), input.text);
  const grantAt = grantHolding(grants);
  if (!grantAt) return undefined;
  const byGrant = new Map<ClientGrantEntry, GrantFindingOf[]>();
  const add = (found: GrantFindingOf, grant: ClientGrantEntry): void => {
    const list = byGrant.get(grant);
    if (list) list.push(found);
    else byGrant.set(grant, [found]);
  };
  for (const found of kept) {
    const grant = grantAt(found.finding.span.start);
    if (!grant) return undefined;
    // A renewed grant's findings are the fresh ones only.
    if (!renewed.has(grant)) add(found, grant);
  }
  for (const found of fresh) {
    const grant = grantAt(found.finding.span.start);
    if (!grant) return undefined;
    add(found, grant);
  }
  return grants.flatMap((grant) => byGrant.get(grant) ?? []);
}

/**
 * The grant whose entry holds an offset, by a binary search; undefined (no search) when the entries are not in the
 * file's order without overlapping.
 */
function grantHolding(grants: readonly ClientGrantEntry[]): ((offset: number) => ClientGrantEntry | undefined) | undefined {
  for (let i = 1; i < grants.length; i++) if (grants[i]!.node.start < grants[i - 1]!.node.end) return undefined;
  return (offset) => {
    let low = 0;
    let high = grants.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const node = grants[mid]!.node;
      if (offset < node.start) high = mid - 1;
      else if (offset >= node.end) low = mid + 1;
      else return grants[mid];
    }
    return undefined;
  };
}

/**
 * Where each finding of a client of this file bears on the file away from where it is reported, with its place: the
 * client's key when the finding lies outside the client (a Terraform client's method in its
 * `auth0_client_credentials` resource further down), and its related values (the client's `app_type`; the
 * credentials' method for a finding on the client's grant). A comment there naming the rule silences nothing, and
 * is told where the finding is reported (suppression.ts FindingElsewhere), as when the credentials are in another
 * file. Findings a comment at their place silences already are left out.
 */
function findingsBearingElsewhere(placeOf: (span: Span) => OtherFileLocation, parsed: ParsedFile, clients: readonly ClientEntry[], findings: readonly (readonly Finding[])[]): FindingElsewhere[] {
  const out: FindingElsewhere[] = [];
  clients.forEach((client, i) => {
    for (const finding of findings[i] ?? []) {
      const { start } = finding.span;
      // A finding moved here from another file's value was given its place there (placedInFile).
      if (finding.fromOtherFile || isLinkedOffset(start) || silencedIn(parsed, finding.ruleId, start)) continue;
      const outside = start < client.node.start || start >= client.node.end;
      const starts = [...(outside ? [client.anchor.start] : []), ...startsInThisFile(finding)];
      if (starts.length > 0) out.push({ ruleId: finding.ruleId, starts, place: placeOf(finding.span), sameFile: true, shownAt: start });
    }
  });
  return out;
}

/**
 * Where each client-grant finding of this file about a client of this file bears on the client (clientStarts), with
 * the grant's place in this file: a comment above the client naming the rule is told that the finding is reported
 * at the grant (suppression.ts FindingElsewhere), not that there is none. Findings a comment at the grant silences
 * already are left out (the comment above the client is then truly unused).
 */
function grantFindingsAtClients(placeOf: (span: Span) => OtherFileLocation, parsed: ParsedFile, found: readonly { readonly finding: Finding; readonly client: ClientEntry }[]): FindingElsewhere[] {
  const out: FindingElsewhere[] = [];
  for (const { finding, client } of found) {
    if (isLinkedOffset(client.anchor.start) || isLinkedOffset(finding.span.start) || silencedIn(parsed, finding.ruleId, finding.span.start)) continue;
    out.push({ ruleId: finding.ruleId, starts: clientStarts(finding, client), place: placeOf(finding.span), sameFile: true, shownAt: finding.span.start });
  }
  return out;
}

/**
 * Where each client-grant finding bears on its own grant away from where it is reported: the grant's other keys (a
 * finding on `client_id` is about the `audience` too). A comment above one of them naming the rule silences
 * nothing; it is told where the finding is reported and holds its fixes, as a comment above the client does
 * (grantFindingsAtClients): fixing would remove the grant it was written to keep.
 */
function grantFindingsInTheirGrants(placeOf: (span: Span) => OtherFileLocation, parsed: ParsedFile, grants: readonly ClientGrantEntry[], found: readonly { readonly finding: Finding }[]): FindingElsewhere[] {
  const holding = grantHolding(grants) ?? ((offset: number) => grants.find((grant) => grant.node.start <= offset && offset < grant.node.end));
  const out: FindingElsewhere[] = [];
  for (const { finding } of found) {
    const start = finding.span.start;
    if (isLinkedOffset(start) || silencedIn(parsed, finding.ruleId, start)) continue;
    const grant = holding(start);
    if (!grant) continue;
    const starts = grant.node.props.filter((prop) => start < prop.keySpan.start || start >= propSpan(prop).end).map((prop) => prop.keySpan.start);
    if (starts.length > 0) out.push({ ruleId: finding.ruleId, starts, place: placeOf(finding.span), sameFile: true, shownAt: start });
  }
  return out;
}

/**
 * A finding reported in this file, its fixes held back (Finding.fixesHeldBySuppression) where a suppression comment
 * of another file of the module names its rule where the finding bears on that file: above its client there (a
 * Terraform client whose credentials or client grant is here), above a related value there (the client's
 * `app_type`, the method of its credentials). That comment silences nothing and is told to come here
 * (FindingElsewhere, as that file's run gives it); until it does, fixing the finding would undo what it was written
 * to keep. Findings on another file's values (placedInFile) are that file's.
 */
function heldByOtherFileComment(finding: Finding, client: ClientEntry, links: ProjectLinks | undefined): Finding {
  if (!links || finding.fixesHeldBySuppression || isLinkedOffset(finding.span.start)) return finding;
  const bearings = [...(isLinkedOffset(client.anchor.start) ? [client.anchor] : []), ...finding.related.filter((r) => isLinkedOffset(r.span.start)).map((r) => r.span)];
  for (const bearing of bearings) {
    const at = linkedSpan(links, bearing);
    if (!at) continue;
    // A directive at the end of a line there, in the resource or entry of the value, may mean it too (not a JSON
    // file's comment: in a deploy-cli client file it is a syntax error, and such a file holds nothing).
    const stray = at.file.parsed.format === 'json' ? undefined : strayDirectiveNaming(at.file.parsed, at.file.text, finding.ruleId, at.span.start);
    const strayAt = stray === undefined ? undefined : otherFileLocation(links, { start: stray + at.file.base, end: stray + at.file.base });
    if (stray !== undefined && strayAt) return withFixesHeld(finding, { misplaced: true, commentStart: stray, otherFile: { path: at.file.path, line: strayAt.start.line } });
    // silencedIn first: its directives are read once per parse.
    if (!silencedIn(at.file.parsed, finding.ruleId, at.span.start)) continue;
    const directive = suppressionOf(at.file.parsed, finding.ruleId, at.span.start);
    const comment = directive && otherFileLocation(links, { start: directive.comment.span.start + at.file.base, end: directive.comment.span.end + at.file.base });
    if (!directive || !comment) continue;
    return withFixesHeld(finding, { misplaced: true, commentStart: directive.comment.span.start, otherFile: { path: at.file.path, line: comment.start.line } });
  }
  return finding;
}

/** A span of the file at `path` as a place (line and column), the file's line index made when first asked. */
function placesIn(path: string, text: string): (span: Span) => OtherFileLocation {
  let lines: LineIndex | undefined;
  return (span) => {
    lines ??= new LineIndex(text);
    return { path, start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
  };
}

/**
 * The client-grant findings of a Terraform module's other files (a grant in grants.tf) about clients of this file
 * that no comment there silences, each where it bears on its client here (clientStarts) with its place there: a
 * comment above the client naming the rule is told where the finding is reported, in a run on the module as on
 * this file alone. Read only when a comment of this file names a client-grant rule. The grant is judged with the
 * client as this file reads it and with its own file's settings, as a run on that file judges it.
 */
function grantFindingsOfOtherFiles(
  path: string,
  parsed: ParsedFile,
  clients: readonly ClientEntry[],
  links: ProjectLinks | undefined,
  settings: FileSettings,
  broken: ReadonlyMap<ClientEntry, Span>,
): FindingElsewhere[] {
  if (links?.kind !== 'terraform-module' || !CLIENT_GRANT_RULES.some((rule) => namesRule(parsed, rule.id))) return [];
  const own = ownClientIndex(clients);
  let names: readonly string[] | undefined;
  const out: FindingElsewhere[] = [];
  for (const file of links.files) {
    if (file.path === path) continue;
    const fileSettings = file.settings ?? settings;
    const context: RuleContext = { legacyTenant: fileSettings.legacyTenant, clientNames: () => (names ??= projectClientNames(clients, links)) };
    for (const grant of findClientGrants(file.path, file.parsed, () => false)) {
      const client = grant.clientName === undefined ? undefined : own.get(`tf:${grant.clientName}`)?.[0];
      if (!client || broken.has(client) || (file.parsed.errors.length > 0 && holdsError(grant, file.parsed.errors))) continue;
      const copied = copyGrant(grant, file);
      const facts = new ClientFacts(client);
      for (const rule of CLIENT_GRANT_RULES) {
        for (const finding of configure(rule.checkGrant({ grant: copied, client: facts }, context), fileSettings)) {
          const at = linkedSpan(links, finding.span);
          const place = otherFileLocation(links, finding.span);
          if (!at || !place || silencedIn(file.parsed, finding.ruleId, at.span.start)) continue;
          out.push({ ruleId: finding.ruleId, starts: clientStarts(finding, client), place });
        }
      }
    }
  }
  return out;
}

/** Where a client-grant finding bears on its client: the client's key, and the finding's related values in it. */
function clientStarts(finding: Finding, client: ClientEntry): number[] {
  const inClient = finding.related.filter((r) => r.span.start >= client.node.start && r.span.start < client.node.end);
  return [client.anchor.start, ...inClient.map((r) => r.span.start)];
}

/**
 * A client-grant fix is offered when it reaches through no YAML anchor of the file it edits (`anchors`: this file's;
 * a fix of a client in another file is checked by its caller against none, as only JSON and HCL files link) and,
 * when it changes the client, raises no new error in that client.
 */
function grantFixWorks(fix: Fix, entry: ClientEntry, settings: FileSettings, anchors: readonly Anchor[] | undefined): boolean {
  if (reachesThroughAnchor(fix, anchors)) return false;
  if (!fix.edits.some((edit) => touchesClient(edit, entry))) return true;
  const errors = (findings: readonly Finding[]) => new Set(findings.filter((f) => f.severity === 'error').map(positionKey));
  const before = errors(checkClient(entry, settings));
  return [...errors(checkClient(simulateEdits(entry, fix.edits), settings))].every((key) => before.has(key));
}

function touchesClient(edit: SemanticEdit, entry: ClientEntry): boolean {
  const target = editTarget(edit);
  return target.start >= entry.node.start && target.end <= entry.node.end;
}

/** Whether a fix edits a value of another file (a linked copy): such a fix is a quick fix across files only. */
function editsElsewhere(edits: readonly SemanticEdit[]): boolean {
  return edits.some((edit) => isLinkedOffset(editTarget(edit).start));
}

/** Related information about values of other files carries their place there. */
function linkedRelated(finding: Finding, links: ProjectLinks | undefined): Finding {
  if (!links || !finding.related.some((r) => isLinkedOffset(r.span.start))) return finding;
  const related = finding.related.map((r) => {
    const elsewhere = otherFileLocation(links, r.span);
    return elsewhere ? { span: { start: finding.span.start, end: finding.span.end }, message: r.message, elsewhere } : r;
  });
  return { ...finding, related };
}

/**
 * A client's findings placed in its file. A finding on a value of another file (a Terraform method in the
 * module's credentials file) is left to that file when it is reported too; otherwise it is shown at the client's
 * resource key, with the value's place in related information; its fixes that edit the other file stay as fixes
 * across files (Finding.fixesElsewhere), its others are dropped. Related values of other files carry their place
 * there. `elsewhere` (given when the file has suppression comments) gets each finding on another file's value that
 * no comment there silences, whether it is shown here or left to that file: this file's comments before it are
 * told where it is (suppression.ts FindingElsewhere), the same in a run on one file as on the module. A finding
 * reported here that a comment of another file may mean gets its fixes held (heldByOtherFileComment).
 */
function placedInFile(findings: Finding[], client: ClientEntry, links: ProjectLinks | undefined, elsewhere?: FindingElsewhere[]): Finding[] {
  if (!links || findings.length === 0) return findings;
  const out: Finding[] = [];
  for (const raw of findings) {
    // A finding reported here that a comment of another file may mean: its fixes held (the rest are placed below).
    const finding = heldByOtherFileComment(raw, client, links);
    const valueAt = linkedSpan(links, finding.span);
    if (!valueAt) {
      out.push(linkedRelated(finding, links));
      continue;
    }
    if (valueAt.file.reported && !elsewhere) continue;
    // Silenced by a comment of the file that holds the value, as in a run on both files.
    if (silencedIn(valueAt.file.parsed, finding.ruleId, valueAt.span.start)) continue;
    const location = otherFileLocation(links, finding.span)!;
    // Shown here at the client's key when its file is not reported: a comment here told to go there holds its fixes.
    const shownAt = valueAt.file.reported ? {} : { shownAt: client.anchor.start };
    elsewhere?.push({ ruleId: finding.ruleId, starts: [client.anchor.start, ...startsInThisFile(finding)], place: location, ...shownAt });
    if (valueAt.file.reported) continue;
    // Its fixes that edit the value's file stay, as fixes across files (checked before it moved: fix all and --fix
    // take none); those that would edit this file for a value of another are dropped.
    const moved: Finding = {
      ...finding,
      span: { start: client.anchor.start, end: client.anchor.end },
      fromOtherFile: true,
      fixes: [],
      related: [...finding.related, { span: finding.span, message: `The value is in ${location.path}; change it there` }],
    };
    out.push(linkedRelated(moved, links));
  }
  return out;
}

/**
 * A guest client's findings that lie in this file (its credentials resource); the rest belong to its own file. Their
 * related values in the client's file (its `app_type`) carry their place there, as a client's findings about this
 * file's values do (linkedRelated); one whose place cannot be told is dropped. `elsewhere` (given when the file has
 * suppression comments) gets each of the rest that a value of this file bears on (its method: public-client-credentials
 * on a grant of the client's file) and no comment of its own file silences: this file's comments before that value
 * are told where it is (suppression.ts FindingElsewhere).
 */
function onlyThisFile(findings: Finding[], links: ProjectLinks | undefined, elsewhere?: FindingElsewhere[]): Finding[] {
  if (elsewhere) {
    for (const f of findings) {
      const at = linkedSpan(links, f.span);
      if (!at || silencedIn(at.file.parsed, f.ruleId, at.span.start)) continue;
      const starts = startsInThisFile(f);
      const place = otherFileLocation(links, f.span);
      if (starts.length > 0 && place) elsewhere.push({ ruleId: f.ruleId, starts, place });
    }
  }
  return findings
    .filter((f) => !isLinkedOffset(f.span.start))
    .map((f) => {
      const fixes = f.fixes.filter((fix) => !editsElsewhere(fix.edits));
      if (fixes.length === f.fixes.length && !f.related.some((r) => isLinkedOffset(r.span.start))) return f;
      const related = f.related.flatMap((r) => {
        if (!isLinkedOffset(r.span.start)) return [r];
        const elsewhere = otherFileLocation(links, r.span);
        return elsewhere ? [{ span: { start: f.span.start, end: f.span.end }, message: r.message, elsewhere }] : [];
      });
      return { ...f, fixes, related };
    });
}

/** The starts of a finding's related values in the linted file (those of other files lie in their copied ranges). */
function startsInThisFile(finding: Finding): number[] {
  return finding.related.filter((r) => !isLinkedOffset(r.span.start)).map((r) => r.span.start);
}

/**
 * Whether a suppression comment naming `ruleId` with scope `scope` may be needed though nothing fires there now, so
 * that it is never called unused: its scope meets an object (client, client grant) whose text holds a syntax
 * error (`held`: clientsHoldingErrors, whose reach counts; others by holdsError), which gets only parse-error
 * findings (rule book, "Where a finding points"); or it meets a client with a fact not known here
 * (ClientFacts.hasUnknownFacts) on which the rule would fire for some value of that fact (ruleMayFire).
 */
export function suppressionJudge(
  parsed: ParsedFile,
  objects: readonly { readonly node: Span }[],
  clients: readonly ClientEntry[],
  settings: FileSettings,
  held: ReadonlyMap<ClientEntry, Span> = new Map(),
): (ruleId: string, scope: Span) => boolean {
  const meets = (span: Span, scope: Span) => span.start < scope.end && span.end > scope.start;
  const broken = [...held.values(), ...(parsed.errors.length === 0 ? [] : objects.filter((object) => holdsError(object, parsed.errors)).map((object) => object.node))];
  return (ruleId, scope) =>
    broken.some((span) => meets(span, scope)) ||
    clients.some((client) => meets(client.node, scope) && new ClientFacts(client).hasUnknownFacts && ruleMayFire(client, settings, ruleId, scope));
}

/** Facts whose unknown value is tried one known value at a time (ruleMayFire), and the values tried. */
const TRIED_VALUES: readonly (readonly [key: string, values: readonly PlainValue[], unknown: (facts: ClientFacts) => boolean])[] = [
  ['token_endpoint_auth_method', ['none', 'client_secret_post'], (facts) => facts.isPublic === undefined],
  ['app_type', ['spa', 'native', 'regular_web', 'non_interactive'], (facts) => facts.appTypeUnknown],
  ['is_first_party', [true, false], (facts) => facts.isFirstParty === undefined],
];

/**
 * Whether `ruleId` fires inside `scope` for some known value of the client's unknown facts: the auth method, the
 * app type and the party are each tried with every value that matters (a Terraform client's method written on
 * the client, as provider versions before 1.0 read it). Any other fact unknown (the grant list or an item, the
 * tenant's flags, a setting): it may, as nothing here can say otherwise.
 */
function ruleMayFire(client: ClientEntry, settings: FileSettings, ruleId: string, scope: Span): boolean {
  const facts = new ClientFacts(client);
  const tried = TRIED_VALUES.filter(([, , unknown]) => unknown(facts));
  const otherUnknowns = new ClientFacts(simulateEdits(client, tried.map(([key, values]) => ({ kind: 'setField' as const, object: client.node, key, value: values[0]! })))).hasUnknownFacts;
  if (otherUnknowns && client.source !== 'terraform') return true;
  let variants: ClientEntry[] = [client.source === 'terraform' ? { ...client, credentials: undefined, createTimeMethod: false } : client];
  for (const [key, values] of tried) {
    variants = variants.flatMap((variant) => values.map((value) => simulateEdits(variant, [{ kind: 'setField', object: variant.node, key, value }])));
  }
  if (variants.some((variant) => new ClientFacts(variant).hasUnknownFacts)) return true;
  // A value the trial set where the client has none sits at the client's end, in no scope: it stands for the
  // client (its key), as a comment above the client is what would silence it. Its related values count too (the
  // app_type a comment above that attribute names).
  const inScope = (offset: number) => offset >= scope.start && offset < scope.end;
  const placed = (offset: number) => (offset === client.node.end ? client.anchor.start : offset);
  return variants.some((variant) => lintClient(variant, settings).some((finding) => finding.ruleId === ruleId && (inScope(placed(finding.span.start)) || finding.related.some((r) => inScope(placed(r.span.start))))));
}


/**
 * One client's findings as they appear in a file: configured, one per grant item, fixes checked (or none).
 * `scope`: the file's YAML anchors with its clients (fix/anchor-scope.ts anchorScope): a fix through an anchor is
 * offered only where this client alone uses what it edits; without a scope, no fix that reaches an anchored copy is.
 */
export function lintClientInFile(client: ClientEntry, settings: FileSettings, fixable: boolean, scope?: AnchorScope): Finding[] {
  return findingsInFile(client, settings, fixable, lintClient(client, settings), scope);
}

/**
 * lintClientInFile for a client read with the project's links (engine/links.ts): its findings on values of other
 * files placed as lintText places them (at the client's key, without fixes, or left to the other file).
 */
export function lintLinkedClientInFile(client: ClientEntry, settings: FileSettings, fixable: boolean, links: ProjectLinks | undefined): Finding[] {
  return placedInFile(findingsInFile(client, settings, fixable, lintClient(client, settings), undefined, 'all', links), client, links);
}

/**
 * One client's findings as lintText gives them in a file without syntax errors, YAML anchors or suppression
 * comments: configured, one per grant item, placed in the file (a guest, a Terraform client of another file whose
 * credentials resource is in this one, keeps only the findings on this file's values), every fix checked as
 * `fixChecks` says. For judging one client alone, as the CLI's fix counts do (cli/fix-scope.ts); the client may be
 * a fix's simulated result (fix/simulate.ts).
 */
export function clientFindingsInFile(client: ClientEntry, settings: FileSettings, links: ProjectLinks | undefined, guest: boolean, fixChecks: FixChecks): Finding[] {
  const raw = lintClientRemembered(client, settings);
  if (raw.length === 0) return [];
  const found = findingsInFile(client, settings, true, raw, undefined, fixChecks, links);
  return guest ? onlyThisFile(found.map((finding) => heldByOtherFileComment(finding, client, links)), links) : placedInFile(found, client, links);
}

/** lintClientInFile, given the client's findings from lintClient. */
function findingsInFile(client: ClientEntry, settings: FileSettings, fixable: boolean, raw: Finding[], scope: AnchorScope | undefined, fixChecks: FixChecks = 'all', links?: ProjectLinks): Finding[] {
  const checked = asConfigured(raw, settings, links).map(withoutFixesElsewhere);
  if (checked.length === 0) return checked;
  return fixable && !tooManyGrantsToCheckFixes(client) ? withCheckedFixes(client, settings, checked, scope, fixChecks) : checked.map(withoutFixes);
}

/**
 * The file's findings (`parsed` read from `text`): every client's (already configured), the parse errors,
 * suppressions applied, sorted by position. `mayBeNeeded`: whether a suppression comment may be needed though nothing fires in its scope now
 * (suppressionJudge), so it is not reported unused; asked for only when the file has suppression comments. Only the file-level findings made here are configured, so an edit does not re-configure every client's.
 * `elsewhere`: the findings only another file's comments silence (suppression.ts FindingElsewhere; lintText gathers them).
 * `held` (when given) gets each finding whose fixes a comment holds back, with its held copy among the file's
 * findings (suppression.ts Suppressed.held), so the caller's per-client lists can take the same objects.
 */
export function fileFindings(
  parsed: ParsedFile,
  text: string,
  clientFindings: readonly (readonly Finding[])[],
  settings: FileSettings,
  mayBeNeeded: () => (ruleId: string, scope: Span) => boolean = () => () => false,
  elsewhere: readonly FindingElsewhere[] = [],
  held?: Map<Finding, Finding>,
): LintFinding[] {
  const parseErrors = reportedParseErrors(parsed).map((error) => report(PARSE_ERROR, { node: { span: error.span, path: [] }, message: fitted(error.message) }));
  const suppressed = applySuppressions(parsed, [...clientFindings.flat(), ...configure(parseErrors, settings)], mayBeNeeded, ruleOffIn(settings), elsewhere, text);
  const { kept, unused } = suppressed;
  if (held) for (const [original, copy] of suppressed.held) held.set(original, copy);
  const findings = [...kept, ...configure(unused, settings)];
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId));
  return findings as LintFinding[];
}

/**
 * Where the settings turn a rule off (suppression.ts RuleOffAt): at a node, as its findings there would be
 * configured (the file's rules, then the pointer overrides holding the path); with no path, anywhere in the file.
 */
function ruleOffIn(settings: FileSettings): RuleOffAt {
  return (ruleId, path) => {
    if (path !== undefined) return resolveSeverity({ ruleId, severity: 'warning', path }, settings) === 'off';
    return settings.rules.get(ruleId) === 'off' || settings.pointerOverrides.some((override) => override.rules.get(ruleId) === 'off');
  };
}

/**
 * A file over the size limit is not parsed. It gets one finding when it looks like a client config (by its name,
 * or because it mentions client keys), so a large package-lock.json stays silent.
 */
function tooLargeResult(input: LintInput, format: Format, settings: FileSettings, maxFileSize: number): LintResult {
  const parsed: ParsedFile = { format, documents: [], errors: [], comments: [] };
  const isClientConfig = isClientConfigPath(input.path) || isTerraformFile(input.path) || mentionsClientKeys(input.text);
  if (!isClientConfig) return { format, parsed, clients: [], isClientConfig, clientFindings: [], grants: [], linkedFindings: [], linkedClients: [], guests: [], findings: [] };
  // No size in the message: a caller may pass only the beginning of a file it measured on disk.
  const message = `Not checked: this file is larger than the size limit of ${groupDigits(maxFileSize)} bytes; raise the limit to check it.`;
  const findings = configure([report(FILE_TOO_LARGE, { node: { span: { start: 0, end: 0 }, path: [] }, message })], settings);
  return { format, parsed, clients: [], isClientConfig, clientFindings: [], grants: [], linkedFindings: [], linkedClients: [], guests: [], findings: findings as LintFinding[] };
}

/** An Auth0 client id: 32 ASCII letters and digits (what `POST /api/v2/clients` generates). */
const CLIENT_ID_SHAPE = /^[A-Za-z0-9]{32}$/;

/** Whether every file of a Terraform module was read, without a syntax error that may hide an `auth0_client`. */
function moduleReadWhole(links: ProjectLinks | undefined): boolean {
  return links?.kind === 'terraform-module' && links.allFilesRead && links.files.every((file) => file.parsed.errors.every((error) => error.exact));
}

/** Whether a client's name is known (neither absent nor a placeholder): a grant may name it only then. */
function hasKnownName(client: ClientEntry): boolean {
  return client.name !== undefined && !hasPlaceholderName(client);
}

/**
 * Notes on the client grants of a linted file whose client is not found (the client-grant rules cannot judge them,
 * which must not pass unseen): a deploy-cli grant whose `client_id` names no client of its tenant (auth0-deploy-cli
 * then sends the value as a client id, so it may be a client managed elsewhere), or names no known one while some
 * client's name holds placeholders that can become the name (placeholderNameMayBe: that client may be the one once
 * deployed; a name whose literal text cannot match is no such client), or names several clients
 * (auth0-deploy-cli refuses clients that share a name: which one is meant is unknown), and a Terraform grant that
 * references an `auth0_client` its module does not declare (`terraform plan` refuses the reference). The clients a
 * note is about are named with their places (their lines in the grant's file, or `shown`: how the caller writes
 * another file's path), each note within
 * MAX_MESSAGE_LENGTH (fitsNames: the places give way first, then long names are clipped). A grant whose client is
 * not known (a placeholder, a literal id, a variable) or whose text holds a syntax error gets none. At the
 * `client_id` value. `input` is what was linted (its path, text and links), `result` its lint.
 */
export function grantsWithoutClientNotes(
  input: Pick<LintInput, 'path' | 'text' | 'links'>,
  result: LintResult,
  shown: (path: string) => string = (path) => path,
): { readonly span: Span; readonly message: string; readonly related?: readonly RelatedInfo[]; readonly fix?: NoteFix }[] {
  const { grants, parsed, clients } = result;
  const named = grants.filter((grant) => grant.clientName !== undefined && grant.clientId !== undefined);
  if (named.length === 0) return [];
  const broken = clientsHoldingErrors(grants, parsed, input.text);
  const { own, clientOf } = grantClientsOf(input.path, parsed, clients, input.links, createTimeKnown(input.links, input.path, parsed));
  // A YAML client without a name cannot be told from the one a grant names; one named by a placeholder may be it.
  const namelessIn = new Set(clients.filter((client) => client.name === undefined).map((client) => client.documentIndex));
  const placeholderNamed = clients
    .filter((client) => client.source === 'deploy-cli-yaml' && client.name !== undefined && !hasKnownName(client))
    .map((client) => ({ documentIndex: client.documentIndex, anchor: client.anchor, written: writtenName(client, input.text) }));
  let lines: LineIndex | undefined;
  // A client of the grant's own file is named by its line: the file goes without saying, and the note keeps room.
  const lineOf = (span: Span): number => (lines ??= new LineIndex(input.text)).positionAt(span.start).line + 1;
  const there = (span: Span): string => {
    const place = otherFileLocation(input.links, span);
    return place ? `${shown(place.path)}:${place.start.line + 1}:${place.start.character + 1}` : shown(input.path);
  };
  const notes: { span: Span; message: string; related?: readonly RelatedInfo[]; fix?: NoteFix }[] = [];
  for (const grant of named) {
    if (broken.has(grant)) continue;
    const name = grant.clientName!;
    const at = { start: grant.clientId!.value.start, end: grant.clientId!.value.end };
    const shared = clientsSharingName(grant, own, input.links);
    if (shared) {
      const places = shared.yaml
        ? [`lines ${listed(shared.yaml.map((client) => String(lineOf(client.anchor))))}`]
        : [listed(shared.directory!.map((place) => there(place.span))), listed([...new Set(shared.directory!.map((place) => fileNameOf(there(place.span))))])];
      notes.push({ span: at, message: sharedNameNote(name, (shared.yaml ?? shared.directory!).length, places) });
      continue;
    }
    if (grant.source === 'deploy-cli-yaml' && namelessIn.has(grant.documentIndex)) continue;
    // A value shaped as an Auth0 client id (32 letters and digits) is a client managed elsewhere, sent as it is.
    if (grant.source !== 'terraform' && CLIENT_ID_SHAPE.test(name)) continue;
    if (clientOf(grant) !== undefined) continue;
    if (grant.source === 'terraform') {
      if (!moduleReadWhole(input.links)) continue;
      notes.push(noSuchResourceNote(name, at, clients, input.links, input.text));
      continue;
    }
    // A directory grant is judged only with its tenant's clients read (the links); alone, its client is unknown.
    if (grant.source === 'deploy-cli-directory' && (input.links?.kind !== 'deploy-directory' || !input.links.everyClientRead)) continue;
    // A client the reader could not tell (text broken before its first value) may be the one named.
    if (grant.source === 'deploy-cli-yaml' && parsed.errors.some((error) => !error.exact)) continue;
    // Only a client whose name, its placeholders filled in, can become the one named may be the grant's client.
    const maybe: { readonly name: string; readonly places: readonly string[] }[] =
      grant.source === 'deploy-cli-yaml'
        ? placeholderNamed.filter((client) => client.documentIndex === grant.documentIndex && placeholderNameMayBe(client.written, name)).map((client) => ({ name: client.written, places: [`line ${lineOf(client.anchor)}`] }))
        : input.links?.kind === 'deploy-directory'
          ? input.links.placeholderNames.filter((place) => placeholderNameMayBe(place.name, name)).map((place) => ({ name: place.name, places: [there(place.span), fileNameOf(there(place.span))] }))
          : [];
    if (maybe.length > 0) {
      notes.push({ span: at, message: placeholderNameNote(name, maybe) });
      continue;
    }
    // The other grants' client names too: two grants for unknown clients alike in name must not read the same.
    const { message, meant } = noSuchClientNote(name, tenantClientNames(grant, clients, input.links), () => named.map((other) => other.clientName!));
    // The client a did-you-mean note suggests, at its name: its name whole and its place for a reader (or a tool) to act on.
    const place = meant === undefined ? undefined : meantClientPlace(meant, grant, clients, input.links);
    if (!place) {
      notes.push({ span: at, message });
      continue;
    }
    // Named whole where it fits (a related message is held to MAX_MESSAGE_LENGTH as well): the place has it whole.
    const says = fitsNames([(client) => `'${client}': the client this grant may mean`, (client) => `'${client}': the client meant`, (client) => `'${client}'`], [meant!]);
    const fix = clientNameFix(grant, meant!, input.text, parsed);
    notes.push({ span: at, message, related: [{ span: place.span, message: says, ...(place.elsewhere ? { elsewhere: place.elsewhere } : {}) }], ...(fix ? { fix } : {}) });
  }
  return notes;
}

/**
 * The note on a Terraform client grant referencing an `auth0_client` its module does not declare (`terraform plan`
 * refuses it), at `at` (its `client_id`). Where one of the module's `auth0_client` resource names is a small edit
 * away (meantResource), the note asks whether that resource is meant, and carries its place as related information.
 */
function noSuchResourceNote(name: string, at: Span, clients: readonly ClientEntry[], links: ProjectLinks | undefined, text: string): { span: Span; message: string; related?: readonly RelatedInfo[]; fix?: NoteFix } {
  const { meant, resources, related } = meantResource(name, at, clients, links, 'grant');
  if (meant === undefined) {
    const message = fitsNames(
      [
        (resource) => `client grant for auth0_client.${resource} not checked: this module declares no such resource (terraform plan refuses it)`,
        (resource) => `client grant for auth0_client.${resource} not checked: this module declares no such resource`,
      ],
      [name],
    );
    return { span: at, message };
  }
  const message = fitsNames(
    [
      (resource, client) => `client grant for auth0_client.${resource} not checked: this module declares no such resource; did you mean ${client}?`,
      (resource, client) => `client grant for auth0_client.${resource} not checked: no such resource; did you mean ${client}?`,
      (resource, client) => `client grant for ${resource} not checked: no such auth0_client; did you mean ${client}?`,
    ],
    [name, meant],
    () => resources,
  );
  const fix = resourceNameFix(text, at, name, meant);
  return { span: at, message, ...(related ? { related } : {}), ...(fix ? { fix } : {}) };
}

/**
 * A note's quick fix (editor only: `--fix` never applies one): for a did-you-mean note, the name written changed to
 * the one suggested. Offsets of the linted file.
 */
export interface NoteFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/**
 * A deploy-cli grant's `client_id` changed to the client meant, quoted as YAML or JSON needs (the fix renderer's
 * scalar replacement); undefined where the value is not a string written here (a YAML alias's copy).
 */
function clientNameFix(grant: ClientGrantEntry, meant: string, text: string, parsed: ParsedFile): NoteFix | undefined {
  const value = grant.clientId?.value;
  if (!value || value.kind !== 'string' || value.origin || parsed.errors.length > 0) return undefined;
  const edits = new EditRenderer(text, parsed.format, parsed).render([{ kind: 'replaceScalar', node: value, value: meant }]);
  return edits.length > 0 ? { title: `Change client_id to '${meant}'`, edits } : undefined;
}

/**
 * A Terraform reference to an undeclared `auth0_client.<name>` (written in `at`: HCL's traversal, or a `${...}`
 * string of Terraform JSON) changed to the resource meant; undefined where the reference is not written so.
 */
function resourceNameFix(text: string, at: Span, name: string, meant: string): NoteFix | undefined {
  const written = text.slice(at.start, at.end);
  const reference = new RegExp(`auth0_client\\.(${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})(?![\\w-])`).exec(written);
  if (!reference) return undefined;
  const start = at.start + reference.index + 'auth0_client.'.length;
  return { title: `Change to auth0_client.${meant}`, edits: [{ start, end: start + name.length, newText: meant }] };
}

/**
 * The `auth0_client` a reference to an undeclared one (`name`, written at `at`) may mean: the one resource name of
 * the module (`clients`, the linted file's; the others from `links`) a small edit away (closestByDistance: a letter
 * dropped, added or swapped), undefined when none is or two are equally close; `resources`, every resource name
 * (to keep clipped names apart); `related`, the meant resource's label, in this file or (copied into its file's
 * offset range) in another of the module, saying what `referrer` may mean it.
 */
function meantResource(
  name: string,
  at: Span,
  clients: readonly ClientEntry[],
  links: ProjectLinks | undefined,
  referrer: 'grant' | 'credentials resource',
): { meant?: string; resources: readonly string[]; related?: readonly RelatedInfo[] } {
  const own = clients.filter((client) => client.source === 'terraform' && client.resourceName !== undefined);
  const linked = links?.kind === 'terraform-module' ? links.clients : undefined;
  const resources = [...new Set([...own.map((client) => client.resourceName!), ...(linked?.keys() ?? [])])];
  const meant = closestByDistance(name, resources, MAX_CLIENT_NAME_EDITS);
  if (meant === undefined) return { resources };
  const says = fitsNames([(resource) => `auth0_client.${resource}: the resource this ${referrer} may mean`, (resource) => `auth0_client.${resource}`], [meant]);
  const ownClient = own.find((client) => client.resourceName === meant);
  if (ownClient) return { meant, resources, related: [{ span: ownClient.anchor, message: says }] };
  const other = linked?.get(meant)?.[0]?.entry;
  const elsewhere = other && otherFileLocation(links, other.anchor);
  return { meant, resources, ...(elsewhere ? { related: [{ span: at, message: says, elsewhere }] } : {}) };
}

/**
 * The known names of the clients of a deploy-cli grant's tenant (its YAML document's, or its directory's
 * `clients/`): the candidates a misspelt `client_id` may mean.
 */
function tenantClientNames(grant: ClientGrantEntry, clients: readonly ClientEntry[], links: ProjectLinks | undefined): readonly string[] {
  if (grant.source === 'deploy-cli-yaml') {
    // Made once per document: a tenant.yaml of thousands of clients may have hundreds of such grants.
    let byDocument = yamlClientNames.get(clients);
    if (!byDocument) yamlClientNames.set(clients, (byDocument = new Map()));
    let names = byDocument.get(grant.documentIndex);
    if (!names) {
      names = clients.filter((client) => client.source === 'deploy-cli-yaml' && client.documentIndex === grant.documentIndex && hasKnownName(client)).map((client) => client.name!);
      byDocument.set(grant.documentIndex, names);
    }
    return names;
  }
  return grant.source === 'deploy-cli-directory' && links?.kind === 'deploy-directory' ? links.clientsByName.names() : [];
}

/** tenantClientNames of a YAML file's clients, by document. */
const yamlClientNames = new WeakMap<readonly ClientEntry[], Map<number, readonly string[]>>();

/** Edits at most between a grant's `client_id` and the client name its note suggests (a letter swapped is two). */
const MAX_CLIENT_NAME_EDITS = 3;

/**
 * The note on a deploy-cli grant naming no client of its tenant (`names`: its clients' known names; `grantNames`:
 * the client names its file's grants give, which a clipped name must not read as either), fullest form first. Where one client's name is within a small edit distance of the one written (closestByDistance: a letter
 * dropped, added or swapped, or the case), the note asks whether that client is meant: auth0-deploy-cli would send
 * the typo as a client id and the deploy would fail. The suggestion outlasts the note's reason for the value.
 */
/**
 * closestByDistance among a tenant's client names (at most MAX_CLIENT_NAME_EDITS), remembered while the names stay
 * the same: an edit of one client of a 5,000-client tenant.yaml keeps every name, and its grants that name no client
 * asked the whole list again on every keystroke (45 ms an edit for a hundred such grants).
 */
function closestClientName(name: string, names: readonly string[]): string | undefined {
  if (closestNames.names !== names) {
    if (closestNames.meant.size > MAX_REMEMBERED_NAMES || !sameStrings(closestNames.names, names)) closestNames.meant = new Map();
    closestNames.names = names;
  }
  if (closestNames.meant.has(name)) return closestNames.meant.get(name);
  const meant = closestByDistance(name, names, MAX_CLIENT_NAME_EDITS);
  closestNames.meant.set(name, meant);
  return meant;
}

/** The names closestClientName answered for last, and its answers. */
const closestNames: { names: readonly string[]; meant: Map<string, string | undefined> } = { names: [], meant: new Map() };
/** How many answers closestClientName keeps before it starts again. */
const MAX_REMEMBERED_NAMES = 10_000;

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function noSuchClientNote(name: string, names: readonly string[], grantNames: () => readonly string[] = () => []): { readonly message: string; readonly meant?: string } {
  // A typo, not another client: a long name a word away from the one written (`Billing Worker EU`) is not meant.
  const meant = closestClientName(name, names);
  if (meant === undefined) {
    const message = fitsNames(
      [
        (grantName) => `client grant for '${grantName}' not checked: no client of this tenant is named so (deploy-cli sends it as a client id)`,
        (grantName) => `client grant for '${grantName}' not checked: no client of this tenant is named so`,
      ],
      [name],
      // A clipped name keeps what tells it from the tenant's clients and its other grants' names.
      () => [...names, ...grantNames()],
    );
    return { message };
  }
  const message = fitsNames(
    [
      (grantName, client) => `client grant for '${grantName}' not checked: no client of this tenant is named so (deploy-cli sends it as a client id); did you mean '${client}'?`,
      (grantName, client) => `client grant for '${grantName}' not checked: no client of this tenant is named so; did you mean '${client}'?`,
      (grantName, client) => `client grant for '${grantName}' not checked: no client is named so; did you mean '${client}'?`,
      (grantName, client) => `client grant for '${grantName}' not checked: no client named so; did you mean '${client}'?`,
    ],
    [name, meant],
    // The client meant keeps what tells it from the other candidates (`Großkunden` from `Kleinkunden`).
    () => names,
  );
  return { message, meant };
}

/**
 * Where the client named `meant` has its name: in the grant's own tenant.yaml document (its span there), or in a
 * client file of its deploy directory (its place there, `elsewhere`). Undefined where its name's node is not found.
 */
function meantClientPlace(meant: string, grant: ClientGrantEntry, clients: readonly ClientEntry[], links: ProjectLinks | undefined): { readonly span: Span; readonly elsewhere?: OtherFileLocation } | undefined {
  if (grant.source === 'deploy-cli-yaml') {
    const client = clients.find((entry) => entry.source === 'deploy-cli-yaml' && entry.documentIndex === grant.documentIndex && entry.name === meant);
    const node = client && getValue(client.node, 'name');
    return node ? { span: { start: node.start, end: node.end } } : undefined;
  }
  if (grant.source !== 'deploy-cli-directory' || links?.kind !== 'deploy-directory') return undefined;
  const node = getValue(links.clientsByName.get(meant)?.entry.node, 'name');
  const elsewhere = node && otherFileLocation(links, { start: node.start, end: node.end });
  return elsewhere ? { span: { start: grant.clientId!.value.start, end: grant.clientId!.value.end }, elsewhere } : undefined;
}

/** A YAML client's name holding placeholders as written in `text` (writtenWithPlaceholders). */
function writtenName(client: ClientEntry, text: string): string {
  const node = getValue(client.node, 'name');
  return node?.kind === 'string' ? writtenWithPlaceholders(node.value, text.slice(node.start, node.end)) : client.name!;
}

/**
 * The note on a deploy-cli grant naming a name that `count` clients of its tenant share (at `places`, its forms
 * fullest first: their lines in the grant's file, or their files and lines, then their file names): which one it is
 * for is unknown, and auth0-deploy-cli refuses such clients. The places give way first where the names are long.
 */
function sharedNameNote(name: string, count: number, places: readonly string[]): string {
  return fitsNames(
    [
      ...places.map((where) => (grantName: string) => `client grant for '${grantName}' not checked: ${count} clients are named so (${where}), which auth0-deploy-cli refuses`),
      (grantName) => `client grant for '${grantName}' not checked: ${count} clients are named so, which auth0-deploy-cli refuses`,
    ],
    [name],
  );
}

/** The file name of a place (`clients/Web.json:2:11` → `Web.json`): a shorter form of it where a note has no room. */
function fileNameOf(place: string): string {
  return place.replace(/:\d+:\d+$/, '').split(/[\\/]/).pop()!;
}

/**
 * The note on a deploy-cli grant naming no client of its tenant, while the names of `maybe` hold placeholders that
 * can become the one named (placeholderNameMayBe): the grant may be for one of them once deployed. One is named
 * with its place where there is room; several are counted, the first named as an example where there is room.
 */
function placeholderNameNote(name: string, maybe: readonly { readonly name: string; readonly places: readonly string[] }[]): string {
  const first = maybe[0]!;
  if (maybe.length === 1) {
    return fitsNames(
      [
        ...first.places.map((place) => (grantName: string, client: string) => `client grant for '${grantName}' not checked: it may be for '${client}' (${place}), named with a placeholder`),
        (grantName, client) => `client grant for '${grantName}' not checked: it may be for '${client}', named with a placeholder`,
      ],
      [name, first.name],
    );
  }
  const count = maybe.length;
  return fitsNames(
    [
      ...first.places.map((place) => (grantName: string, client: string) => `client grant for '${grantName}' not checked: ${count} clients named with placeholders may be it, as '${client}' (${place})`),
      (grantName, client) => `client grant for '${grantName}' not checked: ${count} clients named with placeholders may be it, as '${client}'`,
      (grantName) => `client grant for '${grantName}' not checked: ${count} clients named with placeholders may be it`,
    ],
    [name, first.name],
  );
}

/** The rule the audience notes are about: a comment or setting that turns it off at a grant silences the grant's note. */
const SYSTEM_API_RULE = 'third-party-system-api-grant';

/**
 * A note for each client grant of a client known to be third-party whose `audience` holds no literal text to judge
 * (a Terraform reference or template such as `local.mgmt_audience`, a deploy-cli placeholder `##API##`): whether it
 * is a system API (Management API, My Account API), which a third-party client may not be granted (facts §7,
 * `third-party-system-api-grant`), is unknown, so the rule does not judge it. Never for a grant holding a syntax
 * error or whose client is not found, nor where the rule is turned off for the grant as a finding of it would be:
 * by the settings (its file's rules, an override's pointer) or by a suppression comment, at the audience (where the
 * note is) or at the `client_id` (where the rule's finding would be). Such a comment is not reported unused
 * (lintText). Spans are offsets into the file's text, at the audience's value.
 */
export function unjudgedAudienceNotes(input: Pick<LintInput, 'path' | 'text' | 'links' | 'settings'>, result: LintResult): { readonly span: Span; readonly message: string }[] {
  const ruleOff = ruleOffIn(input.settings ?? DEFAULT_SETTINGS);
  const notes: { span: Span; message: string }[] = [];
  for (const { grant, audience, places } of unjudgedAudienceGrants(input, result)) {
    if (places.some((place) => ruleOff(SYSTEM_API_RULE, place.path) || silencedIn(result.parsed, SYSTEM_API_RULE, place.start))) continue;
    const unknown = grant.source === 'terraform' ? 'computed' : 'a placeholder';
    notes.push({ span: { start: audience.start, end: audience.end }, message: `audience is ${unknown}: ${SYSTEM_API_RULE} cannot tell if this third-party client gets a system API` });
  }
  return notes;
}

/**
 * The client grants of a lint that third-party-system-api-grant cannot judge (unjudgedAudienceNotes): the audience
 * holds no literal text (or none after its last placeholder or template) and the client is known third-party; none
 * holding a syntax error. Each with its audience value and the places a suppression of the rule speaks of it: the
 * audience, and the `client_id` value where the rule's finding would be.
 */
function unjudgedAudienceGrants(
  input: Pick<LintInput, 'path' | 'text' | 'links'>,
  result: Pick<LintResult, 'parsed' | 'clients' | 'grants'>,
): { readonly grant: ClientGrantEntry; readonly audience: ValueNode; readonly places: readonly ValueNode[] }[] {
  const { grants, parsed, clients } = result;
  if (grants.length === 0) return [];
  const broken = clientsHoldingErrors(grants, parsed, input.text);
  const { clientOf } = grantClientsOf(input.path, parsed, clients, input.links, createTimeKnown(input.links, input.path, parsed));
  const found: { grant: ClientGrantEntry; audience: ValueNode; places: ValueNode[] }[] = [];
  for (const grant of grants) {
    const audience = getValue(grant.node, 'audience');
    if (!audience || broken.has(grant)) continue;
    const known = knownAudienceOf(grant);
    if (known !== undefined && !(known.partial && known.ending === '')) continue;
    const client = clientOf(grant);
    if (!client || !new ClientFacts(client).isKnownThirdParty) continue;
    found.push({ grant, audience, places: grant.clientId ? [audience, grant.clientId.value] : [audience] });
  }
  return found;
}

/**
 * Terraform: a note for each `auth0_client_credentials` resource whose `client_id` names an `auth0_client` that no
 * file of the module declares (a typo, or a client renamed, its credentials left behind): `terraform plan` refuses
 * the reference, and which client it is meant for is unknown, so no client of the module is judged by the
 * provider's create-time method (links.ts moduleKnownWhole), as for a resource whose client cannot be told. Where a
 * resource name of the module is a small edit away the note asks `did you mean` it, with its label as related
 * place (meantResource). Only when the module was read whole (moduleReadWhole), and never for a resource holding a
 * syntax error. Spans are offsets into the file's text, at the `client_id` value.
 */
export function credentialsWithoutClientNotes(input: Pick<LintInput, 'links'>, result: LintResult): { readonly span: Span; readonly message: string; readonly related?: readonly RelatedInfo[] }[] {
  const links = input.links;
  if (links?.kind !== 'terraform-module' || !moduleReadWhole(links)) return [];
  const declared = new Set(result.clients.map((client) => client.resourceName));
  const notes: { span: Span; message: string; related?: readonly RelatedInfo[] }[] = [];
  for (const doc of result.parsed.documents) {
    for (const { name, body } of resourcesOf(doc.root, 'auth0_client_credentials')) {
      if (brokenResource(body, result.parsed.errors)) continue;
      const client = clientLinkOfResource(body)?.name;
      const id = getValue(body, 'client_id');
      if (client === undefined && (declared.size > 0 || links.clients.size > 0)) {
        // Which client it configures cannot be told (a client_id not yet written, a variable, a literal ID), so no
        // client of the module is known to have no credentials: none is judged by the provider's create-time method.
        const why = id ? 'client_id is not auth0_client.<name>.id' : 'no client_id';
        const message = fitsNames(
          [
            (resource) => `credentials ${resource}: ${why}, so no client here is judged by the provider's create-time method`,
            (resource) => `credentials ${resource}: ${why}, so no client is judged by the create-time method`,
          ],
          [name],
        );
        notes.push({ span: id ? { start: id.start, end: id.end } : { start: body.start, end: body.start + 1 }, message });
        continue;
      }
      if (client === undefined || !id || declared.has(client) || links.clients.has(client)) continue;
      const at = { start: id.start, end: id.end };
      const { meant, resources, related } = meantResource(client, at, result.clients, links, 'credentials resource');
      const message =
        meant === undefined
          ? fitsNames(
              [
                (resource, missing) => `credentials ${resource}: this module declares no auth0_client.${missing} (terraform plan refuses it), so no client here is judged by the create-time method`,
                (resource, missing) => `credentials ${resource}: this module declares no auth0_client.${missing}, so no client here is judged by the create-time method`,
                (resource, missing) => `credentials ${resource}: no auth0_client.${missing} here, so no client is judged by the create-time method`,
              ],
              [name, client],
            )
          : fitsNames(
              [
                (resource, missing, other) => `credentials ${resource}: no auth0_client.${missing} here, so no client is judged by the create-time method; did you mean ${other}?`,
                (resource, missing, other) => `credentials ${resource}: no auth0_client.${missing}, so no client gets the create-time method; did you mean ${other}?`,
                (resource, missing, other) => `credentials ${resource}: no auth0_client.${missing}, so no create-time method; did you mean ${other}?`,
              ],
              [name, client, meant],
              () => resources,
            );
      notes.push({ span: at, message, ...(related ? { related } : {}) });
    }
  }
  return notes;
}

/** How many clients a grant note names at most; the rest are counted (a tenant may have hundreds of placeholder names). */
const MAX_NAMED_IN_NOTE = 3;

/** `a, b and c`, or `a, b, c and 4 more` past MAX_NAMED_IN_NOTE. */
function listed(items: readonly string[]): string {
  const shown = items.slice(0, MAX_NAMED_IN_NOTE);
  const more = items.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** See MAX_FIX_CHECKED_GRANTS: checking every fix of a huge grant list one by one would be quadratic. */
/**
 * Notes for the clients of a lint whose grant_types list is too long for fixes to be checked (more than
 * MAX_FIX_CHECKED_GRANTS items) and that have findings: those findings get no fix, so fix all and quick fixes leave
 * them, which must not pass unseen. One note per client, at its `grant_types` key; offsets into the file's text.
 */
export function uncheckedFixNotes(result: LintResult): { readonly span: Span; readonly message: string }[] {
  const notes: { span: Span; message: string }[] = [];
  result.clients.forEach((client, i) => {
    if (!tooManyGrantsToCheckFixes(client) || (result.clientFindings[i]?.length ?? 0) === 0) return;
    const prop = client.node.props.find((p) => p.key === 'grant_types');
    const grants = prop?.value;
    if (!prop || grants?.kind !== 'array') return;
    const why = `grant_types holds ${groupDigits(grants.items.length)} items, more than the ${groupDigits(MAX_FIX_CHECKED_GRANTS)} whose fixes are checked; edit it by hand`;
    notes.push({
      span: prop.keySpan,
      message: client.name === undefined ? `no fixes for this client: ${why}` : fitsNames([(name) => `no fixes for '${name}': ${why}`], [client.name]),
    });
  });
  return notes;
}

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
  return asConfigured(lintClientRemembered(entry, settings), settings);
}

/** Clean configurations met so far, in this process (see CleanFacts). */
const cleanFacts = new CleanFacts(4096);

/**
 * lintClient, answered without running the rules when a client with the same facts was found clean before
 * (in any file: the key holds the linked facts and the tenant's legacy flag, all the rules can read). The tests
 * hold it to lintClient on generated clients and on every fix's simulated result.
 */
export function lintClientRemembered(entry: ClientEntry, settings: FileSettings = DEFAULT_SETTINGS): Finding[] {
  const key = factsKey(entry, settings.legacyTenant);
  if (cleanFacts.has(key)) return [];
  const raw = lintClient(entry, settings);
  if (raw.length === 0) cleanFacts.add(key);
  return raw;
}

/**
 * A client's findings from lintClient, configured and one per grant item. A finding on a value of another file of
 * the project that is not reported in this run takes that file's settings when the caller gave them
 * (LinkedFile.settings): it is shown here, but it is that file's finding.
 */
function asConfigured(raw: Finding[], settings: FileSettings, links?: ProjectLinks): Finding[] {
  return raw.length === 0 ? raw : onePerGrantItem(configure(raw, settings, otherFileSettings(links)));
}

/** Whether a project has files not reported in the run whose own settings are known, once per links object. */
const unreportedSettings = new WeakMap<ProjectLinks, boolean>();

/**
 * The settings of the unreported file a finding's value is in (asConfigured), or undefined when none apply. Asked
 * for every client with findings: whether any file can apply is decided once per links object, not once per client
 * (a module of 4,000 files linted file by file asked it 16 million times).
 */
function otherFileSettings(links: ProjectLinks | undefined): ((finding: Finding) => FileSettings | undefined) | undefined {
  if (!links) return undefined;
  let any = unreportedSettings.get(links);
  if (any === undefined) unreportedSettings.set(links, (any = links.files.some((file) => file.settings && !file.reported)));
  if (!any) return undefined;
  return (finding) => {
    const elsewhere = linkedSpan(links, finding.span);
    return elsewhere && !elsewhere.file.reported ? elsewhere.file.settings : undefined;
  };
}

/**
 * Keeps only the fixes that keep the rule book's invariants on this client: the finding they fix is gone and no
 * new error appears, and nothing another client resolves through a YAML anchor changes (invariant 5). A fix that
 * reaches anchored content only this client uses is kept with its edits moved to the anchored text (`scope`,
 * fix/anchor-scope.ts), and checked as moved. Checked on the model, without touching the text.
 */
function withCheckedFixes(entry: ClientEntry, settings: FileSettings, findings: readonly Finding[], scope: AnchorScope | undefined, fixChecks: FixChecks): Finding[] {
  const errorsBefore = new Set(findings.filter((f) => f.severity === 'error').map(positionKey));
  // Each fix as it may be offered (moved to anchored text), or null when an anchor withholds it.
  const offered = new Map<Fix, Fix | null>();
  const offer = (fix: Fix): Fix | undefined => {
    let found = offered.get(fix);
    if (found === undefined) offered.set(fix, (found = (scope ? scope.offered(fix, entry) : reachesThroughAnchor(fix, undefined) ? undefined : fix) ?? null));
    return found ?? undefined;
  };
  // The first new error each fix would raise, kept by the verdict so a withheld fix's note can name it.
  const raisedBy = new Map<Fix, RaisedError>();
  // Verdicts of clients laid out alike are shared (fix/verdicts.ts); not through anchors, whose fixes are moved.
  const layout = fixVerdicts.enabled && !scope ? ClientLayout.of(entry, settings) : undefined;
  const placedBefore = layout && placesOf(layout, findings.filter((f) => f.severity === 'error'));
  // Whether a fix works for a finding (it clears the finding and gives the client no new error), or why not.
  const verdict = (finding: Finding, fix: Fix): 'works' | SafeFixWithheld['why'] => {
    const moved = offer(fix);
    if (!moved) return 'anchor';
    const key = layout && placedBefore !== undefined ? verdictKey(layout, placedBefore, finding, moved, entry) : undefined;
    const known = key === undefined ? undefined : fixVerdicts.get(key);
    const found = known ?? checkedVerdict(finding, moved, key);
    if (found.raised) raisedBy.set(fix, found.raised);
    return found.verdict;
  };
  const checkedVerdict = (finding: Finding, moved: Fix, key: string | undefined): FixVerdict => {
    const after = checkClient(simulateEdits(entry, moved.edits), settings);
    const own = positionKey(finding);
    const raised = after.find((f) => f.severity === 'error' && !errorsBefore.has(positionKey(f)));
    const found: FixVerdict = after.some((f) => positionKey(f) === own) ? { verdict: 'finding-stays' } : raised ? { verdict: 'new-error', raised: raisedError(raised) } : { verdict: 'works' };
    // Remembered only when every finding after the fix has a place too: then each client laid out alike gives them
    // at the same places, and the same verdict.
    if (key !== undefined && placesOf(layout!, after) !== undefined) fixVerdicts.set(key, found);
    return found;
  };
  const withheldByAnchor = (fix: Fix): boolean => offer(fix) === undefined;
  return findings.map((finding) => {
    const elsewhere = finding.fixesElsewhere;
    if (finding.fixes.length === 0 && elsewhere === undefined) return finding;
    // Each fix judged once for this finding: the notes below ask again about fixes the checks judged already.
    const judged = new Map<Fix, 'works' | SafeFixWithheld['why']>();
    const judge = (fix: Fix): 'works' | SafeFixWithheld['why'] => {
      let found = judged.get(fix);
      if (found === undefined) judged.set(fix, (found = verdict(finding, fix)));
      return found;
    };
    const works = (fix: Fix): boolean => judge(fix) === 'works';
    const kept = fixChecks === 'all' ? finding.fixes.filter(works) : enoughToCount(finding.fixes, works);
    // Fixes across files are quick fixes only (fix all edits one file): every one checked ('all'), or, when fixes are
    // only counted, the first that works, so a report can say the finding has one (cli/notes.ts).
    const fixesElsewhere = elsewhere && (fixChecks === 'all' ? elsewhere.filter(works) : firstThatWorks(elsewhere, works));
    const fixes = kept.map((fix) => offer(fix)!);
    const moved = fixes.some((fix, i) => fix !== kept[i]);
    if (!moved && fixes.length === finding.fixes.length && fixesElsewhere?.length === elsewhere?.length) return finding;
    const { fixesElsewhere: _unchecked, preferredFix: _preferred, ...rest } = finding;
    // The preferred fix, as offered (moved to anchored text), while it works.
    const preferred = finding.preferredFix;
    const preferredKept = preferred !== undefined && kept.includes(preferred) ? { preferredFix: offer(preferred)! } : preferred !== undefined ? { preferredFix: preferred } : {};
    // No fix left, and an anchor other clients share is why: said, so a finding without a fix is not left unexplained.
    const noneLeft = fixes.length === 0 && (fixesElsewhere?.length ?? 0) === 0;
    const withheld =
      noneLeft && finding.fixes.some(withheldByAnchor)
        ? { fixesWithheldByAnchor: true as const }
        : !noneLeft && preferred !== undefined && !kept.includes(preferred) && withheldByAnchor(preferred)
          ? { preferredFixWithheldByAnchor: true as const }
          : {};
    const safeWithheld = safeFixWithheld(finding, fixes, withheld, judge, (fix) => raisedBy.get(fix));
    // The preferred fix left out as it would raise a new error (a grant a typo may mean, which the client may not
    // hold): said, so a suggestion is not left unexplained (the safe one's mark says it already).
    const raisedByPreferred = preferred !== undefined && !kept.includes(preferred) && preferred.title !== safeWithheld.safeFixWithheld?.title && judge(preferred) === 'new-error' ? raisedBy.get(preferred) : undefined;
    const raises = raisedByPreferred && preferred ? { preferredFixRaises: { title: preferred.title, raises: raisedByPreferred } } : {};
    // What else uses the anchored content a withheld fix would edit, so its message can name it (rare: worked out
    // only for a fix withheld by an anchor).
    const anchorFix = withheld.fixesWithheldByAnchor
      ? finding.fixes.find(withheldByAnchor)
      : withheld.preferredFixWithheldByAnchor
        ? preferred
        : safeWithheld.safeFixWithheld?.why === 'anchor'
          ? finding.fixes.find(isSafeFix)
          : undefined;
    const otherUse = anchorFix && scope?.otherUse(anchorFix, entry);
    const named = otherUse ? { anchorOtherUse: otherUse } : {};
    return fixesElsewhere && fixesElsewhere.length > 0
      ? { ...rest, ...preferredKept, fixes, fixesElsewhere, ...safeWithheld, ...raises, ...named }
      : { ...rest, ...preferredKept, fixes, ...withheld, ...safeWithheld, ...raises, ...named };
  });
}

/** The places of `findings` (ClientLayout.findingPlace), sorted and joined, or undefined when one has none. */
function placesOf(layout: ClientLayout, findings: readonly Finding[]): string | undefined {
  const places: string[] = [];
  for (const finding of findings) {
    const place = layout.findingPlace(finding);
    if (place === undefined) return undefined;
    places.push(place);
  }
  return places.sort().join(' ');
}

/** What a fix's verdict depends on (fix/verdicts.ts), or undefined when the finding or an edit has no place. */
function verdictKey(layout: ClientLayout, errorsBefore: string, finding: Finding, fix: Fix, entry: ClientEntry): string | undefined {
  const own = layout.findingPlace(finding);
  const edits = own === undefined ? undefined : layout.editsPlace(fix, entry);
  return edits === undefined ? undefined : `${layout.key}\u0003${errorsBefore}\u0003${own}\u0003${edits}`;
}

/**
 * The mark saying why the rule's first safe fix is left out when no safe fix is left (Finding.safeFixWithheld),
 * unless the anchor marks already say it (`withheld`). `why` checks the fix again: asked only in that rare case.
 */
function safeFixWithheld(
  finding: Finding,
  fixes: readonly Fix[],
  withheld: { readonly fixesWithheldByAnchor?: true; readonly preferredFixWithheldByAnchor?: true },
  why: (fix: Fix) => 'works' | SafeFixWithheld['why'],
  raised: (fix: Fix) => RaisedError | undefined,
): { safeFixWithheld?: SafeFixWithheld } {
  if (fixes.some(isSafeFix)) return {};
  const safe = finding.fixes.find(isSafeFix);
  if (!safe) return {};
  const reason = why(safe);
  if (reason === 'works') return {};
  if (reason === 'anchor' && (withheld.fixesWithheldByAnchor || (withheld.preferredFixWithheldByAnchor && finding.preferredFix === safe))) return {};
  const raises = reason === 'new-error' ? raised(safe) : undefined;
  return { safeFixWithheld: { title: safe.title, why: reason, ...(raises ? { raises } : {}) } };
}

/** The new error a fix would raise, as a withheld fix's note names it: its rule, its grant, its message. */
function raisedError(finding: Finding): RaisedError {
  const grant = finding.grantItem?.kind === 'string' ? finding.grantItem.value : undefined;
  return { ruleId: finding.ruleId, message: finding.message, ...(grant !== undefined ? { grant } : {}) };
}

/** The first fix that works, alone in a list, or none. */
function firstThatWorks(fixes: readonly Fix[], works: (fix: Fix) => boolean): Fix[] {
  const found = fixes.find(works);
  return found ? [found] : [];
}

/** The first safe fix that works, or else the first unsafe one that works, or none (see LintInput.fixChecks). */
function enoughToCount(fixes: readonly Fix[], works: (fix: Fix) => boolean): Fix[] {
  const safe = fixes.find((fix) => fix.safety === 'safe' && works(fix));
  if (safe) return [safe];
  const unsafe = fixes.find((fix) => fix.safety !== 'safe' && works(fix));
  return unsafe ? [unsafe] : [];
}

/**
 * A fix that edits a linked file's value moves from `fixes` (which edit this file only: fix all, the CLI) to
 * `fixesElsewhere` (quick fixes across files in the editor).
 */
function withoutFixesElsewhere(finding: Finding): Finding {
  if (finding.fixes.length === 0) return finding;
  const fixes = finding.fixes.filter((fix) => !editsElsewhere(fix.edits));
  if (fixes.length === finding.fixes.length) return finding;
  const fixesElsewhere = finding.fixes.filter((fix) => editsElsewhere(fix.edits));
  return editsElsewhere(finding.fixes[0]!.edits) ? { ...finding, fixes, fixesElsewhere, preferredFixElsewhere: true } : { ...finding, fixes, fixesElsewhere };
}

function withoutFixes(finding: Finding): Finding {
  if (finding.fixes.length === 0 && finding.fixesElsewhere === undefined) return finding;
  const { fixesElsewhere: _dropped, ...rest } = finding;
  return { ...rest, fixes: [] };
}

/**
 * A finding's identity before and after a fix is simulated (untouched nodes keep their spans): its rule and span,
 * and for a value a YAML alias brings in, where that value is written, since every item of an aliased list is
 * reported at the one alias (with only the span, removing one of two legacy grants there would look as if the
 * finding stayed, and the fix would be dropped as not working).
 */
function positionKey(finding: Finding): string {
  const anchored = anchoredValueSpan(finding);
  const at = `${finding.ruleId}@${finding.span.start}:${finding.span.end}`;
  return anchored ? `${at}<${anchored.start}:${anchored.end}` : at;
}

/** Applies configured severities (`other`: a finding's own file's settings, asConfigured); drops findings of rules that are off. Idempotent. */
function configure(findings: readonly Finding[], settings: FileSettings, other?: (finding: Finding) => FileSettings | undefined): Finding[] {
  const out: Finding[] = [];
  for (const finding of findings) {
    const severity = resolveSeverity(finding, other?.(finding) ?? settings);
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
