// Packages the VS Code extension (.vsix) with vsce: `node scripts/package-vsix.mjs [--out <file.vsix>]`, after
// `npm run build`. package.json is both the npm manifest and the extension manifest; its `files` field decides what
// the npm package holds, and vsce refuses a manifest with `files` next to a .vscodeignore. So the files the
// .vscodeignore lets in are copied to a staging folder with the manifest minus `files`, and vsce runs there:
// .vscodeignore still decides what the .vsix holds.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The README the extension ships (vsce --readme-path); the repository's README.md is for developers. */
const USER_README = 'docs/extension-readme.md';

/** Files of the repository as a clone has them, plus the built dist/ (which git ignores). */
function candidateFiles() {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  const dist = existsSync(join(root, 'dist')) ? readdirSync(join(root, 'dist')).map((name) => `dist/${name}`) : [];
  return [...new Set([...listed.stdout.split('\0').filter(Boolean), ...dist])];
}

/** The patterns .vscodeignore lets in (its `!` lines); it ignores everything else. */
function includedPatterns() {
  return readFileSync(join(root, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('!'))
    .map((line) => line.slice(1));
}

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = resolve(outAt >= 0 ? args[outAt + 1] : join(root, `${manifest.name}-${manifest.version}.vsix`));

const stage = mkdtempSync(join(tmpdir(), 'grantlint-vsix-'));
try {
  const isIncluded = picomatch(includedPatterns(), { dot: true });
  for (const file of candidateFiles()) {
    if (file === 'package.json' || !isIncluded(file) || !existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    copyFileSync(join(root, file), join(stage, file));
  }
  copyFileSync(join(root, '.vscodeignore'), join(stage, '.vscodeignore'));
  // The .vsix shows users their README (install, features, settings), not the developers' one.
  mkdirSync(join(stage, 'docs'), { recursive: true });
  copyFileSync(join(root, USER_README), join(stage, USER_README));
  const { files: _npmFiles, ...extensionManifest } = manifest;
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(extensionManifest, null, 2)}\n`);
  const vsce = spawnSync(join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--readme-path', USER_README, '--out', out], { cwd: stage, stdio: 'inherit' });
  if (vsce.status !== 0) process.exit(vsce.status ?? 1);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
