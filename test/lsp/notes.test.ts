/**
 * The editor shows the CLI's notes (what no rule judges, and why) as information diagnostics without a rule id, at
 * the same places with the same messages, for closed files of the workspace scan and for open documents alike.
 * Every kind of note is written in each format that has it (Terraform HCL and JSON, one file and split over a
 * module, auth0-deploy-cli YAML and directory files, a Management API export), each case in its own folder; the CLI
 * runs in that folder, so it names other files as the editor does (from the project's folder: a module's, or a
 * deploy-cli directory's root).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { run } from '../../server/src/cli/main';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { TestServer } from './helpers';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

const client = (name: string, body: string): string => `resource "auth0_client" "${name}" {\n  name = "${name}"\n${body}}\n`;

/** Each case: a folder's files, of which the CLI gives at least one a note (checked, so none is vacuous). */
const CASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'hcl-computed-grants': { 'main.tf': client('a', '  app_type    = "regular_web"\n  grant_types = ["authorization_code", var.extra]\n') + client('b', '  grant_types = var.grants\n') },
  'hcl-computed-app-type': { 'main.tf': client('a', '  app_type    = local.kind\n  grant_types = ["authorization_code"]\n') },
  'hcl-moved-attribute': { 'main.tf': client('a', '  app_type                   = "regular_web"\n  token_endpoint_auth_method = "client_secret_post"\n  grant_types                = ["authorization_code"]\n') },
  'hcl-credentials-without-client': {
    'main.tf': `${client('spa', '  app_type    = "spa"\n  grant_types = ["authorization_code"]\n')}\nresource "auth0_client_credentials" "c" {\n  authentication_method = "client_secret_post"\n}\n`,
  },
  'hcl-two-credentials': {
    'main.tf': `${client('m2m', '  app_type    = "non_interactive"\n  grant_types = ["client_credentials"]\n')}`,
    'credentials.tf': ['one', 'two'].map((n) => `resource "auth0_client_credentials" "${n}" {\n  client_id             = auth0_client.m2m.id\n  authentication_method = "client_secret_post"\n}\n`).join('\n'),
  },
  'hcl-credentials-undeclared-client': {
    'main.tf': client('mobile', '  app_type    = "native"\n  grant_types = ["authorization_code", "client_credentials"]\n'),
    'credentials.tf': 'resource "auth0_client_credentials" "storefront" {\n  client_id             = auth0_client.storefrnt.id\n  authentication_method = "client_secret_post"\n}\n',
  },
  'hcl-grant-without-client': { 'grants.tf': 'resource "auth0_client_grant" "g" {\n  client_id = auth0_client.gone.id\n  audience  = "https://api.example.com"\n  scopes    = ["read:a"]\n}\n' },
  'hcl-computed-audience': {
    'main.tf': client('partner', '  app_type       = "non_interactive"\n  is_first_party = false\n  grant_types    = ["client_credentials"]\n'),
    'grants.tf': 'resource "auth0_client_grant" "g" {\n  client_id = auth0_client.partner.id\n  audience  = local.mgmt_audience\n  scopes    = ["read:users"]\n}\n',
  },
  'tf-json-computed': {
    'main.tf.json': json({ resource: { auth0_client: { a: { name: 'A', app_type: 'regular_web', grant_types: ['authorization_code', '${var.extra}'] } } } }),
    'credentials.tf.json': json({ resource: { auth0_client_credentials: { a: { client_id: '${auth0_client.a.id}', authentication_method: '${var.method}' } } } }),
  },
  'yaml-placeholders': {
    'tenant.yaml': [
      'clients:',
      '  - name: Web',
      "    app_type: '@@APP_TYPE@@'",
      "    grant_types: '@@WEB_GRANTS@@'",
      '  - name: Api',
      '    app_type: non_interactive',
      "    token_endpoint_auth_method: '##METHOD##'",
      '    grant_types: [client_credentials]',
      'clientGrants:',
      "  - client_id: 'Spa ##ENV##'",
      '    audience: https://api.example.com',
      '    scope: [read:a]',
      '  - client_id: Web',
      "    audience: '##MGMT_AUDIENCE##'",
      '    scope: [read:users]',
      '',
    ].join('\n'),
  },
  'yaml-same-name': {
    'tenant.yaml': 'clients:\n  - name: Twin\n    app_type: non_interactive\n    grant_types: [client_credentials]\n  - name: Twin\n    app_type: non_interactive\n    grant_types: [client_credentials]\nclientGrants:\n  - client_id: Twin\n    audience: https://api.example.com\n    scope: [read:a]\n',
  },
  'yaml-mistyped-setting': {
    'tenant.yaml': 'clients:\n  - name: Worker\n    app_type: regular_web\n    token_endpoint_auth_method: client_secret_post\n    grant_types: [client_credentials]\n    token_vault_privileged_access: true\n',
  },
  'hcl-mistyped-setting': {
    'main.tf': client('worker', '  app_type    = "regular_web"\n  grant_types = ["client_credentials"]\n'),
    'credentials.tf': 'resource "auth0_client_credentials" "worker" {\n  client_id                     = auth0_client.worker.id\n  authentication_method         = "client_secret_post"\n  token_vault_privileged_access = true\n}\n',
  },
  'dir-placeholder-name': {
    'tenant.json': json({ flags: {} }),
    'clients/Admin.json': json({ name: 'Admin ##ENV##', app_type: 'non_interactive', grant_types: ['client_credentials'] }),
    'grants/admin-api.json': json({ client_id: 'Admin dev', audience: 'https://api.example.com', scope: ['read:a'] }),
  },
  'hcl-fixes-held': {
    'main.tf': `${client('a', '  app_type    = "spa"\n  grant_types = ["authorization_code", "implicit", "implicit"]\n')}\nresource "auth0_client" "b" {\n  name = "B\n}\n`,
  },
  'yaml-fixes-held': {
    'tenant.yaml': 'clients:\n  - name: A\n    app_type: spa\n    grant_types: [authorization_code, implicit, implicit]\n  - name: B\n    app_type: spa\n    grant_types: [authorization_code\n  - name: C\n    app_type: spa\n',
  },
  'export-global': {
    'clients.json': json([
      { name: 'All Applications', global: true, client_id: 'g1' },
      { name: 'Web', app_type: 'regular_web', grant_types: ['authorization_code'], client_id: 'w1' },
    ]),
  },
};

interface Note {
  readonly file: string;
  readonly at: string;
  readonly message: string;
}

const show = (notes: readonly Note[]): string => notes.map((n) => `${n.file}:${n.at} ${n.message}`).join('\n');
const byPlace = (a: Note, b: Note): number => `${a.file}:${a.at}:${a.message}`.localeCompare(`${b.file}:${b.at}:${b.message}`);

/** The CLI's notes (`ruleId: null` in `--format json`) of a folder's files, run in that folder. */
async function cliNotes(folder: string): Promise<Note[]> {
  const outcome = await run(['--format', 'json', '.'], folder);
  const report = JSON.parse([...outcome.stdout].join('')) as { file: string; line: number; column: number; ruleId: string | null; message: string }[];
  return report.filter((f) => f.ruleId === null).map((f) => ({ file: f.file, at: `${f.line}:${f.column}`, message: f.message })).sort(byPlace);
}

const notesOf = (file: string, diagnostics: readonly Diagnostic[]): Note[] =>
  diagnostics.filter((d) => d.code === undefined).map((d) => ({ file, at: `${d.range.start.line + 1}:${d.range.start.character + 1}`, message: typeof d.message === "string" ? d.message : d.message.value }));

describe('the CLI notes in the editor', () => {
  let server: TestServer;
  const files: Record<string, string> = {};
  for (const [name, folder] of Object.entries(CASES)) for (const [file, text] of Object.entries(folder)) files[`${name}/${file}`] = text;

  before(async () => {
    await loadHclParser();
    server = await TestServer.start({ files, settings: {} });
    await server.waitForScans(1);
  });
  after(async () => {
    await server.stop();
  });

  for (const [name, folder] of Object.entries(CASES)) {
    it(`${name}: closed files and open documents show the CLI's notes`, async () => {
      const expected = await cliNotes(`${server.workspace}/${name}`);
      assert.ok(expected.length > 0, `${name}: the CLI gives no note to compare`);
      for (const check of ['closed', 'open'] as const) {
        const shown: Note[] = [];
        for (const [file, text] of Object.entries(folder)) {
          const uri = server.uri(`${name}/${file}`);
          // A note can come a lint after the first publication (the module's other files read): wait for them all.
          const want = expected.filter((n) => n.file === file).length;
          let diagnostics: Diagnostic[];
          if (check === 'closed') {
            // A closed file without findings or notes is not published at all (the scan has ended: waitForScans).
            if (want === 0) diagnostics = server.lastPublication(uri)?.diagnostics ?? [];
            else diagnostics = (await server.waitForDiagnostics(uri, { accept: (p) => notesOf(file, p.diagnostics).length >= want })).diagnostics;
          } else {
            await server.open(`${name}/${file}`, text);
            diagnostics = await server.waitForCurrent(uri);
          }
          shown.push(...notesOf(file, diagnostics));
        }
        assert.deepEqual(shown.sort(byPlace), expected, `${name}, ${check}:\neditor:\n${show(shown)}\nCLI:\n${show(expected)}`);
      }
    });
  }
});

/**
 * Only the open document checked (workspaceScan off): a file of its module that keeps the module from being known
 * whole is read for links, not reported, so the open document's clients it keeps from being judged get the note the
 * CLI gives in a run on that file alone (`grantlint main.tf`), naming the file.
 */
describe('a module file left unchecked, in the editor without the workspace scan', () => {
  let server: TestServer;
  const name = 'hcl-credentials-undeclared-client';
  const folder = CASES[name]!;
  before(async () => {
    await loadHclParser();
    server = await TestServer.start({ files: Object.fromEntries(Object.entries(folder).map(([file, text]) => [`${name}/${file}`, text])), settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  it('main.tf open alone: its client gets the note of a CLI run on main.tf alone', async () => {
    const outcome = await run(['--format', 'json', 'main.tf'], `${server.workspace}/${name}`);
    const report = JSON.parse([...outcome.stdout].join('')) as { file: string; line: number; column: number; ruleId: string | null; message: string }[];
    const expected = report.filter((f) => f.ruleId === null && f.file === 'main.tf').map((f) => ({ file: f.file, at: `${f.line}:${f.column}`, message: f.message }));
    assert.equal(expected.length, 1, JSON.stringify(report));
    assert.match(expected[0]!.message, /^authentication_method unknown \(credentials\.tf names an undeclared client\): public-client-credentials does not judge it$/);
    const uri = await server.open(`${name}/main.tf`, folder['main.tf']!);
    assert.deepEqual(notesOf('main.tf', await server.waitForCurrent(uri)), expected);
  });
});
