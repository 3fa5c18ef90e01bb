/**
 * The VS Code side of Grantlint: it only starts the language server (dist/server.js) and forwards a few
 * commands. All linting, fixes, hover and completion live in the server, so other editors get the same.
 * The extension never runs code from the workspace and makes no network requests.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { DocumentSelector, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_CONFIG_GLOBS, CONFIG_FILE_GLOB, LANGUAGES, SCHEMES } from './constants';

export interface GrantlintApi {
  /** The running client; replaced when the server is restarted by command. */
  readonly client: () => LanguageClient | undefined;
}

const CLIENT_ID = 'grantlint';
const CLIENT_NAME = 'Grantlint';
/** vscode-languageclient's default; stated so the restart policy for a crashed server is explicit. */
const MAX_RESTART_COUNT = 4;

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

export function activate(context: vscode.ExtensionContext): GrantlintApi {
  output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);

  // Config and client files changed outside the editor (git checkout, deploy-cli export) are re-linted.
  const watchers = [CONFIG_FILE_GLOB, ...CLIENT_CONFIG_GLOBS].map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  context.subscriptions.push(...watchers);

  context.subscriptions.push(
    vscode.commands.registerCommand('grantlint.fixAllInFile', () => fixAllInFile()),
    vscode.commands.registerCommand('grantlint.restartServer', () => restartServer(context, watchers)),
    vscode.commands.registerCommand('grantlint.showOutput', () => output?.show(true)),
  );

  client = createClient(context, watchers);
  // Activation does not wait for the server: a slow or failing server must not hold up the editor or the
  // commands above.
  void startClient(client);
  return { client: () => client };
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
  const documentSelector: DocumentSelector = LANGUAGES.flatMap((language) => SCHEMES.map((scheme) => ({ language, scheme })));
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    synchronize: {
      configurationSection: CLIENT_ID,
      fileEvents: watchers,
    },
    // The default error handler restarts a crashed server (up to MAX_RESTART_COUNT times in 3 minutes);
    // no custom errorHandler is given so that policy stays in force.
    connectionOptions: { maxRestartCount: MAX_RESTART_COUNT },
  };
  // The id makes the client read `grantlint.trace.server` for protocol tracing.
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
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
