/** The extension inside a real VS Code: the client starts the server and its features reach the editor. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { before, describe, it } from 'mocha';
import type { GrantlintApi } from '../../../client/src/extension';
import {
  activate,
  EXTENSION_ID,
  grantlintDiagnostics,
  hoverText,
  labelOf,
  open,
  positionOf,
  revertAndClose,
  waitFor,
  waitForDiagnostics,
  withCode,
  workspaceUri,
} from './helpers';

const TENANT = ['tenant.yaml'];
const KIOSK = ['clients', 'Kiosk App.json'];
const LEGACY = ['clients', 'Legacy Admin.json'];
const PORTAL = ['clients', 'Reports Portal.json'];

describe('Grantlint in VS Code', () => {
  let api: GrantlintApi;

  before(async () => {
    api = await activate();
  });

  it('activates and starts the language server', async () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    await waitFor('the client to be running', () => api.client()?.isRunning());
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['grantlint.fixAllInFile', 'grantlint.restartServer', 'grantlint.showOutput', 'grantlint.fixAll']) {
      assert.ok(commands.includes(command), `command ${command} is registered`);
    }
  });

  it('reports a public client with client_credentials in tenant.yaml', async () => {
    const uri = workspaceUri(...TENANT);
    const editor = await open(uri);
    const [diagnostic] = withCode(await waitForDiagnostics(uri, 'public-client-credentials', (d) => withCode(d, 'public-client-credentials').length === 1), 'public-client-credentials');
    assert.ok(diagnostic);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(editor.document.getText(diagnostic.range), 'client_credentials');
    // The SPA's item is reported, not the valid Invoice Worker's (the second one).
    assert.equal(diagnostic.range.start.line, positionOf(editor.document, '- client_credentials').line);
    assert.equal(grantlintDiagnostics(uri).length, 1, 'only the SPA is reported');
    await revertAndClose();
  });

  it('reports a legacy grant and hovers it with its replacement', async () => {
    const uri = workspaceUri(...LEGACY);
    const editor = await open(uri);
    const [diagnostic] = withCode(await waitForDiagnostics(uri, 'legacy-grant-type', (d) => withCode(d, 'legacy-grant-type').length === 1), 'legacy-grant-type');
    assert.ok(diagnostic);
    assert.ok(diagnostic.tags?.includes(vscode.DiagnosticTag.Deprecated), 'legacy grants are shown struck through');
    const at = positionOf(editor.document, 'legacy/grant-type/ro').translate(0, 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
    const text = hoverText(hovers);
    assert.match(text, /Legacy/i, text);
    assert.match(text, /password/, `the hover names the password grant as the replacement:\n${text}`);
    await revertAndClose();
  });

  it('hovers a grant string with its Dashboard name', async () => {
    const uri = workspaceUri(...TENANT);
    const editor = await open(uri);
    const at = positionOf(editor.document, 'authorization_code').translate(0, 2);
    const hovers = await waitFor('a hover on authorization_code', async () => {
      const result = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
      return result.length > 0 ? result : undefined;
    });
    assert.match(hoverText(hovers), /Authorization Code/);
    await revertAndClose();
  });

  it('applies the preferred quick fix with workspace.applyEdit and the finding goes away', async () => {
    const uri = workspaceUri(...TENANT);
    const editor = await open(uri);
    const [diagnostic] = withCode(await waitForDiagnostics(uri, 'public-client-credentials', (d) => withCode(d, 'public-client-credentials').length === 1), 'public-client-credentials');
    assert.ok(diagnostic);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    const quickFixes = actions.filter((a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
    const remove = quickFixes.find((a) => a.title === "Remove grant 'client_credentials'");
    assert.ok(remove, `quick fixes offered: ${quickFixes.map((a) => a.title).join(' | ')}`);
    assert.equal(remove.isPreferred, true);
    assert.equal(quickFixes.filter((a) => a.isPreferred).length, 1, 'one preferred fix');
    assert.ok(remove.edit, 'the fix carries its edit');
    assert.ok(await vscode.workspace.applyEdit(remove.edit));
    await waitForDiagnostics(uri, 'the finding to go', (d) => withCode(d, 'public-client-credentials').length === 0);
    const text = editor.document.getText();
    assert.equal(text.split('- client_credentials').length - 1, 1, 'only the worker keeps client_credentials');
    assert.match(text, /- authorization_code\n\s+- refresh_token\n\n/, 'the SPA keeps its other grants');
    await revertAndClose();
  });

  it('fixes every safely fixable problem in a file with "Grantlint: Fix all safe problems in this file"', async () => {
    const uri = workspaceUri(...KIOSK);
    const editor = await open(uri);
    await waitForDiagnostics(uri, 'the duplicate and client_credentials findings', (d) =>
      withCode(d, 'duplicate-grant-type').length === 1 && withCode(d, 'public-client-credentials').length === 1);
    // The same fixes are offered as the source action that editor.codeActionsOnSave can run.
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const sources = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whole, 'source.fixAll.grantlint');
    assert.ok(sources.some((a) => a.kind?.value === 'source.fixAll.grantlint' && a.edit), 'source.fixAll.grantlint is offered');
    await vscode.commands.executeCommand('grantlint.fixAllInFile');
    await waitForDiagnostics(uri, 'no findings', (d) => d.length === 0);
    const fixed = JSON.parse(editor.document.getText()) as { grant_types: string[] };
    assert.deepEqual(fixed.grant_types, ['authorization_code', 'refresh_token']);
    await revertAndClose();
  });

  it('offers grant completions inside grant_types, legacy ones marked deprecated', async () => {
    const uri = workspaceUri(...PORTAL);
    const editor = await open(uri);
    const anchor = positionOf(editor.document, '"refresh_token"').translate(0, '"refresh_token"'.length);
    await editor.edit((edit) => edit.insert(anchor, ',\n    ""'));
    const inside = anchor.translate(1, 5);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, inside);
    const labels = list.items.map(labelOf);
    assert.ok(labels.some((l) => l.includes('client_credentials')), `completions: ${labels.join(', ')}`);
    const legacy = list.items.filter((i) => labelOf(i).includes('http://auth0.com/oauth/legacy/grant-type/'));
    assert.ok(legacy.length > 0, `a legacy grant is offered: ${labels.join(', ')}`);
    assert.ok(
      legacy.some((i) => i.tags?.includes(vscode.CompletionItemTag.Deprecated)),
      'legacy grants are marked deprecated',
    );
    await revertAndClose();
  });

  it('names the clients in code lenses and document symbols', async () => {
    const uri = workspaceUri(...TENANT);
    await open(uri);
    const symbols = await waitFor('document symbols', async () => {
      const result = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
      return result && result.length > 0 ? result : undefined;
    });
    const names = JSON.stringify(symbols.map(function flatten(s: vscode.DocumentSymbol): unknown[] {
      return [s.name, ...s.children.flatMap(flatten)];
    }));
    assert.match(names, /Orders SPA/);
    assert.match(names, /Invoice Worker/);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
    assert.ok(lenses.length >= 2, `code lenses: ${lenses.length}`);
    await revertAndClose();
  });

  it("updates a closed Terraform file's diagnostics as its credentials file is edited, unsaved", async () => {
    const main = workspaceUri('infra', 'main.tf.json');
    const finding = (d: vscode.Diagnostic[]) => withCode(d, 'public-client-credentials').length === 1;
    // Closed and scanned: the method `none` comes from credentials.tf.json.
    await waitForDiagnostics(main, 'the linked public-client-credentials', finding);
    const credentials = workspaceUri('infra', 'credentials.tf.json');
    const editor = await open(credentials);
    const at = editor.document.getText().indexOf('"none"');
    await editor.edit((edit) => edit.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 6)), '"client_secret_post"'));
    await waitForDiagnostics(main, 'no finding once the credentials say client_secret_post', (d) => !finding(d));
    // Reverted and closed: the file on disk counts again.
    await revertAndClose();
    await waitForDiagnostics(main, 'the finding back from the file on disk', finding);
  });

  it('restarts a server that died', async () => {
    const uri = workspaceUri(...TENANT);
    await open(uri);
    await waitForDiagnostics(uri, 'the finding', (d) => withCode(d, 'public-client-credentials').length === 1);
    const client = api.client();
    const pid = client?.serverProcess?.pid;
    assert.ok(client && pid, 'the server process is known');
    process.kill(pid, 'SIGKILL');
    // The default error handler starts a new server process; it lints the open file again.
    await waitFor('a new server process', () => client.isRunning() && client.serverProcess?.pid !== undefined && client.serverProcess.pid !== pid, 30_000);
    await waitForDiagnostics(uri, 'the finding after the restart', (d) => withCode(d, 'public-client-credentials').length === 1, 30_000);
    await revertAndClose();
  });

  it('restarts the server with "Grantlint: Restart server" and shows its output', async () => {
    const before = api.client();
    await vscode.commands.executeCommand('grantlint.restartServer');
    const after = api.client();
    assert.ok(after && after !== before, 'a new client took over');
    await waitFor('the new client to be running', () => after.isRunning());
    assert.equal(before?.isRunning(), false, 'the old server was stopped');
    const uri = workspaceUri(...TENANT);
    await open(uri);
    await waitForDiagnostics(uri, 'the finding from the new server', (d) => withCode(d, 'public-client-credentials').length === 1);
    await vscode.commands.executeCommand('grantlint.showOutput');
    await revertAndClose();
  });
});
