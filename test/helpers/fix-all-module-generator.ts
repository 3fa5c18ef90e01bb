/**
 * Generated Terraform modules whose fixes depend on the module: clients in `main` with grants that fixes change,
 * each with its `auth0_client_credentials` resource in the same file, in another file, or nowhere (then the
 * provider's create-time method applies when the whole module was read), clients with `for_each` (their
 * credentials through `for_each` over the client's instances or by `[each.key]`), each file written in HCL
 * (`.tf`) or Terraform JSON (`.tf.json`). Shared by the service-layer and stdio tests of editor fix all.
 */
import fc from 'fast-check';

const GRANTS = ['authorization_code', 'client_credentials', 'refresh_token', 'implicit', 'password', 'client-credentials'];
const APP_TYPES = ['spa', 'native', 'regular_web', 'non_interactive'];
const METHODS = ['none', 'client_secret_post', 'client_secret_basic'];

export type CredentialsPlace = 'same-file' | 'other-file' | 'none';

export interface ModuleClient {
  readonly appType: string;
  readonly grants: readonly string[];
  readonly credentials: CredentialsPlace;
  readonly method: string;
  readonly forEach: boolean;
  /** How the credentials resource of a `for_each` client names it: over its instances, or by `[each.key]`. */
  readonly byEachValue: boolean;
}

export interface ModuleShape {
  readonly clients: readonly ModuleClient[];
  /** Whether `main` is Terraform JSON (`main.tf.json`) rather than HCL. */
  readonly mainJson: boolean;
  /** Whether the other file is Terraform JSON (`credentials.tf.json`) rather than HCL. */
  readonly otherJson: boolean;
}

const moduleClientArb: fc.Arbitrary<ModuleClient> = fc.record({
  appType: fc.constantFrom(...APP_TYPES),
  grants: fc.uniqueArray(fc.constantFrom(...GRANTS), { minLength: 1, maxLength: 3 }),
  credentials: fc.constantFrom<CredentialsPlace>('same-file', 'other-file', 'none'),
  method: fc.constantFrom(...METHODS),
  forEach: fc.boolean(),
  byEachValue: fc.boolean(),
});

export const moduleShapeArb: fc.Arbitrary<ModuleShape> = fc.record({
  clients: fc.array(moduleClientArb, { minLength: 1, maxLength: 5 }),
  mainJson: fc.boolean(),
  otherJson: fc.boolean(),
});

/** The reported case: a SPA with client_credentials and no credentials resource anywhere in the module. */
export const REPORTED_SPA: ModuleShape = {
  clients: [{ appType: 'spa', grants: ['authorization_code', 'client_credentials'], credentials: 'none', method: 'none', forEach: false, byEachValue: false }],
  mainJson: false,
  otherJson: false,
};

interface Resource {
  readonly type: 'auth0_client' | 'auth0_client_credentials';
  readonly name: string;
  /** Attribute → HCL expression text (a string literal, a list, a reference). */
  readonly hcl: readonly (readonly [string, string])[];
  /** The same attributes in Terraform JSON. */
  readonly json: Record<string, unknown>;
}

function clientResource(client: ModuleClient, i: number): Resource {
  const hcl: [string, string][] = [];
  const json: Record<string, unknown> = {};
  if (client.forEach) {
    hcl.push(['for_each', 'toset(["eu", "us"])']);
    json['for_each'] = '${toset(["eu", "us"])}';
  }
  hcl.push(['name', JSON.stringify(`Client ${i}`)], ['app_type', JSON.stringify(client.appType)], ['grant_types', `[${client.grants.map((g) => JSON.stringify(g)).join(', ')}]`]);
  Object.assign(json, { name: `Client ${i}`, app_type: client.appType, grant_types: client.grants });
  return { type: 'auth0_client', name: `c${i}`, hcl, json };
}

function credentialsResource(client: ModuleClient, i: number): Resource {
  const hcl: [string, string][] = [];
  const json: Record<string, unknown> = {};
  if (client.forEach && client.byEachValue) {
    hcl.push(['for_each', `auth0_client.c${i}`], ['client_id', 'each.value.id']);
    Object.assign(json, { for_each: `\${auth0_client.c${i}}`, client_id: '${each.value.id}' });
  } else if (client.forEach) {
    hcl.push(['for_each', 'toset(["eu", "us"])'], ['client_id', `auth0_client.c${i}[each.key].id`]);
    Object.assign(json, { for_each: '${toset(["eu", "us"])}', client_id: `\${auth0_client.c${i}[each.key].id}` });
  } else {
    hcl.push(['client_id', `auth0_client.c${i}.id`]);
    json['client_id'] = `\${auth0_client.c${i}.id}`;
  }
  hcl.push(['authentication_method', JSON.stringify(client.method)]);
  json['authentication_method'] = client.method;
  return { type: 'auth0_client_credentials', name: `c${i}`, hcl, json };
}

function hclText(resources: readonly Resource[]): string {
  return resources
    .map((r) => {
      const width = Math.max(...r.hcl.map(([key]) => key.length));
      return `resource "${r.type}" "${r.name}" {\n${r.hcl.map(([key, value]) => `  ${key.padEnd(width)} = ${value}\n`).join('')}}\n`;
    })
    .join('\n');
}

function jsonText(resources: readonly Resource[]): string {
  const resource: Record<string, Record<string, unknown>> = {};
  for (const r of resources) (resource[r.type] ??= {})[r.name] = r.json;
  return `${JSON.stringify({ resource }, null, 2)}\n`;
}

/** The module as file name → text: `main.tf` or `main.tf.json`, and `credentials.tf(.json)` when a client's credentials live there. */
export function moduleFiles(shape: ModuleShape): Record<string, string> {
  const main: Resource[] = [];
  const other: Resource[] = [];
  shape.clients.forEach((client, i) => {
    main.push(clientResource(client, i));
    if (client.credentials === 'same-file') main.push(credentialsResource(client, i));
    if (client.credentials === 'other-file') other.push(credentialsResource(client, i));
  });
  const files: Record<string, string> = {};
  files[shape.mainJson ? 'main.tf.json' : 'main.tf'] = shape.mainJson ? jsonText(main) : hclText(main);
  if (other.length > 0) files[shape.otherJson ? 'credentials.tf.json' : 'credentials.tf'] = shape.otherJson ? jsonText(other) : hclText(other);
  return files;
}
