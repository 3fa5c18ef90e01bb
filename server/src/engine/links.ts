/**
 * Links between the objects of one project that live in different files (rule book, "Where clients are found"):
 * a Terraform module's `auth0_client_credentials` and `auth0_client_grant` resources and the `auth0_client` they
 * name, a deploy-cli directory's `tenant.json` flags and `clients/*.json`, its `grants/*.json` and the clients they
 * name. The engine stays free of files and protocols: the caller (workspace/project-graph.ts) reads and parses the
 * sibling files, builds one index per module or directory with `linkTerraformModule` / `linkDeployDirectory`, and
 * passes it to `lintText` in `LintInput.links`. An index is built once per module or directory, never per file, so
 * a directory of thousands of grants and clients is checked in linear time.
 *
 * Values of another file reach the rules as copies whose offsets lie in that file's own range, far above any
 * text's length (`LinkedFile.base`), so findings, related information and fix edits about them are told apart
 * from those of the linted file by their offsets alone, and no rule needs to know where a value lives.
 */
import { findClients, hasPlaceholderName, isPlaceholderFlags, isTerraformJson } from './discover';
import type { ClientEntry, CreateTimeUnknown, TenantFlagsUnknown } from './discover';
import type { ClientGrantEntry } from './grants';
import type { ObjectNode, ParseError, ParsedFile, Prop, Span, ValueNode } from './model';
import { getValue, holdsError } from './model';
import type { FileSettings } from './settings';
import { brokenResource, clientLinkOfResource, clientsPassedOn, credentialsCountByClient, resourceBodiesExcept, resourcesOf, terraformTenantFlags, type TerraformTenantFlags } from './terraform';
import { LineIndex, type Position } from './text';
import { writtenWithPlaceholders } from './placeholders';

/** Offsets of the first linked file start here; each linked file has a range of this size. */
const LINKED_RANGE = 2 ** 36;

/** A parsed sibling file one file's findings depend on. */
export interface LinkedFile {
  /** The file's path as the caller names it (relative or absolute, as the caller shows paths). */
  readonly path: string;
  readonly text: string;
  readonly parsed: ParsedFile;
  /**
   * Whether this file's own findings are reported in the same run (the CLI: it is among the files asked for; the
   * server: it is linted too). Findings about a value in it are then left to it; otherwise they are shown on the
   * linted file, at the object they concern, with the value's place in related information.
   */
  readonly reported: boolean;
  /**
   * The file's own settings, when the caller knows them (the CLI): a finding on a value of this file shown on the
   * linted file instead (this file is not reported) is configured as this file configures it (its overrides by
   * pointer, its rules), so a run on one file of a module judges it as a run on the module does.
   */
  readonly settings?: FileSettings;
}

/** A file of a built index, with the offset range its copied values occupy. */
export interface IndexedFile extends LinkedFile {
  readonly base: number;
}

/** Where a value of another file is: its path and its range there (0-based lines, UTF-16 columns). */
export interface OtherFileLocation {
  readonly path: string;
  readonly start: Position;
  readonly end: Position;
}

/** A client of another file, its nodes copied into that file's offset range. */
export interface LinkedClient {
  /** The client with its nodes copied into its file's offset range (made when first read). */
  readonly entry: ClientEntry;
  /**
   * The same client as its own file reads it (its offsets, nothing copied): for what reads no position, such as
   * the facts the rules judge (client.ts factsKey). Never report or edit at its offsets from another file.
   */
  readonly unshifted: ClientEntry;
  readonly file: IndexedFile;
}

/** A credentials resource of another file, its nodes copied into that file's offset range. */
export interface LinkedCredentials {
  readonly body: ObjectNode;
  readonly file: IndexedFile;
}

/** A Terraform module (all `*.tf` and `*.tf.json` files of one directory), indexed once. */
export interface TerraformModuleLinks {
  readonly kind: 'terraform-module';
  readonly files: readonly IndexedFile[];
  /**
   * Every file of the module was listed and read (the caller's word). Whether the module is known whole for one
   * file also needs every file's contents to name its credentials' clients: see `moduleKnownWhole`.
   */
  readonly allFilesRead: boolean;
  /**
   * Files of `files` whose contents leave some client's credentials unknown: a syntax error, or a credentials
   * resource naming no readable client (`client_id = var.id`).
   */
  readonly partialFiles: ReadonlySet<string>;
  /**
   * `auth0_client` resources by resource name: the first of each file, in the order of `files`. Read with
   * `linkedClient`, which skips the linted file's own.
   */
  readonly clients: ReadonlyMap<string, readonly LinkedClient[]>;
  /**
   * `auth0_client_credentials` bodies by the resource name of the client they reference: the first of each file,
   * in the order of `files`. Read with `linkedCredentials`, which skips the linted file's own.
   */
  readonly credentials: ReadonlyMap<string, readonly LinkedCredentials[]>;
  /**
   * How many credentials resources link to each client (by resource name), per file path: a client that two or more
   * link to, in one file or several, has an unknown method. Read with `credentialsElsewhere`.
   */
  readonly credentialsCount: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /**
   * Resource names of clients of which a credentials resource configures one instance only (`x["ios"]`, `x[0]`),
   * with the paths of the files holding such resources. Read with `createTimeUnknown`.
   */
  readonly oneInstanceCredentials: ReadonlyMap<string, readonly string[]>;
  /**
   * Resource names of clients that `module`, `locals` or `output` blocks refer to (terraform.ts clientsPassedOn),
   * with the paths of the files holding such blocks. Read with `createTimeUnknown`.
   */
  readonly passedOn: ReadonlyMap<string, readonly string[]>;
  /**
   * Resource names of the `auth0_client`s each file declares (every resource, a broken one too: its label was
   * read), with the paths of the files declaring them. Read with `credentialsForUndeclaredClient`.
   */
  readonly declaredClients: ReadonlyMap<string, readonly string[]>;
  /**
   * Resource names of the `auth0_client`s readable credentials resources reference (a whole client or one
   * instance), with the paths of the files holding them. Read with `credentialsForUndeclaredClient`.
   */
  readonly credentialsTargets: ReadonlyMap<string, readonly string[]>;
  /**
   * The module's tenant settings (terraform.ts terraformTenantFlags: the first `auth0_tenant` resource in the order
   * of `files`), for the legacy severity of clients of the other files. Read with `moduleTenantFlags`.
   */
  readonly tenantFlags: { readonly file: IndexedFile; readonly flags: TerraformTenantFlags; readonly inSeveralFiles: boolean } | undefined;
}

/** A deploy-cli directory (`tenant.json`, `clients/*.json`, `grants/*.json`), indexed once. */
export interface DeployDirectoryLinks {
  readonly kind: 'deploy-directory';
  readonly files: readonly IndexedFile[];
  /** `tenant.json`'s `flags`, when it has them and parses (see `tenantFlagsUnknown`). */
  readonly tenantFlags: { readonly node: ObjectNode; readonly file: IndexedFile } | undefined;
  /**
   * `tenant.json`'s flags are unknown: 'unparsed', it holds a syntax error (its flags would be guesses, so they are
   * not read); 'placeholder', its `flags` is a deploy-cli keyword. Undefined when they are known (or absent).
   */
  readonly tenantFlagsUnknown: TenantFlagsUnknown | undefined;
  /** Clients of `clients/*.json` by `name` (a repeated name keeps its first: see `sharedNames`). */
  readonly clientsByName: LinkedClientsByName;
  /**
   * The names more than one client of `clients/` has, each with those clients' `name` values in file order:
   * auth0-deploy-cli refuses such clients ("Names must be unique"), and which of them a grant naming one is for is
   * unknown, so no grant naming one is judged.
   */
  readonly sharedNames: ReadonlyMap<string, readonly ClientNamePlace[]>;
  /** The clients of `clients/` whose `name` is a deploy-cli placeholder (any of them may be the one a grant names). */
  readonly placeholderNames: readonly ClientNamePlace[];
  /**
   * Every client of `clients/` was read with its name (known or a placeholder): every file was read, and no client
   * is unnamed or holds a syntax error. With no placeholder names besides, a name no client has names none.
   */
  readonly everyClientRead: boolean;
  /**
   * Every client of `clients/` is in `clientsByName` by a known name: `everyClientRead`, and no client is named by a
   * placeholder. Only then is a name it lacks known to name no client.
   */
  readonly everyClientKnown: boolean;
}

/** A client's `name` value in a linked file: as written, and its span in the file's copied range (see LinkedFile). */
export interface ClientNamePlace {
  readonly name: string;
  readonly span: Span;
}

/**
 * Clients by name whose copies are made when first asked for: a directory of thousands of clients is indexed
 * without copying each one, and linting one grant copies only the client it names.
 */
export interface LinkedClientsByName {
  get(name: string): LinkedClient | undefined;
  /** Every name a client has (each once): the candidates when a grant names none of them (did you mean). */
  names(): readonly string[];
}

/** What `lintText` may be given about the rest of a file's project. */
export type ProjectLinks = TerraformModuleLinks | DeployDirectoryLinks;

/**
 * What one file gives its module's index, read from its parse alone (no offsets of the module: copies into the
 * file's range are made when read), kept with the parse so an index rebuilt after one file changed reads only that
 * file again.
 */
interface ModuleContribution {
  /** leavesCredentialsUnknown of the file. */
  readonly partial: boolean;
  /** terraformTenantFlags of each document that has an `auth0_tenant`, in order. */
  readonly tenantFlags: readonly TerraformTenantFlags[];
  /** clientsPassedOn of each document, in order (a name once per document naming it). */
  readonly passedOn: readonly string[];
  /** credentialsCountByClient summed over the documents. */
  readonly credentialsCount: ReadonlyMap<string, number>;
  /** The first whole-client credentials body per client resource name. */
  readonly credentials: ReadonlyMap<string, ObjectNode>;
  /** The client resource name of each credentials resource configuring one instance, in order. */
  readonly oneInstance: readonly string[];
  /** The first client entry per resource name (entries holding a syntax error left out). */
  readonly clients: ReadonlyMap<string, ClientEntry>;
  /** declaredClientNames of the file. */
  readonly declared: readonly string[];
  /** credentialsTargetNames of the file. */
  readonly targets: readonly string[];
}

const contributions = new WeakMap<ParsedFile, { readonly path: string; readonly contribution: ModuleContribution }>();

function contributionOf(path: string, parsed: ParsedFile): ModuleContribution {
  const kept = contributions.get(parsed);
  if (kept && kept.path === path) return kept.contribution;
  const tenantFlags: TerraformTenantFlags[] = [];
  const passedOn: string[] = [];
  const credentialsCount = new Map<string, number>();
  const credentials = new Map<string, ObjectNode>();
  const oneInstance: string[] = [];
  for (const doc of parsed.documents) {
    const found = terraformTenantFlags(doc.root, parsed.errors);
    if (found) tenantFlags.push(found);
    passedOn.push(...clientsPassedOn(doc.root));
    for (const [name, count] of credentialsCountByClient(doc.root, parsed.errors)) credentialsCount.set(name, (credentialsCount.get(name) ?? 0) + count);
    for (const { body } of resourcesOf(doc.root, 'auth0_client_credentials')) {
      if (brokenResource(body, parsed.errors)) continue;
      const target = clientLinkOfResource(body);
      if (target?.whole) {
        if (!credentials.has(target.name)) credentials.set(target.name, body);
      } else if (target) oneInstance.push(target.name);
    }
  }
  // The client entries as discovery reads them (anchor, name).
  const clients = new Map<string, ClientEntry>();
  for (const entry of findClients(isTerraformJson(path) ? path : `${path}.tf.json`, parsed)) {
    const resourceName = entry.resourceName;
    if (resourceName === undefined || clients.has(resourceName)) continue;
    // A client whose text holds a syntax error is not known: a grant naming it is judged on nothing.
    if (parsed.errors.length > 0 && holdsError(entry, parsed.errors)) continue;
    clients.set(resourceName, entry);
  }
  const contribution: ModuleContribution = {
    partial: leavesCredentialsUnknown(parsed),
    tenantFlags,
    passedOn,
    credentialsCount,
    credentials,
    oneInstance,
    clients,
    declared: declaredClientNames(parsed),
    targets: credentialsTargetNames(parsed),
  };
  contributions.set(parsed, { path, contribution });
  return contribution;
}

/** Each module index's file positions by path (relinkTerraformModule keeps the files and their order). */
const filePositions = new WeakMap<TerraformModuleLinks, ReadonlyMap<string, number>>();

/**
 * Indexes a Terraform module: `files` are its files (the linted file may be among them; `lintText` then reads
 * its own, current text instead, and never what the index holds of it). `allFilesRead`: every `*.tf`/`*.tf.json`
 * file of the directory is among `files`. Files in another format than JSON are indexed from the same model shape
 * (`resource → type → name → body`). What a file gives is kept with its parse: see relinkTerraformModule.
 */
export function linkTerraformModule(files: readonly LinkedFile[], allFilesRead: boolean): TerraformModuleLinks {
  const indexed = withBases(files);
  const clients = new Map<string, LinkedClient[]>();
  const credentials = new Map<string, LinkedCredentials[]>();
  const partialFiles = new Set<string>();
  const oneInstanceCredentials = new Map<string, string[]>();
  const passedOn = new Map<string, string[]>();
  const credentialsCount = new Map<string, Map<string, number>>();
  const declaredClients = new Map<string, string[]>();
  const credentialsTargets = new Map<string, string[]>();
  for (const file of indexed) {
    const contribution = contributionOf(file.path, file.parsed);
    if (contribution.partial) partialFiles.add(file.path);
    for (const name of contribution.passedOn) append(passedOn, name, file.path);
    for (const name of contribution.oneInstance) append(oneInstanceCredentials, name, file.path);
    for (const name of contribution.declared) append(declaredClients, name, file.path);
    for (const name of contribution.targets) append(credentialsTargets, name, file.path);
    for (const [name, count] of contribution.credentialsCount) {
      const perFile = credentialsCount.get(name) ?? new Map<string, number>();
      perFile.set(file.path, count);
      credentialsCount.set(name, perFile);
    }
    for (const [name, body] of contribution.credentials) append(credentials, name, lazyCredentials(body, file));
    for (const [name, entry] of contribution.clients) append(clients, name, lazyClient(entry, file));
  }
  const links: TerraformModuleLinks = {
    kind: 'terraform-module',
    files: indexed,
    allFilesRead,
    partialFiles,
    clients,
    credentials,
    credentialsCount,
    oneInstanceCredentials,
    passedOn,
    declaredClients,
    credentialsTargets,
    tenantFlags: moduleTenantFlagsOf(indexed),
  };
  filePositions.set(links, new Map(indexed.map((file, i) => [file.path, i])));
  return links;
}

/**
 * The index `linkTerraformModule` would build from `previous`'s files with `changed` (a file of `previous`, by
 * path) in place of its old version, built from `previous` by taking out what the old version gave and putting in
 * what the new one gives: after a fix or an edit of one file of a module of thousands, the next file's index costs
 * that file, not the module. `allFilesRead` as for linkTerraformModule. Undefined when `changed` is not a file of
 * `previous` (build the index whole then). `previous` is left as it was.
 */
export function relinkTerraformModule(previous: TerraformModuleLinks, changed: LinkedFile, allFilesRead: boolean): TerraformModuleLinks | undefined {
  const positions = filePositions.get(previous);
  const position = positions?.get(changed.path);
  if (positions === undefined || position === undefined) return undefined;
  const old = previous.files[position]!;
  const file: IndexedFile = { ...changed, base: old.base };
  const files = [...previous.files];
  files[position] = file;
  const before = contributionOf(old.path, old.parsed);
  const after = contributionOf(file.path, file.parsed);
  const path = file.path;
  const order = (other: string) => positions.get(other)!;

  const partialFiles = new Set(previous.partialFiles);
  if (after.partial) partialFiles.add(path);
  else partialFiles.delete(path);

  const clients = new Map(previous.clients);
  for (const name of before.clients.keys()) withoutFile(clients, name, path);
  for (const [name, entry] of after.clients) insertInOrder(clients, name, lazyClient(entry, file), (linked) => linked.file.base > file.base);

  const credentials = new Map(previous.credentials);
  for (const name of before.credentials.keys()) withoutFile(credentials, name, path);
  for (const [name, body] of after.credentials) insertInOrder(credentials, name, lazyCredentials(body, file), (linked) => linked.file.base > file.base);

  const credentialsCount = new Map(previous.credentialsCount);
  for (const name of new Set([...before.credentialsCount.keys(), ...after.credentialsCount.keys()])) {
    const perFile = new Map(credentialsCount.get(name));
    perFile.delete(path);
    const count = after.credentialsCount.get(name);
    if (count !== undefined) perFile.set(path, count);
    if (perFile.size > 0) credentialsCount.set(name, perFile);
    else credentialsCount.delete(name);
  }

  const paths = (map: ReadonlyMap<string, readonly string[]>, beforeNames: readonly string[], afterNames: readonly string[]): Map<string, string[]> => {
    const out = new Map(map as Map<string, string[]>);
    for (const name of new Set(beforeNames)) {
      const kept = out.get(name)!.filter((other) => other !== path);
      if (kept.length > 0) out.set(name, kept);
      else out.delete(name);
    }
    for (const name of afterNames) insertInOrder(out, name, path, (other) => order(other) > position);
    return out;
  };
  const passedOn = paths(previous.passedOn, before.passedOn, after.passedOn);
  const oneInstanceCredentials = paths(previous.oneInstanceCredentials, before.oneInstance, after.oneInstance);
  const declaredClients = paths(previous.declaredClients, before.declared, after.declared);
  const credentialsTargets = paths(previous.credentialsTargets, before.targets, after.targets);

  // The module's tenant settings come from the first file holding an auth0_tenant: read again only when this file
  // held or holds one.
  const tenantFlags = before.tenantFlags.length === 0 && after.tenantFlags.length === 0 ? previous.tenantFlags : moduleTenantFlagsOf(files);
  const links: TerraformModuleLinks = {
    kind: 'terraform-module',
    files,
    allFilesRead,
    partialFiles,
    clients,
    credentials,
    credentialsCount,
    oneInstanceCredentials,
    passedOn,
    declaredClients,
    credentialsTargets,
    tenantFlags,
  };
  filePositions.set(links, positions);
  return links;
}

/**
 * The module's tenant settings from its files in order: the first `auth0_tenant`'s flags copied into its file's
 * range, or unknown when a second one configures the tenant too (in any file: which applies last is unknown).
 */
function moduleTenantFlagsOf(files: readonly IndexedFile[]): TerraformModuleLinks['tenantFlags'] {
  let tenantFlags: TerraformModuleLinks['tenantFlags'];
  for (const file of files) {
    for (const found of contributionOf(file.path, file.parsed).tenantFlags) {
      if (tenantFlags) tenantFlags = { file: tenantFlags.file, flags: { flags: undefined, unknown: true }, inSeveralFiles: true };
      else tenantFlags = { file, flags: found.flags ? { ...found, flags: copyInto(found.flags, file.base) } : found, inSeveralFiles: false };
    }
  }
  return tenantFlags;
}

function append<T>(map: Map<string, T[]>, name: string, item: T): void {
  const list = map.get(name);
  if (list) list.push(item);
  else map.set(name, [item]);
}

/** Replaces `name`'s list by a copy without `path`'s entry (or removes the name when none is left). */
function withoutFile<T extends { readonly file: IndexedFile }>(map: Map<string, readonly T[]>, name: string, path: string): void {
  const kept = (map.get(name) ?? []).filter((linked) => linked.file.path !== path);
  if (kept.length > 0) map.set(name, kept);
  else map.delete(name);
}

/** Replaces `name`'s list by a copy with `item` before the first entry `after` holds for (files are in order). */
function insertInOrder<T>(map: Map<string, readonly T[]>, name: string, item: T, after: (other: T) => boolean): void {
  const list = [...(map.get(name) ?? [])];
  const at = list.findIndex(after);
  list.splice(at < 0 ? list.length : at, 0, item);
  map.set(name, list);
}

/** How many credentials resources of other files of the module than `path` link to the client `name`. */
export function credentialsElsewhere(links: TerraformModuleLinks, name: string, path: string): number {
  let count = 0;
  for (const [file, n] of links.credentialsCount.get(name) ?? []) if (file !== path) count += n;
  return count;
}

/**
 * The tenant flags a Terraform client of `path` takes from its module: another file's `auth0_tenant` (its own file's
 * are read with the file), or unknown for every file when several files hold one (`replacesOwn`). Undefined when
 * the module's `auth0_tenant` is in `path` alone, or absent.
 */
export function moduleTenantFlags(links: TerraformModuleLinks, path: string): (TerraformTenantFlags & { readonly replacesOwn: boolean }) | undefined {
  const found = links.tenantFlags;
  if (found?.inSeveralFiles) return { ...found.flags, replacesOwn: true };
  return found && found.file.path !== path ? { ...found.flags, replacesOwn: false } : undefined;
}

/**
 * A linked client whose copy is made when first read: linting a file never reads its own clients from the index,
 * so a module's index costs its files' copies only for what other files ask about.
 */
function lazyClient(original: ClientEntry, file: IndexedFile): LinkedClient {
  let copy: ClientEntry | undefined;
  return {
    file,
    unshifted: original,
    get entry() {
      return (copy ??= copyEntry(original, file.base));
    },
  };
}

/** A linked credentials resource whose copy is made when first read (see lazyClient). */
function lazyCredentials(original: ObjectNode, file: IndexedFile): LinkedCredentials {
  let copy: ObjectNode | undefined;
  return {
    file,
    get body() {
      return (copy ??= copyInto(original, file.base));
    },
  };
}

/**
 * The client of resource name `name` in another file of the module than `path` (the first in the module's file
 * order), or undefined. The linted file's own clients are read from its current text, never from the index.
 */
export function linkedClient(links: TerraformModuleLinks, name: string, path: string): LinkedClient | undefined {
  return links.clients.get(name)?.find((linked) => linked.file.path !== path);
}

/** The credentials resource of client `name` in another file of the module than `path` (the first), or undefined. */
export function linkedCredentials(links: TerraformModuleLinks, name: string, path: string): LinkedCredentials | undefined {
  return links.credentials.get(name)?.find((linked) => linked.file.path !== path);
}

/**
 * Whether the module is known whole for linting `path` (parsed as `parsed`, its current text): every file was
 * read, and no file, `path` judged by its current parse and the others by the index, holds a syntax error, a
 * credentials resource naming no readable client, or one naming an `auth0_client` no file declares
 * (credentialsForUndeclaredClient: a typo `terraform plan` refuses, so which client it is meant for is unknown).
 * Only then is a client without a credentials resource known to
 * have none, and the provider's create-time method assumed (rule book, Terraform create-time defaults). What the
 * index holds of `path` itself is never read, so an index stays right for a file whose own text changed since.
 */
export function moduleKnownWhole(links: TerraformModuleLinks, path: string, parsed: ParsedFile): boolean {
  if (!links.allFilesRead) return false;
  for (const partial of links.partialFiles) if (partial !== path) return false;
  return !leavesCredentialsUnknown(parsed) && !credentialsForUndeclaredClient(links, path, parsed);
}

/** Why a file keeps its module from being known whole (moduleNotWholeCauses). */
export type NotWholeCause = 'syntax-error' | 'credentials-client-unknown' | 'credentials-client-undeclared';

/**
 * The files of the module other than `path` that keep it from being known whole (moduleKnownWhole), each once, in
 * the order of `links.files`, with why: a syntax error that may hide a credentials resource, a credentials resource
 * whose client cannot be told (`client_id = var.id`), or one referencing an `auth0_client` that no file declares
 * (`parsed`, the linted file's current text, counts for what it declares). Empty when only `path` itself, or
 * nothing, keeps the module from being known whole; undefined when not every file of the module was read.
 */
export function moduleNotWholeCauses(links: TerraformModuleLinks, path: string, parsed: ParsedFile): { readonly file: IndexedFile; readonly why: NotWholeCause }[] | undefined {
  if (!links.allFilesRead) return undefined;
  const declared = declaredInModule(links, path, parsed);
  const undeclaredIn = new Set<string>();
  for (const [name, files] of links.credentialsTargets) if (!declared(name)) for (const file of files) undeclaredIn.add(file);
  const causes: { file: IndexedFile; why: NotWholeCause }[] = [];
  for (const file of links.files) {
    if (file.path === path) continue;
    if (links.partialFiles.has(file.path)) causes.push({ file, why: file.parsed.errors.length > 0 ? 'syntax-error' : 'credentials-client-unknown' });
    else if (undeclaredIn.has(file.path)) causes.push({ file, why: 'credentials-client-undeclared' });
  }
  return causes;
}

/**
 * Whether a credentials resource of the module, in another file than `path` (from the index) or in `parsed` (the
 * linted file's current text), references an `auth0_client` that no file declares. `terraform plan` refuses such a
 * reference, so the module is never applied as written: the resource is meant for some client, perhaps one
 * without a credentials resource, whose method is then not the provider's create-time one.
 */
function credentialsForUndeclaredClient(links: TerraformModuleLinks, path: string, parsed: ParsedFile): boolean {
  const declared = declaredInModule(links, path, parsed);
  for (const [name, files] of links.credentialsTargets) if (files.some((file) => file !== path) && !declared(name)) return true;
  return credentialsTargetNames(parsed).some((name) => !declared(name));
}

/**
 * Whether the module declares an `auth0_client` of a resource name: in `parsed` (the linted file's current text) or
 * in another file than `path` (from the index, which may hold an older text of `path`).
 */
function declaredInModule(links: TerraformModuleLinks, path: string, parsed: ParsedFile): (name: string) => boolean {
  const own = new Set(declaredClientNames(parsed));
  return (name) => own.has(name) || (links.declaredClients.get(name) ?? []).some((file) => file !== path);
}

/** The resource names of a file's `auth0_client` resources (each once), a resource holding a syntax error too. */
function declaredClientNames(parsed: ParsedFile): string[] {
  return [...new Set(parsed.documents.flatMap((doc) => resourcesOf(doc.root, 'auth0_client').map((resource) => resource.name)))];
}

/**
 * The resource names of the `auth0_client`s a file's credentials resources reference (each once, a whole client
 * or one instance), leaving out those holding a syntax error (their reference is a guess: see brokenResource).
 */
function credentialsTargetNames(parsed: ParsedFile): string[] {
  const names = new Set<string>();
  for (const doc of parsed.documents) {
    for (const { body } of resourcesOf(doc.root, 'auth0_client_credentials')) {
      if (brokenResource(body, parsed.errors)) continue;
      const target = clientLinkOfResource(body);
      if (target) names.add(target.name);
    }
  }
  return [...names];
}

/**
 * The resource names of clients whose create-time method is not assumed although the module is known whole, with
 * why, from another file of the module than `path` (from the index) or from `parsed`, the linted file's current
 * text: 'one-instance', a credentials resource configures only one instance of it (`client_id =
 * auth0_client.x["ios"].id`: the named one has the resource's method, the others the provider's create-time one);
 * 'passed-on', a `module`, `locals` or `output` block refers to it, so credentials may be set where this module
 * cannot see (terraform.ts clientsPassedOn).
 */
export function createTimeUnknown(links: TerraformModuleLinks, path: string, parsed: ParsedFile): ReadonlyMap<string, Exclude<CreateTimeUnknown, 'module-not-whole'>> {
  const names = new Map<string, Exclude<CreateTimeUnknown, 'module-not-whole'>>();
  for (const [name, files] of links.passedOn) if (files.some((file) => file !== path)) names.set(name, 'passed-on');
  for (const doc of parsed.documents) for (const name of clientsPassedOn(doc.root)) names.set(name, 'passed-on');
  for (const [name, files] of links.oneInstanceCredentials) if (files.some((file) => file !== path)) names.set(name, 'one-instance');
  for (const doc of parsed.documents) {
    for (const { body } of resourcesOf(doc.root, 'auth0_client_credentials')) {
      const target = clientLinkOfResource(body);
      if (target && !target.whole) names.set(target.name, 'one-instance');
    }
  }
  return names;
}

/**
 * Whether a syntax error lies strictly inside the body of a resource of another type than
 * `auth0_client_credentials` (`name: "A"` for `name = "A"` in an `auth0_client`): the resource around it was read
 * with its header, so the error cannot hide a credentials resource.
 */
function insideOtherResource(parsed: ParsedFile, span: Span): boolean {
  // A point (a token missed) lies inside when it lies before the body's last character (the `}` found, or the end).
  return parsed.documents.some((doc) => resourceBodiesExcept(doc.root, 'auth0_client_credentials').some((body) => body.start < span.start && (span.end > span.start ? span.end < body.end : span.start < body.end)));
}

/**
 * Whether a cascade error (text a string left open read on into) stays between the resources around the resource of
 * another type than `auth0_client_credentials` that holds a string left open: the file is then read a top-level
 * block at a time (parse/hcl.ts), so such text hides no credentials resource the string itself does not.
 * `bodies`: every resource's body, in file order.
 */
function besideItsCause(parsed: ParsedFile, bodies: readonly ObjectNode[], error: ParseError): boolean {
  return parsed.errors.some((cause) => {
    if (!cause.cause || !insideOtherResource(parsed, cause.span)) return false;
    const holder = bodies.findIndex((body) => body.start < cause.span.start && cause.span.end < body.end);
    if (holder < 0) return false;
    const from = holder > 0 ? bodies[holder - 1]!.end : 0;
    const to = bodies[holder + 1]?.start ?? Number.POSITIVE_INFINITY;
    return from <= error.span.start && error.span.end <= to;
  });
}

/**
 * A syntax error (one not read exactly) may hide a credentials resource, unless it lies inside a resource of
 * another type (insideOtherResource); a credentials resource whose client
 * cannot be read (`client_id = var.id`) may be any client's. Either way no client is known to have none. (One
 * naming one instance of a client is read: see createTimeUnknown.)
 */
function leavesCredentialsUnknown(parsed: ParsedFile): boolean {
  const hiding = parsed.errors.filter((error) => !error.exact && !insideOtherResource(parsed, error.span));
  if (hiding.some((error) => !error.cascade)) return true;
  if (hiding.length > 0) {
    const bodies = parsed.documents.flatMap((doc) => resourceBodiesExcept(doc.root, '')).sort((a, b) => a.start - b.start);
    if (hiding.some((error) => !besideItsCause(parsed, bodies, error))) return true;
  }
  for (const doc of parsed.documents) {
    for (const { body } of resourcesOf(doc.root, 'auth0_client_credentials')) if (clientLinkOfResource(body) === undefined) return true;
  }
  return false;
}

/** What one client file gives a directory's index, kept with its parse (see relinkDeployDirectory). */
interface DirectoryContribution {
  /** Its clients read with a name that is not a placeholder, in order; `place`: a string name's, unshifted. */
  readonly named: readonly { readonly name: string; readonly entry: ClientEntry; readonly place: ClientNamePlace | undefined }[];
  /** The places (unshifted) of its clients named by a placeholder. */
  readonly placeholderNames: readonly ClientNamePlace[];
  /** Every client of it was read with its name, and the reader could tell its clients apart. */
  readonly everyRead: boolean;
}

/** A client of a directory's index under its name, in file order. */
interface NameHolder {
  readonly linked: LinkedClient;
  readonly place: ClientNamePlace | undefined;
}

/**
 * Clients by name as a map shared by the indexes relinked from one index, and the names changed since (`changed`,
 * read first; an empty list: no client has the name now). Copying the shared map on every relink cost a directory
 * of thousands of clients its size per fixed client; it is copied once the changed names are many.
 */
interface NameTable {
  readonly shared: ReadonlyMap<string, readonly NameHolder[]>;
  readonly changed: ReadonlyMap<string, readonly NameHolder[]>;
}

/** Past this many changed names (or an eighth of the shared ones) a relinked index copies the shared map. */
const NAME_TABLE_CHANGES = 64;

function holdersOf(table: NameTable, name: string): readonly NameHolder[] {
  return table.changed.get(name) ?? table.shared.get(name) ?? [];
}

/** What relinkDeployDirectory needs of an index beyond what it shows. */
interface DirectoryIndexState {
  /** Positions in `files` of the client files (tenant.json is not among them: a change to it rebuilds the index). */
  readonly positions: ReadonlyMap<string, number>;
  readonly byName: NameTable;
  /** How many client files are not every-read (DirectoryContribution.everyRead). */
  readonly notRead: number;
  readonly allClientFilesRead: boolean;
}

const directoryStates = new WeakMap<DeployDirectoryLinks, DirectoryIndexState>();
const directoryContributions = new WeakMap<ParsedFile, { readonly path: string; readonly text: string; readonly contribution: DirectoryContribution }>();

function directoryContributionOf(file: LinkedFile): DirectoryContribution {
  const kept = directoryContributions.get(file.parsed);
  if (kept && kept.path === file.path && kept.text === file.text) return kept.contribution;
  const named: { name: string; entry: ClientEntry; place: ClientNamePlace | undefined }[] = [];
  const placeholderNames: ClientNamePlace[] = [];
  // A file whose clients the reader could not tell (broken before its first value) may hold the one named.
  let everyRead = !file.parsed.errors.some((error) => !error.exact);
  for (const entry of clientsOfFile(file.path, file.parsed)) {
    const broken = file.parsed.errors.length > 0 && holdsError(entry, file.parsed.errors);
    if (entry.name === undefined || broken) {
      everyRead = false;
      continue;
    }
    const place = namePlace(entry, file.text);
    if (hasPlaceholderName(entry)) {
      if (place) placeholderNames.push(place);
    } else named.push({ name: entry.name, entry, place });
  }
  const contribution = { named, placeholderNames, everyRead };
  directoryContributions.set(file.parsed, { path: file.path, text: file.text, contribution });
  return contribution;
}

function shiftedPlace(place: ClientNamePlace, base: number): ClientNamePlace {
  return { name: place.name, span: shift(place.span, base) };
}

function nameHolder(name: DirectoryContribution['named'][number], file: IndexedFile): NameHolder {
  return { linked: lazyClient(name.entry, file), place: name.place && shiftedPlace(name.place, file.base) };
}

/** The names of `holders` more than one client has a string name for, with those names' places. */
function sharedPlaces(holders: readonly NameHolder[] | undefined): ClientNamePlace[] | undefined {
  const places = (holders ?? []).flatMap((holder) => (holder.place ? [holder.place] : []));
  return places.length > 1 ? places : undefined;
}

function placeholderPlaces(clientFiles: readonly IndexedFile[]): ClientNamePlace[] {
  return clientFiles.flatMap((file) => directoryContributionOf(file).placeholderNames.map((place) => shiftedPlace(place, file.base)));
}

function clientsByNameOf(byName: NameTable): LinkedClientsByName {
  let names: string[] | undefined;
  return {
    get: (name) => holdersOf(byName, name)[0]?.linked,
    // Asked only for a note on a grant naming no client, made once per index: hundreds of such grants in a directory
    // of thousands of clients each asked for the list again.
    names: () => (names ??= [...new Set([...byName.shared.keys(), ...byName.changed.keys()])].filter((name) => holdersOf(byName, name).length > 0)),
  };
}

/**
 * Indexes a deploy-cli directory: `tenantFile` is its `tenant.json` (if any), `clientFiles` its `clients/*.json`.
 * Client names are matched exactly, as auth0-deploy-cli matches a grant's `client_id` to a client's `name`. What a
 * client file gives is kept with its parse: see relinkDeployDirectory.
 */
export function linkDeployDirectory(tenantFile: LinkedFile | undefined, clientFiles: readonly LinkedFile[], allClientFilesRead = false): DeployDirectoryLinks {
  const indexed = withBases(tenantFile ? [tenantFile, ...clientFiles] : clientFiles);
  const tenant = tenantFile ? indexed[0] : undefined;
  // A tenant.json that auth0-deploy-cli's JSON.parse refuses (a comment, a trailing comma, a byte order mark, as well
  // as a syntax error the reader guessed across) deploys no flags as written: they are unknown (rule book).
  const unparsed = tenant !== undefined && tenant.parsed.errors.some((error) => error.readByJsonParse !== true);
  const flags = tenant && !unparsed ? getValue(tenant.parsed.documents[0]?.root, 'flags') : undefined;
  // `flags`, or the whole file's value, filled in at deploy time.
  const placeholder = isPlaceholderFlags(flags) || (tenant !== undefined && !unparsed && isPlaceholderFlags(tenant.parsed.documents[0]?.root));
  const tenantFlagsUnknown: TenantFlagsUnknown | undefined = unparsed ? 'unparsed' : placeholder ? 'placeholder' : undefined;
  const clients = tenant ? indexed.slice(1) : indexed;
  const byName = new Map<string, NameHolder[]>();
  let notRead = 0;
  for (const file of clients) {
    const contribution = directoryContributionOf(file);
    if (!contribution.everyRead) notRead++;
    for (const name of contribution.named) append(byName, name.name, nameHolder(name, file));
  }
  const sharedNames = new Map<string, ClientNamePlace[]>();
  for (const [name, holders] of byName) {
    const places = holders.length > 1 ? sharedPlaces(holders) : undefined;
    if (places) sharedNames.set(name, places);
  }
  const placeholderNames = placeholderPlaces(clients);
  const everyClientRead = allClientFilesRead && notRead === 0;
  const links: DeployDirectoryLinks = {
    kind: 'deploy-directory',
    files: indexed,
    tenantFlags: tenant && flags?.kind === 'object' ? { node: copyInto(flags, tenant.base) as ObjectNode, file: tenant } : undefined,
    tenantFlagsUnknown,
    clientsByName: clientsByNameOf({ shared: byName, changed: new Map() }),
    sharedNames,
    placeholderNames,
    everyClientRead,
    everyClientKnown: everyClientRead && placeholderNames.length === 0,
  };
  const positions = new Map(clients.map((file, i) => [file.path, tenant ? i + 1 : i]));
  directoryStates.set(links, { positions, byName: { shared: byName, changed: new Map() }, notRead, allClientFilesRead });
  return links;
}

/**
 * The index `linkDeployDirectory` would build from `previous`'s files with `changed` (a client file of `previous`,
 * by path) in place of its old version, built from `previous` by taking out what the old version gave and putting
 * in what the new one gives: after an edit or a fix of one client of a directory of thousands, its grants' index
 * costs that file, not the directory. Undefined when `changed` is not a client file of `previous` (tenant.json or
 * a new file: build the index whole then). `previous` is left as it was.
 */
export function relinkDeployDirectory(previous: DeployDirectoryLinks, changed: LinkedFile): DeployDirectoryLinks | undefined {
  const state = directoryStates.get(previous);
  const position = state?.positions.get(changed.path);
  if (state === undefined || position === undefined) return undefined;
  const old = previous.files[position]!;
  const file: IndexedFile = { ...changed, base: old.base };
  const files = [...previous.files];
  files[position] = file;
  const before = directoryContributionOf(old);
  const after = directoryContributionOf(file);

  const changedNames = new Map(state.byName.changed);
  const touched = new Set([...before.named, ...after.named].map((name) => name.name));
  for (const name of touched) changedNames.set(name, holdersOf(state.byName, name).filter((holder) => holder.linked.file.path !== file.path));
  for (const name of after.named) insertInOrder(changedNames, name.name, nameHolder(name, file), (holder) => holder.linked.file.base > file.base);
  const byName = sharedWhenMany({ shared: state.byName.shared, changed: changedNames });

  const sharedNames = new Map(previous.sharedNames);
  for (const name of touched) {
    const places = sharedPlaces(holdersOf(byName, name));
    if (places) sharedNames.set(name, places);
    else sharedNames.delete(name);
  }
  const unchangedPlaceholders = before.placeholderNames.length === 0 && after.placeholderNames.length === 0;
  const placeholderNames = unchangedPlaceholders ? previous.placeholderNames : placeholderPlaces(files.filter((other) => state.positions.has(other.path)));
  const notRead = state.notRead - (before.everyRead ? 0 : 1) + (after.everyRead ? 0 : 1);
  const everyClientRead = state.allClientFilesRead && notRead === 0;
  const links: DeployDirectoryLinks = {
    ...previous,
    files,
    clientsByName: clientsByNameOf(byName),
    sharedNames,
    placeholderNames,
    everyClientRead,
    everyClientKnown: everyClientRead && placeholderNames.length === 0,
  };
  directoryStates.set(links, { ...state, byName, notRead });
  return links;
}

/** The table with its changed names copied into a new shared map, once they are many. */
function sharedWhenMany(table: NameTable): NameTable {
  if (table.changed.size <= Math.max(NAME_TABLE_CHANGES, table.shared.size / 8)) return table;
  const shared = new Map(table.shared);
  for (const [name, holders] of table.changed) {
    if (holders.length > 0) shared.set(name, holders);
    else shared.delete(name);
  }
  return { shared, changed: new Map() };
}

/** Where a directory client's `name` value is in its file; undefined when it has no string name. */
function namePlace(entry: ClientEntry, text: string): ClientNamePlace | undefined {
  const name = getValue(entry.node, 'name');
  if (name?.kind !== 'string') return undefined;
  // A placeholder outside quotes was masked to parse: the name as written is what a grant's name is matched against.
  return { name: writtenWithPlaceholders(name.value, text.slice(name.start, name.end)), span: { start: name.start, end: name.end } };
}

/**
 * Whether linting `path` with `next` gives what linting it with `previous` gives, for any text of `path`: both
 * index the same files, and every file but `path` with the same parse (what an index holds of `path` itself is
 * never read). A long-running process builds a module's index again when any of its files changes; a file edited
 * alone keeps findings of its clients the edit did not touch.
 */
export function sameLinksFor(previous: ProjectLinks | undefined, next: ProjectLinks | undefined, path: string): boolean {
  if (previous === next) return true;
  if (previous?.kind !== 'terraform-module' || next?.kind !== 'terraform-module') return false;
  if (previous.allFilesRead !== next.allFilesRead || previous.files.length !== next.files.length) return false;
  return previous.files.every((file, i) => {
    const other = next.files[i]!;
    return file.path === other.path && (file.path === path || (file.parsed === other.parsed && file.text === other.text && file.reported === other.reported));
  });
}

/** Whether an offset is a copied value of another file (see LinkedFile). */
export function isLinkedOffset(offset: number): boolean {
  return offset >= LINKED_RANGE;
}

/** The linked file a copied span lies in, and the span in that file's own offsets. */
export function linkedSpan(links: ProjectLinks | undefined, span: Span): { readonly file: IndexedFile; readonly span: Span } | undefined {
  if (!links || !isLinkedOffset(span.start)) return undefined;
  const index = Math.floor(span.start / LINKED_RANGE) - 1;
  const file = links.files[index];
  if (!file) return undefined;
  return { file, span: { start: span.start - file.base, end: span.end - file.base } };
}

const lineIndexes = new WeakMap<IndexedFile, LineIndex>();

/**
 * A client grant read from a linked file's own parse, with its nodes copied into that file's offset range, so
 * findings on it are told apart from the linted file's offsets and placed in that file (otherFileLocation).
 */
export function copyGrant(grant: ClientGrantEntry, file: IndexedFile): ClientGrantEntry {
  return { ...grant, node: copyInto(grant.node, file.base), clientId: grant.clientId && copyProps([grant.clientId], file.base)[0] };
}

/** A copied span's place in its own file, for related information in another file. */
export function otherFileLocation(links: ProjectLinks | undefined, span: Span): OtherFileLocation | undefined {
  const found = linkedSpan(links, span);
  if (!found) return undefined;
  let lines = lineIndexes.get(found.file);
  if (!lines) {
    lines = new LineIndex(found.file.text);
    lineIndexes.set(found.file, lines);
  }
  return { path: found.file.path, start: lines.positionAt(found.span.start), end: lines.positionAt(found.span.end) };
}

const clientsRead = new WeakMap<ParsedFile, { readonly path: string; readonly clients: readonly ClientEntry[] }>();

/**
 * The clients a parsed file holds, as discovery reads them, kept with the parsed file: an index rebuilt after one
 * file of a directory changed reads only that file's clients again.
 */
function clientsOfFile(path: string, parsed: ParsedFile): readonly ClientEntry[] {
  const kept = clientsRead.get(parsed);
  if (kept && kept.path === path) return kept.clients;
  const clients = findClients(path, parsed);
  clientsRead.set(parsed, { path, clients });
  return clients;
}

function withBases(files: readonly LinkedFile[]): IndexedFile[] {
  return files.map((file, i) => ({ ...file, base: (i + 1) * LINKED_RANGE }));
}

function copyEntry(entry: ClientEntry, base: number): ClientEntry {
  return {
    ...entry,
    node: copyInto(entry.node, base) as ObjectNode,
    anchor: shift(entry.anchor, base),
    credentials: entry.credentials && (copyInto(entry.credentials, base) as ObjectNode),
    tenantFlags: entry.tenantFlags && (copyInto(entry.tenantFlags, base) as ObjectNode),
  };
}

function shift(span: Span, base: number): Span {
  return { start: span.start + base, end: span.end + base };
}

/** A deep copy of a node with every offset moved into a linked file's range (paths and values kept). */
function copyInto<T extends ValueNode>(node: T, base: number): T {
  return copyNode(node, base) as T;
}

function copyNode(node: ValueNode, base: number): ValueNode {
  // Built field by field (no spreads): thousands of linked clients are copied per directory.
  const origin = node.origin === undefined ? undefined : copyNode(node.origin, base);
  let copy: ValueNode;
  switch (node.kind) {
    case 'object': {
      const props = copyProps(node.props, base);
      copy = node.merged === undefined
        ? { path: node.path, start: node.start + base, end: node.end + base, kind: 'object', flow: node.flow, props }
        : { path: node.path, start: node.start + base, end: node.end + base, kind: 'object', flow: node.flow, props, merged: copyProps(node.merged, base), ...(node.mergeEntry ? { mergeEntry: shift(node.mergeEntry, base) } : {}) };
      break;
    }
    case 'array': {
      const items: ValueNode[] = new Array<ValueNode>(node.items.length);
      for (let i = 0; i < items.length; i++) items[i] = copyNode(node.items[i]!, base);
      copy = { path: node.path, start: node.start + base, end: node.end + base, kind: 'array', flow: node.flow, items };
      break;
    }
    case 'string':
      copy = { path: node.path, start: node.start + base, end: node.end + base, kind: 'string', value: node.value, quote: node.quote, placeholder: node.placeholder };
      break;
    default:
      copy = { path: node.path, start: node.start + base, end: node.end + base, kind: node.kind, value: node.value };
  }
  return origin === undefined ? copy : { ...copy, origin };
}

function copyProps(props: readonly Prop[], base: number): Prop[] {
  const out: Prop[] = new Array<Prop>(props.length);
  for (let i = 0; i < props.length; i++) {
    const prop = props[i]!;
    out[i] = { key: prop.key, keySpan: { start: prop.keySpan.start + base, end: prop.keySpan.end + base }, value: copyNode(prop.value, base) };
  }
  return out;
}
