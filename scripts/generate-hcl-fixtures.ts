/**
 * Writes each rule's Terraform HCL fixtures (test/fixtures/rules/<rule>/invalid-hcl/main.tf, valid-hcl/main.tf,
 * each folder a module of its own) from the fixtures
 * the rule already has: `invalid.tf.json` where there is one (the same resources written in HCL), else the
 * clients of `invalid.yaml` / `valid.yaml` as `auth0_client` resources, each auth method as a linked
 * `auth0_client_credentials` resource, nested settings as nested blocks, deploy-cli keywords as variables.
 * Lists of up to two items are written on one line, longer ones over lines with a trailing comma and a comment.
 * test/engine/rule-fixtures.test.ts checks each file is what its name says; a rule whose condition Terraform
 * cannot express has none (NOT_IN_TERRAFORM).
 *
 * Run: node --import tsx scripts/generate-hcl-fixtures.ts [rule-id...]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

const ROOT = join(__dirname, '..', 'test', 'fixtures', 'rules');
/** Client keys that are not `auth0_client` arguments: dropped (the method goes to the credentials resource). */
const NOT_IN_PROVIDER = new Set(['token_endpoint_auth_method', 'client_authentication_methods', 'client_id', 'client_secret']);

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A resource name from a client name: `Storefront SPA` → `storefront_spa`. */
function resourceName(name: string, taken: Set<string>): string {
  let base = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'client';
  if (/^[0-9]/.test(base)) base = `c_${base}`;
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${base}_${i}`;
  taken.add(candidate);
  return candidate;
}

const REFERENCE = /^\$\{(auth0_client\.[A-Za-z0-9_-]+\.(?:id|client_id))\}$/;
const KEYWORD = /^(?:##|@@)([A-Za-z0-9_.-]+)(?:##|@@)$/;

/** A value as an HCL expression; nested objects of a block are written as blocks by `body` instead. */
function expression(value: Json, indent: string): string {
  if (typeof value === 'string') {
    const reference = REFERENCE.exec(value);
    if (reference) return reference[1]!;
    const keyword = KEYWORD.exec(value);
    if (keyword) return `var.${keyword[1]!.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
    // A whole `${expr}` is the bare expression in HCL; other interpolations stay in the string (unescaped
    // inside `${}`, where HCL reads an expression, not string text).
    const whole = /^\$\{([^{}]*)\}$/.exec(value);
    if (whole) return whole[1]!.trim();
    if (value.includes('${')) return `"${value.replace(/\$\{[^{}]*\}|[^$]+|\$/g, (part) => (part.startsWith('${') ? part : JSON.stringify(part).slice(1, -1)))}"`;
    return JSON.stringify(value).replace(/%\{/g, '%%{');
  }
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) {
    if (value.length <= 2 && value.every((v) => typeof v !== 'object' || v === null)) return `[${value.map((v) => expression(v, indent)).join(', ')}]`;
    const inner = `${indent}  `;
    return `[\n${value.map((v, i) => `${inner}${expression(v, inner)},${i === value.length - 1 ? ' # last item' : ''}`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const inner = `${indent}  `;
  return `{\n${entries.map(([k, v]) => `${inner}${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k)} = ${expression(v, inner)}`).join('\n')}\n${indent}}`;
}

/** Block settings that Terraform writes as nested blocks (objects, or Terraform JSON's list of one object). */
function asBlock(value: Json): { [key: string]: Json } | undefined {
  if (isObject(value)) return value;
  if (Array.isArray(value) && value.length === 1 && isObject(value[0])) return value[0];
  return undefined;
}

/** A block's body: attributes first, `=` aligned per run as terraform fmt does, then nested blocks. */
function body(object: { [key: string]: Json }, indent: string, asBlocks: boolean): string[] {
  const attributes: [string, string][] = [];
  const blocks: string[] = [];
  for (const [key, value] of Object.entries(object)) {
    const block = asBlocks ? asBlock(value) : undefined;
    if (block && key !== 'client_metadata' && key !== 'policies') {
      blocks.push(`${indent}${key} {`, ...body(block, `${indent}  `, true), `${indent}}`);
    } else {
      attributes.push([key, expression(value, indent)]);
    }
  }
  const lines: string[] = [];
  // terraform fmt aligns the `=` of consecutive single-line attributes; a multi-line value ends a run.
  let run: [string, string][] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map(([k]) => k.length));
    for (const [k, v] of run) lines.push(`${indent}${k.padEnd(width)} = ${v}`);
    run = [];
  };
  for (const [key, value] of attributes) {
    if (value.includes('\n')) {
      flush();
      lines.push(`${indent}${key} = ${value}`);
    } else run.push([key, value]);
  }
  flush();
  return [...lines, ...blocks];
}

interface Resource {
  readonly type: string;
  readonly name: string;
  readonly body: { [key: string]: Json };
  readonly comment?: string;
}

function render(resources: readonly Resource[], header: string): string {
  const out = [header, ''];
  for (const resource of resources) {
    if (resource.comment) out.push(`# ${resource.comment}`);
    out.push(`resource "${resource.type}" "${resource.name}" {`, ...body(resource.body, '  ', true), '}', '');
  }
  return out.join('\n');
}

/** The resources of a Terraform JSON file, in order. */
function fromTerraformJson(text: string): Resource[] {
  const root = JSON.parse(text) as { resource?: Json };
  const blocks = Array.isArray(root.resource) ? root.resource : root.resource ? [root.resource] : [];
  const resources: Resource[] = [];
  for (const block of blocks) {
    if (!isObject(block)) continue;
    for (const [type, group] of Object.entries(block)) {
      if (!isObject(group)) continue;
      for (const [name, value] of Object.entries(group)) {
        const resourceBody = asBlock(value);
        if (resourceBody) resources.push({ type, name, body: resourceBody });
      }
    }
  }
  return resources;
}

/** The clients of a deploy-cli YAML file as auth0_client resources, each method on a credentials resource. */
function fromTenantYaml(text: string): Resource[] | undefined {
  // deploy-cli keywords may stand unquoted where a value goes, which no YAML parser takes: quote them first.
  const quoted = text.replace(/([:,[]\s*|-\s+)(@@[A-Za-z0-9_.-]+@@|##[A-Za-z0-9_.-]+##)/g, '$1"$2"');
  const root = parseYaml(quoted, { merge: true }) as Json;
  const clients = isObject(root) ? root['clients'] : undefined;
  if (!Array.isArray(clients)) return undefined;
  const taken = new Set<string>();
  const byName = new Map<string, string>();
  const resources: Resource[] = [];
  for (const client of clients) {
    if (!isObject(client)) continue;
    const name = resourceName(typeof client['name'] === 'string' ? client['name'] : 'client', taken);
    const clientBody: { [key: string]: Json } = {};
    for (const [key, value] of Object.entries(client)) if (!NOT_IN_PROVIDER.has(key)) clientBody[key] = value;
    resources.push({ type: 'auth0_client', name, body: clientBody, comment: typeof client['name'] === 'string' ? client['name'] : undefined });
    const method = client['token_endpoint_auth_method'];
    if (typeof method === 'string' || method === null) {
      resources.push({ type: 'auth0_client_credentials', name, body: { client_id: `\${auth0_client.${name}.id}`, authentication_method: method } });
    }
    if (typeof client['name'] === 'string') byName.set(client['name'], name);
  }
  // Client grants name their client by `name` in deploy-cli; in Terraform by reference (an unknown name stays a
  // literal string, as a client id from elsewhere would be).
  const grants = isObject(root) ? root['clientGrants'] : undefined;
  for (const [index, grant] of (Array.isArray(grants) ? grants : []).entries()) {
    if (!isObject(grant)) continue;
    const { client_id: clientId, scope, ...rest } = grant;
    const target = typeof clientId === 'string' ? byName.get(clientId) : undefined;
    const body: { [key: string]: Json } = { client_id: target ? `\${auth0_client.${target}.id}` : (clientId ?? null), ...rest };
    if (scope !== undefined) body['scopes'] = scope;
    resources.push({ type: 'auth0_client_grant', name: `grant_${index}`, body });
  }
  return resources;
}

/** Rules whose condition Terraform cannot express, so they have no HCL fixture (test/engine/rule-fixtures.test.ts). */
export const NOT_IN_TERRAFORM: Readonly<Record<string, string>> = {
  'auth-method-conflict': 'auth0_client has no client_authentication_methods: Terraform keeps one method, on auth0_client_credentials',
  'public-app-type-without-none': 'a Terraform client without a literal method has none from the provider, or an unknown one',
};

/** Rules whose HCL fixtures are written by hand: a syntax error, and suppression comments, are not generated. */
const HAND_WRITTEN = new Set(['parse-error', 'unused-suppression']);

const only = process.argv.slice(2);
const written: string[] = [];
if (require.main === module) for (const rule of readdirSync(ROOT).sort()) {
  if ((only.length > 0 && !only.includes(rule)) || rule in NOT_IN_TERRAFORM || HAND_WRITTEN.has(rule)) continue;
  const folder = join(ROOT, rule);
  for (const kind of ['invalid', 'valid'] as const) {
    // A folder of its own: a Terraform module is a directory, and the fixture must not link to its neighbours.
    const target = join(folder, `${kind}-hcl`, 'main.tf');
    const json = join(folder, `${kind}.tf.json`);
    const yaml = join(folder, `${kind}.yaml`);
    let resources: Resource[] | undefined;
    let source: string;
    if (existsSync(json)) {
      resources = fromTerraformJson(readFileSync(json, 'utf8'));
      source = `${kind}.tf.json`;
    } else if (existsSync(yaml)) {
      resources = fromTenantYaml(readFileSync(yaml, 'utf8'));
      source = `${kind}.yaml`;
    } else continue;
    if (!resources || resources.length === 0) continue;
    mkdirSync(join(folder, `${kind}-hcl`), { recursive: true });
    writeFileSync(target, render(resources, `# Fixture: ${rule} in Terraform HCL, written from ${source} by scripts/generate-hcl-fixtures.ts.`));
    written.push(`${rule}/${kind}-hcl/main.tf`);
  }
}
if (require.main === module) console.log(written.join('\n'));
