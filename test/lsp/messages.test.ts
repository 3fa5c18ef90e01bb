/**
 * The editor shows the same messages as the CLI: every diagnostic the language server publishes for the files of
 * the CLI fixtures and examples, and of files written for every way a fix goes missing (a YAML anchor that other
 * clients share, as a list alias, an item alias and a merge key; a misspelt grant whose likely meaning would give
 * the client a new error, in YAML, JSON and HCL; a safe fix left out), has the text, position and rule of the CLI's
 * json finding (a note: no rule), and its related information is one short line each.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CliFinding } from '../../server/src/cli/report';
import { MAX_MESSAGE_LENGTH } from '../../server/src/engine/rules/messages';
import { messageOf, TestServer } from './helpers';

const REPO = join(__dirname, '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');
const WITHHELD = mkdtempSync(join(tmpdir(), 'grantlint-withheld-'));
const FOLDERS = [join(REPO, 'test', 'fixtures', 'cli', 'mixed-stylish', 'input'), join(REPO, 'examples'), WITHHELD];

const LONG = 'Customer Self Service Portal for the Northern Region';
/** Files whose findings lose a fix, each in its own folder (one tenant.yaml, one module). */
const WITHHELD_FILES: Readonly<Record<string, string>> = {
  'list-alias/tenant.yaml': `x-web-grants: &web_grants\n  - authorization_code\n  - http://auth0.com/oauth/grant-type/password-realm\n  - implicit\nclients:\n  - name: ${LONG}\n    app_type: regular_web\n    is_first_party: false\n    grant_types: *web_grants\n  - name: Admin portal\n    app_type: regular_web\n    grant_types: *web_grants\n`,
  'item-alias/tenant.yaml': `clients:\n  - name: ${LONG}\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: [authorization_code, &cc client_credentials]\n  - name: Worker\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: [*cc]\n`,
  'merge-key/tenant.yaml': `x-spa: &spa\n  app_type: spa\n  token_endpoint_auth_method: none\n  grant_types: [authorization_code, client_credentials]\nclients:\n  - name: ${LONG}\n    <<: *spa\n  - name: Checkout\n    <<: *spa\n`,
  'misspelt/tenant.yaml': 'clients:\n  - name: TV App\n    app_type: regular_web\n    oidc_conformant: true\n    grant_types:\n      - authorization_code\n      - device_code\n  - name: Single\n    app_type: spa\n    grant_types: client_credentials\n',
  'misspelt-json/client.json': `${JSON.stringify({ name: 'TV App', app_type: 'regular_web', oidc_conformant: true, grant_types: ['authorization_code', 'urn:ietf:params:oauth:grant-type:device-code'] }, null, 2)}\n`,
  'misspelt-hcl/main.tf': 'resource "auth0_client" "tv" {\n  name        = "TV"\n  app_type    = "regular_web"\n  grant_types = ["password", "http://auth0.com/oauth/grant-type/device_code"]\n}\n',
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(json|ya?ml|tf)$/.test(name) ? [path] : [];
  });
}

describe('the same messages in the editor and the CLI', () => {
  let server: TestServer;
  before(async () => {
    for (const [rel, text] of Object.entries(WITHHELD_FILES)) {
      mkdirSync(join(WITHHELD, rel, '..'), { recursive: true });
      writeFileSync(join(WITHHELD, rel), text);
    }
    // The written files are on the server's disk too, as the CLI reads them: a Terraform module's create-time
    // default method is known only where the module's files can be listed.
    const files = Object.fromEntries(Object.entries(WITHHELD_FILES).map(([rel, text]) => [join('withheld', rel), text]));
    server = await TestServer.start({ settings: { workspaceScan: false }, files });
  });
  after(async () => {
    await server.stop();
    rmSync(WITHHELD, { recursive: true, force: true });
  });

  for (const folder of FOLDERS) {
    it(`${folder === WITHHELD ? 'fixes withheld' : relative(REPO, folder)}: every diagnostic is the CLI's finding`, async () => {
      const run = spawnSync(process.execPath, [CLI, '--format', 'json', '.'], { cwd: folder, encoding: 'utf8' });
      const cliFindings = JSON.parse(run.stdout) as CliFinding[];
      const fromCli = cliFindings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.message}`);
      const fromEditor: string[] = [];
      for (const file of files(folder)) {
        const rel = relative(folder, file);
        const uri = await server.open(join(folder === WITHHELD ? 'withheld' : relative(REPO, folder), rel), readFileSync(file, 'utf8'));
        for (const d of await server.waitForCurrent(uri)) {
          // A note has no rule id: null in the CLI's json.
          fromEditor.push(`${rel}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code === undefined ? 'null' : String(d.code)} ${messageOf(d)}`);
          for (const info of d.relatedInformation ?? []) {
            assert.ok(info.message.length <= MAX_MESSAGE_LENGTH && !info.message.includes('\n'), info.message);
          }
        }
      }
      assert.ok(fromCli.length > 0);
      // Each written file loses a fix, and the CLI says why in the message.
      if (folder === WITHHELD) for (const rel of Object.keys(WITHHELD_FILES)) assert.ok(fromCli.some((f) => f.startsWith(`${rel}:`) && /\((no fix|no safe fix|not offered|preferred fix not offered)[:]/.test(f)), `${rel}: no withheld fix:\n${fromCli.join('\n')}`);
      assert.deepEqual([...fromEditor].sort(), [...fromCli].sort());
    });
  }
});
