// The floor the CLI is compared with on a directory tenant: a Node process that lists the folders, reads every
// file and JSON.parses it, nothing else.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.json')) JSON.parse(readFileSync(path, 'utf8'));
  }
};
walk(root);
