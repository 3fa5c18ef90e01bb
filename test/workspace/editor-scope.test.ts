/**
 * A file the server hears about from a watcher is checked exactly when the workspace scan would have reached it:
 * inScanScope (one path, no file system) agrees with the walk pruned by the editor's exclude globs and filtered
 * by its include globs, over generated trees and glob sets (folder globs with and without a trailing slash,
 * `**` globs, extension globs, skipped folders).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_CLIENT_SETTINGS, excludesFolder, includesFile, inScanScope, walkTree, type ClientSettings } from '../../server/src/workspace/index';

const segment = fc.constantFrom('a', 'b', 'generated', 'tmp', 'node_modules', '.git', '.terraform', '.hidden', 'clients');
const fileName = fc.constantFrom('x.json', 'y.yaml', 'z.yml', 'w.jsonc', 'notes.txt', 'c.json');
const relPath = fc.tuple(fc.array(segment, { maxLength: 3 }), fileName).map(([dirs, name]) => [...dirs, name].join('/'));
const EXCLUDES = ['generated', 'generated/', 'generated/**', '**/tmp', '**/tmp/**', '*.yaml', 'a/b', 'a/**/c.json', '.hidden/'];
const INCLUDES = [['**/*.json', '**/*.jsonc', '**/*.yaml', '**/*.yml'], ['**/*.json'], ['clients/*.json', '**/*.yaml'], []];

test('inScanScope agrees with the pruned walk', () => {
  fc.assert(
    fc.property(fc.uniqueArray(relPath, { maxLength: 12 }), fc.subarray(EXCLUDES), fc.constantFrom(...INCLUDES), (paths, exclude, include) => {
      const client: ClientSettings = { ...DEFAULT_CLIENT_SETTINGS, include, exclude };
      const root = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-scope-')));
      try {
        const written: string[] = [];
        for (const rel of paths) {
          const file = join(root, rel);
          // A path whose folder is a file already written stays out (x.json/y.yaml cannot both exist).
          try {
            mkdirSync(dirname(file), { recursive: true });
            writeFileSync(file, '{}');
            written.push(rel);
          } catch {
            continue;
          }
        }
        const rel = (path: string) => relative(root, path).split(sep).join('/');
        const walked = [...walkTree(root, { enterFolder: (p) => !excludesFolder(client, rel(p)), acceptFile: (p) => includesFile(client, rel(p)) })]
          .filter((e) => e.kind === 'file')
          .map((e) => rel(e.path))
          .sort();
        assert.deepEqual(walked, written.filter((p) => inScanScope(client, p)).sort(), JSON.stringify({ exclude, include }));
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }),
    { numRuns: 150, seed: 7 },
  );
});
