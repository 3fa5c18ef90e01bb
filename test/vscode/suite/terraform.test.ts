/**
 * A Terraform file in VS Code without HashiCorp's Terraform extension (code-server here has none): VS Code opens
 * `.tf` as plain text, and the extension's `**\/*.tf` document selector still hands it to the server.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { before, describe, it } from 'mocha';
import { activate, codeOf, grantlintDiagnostics, hoverText, labelOf, open, positionOf, revertAndClose, waitFor, waitForDiagnostics, withCode, workspaceUri } from './helpers';

const MAIN_TF = ['infra', 'main.tf'];

describe('Grantlint on Terraform HCL in VS Code', () => {
  before(async () => {
    await activate();
  });

  it('checks a closed .tf file in the workspace scan', async () => {
    const uri = workspaceUri(...MAIN_TF);
    const diagnostics = await waitForDiagnostics(uri, 'the scan\'s findings', (d) => d.length === 2, 30_000);
    assert.deepEqual(diagnostics.map(codeOf).sort(), ['public-client-credentials', 'unknown-grant-type']);
  });

  it('shows the note on a computed grant_types as information without a rule id, as the CLI does', async () => {
    const uri = workspaceUri('computed', 'main.tf');
    const [note] = await waitForDiagnostics(uri, 'the note', (d) => d.length === 1, 30_000);
    assert.ok(note);
    assert.equal(codeOf(note), undefined);
    assert.equal(note.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(note.message, 'grant_types is computed (known at plan time): the rules that read the grants do not judge this client');
    assert.equal(note.range.start.line, 3);
  });

  it('lints an open .tf file that VS Code alone knows as plain text, in Terraform\'s names', async () => {
    const uri = workspaceUri(...MAIN_TF);
    const editor = await open(uri);
    assert.notEqual(editor.document.languageId, 'terraform', 'no Terraform extension in this editor');
    const diagnostics = await waitForDiagnostics(uri, 'public-client-credentials', (d) => withCode(d, 'public-client-credentials').length === 1);
    const [credentials] = withCode(diagnostics, 'public-client-credentials');
    assert.ok(credentials);
    assert.equal(editor.document.getText(credentials.range), '"client_credentials"');
    assert.match(credentials.message, /authentication_method: none/);
    await revertAndClose();
  });

  it('hovers and completes grants in a .tf file', async () => {
    const uri = workspaceUri(...MAIN_TF);
    const editor = await open(uri);
    await waitForDiagnostics(uri, 'the findings', (d) => d.length === 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, positionOf(editor.document, '"client_credentials"').translate(0, 3));
    assert.match(hoverText(hovers), /Not allowed for Kiosk/);
    const inside = positionOf(editor.document, '"passwordless_otp"').translate(0, 3);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, inside);
    const labels = list.items.map(labelOf);
    assert.ok(labels.includes('http://auth0.com/oauth/grant-type/passwordless/otp'), `completions: ${labels.join(', ')}`);
    await revertAndClose();
  });

  it('applies a quick fix that keeps the HCL and its comment, and the finding goes', async () => {
    const uri = workspaceUri(...MAIN_TF);
    const editor = await open(uri);
    const [diagnostic] = withCode(await waitForDiagnostics(uri, 'public-client-credentials', (d) => withCode(d, 'public-client-credentials').length === 1), 'public-client-credentials');
    assert.ok(diagnostic);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    const remove = actions.find((a) => a.title === "Remove grant 'client_credentials'");
    assert.ok(remove?.edit, `quick fixes: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(remove.edit));
    await waitForDiagnostics(uri, 'the finding to go', (d) => withCode(d, 'public-client-credentials').length === 0);
    assert.match(editor.document.getText(), /grant_types = \["authorization_code"\] # kiosk sync\n/);
    assert.equal(grantlintDiagnostics(uri).length, 1, 'the unknown grant is still reported');
    await revertAndClose();
  });

  it('lists the clients of a .tf file as document symbols', async () => {
    const uri = workspaceUri(...MAIN_TF);
    await open(uri);
    const symbols = await waitFor('document symbols', async () => {
      const result = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
      return result && result.length > 0 ? result : undefined;
    });
    assert.deepEqual(symbols.map((s) => s.name), ['Kiosk', 'Signage']);
    await revertAndClose();
  });
});
