/**
 * The messages of client-grant-without-client-credentials, public-client-credentials and device-code-requirements as
 * the CLI reports them (`--format json`, a place in another file appended): at most 120 characters whatever the
 * client's name, in each format (auth0-deploy-cli YAML and directory JSON, Terraform HCL in one file or split over
 * a module, `.tf.json`). A client grant's message for a public client says why it matters (its token requests fail),
 * as the one for a client lacking the grant does, and keeps it where a place in another file is appended; device-code-requirements names app_type exactly where it is set and not native
 * (rule book: an absent app_type is no unmet requirement), with the other requirements unmet or not.
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
const root = mkdtempSync(join(tmpdir(), 'grantlint-grant-client-messages-'));
after(() => rmSync(root, { recursive: true, force: true }));

const NAMES = ['SPA Two', 'Acme Customer Reporting Dashboard (Production, EU West)', `Acme ${'Very Long Client Name '.repeat(8)}End`];
const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';

/** A client as each format writes it: its settings (app_type, grant_types, the auth method; undefined: absent). */
interface ClientSpec {
  readonly name: string;
  readonly appType?: string;
  readonly grants: readonly string[];
  readonly method?: string;
}

type Format = 'yaml' | 'directory' | 'hcl' | 'hcl-split' | 'tf-json';
const FORMATS: readonly Format[] = ['yaml', 'directory', 'hcl', 'hcl-split', 'tf-json'];

/** A project of one client and, with `grant`, a client grant for it (a client_credentials audience). */
function project(format: Format, client: ClientSpec, grant: boolean): Record<string, string> {
  const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
  if (format === 'yaml' || format === 'directory') {
    const entry = { name: client.name, ...(client.appType ? { app_type: client.appType } : {}), ...(client.method ? { token_endpoint_auth_method: client.method } : {}), grant_types: client.grants };
    const grantEntry = { client_id: client.name, audience: 'https://api.example.com/', scope: ['read:a'] };
    if (format === 'directory') return { 'tenant.json': '{}\n', 'clients/client.json': json(entry), ...(grant ? { 'grants/g.json': json(grantEntry) } : {}) };
    return { 'tenant.yaml': `${json({ clients: [entry], ...(grant ? { clientGrants: [grantEntry] } : {}) })}` };
  }
  if (format === 'tf-json') {
    return {
      'main.tf.json': json({
        resource: {
          auth0_client: { app: { name: client.name, ...(client.appType ? { app_type: client.appType } : {}), grant_types: client.grants } },
          ...(client.method ? { auth0_client_credentials: { app: { client_id: '${auth0_client.app.id}', authentication_method: client.method } } } : {}),
          ...(grant ? { auth0_client_grant: { g: { client_id: '${auth0_client.app.id}', audience: 'https://api.example.com/', scopes: ['read:a'] } } } : {}),
        },
      }),
    };
  }
  const app = `resource "auth0_client" "app" {\n  name        = ${JSON.stringify(client.name)}\n${client.appType ? `  app_type    = "${client.appType}"\n` : ''}  grant_types = ${JSON.stringify(client.grants)}\n}\n`;
  const credentials = client.method ? `resource "auth0_client_credentials" "app" {\n  client_id             = auth0_client.app.id\n  authentication_method = "${client.method}"\n}\n` : '';
  const grantText = grant ? 'resource "auth0_client_grant" "g" {\n  client_id = auth0_client.app.id\n  audience  = "https://api.example.com/"\n  scopes    = ["read:a"]\n}\n' : '';
  return format === 'hcl' ? { 'main.tf': [app, credentials, grantText].join('\n') } : { 'main.tf': app, 'credentials.tf': credentials, 'grants.tf': grantText };
}

let dirs = 0;
async function findings(files: Record<string, string>): Promise<{ ruleId: string | null; message: string }[]> {
  const dir = join(root, String(dirs++));
  for (const [file, text] of Object.entries(files)) {
    if (text === '') continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  const outcome = await run(['--format', 'json', '.'], dir);
  return JSON.parse([...outcome.stdout].join('')) as { ruleId: string | null; message: string }[];
}

test('client-grant-without-client-credentials says why it matters, within 120 characters, for public clients and clients lacking the grant', async () => {
  for (const format of FORMATS) {
    const terraform = format.startsWith('hcl') || format === 'tf-json';
    // Public by its method, public by the provider's create-time method (Terraform, no credentials), confidential
    // without client_credentials.
    const clients: Omit<ClientSpec, 'name'>[] = [
      { appType: 'spa', grants: ['authorization_code'], method: 'none' },
      ...(terraform ? [{ appType: 'spa', grants: ['authorization_code'] }] : []),
      { appType: 'regular_web', grants: ['authorization_code'], method: 'client_secret_post' },
    ];
    for (const spec of clients) {
      for (const name of NAMES) {
        const found = (await findings(project(format, { name, ...spec }, true))).filter((f) => f.ruleId === 'client-grant-without-client-credentials');
        const where = `${format}, ${JSON.stringify(spec)}, ${name.length} characters: ${found.map((f) => f.message).join(' | ')}`;
        assert.equal(found.length, 1, where);
        const message = found[0]!.message;
        assert.ok(message.length <= MAX_MESSAGE_LENGTH, `${message.length}: ${where}`);
        assert.match(message, /client_credentials/, where);
        // A public client's message keeps why it matters even where a place in another file leaves it little room.
        if (spec.method !== 'client_secret_post') assert.match(message, /token requests fail/, where);
        assert.match(message, spec.method === 'client_secret_post' ? /lacks client_credentials/ : /is public, so its client_credentials token requests fail( \((token_endpoint_auth_method: none|authentication_method: none|no auth0_client_credentials, so none)\)|)\./, where);
      }
    }
  }
});

test('public-client-credentials on a public client, by its method or by the provider\'s create-time method, fits 120 characters', async () => {
  for (const format of FORMATS) {
    const terraform = format.startsWith('hcl') || format === 'tf-json';
    for (const method of [...(terraform ? [undefined] : []), 'none']) {
      const found = (await findings(project(format, { name: NAMES[2]!, appType: 'spa', grants: ['authorization_code', 'client_credentials'], ...(method ? { method } : {}) }, false))).filter((f) => f.ruleId === 'public-client-credentials');
      const where = `${format}, method ${method ?? 'absent'}: ${found.map((f) => f.message).join(' | ')}`;
      assert.equal(found.length, 1, where);
      assert.ok(found[0]!.message.length <= MAX_MESSAGE_LENGTH, `${found[0]!.message.length}: ${where}`);
      assert.match(found[0]!.message, /this one is public \(/, where);
    }
  }
});

test('device-code-requirements names app_type exactly where it is set and not native, whatever else is unmet', async () => {
  for (const format of FORMATS) {
    for (const appType of [undefined, 'native', 'regular_web', 'spa', 'non_interactive']) {
      for (const method of ['none', 'client_secret_post']) {
        const found = (await findings(project(format, { name: NAMES[1]!, ...(appType ? { appType } : {}), grants: [DEVICE_CODE], method }, false))).filter((f) => f.ruleId === 'device-code-requirements');
        const where = `${format}, app_type ${appType ?? 'absent'}, ${method}: ${found.map((f) => f.message).join(' | ')}`;
        const appTypeUnmet = appType !== undefined && appType !== 'native';
        if (!appTypeUnmet && method === 'none') {
          assert.deepEqual(found, [], where);
          continue;
        }
        assert.equal(found.length, 1, where);
        const message = found[0]!.message;
        assert.ok(message.length <= MAX_MESSAGE_LENGTH, where);
        assert.equal(/app_type: native/.test(message), appTypeUnmet, where);
        assert.equal(/(authentication_method|token_endpoint_auth_method): none/.test(message), method !== 'none', where);
      }
    }
  }
});
