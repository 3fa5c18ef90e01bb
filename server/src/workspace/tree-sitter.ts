/**
 * Loads tree-sitter (web-tree-sitter's WebAssembly runtime) and its HCL grammar once per process and hands the
 * parser to the engine (engine/parse/hcl.ts, useHclParser). Called only when a `.tf` file is met, so JSON and
 * YAML users never load the WebAssembly.
 *
 * The two `.wasm` files are looked for beside the running bundle first (the build copies them into dist/), then
 * in node_modules (tests and scripts run from the sources).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { hclParserReady, markHclParserUnavailable, useHclParser } from '../engine/parse/hcl';

/** The runtime's and the grammar's WebAssembly, as named in dist/ and in their npm packages. */
const RUNTIME_WASM = 'web-tree-sitter.wasm';
const HCL_GRAMMAR_WASM = 'tree-sitter-hcl.wasm';

let loading: Promise<void> | undefined;
let settling: Promise<string | undefined> | undefined;

/**
 * Resolves once the engine can read HCL. Loads at most once per process; a failure (a missing `.wasm` file)
 * rejects with an Error naming what is missing, and the next call tries again.
 */
export function loadHclParser(): Promise<void> {
  if (hclParserReady()) return Promise.resolve();
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/**
 * For a long-running process (the language server and its lint worker): loads the HCL parser once and never
 * rejects. A failure is recorded in the engine (markHclParserUnavailable), so `.tf` files then get one parse
 * error naming what is missing instead of no findings; it is not retried, as a missing file stays missing.
 * Resolves with the failure's message, or undefined once the parser is ready.
 */
export function settleHclParser(): Promise<string | undefined> {
  settling ??= loadHclParser().then(
    () => undefined,
    (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      markHclParserUnavailable(reason);
      return reason;
    },
  );
  return settling;
}

async function load(): Promise<void> {
  const runtimeWasm = locate(RUNTIME_WASM, 'web-tree-sitter/web-tree-sitter.wasm');
  const grammarWasm = locate(HCL_GRAMMAR_WASM, '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm');
  // Required, not imported: its CommonJS build (the package's "require" export) loads only when a .tf file is met.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, and as CommonJS in the bundles
  const { Parser, Language } = require('web-tree-sitter') as typeof import('web-tree-sitter');
  await Parser.init({ locateFile: () => runtimeWasm });
  const language = await Language.load(grammarWasm);
  const parser = new Parser();
  parser.setLanguage(language);
  useHclParser(parser);
}

/** A `.wasm` file beside the bundle, else from its package; throws naming the file when neither exists. */
function locate(file: string, packagePath: string): string {
  const beside = join(__dirname, file);
  if (existsSync(beside)) return beside;
  try {
    return createRequire(join(__dirname, 'index.js')).resolve(packagePath);
  } catch {
    throw new Error(`cannot read Terraform HCL: ${file} is missing beside ${dirname(beside)}`);
  }
}
