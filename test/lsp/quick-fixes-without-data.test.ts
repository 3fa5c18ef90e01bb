/**
 * Quick fixes for clients that do not echo diagnostic `data` (no publishDiagnostics.dataSupport) or that ask with
 * an empty `context.diagnostics` (Neovim and others ask for a range): the server answers from its analysis of the
 * current text, and never from data made for another version.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-protocol/node';
import { applyEdits, editsFor, isCodeAction, NO_DATA_CAPABILITIES, TestServer } from './helpers';
import { CLIENT_JSON, TENANT_YAML } from './fixtures';

/** The diagnostic as a client without dataSupport holds it. */
function withoutData(diagnostic: Diagnostic): Diagnostic {
  const { data: _dropped, ...rest } = diagnostic;
  return rest;
}

function titles(actions: readonly CodeAction[]): string[] {
  return actions.map((a) => a.title);
}

describe('quick fixes without echoed data', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false }, capabilities: NO_DATA_CAPABILITIES });
  });
  after(async () => {
    await server.stop();
  });

  async function actions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const result = await server.codeActions(uri, range, diagnostics);
    assert.ok(result, 'the server answers with a list');
    return result.filter(isCodeAction);
  }

  async function apply(uri: string, action: CodeAction): Promise<{ text: string; diagnostics: Diagnostic[] }> {
    const edits = editsFor(action.edit, uri);
    assert.ok(edits.length > 0, `'${action.title}' edits the document`);
    const text = applyEdits(server.text(uri), edits);
    await server.change(uri, text);
    return { text, diagnostics: await server.waitForCurrent(uri) };
  }

  it('offers the same quick fixes for a diagnostic without data as with it, and they work', async () => {
    for (const [rel, text, code] of [
      ['nodata/tenant.yaml', TENANT_YAML, 'public-client-credentials'],
      ['nodata/clients/Portal.json', CLIENT_JSON, 'unknown-grant-type'],
    ] as const) {
      const uri = await server.open(rel, text);
      const diagnostic = (await server.waitForCurrent(uri)).find((d) => d.code === code);
      assert.ok(diagnostic, `${rel}: a ${code} diagnostic`);
      const withData = await actions(uri, diagnostic.range, [diagnostic]);
      const bare = await actions(uri, diagnostic.range, [withoutData(diagnostic)]);
      assert.deepEqual(titles(bare), titles(withData), rel);
      assert.ok(bare.filter((a) => a.edit).length >= 1, `${rel}: fixes without data`);
      assert.deepEqual(bare[0]?.diagnostics, [withoutData(diagnostic)], 'the actions name the client\'s own diagnostic');
      const { diagnostics } = await apply(uri, bare[0]!);
      assert.equal(diagnostics.some((d) => d.code === code && d.range.start.line === diagnostic.range.start.line), false, `${rel}: fixed`);
    }
  });

  it('answers a range with findings when context.diagnostics is empty', async () => {
    const uri = await server.open('range/tenant.yaml', TENANT_YAML);
    const published = await server.waitForCurrent(uri);
    const credentials = published.find((d) => d.code === 'public-client-credentials');
    assert.ok(credentials);
    // A cursor inside the finding, as Neovim sends it.
    const cursor = { line: credentials.range.start.line, character: credentials.range.start.character + 3 };
    const found = await actions(uri, { start: cursor, end: cursor }, []);
    // The same actions as for the published diagnostic with its data (the file-wide "Fix all" aside).
    const withData = await actions(uri, credentials.range, [credentials]);
    assert.deepEqual(titles(found), titles(withData));
    assert.equal(found[0]?.title, "Remove grant 'client_credentials'");
    assert.ok(found.some((a) => a.title === 'Disable public-client-credentials for this client'));
    assert.ok(found.some((a) => a.title === 'Show documentation for public-client-credentials'));
    assert.equal(found[0]?.diagnostics?.[0]?.code, 'public-client-credentials');
    assert.deepEqual(found[0]?.diagnostics?.[0]?.range, credentials.range);
    // A cursor at the start of the finding's line, before the finding: the line's findings.
    const lineStart = { line: credentials.range.start.line, character: 0 };
    assert.ok(credentials.range.start.character > 0, 'the finding starts after the indentation');
    assert.deepEqual(titles(await actions(uri, { start: lineStart, end: lineStart }, [])), titles(withData));
    // A line without findings gets nothing.
    const empty = await actions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []);
    assert.deepEqual(titles(empty), []);
    const { diagnostics } = await apply(uri, found[0]!);
    assert.equal(diagnostics.some((d) => d.code === 'public-client-credentials'), false);
  });

  it('never uses data or ranges of an older version: edits come from the current text', async () => {
    const uri = await server.open('stale/tenant.yaml', TENANT_YAML);
    const old = (await server.waitForCurrent(uri)).find((d) => d.code === 'public-client-credentials');
    assert.ok(old);
    // Lines above the finding move it: the old range now points elsewhere, so nothing is offered to edit.
    await server.change(uri, `# edited\n${TENANT_YAML}`);
    const moved = await actions(uri, old.range, [old]);
    assert.deepEqual(titles(moved), ['Show documentation for public-client-credentials', 'Fix all safe problems in this file']);
    // An edit below it leaves the range in place: its old data is not used, the current analysis is.
    await server.change(uri, `${TENANT_YAML}# edited\n`);
    const kept = await actions(uri, old.range, [old]);
    assert.ok(kept.length > 1);
    const version = server.version(uri);
    for (const action of kept.filter((a) => a.edit)) {
      for (const change of action.edit?.documentChanges ?? []) {
        assert.ok('textDocument' in change);
        assert.equal(change.textDocument.version, version, `'${action.title}' is made for the current version`);
      }
    }
    const { text } = await apply(uri, kept[0]!);
    assert.match(text, /# edited\n$/);
    assert.doesNotMatch(text, /- client_credentials/);
  });

  it('offers "Fix all safe problems in this file" exactly when two or more findings have a safe fix', async () => {
    // Two clients with repeated grants and client_credentials on a public SPA: findings whose fixes remove only
    // what Auth0 rejects or what is written twice.
    const tenant = `clients:
  - name: One
    app_type: spa
    token_endpoint_auth_method: none
    grant_types: [authorization_code, authorization_code, client_credentials]
  - name: Two
    app_type: spa
    token_endpoint_auth_method: none
    grant_types: [authorization_code, refresh_token, refresh_token, client_credentials]
`;
    for (const [rel, text] of [
      ['all/tenant.yaml', tenant],
      ['one/tenant.yaml', TENANT_YAML],
    ] as const) {
      const uri = await server.open(rel, text);
      const diagnostics = await server.waitForCurrent(uri);
      const safe = diagnostics.filter((d) => (d.data as { fixes: { safe: boolean }[] }).fixes.some((f) => f.safe === true)).length;
      const first = diagnostics[0];
      assert.ok(first);
      const offered = (await actions(uri, first.range, [withoutData(first)])).find((a) => a.title === 'Fix all safe problems in this file');
      assert.equal(offered !== undefined, safe >= 2, `${rel}: ${safe} findings with a safe fix`);
      if (!offered) continue;
      assert.equal(offered.kind, 'quickfix');
      assert.equal(offered.command?.command, 'grantlint.fixAll');
      const before = server.applied.length;
      await server.executeCommand(offered.command.command, offered.command.arguments ?? []);
      const applied = await server.waitFor('applyEdit', () => server.applied.slice(before).find((p) => editsFor(p.edit, uri).length > 0));
      const fixed = applyEdits(server.text(uri), editsFor(applied.edit, uri));
      await server.change(uri, fixed);
      const after = await server.waitForCurrent(uri);
      assert.equal(after.filter((d) => (d.data as { fixes: { safe: boolean }[] }).fixes.some((f) => f.safe)).length, 0, 'no safe fix is left');
    }
  });
});
