/**
 * The output log names each workspace scan that ran to its end, once: a scan that a newer one cancelled (a
 * configuration change right after start-up, as VS Code sends one) used to log "Checked 0 files" before the real
 * count, which read as if the workspace held nothing.
 * "Checked N files in <folder>" counts the files in the folder the scan checked: not the `.grantlintrc.json`
 * (read as configuration, as README says of the CLI), open or not, and not an open document outside the folders
 * (the editor's own settings.json, an untitled one: U42 saw "Checked 13 files" for a folder of 12), which the line
 * counts apart. Such a document, once closed, leaves the files checked that the language status counts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TestServer } from './helpers';

const CLIENT = (i: number) => JSON.stringify({ name: `Client ${i}`, app_type: 'spa', token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'client_credentials'] });
const FILES = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`clients/Client ${i}.json`, CLIENT(i)]));

describe('workspace scan log', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ files: FILES });
    // At once, while the first scan runs: it is cancelled and a new one starts.
    await server.configurationChanged({ rules: { 'implicit-grant': 'off' } });
    await server.waitForScans(2);
    await server.waitFor('the scan log', () => (server.logs.some((l) => /^Checked \d+ files? in /.test(l)) ? true : undefined));
  });
  after(async () => {
    await server.stop();
  });

  it('logs only scans that ran to their end, each with the files it checked', () => {
    const checked = server.logs.filter((l) => /^Checked \d+ files? in /.test(l));
    assert.ok(checked.length >= 1);
    for (const line of checked) assert.match(line, /^Checked 400 files in .*: 400 hold Auth0 client configs\.$/, checked.join('\n'));
  });
});

describe('workspace scan log: one line for a scan and the configuration change right after it', () => {
  // A tenant open at once, whose lint the scan's count waits for, and the configuration the editor sends at
  // start-up: the first scan ended during the second and both logged the same line (U43 saw it twice).
  const TENANT = `clients:\n${Array.from({ length: 1500 }, (_, i) => `  - name: Client ${i}\n    app_type: spa\n    grant_types: [authorization_code, client_credentials, implicit]\n`).join('')}`;
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ files: { 'tenant.yaml': TENANT } });
  });
  after(async () => {
    await server.stop();
  });

  it('logs the settled scan once', async () => {
    const uri = await server.open('tenant.yaml', TENANT);
    await server.configurationChanged({ rules: { 'implicit-grant': 'off' } });
    await server.waitForScans(2);
    const lines = () => server.logs.filter((l) => /^Checked \d+ files? in /.test(l));
    await server.waitFor('the scan log', () => lines()[0]);
    // Its re-lint under the new configuration is published after the line: by then every scan has ended.
    await server.waitForDiagnostics(uri, { accept: (p) => p.diagnostics.length > 0 && !p.diagnostics.some((d) => d.code === 'implicit-grant') });
    // Each scan logs once its open documents' lints have ended, shortly after that publication: a second line would
    // come within this.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepEqual(lines().map((l) => l.replace(/ in \d+ ms/, '')), [`Checked 1 file in ${server.workspace}: 1 holds Auth0 client configs.`]);
  });
});

describe('workspace scan log: what "Checked N files in <folder>" counts', () => {
  const SPA = JSON.stringify({ name: 'Web', app_type: 'spa', token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'client_credentials'] });
  const WORKER = JSON.stringify({ name: 'Worker', app_type: 'non_interactive', grant_types: ['client_credentials'] });
  const CONFIG = '{\n  // team config\n  "rules": { "implicit-grant": "off" }\n}\n';
  const SETTINGS = '{\n  "editor.tabSize": 2,\n  "grantlint.rules": { "implicit-grant": "off" }\n}\n';
  const TENANT = 'clients:\n  - name: Scratch\n    app_type: spa\n    grant_types: [client_credentials]\n';
  let server: TestServer;
  let outside: string;
  const scanLines = () => server.logs.filter((l) => /^Checked \d+ files? in /.test(l));
  /** A configuration change (as the editor's Settings send one) scans again; its log line. */
  async function rescan(rules: Record<string, string>): Promise<string> {
    const before = scanLines().length;
    await server.configurationChanged({ rules });
    return server.waitFor('a new scan log line', () => scanLines()[before]);
  }

  before(async () => {
    // A folder of 3 files the scan checks (2 client configs, a package.json) and the config file.
    server = await TestServer.start({ files: { 'clients/Web.json': SPA, 'clients/Worker.json': WORKER, 'package.json': '{ "name": "infra" }\n', '.grantlintrc.json': CONFIG } });
    await server.waitFor('the scan log', () => scanLines()[0]);
    outside = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-outside-')));
  });
  after(async () => {
    await server.stop();
    rmSync(outside, { recursive: true, force: true });
  });

  it('counts the folder\'s files, not its .grantlintrc.json, open or not', async () => {
    assert.match(scanLines()[0]!, /^Checked 3 files in .* ms: 2 hold Auth0 client configs\.$/);
    await server.open('.grantlintrc.json', CONFIG, 'jsonc');
    assert.match(await rescan({ 'implicit-grant': 'warning' }), /^Checked 3 files in .* ms: 2 hold Auth0 client configs\.$/);
    assert.deepEqual(pick(server.statuses.at(-1)), { filesChecked: 3, clientConfigs: 2 });
  });

  it('counts open documents outside the folder apart, and forgets them once closed', async () => {
    const settingsPath = join(outside, 'settings.json');
    writeFileSync(settingsPath, SETTINGS);
    const settings = await server.openUri(pathToFileURL(settingsPath).href, SETTINGS, 'jsonc');
    const untitled = await server.openUri('untitled:Untitled-1', TENANT, 'yaml');
    await server.waitForCurrent(untitled);
    const line = await rescan({ 'implicit-grant': 'error' });
    assert.match(line, /^Checked 3 files in [^:]+ in \d+ ms: 2 hold Auth0 client configs\. Besides, 2 files open outside the workspace folders: 1 holds Auth0 client configs\.$/);
    // The language status counts every file checked, the open ones outside included.
    await server.waitFor('the status with the open documents', () => (server.statuses.at(-1)?.filesChecked === 5 ? true : undefined));
    assert.deepEqual(pick(server.statuses.at(-1)), { filesChecked: 5, clientConfigs: 3 });
    await server.close(settings);
    await server.close(untitled);
    await server.waitFor('the status without them', () => (server.statuses.at(-1)?.filesChecked === 3 ? true : undefined));
    assert.deepEqual(pick(server.statuses.at(-1)), { filesChecked: 3, clientConfigs: 2 });
    assert.match(await rescan({}), /^Checked 3 files in .* ms: 2 hold Auth0 client configs\.$/);
  });
});

function pick(status: { filesChecked: number; clientConfigs: number } | undefined): { filesChecked: number; clientConfigs: number } | undefined {
  return status && { filesChecked: status.filesChecked, clientConfigs: status.clientConfigs };
}
