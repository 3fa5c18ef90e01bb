/**
 * A YAML quote or flow list left open while typing: the editor shows its parse-error where the CLI reports it, on
 * the opening token's line (not past the file's end), and the held-fixes note names that line.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { lintText } from '../../server/src/engine/lint';
import { messageOf, TestServer } from './helpers';

const TENANT = `tenant:
  friendly_name: Test
clients:
  - name: Web SPA
    app_type: spa
    token_endpoint_auth_method: none
    grant_types: [authorization_code, implicit, client_credentials]
  - name: Mobile
    app_type: native
    grant_types:
      - authorization_code
  - name: Backend
    app_type: non_interactive
    grant_types: [client_credentials]
`;

const OPEN: readonly { readonly name: string; readonly text: string; readonly line: number }[] = [
  { name: 'a double quote', text: TENANT.replace('app_type: native', 'app_type: "native'), line: 9 },
  { name: 'a single quote', text: TENANT.replace('app_type: non_interactive', "app_type: 'non_interactive"), line: 13 },
  { name: 'a quote in a flow list', text: TENANT.replace('[client_credentials]', '["client_credentials]'), line: 14 },
  { name: 'a flow list', text: TENANT.replace('implicit, client_credentials]', 'implicit, client_credentials'), line: 7 },
  { name: 'a double quote (CRLF)', text: TENANT.replace('app_type: native', 'app_type: "native').replace(/\n/g, '\r\n'), line: 9 },
];

describe('a YAML quote or bracket left open, in the editor', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  it('is shown where the CLI reports it, at the opening line, and the held-fixes note names that line', async () => {
    for (const [index, open] of OPEN.entries()) {
      const cli = lintText({ path: '/w/tenant.yaml', text: open.text, format: 'yaml' }).findings.filter((f) => f.ruleId === 'parse-error');
      const uri = await server.open(`y${index}/tenant.yaml`, open.text);
      const diagnostics = await server.waitForCurrent(uri);
      const errors = diagnostics.filter((d) => d.code === 'parse-error');
      assert.deepEqual(
        errors.map((d) => [d.range.start.line + 1, messageOf(d)]),
        cli.map((f) => [open.text.slice(0, f.span.start).split('\n').length, f.message]),
        open.name,
      );
      assert.equal(errors[0]?.range.start.line, open.line - 1, `${open.name}: ${JSON.stringify(errors.map((d) => messageOf(d)))}`);
      assert.match(messageOf(errors[0]!), new RegExp(`on line ${open.line} is never closed`), open.name);
      const notes = diagnostics.map((d) => /until the syntax error on line (\d+) is mended/.exec(messageOf(d))?.[1]).filter((n) => n !== undefined);
      // The Web SPA's findings (fixable, held) come before the mistake, except where the mistake is in its own list.
      if (open.line > 7) assert.ok(notes.length > 0, `${open.name}: a held-fixes note`);
      for (const note of notes) assert.equal(Number(note), open.line, open.name);
      await server.close(uri);
    }
  });
});
