import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { applyEdits, editsFor, isCodeAction, RULE_PAGES, TestServer } from './helpers';
import { CLIENT_JSON, TENANT_YAML } from './fixtures';

describe('code actions', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  async function actionsFor(uri: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
    const result = await server.codeActions(uri, diagnostic.range, [diagnostic], only);
    assert.ok(result, 'the server answers with a list');
    return result.filter(isCodeAction);
  }

  /** Applies an action's edit to the open document, sends the change and returns the diagnostics after it. */
  async function apply(uri: string, action: CodeAction): Promise<{ text: string; diagnostics: Diagnostic[] }> {
    const edits = editsFor(action.edit, uri);
    assert.ok(edits.length > 0, `'${action.title}' edits the document`);
    const text = applyEdits(server.text(uri), edits);
    await server.change(uri, text);
    return { text, diagnostics: await server.waitForCurrent(uri) };
  }

  function find(diagnostics: Diagnostic[], code: string): Diagnostic {
    const found = diagnostics.find((d) => d.code === code);
    assert.ok(found, `a ${code} diagnostic`);
    return found;
  }

  it('offers each quick fix with its exact title, the first preferred, and applying it removes the finding', async () => {
    const uri = await server.open('fix/tenant.yaml', TENANT_YAML);
    const diagnostic = find(await server.waitForCurrent(uri), 'public-client-credentials');
    const actions = await actionsFor(uri, diagnostic);
    const fixes = actions.filter((a) => a.edit && !a.title.startsWith('Disable'));
    assert.deepEqual(
      fixes.map((a) => [a.title, a.kind, a.isPreferred]),
      [
        ["Remove grant 'client_credentials'", 'quickfix', true],
        ["Set token_endpoint_auth_method to 'client_secret_post' (unsafe: changes the auth method)", 'quickfix', false],
        ["Set token_endpoint_auth_method to 'client_secret_basic' (unsafe: changes the auth method)", 'quickfix', false],
      ],
    );
    for (const action of fixes) assert.deepEqual(action.diagnostics, [diagnostic]);
    const { text, diagnostics } = await apply(uri, fixes[0]!);
    assert.doesNotMatch(text, /- client_credentials/);
    assert.equal(diagnostics.filter((d) => d.code === 'public-client-credentials').length, 0);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['legacy-grant-type'],
    );
  });

  it('applies a non-preferred fix too', async () => {
    const uri = await server.open('fix2/tenant.yaml', TENANT_YAML);
    const diagnostic = find(await server.waitForCurrent(uri), 'public-client-credentials');
    const action = (await actionsFor(uri, diagnostic)).find((a) => a.title === "Set token_endpoint_auth_method to 'client_secret_post' (unsafe: changes the auth method)");
    assert.ok(action);
    const { text, diagnostics } = await apply(uri, action);
    assert.match(text, /token_endpoint_auth_method: client_secret_post/);
    assert.equal(diagnostics.filter((d) => d.code === 'public-client-credentials').length, 0);
  });

  it('fixes JSON clients', async () => {
    const uri = await server.open('clients/Portal.json', CLIENT_JSON);
    const diagnostic = find(await server.waitForCurrent(uri), 'unknown-grant-type');
    const actions = await actionsFor(uri, diagnostic);
    // A guess by spelling is unsafe, but still offered, and preferred as the rule's only fix.
    assert.equal(actions[0]?.title, "Remove 'authorisation_code' ('authorization_code' is already listed) (unsafe: a guess by spelling)");
    assert.equal(actions[0]?.isPreferred, true);
    assert.deepEqual((diagnostic.data as { fixes: { safe: boolean }[] }).fixes.map((f) => f.safe), [false]);
    assert.equal(actions.some((a) => a.title.startsWith('Disable')), false, 'JSON has no suppression comments');
    const { diagnostics } = await apply(uri, actions[0]!);
    assert.equal(diagnostics.filter((d) => d.code === 'unknown-grant-type').length, 0);
  });

  it('disables a rule for one client with a comment above its list entry', async () => {
    const uri = await server.open('disable/tenant.yaml', TENANT_YAML);
    const diagnostic = find(await server.waitForCurrent(uri), 'legacy-grant-type');
    const action = (await actionsFor(uri, diagnostic)).find((a) => a.title === 'Disable legacy-grant-type for this client');
    assert.ok(action);
    assert.equal(action.kind, 'quickfix');
    const { text, diagnostics } = await apply(uri, action);
    assert.match(text, /\nclients:\n {2}# grantlint-disable-next-line legacy-grant-type\n {2}- name: Web SPA\n/);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['public-client-credentials'],
      'the legacy finding is silenced and the comment is used',
    );

    // A second rule joins the same comment.
    const second = (await actionsFor(uri, diagnostics[0]!)).find((a) => a.title === 'Disable public-client-credentials for this client');
    assert.ok(second);
    const after = await apply(uri, second);
    assert.match(after.text, /# grantlint-disable-next-line legacy-grant-type, public-client-credentials\n {2}- name: Web SPA/);
    assert.deepEqual(after.diagnostics, []);
  });

  it('offers no edits made for an older version of the text', async () => {
    const uri = await server.open('stale/tenant.yaml', TENANT_YAML);
    const old = find(await server.waitForCurrent(uri), 'public-client-credentials');
    await server.change(uri, `# edited\n${TENANT_YAML}`);
    const actions = await actionsFor(uri, old);
    // "Fix all safe problems" runs on the current text when chosen; nothing else edits.
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Show documentation for public-client-credentials', 'Fix all safe problems in this file'],
    );
    const fresh = find(await server.waitForCurrent(uri), 'public-client-credentials');
    assert.equal((await actionsFor(uri, fresh)).filter((a) => a.edit).length, 4);
  });

  it('does not offer to disable parse errors', async () => {
    const broken = 'clients:\n  - name: [unclosed\n    grant_types: [implicit\n';
    const uri = await server.open('broken/tenant.yaml', broken);
    const diagnostics = await server.waitForCurrent(uri);
    const parseError = find(diagnostics, 'parse-error');
    const actions = await actionsFor(uri, parseError);
    assert.equal(actions.some((a) => a.title.startsWith('Disable')), false);
    assert.ok(actions.some((a) => a.title === 'Show documentation for parse-error'));
  });

  it('shows a rule\'s documentation through a command the server carries out', async () => {
    const uri = server.uri('clients/Portal.json');
    const diagnostic = (await server.waitForCurrent(uri))[0];
    assert.ok(diagnostic);
    const action = (await actionsFor(uri, diagnostic)).find((a) => a.title === `Show documentation for ${diagnostic.code}`);
    assert.ok(action?.command);
    assert.equal(action.command.command, 'grantlint.showDocumentation');
    const url = `${RULE_PAGES}${diagnostic.code}.md`;
    assert.deepEqual(action.command.arguments, [url]);
    await server.executeCommand(action.command.command, action.command.arguments ?? []);
    const shown = await server.waitFor('showDocument', () => server.shownDocuments.find((d) => d.uri === url));
    assert.equal(shown.external, false, 'the bundled page opens in the editor, offline');
  });

  it('offers source.fixAll.grantlint only when asked; it applies safe fixes only', async () => {
    const uri = await server.open('all/tenant.yaml', TENANT_YAML);
    const diagnostics = await server.waitForCurrent(uri);
    const plain = await actionsFor(uri, diagnostics[0]!);
    assert.equal(plain.some((a) => a.kind === 'source.fixAll.grantlint'), false);

    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const result = await server.codeActions(uri, range, [], ['source.fixAll']);
    const actions = (result ?? []).filter(isCodeAction);
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['source.fixAll.grantlint'],
    );
    const { text, diagnostics: after } = await apply(uri, actions[0]!);
    const safelyFixable = after.filter((d) => (d.data as { fixes: { safe: boolean }[] }).fixes.some((f) => f.safe));
    assert.deepEqual(safelyFixable, []);
    assert.equal(after.some((d) => d.code === 'public-client-credentials'), false, 'the safe removal is applied');
    // The legacy grant this tenant rejects is removed (safe); its replacement, which grants something new, is not.
    assert.doesNotMatch(text, /delegation\/refresh_token/);
    assert.doesNotMatch(text, /refresh_token/);
    assert.equal(after.some((d) => d.code === 'legacy-grant-type'), false);
  });

  it('fixes everything through the grantlint.fixAll command and workspace/applyEdit', async () => {
    const uri = await server.open('command/tenant.yaml', TENANT_YAML);
    await server.waitForCurrent(uri);
    await server.executeCommand('grantlint.fixAll', [uri]);
    const applied = await server.waitFor('applyEdit', () => server.applied.find((p) => editsFor(p.edit, uri).length > 0));
    const text = applyEdits(server.text(uri), editsFor(applied.edit, uri));
    assert.doesNotMatch(text, /client_credentials\n.*legacy/);
    await server.change(uri, text);
    const after = await server.waitForCurrent(uri);
    // Safe fixes only: the public client loses client_credentials and the rejected legacy grant, and nothing is
    // put in their place.
    assert.deepEqual(
      after.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => d.code),
      [],
    );
    assert.doesNotMatch(text, /refresh_token/);
  });
});
