/**
 * fast-check arbitraries of realistic Auth0 client configs, and renderers that write the same clients as
 * auth0-deploy-cli YAML and as a Management API export (a JSON array, various indentation), in every form a
 * value can be written (rule book invariant 6): block lists, flow lists on one line or over several lines with
 * comments in them, `-` with its value on the next line, anchors and tags on items and lists (no aliases to them),
 * quoted and plain scalars and keys, comments between items, tabs in flow lists, CRLF, a byte order mark, JSONC
 * comments around items and properties. The data model keeps key order and placeholders explicit, so both
 * renderings hold exactly the same values.
 */
import fc from 'fast-check';
import { APP_TYPES, AUTH_METHODS, CREDENTIAL_AUTH_METHODS, GRANTS } from '../../server/src/engine/catalogue';
import { Prng } from './prng';

export type Value =
  | { readonly t: 'null' }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'num'; readonly v: number }
  | { readonly t: 'str'; readonly v: string }
  /** An auth0-deploy-cli keyword (`##NAME##`, `@@NAME@@`), which a renderer may leave unquoted. */
  | { readonly t: 'ph'; readonly v: string }
  | { readonly t: 'list'; readonly items: readonly Value[] }
  | { readonly t: 'map'; readonly entries: readonly (readonly [string, Value])[] };

const NULL: Value = { t: 'null' };
const str = (v: string): Value => ({ t: 'str', v });
const num = (v: number): Value => ({ t: 'num', v });
const bool = (v: boolean): Value => ({ t: 'bool', v });
const ph = (v: string): Value => ({ t: 'ph', v });
const list = (items: readonly Value[]): Value => ({ t: 'list', items });
const map = (entries: readonly (readonly [string, Value])[]): Value => ({ t: 'map', entries });

const placeholder = fc.constantFrom('##GRANT##', '@@GRANTS@@', '##APP_TYPE##', '@@AUTH_METHOD@@', '##ENV##').map(ph);
const wrongType: fc.Arbitrary<Value> = fc.oneof(
  fc.integer({ min: -5, max: 100000 }).map(num),
  fc.constant(num(1.5)),
  fc.boolean().map(bool),
  fc.constant(NULL),
  fc.constant(list([])),
  fc.constant(list([str('a'), num(1)])),
  fc.constant(map([])),
  fc.constant(map([['nested', str('value')]])),
);

/** Grant values: the catalogue (legacy ones included), the auth0 CLI's short names, typos and odd strings. */
const KNOWN_GRANTS = GRANTS.map((g) => g.value);
const GRANT_TYPOS = [
  'authorisation_code', 'authorization-code', 'code', 'Implicit', 'refresh-token', 'client-credentials', 'credentials',
  'passwordless_otp', 'device_code', 'device-code', 'password-realm', 'mfa-oob', 'ciba', 'client_credential', '',
  ' authorization_code', 'authorization_code ', 'urn:ietf:params:oauth:grant-type:device-code', 'token-exchange',
  // A YAML block scalar (`- |`) holds the value with a line break.
  'implicit\n',
];
const grantItem: fc.Arbitrary<Value> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...KNOWN_GRANTS).map(str) },
  { weight: 3, arbitrary: fc.constantFrom(...GRANT_TYPOS).map(str) },
  { weight: 1, arbitrary: placeholder },
  { weight: 1, arbitrary: fc.constantFrom(num(1), NULL, bool(true), list([str('implicit')]), map([['grant', str('implicit')]])) },
);
const grantTypes: fc.Arbitrary<Value> = fc.oneof(
  // Drawn with repetition, so duplicates come naturally.
  { weight: 10, arbitrary: fc.array(grantItem, { minLength: 0, maxLength: 7 }).map(list) },
  { weight: 1, arbitrary: fc.constantFrom(...KNOWN_GRANTS, 'code').map(str) },
  { weight: 1, arbitrary: placeholder },
  { weight: 1, arbitrary: wrongType },
);

const appType = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('native', 'spa', 'regular_web', 'non_interactive', 'resource_server', 'express_configuration').map(str) },
  { weight: 1, arbitrary: fc.constantFrom(...APP_TYPES).map(str) },
  { weight: 2, arbitrary: fc.constantFrom('spa_app', 'SPA', 'regular-web', 'mobile', 'machine_to_machine', 'web', '', 'spa\n').map(str) },
  { weight: 1, arbitrary: placeholder },
  { weight: 1, arbitrary: wrongType },
);
const authMethod = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...AUTH_METHODS).map(str) },
  { weight: 2, arbitrary: fc.constant(NULL) },
  { weight: 2, arbitrary: fc.constantFrom(...CREDENTIAL_AUTH_METHODS, 'client_secret', 'secret_post', 'None', 'basic', 'client_secret_post\n').map(str) },
  { weight: 1, arbitrary: placeholder },
  { weight: 1, arbitrary: wrongType },
);
const flag = fc.oneof(
  { weight: 6, arbitrary: fc.boolean().map(bool) },
  { weight: 1, arbitrary: fc.constantFrom(str('false'), str('true'), str('yes'), NULL) },
  { weight: 1, arbitrary: placeholder },
);
const refreshToken = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record(
        {
          rotation_type: fc.oneof(fc.constantFrom('rotating', 'non-rotating', 'sometimes').map(str), placeholder),
          expiration_type: fc.constantFrom('expiring', 'non-expiring').map(str),
          infinite_token_lifetime: flag,
          infinite_idle_token_lifetime: flag,
          // Multi-Resource Refresh Token policies.
          policies: fc.constantFrom(list([map([['audience', str('https://api.example.com/')], ['scope', list([str('read:orders')])]])]), list([]), NULL, ph('@@MRRT_POLICIES@@')),
        },
        { requiredKeys: [] },
      )
      .map((r) => map(Object.entries(r))),
  },
  { weight: 1, arbitrary: fc.constantFrom(NULL, str('rotating'), list([map([['rotation_type', str('rotating')]])])) },
);
const clientAuthMethods = fc.constantFrom(
  NULL,
  map([['private_key_jwt', map([['credentials', list([map([['id', str('cred_1')]])])]])]]),
  map([]),
  list([]),
);
const name = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('Storefront SPA', 'Orders API', 'Mobile App', 'Partner Portal', 'Back Office', 'TV App', "O'Brien's app", 'Quote "this": #hash', 'Ünïcödé ✓').map(str) },
  { weight: 1, arbitrary: placeholder },
  { weight: 1, arbitrary: wrongType },
);

/** Field name → arbitrary; every field may be absent. */
const FIELDS = {
  name,
  app_type: appType,
  token_endpoint_auth_method: authMethod,
  is_first_party: flag,
  oidc_conformant: flag,
  external_client_id: fc.constantFrom(str('https://client.example.com/metadata.json'), NULL, str('')),
  third_party_security_mode: fc.constantFrom(str('strict'), str('permissive'), str('lenient'), NULL),
  refresh_token: refreshToken,
  client_authentication_methods: clientAuthMethods,
  grant_types: grantTypes,
  callbacks: fc.constantFrom(list([str('https://app.example.com/callback')]), list([]), list([str('https://a.example.com/cb'), str('http://localhost:3000')])),
  description: fc.constantFrom(str('Customer-facing app'), str('Line one\nline two\n'), str('')),
  jwt_configuration: fc.constantFrom(
    map([['lifetime_in_seconds', num(36000)], ['alg', str('RS256')]]),
    map([['lifetime_in_seconds', ph('@@JWT_TIMEOUT@@')]]),
    map([['alg', str('HS256')], ['secret_encoded', bool(true)]]),
    map([['alg', ph('##JWT_ALG##')]]),
  ),
  token_vault_privileged_access: fc.constantFrom(map([['ip_allowlist', list([str('10.0.0.0/8')])]]), NULL, ph('@@PRIVILEGED_ACCESS@@'), list([str('10.0.0.0/8')])),
  async_approval_notification_channels: fc.constantFrom(list([str('guardian-push')]), list([str('email'), str('guardian-push')]), list([]), NULL, ph('##CIBA_CHANNELS##'), str('email')),
  token_quota: fc.constantFrom(
    map([['client_credentials', map([['enforce', bool(true)], ['per_day', num(1000)]])]]),
    map([['client_credentials', map([['per_hour', num(10)]])], ['organizations', map([['per_day', num(5)]])]]),
    map([['client_credentials', NULL]]),
    map([['client_credentials', ph('@@M2M_QUOTA@@')]]),
    ph('##TOKEN_QUOTA##'),
  ),
} satisfies Record<string, fc.Arbitrary<Value>>;

type FieldName = keyof typeof FIELDS;
const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];
/** At least one of these makes an object of a Management API export a client. */
const MANAGEMENT_KEYS: readonly FieldName[] = ['grant_types', 'token_endpoint_auth_method', 'app_type'];

/** A client: some fields, in a generated order, at least one Management API key among them. */
export const clientArb: fc.Arbitrary<Value> = fc
  .tuple(fc.record(FIELDS, { requiredKeys: ['grant_types'] }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: FIELD_NAMES.length, maxLength: FIELD_NAMES.length }), fc.boolean())
  .map(([fields, order, dropGrants]) => {
    const present = FIELD_NAMES.filter((key) => fields[key] !== undefined);
    // grant_types is required above so that a Management API key is always there; drop it half the time when
    // another key can take its place, so that "no grant_types" is generated too.
    const keys = dropGrants && present.some((k) => k !== 'grant_types' && MANAGEMENT_KEYS.includes(k)) ? present.filter((k) => k !== 'grant_types') : present;
    const ordered = [...keys].sort((a, b) => order[FIELD_NAMES.indexOf(a)]! - order[FIELD_NAMES.indexOf(b)]! || a.localeCompare(b));
    return map(ordered.map((key) => [key, fields[key]!] as const));
  });

/** Clients whose every field may hold a value of the wrong type (numbers, objects, lists, null). */
export const wrongTypedClientArb: fc.Arbitrary<Value> = fc
  .record(Object.fromEntries(FIELD_NAMES.map((k) => [k, fc.oneof(wrongType, FIELDS[k])])) as Record<FieldName, fc.Arbitrary<Value>>, { requiredKeys: ['app_type'] })
  .map((fields) => map(FIELD_NAMES.filter((k) => fields[k] !== undefined).map((k) => [k, fields[k]!] as const)));

export interface Style {
  /** Drives the per-node choices (quoting, list style, comments). */
  readonly seed: number;
  readonly crlf: boolean;
  readonly indent: 2 | 4;
  /** `key:\n  - item` (true) or `key:\n- item` (false). */
  readonly seqIndented: boolean;
  readonly flowLists: 'never' | 'sometimes' | 'always';
  readonly quoting: 'plain' | 'mixed' | 'double' | 'single';
  readonly comments: boolean;
  readonly unquotedPlaceholders: boolean;
  readonly jsonIndent: '' | '  ' | '    ' | '\t';
  /** Some block items written `-` then the value on the next line. */
  readonly dashNewline: boolean;
  /** Some string items with an anchor or a tag (`- &a1 value`, `- !!str value`). */
  readonly itemProperties: boolean;
  /** Some lists with an anchor or a tag (`key: &g1` before a block list, `key: !!seq [a, b]`). */
  readonly listProperties: boolean;
  /** Some flow lists written over several lines, with comments (when `comments`) between and after items. */
  readonly flowOverLines: boolean;
  /** Some keys in quotes (`"grant_types":`, `'app_type':`). */
  readonly quotedKeys: boolean;
  /** Tabs between the items of one-line flow lists. */
  readonly flowTabs: boolean;
  /** A byte order mark before the text. */
  readonly bom: boolean;
}

export const styleArb: fc.Arbitrary<Style> = fc.record({
  seed: fc.integer({ min: 0, max: 0x7fffffff }),
  crlf: fc.boolean(),
  indent: fc.constantFrom(2 as const, 4 as const),
  seqIndented: fc.boolean(),
  flowLists: fc.constantFrom('never' as const, 'sometimes' as const, 'always' as const),
  quoting: fc.constantFrom('plain' as const, 'mixed' as const, 'double' as const, 'single' as const),
  comments: fc.boolean(),
  unquotedPlaceholders: fc.boolean(),
  jsonIndent: fc.constantFrom('' as const, '  ' as const, '    ' as const, '\t' as const),
  dashNewline: fc.boolean(),
  itemProperties: fc.boolean(),
  listProperties: fc.boolean(),
  flowOverLines: fc.boolean(),
  quotedKeys: fc.boolean(),
  flowTabs: fc.boolean(),
  bom: fc.boolean(),
});

export const clientsArb = fc.array(clientArb, { minLength: 1, maxLength: 4 });

// ---- YAML ----

const YAML_RESERVED = /^(?:true|false|yes|no|on|off|null|y|n|~)$/i;
/** Strings a literal block scalar (`|`) holds exactly: lines with no leading or trailing blanks, one final break. */
const BLOCK_LITERAL = /^(?:[^\s#\u0000-\u001f](?:[^\u0000-\u001f]*[^\s\u0000-\u001f])?\n)+$/;
const COMMENTS = ['reviewed 2024-05', 'TODO: tighten', 'owner: identity team', 'see OPS-112', 'keep in sync with staging'];

function safePlain(value: string): boolean {
  return (
    /^[A-Za-z_][A-Za-z0-9_ ./@:'-]*$/.test(value) &&
    !/[ :]$/.test(value) &&
    !/: |:$| #/.test(value) &&
    !YAML_RESERVED.test(value) &&
    !/^[-+]?(?:\.?[0-9]|\.inf|\.nan)/i.test(value)
  );
}

class YamlWriter {
  private readonly lines: string[] = [];
  private readonly prng: Prng;
  /** Anchor names are unique in a document. */
  private anchors = 0;

  constructor(private readonly style: Style) {
    this.prng = new Prng(style.seed);
  }

  file(clients: readonly Value[]): string {
    if (this.style.comments) this.lines.push('# Tenant config, generated');
    if (clients.length === 0) this.lines.push('clients: []');
    else {
      this.lines.push('clients:');
      this.blockSeq(clients, this.style.seqIndented ? this.style.indent : 0);
    }
    const text = (this.style.bom ? '\uFEFF' : '') + this.lines.join('\n') + '\n';
    return this.style.crlf ? text.replace(/\n/g, '\r\n') : text;
  }

  private anchor(): string {
    return `&a${++this.anchors}`;
  }

  /** An anchor or tag before a string item, with the space after it, or nothing. */
  private itemProps(value: Value): string {
    if (!this.style.itemProperties || value.t !== 'str' || !this.prng.chance(0.3)) return '';
    return `${this.prng.pick([this.anchor(), '!!str', `${this.anchor()} !!str`])} `;
  }

  /** An anchor or tag before a list, with the space after it, or nothing. */
  private listProps(): string {
    if (!this.style.listProperties || !this.prng.chance(0.3)) return '';
    return `${this.prng.pick([this.anchor(), '!!seq', `${this.anchor()} !!seq`])} `;
  }

  private key(key: string): string {
    if (!this.style.quotedKeys || !this.prng.chance(0.3)) return key;
    return this.prng.chance(0.5) ? JSON.stringify(key) : `'${key}'`;
  }

  private pad(n: number): string {
    return ' '.repeat(n);
  }

  private comment(indent: number): void {
    if (this.style.comments && this.prng.chance(0.2)) this.lines.push(`${this.pad(indent)}# ${this.prng.pick(COMMENTS)}`);
  }

  private trailing(): string {
    return this.style.comments && this.prng.chance(0.15) ? `  # ${this.prng.pick(COMMENTS)}` : '';
  }

  /** A scalar or flow collection on one line, or undefined when the value needs block form. */
  private inline(value: Value, forceFlow = false): string | undefined {
    switch (value.t) {
      case 'null':
        return this.prng.pick(['null', '~', 'null']);
      case 'bool':
        return String(value.v);
      case 'num':
        return String(value.v);
      case 'ph':
        return this.style.unquotedPlaceholders ? value.v : this.quoted(value.v);
      case 'str':
        return this.scalar(value.v);
      case 'list': {
        if (value.items.length === 0) return '[]';
        const flow = forceFlow || this.style.flowLists === 'always' || (this.style.flowLists === 'sometimes' && this.prng.chance(0.5));
        if (!flow) return undefined;
        const items = value.items.map((item) => this.inline(item, true));
        return `[${items.join(this.prng.pick(this.style.flowTabs ? [',\t', ', \t', '\t,\t'] : [', ', ',', ' , ']))}]`;
      }
      case 'map': {
        if (value.entries.length === 0) return '{}';
        if (!forceFlow) return undefined;
        return `{ ${value.entries.map(([k, v]) => `${k}: ${this.inline(v, true)}`).join(', ')} }`;
      }
    }
  }

  private scalar(value: string): string {
    if (value.includes('\n') || /[\u0000-\u001f]/.test(value)) return JSON.stringify(value);
    const style = this.style.quoting === 'mixed' ? this.prng.pick(['plain', 'double', 'single'] as const) : this.style.quoting;
    if (style === 'plain' && safePlain(value)) return value;
    if (style === 'single') return `'${value.replace(/'/g, "''")}'`;
    return JSON.stringify(value);
  }

  private quoted(value: string): string {
    return this.prng.chance(0.5) ? JSON.stringify(value) : `'${value}'`;
  }

  private blockSeq(items: readonly Value[], indent: number): void {
    for (const item of items) {
      this.comment(indent);
      if (item.t === 'map' && item.entries.length > 0) {
        this.blockMap(item.entries, indent + 2, `${this.pad(indent)}- `);
      } else if (item.t === 'str' && BLOCK_LITERAL.test(item.v) && this.prng.chance(0.6)) {
        this.lines.push(`${this.pad(indent)}- |`);
        for (const line of item.v.slice(0, -1).split('\n')) this.lines.push(`${this.pad(indent + 2)}${line}`);
      } else {
        const inline = this.inline(item, true);
        const props = this.itemProps(item);
        if (this.style.dashNewline && this.prng.chance(0.3)) {
          // `-` (with its anchor or tag) alone, the value on the next line, indented past the dash.
          this.lines.push(`${this.pad(indent)}-${props ? ` ${props.trimEnd()}` : ''}`);
          this.lines.push(`${this.pad(indent + 2)}${inline}${this.trailing()}`);
        } else {
          this.lines.push(`${this.pad(indent)}- ${props}${inline}${this.trailing()}`);
        }
      }
    }
  }

  /** A block mapping whose first line may begin with a prefix (`- ` for a list item). */
  private blockMap(entries: readonly (readonly [string, Value])[], indent: number, firstPrefix?: string): void {
    entries.forEach(([name, value], index) => {
      const key = this.key(name);
      const prefix = index === 0 && firstPrefix !== undefined ? firstPrefix : this.pad(indent);
      if (index > 0 || firstPrefix === undefined) this.comment(indent);
      if (value.t === 'str' && BLOCK_LITERAL.test(value.v) && this.prng.chance(0.6)) {
        // A literal block scalar holds the same string as the double-quoted form.
        this.lines.push(`${prefix}${key}: |`);
        for (const line of value.v.slice(0, -1).split('\n')) this.lines.push(`${this.pad(indent + this.style.indent)}${line}`);
        return;
      }
      if (value.t === 'null' && this.prng.chance(0.2)) {
        this.lines.push(`${prefix}${key}:`);
        return;
      }
      const listProps = value.t === 'list' ? this.listProps() : '';
      if (value.t === 'list' && this.style.flowOverLines && value.items.length > 0 && value.items.every((i) => i.t !== 'list' && i.t !== 'map') && this.prng.chance(0.4)) {
        // A flow list over several lines: one item a line, comments after items and on lines between them.
        this.lines.push(`${prefix}${key}: ${listProps}[`);
        value.items.forEach((item, i) => {
          this.comment(indent + this.style.indent);
          const comma = i < value.items.length - 1 ? ',' : '';
          this.lines.push(`${this.pad(indent + this.style.indent)}${this.itemProps(item)}${this.inline(item, true)}${comma}${this.trailing()}`);
        });
        this.lines.push(`${this.pad(indent)}]`);
        return;
      }
      const inline = this.inline(value);
      if (inline !== undefined) {
        this.lines.push(`${prefix}${key}: ${listProps}${inline}${value.t === 'list' || value.t === 'map' ? '' : this.trailing()}`);
      } else if (value.t === 'list') {
        this.lines.push(`${prefix}${key}:${listProps ? ` ${listProps.trimEnd()}` : ''}`);
        this.blockSeq(value.items, this.style.seqIndented ? indent + this.style.indent : indent);
      } else if (value.t === 'map') {
        this.lines.push(`${prefix}${key}:`);
        this.blockMap(value.entries, indent + this.style.indent);
      }
    });
  }
}

export function renderYaml(clients: readonly Value[], style: Style): string {
  return new YamlWriter(style).file(clients);
}

// ---- JSON ----

export function renderJson(clients: readonly Value[], style: Style): string {
  const prng = new Prng(style.seed ^ 0x5bd1e995);
  const unit = style.jsonIndent;
  const eol = style.crlf ? '\r\n' : '\n';
  // JSONC comments around items and properties: a line comment before an entry (indented output only) and a
  // block comment after a scalar.
  const lineComment = (inner: string) => (style.comments && unit !== '' && prng.chance(0.15) ? `${inner}// ${prng.pick(COMMENTS)}` : '');
  const blockComment = () => (style.comments && prng.chance(0.1) ? ` /* ${prng.pick(COMMENTS)} */` : '');
  const write = (value: Value, depth: number): string => {
    const inner = unit === '' ? '' : eol + unit.repeat(depth + 1);
    const outer = unit === '' ? '' : eol + unit.repeat(depth);
    switch (value.t) {
      case 'null':
        return 'null';
      case 'bool':
        return String(value.v);
      case 'num':
        return String(value.v);
      case 'str':
        return JSON.stringify(value.v);
      case 'ph':
        // auth0-deploy-cli replaces `@@X@@` with a JSON value, so it stands unquoted in real files.
        return style.unquotedPlaceholders && prng.chance(0.5) ? value.v : JSON.stringify(value.v);
      case 'list':
        if (value.items.length === 0) return '[]';
        return `[${value.items.map((item) => lineComment(inner) + inner + write(item, depth + 1) + (item.t === 'list' || item.t === 'map' ? '' : blockComment())).join(',')}${outer}]`;
      case 'map':
        if (value.entries.length === 0) return '{}';
        return `{${value.entries.map(([k, v]) => `${lineComment(inner)}${inner}${JSON.stringify(k)}:${unit === '' ? '' : ' '}${write(v, depth + 1)}`).join(',')}${outer}}`;
    }
  };
  return (style.bom ? '\uFEFF' : '') + write(list(clients), 0) + eol;
}

/** The same clients as plain data, for messages when a property fails. */
export function toPlain(value: Value): unknown {
  switch (value.t) {
    case 'null':
      return null;
    case 'list':
      return value.items.map(toPlain);
    case 'map':
      return Object.fromEntries(value.entries.map(([k, v]) => [k, toPlain(v)]));
    default:
      return value.v;
  }
}
