/**
 * `--fix --unsafe-fixes` applies the unsafe fixes the input's findings propose, never those of findings that fixes
 * raised (rule book, "Safe and unsafe fixes"; README: it "never chains into changes no finding proposed"). The kind
 * that broke it: a safe fix removes a client's only grants (device code on a web app, client_credentials on a public
 * app, a first-party-only grant on a third-party app, passwordless OTP on a SPA), which raises
 * `missing-grant-types`, whose unsafe fix would then fill the emptied list with grants no one asked for. Generated
 * clients holding only such grants, in every form a list is written (YAML block, `-` then the value on the next
 * line, flow; a deploy-cli directory's JSON; Terraform HCL and JSON): after the run every client's grants are among
 * its grants before, in the engine's fix all and in the CLI (whose rounds fix a file again). And a list written
 * empty stays empty, whichever rule proposes grants for it (m2m-without-client-credentials, a client grant).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';
import { fixAll, lintText } from '../../server/src/engine/index';
import { getValue } from '../../server/src/engine/model';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
const OTP = 'http://auth0.com/oauth/grant-type/passwordless/otp';
const API = 'https://api.example.com/';

/**
 * A client whose grants a safe fix removes, each an error for it as configured; or whose `grant_types` is written
 * empty while a rule proposes grants for it (a machine-to-machine app, a client grant in the same file).
 */
interface Kind {
  readonly settings: Readonly<Record<string, string | boolean>>;
  readonly grants: readonly string[];
  /** A client grant for the client in the same file (the directory form: in `grants/`). */
  readonly clientGrant?: true;
  /** `refresh_token: { rotation_type: rotating }`: refresh-token-rotation proposes adding `refresh_token`. */
  readonly rotation?: true;
}

const KINDS: readonly Kind[] = [
  { settings: { app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post' }, grants: [DEVICE_CODE] },
  { settings: { app_type: 'spa', token_endpoint_auth_method: 'none' }, grants: ['client_credentials'] },
  { settings: { app_type: 'native', token_endpoint_auth_method: 'none' }, grants: ['client_credentials'] },
  { settings: { app_type: 'regular_web', is_first_party: false }, grants: ['password'] },
  { settings: { app_type: 'spa', token_endpoint_auth_method: 'none' }, grants: [OTP] },
  { settings: { app_type: 'spa', token_endpoint_auth_method: 'none' }, grants: [OTP, 'client_credentials'] },
  // Written empty: m2m-without-client-credentials and client-grant-without-client-credentials propose adding
  // client_credentials, which would fill the list.
  { settings: { app_type: 'non_interactive', token_endpoint_auth_method: 'client_secret_post' }, grants: [] },
  { settings: { app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post' }, grants: [], clientGrant: true },
  // Emptied by the safe removal while refresh-token-rotation proposes adding refresh_token in the same pass.
  { settings: { app_type: 'spa', token_endpoint_auth_method: 'none' }, grants: ['client_credentials'], rotation: true },
];

type Form = 'yaml-block' | 'yaml-next-line' | 'yaml-flow' | 'directory' | 'hcl' | 'tf-json';
const FORMS: readonly Form[] = ['yaml-block', 'yaml-next-line', 'yaml-flow', 'directory', 'hcl', 'tf-json'];

function yamlScalar(value: string | boolean): string {
  return typeof value === 'boolean' ? String(value) : value;
}

/** The project's files (relative path → text) holding `kinds` as clients named Client 0, Client 1... */
function render(kinds: readonly Kind[], form: Form): Record<string, string> {
  if (form === 'directory') {
    const files: Record<string, string> = {};
    kinds.forEach((kind, i) => {
      files[`tenant/clients/Client ${i}.json`] = `${JSON.stringify({ name: `Client ${i}`, ...kind.settings, ...(kind.rotation ? { refresh_token: { rotation_type: 'rotating' } } : {}), grant_types: kind.grants }, null, 2)}\n`;
      if (kind.clientGrant) files[`tenant/grants/Client ${i}-api.json`] = `${JSON.stringify({ client_id: `Client ${i}`, audience: API, scope: [] }, null, 2)}\n`;
    });
    return files;
  }
  if (form === 'hcl') {
    const blocks = kinds.map((kind, i) => {
      const { token_endpoint_auth_method: method, ...rest } = kind.settings;
      const lines = [`resource "auth0_client" "c${i}" {`, `  name = "Client ${i}"`];
      for (const [key, value] of Object.entries(rest)) lines.push(`  ${key} = ${typeof value === 'boolean' ? value : `"${value}"`}`);
      if (kind.rotation) lines.push('  refresh_token {', '    rotation_type = "rotating"', '  }');
      lines.push(`  grant_types = [${kind.grants.map((g) => `"${g}"`).join(', ')}]`, '}');
      if (method !== undefined) lines.push(`resource "auth0_client_credentials" "c${i}" {`, `  client_id = auth0_client.c${i}.id`, `  authentication_method = "${method}"`, '}');
      if (kind.clientGrant) lines.push(`resource "auth0_client_grant" "c${i}" {`, `  client_id = auth0_client.c${i}.id`, `  audience  = "${API}"`, '  scopes    = []', '}');
      return lines.join('\n');
    });
    return { 'module/main.tf': `${blocks.join('\n\n')}\n` };
  }
  if (form === 'tf-json') {
    const clients: Record<string, unknown> = {};
    const credentials: Record<string, unknown> = {};
    const grants: Record<string, unknown> = {};
    kinds.forEach((kind, i) => {
      const { token_endpoint_auth_method: method, ...rest } = kind.settings;
      clients[`c${i}`] = { name: `Client ${i}`, ...rest, ...(kind.rotation ? { refresh_token: [{ rotation_type: 'rotating' }] } : {}), grant_types: kind.grants };
      if (method !== undefined) credentials[`c${i}`] = { client_id: `\${auth0_client.c${i}.id}`, authentication_method: method };
      if (kind.clientGrant) grants[`c${i}`] = { client_id: `\${auth0_client.c${i}.id}`, audience: API, scopes: [] };
    });
    return { 'module/main.tf.json': `${JSON.stringify({ resource: { auth0_client: clients, auth0_client_credentials: credentials, auth0_client_grant: grants } }, null, 2)}\n` };
  }
  const lines = ['clients:'];
  kinds.forEach((kind, i) => {
    lines.push(`  - name: Client ${i}`);
    for (const [key, value] of Object.entries(kind.settings)) lines.push(`    ${key}: ${yamlScalar(value)}`);
    if (kind.rotation) lines.push('    refresh_token:', '      rotation_type: rotating');
    if (form === 'yaml-flow' || kind.grants.length === 0) lines.push(`    grant_types: [${kind.grants.join(', ')}]`);
    else {
      lines.push('    grant_types:');
      for (const grant of kind.grants) lines.push(...(form === 'yaml-next-line' ? ['      -', `        ${grant}`] : [`      - ${grant}`]));
    }
  });
  const granted = kinds.flatMap((kind, i) => (kind.clientGrant ? [`  - client_id: Client ${i}`, `    audience: ${API}`, '    scope: []'] : []));
  if (granted.length > 0) lines.push('clientGrants:', ...granted);
  return { 'tenant.yaml': `${lines.join('\n')}\n` };
}

/** Each client's grants (by name) in one file's text, as the engine reads them. */
function grantsOf(path: string, text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const client of lintText({ path, text }).clients) {
    const list = getValue(client.node, 'grant_types');
    const values = list?.kind === 'array' ? list.items.map((item) => (item.kind === 'string' ? item.value : `(${item.kind})`)) : [];
    out.set(client.name ?? '?', values);
  }
  return out;
}

const caseArb = fc.record({
  kinds: fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 4 }),
  form: fc.constantFrom(...FORMS),
});

/** Asserts every client of `after` holds only grants it held in `before`. */
function assertNoGrantAdded(path: string, before: string, after: string, what: string): void {
  const was = grantsOf(path, before);
  for (const [name, grants] of grantsOf(path, after)) {
    const had = new Set(was.get(name) ?? []);
    for (const grant of grants) assert.ok(had.has(grant), `${what}: ${name} was given '${grant}':\n--- before\n${before}--- after\n${after}`);
  }
}

test('engine fix all with unsafe fixes: a client whose only grants a safe fix removes gets no grant', () => {
  let emptied = 0;
  fc.assert(
    fc.property(caseArb, ({ kinds, form }) => {
      for (const [rel, text] of Object.entries(render(kinds, form))) {
        // Terraform credentials are in the same file: no links needed.
        const path = `/p/${rel}`;
        const fixed = fixAll({ path, text }, { unsafe: true }).text;
        assertNoGrantAdded(path, text, fixed, `fix all, ${form}`);
        if ([...grantsOf(path, fixed).values()].some((grants) => grants.length === 0)) emptied++;
      }
    }),
    { numRuns: 120 },
  );
  assert.ok(emptied > 50, `only ${emptied} runs emptied a list`);
});

test('grantlint --fix --unsafe-fixes, and its --diff, give no client a grant it did not have', async () => {
  const cases = fc.sample(caseArb, { numRuns: 36 });
  // Every form at least once, whatever the sample.
  FORMS.forEach((form, i) => cases.push({ kinds: [KINDS[i % KINDS.length]!, KINDS[(i + 1) % KINDS.length]!], form }));
  for (const { kinds, form } of cases) {
    const dir = mkdtempSync(join(tmpdir(), 'grantlint-chain-'));
    try {
      const files = render(kinds, form);
      for (const [rel, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), text);
      }
      const diff = await run(['--diff', '--unsafe-fixes', '.'], dir);
      const patch = [...diff.stdout].join('');
      const fixed = await run(['--fix', '--unsafe-fixes', '.'], dir);
      assert.notEqual(fixed.exitCode, 2, fixed.stderr);
      for (const [rel, text] of Object.entries(files)) {
        const after = readFileSync(join(dir, rel), 'utf8');
        assertNoGrantAdded(join(dir, rel), text, after, `--fix --unsafe-fixes, ${form}`);
        // The diff shows what the fix wrote: no added grant line in it either.
        for (const line of patch.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'))) {
          for (const grant of ['authorization_code', 'refresh_token', 'implicit', 'client_credentials']) assert.ok(!line.includes(grant), `--diff adds '${grant}' (${form}):\n${patch}`);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
