import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every `.tf` file below `dir` (none when it is absent), skipping `node_modules` and hidden folders. */
export function tfFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : tfFiles(path);
    return entry.name.endsWith('.tf') ? [path] : [];
  });
}
