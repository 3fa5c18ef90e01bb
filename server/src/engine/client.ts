/**
 * The facts rules reason about, read once per client, from resolved values (YAML aliases and merge keys
 * resolved, see parse/yaml-resolve.ts). Every field is three-valued: absent, unknown (a placeholder, an alias
 * past the resolution bound) or known; rules never fire on unknown, and unknown is never "set". A value of the
 * wrong type (`is_first_party: "false"`) is unknown to the facts that need its type, not coerced; but in Terraform
 * a bool-typed attribute takes the strings Terraform converts to a bool (booleanOf).
 */
import type { ClientEntry } from './discover';
import type { ArrayNode, ObjectNode, Prop, StringNode, ValueNode } from './model';
import { getProp, resolvedProps } from './model';
import { GRANT } from './catalogue';

export type Field =
  | { readonly state: 'absent' }
  | { readonly state: 'unknown' }
  | { readonly state: 'known'; readonly prop: Prop; readonly node: ValueNode };

/** Shared: a client reads a dozen fields, most of them absent, and a large tenant has thousands of clients. */
const ABSENT: Field = Object.freeze({ state: 'absent' });
const UNKNOWN: Field = Object.freeze({ state: 'unknown' });

export interface GrantList {
  readonly prop: Prop;
  readonly array: ArrayNode;
  /** Items whose value is known. */
  readonly items: readonly StringNode[];
  /** Some items are placeholders or aliases, which may stand for any grants. */
  readonly hasUnknownItems: boolean;
}

/** Where the auth method lives: on the client, or (Terraform) on its auth0_client_credentials resource. */
export interface AuthMethodTarget {
  readonly object: ObjectNode;
  readonly key: string;
}

/**
 * The fields of a client's object the facts are read from (own or merged by a YAML merge key). Nothing else of
 * the object reaches a rule: see factsKey.
 */
export const FACT_FIELDS: ReadonlySet<string> = new Set([
  'grant_types',
  'token_endpoint_auth_method',
  'client_authentication_methods',
  'app_type',
  'is_first_party',
  'oidc_conformant',
  'external_client_id',
  'third_party_security_mode',
  'refresh_token',
  'jwt_configuration',
  'token_vault_privileged_access',
  'async_approval_notification_channels',
  'token_quota',
]);

/**
 * Everything the rules can learn about a client, as one string: the fact fields in order with their values,
 * where the client comes from, its Terraform credentials, its tenant's flags and the rule context. Rules read a
 * client only through ClientFacts (built from exactly these), so two clients with the same key get the same
 * findings but for their positions. Names, URLs and every other field are left out.
 */
export function factsKey(entry: ClientEntry, legacyTenant: boolean): string {
  // Parts joined once: a string grown piece by piece is a rope that the memo's Set flattens again on every lookup.
  const parts: (string | number)[] = [entry.source, legacyTenant ? '+' : '-'];
  // Resolved: merged props count as the client's own (an override and a merged value differ by position only).
  const props = resolvedProps(entry.node);
  for (let i = 0; i < props.length; i++) {
    const prop = props[i]!;
    if (FACT_FIELDS.has(prop.key)) {
      addText(parts, prop.key);
      addValue(parts, prop.value);
    }
  }
  if (entry.credentials) {
    parts.push('c');
    addValue(parts, entry.credentials);
  }
  if (entry.createTimeMethod) parts.push('d');
  if (entry.tenantFlags) {
    parts.push('f');
    addValue(parts, entry.tenantFlags);
  }
  if (entry.tenantFlagsUnknown) parts.push('u', entry.tenantFlagsUnknown);
  return parts.join('');
}

/** Length-prefixed, so no text can read as the end of one value and the start of the next. */
function addText(parts: (string | number)[], text: string): void {
  parts.push(text.length, ':', text);
}

function addValue(parts: (string | number)[], node: ValueNode): void {
  switch (node.kind) {
    case 'string':
      parts.push(node.placeholder ? '?' : 's');
      addText(parts, node.value);
      return;
    case 'array':
      parts.push('[', node.items.length);
      for (let i = 0; i < node.items.length; i++) addValue(parts, node.items[i]!);
      return;
    case 'object':
      parts.push('{', node.props.length);
      for (let i = 0; i < node.props.length; i++) {
        addText(parts, node.props[i]!.key);
        addValue(parts, node.props[i]!.value);
      }
      return;
    case 'number':
      parts.push('n');
      addText(parts, String(node.value));
      return;
    case 'boolean':
      parts.push(node.value ? 'T' : 'F');
      return;
    case 'null':
      parts.push('N');
      return;
  }
}

export class ClientFacts {
  readonly node: ObjectNode;
  readonly grantTypes: Field;
  /** The list when grant_types is a known list, else undefined. */
  readonly grants: GrantList | undefined;
  readonly authMethod: Field;
  readonly authMethodTarget: AuthMethodTarget | undefined;
  readonly appType: Field;
  readonly isFirstPartyField: Field;
  readonly oidcConformant: Field;
  readonly externalClientId: Field;
  readonly thirdPartyMode: Field;
  readonly clientAuthMethods: Field;
  readonly rotationType: Field;
  private readonly grantValues: Set<string>;
  private itemsByValue: Map<string, StringNode[]> | undefined;

  constructor(readonly entry: ClientEntry) {
    const node = entry.node;
    this.node = node;
    // Terraform: a string with an interpolation (`${var.x}`) is not a literal, so its value is unknown (rule book).
    const terraform = entry.source === 'terraform';
    const field = (object: ObjectNode | undefined, key: string): Field => readField(object, key, terraform);

    this.grantTypes = field(node, 'grant_types');
    const gt = this.grantTypes;
    if (gt.state === 'known' && gt.node.kind === 'array') {
      const items = gt.node.items.filter((i): i is StringNode => i.kind === 'string' && !isUnknownString(i, terraform));
      const hasUnknownItems = gt.node.items.some((i) => i.kind === 'string' && isUnknownString(i, terraform));
      this.grants = { prop: gt.prop, array: gt.node, items, hasUnknownItems };
    }
    this.grantValues = new Set(this.grants?.items.map((i) => i.value) ?? []);

    if (entry.source === 'terraform' && getProp(node, PRE_V1_METHOD_KEY)) {
      const method = preV1Method(entry, field(node, PRE_V1_METHOD_KEY));
      this.authMethod = method;
      this.authMethodTarget = method.state === 'known' ? { object: node, key: PRE_V1_METHOD_KEY } : undefined;
      this.clientAuthMethods = ABSENT;
    } else if (entry.source === 'terraform') {
      // Provider v1 moved the method to auth0_client_credentials; without that resource it is unknown.
      const credentials = entry.credentials;
      this.authMethod = credentials ? field(credentials, 'authentication_method') : entry.createTimeMethod ? createTimeMethod(entry, terraform) : UNKNOWN;
      if (this.authMethod.state === 'absent') this.authMethod = UNKNOWN;
      this.authMethodTarget = credentials ? { object: credentials, key: 'authentication_method' } : undefined;
      this.clientAuthMethods = ABSENT;
    } else {
      this.authMethod = field(node, 'token_endpoint_auth_method');
      this.authMethodTarget = { object: node, key: 'token_endpoint_auth_method' };
      this.clientAuthMethods = nonNull(field(node, 'client_authentication_methods'));
    }
    this.appType = field(node, 'app_type');
    this.isFirstPartyField = field(node, 'is_first_party');
    this.oidcConformant = field(node, 'oidc_conformant');
    // `external_client_id: ""` (or null) is no metadata document: absent.
    this.externalClientId = nonEmpty(nonNull(field(node, 'external_client_id')));
    this.thirdPartyMode = field(node, 'third_party_security_mode');
    const refresh = field(node, 'refresh_token');
    const refreshObject = refresh.state === 'known' ? firstObject(refresh.node) : undefined;
    this.rotationType = refreshObject ? field(refreshObject, 'rotation_type') : refresh.state === 'unknown' ? refresh : ABSENT;
  }

  /**
   * Whether a fact the rules read is not known here: the grant list or one of its items, the auth method (a
   * placeholder, a computed value, credentials that cannot be linked), the party, the app type, a setting, or the
   * tenant's flags. A rule may then stay silent where it would fire once the value is known, so nobody can tell
   * here that a suppression comment in this client is unused.
   */
  get hasUnknownFacts(): boolean {
    const unknown = (field: Field) => field.state === 'unknown';
    return (
      unknown(this.grantTypes) ||
      this.grants?.hasUnknownItems === true ||
      this.isPublic === undefined ||
      this.isFirstParty === undefined ||
      this.appTypeUnknown ||
      unknown(this.oidcConformant) ||
      unknown(this.thirdPartyMode) ||
      unknown(this.clientAuthMethods) ||
      unknown(this.rotationType) ||
      this.entry.tenantFlagsUnknown !== undefined
    );
  }

  /** Whether a known grant item has this value. */
  has(grant: string): boolean {
    return this.grantValues.has(grant);
  }

  /** The list is known and surely lacks this grant (no placeholder item could supply it). */
  lacks(grant: string): boolean {
    return this.grants !== undefined && !this.grants.hasUnknownItems && !this.grantValues.has(grant);
  }

  /**
   * The known items with this value, in list order. Indexed once per client and shared between calls, so a rule
   * that asks for every item's copies costs the list once, not once per item (30,000 repeats would be quadratic).
   */
  itemsOf(grant: string): readonly StringNode[] {
    this.itemsByValue ??= indexByValue(this.grants?.items ?? []);
    return this.itemsByValue.get(grant) ?? NO_ITEMS;
  }

  get name(): string | undefined {
    return this.entry.name;
  }

  /** The auth method as a string, null for `null`, undefined when absent or unknown. */
  get authMethodValue(): string | null | undefined {
    return knownString(this.authMethod, true);
  }

  /** third_party_security_mode: 'strict', 'permissive', or undefined when absent or unknown. */
  get thirdPartyModeValue(): string | undefined {
    return knownString(this.thirdPartyMode, false) ?? undefined;
  }

  get appTypeValue(): string | undefined {
    return knownString(this.appType, false) ?? undefined;
  }

  /** app_type is set but its value is not known to be a string (a placeholder, or a number): it could be anything. */
  get appTypeUnknown(): boolean {
    const field = this.appType;
    return field.state === 'unknown' || (field.state === 'known' && field.node.kind !== 'string' && field.node.kind !== 'null');
  }

  /** true: public (M is "none"); false: confidential; undefined: unknown. */
  get isPublic(): boolean | undefined {
    const m = this.authMethod;
    if (m.state === 'unknown') return undefined;
    if (m.state === 'absent') return false;
    if (m.node.kind === 'string') return m.node.value === 'none';
    return m.node.kind === 'null' ? false : undefined;
  }

  /** is_first_party is explicitly false. */
  get isExplicitlyThirdParty(): boolean {
    return this.knownBoolean(this.isFirstPartyField) === false;
  }

  /** true: first-party; false: third-party (is_first_party false, or external_client_id set); undefined: unknown. */
  get isFirstParty(): boolean | undefined {
    if (this.externalClientId.state === 'known') return false;
    if (this.externalClientId.state === 'unknown') return undefined;
    const value = this.isFirstPartyField;
    if (value.state === 'absent') return true;
    return this.knownBoolean(value);
  }

  /** oidc_conformant is explicitly false. */
  get oidcFalse(): boolean {
    return this.knownBoolean(this.oidcConformant) === false;
  }

  /**
   * A bool-typed setting's value as the client's reader takes it (booleanOf): a boolean; in Terraform also a string
   * it converts. Undefined for any other value.
   */
  booleanValue(node: ValueNode): boolean | undefined {
    return booleanOf(node, this.entry.source === 'terraform');
  }

  private knownBoolean(field: Field): boolean | undefined {
    return field.state === 'known' ? this.booleanValue(field.node) : undefined;
  }

  /** external_client_id is known to be set (unknown is never "set"). */
  get hasExternalClientId(): boolean {
    return this.externalClientId.state === 'known';
  }

  get rotating(): boolean {
    return knownString(this.rotationType, false) === 'rotating';
  }

  /** Any known grant that needs a public client (device code). */
  get needsPublic(): boolean {
    return this.has(GRANT.deviceCode);
  }

  /** Any known grant that needs a confidential client. */
  get needsConfidential(): boolean {
    return this.has(GRANT.ciba) || this.has(GRANT.tokenVault);
  }

  // ---- 2026 client settings (facts §7). Each returns the setting's property only when its value is known. ----

  /**
   * A CIMD client: external_client_id is a known string (an unknown one is never "set"; the empty string and
   * interpolations were already read as absent and unknown).
   */
  get isCimdClient(): boolean {
    const field = this.externalClientId;
    return field.state === 'known' && field.node.kind === 'string';
  }

  /** Surely third-party: is_first_party is false, or external_client_id is set (an unknown value proves neither). */
  get isKnownThirdParty(): boolean {
    return this.isExplicitlyThirdParty || this.isCimdClient;
  }

  /**
   * refresh_token.policies (Multi-Resource Refresh Token) when at least one policy is configured: a known list with
   * at least one item; in Terraform also one `policies {}` block (HCL) or a block written as an object (JSON),
   * which is one policy. Repeated `policies {}` blocks read as a list already. Elsewhere an object is not a list of
   * policies, and configures nothing the rule can judge.
   */
  get refreshTokenPolicies(): Prop | undefined {
    const prop = getProp(this.settingObject('refresh_token'), 'policies');
    if (!prop) return undefined;
    const value = prop.value;
    if (value.kind === 'array') return value.items.length > 0 ? prop : undefined;
    return value.kind === 'object' && this.entry.source === 'terraform' ? prop : undefined;
  }

  /** A key of the refresh_token settings whose value is known (not a placeholder or interpolation). */
  refreshTokenSetting(key: string): Prop | undefined {
    return this.knownProp(this.settingObject('refresh_token'), key);
  }

  /** jwt_configuration.alg when its value is known. */
  get jwtAlg(): Prop | undefined {
    return this.knownProp(this.settingObject('jwt_configuration'), 'alg');
  }

  /**
   * token_vault_privileged_access when configured (an object, or in Terraform blocks: a list of objects, the
   * requirements holding whatever each says); on the client, or in Terraform on its auth0_client_credentials resource
   * (provider v1.55.0).
   */
  get tokenVaultPrivilegedAccess(): Prop | undefined {
    const holder = this.entry.source === 'terraform' ? this.entry.credentials : this.node;
    const prop = holder && getProp(holder, 'token_vault_privileged_access');
    const value = prop?.value;
    if (!value) return undefined;
    const blocks = this.entry.source === 'terraform' && value.kind === 'array' && value.items.length > 0 && value.items.every((item) => item.kind === 'object');
    return value.kind === 'object' || blocks ? prop : undefined;
  }

  /** async_approval_notification_channels when it is a known list with at least one channel. */
  get asyncApprovalChannels(): Prop | undefined {
    const field = this.setting('async_approval_notification_channels');
    return field.state === 'known' && field.node.kind === 'array' && field.node.items.length > 0 ? field.prop : undefined;
  }

  /** token_quota.client_credentials when configured, with the token_quota object that holds it. */
  get tokenQuotaClientCredentials(): { readonly quota: ObjectNode; readonly quotaProp: Prop; readonly prop: Prop } | undefined {
    const field = this.setting('token_quota');
    const quota = field.state === 'known' ? this.blockObject(field.node) : undefined;
    const prop = quota && getProp(quota, 'client_credentials');
    return field.state === 'known' && prop && this.blockObject(prop.value) ? { quota, quotaProp: field.prop, prop } : undefined;
  }

  /** A field of the client as the rules read it (resolved: own or merged): absent, unknown (a placeholder) or known. */
  private setting(key: string): Field {
    return readField(this.node, key, this.entry.source === 'terraform');
  }

  /** The object a settings field holds, or undefined when it is absent, unknown or of the wrong type. */
  private settingObject(key: string): ObjectNode | undefined {
    const field = this.setting(key);
    return field.state === 'known' ? this.blockObject(field.node) : undefined;
  }

  /** An object; in Terraform JSON a nested block may also be written as a list holding exactly one object. */
  private blockObject(node: ValueNode): ObjectNode | undefined {
    if (node.kind === 'object') return node;
    if (this.entry.source === 'terraform' && node.kind === 'array' && node.items.length === 1 && node.items[0]!.kind === 'object') return node.items[0];
    return undefined;
  }

  private knownProp(object: ObjectNode | undefined, key: string): Prop | undefined {
    const prop = getProp(object, key);
    if (!prop || prop.value.kind === 'null') return undefined;
    const value = prop.value;
    return value.kind === 'string' && isUnknownString(value, this.entry.source === 'terraform') ? undefined : prop;
  }
}

const NO_ITEMS: readonly StringNode[] = Object.freeze([]);

function indexByValue(items: readonly StringNode[]): Map<string, StringNode[]> {
  const index = new Map<string, StringNode[]>();
  for (const item of items) {
    const copies = index.get(item.value);
    if (copies) copies.push(item);
    else index.set(item.value, [item]);
  }
  return index;
}

/** The auth method's attribute on `auth0_client` in auth0 provider versions before 1.0 (see preV1Method). */
const PRE_V1_METHOD_KEY = 'token_endpoint_auth_method';

/**
 * A Terraform client that writes `token_endpoint_auth_method` (facts §7: auth0 provider versions before 1.0 read
 * the method there; v1 and later keep it in `auth0_client_credentials.authentication_method` and reject it on the
 * client at plan time). Written, it is the method, whatever the provider's create-time default would be: a
 * literal string is known; a computed value (`var.*`, interpolation) or `null` (an attribute left unset, whose
 * effect the facts do not give) is unknown. Beside a credentials resource it is unknown too: no provider version
 * applies both (v1 rejects the attribute, 0.x has no credentials resource), so which method the user means is a
 * guess.
 */
function preV1Method(entry: ClientEntry, written: Field): Field {
  if (entry.credentials || written.state !== 'known' || written.node.kind !== 'string') return UNKNOWN;
  return written;
}

const CREATE_TIME_METHODS = new WeakSet<ValueNode>();

/** Whether a method value is the provider's create-time default (see createTimeMethod), which has no text. */
export function isCreateTimeMethod(node: ValueNode): boolean {
  return CREATE_TIME_METHODS.has(node);
}

/**
 * Facts §7 (terraform-provider-auth0 `internal/auth0/client/expand.go` L92–99): with no auth0_client_credentials
 * resource, the provider sets the method on create from app_type: `none` for spa/native, `client_secret_post`
 * otherwise. An unknown app_type gives an unknown method. The value has no text of its own: it stands at the
 * resource's key, and no fix can edit it.
 */
function createTimeMethod(entry: ClientEntry, terraform: boolean): Field {
  const appType = readField(entry.node, 'app_type', terraform);
  if (appType.state === 'unknown' || (appType.state === 'known' && appType.node.kind !== 'string')) return UNKNOWN;
  const value = appType.state === 'known' && appType.node.kind === 'string' && (appType.node.value === 'spa' || appType.node.value === 'native') ? 'none' : 'client_secret_post';
  const span = entry.anchor;
  const node: StringNode = { kind: 'string', value, quote: 'double', placeholder: false, path: entry.node.path, start: span.start, end: span.end };
  CREATE_TIME_METHODS.add(node);
  return { state: 'known', prop: { key: 'authentication_method', keySpan: { start: span.start, end: span.end }, value: node }, node };
}

function readField(object: ObjectNode | undefined, key: string, terraform: boolean): Field {
  // Resolving: the client's own prop, else the one a YAML merge key supplies.
  const prop = object ? getProp(object, key) : undefined;
  if (!prop) return ABSENT;
  const node = prop.value;
  if (node.kind === 'string' && isUnknownString(node, terraform)) return UNKNOWN;
  return { state: 'known', prop, node };
}

/** A placeholder, or (Terraform) a string with an interpolation such as `${var.grants}`: its value is unknown. */
/**
 * A client's token_vault_privileged_access when its value is known and is no object (a boolean, number, string or
 * list; in Terraform, on its auth0_client_credentials, a list that is not blocks, as `= true` or `= [1]`), which
 * neither the Management API nor Terraform takes. Its requirements are not judged (the setting asks for nothing
 * known): a note names it (service/notes.ts). Not for null (in HCL, not set), a placeholder or a computed value (a
 * variable, `dynamic`), which are unknown, nor for an empty Terraform list (no block).
 */
export function mistypedTokenVaultPrivilegedAccess(entry: ClientEntry): Prop | undefined {
  const terraform = entry.source === 'terraform';
  const holder = terraform ? entry.credentials : entry.node;
  const prop = holder && getProp(holder, 'token_vault_privileged_access');
  const value = prop?.value;
  if (!value || value.kind === 'object' || value.kind === 'null') return undefined;
  if (value.kind === 'string' && isUnknownString(value, terraform)) return undefined;
  if (terraform && value.kind === 'array') {
    if (value.items.length === 0 || value.items.every((item) => item.kind === 'object')) return undefined;
    if (value.items.some((item) => item.kind === 'string' && isUnknownString(item, true))) return undefined;
  }
  return prop;
}

function isUnknownString(node: StringNode, terraform: boolean): boolean {
  return node.placeholder || (terraform && node.value.includes('${'));
}

function nonEmpty(field: Field): Field {
  return field.state === 'known' && field.node.kind === 'string' && field.node.value === '' ? ABSENT : field;
}

function nonNull(field: Field): Field {
  return field.state === 'known' && field.node.kind === 'null' ? ABSENT : field;
}

function knownString(field: Field, allowNull: boolean): string | null | undefined {
  if (field.state !== 'known') return undefined;
  if (field.node.kind === 'string') return field.node.value;
  if (allowNull && field.node.kind === 'null') return null;
  return undefined;
}

/**
 * A bool-typed attribute's value: a boolean, or in Terraform (HCL and JSON alike) a string Terraform converts to a
 * bool when it reads the attribute: exactly `"true"` or `"1"`, `"false"` or `"0"` (go-cty's string-to-bool
 * conversion; it refuses every other string, `"True"` too). Elsewhere the string is not coerced (the Management API
 * would reject it): undefined, as for any other value. A computed string (`"${var.x}"`) is none of these.
 */
export function booleanOf(node: ValueNode | undefined, terraform: boolean): boolean | undefined {
  if (node?.kind === 'boolean') return node.value as boolean;
  if (!terraform || node?.kind !== 'string' || node.placeholder) return undefined;
  return TERRAFORM_BOOL_STRINGS.get(node.value);
}

const TERRAFORM_BOOL_STRINGS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['1', true],
  ['false', false],
  ['0', false],
]);

function firstObject(node: ValueNode): ObjectNode | undefined {
  if (node.kind === 'object') return node;
  if (node.kind === 'array') return node.items.find((i): i is ObjectNode => i.kind === 'object');
  return undefined;
}
