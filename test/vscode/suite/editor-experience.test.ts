/** What a user sees around the findings: the status item, offline docs, "Fix all safe problems", quiet JSON. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { before, describe, it } from 'mocha';
import type { GrantlintApi } from '../../../client/src/extension';
import { isSafeFix, lintText } from '../../../server/src/engine/index';
import { activate, codeOf, grantlintDiagnostics, open, revertAndClose, waitFor, waitForDiagnostics, withCode, workspaceUri } from './helpers';

const KIOSK = ['clients', 'Kiosk App.json'];
const FIX_ALL_SAFE = 'Fix all safe problems in this file';

describe('Grantlint around the findings', () => {
  let api: GrantlintApi;

  before(async () => {
    api = await activate();
  });

  it('shows a language status item with the client configs checked, Show output and Restart', async () => {
    await open(workspaceUri('tenant.yaml'));
    // The fixture workspace holds tenant.yaml, three clients/*.json and a Terraform module of three files
    // (infra/main.tf, main.tf.json, credentials.tf.json): seven.
    const status = await waitFor(`the status after the scan (now: ${api.status().text})`, () => {
      const now = api.status();
      return now.text === 'Grantlint: 8 client config files checked' ? now : undefined;
    });
    assert.match(status.detail ?? '', /^\d+ files? read$/);
    assert.deepEqual(status.commands, ['grantlint.showOutput', 'grantlint.restartServer']);
    await revertAndClose();
  });

  it('opens a rule\'s bundled page in the Markdown preview from "Show documentation"', async () => {
    const uri = workspaceUri(...KIOSK);
    await open(uri);
    const [diagnostic] = withCode(await waitForDiagnostics(uri, 'public-client-credentials', (d) => withCode(d, 'public-client-credentials').length === 1), 'public-client-credentials');
    assert.ok(diagnostic);
    // The diagnostic's link is the bundled page too: it works offline.
    const target = typeof diagnostic.code === 'object' ? diagnostic.code.target : undefined;
    assert.equal(target?.scheme, 'file');
    assert.match(target?.path ?? '', /\/docs\/rules\/public-client-credentials\.md$/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    const docs = actions.find((a) => a.title === 'Show documentation for public-client-credentials');
    assert.ok(docs?.command, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(docs.command.command, 'grantlint.openRulePage');
    await vscode.commands.executeCommand(docs.command.command, ...(docs.command.arguments ?? []));
    const preview = await waitFor('a Markdown preview of the page', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /public-client-credentials\.md/.test(t.label)),
    );
    assert.match(preview.label, /Preview/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('offers "Fix all safe problems in this file" exactly when two or more findings have a safe fix', async () => {
    const uri = workspaceUri(...KIOSK);
    const editor = await open(uri);
    const diagnostics = await waitForDiagnostics(uri, 'the duplicate and client_credentials findings', (d) =>
      withCode(d, 'duplicate-grant-type').length === 1 && withCode(d, 'public-client-credentials').length === 1);
    // The engine says how many findings have a safe fix; the quick-fix list must agree.
    const findings = lintText({ path: uri.fsPath, text: editor.document.getText(), format: 'json' }).findings;
    const safelyFixable = findings.filter((f) => f.fixes.some(isSafeFix)).length;
    for (const diagnostic of diagnostics) {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
      const fixAll = actions.find((a) => a.title === FIX_ALL_SAFE);
      assert.equal(fixAll !== undefined, safelyFixable >= 2, `${codeOf(diagnostic)}: ${safelyFixable} findings with a safe fix; actions: ${actions.map((a) => a.title).join(' | ')}`);
      if (fixAll) assert.equal(fixAll.kind?.value, 'quickfix');
    }
    await revertAndClose();
  });

  it('shows no syntax error from Grantlint on a broken JSON client file (VS Code\'s JSON support shows it)', async () => {
    const uri = workspaceUri('clients', 'Broken Kiosk.json');
    const kiosk = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(...KIOSK)));
    const broken = kiosk.slice(0, kiosk.lastIndexOf(']'));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(broken));
    try {
      await open(uri);
      await waitFor('VS Code\'s own JSON error', () => vscode.languages.getDiagnostics(uri).some((d) => d.source !== 'grantlint'), 30_000);
      // Closed, the file showed parse-error (nothing else would say it is broken); open, the editor says it.
      await waitFor(`no parse-error from Grantlint (now: ${grantlintDiagnostics(uri).map(codeOf).join(', ')})`, () => !grantlintDiagnostics(uri).some((d) => codeOf(d) === 'parse-error'), 10_000);
      await revertAndClose();
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });
});
