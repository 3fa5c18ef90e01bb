/**
 * `.grantlintrc.json`'s `ignore` read exactly as git reads a .gitignore: over generated trees and lists (negations
 * with and without a slash, anchored and `**` patterns, trailing `/`, comments, trailing spaces, escapes), the files
 * the CLI's walk selects are the files `git ls-files --others` keeps, and an override's `files` applies to exactly
 * the files git leaves out. A negation used to make every file ignored (`!sub/tenant.yaml`: picomatch read it as
 * "anything but"), one without a slash re-included nothing, and `#` lines and trailing spaces were read literally.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { ConfigFinder, expandTargets, parseConfig, resolveFileSettings, settingsFor } from '../../server/src/workspace/index';
import { fileTree, gitKeeps, ignoreList } from '../helpers/gitignore-cases';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-gitignore-')));
after(() => rmSync(root, { recursive: true, force: true }));
let runs = 0;

/** The files (relative to `dir`) that the CLI's walk of `dir` selects under the config file written there. */
function grantlintKeeps(dir: string): string[] {
  const finder = new ConfigFinder();
  return expandTargets([dir], dir)
    .files.filter((file) => resolveFileSettings(finder.config(file), file) !== undefined)
    .map((file) => relative(dir, file))
    .sort();
}

test("the walk keeps exactly the files git keeps under the same lines as a .gitignore", () => {
  fc.assert(
    fc.property(fileTree, ignoreList, (files, lines) => {
      const dir = join(root, `walk${runs++}`);
      const kept = gitKeeps(dir, files, lines);
      writeFileSync(join(dir, '.grantlintrc.json'), JSON.stringify({ ignore: lines }));
      assert.deepEqual(grantlintKeeps(dir), kept);
    }),
    { numRuns: 200 },
  );
});

test("an override's files apply to exactly the files git would leave out under them", () => {
  fc.assert(
    fc.property(fileTree, ignoreList, (files, lines) => {
      const dir = join(root, `override${runs++}`);
      const kept = new Set(gitKeeps(dir, files, lines));
      const config = parseConfig(JSON.stringify({ overrides: [{ files: lines, rules: { 'implicit-grant': 'off' } }] }), join(dir, '.grantlintrc.json'));
      const applied = files.filter((file) => settingsFor(config, join(dir, file)).rules.get('implicit-grant') === 'off');
      assert.deepEqual(applied, files.filter((file) => !kept.has(file)));
    }),
    { numRuns: 100 },
  );
});

test('a negation alone, with or without a slash, anchored or not, leaves nothing out; after a glob it re-includes what it names', () => {
  const files = ['tenant.yaml', 'sub/tenant.yaml', 'sub/a.json', 'tenant/clients/Mobile App.json', 'tenant/clients/Web.json'];
  const cases: readonly (readonly [readonly string[], readonly string[]])[] = [
    [['!tenant/clients/Mobile App.json'], files],
    [['!/tenant.yaml'], files],
    [['!sub/tenant.yaml'], files],
    [['!tenant.yaml'], files],
    [['sub/*', '!sub/tenant.yaml'], ['tenant.yaml', 'sub/tenant.yaml', 'tenant/clients/Mobile App.json', 'tenant/clients/Web.json']],
    [['*.yaml', '!tenant.yaml'], files],
    [['*.json', '!Mobile App.json'], ['tenant.yaml', 'sub/tenant.yaml', 'tenant/clients/Mobile App.json']],
    // A file whose folder is left out cannot be re-included (git does not look inside it).
    [['sub/', '!sub/tenant.yaml'], ['tenant.yaml', 'tenant/clients/Mobile App.json', 'tenant/clients/Web.json']],
    [['sub', '!tenant.yaml'], ['tenant.yaml', 'tenant/clients/Mobile App.json', 'tenant/clients/Web.json']],
  ];
  for (const [lines, expected] of cases) {
    const dir = join(root, `negation${runs++}`);
    assert.deepEqual(gitKeeps(dir, files, lines), [...expected].sort(), `git: ${lines.join(', ')}`);
    const config = parseConfig(JSON.stringify({ ignore: lines }), join(dir, '.grantlintrc.json'));
    const keptHere = files.filter((file) => resolveFileSettings(config, join(dir, file)) !== undefined);
    assert.deepEqual(keptHere.sort(), [...expected].sort(), lines.join(', '));
  }
});

test('comments, trailing spaces and escapes read as git reads them', () => {
  const files = ['yaml/tenant.yaml', '#c.json', '!n.yaml', 'sp /a.json', 'a.json'];
  const cases: readonly (readonly [string, readonly string[]])[] = [
    ['yaml ', ['yaml/tenant.yaml']],
    ['a.json   ', ['sp /a.json', 'a.json']],
    ['#c.json', []],
    ['\\#c.json', ['#c.json']],
    ['\\!n.yaml', ['!n.yaml']],
    ['sp\\ ', ['sp /a.json']],
    ['sp ', []],
  ];
  for (const [glob, ignored] of cases) {
    mkdirSync(join(root, 'escapes'), { recursive: true });
    const config = parseConfig(JSON.stringify({ ignore: [glob] }), join(root, 'escapes', '.grantlintrc.json'));
    const left = files.filter((file) => resolveFileSettings(config, join(root, 'escapes', file)) === undefined);
    assert.deepEqual(left, ignored, JSON.stringify(glob));
  }
});
