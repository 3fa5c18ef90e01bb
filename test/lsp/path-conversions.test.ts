/**
 * The server converts between file URIs and paths, and finds a file's place in its workspace folder, for every
 * file it re-checks. Both have fast paths (remembered conversions, a prefix check); each is held here to the plain
 * computation on generated names, including the awkward ones (`..x`, spaces, `%`, `#`, non-ASCII).
 */
import assert from 'node:assert/strict';
import { relative, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { relativeInside } from '../../server/src/lsp/folders';
import { pathToUri, uriToPath } from '../../server/src/lsp/uri';

const segment = fc.oneof(
  fc.constantFrom('clients', 'grants', '..x', '.hidden', 'a b', '50%', 'x#y', 'é', 'tenant.json', 'main.tf', '..', '.'),
  fc.stringMatching(/^[a-zA-Z0-9._ -]{1,8}$/),
);
const absolute = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => `/${parts.join('/')}`);

/** The plain computation: path.relative, refused when it leaves the root. */
function plainRelativeInside(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel === '' ) return '';
  if (rel === '..' || rel.startsWith(`..${sep}`)) return undefined;
  return rel.split(sep).join('/');
}

test('relativeInside answers as path.relative does for normalised paths inside and outside the root', () => {
  fc.assert(
    fc.property(absolute, fc.array(segment, { maxLength: 4 }), absolute, (rootRaw, below, other) => {
      // File URIs hold no `.` or `..` segments: the paths the server passes are normalised.
      const root = fileURLToPath(pathToFileURL(rootRaw));
      for (const path of [fileURLToPath(pathToFileURL(`${root}/${below.join('/')}`)), fileURLToPath(pathToFileURL(other))]) {
        assert.equal(relativeInside(root, path), plainRelativeInside(root, path), `${root} ${path}`);
      }
    }),
    { numRuns: 2000, seed: 7 },
  );
});

test('remembered URI and path conversions equal fresh ones, asked once or many times', () => {
  fc.assert(
    fc.property(absolute, (raw) => {
      const path = fileURLToPath(pathToFileURL(raw));
      for (let i = 0; i < 3; i++) {
        assert.equal(pathToUri(path), pathToFileURL(path).href);
        assert.equal(uriToPath(pathToFileURL(path).href), path);
      }
    }),
    { numRuns: 1000, seed: 8 },
  );
  assert.equal(uriToPath('untitled:Untitled-1'), undefined);
});
