/**
 * Generated projects whose findings' fixes reach another file: Terraform modules split as teams split them
 * (`main` the clients, `credentials` their auth methods, `grants` the client grants), in HCL or Terraform JSON, and
 * auth0-deploy-cli directories (`clients/*.json`, `grants/*.json`). Clients take every app type, grant mix, party
 * and method that makes a cross-file finding (a public method beside `client_credentials`, device code on a
 * confidential client, a secret on a native app, a client grant for a client without `client_credentials`).
 */
import fc from 'fast-check';

const GRANTS = ['authorization_code', 'client_credentials', 'refresh_token', 'implicit', 'urn:ietf:params:oauth:grant-type:device_code', 'password'] as const;

export interface SplitClient {
  readonly appType: 'spa' | 'native' | 'regular_web' | 'non_interactive' | undefined;
  readonly grants: readonly string[] | undefined;
  readonly firstParty: boolean | undefined;
  readonly oidcConformant: boolean | undefined;
  /** The credentials resource's method; undefined: no credentials resource (the provider's create-time default). */
  readonly method: 'none' | 'client_secret_post' | 'client_secret_basic' | undefined;
  readonly clientGrant: boolean;
}

export interface SplitForm {
  readonly terraform: 'hcl' | 'json' | 'directory';
  /** HCL: grant lists over several lines, with a comment after each item. */
  readonly multiline: boolean;
  readonly crlf: boolean;
}

const clientArb: fc.Arbitrary<SplitClient> = fc.record({
  appType: fc.constantFrom('spa', 'native', 'regular_web', 'non_interactive', undefined),
  grants: fc.option(fc.subarray([...GRANTS], { minLength: 1 }), { nil: undefined }),
  firstParty: fc.constantFrom(true, false, undefined),
  oidcConformant: fc.constantFrom(true, false, undefined),
  method: fc.constantFrom('none', 'client_secret_post', 'client_secret_basic', undefined),
  clientGrant: fc.boolean(),
});

export const splitProjectArb = fc.record({
  clients: fc.array(clientArb, { minLength: 1, maxLength: 4 }),
  form: fc.record({ terraform: fc.constantFrom('hcl', 'json', 'directory'), multiline: fc.boolean(), crlf: fc.boolean() }) as fc.Arbitrary<SplitForm>,
});

/** The project's files, path (relative to its folder) → text. `nameOf`: client i's name (a directory's file too). */
export function renderSplitProject(clients: readonly SplitClient[], form: SplitForm, nameOf: (i: number) => string = (i) => `Client ${i}`): Record<string, string> {
  const files = form.terraform === 'hcl' ? hcl(clients, form, nameOf) : form.terraform === 'json' ? tfJson(clients, nameOf) : directory(clients, nameOf);
  return form.crlf ? Object.fromEntries(Object.entries(files).map(([path, text]) => [path, text.replace(/\n/g, '\r\n')])) : files;
}

function hcl(clients: readonly SplitClient[], form: SplitForm, nameOf: (i: number) => string): Record<string, string> {
  const main: string[] = ['# Clients', ''];
  const credentials: string[] = [];
  const grants: string[] = [];
  clients.forEach((client, i) => {
    const lines = [`resource "auth0_client" "c${i}" {`, `  name = "${nameOf(i)}"`];
    if (client.appType) lines.push(`  app_type = "${client.appType}"`);
    if (client.firstParty !== undefined) lines.push(`  is_first_party = ${client.firstParty}`);
    if (client.oidcConformant !== undefined) lines.push(`  oidc_conformant = ${client.oidcConformant}`);
    if (client.grants) {
      if (form.multiline && client.grants.length > 0) lines.push('  grant_types = [', ...client.grants.map((g) => `    "${g}", # ${g.length}`), '  ]');
      else lines.push(`  grant_types = [${client.grants.map((g) => `"${g}"`).join(', ')}]`);
    }
    main.push(...lines, '}', '');
    if (client.method) credentials.push(`resource "auth0_client_credentials" "c${i}" {`, `  client_id             = auth0_client.c${i}.id`, `  authentication_method = "${client.method}"`, '}', '');
    if (client.clientGrant) grants.push(`resource "auth0_client_grant" "g${i}" {`, `  client_id = auth0_client.c${i}.id`, '  audience  = "https://api.example.com/"', '  scopes    = ["read:data"]', '}', '');
  });
  return { 'main.tf': main.join('\n'), 'credentials.tf': credentials.join('\n'), 'grants.tf': grants.join('\n') };
}

function tfJson(clients: readonly SplitClient[], nameOf: (i: number) => string): Record<string, string> {
  const resources = (type: string, entries: [string, object][]) => `${JSON.stringify({ resource: { [type]: Object.fromEntries(entries) } }, null, 2)}\n`;
  const main: [string, object][] = [];
  const credentials: [string, object][] = [];
  const grants: [string, object][] = [];
  clients.forEach((client, i) => {
    main.push([`c${i}`, clientObject(client, nameOf(i))]);
    if (client.method) credentials.push([`c${i}`, { client_id: `\${auth0_client.c${i}.id}`, authentication_method: client.method }]);
    if (client.clientGrant) grants.push([`g${i}`, { client_id: `\${auth0_client.c${i}.id}`, audience: 'https://api.example.com/', scopes: ['read:data'] }]);
  });
  const files: Record<string, string> = { 'main.tf.json': resources('auth0_client', main) };
  if (credentials.length > 0) files['credentials.tf.json'] = resources('auth0_client_credentials', credentials);
  if (grants.length > 0) files['grants.tf.json'] = resources('auth0_client_grant', grants);
  return files;
}

function directory(clients: readonly SplitClient[], nameOf: (i: number) => string): Record<string, string> {
  const files: Record<string, string> = {};
  clients.forEach((client, i) => {
    const object = { ...clientObject(client, nameOf(i)), ...(client.method ? { token_endpoint_auth_method: client.method } : {}) };
    files[`clients/${nameOf(i)}.json`] = `${JSON.stringify(object, null, 2)}\n`;
    if (client.clientGrant) files[`grants/g${i}.json`] = `${JSON.stringify({ client_id: nameOf(i), audience: 'https://api.example.com/', scope: ['read:data'] }, null, 2)}\n`;
  });
  return files;
}

function clientObject(client: SplitClient, name: string): Record<string, unknown> {
  return {
    name,
    ...(client.appType ? { app_type: client.appType } : {}),
    ...(client.firstParty !== undefined ? { is_first_party: client.firstParty } : {}),
    ...(client.oidcConformant !== undefined ? { oidc_conformant: client.oidcConformant } : {}),
    ...(client.grants ? { grant_types: client.grants } : {}),
  };
}
