/**
 * The quick fixes on unused-suppression over the protocol, from clients that echo diagnostic data and from those
 * that do not (the server then finds the report itself): a misspelt rule id is offered its correction (preferred)
 * and its removal, an id that silences nothing its removal from the comment, in YAML and Terraform HCL. Applied,
 * each leaves the findings the rule book expects, and "fix all" leaves such comments alone. A directive that ends a
 * line, or is written `grantlint-disable-line`, is moved to a line of its own above (as the next-line directive).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { applyEdits, editsFor, isCodeAction, NO_DATA_CAPABILITIES, TestServer } from './helpers';

const YAML = [
  'clients:',
  '  # grantlint-disable-next-line public-client-credential, implicit-grant -- kiosk token job',
  '  - name: Kiosk',
  '    app_type: spa',
  '    token_endpoint_auth_method: none',
  '    grant_types: [client_credentials, authorization_code]',
  '',
].join('\n');

const HCL = [
  '// grantlint-disable-next-line implicit-grant',
  'resource "auth0_client" "kiosk" {',
  '  name        = "Kiosk"',
  '  app_type    = "spa"',
  '  grant_types = ["client_credentials", "authorization_code"]',
  '}',
  '',
  'resource "auth0_client_credentials" "kiosk" {',
  '  client_id             = auth0_client.kiosk.id',
  '  authentication_method = "none"',
  '}',
  '',
].join('\n');

for (const [label, capabilities] of [
  ['a client that echoes diagnostic data', undefined],
  ['a client without diagnostic data', NO_DATA_CAPABILITIES],
] as const) {
  describe(`unused-suppression quick fixes, ${label}`, () => {
    let server: TestServer;
    before(async () => {
      server = await TestServer.start({ settings: { workspaceScan: false }, ...(capabilities ? { capabilities } : {}) });
    });
    after(async () => {
      await server.stop();
    });

    async function actionsOn(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
      const sent = capabilities ? (({ data: _dropped, ...bare }) => bare)(diagnostic) : diagnostic;
      return ((await server.codeActions(uri, diagnostic.range, [sent])) ?? []).filter(isCodeAction);
    }

    async function apply(uri: string, text: string, action: CodeAction): Promise<{ text: string; codes: string[] }> {
      const edited = applyEdits(text, editsFor(action.edit, uri));
      await server.change(uri, edited);
      const found = await server.waitForCurrent(uri);
      return { text: edited, codes: found.map((d) => `${d.code}`).sort() };
    }

    it('YAML: a misspelt id is corrected or removed, an id that silences nothing removed', async () => {
      const uri = await server.open('yaml/tenant.yaml', YAML);
      const found = await server.waitForCurrent(uri);
      assert.deepEqual(found.map((d) => `${d.code}`).sort(), ['public-client-credentials', 'unused-suppression', 'unused-suppression']);
      const misspelt = found.find((d) => String(d.message).includes("'public-client-credential'"));
      assert.ok(misspelt);
      const actions = await actionsOn(uri, misspelt);
      const titles = actions.map((a) => a.title);
      const change = actions.find((a) => a.title === "Change 'public-client-credential' to 'public-client-credentials'");
      assert.ok(change, titles.join(' | '));
      assert.equal(change.isPreferred, true);
      assert.ok(titles.includes("Remove 'public-client-credential' from this grantlint-disable comment"), titles.join(' | '));
      // The comment's rule is not one the "Disable ... for this client" action could add to.
      assert.ok(!titles.some((t) => t.startsWith('Disable unused-suppression')));

      const changed = await apply(uri, YAML, change);
      assert.match(changed.text, /# grantlint-disable-next-line public-client-credentials, implicit-grant -- kiosk token job\n/);
      assert.deepEqual(changed.codes, ['unused-suppression'], 'the finding is silenced; implicit-grant still silences nothing');

      const unused = (await server.waitForCurrent(uri))[0]!;
      const removal = (await actionsOn(uri, unused)).find((a) => a.title === "Remove 'implicit-grant' from this grantlint-disable comment");
      assert.ok(removal);
      const removed = await apply(uri, changed.text, removal);
      assert.match(removed.text, /# grantlint-disable-next-line public-client-credentials -- kiosk token job\n/);
      assert.deepEqual(removed.codes, []);
    });

    it('a comment of ids that all silence nothing, one named twice: each removal listed once, and the whole comment', async () => {
      const text = ['clients:', '  # grantlint-disable-next-line implicit-grant, duplicate-grant-type, implicit-grant', '  - name: Web', '    app_type: regular_web', '    grant_types: [authorization_code]', ''].join('\n');
      const uri = await server.open('stale/tenant.yaml', text);
      const found = await server.waitForCurrent(uri);
      assert.deepEqual(found.map((d) => `${d.code}`), ['unused-suppression', 'unused-suppression', 'unused-suppression']);
      const sent = capabilities ? found.map(({ data: _dropped, ...bare }) => bare) : found;
      const actions = ((await server.codeActions(uri, found[0]!.range, sent)) ?? []).filter(isCodeAction);
      const titles = actions.map((a) => a.title).filter((t) => t.startsWith('Remove'));
      assert.deepEqual(titles.sort(), ["Remove 'duplicate-grant-type' from this grantlint-disable comment", "Remove 'implicit-grant' from this grantlint-disable comment", 'Remove this grantlint-disable comment']);
      const both = actions.find((a) => a.title === "Remove 'implicit-grant' from this grantlint-disable comment")!;
      assert.equal(both.diagnostics?.length, 2, 'one action for both copies of the id');
      const removed = await apply(uri, text, both);
      assert.match(removed.text, /# grantlint-disable-next-line duplicate-grant-type\n/);
      const whole = actions.find((a) => a.title === 'Remove this grantlint-disable comment')!;
      await server.change(uri, text);
      await server.waitForCurrent(uri);
      const gone = await apply(uri, text, whole);
      assert.equal(gone.text, text.replace(/^ {2}# grantlint-disable-next-line .*\n/m, ''));
      assert.deepEqual(gone.codes, []);
    });

    it('"Disable <rule>" on a finding a misspelt comment holds corrects the id instead of adding the rule beside it', async () => {
      const text = [
        'clients:',
        '  # grantlint-disable-next-line public-client-credential -- kiosk',
        '  - name: Kiosk',
        '    app_type: spa',
        '    token_endpoint_auth_method: none',
        '    grant_types: [client_credentials, authorization_code]',
        '  - name: Billing',
        '    app_type: regular_web',
        '    token_endpoint_auth_method: client_secret_post',
        '    grant_types: [authorization_code]',
        'clientGrants:',
        '  # grantlint-disable-next-line client-grant-without-client-credential',
        '  - client_id: Billing',
        '    audience: https://billing.example.com/',
        '    scope: [read:invoices]',
        '',
      ].join('\n');
      const uri = await server.open('held/tenant.yaml', text);
      const found = await server.waitForCurrent(uri);
      let current = text;
      for (const rule of ['public-client-credentials', 'client-grant-without-client-credentials']) {
        const diagnostics = await server.waitForCurrent(uri);
        const held = diagnostics.find((d) => d.code === rule);
        assert.ok(held, `${rule} in ${found.map((d) => d.code).join(', ')}`);
        const sent = capabilities ? (({ data: _dropped, ...bare }) => bare)(held) : held;
        const actions = ((await server.codeActions(uri, held.range, [sent])) ?? []).filter(isCodeAction);
        const disable = actions.find((a) => a.title.startsWith(`Disable ${rule} for this client`));
        assert.ok(disable, actions.map((a) => a.title).join(' | '));
        current = (await apply(uri, current, disable)).text;
      }
      assert.match(current, /# grantlint-disable-next-line public-client-credentials -- kiosk\n/);
      assert.match(current, /# grantlint-disable-next-line client-grant-without-client-credentials\n/);
      assert.deepEqual((await server.waitForCurrent(uri)).map((d) => d.code), []);
    });

    it('a directive at the end of a line is moved above it, and grantlint-disable-line becomes grantlint-disable-next-line', async () => {
      const text = [
        'clients:',
        '  - name: Kiosk',
        '    app_type: spa',
        '    token_endpoint_auth_method: none',
        '    grant_types: [client_credentials, authorization_code]  # grantlint-disable-line public-client-credentials',
        '',
      ].join('\n');
      const uri = await server.open('line-end/tenant.yaml', text);
      const found = await server.waitForCurrent(uri);
      assert.deepEqual(found.map((d) => `${d.code}`).sort(), ['public-client-credentials', 'unused-suppression']);
      const actions = await actionsOn(uri, found.find((d) => d.code === 'unused-suppression')!);
      const move = actions.find((a) => a.title === 'Change to grantlint-disable-next-line on its own line above');
      assert.ok(move, actions.map((a) => a.title).join(' | '));
      assert.equal(move.isPreferred, true);
      const moved = await apply(uri, text, move);
      assert.equal(moved.text, text.replace('    grant_types: [client_credentials, authorization_code]  # grantlint-disable-line public-client-credentials', '    # grantlint-disable-next-line public-client-credentials\n    grant_types: [client_credentials, authorization_code]'));
      assert.deepEqual(moved.codes, [], 'the directive silences the finding it was written for');
    });

    it('HCL: the only id removed takes its comment line with it; fix all leaves the comment', async () => {
      const uri = await server.open('hcl/main.tf', HCL, 'terraform');
      const found = await server.waitForCurrent(uri);
      assert.deepEqual(found.map((d) => `${d.code}`).sort(), ['public-client-credentials', 'unused-suppression']);
      const fixAll = ((await server.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.grantlint'] },
      })) ?? []) as CodeAction[];
      assert.equal(fixAll.length, 1, 'fix all removes client_credentials');
      const fixedAll = applyEdits(HCL, editsFor(fixAll[0]!.edit, uri));
      assert.ok(!fixedAll.includes('"client_credentials"'));
      assert.ok(fixedAll.startsWith('// grantlint-disable-next-line implicit-grant\n'), 'fix all leaves the comment');
      const unused = found.find((d) => d.code === 'unused-suppression')!;
      const actions = await actionsOn(uri, unused);
      const removal = actions.find((a) => a.title === 'Remove this grantlint-disable comment');
      assert.ok(removal, actions.map((a) => a.title).join(' | '));
      const removed = await apply(uri, HCL, removal);
      assert.equal(removed.text, HCL.split('\n').slice(1).join('\n'));
      assert.deepEqual(removed.codes, ['public-client-credentials']);
    });
  });
}
