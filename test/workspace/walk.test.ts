/**
 * The walker the CLI and the server share. Generated trees hold every kind of entry a workspace has: nested and
 * hidden folders, node_modules and .git, files of other kinds, links to files and folders inside the tree, links
 * out of it, links back to an ancestor (a loop), broken links and FIFOs named like configs. The walk is checked
 * against a plain recursive listing of the same policy (links out of the tree reported, not followed), and the server's workspace scan against the CLI's
 * expansion of the same folder.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative, sep } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expandTargets, listDirectory, walkTree } from '../../server/src/workspace/index';
import { TestServer } from '../lsp/helpers';
import { CLIENT_JSON, TENANT_YAML } from '../lsp/fixtures';

type Entry =
  | { readonly kind: 'client-json' | 'tenant-yaml' | 'text' }
  | { readonly kind: 'folder'; readonly name: string; readonly entries: readonly NamedEntry[] }
  | { readonly kind: 'link-in' | 'link-out' | 'link-loop' | 'link-broken' | 'fifo' };
type NamedEntry = { readonly name: string; readonly entry: Entry };

const names = fc.constantFrom('a', 'b', 'clients', 'grants', 'node_modules', '.git', '.terraform', '.hidden', 'infra');
const leaf: fc.Arbitrary<Entry> = fc.constantFrom<Entry>(
  { kind: 'client-json' },
  { kind: 'tenant-yaml' },
  { kind: 'text' },
  { kind: 'link-in' },
  { kind: 'link-out' },
  { kind: 'link-loop' },
  { kind: 'link-broken' },
  { kind: 'fifo' },
);
const tree: fc.Arbitrary<readonly NamedEntry[]> = fc.letrec<{ entries: readonly NamedEntry[]; entry: Entry }>((tie) => ({
  entries: fc.uniqueArray(fc.record({ name: fc.oneof(names, fc.constantFrom('x', 'y', 'z')), entry: tie('entry') }), { maxLength: 5, selector: (e) => e.name }),
  entry: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.record({ kind: fc.constant('folder' as const), name: fc.constant(''), entries: tie('entries') })),
})).entries;

const OUTSIDE = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-walk-outside-')));
writeFileSync(join(OUTSIDE, 'outside.json'), CLIENT_JSON);
mkdirSync(join(OUTSIDE, 'clients'));
writeFileSync(join(OUTSIDE, 'clients', 'far.json'), CLIENT_JSON);
const made: string[] = [OUTSIDE];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Writes a generated tree; every file named like a config holds a client with findings. */
function build(root: string, entries: readonly NamedEntry[], firstFile: { path?: string; folder?: string } = {}): void {
  for (const { name, entry } of entries) {
    const base = join(root, name);
    switch (entry.kind) {
      case 'client-json':
        writeFileSync(`${base}.json`, CLIENT_JSON);
        firstFile.path ??= `${base}.json`;
        break;
      case 'tenant-yaml':
        writeFileSync(`${base}.yaml`, TENANT_YAML);
        firstFile.path ??= `${base}.yaml`;
        break;
      case 'text':
        writeFileSync(`${base}.txt`, CLIENT_JSON);
        break;
      case 'folder':
        mkdirSync(base);
        firstFile.folder ??= base;
        build(base, entry.entries, firstFile);
        break;
      case 'link-in':
        // To the first file made in the tree (the link named with its extension), else its first folder; with
        // neither yet, out of the tree.
        symlinkSync(firstFile.path ?? firstFile.folder ?? OUTSIDE, `${base}${firstFile.path ? extname(firstFile.path) : ''}`);
        break;
      case 'link-out':
        symlinkSync(join(OUTSIDE, 'clients'), base);
        symlinkSync(join(OUTSIDE, 'outside.json'), `${base}-file.json`);
        break;
      case 'link-loop':
        symlinkSync(root, base);
        break;
      case 'link-broken':
        symlinkSync(join(root, 'missing.json'), `${base}.json`);
        break;
      case 'fifo':
        execFileSync('mkfifo', [`${base}.json`]);
        break;
    }
  }
}

/**
 * The plain listing the walker must match: every path under `dir` reached without passing node_modules, .git or
 * .terraform (Terraform's downloaded modules and providers),
 * links resolved and kept only while inside `treeRoot`, no folder entered twice on one path (a loop).
 */
function plainListing(dir: string, treeRoot: string, ancestors: readonly string[] = [realpathSync(dir)]): { files: string[]; special: string[]; outside: string[]; broken: string[] } {
  const files: string[] = [];
  const special: string[] = [];
  // Broken links (missing target, a loop of links) named like a file the walk would take: reported, not read.
  const broken: string[] = [];
  // Links out of the tree to a folder the walk would enter or a file it would take: reported, not followed.
  const outside: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      if (/\.(json|jsonc|ya?ml|tf)$/i.test(name)) broken.push(path);
      continue;
    }
    if (real !== treeRoot && !real.startsWith(treeRoot + sep)) {
      const isFolder = statSync(real).isDirectory();
      if (isFolder ? !['node_modules', '.git', '.terraform'].includes(name) : /\.(json|jsonc|ya?ml)$/i.test(name)) outside.push(path);
      continue;
    }
    const stat = statSync(real);
    if (stat.isDirectory()) {
      if (name === 'node_modules' || name === '.git' || name === '.terraform' || ancestors.includes(real)) continue;
      const inner = plainListing(path, treeRoot, [...ancestors, real]);
      files.push(...inner.files);
      special.push(...inner.special);
      outside.push(...inner.outside);
      broken.push(...inner.broken);
    } else if (/\.(json|jsonc|ya?ml)$/i.test(name)) {
      (stat.isFile() ? files : special).push(path);
    }
  }
  return { files, special, outside, broken };
}

function newRoot(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-walk-')));
  made.push(root);
  return root;
}

describe('walkTree', () => {
  test('lists what a plain recursive listing of the same policy lists, in order', () => {
    fc.assert(
      fc.property(tree, (entries) => {
        const root = newRoot();
        build(root, entries);
        const walked = [...walkTree(root)];
        const want = plainListing(root, root);
        assert.deepEqual(walked.filter((e) => e.kind === 'file').map((e) => e.path), want.files);
        assert.deepEqual(walked.filter((e) => e.kind === 'special').map((e) => e.path), want.special);
        assert.deepEqual(walked.filter((e) => e.kind === 'outside-link').map((e) => e.path), want.outside);
        assert.deepEqual(walked.filter((e) => e.kind === 'broken-link').map((e) => e.path), want.broken);
        for (const entry of walked) if (entry.kind === 'outside-link') assert.equal(entry.target, realpathSync(entry.path), entry.path);
        const whole = expandTargets([root], '/');
        assert.deepEqual(whole.files, [...new Set(want.files)].sort());
        // What the CLI names as skipped: every special file, link out of the tree and broken link, none left silent.
        assert.deepEqual(whole.skipped.map((s) => s.path).sort(), [...want.special, ...want.outside, ...want.broken].sort());
        // The real path the walk carries is what resolving each file alone gives, also when the root is a link.
        for (const entry of walked) if (entry.kind === 'file') assert.equal(entry.real, realpathSync(entry.path), entry.path);
        const viaLink = `${root}-link`;
        symlinkSync(root, viaLink);
        const expanded = expandTargets([viaLink], '/');
        assert.ok(expanded.files.length === expanded.realPaths.size);
        for (const file of expanded.files) assert.equal(expanded.realPaths.get(file), realpathSync(file), file);
        rmSync(viaLink);
        rmSync(root, { recursive: true, force: true });
      }),
      { numRuns: 60, seed: 13 },
    );
  });

  test('listDirectory lists one folder: lintable regular files, special files apart, no subfolders', () => {
    const root = newRoot();
    build(root, [
      { name: 'a', entry: { kind: 'client-json' } },
      { name: 'b', entry: { kind: 'tenant-yaml' } },
      { name: 'c', entry: { kind: 'text' } },
      { name: 'd', entry: { kind: 'fifo' } },
      { name: 'e', entry: { kind: 'link-out' } },
      { name: 'f', entry: { kind: 'folder', name: '', entries: [{ name: 'g', entry: { kind: 'client-json' } }] } },
    ]);
    const listing = listDirectory(root);
    assert.deepEqual(listing.files.map((f) => relative(root, f)), ['a.json', 'b.yaml']);
    assert.deepEqual(listing.special.map((s) => `${relative(root, s.path)} ${s.what}`), ['d.json a FIFO']);
    assert.deepEqual(listDirectory(join(root, 'missing')), { files: [], special: [], unreadable: 'ENOENT' });
    assert.deepEqual(listDirectory(root, { acceptFile: (path) => path.endsWith('.yaml') }).files.map((f) => relative(root, f)), ['b.yaml']);
    assert.deepEqual(listDirectory(root, { candidate: () => true }).files.map((f) => relative(root, f)), ['a.json', 'b.yaml', 'c.txt']);
  });
});

describe("the server's workspace scan and the CLI walk alike", () => {
  for (const seed of [1, 2, 3]) {
    test(`generated tree ${seed}: the files the server checks are the files the CLI expands`, async () => {
      const [entries] = fc.sample(tree, { numRuns: 1, seed });
      const server = await TestServer.start({});
      try {
        const root = server.path('');
        build(root, [...entries!, { name: 'anchor', entry: { kind: 'client-json' } }]);
        await server.configurationChanged({});
        await server.waitForScans(2);
        const checked = new Set(server.publications.filter((p) => p.diagnostics.length > 0).map((p) => fileURLToPath(p.uri)));
        assert.deepEqual([...checked].sort(), expandTargets([root], '/').files);
        const logged = server.logs.filter((line) => /is a FIFO, not a regular file/.test(line)).length;
        assert.equal(logged > 0, plainListing(root, realpathSync(root)).special.length > 0, 'special files are logged, not read');
      } finally {
        await server.stop();
      }
    });
  }
});

