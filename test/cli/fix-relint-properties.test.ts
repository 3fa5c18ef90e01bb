/**
 * After `--fix` (and `--fix --unsafe-fixes`) on a Terraform module or a deploy-cli directory, the run's report,
 * exit code and json output describe the files as they are on disk: they equal a fresh lint of the fixed files,
 * whatever the order the files are linted in (a fix in a later file can change the findings of an earlier one).
 * Generated modules and directories: clients in random files with grants that fixes change (CLI short names,
 * typos, a machine-to-machine app without client_credentials, public apps), credentials resources and client
 * grants in files named before or after their clients'.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';

const GRANTS = ['authorization_code', 'client_credentials', 'client-credentials', 'refresh_token', 'implicit', 'password', 'authorisation_code', 'code'];
const APP_TYPES = ['spa', 'native', 'regular_web', 'non_interactive'];
const METHODS = ['none', 'client_secret_post', 'client_secret_basic', 'nonee', 'client_secret_jwt', 'private_key_jwt'];
const FILE_NAMES = ['a_grants', 'credentials', 'main', 'clients', 'z_api', 'b'];

interface GeneratedClient {
  readonly appType: string;
  readonly grants: readonly string[];
  readonly method: string | undefined;
  readonly clientGrant: boolean;
  /** Indexes into FILE_NAMES: where the client, its credentials and its client grant are written. */
  readonly files: readonly [number, number, number];
}

const clientArb: fc.Arbitrary<GeneratedClient> = fc.record({
  appType: fc.constantFrom(...APP_TYPES),
  grants: fc.uniqueArray(fc.constantFrom(...GRANTS), { maxLength: 3 }),
  method: fc.option(fc.constantFrom(...METHODS), { nil: undefined }),
  clientGrant: fc.boolean(),
  files: fc.tuple(fc.nat(FILE_NAMES.length - 1), fc.nat(FILE_NAMES.length - 1), fc.nat(FILE_NAMES.length - 1)),
});

/** A module as file name → HCL text. */
function terraformModule(clients: readonly GeneratedClient[]): Record<string, string> {
  const files: Record<string, string[]> = {};
  const add = (index: number, block: string): void => {
    (files[`${FILE_NAMES[index]}.tf`] ??= []).push(block);
  };
  clients.forEach((client, i) => {
    const grants = client.grants.map((g) => `"${g}"`).join(', ');
    add(client.files[0], `resource "auth0_client" "c${i}" {\n  name        = "Client ${i}"\n  app_type    = "${client.appType}"\n  grant_types = [${grants}]\n}\n`);
    if (client.method !== undefined) {
      add(client.files[1], `resource "auth0_client_credentials" "c${i}" {\n  client_id             = auth0_client.c${i}.id\n  authentication_method = "${client.method}"\n}\n`);
    }
    if (client.clientGrant) {
      add(client.files[2], `resource "auth0_client_grant" "c${i}_api" {\n  client_id = auth0_client.c${i}.id\n  audience  = "https://api.example.com/"\n  scopes    = ["read:items"]\n}\n`);
    }
  });
  return Object.fromEntries(Object.entries(files).map(([name, blocks]) => [name, blocks.join('\n')]));
}

/** A deploy-cli directory as relative path → JSON text; grant files named before or after the client files. */
function deployDirectory(clients: readonly GeneratedClient[]): Record<string, string> {
  const files: Record<string, string> = {};
  clients.forEach((client, i) => {
    const body: Record<string, unknown> = { name: `Client ${i}`, app_type: client.appType, grant_types: client.grants };
    if (client.method !== undefined) body['token_endpoint_auth_method'] = client.method;
    files[`clients/${FILE_NAMES[client.files[0]]}-${i}.json`] = `${JSON.stringify(body, null, 2)}\n`;
    if (client.clientGrant) files[`grants/${FILE_NAMES[client.files[2]]}-${i}.json`] = `${JSON.stringify({ client_id: `Client ${i}`, audience: 'https://api.example.com/', scope: ['read:items'] }, null, 2)}\n`;
  });
  return files;
}

async function cli(args: readonly string[], cwd: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const outcome = await run(args, cwd);
  return { stdout: [...outcome.stdout].join(''), stderr: outcome.stderr, exitCode: outcome.exitCode };
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string, prefix: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      else out[`${prefix}${entry.name}`] = readFileSync(join(folder, entry.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

async function checkFixRun(files: Record<string, string>, fixArgs: readonly string[], targets: readonly string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-fix-relint-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const fixing = await cli([...fixArgs, '--format', 'json', ...targets], dir);
    const fresh = await cli(['--format', 'json', ...targets], dir);
    assert.equal(fixing.stderr, '', 'the fix run has nothing to say on stderr');
    assert.deepEqual(JSON.parse(fixing.stdout), JSON.parse(fresh.stdout), 'the fix run reports what a fresh lint of the fixed files finds');
    assert.equal(fixing.exitCode, fresh.exitCode, 'and exits as it does');
    const fixed = snapshot(dir);
    const again = await cli([...fixArgs, '--format', 'json', ...targets], dir);
    assert.deepEqual(snapshot(dir), fixed, 'a second fix run changes nothing');
    assert.equal(again.stdout, fixing.stdout, 'and reports the same findings');
    const stylishFix = snapshot(dir);
    const stylish = await cli(['.'], dir);
    assert.deepEqual(snapshot(dir), stylishFix);
    assert.equal(stylish.exitCode, fresh.exitCode);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const modules = fc.array(clientArb, { minLength: 1, maxLength: 4 });

for (const fixArgs of [['--fix'], ['--fix', '--unsafe-fixes']]) {
  test(`${fixArgs.join(' ')} on a Terraform module reports what a fresh lint of the fixed files finds`, async () => {
    await fc.assert(fc.asyncProperty(modules, async (clients) => checkFixRun(terraformModule(clients), fixArgs, ['.'])), { numRuns: 40 });
  });

  test(`${fixArgs.join(' ')} on a deploy-cli directory reports what a fresh lint of the fixed files finds, grants named first or last`, async () => {
    await fc.assert(
      fc.asyncProperty(modules, fc.boolean(), async (clients, grantsFirst) => {
        const files = deployDirectory(clients);
        const hasGrants = Object.keys(files).some((name) => name.startsWith('grants/'));
        const targets = hasGrants ? (grantsFirst ? ['grants', 'clients'] : ['clients', 'grants']) : ['clients'];
        await checkFixRun(files, fixArgs, targets);
      }),
      { numRuns: 40 },
    );
  });
}
