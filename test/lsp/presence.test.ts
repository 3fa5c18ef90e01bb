/** The server says it is there: a start-up log line, a log line per workspace scan, and grantlint/status. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { TestServer } from './helpers';
import { CLEAN_CLIENT_JSON, CLIENT_JSON, TENANT_YAML, WORKFLOW_YAML } from './fixtures';

const VERSION = (JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;

describe('presence', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({
      files: {
        'tenant.yaml': TENANT_YAML,
        'clients/Portal.json': CLIENT_JSON,
        'clients/Clean.json': CLEAN_CLIENT_JSON,
        '.github/workflows/ci.yml': WORKFLOW_YAML,
      },
    });
  });
  after(async () => {
    await server.stop();
  });

  it('logs its start (version, folders) and what the first scan checked, and how long it took', async () => {
    const started = await server.waitFor('a start-up line', () => server.logs.find((l) => l.startsWith('Grantlint server')));
    assert.match(started, new RegExp(`^Grantlint server ${VERSION.replace(/\./g, '\\.')} started \\(Node\\.js v[\\d.]+\\); workspace folders: ${server.workspace}\\.$`));
    const scanned = await server.waitFor('a scan line', () => server.logs.find((l) => l.startsWith('Checked ')));
    assert.match(scanned, new RegExp(`^Checked 4 files in ${server.workspace} in \\d+ ms: 3 hold Auth0 client configs\\.$`));
  });

  it('sends grantlint/status with the files checked and the client configs among them, and keeps it current', async () => {
    const first = await server.waitFor('a status', () => server.statuses.at(-1));
    assert.deepEqual(first, { version: VERSION, filesChecked: 4, clientConfigs: 3, scanStopped: [] });
    server.write('clients/New.json', CLEAN_CLIENT_JSON.replace('Clean', 'New'));
    await server.watchedFilesChanged([{ uri: server.uri('clients/New.json'), type: FileChangeType.Created }]);
    await server.waitFor('status with the new file', () => server.statuses.find((s) => s.clientConfigs === 4));
    await server.watchedFilesChanged([{ uri: pathToFileURL(server.path('clients/Portal.json')).href, type: FileChangeType.Deleted }]);
    const last = await server.waitFor('status without the deleted file', () => server.statuses.find((s) => s.clientConfigs === 3 && s.filesChecked === 4 && s !== first));
    assert.equal(last.version, VERSION);
  });

  it('counts afresh when the settings change: files no longer checked drop out', async () => {
    await server.configurationChanged({ exclude: ['clients/**'] });
    const status = await server.waitFor('a status without clients/', () => server.statuses.at(-1)?.clientConfigs === 1 ? server.statuses.at(-1) : undefined);
    assert.deepEqual(status, { version: VERSION, filesChecked: 2, clientConfigs: 1, scanStopped: [] });
  });
});
