/**
 * `--diff --unsafe-fixes` leaves out an unsafe fix that `--fix --unsafe-fixes` would hold back (a client grant it
 * would break in another file, cli/unsafe-elsewhere.ts, or in the same file, or a client it would leave with no
 * grants, engine/fix/fix-all.ts), and says so on stderr: one `grantlint: <path>:<line>:<col>: <rule>: …` line per
 * held finding, at the place a plain json lint gives it, with why, within 120 characters after the place. `--diff`
 * alone (safe fixes only) says none of it, and the stylish summary's "can be fixed with --fix --unsafe-fixes" count
 * is what the diff fixes, never a held fix. Generated projects: deploy-cli directories (grants in `grants/*.json`),
 * YAML tenants (grants under `clientGrants`), Terraform modules in HCL and `.tf.json` (an `auth0_client_grant` in
 * another file), SPAs holding `client_credentials` alone; each with clients held and clients whose fix applies.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';
import { MAX_MESSAGE_LENGTH } from '../../server/src/engine/rules/messages';

type Form = 'directory' | 'yaml' | 'hcl' | 'tf-json';
const FORMS: readonly Form[] = ['directory', 'yaml', 'hcl', 'tf-json'];

interface Client {
  readonly appType: 'spa' | 'native';
  /** A client grant for it (in another file; YAML: the same file, under `clientGrants`). */
  readonly granted: boolean;
  /** Deploy-cli and YAML: `client_credentials` is its only grant (the unsafe fix would leave it none). */
  readonly onlyClientCredentials: boolean;
  /** A name long enough that the line must give way (its file's name, then the file). */
  readonly longName: boolean;
}

const clientArb: fc.Arbitrary<Client> = fc.record({ appType: fc.constantFrom('spa' as const, 'native' as const), granted: fc.boolean(), onlyClientCredentials: fc.boolean(), longName: fc.boolean() });

/** The project's files by path, for `clients` written in `form`. */
function project(form: Form, clients: readonly Client[]): Record<string, string> {
  const nameOf = (i: number): string => (clients[i]!.longName ? `Customer Reporting Dashboard For Regional Operations Team ${i}` : `App ${i}`);
  const files: Record<string, string> = {};
  const grantsOf = (client: Client) => (client.onlyClientCredentials ? ['client_credentials'] : ['authorization_code', 'client_credentials']);
  if (form === 'directory') {
    clients.forEach((client, i) => {
      files[`clients/${nameOf(i)}.json`] = `${JSON.stringify({ name: nameOf(i), app_type: client.appType, grant_types: grantsOf(client) }, null, 2)}\n`;
      if (client.granted) files[`grants/${nameOf(i)}-API.json`] = `${JSON.stringify({ client_id: nameOf(i), audience: 'https://api.example.com/', scope: ['read:data'] }, null, 2)}\n`;
    });
    return files;
  }
  if (form === 'yaml') {
    const apps = clients.map((client, i) => `  - name: ${nameOf(i)}\n    app_type: ${client.appType}\n    grant_types: [${grantsOf(client).join(', ')}]\n`).join('');
    const grants = clients.flatMap((client, i) => (client.granted ? [`  - client_id: ${nameOf(i)}\n    audience: https://api.example.com/\n    scope: [read:data]\n`] : [])).join('');
    files['tenant.yaml'] = `clients:\n${apps}  - name: Sync\n    app_type: non_interactive\n    grant_types: [client_credentials]\nclientGrants:\n  - client_id: Sync\n    audience: https://api.example.com/\n    scope: [read:data]\n${grants}`;
    return files;
  }
  if (form === 'hcl') {
    files['module/main.tf'] = clients
      .map((client, i) => `resource "auth0_client" "c${i}" {\n  name     = "${nameOf(i)}"\n  app_type = "${client.appType}"\n}\n\nresource "auth0_client_credentials" "c${i}" {\n  client_id             = auth0_client.c${i}.id\n  authentication_method = "client_secret_post"\n}\n`)
      .join('\n');
    const grants = clients.flatMap((client, i) => (client.granted ? [`resource "auth0_client_grant" "g${i}" {\n  client_id = auth0_client.c${i}.id\n  audience  = "https://api.example.com/"\n  scopes    = ["read:data"]\n}\n`] : []));
    if (grants.length > 0) files['module/grants.tf'] = grants.join('\n');
    return files;
  }
  const clientsJson: Record<string, unknown> = {};
  const credentials: Record<string, unknown> = {};
  const grants: Record<string, unknown> = {};
  clients.forEach((client, i) => {
    clientsJson[`c${i}`] = { name: nameOf(i), app_type: client.appType };
    credentials[`c${i}`] = { client_id: `\${auth0_client.c${i}.id}`, authentication_method: 'client_secret_post' };
    if (client.granted) grants[`g${i}`] = { client_id: `\${auth0_client.c${i}.id}`, audience: 'https://api.example.com/', scopes: ['read:data'] };
  });
  files['module/main.tf.json'] = `${JSON.stringify({ resource: { auth0_client: clientsJson, auth0_client_credentials: credentials } }, null, 2)}\n`;
  if (Object.keys(grants).length > 0) files['module/grant_resources.tf.json'] = `${JSON.stringify({ resource: { auth0_client_grant: grants } }, null, 2)}\n`;
  return files;
}

interface JsonFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly ruleId: string | null;
  readonly severity: string;
  readonly message: string;
  readonly client: string | null;
}

async function jsonOf(args: readonly string[], dir: string): Promise<JsonFinding[]> {
  const out = await run([...args, '--format', 'json', '.'], dir);
  assert.notEqual(out.exitCode, 2, out.stderr);
  return (JSON.parse([...out.stdout].join('')) as JsonFinding[]).filter((f) => f.ruleId !== null && (f.severity === 'error' || f.severity === 'warning'));
}

/** What `args` (a fix run) leaves, run on a fresh copy of `source`. */
async function afterFix(source: string, args: readonly string[]): Promise<JsonFinding[]> {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-diff-held-copy-'));
  try {
    cpSync(source, dir, { recursive: true });
    return await jsonOf(args, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `grantlint: <path>:<line>:<col>: <rule>: <text>` lines of stderr that say a fix is not in the diff. */
const HELD_LINE = /^grantlint: (.+):(\d+):(\d+): ([a-z0-9-]+): (.*not in the diff.*)$/;
const REASON = /not in the diff: (it would break the client grant in |breaks the (client )?grant in |it would break a client grant|breaks a client grant|it would leave (the client )?no grants|leaves no grants|it would raise |raises )/;

test('--diff --unsafe-fixes names each finding whose unsafe fix it leaves out, at its place, with why; --diff alone names none; the count agrees', async () => {
  const cases = fc.sample(fc.array(clientArb, { minLength: 1, maxLength: 3 }), { numRuns: 5 });
  cases.push(
    [{ appType: 'spa', granted: true, onlyClientCredentials: false, longName: true }, { appType: 'spa', granted: false, onlyClientCredentials: false, longName: false }],
    [{ appType: 'spa', granted: false, onlyClientCredentials: true, longName: false }, { appType: 'native', granted: true, onlyClientCredentials: false, longName: false }],
  );
  let heldSeen = 0;
  let fixedSeen = 0;
  for (const [c, clients] of cases.entries()) {
    for (const form of FORMS) {
      const root = mkdtempSync(join(tmpdir(), 'grantlint-diff-held-'));
      try {
        for (const [path, text] of Object.entries(project(form, clients))) {
          mkdirSync(dirname(join(root, path)), { recursive: true });
          writeFileSync(join(root, path), text);
        }
        const name = `case ${c}, ${form}: ${JSON.stringify(clients)}`;
        const plain = await jsonOf([], root);
        // Held: the findings --fix --unsafe-fixes leaves with a "not fixed" note, placed where a plain lint has them.
        const held = (await afterFix(root, ['--fix', '--unsafe-fixes'])).filter((f) => f.message.includes('(not fixed'));
        const expected = held
          .map((f) => {
            const at = plain.find((p) => p.file === f.file && p.ruleId === f.ruleId && p.client === f.client);
            assert.ok(at, `${name}: ${JSON.stringify(f)} is in the plain lint`);
            return `${at.file}:${at.line}:${at.column}: ${at.ruleId}`;
          })
          .sort();
        const diff = await run(['--diff', '--unsafe-fixes', '.'], root);
        assert.notEqual(diff.exitCode, 2, diff.stderr);
        const lines = diff.stderr.split('\n').filter((line) => HELD_LINE.test(line));
        const said = lines.map((line) => HELD_LINE.exec(line)!).map((m) => `${m[1]}:${m[2]}:${m[3]}: ${m[4]}`).sort();
        assert.deepEqual(said, expected, `${name}\n${diff.stderr}`);
        for (const line of lines) {
          const after = line.slice(line.indexOf(': ', 'grantlint: '.length) + 2);
          assert.ok(after.length <= MAX_MESSAGE_LENGTH, `${name}: ${after.length}: ${after}`);
          assert.match(after, REASON, name);
        }
        // The exit code is the diff's: 1 when it is not empty.
        assert.equal(diff.exitCode, [...diff.stdout].join('').length > 0 ? 1 : 0, name);
        // --diff alone applies safe fixes only: nothing is held, nothing said.
        const safeDiff = await run(['--diff', '.'], root);
        assert.deepEqual(safeDiff.stderr.split('\n').filter((line) => HELD_LINE.test(line)), [], name);
        // The summary's count is what the unsafe fixes in the diff clear beyond --fix: never a held finding.
        const stylish = [...(await run(['.'], root)).stdout].join('');
        const count = /^(\d+) more problems? can be fixed with --fix --unsafe-fixes/m.exec(stylish);
        const leftSafe = (await afterFix(root, ['--fix'])).length;
        const leftUnsafe = (await afterFix(root, ['--fix', '--unsafe-fixes'])).length;
        assert.equal(count ? Number(count[1]) : 0, leftSafe - leftUnsafe, `${name}\n${stylish}`);
        heldSeen += expected.length;
        fixedSeen += leftSafe - leftUnsafe;
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }
  }
  assert.ok(heldSeen >= 8 && fixedSeen >= 8, `held ${heldSeen}, fixed ${fixedSeen}`);
});
