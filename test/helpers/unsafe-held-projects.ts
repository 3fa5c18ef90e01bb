/**
 * Projects whose clients' unsafe fixes `--fix --unsafe-fixes` holds or applies, for the CLI tests of held fixes
 * (test/cli/unsafe-held-note.test.ts, test/cli/diff-held-fixes.test.ts): SPAs and native apps without an auth method
 * (deploy-cli) or with a client secret (Terraform), with or without a client grant (in another file; YAML: the same
 * file, under `clientGrants`, beside a machine-to-machine client's grant), some holding `client_credentials` alone.
 */
import fc from 'fast-check';

export type Form = 'directory' | 'yaml' | 'hcl' | 'tf-json';
export const FORMS: readonly Form[] = ['directory', 'yaml', 'hcl', 'tf-json'];

export interface Client {
  readonly appType: 'spa' | 'native';
  /** A client grant for it (in another file; YAML: the same file, under `clientGrants`). */
  readonly granted: boolean;
  /** Deploy-cli and YAML: `client_credentials` is its only grant (the unsafe fix would leave it none). */
  readonly onlyClientCredentials?: boolean;
  /** A name long enough that a message or line must give way (its file's name, then the file). */
  readonly longName: boolean;
}

/** Clients of every kind above; `onlyClientCredentials` among them when asked. */
export function clientArb(onlyClientCredentials: boolean): fc.Arbitrary<Client> {
  return fc.record({ appType: fc.constantFrom('spa' as const, 'native' as const), granted: fc.boolean(), onlyClientCredentials: onlyClientCredentials ? fc.boolean() : fc.constant(false), longName: fc.boolean() });
}

/** The name of the `i`th client. */
export function nameOf(client: Client, i: number): string {
  return client.longName ? `Customer Reporting Dashboard For Regional Operations Team ${i}` : `App ${i}`;
}

/** The project's files by path, for `clients` written in `form`. */
export function project(form: Form, clients: readonly Client[]): Record<string, string> {
  const name = (i: number): string => nameOf(clients[i]!, i);
  const files: Record<string, string> = {};
  const grantsOf = (client: Client) => (client.onlyClientCredentials ? ['client_credentials'] : ['authorization_code', 'client_credentials']);
  if (form === 'directory') {
    clients.forEach((client, i) => {
      files[`clients/${name(i)}.json`] = `${JSON.stringify({ name: name(i), app_type: client.appType, grant_types: grantsOf(client) }, null, 2)}\n`;
      if (client.granted) files[`grants/${name(i)}-API.json`] = `${JSON.stringify({ client_id: name(i), audience: 'https://api.example.com/', scope: ['read:data'] }, null, 2)}\n`;
    });
    return files;
  }
  if (form === 'yaml') {
    const apps = clients.map((client, i) => `  - name: ${name(i)}\n    app_type: ${client.appType}\n    grant_types: [${grantsOf(client).join(', ')}]\n`).join('');
    const grants = clients.flatMap((client, i) => (client.granted ? [`  - client_id: ${name(i)}\n    audience: https://api.example.com/\n    scope: [read:data]\n`] : [])).join('');
    files['tenant.yaml'] = `clients:\n${apps}  - name: Sync\n    app_type: non_interactive\n    grant_types: [client_credentials]\nclientGrants:\n  - client_id: Sync\n    audience: https://api.example.com/\n    scope: [read:data]\n${grants}`;
    return files;
  }
  if (form === 'hcl') {
    files['module/main.tf'] = clients
      .map((client, i) => `resource "auth0_client" "c${i}" {\n  name     = "${name(i)}"\n  app_type = "${client.appType}"\n}\n\nresource "auth0_client_credentials" "c${i}" {\n  client_id             = auth0_client.c${i}.id\n  authentication_method = "client_secret_post"\n}\n`)
      .join('\n');
    const grants = clients.flatMap((client, i) => (client.granted ? [`resource "auth0_client_grant" "g${i}" {\n  client_id = auth0_client.c${i}.id\n  audience  = "https://api.example.com/"\n  scopes    = ["read:data"]\n}\n`] : []));
    if (grants.length > 0) files['module/grants.tf'] = grants.join('\n');
    return files;
  }
  const clientsJson: Record<string, unknown> = {};
  const credentials: Record<string, unknown> = {};
  const grants: Record<string, unknown> = {};
  clients.forEach((client, i) => {
    clientsJson[`c${i}`] = { name: name(i), app_type: client.appType };
    credentials[`c${i}`] = { client_id: `\${auth0_client.c${i}.id}`, authentication_method: 'client_secret_post' };
    if (client.granted) grants[`g${i}`] = { client_id: `\${auth0_client.c${i}.id}`, audience: 'https://api.example.com/', scopes: ['read:data'] };
  });
  files['module/main.tf.json'] = `${JSON.stringify({ resource: { auth0_client: clientsJson, auth0_client_credentials: credentials } }, null, 2)}\n`;
  if (Object.keys(grants).length > 0) files['module/grant_resources.tf.json'] = `${JSON.stringify({ resource: { auth0_client_grant: grants } }, null, 2)}\n`;
  return files;
}
