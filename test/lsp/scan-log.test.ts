/**
 * The output log names each workspace scan that ran to its end, once: a scan that a newer one cancelled (a
 * configuration change right after start-up, as VS Code sends one) used to log "Checked 0 files" before the real
 * count, which read as if the workspace held nothing.
 */
import assert from 'node:assert/strict';
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
