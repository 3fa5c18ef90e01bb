// Bundles the CLI, the language server and the VS Code client into dist/ with esbuild.
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { patchYamlParserSource } from './yaml-parser-patch.mjs';

/** Applies patchYamlParserSource to `yaml`'s parser; an error (the patch no longer applies) fails the build. */
const yamlTokenLogOnce = {
  name: 'yaml-token-log-once',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]yaml[\\/]dist[\\/]parse[\\/]parser\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      try {
        return { contents: patchYamlParserSource(source), loader: 'js' };
      } catch (error) {
        return { errors: [{ text: error.message }] };
      }
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build does not.
  mainFields: ['module', 'main'],
  plugins: [yamlTokenLogOnce],
};

// tree-sitter's runtime and its HCL grammar, loaded by server/src/workspace/tree-sitter.ts from beside the bundles.
const require = createRequire(import.meta.url);
await mkdir('dist', { recursive: true });
await copyFile(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), 'dist/web-tree-sitter.wasm');
await copyFile(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm'), 'dist/tree-sitter-hcl.wasm');

await Promise.all([
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
]);
