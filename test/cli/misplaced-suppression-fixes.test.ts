/**
 * `grantlint --fix`, `--fix --unsafe-fixes`, `--diff` and `--diff --unsafe-fixes` leave the finding a misplaced
 * suppression comment means (one naming its rule right, told by unused-suppression where the finding is
 * reported): a tenant.yaml whose comment above a third-party client named the Management API grant of its client
 * grant (before, the safe fix removed the whole client grant), Terraform in one file and a split module (a .tf.json
 * client grant, credentials in another .tf) whose comments above the client and its `grant_types` name the
 * client-grant and method rules (before, `--unsafe-fixes` added `client_credentials` and set the method to `none`).
 * The files stay byte for byte, the diff is empty, and the finding's message says why it has no fix; it still
 * names its client.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { run } from '../../server/src/cli/main';
import type { CliFinding } from '../../server/src/cli/report';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

const PARTNER_YAML = [
  'clients:',
  '  # grantlint-disable-next-line third-party-system-api-grant',
  '  - name: Partner',
  '    app_type: non_interactive',
  '    is_first_party: false',
  '    grant_types: [client_credentials]',
  'clientGrants:',
  '  - client_id: Partner',
  '    audience: https://example.auth0.com/api/v2/',
  '    scope: [read:users]',
  '',
].join('\n');

const CLIENTS_TF = [
  '# grantlint-disable-next-line secret-on-public-app-type',
  'resource "auth0_client" "spa" {',
  '  name        = "SPA"',
  '  app_type    = "spa"',
  '  grant_types = ["authorization_code"]',
  '}',
  '',
  'resource "auth0_client" "web" {',
  '  name        = "Web"',
  '  app_type    = "regular_web"',
  '  # grantlint-disable-next-line client-grant-without-client-credentials',
  '  grant_types = ["authorization_code"]',
  '}',
  '',
].join('\n');
const CREDENTIALS_TF = ['resource "auth0_client_credentials" "spa" {', '  client_id             = auth0_client.spa.id', '  authentication_method = "client_secret_post"', '}', ''].join('\n');
const GRANT_TF = ['resource "auth0_client_grant" "web_api" {', '  client_id = auth0_client.web.id', '  audience  = "https://api.example.com"', '  scope     = ["read:x"]', '}', ''].join('\n');
const GRANT_TF_JSON = `${JSON.stringify({ resource: { auth0_client_grant: { web_api: { client_id: '${auth0_client.web.id}', audience: 'https://api.example.com', scope: ['read:x'] } } } }, null, 2)}\n`;

const PROJECTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'tenant.yaml': { 'tenant.yaml': PARTNER_YAML },
  'Terraform, one file': { 'main.tf': `${CLIENTS_TF}${CREDENTIALS_TF}${GRANT_TF}` },
  'Terraform module, .tf.json grant': { 'main.tf': CLIENTS_TF, 'credentials.tf': CREDENTIALS_TF, 'grants.tf.json': GRANT_TF_JSON },
};

/** The held findings' rules of each project. */
const HELD: Readonly<Record<string, readonly string[]>> = {
  'tenant.yaml': ['third-party-system-api-grant'],
  'Terraform, one file': ['client-grant-without-client-credentials', 'secret-on-public-app-type'],
  'Terraform module, .tf.json grant': ['client-grant-without-client-credentials', 'secret-on-public-app-type'],
};

test('--fix and --diff, safe or unsafe, leave the finding a misplaced comment means, and say why', async () => {
  for (const [name, files] of Object.entries(PROJECTS)) {
    for (const args of [['--fix'], ['--fix', '--unsafe-fixes'], ['--diff'], ['--diff', '--unsafe-fixes']]) {
      const dir = mkdtempSync(join(tmpdir(), 'grantlint-misplaced-'));
      try {
        mkdirSync(join(dir, '.git'));
        for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
        const what = `${name}, ${args.join(' ')}`;
        const outcome = await run([...args, '--no-color', ...(args[0] === '--fix' ? ['--format', 'json'] : []), '.'], dir);
        for (const [file, text] of Object.entries(files)) assert.equal(readFileSync(join(dir, file), 'utf8'), text, `${what}: ${file} unchanged`);
        if (args[0] === '--diff') {
          assert.equal([...outcome.stdout].join(''), '', `${what}: the diff is empty`);
          continue;
        }
        const findings = JSON.parse([...outcome.stdout].join('')) as CliFinding[];
        const held = findings.filter((f) => HELD[name]!.includes(f.ruleId));
        assert.deepEqual(held.map((f) => f.ruleId).sort(), [...HELD[name]!].sort(), `${what}: still reported`);
        for (const finding of held) {
          assert.match(finding.message, /\(no fix: .*may mean (this finding|it)/, `${what}: ${finding.message}`);
          assert.equal(finding.fixable, false, what);
          // Still about its client (json's `client`, SARIF's properties.client), held or not.
          assert.ok(finding.client, `${what}: ${finding.ruleId} names its client`);
        }
        assert.ok(findings.some((f) => f.ruleId === 'unused-suppression' && /is reported at/.test(f.message)), `${what}: the comment is told where to go`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
});

test('a finding whose fixes a comment holds still names its client in json (misspelt or misplaced)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-held-client-'));
  try {
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'misspelt.yaml'), ['clients:', '  # grantlint-disable-next-line public-client-credential', '  - name: Widget', '    app_type: spa', '    token_endpoint_auth_method: none', '    grant_types: [authorization_code, client_credentials]', ''].join('\n'));
    writeFileSync(join(dir, 'tenant.yaml'), PARTNER_YAML);
    const findings = JSON.parse([...(await run(['--format', 'json', '.'], dir)).stdout].join('')) as CliFinding[];
    const held = findings.filter((f) => /\(no fix: .*may mean/.test(f.message));
    assert.deepEqual(held.map((f) => [f.ruleId, f.client]).sort(), [['public-client-credentials', 'Widget'], ['third-party-system-api-grant', 'Partner']]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
