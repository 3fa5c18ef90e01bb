// The floor the CLI is compared with: a Node process that reads the file and parses it, nothing else.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const file = process.argv[2];
const text = readFileSync(file, 'utf8');
if (file.endsWith('.json')) require('jsonc-parser').parseTree(text);
else require('yaml').parseDocument(text);
