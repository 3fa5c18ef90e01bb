// Lint for Grantlint's own code: typescript-eslint's recommended rules, the type-aware rules that catch real bugs
// here (a promise nobody awaits in the server, unused code), and the walls between the layers
// (docs/architecture.md). `npm run lint`, part of `npm test`.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/** Every Node built-in, bare and with the node: prefix. */
const NODE_BUILTINS = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];
const PROTOCOL = ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-*', 'vscode-languageclient', 'vscode-languageclient/*', 'vscode-jsonrpc', 'vscode-jsonrpc/*'];

/** A pattern group forbidding imports of these layers (server/src/<layer>) from wherever the rule applies. */
function layers(names, why) {
  return { group: names.flatMap((name) => [`**/${name}`, `**/${name}/**`]), message: why };
}

/** no-restricted-imports with the given pattern groups. */
function wall(patterns) {
  return { 'no-restricted-imports': ['error', { patterns }] };
}

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', '.cache/**', '.vscode-test/**', 'out/**', 'test/fixtures/**', 'test/cases/**', 'test/vscode/workspace/**', 'examples/**', 'bench/peer-schema.json', 'bench/data/**', '**/*.cjs', '**/*.mjs', '**/*.js'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits or catches loses its error (in the server: an unhandled rejection). `void p`
      // says it is meant.
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test runs what describe/test/it return itself; awaiting them at the top of a file would be wrong.
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'test', 'it', 'suite'] }] },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The engine: text in, findings out. No file system, no protocol, no layer above it.
    files: ['server/src/engine/**/*.ts'],
    rules: wall([
      layers(['workspace', 'service', 'lsp', 'cli', 'io'], 'The engine is protocol- and file-system-free: the workspace layer reads files, the service and LSP layers speak to editors.'),
      { group: NODE_BUILTINS, message: 'The engine is file-system-free (and needs no other Node module): take text and facts from the workspace layer.' },
      { group: PROTOCOL, message: 'The engine is protocol-free.' },
    ]),
  },
  {
    // The service: editor features (hover, completion, code actions) over the engine, without the protocol.
    files: ['server/src/service/**/*.ts'],
    rules: wall([
      layers(['lsp', 'cli'], 'The service layer is protocol-free and knows no front end: the LSP and CLI layers call it.'),
      { group: PROTOCOL, message: 'The service layer is protocol-free: lsp/ converts to and from the protocol.' },
    ]),
  },
  {
    // The workspace: files and configuration, shared by both front ends.
    files: ['server/src/workspace/**/*.ts'],
    rules: wall([
      layers(['lsp', 'cli', 'service'], 'The workspace layer serves the CLI and the server alike: it knows neither, nor editor features.'),
      { group: PROTOCOL, message: 'The workspace layer is protocol-free.' },
    ]),
  },
  {
    // The CLI never runs the language server.
    files: ['server/src/cli/**/*.ts'],
    rules: wall([
      layers(['lsp'], 'The CLI shares the workspace and engine layers with the server, not the server itself.'),
      { group: PROTOCOL, message: 'The CLI speaks no protocol.' },
    ]),
  },
  {
    // The extension is a thin client: the server is a separate bundle it starts, never imports.
    files: ['client/src/**/*.ts'],
    rules: wall([{ group: ['**/server/src/**', '**/server/src'], message: 'The client starts the server as a separate bundle; it does not import it.' }]),
  },
);
