/** Finds the Auth0 client objects in a parsed file ("Where clients are found" in the rule book). */
import type { ArrayNode, ObjectNode, ParsedFile, ParseError, Span, ValueNode } from './model';
import { getProp, getValue } from './model';
import { clientsWithSeveralCredentials, credentialsByClient, resourcesOf, terraformTenantFlags } from './terraform';

/**
 * Where a client was found. 'deploy-cli-yaml': the `clients` list of an auth0-deploy-cli tenant, written in YAML or
 * in JSON (JSONC), which reads the same; 'deploy-cli-directory': a `clients/*.json` file.
 */
export type ClientSource = 'deploy-cli-yaml' | 'deploy-cli-directory' | 'management-api' | 'terraform';

export interface ClientEntry {
  readonly node: ObjectNode;
  readonly source: ClientSource;
  /** Where a finding about a missing key points: the name value, else the first key (Terraform: resource key). */
  readonly anchor: Span;
  readonly name: string | undefined;
  /**
   * Terraform: the auth0_client_credentials resource linked to this client, from its own file or (with module
   * links, engine/links.ts) another file of the module.
   */
  readonly credentials: ObjectNode | undefined;
  /** Terraform: the resource name (`auth0_client.<name>`), which references use. */
  readonly resourceName?: string;
  /**
   * Terraform: the whole module was read and no credentials resource links to this client, so its auth method is
   * what the provider sets on create (`none` for spa/native, `client_secret_post` otherwise).
   */
  readonly createTimeMethod?: boolean;
  /**
   * Terraform, with module links: why no credentials resource links to this client and yet its method is not the
   * create-time one (the method is unknown). Undefined when it has credentials, the create-time method, or no links.
   */
  readonly createTimeUnknown?: CreateTimeUnknown;
  /** The same document's `tenant.flags` (deploy-cli YAML), or the directory's `tenant.json` flags (with links). */
  readonly tenantFlags: ObjectNode | undefined;
  /**
   * The tenant's flags are unknown, so whether the tenant allows a legacy grant cannot be told: 'unparsed', the
   * directory's `tenant.json` does not parse (flags read across a syntax error would be guesses); 'placeholder',
   * `flags` is an auth0-deploy-cli keyword (`flags: '@@TENANT_FLAGS@@'`) filled in at deploy time.
   */
  readonly tenantFlagsUnknown?: TenantFlagsUnknown;
  readonly documentIndex: number;
}

/**
 * Why a Terraform client without a linked credentials resource has no create-time method (engine/links.ts):
 * 'module-not-whole', a file of its module could not be read, holds a syntax error, or holds a credentials
 * resource whose client cannot be read or is an `auth0_client` the module does not declare (a typo: it may be
 * meant for this client); 'one-instance', a credentials resource configures one of its instances
 * only; 'passed-on', a `module`, `locals` or `output` block refers to it (its credentials may be set elsewhere);
 * 'several-credentials', two or more credentials resources link to it (which one's method applies is unknown).
 */
export type CreateTimeUnknown = 'module-not-whole' | 'one-instance' | 'passed-on' | 'several-credentials';

/**
 * Why a Terraform client's auth method is unknown, in words (the hover's client summary, the CLI's notes): by
 * ClientEntry.createTimeUnknown, and 'not-linked' for a client read without its module.
 */
export const CREATE_TIME_UNKNOWN_REASONS: Readonly<Record<CreateTimeUnknown | 'not-linked', string>> = {
  'module-not-whole':
    "its module cannot be read whole (a file that does not parse, or an auth0_client_credentials resource whose client_id cannot be read or names an auth0_client the module does not declare), so its auth0_client_credentials resource may be there",
  'one-instance': "an auth0_client_credentials resource configures one of its instances only; the others get the provider's create-time method",
  'passed-on': 'its ID is passed to a module, a local value or an output, where its auth0_client_credentials resource may be',
  'several-credentials': 'more than one auth0_client_credentials resource configures it, so which auth method applies is unknown',
  'not-linked': 'its module was not read here, so whether an auth0_client_credentials resource sets its auth method cannot be told',
};

/** Why a tenant's flags are unknown (ClientEntry.tenantFlagsUnknown). */
export type TenantFlagsUnknown = 'unparsed' | 'placeholder';

/** `flags` written as a placeholder (rule book, "placeholder"): the whole object is filled in at deploy time. */
export function isPlaceholderFlags(flags: ValueNode | undefined): boolean {
  return flags?.kind === 'string' && flags.placeholder;
}

const MANAGEMENT_KEYS: ReadonlySet<string> = new Set(['grant_types', 'token_endpoint_auth_method', 'app_type']);

function basename(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

function parentFolderName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts.length >= 2 ? (parts[parts.length - 2] ?? '') : '';
}

export function isTerraformJson(path: string): boolean {
  return path.toLowerCase().endsWith('.tf.json');
}

/** A Terraform file: HCL (`*.tf`) or JSON (`*.tf.json`). */
export function isTerraformFile(path: string): boolean {
  const lower = path.toLowerCase();
  return lower.endsWith('.tf') || lower.endsWith('.tf.json');
}

function isDirectoryClientFile(path: string): boolean {
  return parentFolderName(path) === 'clients' && path.toLowerCase().endsWith('.json');
}

/**
 * Keys only an Auth0 client has (rule book, "Where clients are found"): a YAML or JSON file other than tenant.yaml
 * with a top-level `clients` list is a tenant only if one of its clients has one, so Dex, Keycloak and Helm values
 * files (clients with `id`, `secret`, `redirectURIs`) stay silent.
 */
const CLIENT_KEYS: readonly string[] = ['grant_types', 'app_type', 'token_endpoint_auth_method', 'is_first_party', 'oidc_conformant', 'jwt_configuration', 'callbacks', 'allowed_logout_urls', 'web_origins', 'client_metadata'];

function hasClientKey(node: ValueNode): boolean {
  return node.kind === 'object' && CLIENT_KEYS.some((key) => getProp(node, key) !== undefined);
}

function isTenantFileName(path: string): boolean {
  const name = basename(path).toLowerCase();
  return name === 'tenant.yaml' || name === 'tenant.yml';
}

/** Whether the path alone says the file is a client config (used to report parse errors of unreadable files). */
/**
 * Whether a path names an auth0-deploy-cli directory's tenant file (`tenant.json`), whose `flags` the clients
 * beside it read (rule book, "Where clients are found"). It holds no clients; one that does not parse is still
 * reported, since the flags it should give cannot be read.
 */
export function isTenantJsonPath(path: string): boolean {
  return basename(path) === 'tenant.json';
}

export function isClientConfigPath(path: string): boolean {
  const name = basename(path).toLowerCase();
  return isDirectoryClientFile(path) || name === 'tenant.yaml' || name === 'tenant.yml';
}

export function findClients(path: string, parsed: ParsedFile): ClientEntry[] {
  const clients: ClientEntry[] = [];
  parsed.documents.forEach((doc, documentIndex) => {
    const root = doc.root;
    if (!root) return;
    // HCL is only ever Terraform; its model has the shape of Terraform JSON (parse/hcl.ts).
    if (parsed.format === 'hcl' || (parsed.format === 'json' && isTerraformJson(path))) {
      clients.push(...terraformClients(root, documentIndex, parsed.errors));
      return;
    }
    if (parsed.format === 'json' && isDirectoryClientFile(path)) {
      if (root.kind === 'object' && !isGlobalClient(root)) clients.push(clientEntry(root, 'deploy-cli-directory', documentIndex));
      // An export of `GET /api/v2/clients` saved in the clients folder: each object is a client.
      if (root.kind === 'array') for (const item of root.items) if (item.kind === 'object' && !isGlobalClient(item)) clients.push(clientEntry(item, 'deploy-cli-directory', documentIndex));
      return;
    }
    // A deploy-cli tenant in JSON (JSONC) reads as the same YAML would (YAML is a superset of JSON), except a page
    // of a `GET /api/v2/clients` export, whose page keys say it is one.
    if (root.kind === 'object' && (parsed.format === 'yaml' || (parsed.format === 'json' && !exportedClients(root)))) {
      const list = getValue(root, 'clients');
      if (list?.kind === 'array' && (isTenantFileName(path) || list.items.some(hasClientKey))) {
        const tenant = getValue(root, 'tenant');
        const flags = getValue(tenant, 'flags');
        const tenantFlags = flags?.kind === 'object' ? flags : undefined;
        // `flags`, or the whole `tenant`, filled in at deploy time.
        const unknown = isPlaceholderFlags(flags) || isPlaceholderFlags(tenant);
        for (const item of list.items) {
          if (item.kind !== 'object' || isGlobalClient(item)) continue;
          const entry = clientEntry(item, 'deploy-cli-yaml', documentIndex, tenantFlags);
          clients.push(unknown ? { ...entry, tenantFlagsUnknown: 'placeholder' } : entry);
        }
        return;
      }
    }
    clients.push(...managementClients(root, documentIndex));
  });
  return clients;
}

/** Whether a client's `name` is a deploy-cli placeholder (filled in at deploy time: any client's name). */
export function hasPlaceholderName(entry: ClientEntry): boolean {
  let answer = placeholderNamed.get(entry);
  if (answer === undefined) {
    const name = getValue(entry.node, 'name');
    answer = name?.kind === 'string' && name.placeholder;
    placeholderNamed.set(entry, answer);
  }
  return answer;
}

/**
 * hasPlaceholderName by entry: a tenant's grants ask it of every client several times a lint, and an edit of an open
 * document keeps the entries of the clients it did not re-read (an entry's content never changes).
 */
const placeholderNamed = new WeakMap<ClientEntry, boolean>();

/** The entry for a client object (not Terraform, whose anchor and auth method come from its resource). */
export function clientEntry(node: ObjectNode, source: ClientSource, documentIndex: number, tenantFlags?: ObjectNode): ClientEntry {
  const name = getValue(node, 'name');
  const first = node.props[0]?.keySpan;
  const anchor = name ? { start: name.start, end: name.end } : first ? { start: first.start, end: first.end } : { start: node.start, end: node.start + 1 };
  return {
    node,
    source,
    anchor,
    name: name?.kind === 'string' ? name.value : undefined,
    credentials: undefined,
    tenantFlags,
    documentIndex,
  };
}

function hasManagementKey(node: ValueNode): node is ObjectNode {
  if (node.kind !== 'object') return false;
  // One pass over the properties (a payload list may hold thousands of clients).
  const props = node.props;
  for (let i = 0; i < props.length; i++) if (MANAGEMENT_KEYS.has(props[i]!.key)) return true;
  return false;
}

function managementClients(root: ValueNode, documentIndex: number): ClientEntry[] {
  if (hasManagementKey(root)) return isGlobalClient(root) ? [] : [clientEntry(root, 'management-api', documentIndex)];
  const clients: ClientEntry[] = [];
  const list = exportedClients(root);
  if (list) {
    const items = list.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (hasManagementKey(item) && !isGlobalClient(item)) clients.push(clientEntry(item, 'management-api', documentIndex));
    }
  }
  return clients;
}

/** The keys of a page of `GET /api/v2/clients` besides `clients` (`include_totals=true`; checkpoint: `next`). */
const PAGE_KEYS: ReadonlySet<string> = new Set(['start', 'limit', 'length', 'total', 'next']);

/**
 * The list of an export of `GET /api/v2/clients`: the document itself when it is an array, or the `clients` of a
 * page of it (`{"start": 0, "limit": 50, "length": 2, "total": 2, "clients": [...]}`, or `{"clients": [...],
 * "next": "..."}` with checkpoint pagination): an object whose keys are `clients` and at least one page key.
 */
function exportedClients(root: ValueNode): ArrayNode | undefined {
  if (root.kind === 'array') return root;
  if (root.kind !== 'object') return undefined;
  const list = getValue(root, 'clients');
  if (list?.kind !== 'array') return undefined;
  return root.props.some((prop) => PAGE_KEYS.has(prop.key)) && root.props.every((prop) => prop.key === 'clients' || PAGE_KEYS.has(prop.key)) ? list : undefined;
}

/**
 * The tenant's global client (`"global": true` in an export of `GET /api/v2/clients`): it holds tenant-wide
 * settings (the custom login page), it is no application, and auth0-deploy-cli never manages it (it lists clients
 * with `is_global: false`: src/tools/auth0/handlers/clients.ts). It is not a client to judge (globalClientNotes).
 */
function isGlobalClient(node: ObjectNode): boolean {
  const global = getValue(node, 'global');
  return global?.kind === 'boolean' && global.value === true;
}

/**
 * One note per global client (isGlobalClient) in a Management API export, `clients/*.json` file or YAML `clients:`
 * list, at its `global` key: it is read but not judged, which must not pass unseen. None for Terraform, whose global client is another
 * resource type (`auth0_global_client`).
 */
export function globalClientNotes(path: string, parsed: ParsedFile): { readonly span: Span; readonly message: string }[] {
  if (parsed.format === 'hcl' || isTerraformJson(path)) return [];
  const notes: { span: Span; message: string }[] = [];
  // An object alone is a client when it has a client key (or is a clients/*.json file); in a list, any item is.
  const note = (node: ValueNode, inList: boolean): void => {
    if (node.kind !== 'object' || !isGlobalClient(node) || (!inList && !hasManagementKey(node) && !isDirectoryClientFile(path))) return;
    const key = node.props.find((prop) => prop.key === 'global')!.keySpan;
    notes.push({ span: { start: key.start, end: key.end }, message: "the tenant's global client (global: true) holds tenant-wide settings and is no application: not checked" });
  };
  for (const doc of parsed.documents) {
    if (!doc.root) continue;
    note(doc.root, false);
    // A tenant's `clients` list, YAML or JSON (findClients); in a page of an export, the page's list (`exported`).
    const tenantList = getValue(doc.root, 'clients');
    const exported = exportedClients(doc.root);
    const list = exported ?? (tenantList?.kind === 'array' ? tenantList : undefined);
    // Only a list of clients: an array of other objects that happen to say `global: true` is no export (a page of
    // the export, with its page keys, is one whatever it holds).
    const isPage = exported !== undefined && exported !== doc.root;
    if (list && (isPage || list.items.some(hasClientKey))) list.items.forEach((item) => note(item, true));
  }
  return notes;
}

function terraformClients(root: ValueNode, documentIndex: number, errors: readonly ParseError[]): ClientEntry[] {
  const credentials = credentialsByClient(root, errors);
  const several = clientsWithSeveralCredentials(root, errors);
  // The module's tenant settings, when this file holds them (another file's come with the module's links).
  const tenant = terraformTenantFlags(root, errors);
  return resourcesOf(root, 'auth0_client').map(({ name: resourceName, keySpan, body }) => {
    const name = getValue(body, 'name');
    // A computed name (`"${var.prefix}-app"`) is no name to show: the resource's own name is.
    const known = name?.kind === 'string' && !name.value.includes('${') ? name.value : undefined;
    return {
      node: body,
      source: 'terraform' as const,
      anchor: { start: keySpan.start, end: keySpan.end },
      name: known ?? resourceName,
      resourceName,
      // Two credentials resources for one client: which method applies is unknown (never the first one's).
      credentials: several.has(resourceName) ? undefined : credentials.get(resourceName),
      ...(several.has(resourceName) ? { createTimeUnknown: 'several-credentials' as const } : {}),
      tenantFlags: tenant?.flags,
      ...(tenant?.unknown ? { tenantFlagsUnknown: 'placeholder' as const } : {}),
      documentIndex,
    };
  });
}
