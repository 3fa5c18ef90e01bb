/**
 * A deploy-cli directory whose tenant.json does not parse, in the language server: the workspace scan publishes the
 * syntax error on tenant.json (a closed file keeps its JSON syntax errors), and the client beside it gets its
 * legacy grant as a warning saying the flags cannot be read; fixing tenant.json on disk brings the flag back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { messageOf, TestServer } from './helpers';

const BROKEN = '{ "flags": { "allow_legacy_ro_grant_types": true } \n';
const CLIENT = JSON.stringify({ name: 'Old Intranet', app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code', 'http://auth0.com/oauth/legacy/grant-type/ro'] }, null, 2);

describe('a broken tenant.json in the language server', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ files: { 'tenant/tenant.json': BROKEN, 'tenant/clients/Old Intranet.json': CLIENT } });
    await server.waitForScans(1);
  });
  after(async () => {
    await server.stop();
  });

  it('publishes the syntax error on tenant.json and does not trust its flags', async () => {
    const tenant = await server.waitFor('tenant.json diagnostics', () => server.lastPublication(server.uri('tenant/tenant.json')));
    assert.deepEqual(tenant.diagnostics.map((d) => [d.code, d.severity]), [['parse-error', 1]]);
    const client = server.lastPublication(server.uri('tenant/clients/Old Intranet.json'));
    assert.deepEqual(client?.diagnostics.map((d) => [d.code, d.severity]), [['legacy-grant-type', 2]]);
    assert.match(messageOf(client!.diagnostics[0]!), /tenant\.json does not parse/);
  });

  it('fixing tenant.json on disk clears its error and reads the flag again', async () => {
    const mark = server.mark();
    server.write('tenant/tenant.json', '{ "flags": { "allow_legacy_ro_grant_types": true } }\n');
    await server.watchedFilesChanged([{ uri: server.uri('tenant/tenant.json'), type: FileChangeType.Changed }]);
    await server.waitFor('the client re-published with the flag', () => {
      const p = server.lastPublication(server.uri('tenant/clients/Old Intranet.json'));
      return p && server.publications.indexOf(p) >= mark && /still allowed in this tenant/.test((p.diagnostics[0] ? messageOf(p.diagnostics[0]) : '')) ? p : undefined;
    });
    await server.waitFor('tenant.json cleared', () => (server.lastPublication(server.uri('tenant/tenant.json'))?.diagnostics.length === 0 ? true : undefined));
  });
});
