/**
 * Every note (what no rule judges, and why: CLI stderr, `--format json` entries with `ruleId: null`, the editor's
 * information diagnostics) fits the Problems panel: one line of at most 120 characters, whatever the names of the
 * clients and resources and the paths of the files it speaks of. Each kind of note is generated with short, long
 * and very long client names, Terraform resource names and folder names, in each format that has it: Terraform HCL
 * and `.tf.json`, auth0-deploy-cli YAML and directory JSON, a Management API export; with `--diff`, the notes of
 * runs that fix (a list too long for its fixes to be checked, a fix that edits another file). Each case must give
 * the notes it is written for (none is vacuous).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { run } from '../../server/src/cli/main';
import { MAX_MESSAGE_LENGTH } from '../../server/src/engine/rules/messages';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());
const root = mkdtempSync(join(tmpdir(), 'grantlint-note-length-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** The names a case is written with: a client's display name, a Terraform resource name, a folder. */
interface Names {
  readonly client: string;
  readonly resource: string;
  readonly folder: string;
}

const NAME_SETS: readonly Names[] = [
  { client: 'Web', resource: 'web', folder: 'm' },
  { client: 'Acme Customer Reporting Dashboard (Production, EU West)', resource: 'acme_customer_reporting_dashboard_prod_eu', folder: 'infrastructure/auth0/tenants/production-eu-west' },
  { client: `Acme ${'Very Long Client Name '.repeat(8)}End`, resource: `r_${'very_long_resource_name_'.repeat(8)}end`, folder: `${'deeply-nested-folder-name/'.repeat(6)}leaf` },
];

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
const hclClient = (resource: string, name: string, body: string): string => `resource "auth0_client" "${resource}" {\n  name = "${name}"\n${body}}\n`;
const yamlString = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/**
 * Each case: its files (as a function of the names), how the CLI runs (the files it is given, `--diff` for the
 * notes only runs that fix give), and patterns that the notes must match (one note at least for each).
 */
interface Case {
  readonly files: (n: Names) => Record<string, string>;
  readonly args?: readonly string[];
  readonly expect: readonly RegExp[];
}

const CASES: Readonly<Record<string, Case>> = {
  'hcl computed grants and app type': {
    files: (n) => ({
      'main.tf': hclClient(`${n.resource}_a`, n.client, '  app_type    = "regular_web"\n  grant_types = ["authorization_code", var.extra]\n') + hclClient(`${n.resource}_b`, n.client, '  app_type    = local.kind\n  grant_types = var.grants\n'),
    }),
    expect: [/^grant_types holds/, /^grant_types is/, /^app_type is/],
  },
  'tf.json computed grants and method': {
    files: (n) => ({
      'main.tf.json': json({ resource: { auth0_client: { [n.resource]: { name: n.client, app_type: 'regular_web', grant_types: ['authorization_code', '${var.extra}'] } } } }),
      'credentials.tf.json': json({ resource: { auth0_client_credentials: { [n.resource]: { client_id: `\${auth0_client.${n.resource}.id}`, authentication_method: '${var.method}' } } } }),
    }),
    expect: [/^grant_types holds/, /^authentication_method is/],
  },
  'hcl computed method in a sibling not given': {
    files: (n) => ({
      'main.tf': hclClient(n.resource, n.client, '  app_type    = "spa"\n  grant_types = ["authorization_code", "client_credentials"]\n'),
      'credentials.tf': `resource "auth0_client_credentials" "${n.resource}" {\n  client_id             = auth0_client.${n.resource}.id\n  authentication_method = var.method\n}\n`,
    }),
    args: ['main.tf'],
    expect: [/^authentication_method of auth0_client\./],
  },
  'hcl moved attribute': {
    files: (n) => ({
      'main.tf': hclClient(n.resource, n.client, '  app_type                   = "regular_web"\n  token_endpoint_auth_method = "client_secret_post"\n  grant_types                = ["authorization_code"]\n'),
      'other.tf': hclClient(`${n.resource}_2`, n.client, '  app_type                   = "regular_web"\n  token_endpoint_auth_method = "client_secret_post"\n  grant_types                = ["authorization_code"]\n'),
      'credentials.tf': `resource "auth0_client_credentials" "${n.resource}" {\n  client_id             = auth0_client.${n.resource}_2.id\n  authentication_method = "client_secret_post"\n}\n`,
    }),
    expect: [/^token_endpoint_auth_method is read/, /^token_endpoint_auth_method and /],
  },
  'hcl credentials without a client': {
    files: (n) => ({
      'main.tf': `${hclClient(n.resource, n.client, '  app_type    = "spa"\n  grant_types = ["authorization_code"]\n')}\nresource "auth0_client_credentials" "${n.resource}_c" {\n  authentication_method = "client_secret_post"\n}\n\nresource "auth0_client_credentials" "${n.resource}_v" {\n  client_id             = var.client_id\n  authentication_method = "client_secret_post"\n}\n\nresource "auth0_client_credentials" "${n.resource}_gone" {\n  client_id             = auth0_client.${n.resource}_gone.id\n  authentication_method = "client_secret_post"\n}\n`,
    }),
    expect: [/^credentials \S+: no client_id/, /^credentials \S+: client_id is not/, /^credentials .*no auth0_client\./],
  },
  'tf.json credentials and grant without a client': {
    files: (n) => ({
      'main.tf.json': json({
        resource: {
          auth0_client: { [n.resource]: { name: n.client, app_type: 'spa', grant_types: ['authorization_code'] } },
          auth0_client_credentials: { [`${n.resource}_gone`]: { client_id: `\${auth0_client.${n.resource}_gone.id}`, authentication_method: 'client_secret_post' } },
          auth0_client_grant: { [`${n.resource}_g`]: { client_id: `\${auth0_client.${n.resource}_missing.id}`, audience: 'https://api.example.com/', scopes: ['read:a'] } },
        },
      }),
    }),
    expect: [/^credentials .*no auth0_client\./, /^client grant/],
  },
  'hcl two credentials': {
    files: (n) => ({
      'main.tf': hclClient(n.resource, n.client, '  app_type    = "non_interactive"\n  grant_types = ["client_credentials"]\n'),
      'credentials.tf': ['one', 'two'].map((c) => `resource "auth0_client_credentials" "${n.resource}_${c}" {\n  client_id             = auth0_client.${n.resource}.id\n  authentication_method = "client_secret_post"\n}\n`).join('\n'),
    }),
    expect: [/auth0_client_credentials/],
  },
  'hcl credentials for one instance, and a client passed on': {
    files: (n) => ({
      'main.tf':
        hclClient(n.resource, n.client, '  for_each    = toset(["a", "b"])\n  app_type    = "spa"\n  grant_types = ["authorization_code", "client_credentials", "http://auth0.com/oauth/grant-type/password"]\n') +
        hclClient(`${n.resource}_p`, n.client, '  app_type    = "spa"\n  grant_types = ["authorization_code", "client_credentials", "http://auth0.com/oauth/grant-type/password"]\n'),
      'credentials.tf': `resource "auth0_client_credentials" "${n.resource}" {\n  client_id             = auth0_client.${n.resource}["a"].id\n  authentication_method = "client_secret_post"\n}\n`,
      'wiring.tf': `module "creds" {\n  source    = "./creds"\n  client_id = auth0_client.${n.resource}_p.id\n}\n`,
    }),
    expect: [/one of its instances|one instance/, /passed to a module|passed on/],
  },
  'hcl grant without a client, computed audience, mistyped setting': {
    files: (n) => ({
      'main.tf': hclClient(n.resource, n.client, '  app_type       = "non_interactive"\n  is_first_party = false\n  grant_types    = ["client_credentials"]\n'),
      'credentials.tf': `resource "auth0_client_credentials" "${n.resource}" {\n  client_id                     = auth0_client.${n.resource}.id\n  authentication_method         = "client_secret_post"\n  token_vault_privileged_access = true\n}\n`,
      'grants.tf': `resource "auth0_client_grant" "${n.resource}_g" {\n  client_id = auth0_client.${n.resource}.id\n  audience  = local.mgmt_audience\n  scopes    = ["read:users"]\n}\n\nresource "auth0_client_grant" "${n.resource}_gone" {\n  client_id = auth0_client.${n.resource}_gone.id\n  audience  = "https://api.example.com/"\n  scopes    = ["read:a"]\n}\n`,
    }),
    expect: [/^client grant/, /^audience/, /^token_vault_privileged_access/],
  },
  'hcl a grant list too long for fixes': {
    files: (n) => ({ 'main.tf': hclClient(n.resource, n.client, `  app_type    = "spa"\n  grant_types = [${Array.from({ length: 1001 }, () => '"client_credentials"').join(', ')}]\n`) }),
    args: ['--diff', '.'],
    expect: [/^no fixes for /],
  },
  'hcl a fix in another file (--diff)': {
    files: (n) => ({
      'main.tf': hclClient(n.resource, n.client, '  app_type    = "regular_web"\n  grant_types = ["authorization_code", "client_credentials"]\n'),
      [`${n.folder.split('/').pop()}-credentials.tf`]: `resource "auth0_client_credentials" "${n.resource}" {\n  client_id             = auth0_client.${n.resource}.id\n  authentication_method = "none"\n}\n`,
    }),
    args: ['--diff', '--unsafe-fixes', '.'],
    expect: [/^public-client-credentials: (its )?fix .*--fix leaves it/],
  },
  'yaml placeholders, shared names, a grant without a client, an unknown audience, a mistyped setting, a global client': {
    files: (n) => ({
      'tenant.yaml': [
        'clients:',
        `  - name: ${yamlString(n.client)}`,
        "    app_type: '@@APP_TYPE@@'",
        "    grant_types: '@@WEB_GRANTS@@'",
        `  - name: ${yamlString(`${n.client} Api`)}`,
        '    app_type: non_interactive',
        '    is_first_party: false',
        "    token_endpoint_auth_method: '##METHOD##'",
        "    grant_types: [client_credentials, '##MORE##']",
        '    token_vault_privileged_access: true',
        `  - name: ${yamlString(`${n.client} Twin`)}`,
        '    app_type: non_interactive',
        '    grant_types: [client_credentials]',
        `  - name: ${yamlString(`${n.client} Twin`)}`,
        '    app_type: non_interactive',
        '    grant_types: [client_credentials]',
        `  - name: ${yamlString(`${n.client} Global`)}`,
        '    global: true',
        'clientGrants:',
        `  - client_id: ${yamlString(`${n.client} Gone`)}`,
        '    audience: https://api.example.com',
        `  - client_id: ${yamlString(`${n.client} Api`)}`,
        "    audience: '##MGMT_AUDIENCE##'",
        `  - client_id: ${yamlString(`${n.client} Twin`)}`,
        '    audience: https://api.example.com',
        '',
      ].join('\n'),
    }),
    expect: [/^app_type is/, /^grant_types is/, /^grant_types holds/, /^token_endpoint_auth_method is/, /^token_vault_privileged_access/, /^audience/, /global client/, /^client grant .*2 clients/, /^client grant .*no client/],
  },
  'yaml grants that a placeholder name may match': {
    files: (n) => ({
      'tenant.yaml': `clients:\n  - name: ${yamlString(`${n.client} ##ENV##`)}\n    app_type: spa\n${['A', 'B', 'C', 'D'].map((x) => `  - name: ${yamlString(`##${x}## ${n.client}`)}\n    app_type: spa\n`).join('')}clientGrants:\n  - client_id: ${yamlString(`${n.client} prod`)}\n    audience: https://api.example.com\n  - client_id: ${yamlString(`${n.client}`)}\n    audience: https://api.example.com\n`,
    }),
    expect: [/^client grant .*placeholder/],
  },
  'directory grants': {
    files: (n) => ({
      'tenant.json': '{ "friendly_name": "Acme" }\n',
      'clients/Api.json': json({ name: `${n.client} Api`, app_type: 'non_interactive', is_first_party: false, grant_types: ['client_credentials'] }),
      'clients/Twin.json': json({ name: `${n.client} Twin`, app_type: 'non_interactive', grant_types: ['client_credentials'] }),
      'clients/Twin 2.json': json({ name: `${n.client} Twin`, app_type: 'non_interactive', grant_types: ['client_credentials'] }),
      'clients/Web.json': json({ name: `${n.client} @@ENV@@`, app_type: 'spa', grant_types: ['authorization_code'] }),
      'clients/Global.json': json({ name: 'All Applications', global: true }),
      'grants/gone.json': json({ client_id: `Gone ${n.client}`, audience: 'https://api.example.com/' }),
      'grants/maybe.json': json({ client_id: `${n.client} staging`, audience: 'https://api.example.com/' }),
      'grants/twin.json': json({ client_id: `${n.client} Twin`, audience: 'https://api.example.com/' }),
      'grants/api.json': json({ client_id: `${n.client} Api`, audience: '##MGMT_AUDIENCE##' }),
    }),
    expect: [/^client grant .*2 clients/, /^client grant .*placeholder/, /^client grant .*no client/, /^audience/, /global client/],
  },
  'export with a global client': {
    files: (n) => ({ 'clients.json': json([{ name: n.client, global: true, client_id: 'g1' }, { name: n.client, app_type: 'regular_web', grant_types: ['authorization_code'], client_id: 'w1' }]) }),
    expect: [/global client/],
  },
};

let dirs = 0;

/** The notes of a run over a case's folder: from `--format json` (ruleId null), or from stderr with `--diff`. */
async function notesOf(files: Record<string, string>, folder: string, args: readonly string[] | undefined): Promise<string[]> {
  const dir = join(root, String(dirs++), folder);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  if (args?.includes('--diff')) {
    const outcome = await run([...args], dir);
    return outcome.stderr.split('\n').flatMap((line) => {
      const m = /^grantlint: .*?:\d+:\d+: (.*)$/.exec(line);
      return m ? [m[1]!] : [];
    });
  }
  const outcome = await run(['--format', 'json', ...(args ?? ['.'])], dir);
  const report = JSON.parse([...outcome.stdout].join('')) as { ruleId: string | null; message: string }[];
  return report.filter((f) => f.ruleId === null).map((f) => f.message);
}

for (const [name, kind] of Object.entries(CASES)) {
  test(`notes fit ${MAX_MESSAGE_LENGTH} characters with any names and paths: ${name}`, async () => {
    for (const names of NAME_SETS) {
      const notes = await notesOf(kind.files(names), names.folder, kind.args);
      const where = `${name}, client name of ${names.client.length} characters:\n${notes.map((n) => `${n.length} ${n}`).join('\n')}`;
      for (const pattern of kind.expect) assert.ok(notes.some((n) => pattern.test(n)), `${where}\nno note matches ${pattern}`);
      for (const note of notes) {
        assert.ok(note.length <= MAX_MESSAGE_LENGTH, `${where}\n${note.length} characters: ${note}`);
        assert.doesNotMatch(note, /[\r\n\u2028\u2029]/, where);
      }
    }
  });
}
