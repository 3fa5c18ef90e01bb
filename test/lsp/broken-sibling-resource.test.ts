/**
 * In the editor, a main.tf being typed with a syntax error in one client (a lone quote, no auto-pairing; a bracket
 * left open; `:` for `=`) costs that client only: the sibling credentials.tf still knows the other clients (its
 * hover says whether each is public, its diagnostics keep their findings), and main.tf keeps the other clients'
 * findings. The broken client is at the start or the end of main.tf.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol/node';
import { positionOf, TestServer } from './helpers';

const SHOP = 'resource "auth0_client" "shop" {\n  name        = "Shop"\n  app_type    = "spa"\n  grant_types = ["authorization_code", "authorization_code", "implicit"]\n}\n';
const JOB = (line: string) => `resource "auth0_client" "job" {\n  name        = "Job"\n  app_type    = "non_interactive"\n${line}}\n`;
const CREDENTIALS = 'resource "auth0_client_credentials" "shop" {\n  client_id             = auth0_client.shop.id\n  authentication_method = "client_secret_post"\n}\n';
const BREAKS = ['  grant_types = ["client_credentials", "]\n', '  grant_types = ["client_credentials",\n', '  grant_types: ["client_credentials"]\n'];

describe('a syntax error in one client of a module being edited', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ files: { 'infra/main.tf': `${SHOP}\n${JOB('  grant_types = ["client_credentials"]\n')}`, 'infra/credentials.tf': CREDENTIALS } });
  });
  after(async () => {
    await server.stop();
  });

  it('costs that client only: the sibling keeps its hover and findings, main.tf the other client', async () => {
    const credentials = await server.open('infra/credentials.tf', CREDENTIALS);
    let main: string | undefined;
    for (const line of BREAKS) {
      for (const order of ['job first', 'job last'] as const) {
        const text = order === 'job first' ? `${JOB(line)}\n${SHOP}` : `${SHOP}\n${JOB(line)}`;
        const where = `${JSON.stringify(line)}, ${order}`;
        if (main === undefined) main = await server.open('infra/main.tf', text);
        else await server.change(main, text);
        // The note that the syntax error holds back every fix in the file has no rule id.
        const codes = (await server.waitForCurrent(main)).map((d) => d.code ?? 'note').sort();
        assert.deepEqual(codes, ['duplicate-grant-type', 'implicit-grant', 'note', ...codes.filter((c) => c === 'parse-error')].sort(), where);
        assert.ok(codes.includes('parse-error'), where);
        // The sibling is linted again with main.tf's buffer.
        const mark = server.mark();
        await server.change(credentials, CREDENTIALS);
        const sibling = await server.waitForDiagnostics(credentials, { after: mark });
        assert.deepEqual(sibling.diagnostics.map((d) => d.code), ['secret-on-public-app-type'], where);
        const hover = await server.hover(credentials, positionOf(CREDENTIALS, '"client_secret_post"', 2));
        const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
        assert.match(value, /\*\*This client \(Shop\):\*\* confidential/, `${where}\n${value}`);
        assert.doesNotMatch(value, /not defined in this module/, where);
      }
    }
  });
});
