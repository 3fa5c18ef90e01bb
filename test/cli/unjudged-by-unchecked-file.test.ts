/**
 * A Terraform client without its own credentials resource is judged by the provider's create-time method only when
 * its module is known whole. A file of the module that keeps it from being so (a credentials resource naming an
 * undeclared client, or no readable client, or a syntax error) is noted when it is checked; but a run on `main.tf`
 * alone (pre-commit on the changed file) left it out and said `No problems (1 file checked).`, the clients it kept
 * from being judged unseen. Now each such client whose create-time method some rule would judge gets a note naming
 * the file and the rules, and the summary counts it; a run that checks the file too keeps only the file's note.
 * Generated modules in HCL and `.tf.json`: clients of every app type with and without `client_credentials` and their
 * own credentials, every kind of cause. The clients noted are exactly those that get a finding with the cause taken
 * out of the module and no such finding with it in.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

interface Client {
  readonly app: string;
  readonly credentials: boolean;
  readonly method: string | null;
}

type Cause = 'undeclared' | 'variable' | 'literal' | 'no-client-id' | 'syntax-error';

const APPS = ['spa', 'native', 'regular_web', 'non_interactive'];
const client = fc.record({ app: fc.constantFrom(...APPS), credentials: fc.boolean(), method: fc.constantFrom(null, 'none', 'client_secret_post') });
const CAUSE_WORDS: Record<Cause, RegExp> = {
  undeclared: /names an undeclared client/,
  variable: /client_id names no client/,
  literal: /client_id names no client/,
  'no-client-id': /client_id names no client/,
  'syntax-error': /does not parse/,
};

function grantsOf(c: Client): string[] {
  return c.credentials ? ['authorization_code', 'client_credentials'] : ['authorization_code'];
}

/** The module's files: clients (and the credentials some have) in main, the cause in its own file. */
function moduleFiles(clients: readonly Client[], cause: Cause | null, json: boolean, causeFile: string): Record<string, string> {
  const files: Record<string, string> = {};
  if (json) {
    const resource: Record<string, Record<string, unknown>> = { auth0_client: {} };
    const credentials: Record<string, unknown> = {};
    clients.forEach((c, i) => {
      resource['auth0_client']![`app${i}`] = { name: `App ${i}`, app_type: c.app, grant_types: grantsOf(c) };
      if (c.method) credentials[`app${i}`] = { client_id: `\${auth0_client.app${i}.id}`, authentication_method: c.method };
    });
    if (Object.keys(credentials).length > 0) resource['auth0_client_credentials'] = credentials;
    files['main.tf.json'] = `${JSON.stringify({ resource }, null, 2)}\n`;
    const causeCredentials = (body: Record<string, unknown>) => `${JSON.stringify({ resource: { auth0_client_credentials: { stray: { ...body, authentication_method: 'client_secret_post' } } } }, null, 2)}\n`;
    if (cause === 'undeclared') files[`${causeFile}.json`] = causeCredentials({ client_id: '${auth0_client.app0x.id}' });
    if (cause === 'variable') files[`${causeFile}.json`] = causeCredentials({ client_id: '${var.client_id}' });
    if (cause === 'literal') files[`${causeFile}.json`] = causeCredentials({ client_id: 'abc123' });
    if (cause === 'no-client-id') files[`${causeFile}.json`] = causeCredentials({});
    if (cause === 'syntax-error') files[`${causeFile}.json`] = '{"resource": {"auth0_client_credentials": {"stray": {"client_id": ';
    return files;
  }
  const blocks = clients.map((c, i) => {
    const own = c.method ? `\nresource "auth0_client_credentials" "app${i}" {\n  client_id             = auth0_client.app${i}.id\n  authentication_method = "${c.method}"\n}\n` : '';
    return `resource "auth0_client" "app${i}" {\n  name        = "App ${i}"\n  app_type    = "${c.app}"\n  grant_types = ${JSON.stringify(grantsOf(c))}\n}\n${own}`;
  });
  files['main.tf'] = blocks.join('\n');
  const causeCredentials = (clientId: string | null) => `resource "auth0_client_credentials" "stray" {\n${clientId === null ? '' : `  client_id             = ${clientId}\n`}  authentication_method = "client_secret_post"\n}\n`;
  if (cause === 'undeclared') files[causeFile] = causeCredentials('auth0_client.app0x.id');
  if (cause === 'variable') files[causeFile] = causeCredentials('var.client_id');
  if (cause === 'literal') files[causeFile] = causeCredentials('"abc123"');
  if (cause === 'no-client-id') files[causeFile] = causeCredentials(null);
  if (cause === 'syntax-error') files[causeFile] = 'resource "auth0_client_credentials" "stray" {\n  client_id = \n';
  return files;
}

interface Entry {
  readonly file: string;
  readonly ruleId: string | null;
  readonly message: string;
  readonly client: string | null;
}

async function lint(files: Record<string, string>, args: readonly string[]): Promise<{ entries: Entry[]; summary: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-unchecked-cause-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const json = await run(['--format', 'json', ...args], dir);
    const stylish = await run(['--no-color', ...args], dir);
    return { entries: JSON.parse([...json.stdout].join('')) as Entry[], summary: [...stylish.stdout].join('').replace(/\n(?!\n)/g, ' '), stderr: stylish.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const NOTE = /^authentication_method unknown \(/;

test('a file left out of the run that keeps the module from being known whole: its unjudged clients are noted and counted', async () => {
  await loadHclParser();
  await fc.assert(
    fc.asyncProperty(
      fc.array(client, { minLength: 1, maxLength: 4 }),
      fc.constantFrom<Cause>('undeclared', 'variable', 'literal', 'no-client-id', 'syntax-error'),
      fc.boolean(),
      fc.constantFrom('credentials.tf', 'zz-stray.tf'),
      async (clients, cause, json, causeFile) => {
        const main = json ? 'main.tf.json' : 'main.tf';
        const where = `${cause} in ${causeFile} (${json ? '.tf.json' : 'HCL'}): ${JSON.stringify(clients)}`;
        // The plain answer: which clients the create-time method gets a finding once the cause is taken out.
        const whole = await lint(moduleFiles(clients, null, json, causeFile), [main]);
        const alone = await lint(moduleFiles(clients, cause, json, causeFile), [main]);
        const rules = (entries: Entry[], name: string) => new Set(entries.filter((e) => e.client === name && e.ruleId !== null).map((e) => e.ruleId));
        const expected = clients
          .map((_, i) => `App ${i}`)
          .filter((name) => [...rules(whole.entries, name)].some((rule) => !rules(alone.entries, name).has(rule)));
        const noted = alone.entries.filter((e) => e.ruleId === null && NOTE.test(e.message));
        assert.deepEqual(noted.map((e) => e.client).sort(), expected.sort(), `${where}: the clients noted`);
        for (const note of noted) {
          assert.equal(note.file, main, where);
          assert.match(note.message, CAUSE_WORDS[cause], where);
          // The file is named where the sentence has room for it with every rule (the place gives way first).
          const file = json ? `${causeFile}.json` : causeFile;
          assert.ok(note.message.includes(file) || (note.message.includes('another file') && note.message.replace('another file', file).length > 120), `${where}: the note names the file: ${note.message}`);
          assert.ok(note.message.length <= 120, note.message);
          for (const rule of rules(whole.entries, note.client!)) if (!rules(alone.entries, note.client!).has(rule)) assert.ok(note.message.includes(rule!), `${where}: names ${rule}: ${note.message}`);
        }
        if (expected.length > 0) {
          assert.match(alone.summary, new RegExp(`${expected.length} clients? with unknown values not fully judged: see the notes`), `${where}: ${alone.summary}`);
          assert.match(alone.stderr, /authentication_method unknown \(/, where);
        }
        // Checked with the file that causes it, only that file's note says so.
        for (const args of [['.'], ['--with-dependents', main]]) {
          const both = await lint(moduleFiles(clients, cause, json, causeFile), args);
          assert.deepEqual(both.entries.filter((e) => e.ruleId === null && NOTE.test(e.message)), [], `${where}, ${args.join(' ')}: no client note`);
        }
      },
    ),
    { numRuns: 40 },
  );
});
