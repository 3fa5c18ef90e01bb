/**
 * Notes about a client config that are no rule's finding (values not known here, client grants whose client is not
 * found, credentials whose client cannot be told, ...): what the CLI prints on stderr and the editor shows as
 * information diagnostics without a rule id, from one list so both say the same.
 */
import type { ClientEntry } from '../engine/discover';
import { ClientFacts, mistypedTokenVaultPrivilegedAccess } from '../engine/client';
import { globalClientNotes, type CreateTimeUnknown } from '../engine/discover';
import { fitsNames } from '../engine/rules/messages';
import { listWords } from '../engine/rules/helpers';
import { getValue, type ObjectNode, type ParsedFile, type Span, type ValueNode } from '../engine/model';
import { isLinkedOffset, linkedSpan, moduleNotWholeCauses, otherFileLocation, type NotWholeCause, type OtherFileLocation, type ProjectLinks } from '../engine/links';
import { credentialsWithoutClientNotes, grantsWithoutClientNotes, lintClient, notesOutsideErrors, uncheckedFixNotes, unjudgedAudienceNotes, type LintInput, type LintResult, type NoteFix } from '../engine/lint';
import { movedAttributeNotes } from '../engine/moved-attributes';
import { ruleById } from '../engine/rules/index';
import type { RelatedInfo } from '../engine/rules/api';
import { LineIndex } from '../engine/text';

/** A note at a span of the file's text (offsets), with its one-line message. */
export interface NoteSpan {
  readonly span: Span;
  readonly message: string;
  /** Set on a note saying a client grant was not checked (its client is not found, or is several): summaries count them. */
  readonly grantNotChecked?: true;
  /**
   * Set on a note saying a value the rules read of a client is not known here (unjudgedValueNotes): the client, as
   * its file's path and the offset of its key there, the same in every file that notes it. Summaries count the
   * clients so noted, each once.
   */
  readonly clientNotJudged?: string;
  /**
   * Set on a note saying a Terraform credentials resource's client cannot be told or is not declared, so no client
   * of the module is judged by the provider's create-time method: summaries count them.
   */
  readonly credentialsNotLinked?: true;
  /** Places the note is about (the client a did-you-mean note suggests, at its name). */
  readonly related?: readonly RelatedInfo[];
  /** The editor's quick fix (a did-you-mean note's name changed to the one suggested); never applied by `--fix`. */
  readonly fix?: NoteFix;
}

/**
 * Every note of one linted file (`input` as linted into `result`; `shown` names another file as the reader sees
 * it), in file order: attributes whose meaning depends on the Terraform provider version, values not known here
 * (unjudgedValueNotes), client grants whose client is not found, credentials whose client cannot be told, client
 * grant audiences not known here, global clients, settings of another type (mistypedSettingNotes), fixes a syntax
 * error holds back (heldFixesNotes), and with `withUncheckedFixes` lists too long for their fixes to be checked (for
 * runs that fix). None in a client or resource whose text holds a syntax error: it gets its parse-error only.
 */
export function fileNoteSpans(input: LintInput, result: LintResult, shown: (path: string) => string, withUncheckedFixes = false): NoteSpan[] {
  const noted = clientsThatMayNeedNotes([...result.clients, ...result.guests]);
  const notes: NoteSpan[] = [
    ...movedAttributeNotes(result.clients),
    ...unjudgedValueNotes(input.path, noted, input.links, shown, result.parsed),
    ...grantsWithoutClientNotes(input, result, shown).map((note): NoteSpan => ({ ...note, grantNotChecked: true })),
    ...credentialsWithoutClientNotes(input, result).map((note): NoteSpan => ({ ...note, credentialsNotLinked: true })),
    ...unjudgedAudienceNotes(input, result),
    // A scan of the text is quicker than a look-up in every client, and a global client is written `global`.
    ...(input.text.includes('global') ? globalClientNotes(input.path, result.parsed) : []),
    ...mistypedSettingNotes(noted),
    ...heldFixesNotes(input.text, result),
    ...(withUncheckedFixes ? uncheckedFixNotes(result) : []),
  ];
  return notesOutsideErrors(notes, result, input.text).sort((a, b) => a.span.start - b.span.start);
}

/**
 * Clients found to need no note from unjudgedValueNotes or mistypedSettingNotes. What decides that is a client's
 * content (its values, credentials and create-time state), never its position, and the model's content is never
 * changed in place: an edit of an open document re-reads the client it touched as a new entry and only shifts the
 * others (engine/incremental.ts). So an edit of a 10,000-client tenant asks again only of the client it re-read;
 * asking every client took a quarter of the edit's time.
 */
const needsNoNote = new WeakSet<ClientEntry>();

/** The clients that may need a note from unjudgedValueNotes or mistypedSettingNotes (needsNoNote), in order. */
function clientsThatMayNeedNotes(clients: readonly ClientEntry[]): ClientEntry[] {
  const noted: ClientEntry[] = [];
  for (const client of clients) {
    if (needsNoNote.has(client)) continue;
    if (mayHoldUnjudgedValue(client) || mistypedTokenVaultPrivilegedAccess(client)) noted.push(client);
    else needsNoNote.add(client);
  }
  return noted;
}

/**
 * A `token_vault_privileged_access` of this file that is known and no object (mistypedTokenVaultPrivilegedAccess):
 * neither the Management API nor Terraform takes it, and what it asks for is unknown, so
 * token-vault-privileged-access does not judge the client. At the key; a guest's (a Terraform client of another
 * file whose credentials are here) too, as the key is in this file.
 */
function mistypedSettingNotes(clients: readonly ClientEntry[]): NoteSpan[] {
  const notes: NoteSpan[] = [];
  for (const client of clients) {
    const prop = mistypedTokenVaultPrivilegedAccess(client);
    if (!prop || isLinkedOffset(prop.keySpan.start)) continue;
    const terraform = client.source === 'terraform';
    const kind = prop.value.kind === 'array' ? 'a list' : `a ${prop.value.kind}`;
    const message = terraform
      ? `token_vault_privileged_access is ${kind}, not a block (terraform plan rejects it): its rule does not judge this client`
      : `token_vault_privileged_access is ${kind}, not an object (Auth0 rejects it): its rule does not judge this client`;
    notes.push({ span: { start: prop.keySpan.start, end: prop.keySpan.end }, message });
  }
  return notes;
}

/**
 * In a file that does not parse, no finding gets a fix (the structure around an edit would be a guess), which must
 * not pass unseen: `--fix` would change nothing and the editor offer no fix. One note, at the first finding whose
 * rule has fixes (outside the broken client or resource, which gets only its parse-error), naming the first error's
 * line.
 */
function heldFixesNotes(text: string, result: LintResult): NoteSpan[] {
  const error = result.parsed.errors[0];
  if (!error) return [];
  const held = result.findings.find((finding) => finding.ruleId !== 'parse-error' && finding.fixes.length === 0 && ruleById(finding.ruleId)?.fixable === true);
  if (!held) return [];
  // The line the first parse-error finding is reported on (an error may be reported elsewhere than it was met).
  const reported = result.findings.find((finding) => finding.ruleId === 'parse-error')?.span ?? error.span;
  const line = new LineIndex(text).positionAt(reported.start).line + 1;
  // Where every value is read exactly (a comment or a repeated key deploy-cli refuses, a byte order mark), nothing
  // is a guess: fixes wait only because a fix must leave a file that parses.
  const exact = result.parsed.errors.every((e) => e.exact);
  return [{ span: held.span, message: exact ? `no fixes in this file until the error on line ${line} is mended: fixes are written only to files that parse` : `no fixes in this file until the syntax error on line ${line} is mended: the text around it is read as a guess` }];
}

/** A place in another file as messages name it: `path:line:column` (1-based), the path as `shown` gives it. */
export function placeText(place: OtherFileLocation, shown: (path: string) => string): string {
  return `${shown(place.path)}:${place.start.line + 1}:${place.start.character + 1}`;
}

/**
 * Clients whose `grant_types` or auth method is not known here, which must not pass unseen: in Terraform a computed
 * value (a variable, a local, a function call, an interpolation: known only at plan time), a method that two
 * credentials resources set, a method some rule would judge with the provider's create-time default but which a
 * credentials resource for one instance, or a reference passed to a module, local or output, leaves unknown (at the
 * client's resource key), in auth0-deploy-cli a keyword placeholder (filled in at deploy time). No rule that reads
 * that value can judge the client. At the value, when it is in this file; a computed method in a sibling that is
 * not reported in the same run (`links`, ProjectLinks: its path `shown` as the CLI shows paths) at the client.
 * `clients` may hold guests (Terraform clients of other files whose credentials are here): only this file's values
 * of theirs are noted. Each note names its client (NoteSpan.clientNotJudged) by its home file (`path`, or a guest's
 * own) and the offset of its key there, so a client noted in two files of a run is one client.
 */
function unjudgedValueNotes(path: string, clients: readonly ClientEntry[], links?: ProjectLinks, shown: (path: string) => string = (path) => path, parsed?: ParsedFile): NoteSpan[] {
  const notes: NoteSpan[] = [];
  let unseenCause: UnseenCause | null | undefined;
  const causeOf = (): UnseenCause | null => (unseenCause ??= links?.kind === 'terraform-module' && parsed ? unseenNotWholeCause(links, path, parsed, shown) : null);
  for (const client of clients) {
    const before = notes.length;
    noteUnjudgedValues(client, notes, links, shown, causeOf);
    if (notes.length === before) continue;
    const home = linkedSpan(links, client.anchor);
    const key = home ? `${home.file.path}\0${home.span.start}` : `${path}\0${client.anchor.start}`;
    for (let i = before; i < notes.length; i++) notes[i] = { ...notes[i]!, clientNotJudged: key };
  }
  return notes;
}

/** unjudgedValueNotes for one client, added to `notes`. */
function noteUnjudgedValues(client: ClientEntry, notes: NoteSpan[], links: ProjectLinks | undefined, shown: (path: string) => string, unseenCause: () => UnseenCause | null): void {
  const guest = isLinkedOffset(client.anchor.start);
  const terraform = client.source === 'terraform';
  if (!mayHoldUnjudgedValue(client)) return;
  const name = client.resourceName ?? client.name ?? 'this client';
  if (!guest && client.createTimeUnknown === 'several-credentials') {
    const message = fitsNames([(resource) => `auth0_client.${resource} has several auth0_client_credentials: the rules that read its auth method do not judge it`], [name]);
    notes.push({ span: { start: client.anchor.start, end: client.anchor.end }, message });
  } else if (!guest && (client.createTimeUnknown === 'one-instance' || client.createTimeUnknown === 'passed-on')) {
    const unjudged = rulesTheCreateTimeMethodWouldFire(client);
    if (unjudged.length > 0) {
      notes.push({ span: { start: client.anchor.start, end: client.anchor.end }, message: createTimeUnknownNote(SHORT_CREATE_TIME_UNKNOWN_REASONS[client.createTimeUnknown], unjudged) });
    }
  } else if (!guest && client.createTimeUnknown === 'module-not-whole' && !client.credentials) {
    // The file that keeps the module from being known whole is noted when it is checked too; in a run that leaves it
    // out (`main.tf` alone, in pre-commit), the clients it keeps from being judged must not pass unseen.
    const cause = unseenCause();
    const unjudged = cause ? rulesTheCreateTimeMethodWouldFire(client) : [];
    if (cause && unjudged.length > 0) notes.push({ span: { start: client.anchor.start, end: client.anchor.end }, message: createTimeUnknownNote(cause.reasons, unjudged) });
  }
  const unknownText = terraform ? 'computed (known at plan time)' : 'a deploy-cli placeholder';
  // A guest's grants are its own file's to note.
  const grants = guest ? undefined : getValue(client.node, 'grant_types');
  const appType = guest ? undefined : getValue(client.node, 'app_type');
  const method = terraform ? getValue(client.credentials, 'authentication_method') : getValue(client.node, 'token_endpoint_auth_method');
  // Read as the rules read them only where a value may be unknown: most clients of a large tenant are plain.
  if (!mayBeUnknown(grants) && !mayBeUnknown(method) && !mayBeUnknown(appType)) return;
  const facts = new ClientFacts(client);
  const whole = facts.grantTypes.state === 'unknown';
  // A list of literals and computed values (`["authorization_code", var.extra]`) is not known whole either: the
  // rules about a listed grant still judge it, those about the whole list (what is missing, what is there) do not.
  if (grants && (whole || facts.grants?.hasUnknownItems === true)) {
    const part = terraform ? 'a computed value (known at plan time)' : unknownText;
    const message = whole
      ? `grant_types is ${unknownText}: the rules that read the grants do not judge this client`
      : `grant_types holds ${part}: its grants are judged, not what the whole list holds or lacks`;
    notes.push({ span: { start: grants.start, end: grants.end }, message });
  }
  if (appType && mayBeUnknown(appType) && facts.appTypeUnknown) {
    notes.push({ span: { start: appType.start, end: appType.end }, message: `app_type is ${unknownText}: the rules that read the app type do not judge this client` });
  }
  if (!method || facts.authMethod.state !== 'unknown') return;
  const key = terraform ? 'authentication_method' : 'token_endpoint_auth_method';
  if (!isLinkedOffset(method.start)) {
    notes.push({ span: { start: method.start, end: method.end }, message: `${key} is ${unknownText}: the rules that read the auth method do not judge this client` });
  } else {
    // In a sibling: noted there when it is reported too (this client is its guest), else here, naming it.
    const sibling = linkedSpan(links, method)?.file;
    const place = otherFileLocation(links, method);
    if (sibling && place && !sibling.reported && !guest) {
      const message = fitsNames(
        [
          (resource, at) => `${key} of auth0_client.${resource} (${at}) is ${terraform ? 'computed' : 'a placeholder'}: the rules that read it do not judge it`,
          (resource) => `${key} of auth0_client.${resource} is ${terraform ? 'computed' : 'a placeholder'}: the rules that read it do not judge it`,
        ],
        [name, { place: placeText(place, shown) }],
      );
      notes.push({ span: { start: client.anchor.start, end: client.anchor.end }, message });
    }
  }
}

/**
 * Whether noteUnjudgedValues may note anything on a client: a superset, in one pass over its fields (most clients
 * of a large tenant hold no unknown value; three look-ups per client cost a 10,000-client tenant's lint 20 ms).
 * Reads the client's content only (needsNoNote relies on it).
 */
function mayHoldUnjudgedValue(client: ClientEntry): boolean {
  if (isLinkedOffset(client.anchor.start) || client.createTimeUnknown !== undefined) return true;
  const terraform = client.source === 'terraform';
  return holdsUnknownFact(client.node, terraform ? CLIENT_TERRAFORM_KEYS : CLIENT_DEPLOY_KEYS) || (terraform && holdsUnknownFact(client.credentials, CREDENTIALS_KEYS));
}

/**
 * The first file of a Terraform module, other than the linted one and not reported in the run, that keeps the module
 * from being known whole (links.ts moduleNotWholeCauses), as a note's reasons say it, longest first (the path is
 * the first to give way); null when there is none, or when some file of the module could not be read (a note says
 * so already).
 */
interface UnseenCause {
  readonly reasons: readonly string[];
}

function unseenNotWholeCause(links: Extract<ProjectLinks, { kind: 'terraform-module' }>, path: string, parsed: ParsedFile, shown: (path: string) => string): UnseenCause | null {
  const cause = moduleNotWholeCauses(links, path, parsed)?.find(({ file }) => !file.reported);
  if (!cause) return null;
  const why = NOT_WHOLE_CAUSES[cause.why];
  return { reasons: [why(shown(cause.file.path)), why('another file')] };
}

/** Why a file (named, or "another file") keeps its module from being known whole (unseenNotWholeCause). */
const NOT_WHOLE_CAUSES: Readonly<Record<NotWholeCause, (file: string) => string>> = {
  'syntax-error': (file) => `${file} does not parse`,
  'credentials-client-unknown': (file) => `${file}: client_id names no client`,
  'credentials-client-undeclared': (file) => `${file} names an undeclared client`,
};

/**
 * Why a Terraform client's method is unknown, as a note says it in parentheses (CREATE_TIME_UNKNOWN_REASONS, which
 * the hover gives in full, shortened to leave the rules named room).
 */
const SHORT_CREATE_TIME_UNKNOWN_REASONS: Readonly<Record<Exclude<CreateTimeUnknown, 'module-not-whole' | 'several-credentials'>, string>> = {
  'one-instance': 'credentials for one instance only',
  'passed-on': 'ID passed to a module, local or output',
};

/**
 * The note on a client whose method a credentials resource for one instance, or a reference passed on, leaves
 * unknown: the rules its create-time method would make fire (`unjudged`, one at least) do not judge it. The rules
 * are named as long as they fit, the rest counted.
 */
function createTimeUnknownNote(reasons: string | readonly string[], unjudged: readonly string[]): string {
  const forms: ((...names: string[]) => string)[] = [];
  // The reasons fullest first (one naming a file, then one without it): a shorter reason is tried before a rule
  // goes unnamed, as the rules are the advice and the file's name is only a place.
  for (let named = unjudged.length; named >= 1; named--) {
    const more = unjudged.length - named;
    const rules = more === 0 ? listWords(unjudged) : `${unjudged.slice(0, named).join(', ')} and ${more} more`;
    const verb = unjudged.length === 1 ? 'does' : 'do';
    for (const reason of typeof reasons === 'string' ? [reasons] : reasons) forms.push(() => `authentication_method unknown (${reason}): ${rules} ${verb} not judge it`);
  }
  const last = typeof reasons === 'string' ? reasons : reasons[reasons.length - 1]!;
  forms.push(() => `authentication_method unknown (${last}): ${unjudged.length} rule${unjudged.length === 1 ? ' does' : 's do'} not judge it`);
  return fitsNames(forms, []);
}

/**
 * The rules that would find something on a Terraform client if its method were the provider's create-time one
 * (`none` for spa and native apps, `client_secret_post` otherwise) and find nothing with it unknown: what an
 * unknown method keeps from being judged. Sorted rule ids.
 */
function rulesTheCreateTimeMethodWouldFire(client: ClientEntry): string[] {
  const withUnknown = new Set(lintClient(client).map((f) => f.ruleId));
  const { createTimeUnknown: _unknown, ...known } = client;
  return [...new Set(lintClient({ ...known, createTimeMethod: true }).map((f) => f.ruleId))].filter((id) => !withUnknown.has(id)).sort();
}

/** Whether a value is, or a list holds, a placeholder or an interpolation (a string the rules may read as unknown). */
function mayBeUnknown(node: ValueNode | undefined): boolean {
  return node !== undefined && (isUnknownString(node) || (node.kind === 'array' && node.items.some(isUnknownString)));
}

function isUnknownString(node: ValueNode): boolean {
  return node.kind === 'string' && (node.placeholder || node.value.includes('${'));
}

/** The values unjudgedValueNotes reads, by where they are written. */
const CLIENT_DEPLOY_KEYS: ReadonlySet<string> = new Set(['grant_types', 'app_type', 'token_endpoint_auth_method']);
const CLIENT_TERRAFORM_KEYS: ReadonlySet<string> = new Set(['grant_types', 'app_type']);
const CREDENTIALS_KEYS: ReadonlySet<string> = new Set(['authentication_method']);

/**
 * Whether any field of `node` named in `keys` (own or merged, every copy of a repeated key) may be unknown
 * (mayBeUnknown): a superset of what the look-ups that follow find, in one pass over the fields.
 */
function holdsUnknownFact(node: ObjectNode | undefined, keys: ReadonlySet<string>): boolean {
  if (!node) return false;
  for (const prop of node.props) if (keys.has(prop.key) && mayBeUnknown(prop.value)) return true;
  if (node.merged) for (const prop of node.merged) if (keys.has(prop.key) && mayBeUnknown(prop.value)) return true;
  return false;
}

