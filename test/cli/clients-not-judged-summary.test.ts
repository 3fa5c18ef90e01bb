/**
 * A client whose app type, grants or auth method is not known here (a computed Terraform value: a variable,
 * `each.value`, a local, a function call, a `for` expression, an interpolation; a deploy-cli placeholder) gets a note
 * on stderr, and the stylish summary counts those clients, once each however many notes they have (`2 clients with
 * unknown values not fully judged: see the notes`), beside the client grants not checked, so a green run in a CI log
 * read by its last lines shows it. Generated Terraform modules (HCL over two files, `.tf.json`) and deploy-cli
 * tenants (YAML, directory) of known clients, clients with a computed field no rule reads (no note: not counted),
 * clients with unknown values and client grants not checked, with and without findings.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';
import type { CliFinding, CliNote } from '../../server/src/cli/report';

/**
 * What a client holds: all known; a computed field no rule reads; an unknown app type, grants (the whole list or
 * one item), both, or auth method; an unknown app type and auth method (Terraform: in main.tf and credentials.tf).
 */
type Kind = 'known' | 'finding' | 'irrelevant' | 'appType' | 'grants' | 'partial' | 'both' | 'method' | 'appTypeAndMethod';
type Form = 'hcl' | 'tfjson' | 'yaml' | 'directory';

/** Kinds whose client a note says is not fully judged. */
const UNJUDGED: ReadonlySet<Kind> = new Set(['appType', 'grants', 'partial', 'both', 'method', 'appTypeAndMethod']);

/** The Terraform expressions a computed app type or grant list is written as (`each.*` needs `for_each`). */
const HCL_APP_TYPES = ['var.app_type', 'local.app_type', '"${var.env}_web"', 'each.value.type', 'lookup(var.types, "app")'];
const HCL_GRANTS = ['var.grants', 'local.grants', 'concat(var.grants, ["client_credentials"])', '[for g in var.grants : g]', 'each.value.grants', 'distinct(var.grants)'];

interface Client {
  readonly kind: Kind;
  /** Which of the forms above (modulo their number) a computed value takes. */
  readonly variant: number;
}

/** The client's name: its resource name too, which the notes of a client whose `name` is computed fall back to. */
const nameOf = (i: number) => `c${i}`;

/** The project's files: the clients, then `unchecked` client grants naming clients no client is named as. */
function project(form: Form, clients: readonly Client[], unchecked: number): Record<string, string> {
  if (form === 'hcl') return hclProject(clients, unchecked);
  if (form === 'tfjson') return tfJsonProject(clients, unchecked);
  return deployProject(form, clients, unchecked);
}

function hclProject(clients: readonly Client[], unchecked: number): Record<string, string> {
  const header = 'variable "app_type" { type = string }\nvariable "env" { type = string }\nvariable "grants" { type = list(string) }\nvariable "types" { type = map(string) }\nvariable "apps" { type = map(object({ type = string, grants = list(string) })) }\nvariable "method" { type = string }\nvariable "description" { type = string }\nlocals {\n  app_type = "regular_web"\n  grants   = ["client_credentials"]\n}\n';
  const blocks = clients.map(({ kind, variant }, i) => {
    let appType = '"non_interactive"';
    let grants = '["client_credentials"]';
    const lines: string[] = [];
    if (kind === 'finding') grants = '["client_credentials", "authorisation_code"]';
    if (kind === 'irrelevant') lines.push(`  description = ${variant % 2 === 0 ? 'var.description' : '"${var.env} app"'}`);
    if (kind === 'appType' || kind === 'both' || kind === 'appTypeAndMethod') appType = HCL_APP_TYPES[variant % HCL_APP_TYPES.length]!;
    if (kind === 'grants' || kind === 'both') grants = HCL_GRANTS[variant % HCL_GRANTS.length]!;
    if (kind === 'partial') grants = '["client_credentials", var.env]';
    const each = appType.startsWith('each.') || grants.startsWith('each.');
    return [`resource "auth0_client" "${nameOf(i)}" {`, ...(each ? ['  for_each    = var.apps'] : []), `  name        = ${each ? 'each.key' : `"${nameOf(i)}"`}`, `  app_type    = ${appType}`, `  grant_types = ${grants}`, ...lines, '}\n'].join('\n');
  });
  const credentials = clients.flatMap(({ kind }, i) =>
    kind === 'method' || kind === 'appTypeAndMethod' ? [`resource "auth0_client_credentials" "${nameOf(i)}" {\n  client_id             = auth0_client.${nameOf(i)}.id\n  authentication_method = var.method\n}\n`] : [],
  );
  const grants = Array.from({ length: unchecked }, (_, i) => `resource "auth0_client_grant" "g${i}" {\n  client_id = auth0_client.nobody_${i}.id\n  audience  = "https://api.example.com/"\n  scopes    = []\n}\n`);
  return { 'main.tf': [header, ...blocks, ...grants].join('\n'), ...(credentials.length > 0 ? { 'credentials.tf': credentials.join('\n') } : {}) };
}

function tfJsonProject(clients: readonly Client[], unchecked: number): Record<string, string> {
  const resources: Record<string, Record<string, unknown>> = {};
  clients.forEach(({ kind, variant }, i) => {
    const client: Record<string, unknown> = { name: nameOf(i), app_type: 'non_interactive', grant_types: ['client_credentials'] };
    if (kind === 'finding') client.grant_types = ['client_credentials', 'authorisation_code'];
    if (kind === 'irrelevant') client.description = '${var.description}';
    if (kind === 'appType' || kind === 'both' || kind === 'appTypeAndMethod') client.app_type = variant % 2 === 0 ? '${var.app_type}' : '${local.app_type}';
    if (kind === 'grants' || kind === 'both') client.grant_types = variant % 2 === 0 ? '${var.grants}' : '${concat(var.grants, ["client_credentials"])}';
    if (kind === 'partial') client.grant_types = ['client_credentials', '${var.env}'];
    resources[nameOf(i)] = client;
  });
  const credentials: Record<string, unknown> = {};
  clients.forEach(({ kind }, i) => {
    if (kind === 'method' || kind === 'appTypeAndMethod') credentials[nameOf(i)] = { client_id: `\${auth0_client.${nameOf(i)}.id}`, authentication_method: '${var.method}' };
  });
  const grants = Object.fromEntries(Array.from({ length: unchecked }, (_, i) => [`g${i}`, { client_id: `\${auth0_client.nobody_${i}.id}`, audience: 'https://api.example.com/', scopes: [] }]));
  const resource = { auth0_client: resources, ...(Object.keys(credentials).length > 0 ? { auth0_client_credentials: credentials } : {}), ...(unchecked > 0 ? { auth0_client_grant: grants } : {}) };
  return { 'main.tf.json': `${JSON.stringify({ resource }, null, 2)}\n` };
}

function deployProject(form: 'yaml' | 'directory', clients: readonly Client[], unchecked: number): Record<string, string> {
  const configs = clients.map(({ kind, variant }, i) => {
    const client: Record<string, unknown> = { name: nameOf(i), app_type: 'non_interactive', grant_types: ['client_credentials'] };
    if (kind === 'finding') client.grant_types = ['client_credentials', 'authorisation_code'];
    if (kind === 'irrelevant') client.description = '##DESCRIPTION##';
    if (kind === 'appType' || kind === 'both' || kind === 'appTypeAndMethod') client.app_type = variant % 2 === 0 ? '##APP_TYPE##' : '@@APP_TYPE@@';
    if (kind === 'grants' || kind === 'both') client.grant_types = variant % 2 === 0 ? '@@GRANTS@@' : '##GRANTS##';
    if (kind === 'partial') client.grant_types = ['client_credentials', '##EXTRA_GRANT##'];
    if (kind === 'method' || kind === 'appTypeAndMethod') client.token_endpoint_auth_method = '##AUTH_METHOD##';
    return client;
  });
  const grants = Array.from({ length: unchecked }, (_, i) => ({ client_id: `Nobody ${i}`, audience: 'https://api.example.com/', scope: [] }));
  if (form === 'yaml') return { 'tenant.yaml': `# tenant\n${JSON.stringify({ clients: configs, ...(unchecked > 0 ? { clientGrants: grants } : {}) }, null, 2)}\n` };
  const files: Record<string, string> = {};
  configs.forEach((client, i) => (files[`clients/${nameOf(i)}.json`] = `${JSON.stringify(client, null, 2)}\n`));
  grants.forEach((grant, i) => (files[`grants/grant-${i}.json`] = `${JSON.stringify(grant, null, 2)}\n`));
  return files;
}

/** A note saying a value the rules read of a client is not known here (service/notes.ts unjudgedValueNotes). */
const UNKNOWN_VALUE_NOTE =
  /^(grant_types|app_type|authentication_method|token_endpoint_auth_method)( of auth0_client\.\S+( \(\S+:\d+:\d+\))?)? (is|holds) (computed|a computed value|a deploy-cli placeholder|a placeholder)\b|^authentication_method unknown \(|^auth0_client\.\S+ has several auth0_client_credentials/;

const kindArb = fc.constantFrom<Kind>('known', 'finding', 'irrelevant', 'appType', 'grants', 'partial', 'both', 'method', 'appTypeAndMethod');
const clientsArb = fc.array(fc.record({ kind: kindArb, variant: fc.nat({ max: 11 }) }), { minLength: 1, maxLength: 6 });

/** The summary: the output's last paragraph, its wrapped lines joined. */
const summaryOf = (stdout: string) => stdout.trimEnd().split('\n\n').at(-1)!.replace(/\n/g, ' ');

/** The client a note is about: its `client`, or for a note in credentials.tf (no client there) the resource it lies in. */
function clientOfNote(note: CliNote, files: Record<string, string>): string {
  if (note.client !== null) return note.client;
  const lines = files[note.file]!.split('\n').slice(0, note.line);
  // `resource "auth0_client_credentials" "c3" {` in HCL, `"c3": {` in .tf.json.
  const header = lines.reverse().find((line) => /^(resource "auth0_client\w*" "c\d+" \{|\s*"c\d+": \{)$/.test(line));
  return /"(c\d+)"/.exec(header ?? '')?.[1] ?? `${note.file}:${note.line}`;
}

async function inProject<T>(files: Record<string, string>, body: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-unjudged-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const form of ['hcl', 'tfjson', 'yaml', 'directory'] as const) {
  test(`${form}: the stylish summary counts the clients with unknown values, as many as the notes name, beside the client grants not checked`, async () => {
    await fc.assert(
      fc.asyncProperty(clientsArb, fc.nat({ max: 2 }), async (clients, unchecked) => {
        const files = project(form, clients, unchecked);
        await inProject(files, async (dir) => {
          const out = await run(['.'], dir);
          const stdout = [...out.stdout].join('');
          const summary = summaryOf(stdout);
          const expected = clients.filter((c) => UNJUDGED.has(c.kind)).length;
          // The notes name each such client, and no other: counted from the json format's notes (their clients).
          const json = JSON.parse([...(await run(['--format', 'json', '.'], dir)).stdout].join('')) as (CliFinding | CliNote)[];
          const notes = json.filter((f): f is CliNote => f.ruleId === null && UNKNOWN_VALUE_NOTE.test(f.message));
          assert.equal(new Set(notes.map((note) => clientOfNote(note, files))).size, expected, `${out.stderr}\n${JSON.stringify(clients)}`);
          // The same notes on stderr.
          const stderrNotes = out.stderr.split('\n').filter((line) => UNKNOWN_VALUE_NOTE.test(line.replace(/^grantlint: \S+:\d+:\d+: /, '')));
          assert.equal(stderrNotes.length, notes.length, out.stderr);
          // Exit codes are the findings' alone.
          assert.equal(out.exitCode, clients.some((c) => c.kind === 'finding') ? 1 : 0, stdout);
          const grants = unchecked === 0 ? '' : `${unchecked} client grant${unchecked === 1 ? '' : 's'} not checked`;
          const unjudged = expected === 0 ? '' : `${expected} client${expected === 1 ? '' : 's'} with unknown values not fully judged`;
          const clause = [grants, unjudged].filter((part) => part !== '').join(', ');
          if (clause === '') assert.doesNotMatch(summary, /not (checked|fully judged)|see the notes/, summary);
          else assert.ok(summary.includes(`; ${clause}: see the notes${/^No /.test(summary) ? ')' : ''}.`), `${summary}\nexpected: ${clause}\n${out.stderr}`);
          if (expected === 0) assert.doesNotMatch(summary, /judged/, summary);
          // Laid out for 100 columns, the summary too.
          for (const line of stdout.split('\n')) assert.ok(line.length <= 100, line);
        });
      }),
      { numRuns: 10 },
    );
  });
}

test('the m4 module (for_each over a variable) is not "No problems (1 file checked)."', async () => {
  const files = {
    'main.tf':
      'variable "apps" { type = map(object({ type = string, grants = list(string) })) }\nresource "auth0_client" "apps" {\n  for_each    = var.apps\n  name        = each.key\n  app_type    = each.value.type\n  grant_types = each.value.grants\n}\n',
  };
  await inProject(files, async (dir) => {
    const out = await run(['.'], dir);
    assert.equal([...out.stdout].join(''), 'No problems (1 file checked; 1 client with unknown values not fully judged: see the notes).\n');
    assert.equal(out.exitCode, 0);
  });
});

test('--quiet counts them as it counts the client grants not checked; json, SARIF and github list the notes alone', async () => {
  // Sync's grant lacks client_credentials: a warning --quiet hides. Nobody is no client of the tenant.
  const tenant = {
    clients: [
      { name: 'Sync', app_type: 'regular_web', grant_types: ['authorization_code'] },
      { name: 'Placeholder', app_type: '##APP_TYPE##', grant_types: ['client_credentials'] },
      { name: 'Grants', app_type: 'non_interactive', grant_types: '@@GRANTS@@', token_endpoint_auth_method: '##AUTH_METHOD##' },
    ],
    clientGrants: ['Sync', 'Nobody'].map((client_id) => ({ client_id, audience: 'https://api.example.com/', scope: [] })),
  };
  await inProject({ 'tenant.yaml': `${JSON.stringify(tenant, null, 2)}\n` }, async (dir) => {
    const quiet = await run(['--quiet', '.'], dir);
    assert.match(quiet.stderr, /app_type is a deploy-cli placeholder/);
    assert.equal(
      [...quiet.stdout].join(''),
      'No errors (1 file checked; 1 client grant not checked, 2 clients with unknown values not fully\njudged: see the notes; 1 warning not shown with --quiet).\n',
    );
    for (const format of ['json', 'sarif', 'github']) {
      const out = [...(await run(['--format', format, '.'], dir)).stdout].join('');
      assert.doesNotMatch(out, /not fully judged/, format);
    }
  });
});
