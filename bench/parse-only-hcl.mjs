// The floor the CLI is compared with on Terraform HCL: a Node process that loads tree-sitter's HCL grammar and
// parses every `.tf` file of a folder with it, nothing else.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { Parser, Language } = require('web-tree-sitter');
await Parser.init({ locateFile: () => require.resolve('web-tree-sitter/web-tree-sitter.wasm') });
const parser = new Parser();
parser.setLanguage(await Language.load(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm')));
const folder = process.argv[2];
for (const name of readdirSync(folder).filter((n) => n.endsWith('.tf')).sort()) parser.parse(readFileSync(join(folder, name), 'utf8')).delete();
