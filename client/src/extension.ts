/**
 * The VS Code side of Grantlint: it only starts the language server (dist/server.js) and forwards a few
 * commands. All linting, fixes, hover and completion live in the server, so other editors get the same.
 * The extension never runs code from the workspace and makes no network requests.
 */
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind } from 'vscode-languageclient/node';
import type { DocumentSelector, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { existsSync } from 'node:fs';
import { CLIENT_CONFIG_GLOBS, CONFIG_FILE_GLOB, FILE_PATTERNS, LANGUAGES, OPEN_RULE_PAGE_COMMAND, SCHEMES, readScanStops, STATUS_NOTIFICATION, statusText } from './constants';

export interface GrantlintApi {
  /** The running client; replaced when the server is restarted by command. */
  readonly client: () => LanguageClient | undefined;
  /** What the language status items show now. */
  readonly status: () => { readonly text: string; readonly detail: string | undefined; readonly commands: readonly string[] };
}

const CLIENT_ID = 'grantlint';
const CLIENT_NAME = 'Grantlint';
/** vscode-languageclient's default; stated so the restart policy for a crashed server is explicit. */
const MAX_RESTART_COUNT = 4;

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let checkedItem: vscode.LanguageStatusItem | undefined;
let serverItem: vscode.LanguageStatusItem | undefined;

const DOCUMENT_FILTERS = [
  ...LANGUAGES.flatMap((language) => SCHEMES.map((scheme) => ({ language, scheme }))),
  ...FILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
];
const DOCUMENT_SELECTOR: DocumentSelector = DOCUMENT_FILTERS;

export function activate(context: vscode.ExtensionContext): GrantlintApi {
  output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);

  // Config and client files changed outside the editor (git checkout, deploy-cli export) are re-linted.
  const watchers = [CONFIG_FILE_GLOB, ...CLIENT_CONFIG_GLOBS].map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  context.subscriptions.push(...watchers);

  // Language status, as VS Code's own language features show theirs: what was checked, and the server.
  checkedItem = vscode.languages.createLanguageStatusItem('grantlint.checked', DOCUMENT_FILTERS);
  checkedItem.name = 'Grantlint';
  checkedItem.text = 'Grantlint: starting';
  checkedItem.busy = true;
  checkedItem.command = { title: 'Show output', command: 'grantlint.showOutput' };
  serverItem = vscode.languages.createLanguageStatusItem('grantlint.server', DOCUMENT_FILTERS);
  serverItem.name = 'Grantlint server';
  serverItem.text = 'Grantlint server';
  serverItem.command = { title: 'Restart', command: 'grantlint.restartServer' };
  context.subscriptions.push(checkedItem, serverItem);

  context.subscriptions.push(
    vscode.commands.registerCommand('grantlint.fixAllInFile', () => fixAllInFile()),
    vscode.commands.registerCommand('grantlint.restartServer', () => restartServer(context, watchers)),
    vscode.commands.registerCommand('grantlint.showOutput', () => output?.show(true)),
    vscode.commands.registerCommand(OPEN_RULE_PAGE_COMMAND, (ruleId: unknown) => openRulePage(context, ruleId)),
  );

  client = createClient(context, watchers);
  // Activation does not wait for the server: a slow or failing server must not hold up the editor or the
  // commands above.
  void startClient(client);
  return {
    client: () => client,
    status: () => ({
      text: checkedItem?.text ?? '',
      detail: checkedItem?.detail,
      commands: [checkedItem?.command?.command, serverItem?.command?.command].filter((c): c is string => c !== undefined),
    }),
  };
}

/**
 * Opens a rule's page from the extension's own docs/rules/ in the Markdown preview (offline); a rule id that has
 * no bundled page opens the repository page in the browser.
 */
async function openRulePage(context: vscode.ExtensionContext, ruleId: unknown): Promise<void> {
  if (typeof ruleId !== 'string' || !/^[a-z0-9-]+$/.test(ruleId)) {
    output?.warn(`${OPEN_RULE_PAGE_COMMAND}: not a rule id: ${String(ruleId)}`);
    return;
  }
  const page = context.asAbsolutePath(`docs/rules/${ruleId}.md`);
  if (existsSync(page)) {
    await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(page));
    return;
  }
  output?.warn(`No bundled page for ${ruleId} at ${page}; opening the repository page.`);
  await vscode.env.openExternal(vscode.Uri.parse(`https://github.com/grantlint/grantlint/blob/main/docs/rules/${ruleId}.md`));
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  // stop() sends shutdown/exit so the server process ends with the extension host.
  if (running?.needsStop()) await running.stop();
}

function createClient(context: vscode.ExtensionContext, watchers: vscode.FileSystemWatcher[]): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    // The server's "Show documentation" quick fixes then call the command that opens the bundled page.
    initializationOptions: { showDocumentationCommand: OPEN_RULE_PAGE_COMMAND },
    synchronize: {
      configurationSection: CLIENT_ID,
      fileEvents: watchers,
    },
    // The default error handler restarts a crashed server (up to MAX_RESTART_COUNT times in 3 minutes);
    // no custom errorHandler is given so that policy stays in force.
    connectionOptions: { maxRestartCount: MAX_RESTART_COUNT },
  };
  // The id makes the client read `grantlint.trace.server` for protocol tracing.
  const created = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  created.onNotification(STATUS_NOTIFICATION, (status: { version?: unknown; filesChecked?: unknown; clientConfigs?: unknown; scanStopped?: unknown }) => {
    if (!checkedItem || typeof status.filesChecked !== 'number' || typeof status.clientConfigs !== 'number') return;
    const { text, detail, warning } = statusText({ filesChecked: status.filesChecked, clientConfigs: status.clientConfigs, scanStopped: readScanStops(status.scanStopped) });
    checkedItem.text = text;
    checkedItem.detail = detail;
    checkedItem.busy = false;
    checkedItem.severity = warning ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    if (serverItem && typeof status.version === 'string') serverItem.text = `Grantlint server ${status.version}`;
  });
  created.onDidChangeState((event) => {
    if (!checkedItem) return;
    if (event.newState === State.Stopped) {
      checkedItem.text = 'Grantlint: server stopped';
      checkedItem.detail = 'See the output for why';
      checkedItem.busy = false;
      checkedItem.severity = vscode.LanguageStatusSeverity.Error;
    } else if (event.newState === State.Starting) {
      checkedItem.text = 'Grantlint: starting';
      checkedItem.busy = true;
    }
  });
  return created;
}

async function startClient(target: LanguageClient): Promise<void> {
  try {
    await target.start();
  } catch (error) {
    // A server that fails to start must not fail activation: the commands (restart, output) stay usable.
    output?.error(`The Grantlint server did not start: ${describe(error)}`);
    void vscode.window.showErrorMessage('The Grantlint server did not start.', 'Show output').then((choice) => {
      if (choice) output?.show(true);
    });
  }
}

async function restartServer(context: vscode.ExtensionContext, watchers: vscode.FileSystemWatcher[]): Promise<void> {
  const current = client;
  client = undefined;
  // A client whose start failed cannot start again, so the old client is disposed (which stops its server)
  // and a new one takes its place.
  if (current) {
    await current.dispose().catch((error: unknown) => output?.error(`Stopping the Grantlint server failed: ${describe(error)}`));
  }
  client = createClient(context, watchers);
  await startClient(client);
  output?.info('Grantlint server restarted.');
}

async function fixAllInFile(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Grantlint: open a file to fix.');
    return;
  }
  const uri = editor.document.uri.toString();
  // The server's command (registered by the language client when the server announces it) edits the whole
  // file in one workspace edit; the code action kind is the fallback when the server does not offer it.
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes('grantlint.fixAll')) {
    await vscode.commands.executeCommand('grantlint.fixAll', uri);
    return;
  }
  await vscode.commands.executeCommand('editor.action.sourceAction', { kind: 'source.fixAll.grantlint', apply: 'first' });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
