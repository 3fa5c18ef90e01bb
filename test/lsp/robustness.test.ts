import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { positionOf, TestServer } from './helpers';
import { TENANT_YAML } from './fixtures';

describe('robustness', () => {
  let server: TestServer;
  let uri: string;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
    uri = await server.open('tenant.yaml', TENANT_YAML);
    await server.waitForCurrent(uri);
  });
  after(async () => {
    await server.stop();
  });

  it('answers null for documents it never saw', async () => {
    const unknown = server.uri('never-opened.yaml');
    const position = { line: 0, character: 0 };
    assert.equal(await server.hover(unknown, position), null);
    assert.deepEqual(await server.completion(unknown, position), []);
    assert.equal(await server.codeLens(unknown), null);
    assert.equal(await server.documentSymbols(unknown), null);
    assert.equal(await server.codeActions(unknown, { start: position, end: position }, []), null);
  });

  it('answers null for positions outside the document', async () => {
    assert.equal(await server.hover(uri, { line: 9999, character: 0 }), null);
    assert.equal(await server.hover(uri, { line: -1, character: 3 }), null);
    assert.deepEqual(await server.completion(uri, { line: 9999, character: 4 }), []);
  });

  it('survives failing handlers and junk in requests', async () => {
    assert.equal(await server.executeCommand('grantlint.fixAll', []), null);
    assert.equal(await server.executeCommand('grantlint.showDocumentation', ['javascript:alert(1)']), null);
    assert.equal(await server.executeCommand('grantlint.noSuchCommand', [42]), null);
    const junk = { range: { start: { line: 8, character: 8 }, end: { line: 8, character: 26 } }, message: 'x', source: 'grantlint', code: 'implicit-grant', data: 'junk' };
    const actions = await server.codeActions(uri, junk.range, [junk]);
    // Junk data is never trusted: the diagnostic matches no current finding, so no edit is offered (only its
    // documentation, and the file's "Fix all safe problems" command, which works on the current text).
    assert.deepEqual(
      (actions ?? []).map((a) => [a.title, 'edit' in a && a.edit !== undefined]),
      [
        ['Show documentation for implicit-grant', false],
        ['Fix all safe problems in this file', false],
      ],
    );
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: server.uri('nope.yaml'), version: 3 }, contentChanges: [{ text: 'x' }] });
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: null });
    assert.ok(server.logs.length >= 0);

    // Still alive and still correct.
    const hover = await server.hover(uri, positionOf(TENANT_YAML, '- client_credentials', 4));
    assert.ok(hover);
    const version = await server.change(uri, TENANT_YAML.replace('spa', 'native'));
    assert.equal((await server.waitForDiagnostics(uri, { accept: (p) => p.version === version })).version, version);
    assert.ok(server.logs.some((line) => /executeCommand failed/.test(line)), 'the failure is logged');
  });

  it('writes nothing but protocol messages to stdout and exits with 0 after shutdown and exit', async () => {
    const own = await TestServer.start({ settings: { workspaceScan: false } });
    const doc = await own.open('tenant.yaml', TENANT_YAML);
    await own.waitForCurrent(doc);
    assert.equal(await own.stop(), 0);
  });
});
