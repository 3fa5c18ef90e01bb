/**
 * The .vsix a user installs: packed as `npm run package` packs it (scripts/package-vsix.mjs), then listed (it is
 * a zip). It must
 * carry every rule's page (opened offline by "Show documentation") and the user README, and nothing a user does
 * not run: no test, script, bench, example or source file, no developers' README.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ALL_RULES } from '../../server/src/engine/rules/index';

const root = resolve(__dirname, '../..');

/** Every file the extension may ship, under `extension/`. */
const ALLOWED: readonly RegExp[] = [
  /^package\.json$/,
  /^readme\.md$/,
  /^changelog\.md$/,
  /^LICENSE\.txt$/,
  /^dist\/(extension|server)\.js$/,
  /^dist\/(web-tree-sitter|tree-sitter-hcl)\.wasm$/,
  /^schemas\/[a-z0-9-]+\.schema\.json$/,
  /^images\/icon\.png$/,
  /^docs\/rules\/[a-z0-9-]+\.md$/,
];

describe('the packaged extension (.vsix)', () => {
  let work: string;
  let entries: string[];
  let readme: string;
  before(() => {
    for (const bundle of ['dist/extension.js', 'dist/server.js']) assert.ok(existsSync(join(root, bundle)), `${bundle} is built (npm run build)`);
    work = mkdtempSync(join(tmpdir(), 'grantlint-vsix-'));
    const vsix = join(work, 'grantlint.vsix');
    const pack = spawnSync(process.execPath, [join(root, 'scripts/package-vsix.mjs'), '--out', vsix], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    assert.equal(pack.status, 0, `packaging failed:\n${pack.stdout}\n${pack.stderr}`);
    const list = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
    assert.equal(list.status, 0, `unzip -Z1 failed: ${list.stderr}`);
    entries = list.stdout.split('\n').filter((line) => line.startsWith('extension/')).map((line) => line.slice('extension/'.length));
    readme = spawnSync('unzip', ['-p', vsix, 'extension/readme.md'], { encoding: 'utf8' }).stdout;
  });
  after(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('holds only what the extension runs and shows: no test, script, bench or source file', () => {
    const stray = entries.filter((entry) => !ALLOWED.some((pattern) => pattern.test(entry)));
    assert.deepEqual(stray, []);
    assert.ok(entries.includes('dist/server.js') && entries.includes('dist/extension.js'));
    // The server reads Terraform HCL with these two.
    assert.ok(entries.includes('dist/web-tree-sitter.wasm') && entries.includes('dist/tree-sitter-hcl.wasm'));
  });

  it('carries every rule page of docs/rules and one for every rule id', () => {
    const pages = readdirSync(join(root, 'docs/rules')).filter((f) => f.endsWith('.md')).sort();
    const shipped = entries.filter((e) => e.startsWith('docs/rules/')).map((e) => e.slice('docs/rules/'.length)).sort();
    assert.deepEqual(shipped, pages);
    for (const rule of ALL_RULES) assert.ok(shipped.includes(`${rule.id}.md`), `${rule.id} has a bundled page`);
  });

  it('ships the user README, not the developers\' one', () => {
    assert.match(readme, /^# Grantlint for VS Code/);
    for (const heading of ['## Install', '## Settings', '## Commands']) assert.ok(readme.includes(heading), heading);
    for (const developerOnly of [/^## (Testing|Performance|How it works|Robustness)/m, /npm run (bench|test|build)/, /scripts\//]) {
      assert.doesNotMatch(readme, developerOnly);
    }
    for (const image of readme.matchAll(/!\[[^\]]*\]\(https:\/\/github\.com\/grantlint\/grantlint\/raw\/HEAD\/([^)]+)\)/g)) {
      assert.ok(existsSync(join(root, image[1]!)), `the screenshot ${image[1]} exists`);
    }
    assert.equal(readFileSync(join(root, 'docs/extension-readme.md'), 'utf8').split('\n')[0], '# Grantlint for VS Code');
  });
});
