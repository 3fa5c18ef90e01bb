/**
 * The language server's entry point. The transport (--stdio, --node-ipc, --socket, --pipe) comes from the command
 * line (see transport.ts: a missing one is a one-line error, a message that cannot be read ends the process). With
 * --stdio, stdout is the protocol channel: nothing else may ever be written to it, so console output is
 * routed to the client's log.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import packageJson from '../../../package.json';
import { describeError } from './safe';
import { GrantlintServer } from './server';
import { transportFromCommandLine } from './transport';

const connection = createConnection(ProposedFeatures.all, ...transportFromCommandLine(packageJson.version));
const log = connection.console;
console.log = (...args: unknown[]) => log.log(args.map(String).join(' '));
console.info = (...args: unknown[]) => log.info(args.map(String).join(' '));
console.warn = (...args: unknown[]) => log.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => log.error(args.map(String).join(' '));
console.debug = console.log;
process.on('uncaughtException', (error) => log.error(`Unexpected error: ${describeError(error)}`));
process.on('unhandledRejection', (reason) => log.error(`Unexpected rejection: ${describeError(reason)}`));

new GrantlintServer(connection).listen();
connection.listen();
