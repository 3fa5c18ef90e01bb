/**
 * A seeded generator of deploy-cli tenants that share values through YAML anchors in every form a user can
 * write: anchors on scalars, lists, list items, mappings and whole clients; aliases as values, in block and flow
 * lists; merge keys single (`<<: *a`) and listed (`<<: [*a, *b]`), nested (an anchored mapping that merges
 * another), overridden by explicit keys before or after the `<<`; tags (`!!str`) before and after anchors;
 * shared definitions outside the clients list. Every anchor is defined before its aliases, as YAML requires.
 */
import { Prng } from '../robustness/prng';

const GRANTS = ['authorization_code', 'refresh_token', 'client_credentials', 'implicit', 'password', 'urn:ietf:params:oauth:grant-type:device_code'];
const APP_TYPES = ['spa', 'native', 'regular_web', 'non_interactive'];
const METHODS = ['none', 'client_secret_post', 'client_secret_basic'];

type AnchorKind = 'string' | 'list' | 'item' | 'mapping' | 'client' | 'bool';

interface Defined {
  readonly name: string;
  readonly kind: AnchorKind;
}

class Writer {
  readonly anchors: Defined[] = [];
  private count = 0;

  constructor(private readonly prng: Prng) {}

  /** A new anchor name, recorded with what it holds (sometimes reusing a name: the nearest one counts). */
  anchor(kind: AnchorKind): string {
    const reuse = this.anchors.filter((a) => a.kind === kind);
    // Names of mappings and clients are not reused: a mapping could then merge its own name (a cycle).
    const reusable = kind !== 'mapping' && kind !== 'client';
    const name = reusable && reuse.length > 0 && this.prng.chance(0.1) ? reuse[this.prng.int(reuse.length)]!.name : `${kind}${this.count++}`;
    this.anchors.push({ name, kind });
    return name;
  }

  /** The name of an anchor of this kind defined so far (the latest definition of that name is the one used). */
  alias(kind: AnchorKind): string | undefined {
    const candidates = this.anchors.filter((a) => a.kind === kind);
    return candidates.length > 0 ? this.prng.pick(candidates).name : undefined;
  }
}

/** A scalar property's properties: an anchor, a tag, both in either order. */
function withProperties(prng: Prng, writer: Writer, value: string, kind: AnchorKind): string {
  const roll = prng.int(6);
  if (roll === 0) return `&${writer.anchor(kind)} ${value}`;
  if (roll === 1 && kind === 'string') return `&${writer.anchor(kind)} !!str ${value}`;
  if (roll === 2 && kind === 'string') return `!!str &${writer.anchor(kind)} ${value}`;
  if (roll === 3 && kind === 'string') return `!!str ${value}`;
  return value;
}

function grantList(prng: Prng, writer: Writer, indent: string, flowOk = true): string {
  const list = writer.alias('list');
  if (list && prng.chance(0.25)) return ` *${list}`;
  const count = 1 + prng.int(3);
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    const item = writer.alias('item');
    if (item && prng.chance(0.25)) items.push(`*${item}`);
    else items.push(prng.chance(0.2) ? `&${writer.anchor('item')} ${prng.pick(GRANTS)}` : prng.pick(GRANTS));
  }
  const anchor = prng.chance(0.25) ? ` &${writer.anchor('list')}` : '';
  if (flowOk && prng.chance(0.4)) return `${anchor} [${items.join(', ')}]`;
  return `${anchor}\n${items.map((item) => `${indent}  - ${item}`).join('\n')}`;
}

function mappingBody(prng: Prng, writer: Writer, indent: string, keys: readonly string[]): string[] {
  const lines: string[] = [];
  for (const key of keys) {
    switch (key) {
      case 'app_type': {
        const alias = writer.alias('string');
        lines.push(`${indent}app_type: ${alias && prng.chance(0.3) ? `*${alias}` : withProperties(prng, writer, prng.pick(APP_TYPES), 'string')}`);
        break;
      }
      case 'token_endpoint_auth_method':
        lines.push(`${indent}token_endpoint_auth_method: ${withProperties(prng, writer, prng.pick(METHODS), 'string')}`);
        break;
      case 'grant_types':
        lines.push(`${indent}grant_types:${grantList(prng, writer, indent)}`);
        break;
      case 'is_first_party': {
        const alias = writer.alias('bool');
        lines.push(`${indent}is_first_party: ${alias && prng.chance(0.4) ? `*${alias}` : prng.chance(0.3) ? `&${writer.anchor('bool')} ${prng.pick(['true', 'false'])}` : prng.pick(['true', 'false'])}`);
        break;
      }
      case 'refresh_token': {
        const alias = writer.alias('mapping');
        if (alias && prng.chance(0.4)) lines.push(`${indent}refresh_token: *${alias}`);
        else lines.push(`${indent}refresh_token: ${prng.chance(0.5) ? `&${writer.anchor('mapping')} ` : ''}{rotation_type: ${prng.pick(['rotating', 'non-rotating'])}}`);
        break;
      }
      case 'oidc_conformant':
        lines.push(`${indent}oidc_conformant: ${prng.pick(['true', 'false'])}`);
        break;
    }
  }
  return lines;
}

function someKeys(prng: Prng): string[] {
  return ['app_type', 'token_endpoint_auth_method', 'grant_types', 'is_first_party', 'refresh_token', 'oidc_conformant'].filter(() => prng.chance(0.5));
}

function mergeEntry(prng: Prng, writer: Writer, indent: string): string | undefined {
  const a = writer.alias('mapping') ?? writer.alias('client');
  if (!a) return undefined;
  const b = writer.alias('client') ?? writer.alias('mapping');
  if (b && b !== a && prng.chance(0.4)) return prng.chance(0.5) ? `${indent}<<: [*${a}, *${b}]` : `${indent}<<:\n${indent}  - *${a}\n${indent}  - *${b}`;
  return `${indent}<<: *${a}`;
}

/** A tenant of `clients` clients sharing values through anchors; `seed` picks every form. */
export function generateAnchoredTenantYaml(clients: number, seed: number): string {
  const prng = new Prng(seed);
  const writer = new Writer(prng);
  const lines: string[] = [];
  // Shared definitions outside the clients list, as deploy-cli users keep them.
  lines.push(`x-shared:`);
  lines.push(`  public: &${writer.anchor('mapping')}`, ...mappingBody(prng, writer, '    ', ['token_endpoint_auth_method', 'app_type']));
  if (prng.chance(0.7)) lines.push(`  grants: &${writer.anchor('list')} [${prng.pick(GRANTS)}, ${prng.pick(GRANTS)}]`);
  if (prng.chance(0.5)) {
    // A nested merge: an anchored mapping that merges another and overrides one of its keys.
    const base = writer.alias('mapping')!;
    lines.push(`  web: &${writer.anchor('mapping')}`, `    <<: *${base}`, ...mappingBody(prng, writer, '    ', ['app_type', 'grant_types']));
  }
  lines.push('clients:');
  for (let i = 0; i < clients; i++) {
    const roll = prng.int(10);
    const alias = writer.alias('client');
    if (roll === 0 && alias) {
      lines.push(`  - *${alias}`);
      continue;
    }
    const body: string[] = [];
    const merge = roll < 6 ? mergeEntry(prng, writer, '    ') : undefined;
    const keys = someKeys(prng);
    const own = mappingBody(prng, writer, '    ', keys);
    // Explicit keys override merged ones before and after the `<<` entry alike.
    const at = prng.int(own.length + 1);
    body.push(...own.slice(0, at), ...(merge ? [merge] : []), ...own.slice(at));
    body.unshift(`    name: Client ${i}`);
    if (roll === 9) {
      const name = writer.anchor('client');
      lines.push(`  - &${name}`, ...body);
    } else {
      lines.push(`  - name: Client ${i}`, ...body.slice(1));
    }
  }
  return lines.join('\n') + '\n';
}
