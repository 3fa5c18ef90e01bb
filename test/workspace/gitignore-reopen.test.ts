/**
 * What the `ignore` note tells a user to write when a negation cannot work because a line above it leaves out a
 * folder on its way, held to git itself. The lines suggested, written just above the negation as the note says, must
 * (a) let git keep the file the negation names, and (b) keep git's own verdict, under the user's lines, for every
 * other file of a generated tree: a line such as `**\/clients/` or `dir/` (which leaves out every folder of that name)
 * keeps its meaning elsewhere. Checked for the file a pre-commit run names (blockedNegation) and for a negation named
 * as re-including nothing (idle), over excluding lines of every shape (`dir/`, `dir`, `/dir/`, `dir/*`, `dir/**`,
 * `**\/dir/`, `*\/clients/`, `dir/sub/`, a bare name) at depths 1 to 3, and negations of the file, its name, its name
 * at any depth, its folder and the files of its folder, with lines above and below them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { excludedFolderText } from '../../server/src/cli/override-notes';
import { gitignoreList, type ExcludedFolder } from '../../server/src/workspace/gitignore';

/** Folder names, nested up to three deep, each folder holding these files (and one at the top). */
const NAMES = ['dir', 'clients', 'deep'];
const LEAVES = ['Web.json', 'x.yaml'];
const FOLDERS = [1, 2, 3].flatMap((depth) => paths(depth));
const TREE = [...LEAVES, ...FOLDERS.flatMap((folder) => LEAVES.map((leaf) => `${folder}/${leaf}`))].sort();

/** Every folder path of `depth` names. */
function paths(depth: number): string[] {
  return depth === 0 ? [''] : paths(depth - 1).flatMap((parent) => NAMES.map((name) => (parent ? `${parent}/${name}` : name)));
}

const root = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-gitignore-reopen-')));
after(() => rmSync(root, { recursive: true, force: true }));
const repo = join(root, 'repo');
let excludes = 0;

/** Runs git in the test repository, reading no user or system config; its stdout. */
function git(args: readonly string[]): string {
  const run = spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
  if (run.error) throw new Error(`these tests ask git itself, which could not be run (${run.error.message}): install git`);
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

before(() => {
  for (const file of TREE) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    writeFileSync(join(repo, file), '');
  }
  git(['init', '-q']);
});

const verdicts = new Map<string, Set<string>>();
/** The files of TREE git leaves out when `lines` are a .gitignore at the top (`git ls-files --others --ignored`). */
function gitIgnores(lines: readonly string[]): Set<string> {
  const key = JSON.stringify(lines);
  let ignored = verdicts.get(key);
  if (!ignored) {
    const file = join(root, `exclude${excludes++}`);
    writeFileSync(file, lines.map((line) => `${line}\n`).join(''));
    ignored = new Set(git(['ls-files', '--others', '--ignored', `--exclude-from=${file}`, '-z']).split('\0').filter(Boolean));
    verdicts.set(key, ignored);
  }
  return ignored;
}

/** Excluding lines of every shape leaving out the folder at `path`, or every folder of its name, or what it holds. */
function excluding(path: string): string[] {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return [`${path}/`, path, `/${path}/`, `/${path}`, `${path}/*`, `${path}/**`, `**/${path}/`, `${name}/`, `**/${name}/`, `*/${name}/`];
}

/** Negations naming `file`: itself (anchored or not), its name anywhere, its folder, the files of its folder. */
function negations(file: string): string[] {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const folder = dirname(file);
  return [`!${file}`, `!/${file}`, `!${name}`, `!**/${name}`, ...(folder === '.' ? [] : [`!${folder}/`, `!${folder}/*.json`, `!${folder}/*`])];
}

/** Lines a user may have above or below: more excluding lines, a negation above, a file kind. */
const ABOVE = ['*.yaml', 'deep/', '!dir/Web.json', 'clients/Web.json'];
const BELOW = ['*.yaml', 'deep/', 'x.yaml', 'dir/clients/deep/'];

let checked = 0;
let unadvised = 0;

/**
 * Holds the advice for the negation at `lines[index]` to git: written just above it, git keeps `wanted` (the files
 * it must keep: one at least), and every other file keeps its verdict under `lines`, but for files the negation
 * names, which may only be kept where they were left out.
 */
function holds(lines: readonly string[], index: number, excluded: ExcludedFolder, wanted: readonly string[], label: string): void {
  const text = excludedFolderText(excluded);
  if (excluded.instead === undefined || !text.includes('just above the negation')) {
    unadvised++;
    assert.match(text, /; no short list of lines written above the negation makes it work$/, label);
    return;
  }
  checked++;
  assert.ok(text.length - text.indexOf('; write ') - 2 <= 120, `${label}: the advice of ${text} takes more than 120 characters`);
  for (const line of excluded.instead) assert.ok(text.includes(JSON.stringify(line)), `${label}: ${text}`);
  const written = [...lines.slice(0, index), ...excluded.instead, ...lines.slice(index)];
  const before = gitIgnores(lines);
  const after = gitIgnores(written);
  const named = gitIgnores([lines[index]!.slice(1)]);
  const advice = `${label} with ${JSON.stringify(written)}`;
  // (a) what the negation was meant to keep, git now keeps.
  assert.ok(wanted.length > 0 && wanted.some((file) => !after.has(file)), `${advice}: git still leaves out ${wanted.join(', ')}`);
  // (b) every other file keeps its verdict; one the negation names is never newly left out.
  for (const file of TREE) {
    if (named.has(file)) assert.ok(!after.has(file) || before.has(file), `${advice}: now leaves out ${file}`);
    else assert.equal(after.has(file), before.has(file), `${advice}: changes the verdict on ${file}`);
  }
}

/** Checks both notes for `lines`, whose negation is at `index`: each file it cannot keep, and the negation when idle. */
function check(lines: readonly string[], index: number): void {
  const label = JSON.stringify(lines);
  const list = gitignoreList(lines, '/w');
  const ignored = gitIgnores(lines);
  for (const file of TREE) {
    const blocked = list.blockedNegation(`/w/${file}`);
    if (!blocked || blocked.negation !== lines[index]) continue;
    assert.ok(ignored.has(file), `${label}: ${file} is left out as git does`);
    holds(lines, index, blocked.folder, [file], `${label} for ${file}`);
  }
  const idle = list.idle(TREE.map((file) => `/w/${file}`)).find((entry) => entry.glob === lines[index]);
  if (idle?.excludedFolder) {
    const named = gitIgnores([lines[index]!.slice(1)]);
    const meant = TREE.filter((file) => named.has(file) && file.startsWith(idle.excludedFolder!.folder) && ignored.has(file));
    holds(lines, index, idle.excludedFolder, meant, `${label} (idle)`);
  }
}

test('the reported shapes: what the note says to write, and that git then keeps the file and nothing else', () => {
  // `dir/*` leaves out dir/clients/: it must be re-included before what it holds is left out.
  const star = gitignoreList(['dir/*', '!dir/clients/Web.json'], '/w').blockedNegation('/w/dir/clients/Web.json');
  assert.deepEqual(star?.folder, { folder: 'dir/clients/', by: 'dir/*', instead: ['!dir/clients/', 'dir/clients/*'] });
  // `**/clients/` keeps leaving out every other clients/ folder.
  const any = gitignoreList(['**/clients/', '!dir/clients/Web.json'], '/w').blockedNegation('/w/dir/clients/Web.json');
  assert.deepEqual(any?.folder, { folder: 'dir/clients/', by: '**/clients/', instead: ['!dir/clients/', 'dir/clients/*'] });
  // `dir/` leaves out every folder named dir: the one re-included is anchored.
  const top = gitignoreList(['dir/', '!dir/Web.json'], '/w').blockedNegation('/w/dir/Web.json');
  assert.deepEqual(top?.folder.instead, ['!/dir/', 'dir/*']);
  for (const lines of [
    ['dir/*', '!dir/clients/Web.json'],
    ['**/clients/', '!dir/clients/Web.json'],
    ['dir/', '!dir/Web.json'],
    ['dir/', '!dir/clients/deep/Web.json'],
  ]) {
    const before = checked;
    check(lines, 1);
    assert.equal(checked, before + 2, `${JSON.stringify(lines)}: advice given for the file and the idle negation`);
  }
});

test('every shape of excluding line and negation, at depths 1 to 3: the advice works in git and changes nothing else', () => {
  for (const folder of ['dir', 'dir/clients', 'clients/dir/deep']) {
    for (const line of excluding(folder)) {
      // Files directly in the folder and one folder deeper (the other kind of file is named as this one is).
      for (const file of TREE.filter((f) => f.startsWith(`${folder}/`) && f.endsWith('.json') && f.split('/').length <= folder.split('/').length + 2)) {
        for (const negation of negations(file)) check([line, negation], 1);
      }
    }
  }
  // Every shape gets advice: no short list is said only for a folder named too deep down.
  assert.ok(checked > 500, `${checked} pieces of advice checked`);
  assert.ok(unadvised < checked / 20, `${unadvised} without advice, ${checked} with`);
});

test('generated lists with lines above and below the negation', () => {
  const folder = fc.constantFrom(...FOLDERS);
  fc.assert(
    fc.property(
      folder.chain((path) => fc.record({ line: fc.constantFrom(...excluding(path)), negation: fc.constantFrom(...TREE.filter((f) => f.startsWith(`${path}/`)).flatMap(negations)) })),
      fc.subarray(ABOVE, { maxLength: 2 }),
      fc.subarray(BELOW, { maxLength: 2 }),
      ({ line, negation }, above, below) => check([...above, line, negation, ...below], above.length + 1),
    ),
    { numRuns: 100 },
  );
});

test('lines that would take more than 120 characters to name are no short list, and the note says so', () => {
  const folder = `${'generated-'.repeat(6)}exports`;
  const lines = [`${folder}/`, `!${folder}/clients/Web.json`];
  const blocked = gitignoreList(lines, '/w').blockedNegation(`/w/${folder}/clients/Web.json`);
  assert.deepEqual(blocked?.folder.instead, [`!/${folder}/`, `${folder}/*`, `!${folder}/clients/`, `${folder}/clients/*`]);
  assert.match(excludedFolderText(blocked!.folder), /excluded folder; no short list of lines written above the negation makes it work$/);
});

/** Negations naming `file` as a file (not a folder on its way): itself, anchored or not, its name, its folder's files of its kind. */
function fileNegations(file: string): string[] {
  const name = file.slice(file.lastIndexOf('/') + 1);
  return [`!${file}`, `!/${file}`, `!${name}`, `!**/${name}`, `!${dirname(file)}/*${name.slice(name.lastIndexOf('.'))}`];
}

/** Whether a note's advice is given as lines to write (or as the lines of another note letting it work too). */
function advised(note: ExcludedFolder): boolean {
  return note.instead !== undefined && !excludedFolderText(note).endsWith('no short list of lines written above the negation makes it work');
}

let composed = 0;

/**
 * Holds the notes on the negations of `lines` (by index) to git, all their lines written at once, each just above its
 * negation: every file of `wanted` that an advised negation names, inside its folder left out, gets the verdict git
 * would give it were no folder in the way (the last line naming it decides: a negation keeps it, an excluding line
 * below leaves it out); every file no noted negation names keeps its verdict, and none that one names is newly left
 * out; and no negation of the user's is then undone by the lines written.
 */
function holdsAll(lines: readonly string[], notes: readonly (readonly [number, ExcludedFolder])[], wanted: readonly string[], label: string): void {
  const written: string[] = [];
  // The line numbers of the lines written.
  const added = new Set<number>();
  lines.forEach((line, i) => {
    for (const [, note] of notes.filter(([index, n]) => index === i && advised(n))) {
      const text = excludedFolderText(note);
      for (const added of note.instead!) assert.ok(text.includes(JSON.stringify(added)), `${label}: ${text}`);
      // The lines it takes as written are those of a note above it that gives lines.
      if (note.after !== undefined) {
        const first = lines.indexOf(note.after);
        assert.ok(first >= 0 && first <= i && notes.some(([index, n]) => index === first && advised(n) && n !== note), `${label}: ${text}`);
        assert.ok(text.includes(JSON.stringify(note.after)), `${label}: ${text}`);
      }
      for (const extra of note.instead!) added.add(written.push(extra));
    }
    written.push(line);
  });
  const before = gitIgnores(lines);
  const after = gitIgnores(written);
  const advice = `${label} with ${JSON.stringify(written)}`;
  const noted = notes.map(([i]) => gitIgnores([lines[i]!.slice(1)]));
  for (const file of TREE) {
    if (noted.some((named) => named.has(file))) assert.ok(!after.has(file) || before.has(file), `${advice}: now leaves out ${file}`);
    else assert.equal(after.has(file), before.has(file), `${advice}: changes the verdict on ${file}`);
  }
  for (const [i, note] of notes) {
    if (!advised(note)) continue;
    const meant = wanted.filter((file) => gitIgnores([lines[i]!.slice(1)]).has(file) && file.startsWith(note.folder) && before.has(file));
    for (const file of meant) {
      const last = [...lines].reverse().find((line) => gitIgnores([line.startsWith('!') ? line.slice(1) : line]).has(file))!;
      assert.equal(after.has(file), !last.startsWith('!'), `${advice}: ${file} (the last line naming it is ${JSON.stringify(last)})`);
    }
    if (note.after !== undefined) composed++;
  }
  const undone = gitignoreList(written, '/w')
    .idle(TREE.map((file) => `/w/${file}`))
    .filter((entry) => entry.undoneBy?.some(({ line }) => added.has(line)));
  assert.deepEqual(undone, [], advice);
}

/** Checks the notes on every negation of `lines`: those naming negations as idle, and those of a run naming every file they name. */
function checkAll(lines: readonly string[]): void {
  const label = JSON.stringify(lines);
  const list = gitignoreList(lines, '/w');
  const idle = list
    .idle(TREE.map((file) => `/w/${file}`))
    .flatMap((entry) => (entry.excludedFolder ? [[lines.indexOf(entry.glob), entry.excludedFolder] as const] : []));
  holdsAll(lines, idle, TREE, `${label} (idle)`);
  const named = TREE.filter((file) => lines.some((line) => line.startsWith('!') && gitIgnores([line.slice(1)]).has(file)));
  const skipped: (readonly [number, ExcludedFolder])[] = [];
  const paths = named.map((f) => `/w/${f}`);
  for (const file of named) {
    const blocked = list.blockedNegation(`/w/${file}`, paths);
    if (!blocked) continue;
    const i = lines.indexOf(blocked.negation);
    // One negation gets one piece of advice per folder, whichever of its files there the note is on.
    const same = skipped.find(([index, note]) => index === i && note.folder === blocked.folder.folder);
    if (same) assert.deepEqual(blocked.folder, same[1], `${label}: ${file}`);
    else skipped.push([i, blocked.folder]);
  }
  holdsAll(lines, skipped, named, `${label} (skipped)`);
}

test('the reported list: one list above the first negation, which lets the second work too; both keep their files', () => {
  const lines = ['dir/', '!dir/Web.json', '!dir/clients/Web.json'];
  const idle = gitignoreList(lines, '/w').idle(TREE.map((file) => `/w/${file}`));
  assert.deepEqual(
    idle.map((entry) => [entry.glob, entry.excludedFolder && excludedFolderText(entry.excludedFolder)]),
    [
      ['!dir/Web.json', `its folder 'dir/' is excluded by "dir/", and git does not look inside an excluded folder; write "!/dir/", "dir/*", "!dir/clients/" and "dir/clients/*" just above the negation`],
      ['!dir/clients/Web.json', `its folder 'dir/' is excluded by "dir/", and git does not look inside an excluded folder; the lines suggested for "!dir/Web.json" let it work too`],
    ],
  );
  // The other order: the first note's lines let the second negation work.
  const reversed = gitignoreList(['dir/', '!dir/clients/Web.json', '!dir/Web.json'], '/w').idle(TREE.map((file) => `/w/${file}`));
  assert.match(excludedFolderText(reversed[1]!.excludedFolder!), /; the lines suggested for "!dir\/clients\/Web.json" let it work too$/);
  for (const list of [lines, ['dir/', '!dir/clients/Web.json', '!dir/Web.json'], ['dir/', '!dir/Web.json', '!dir/x.yaml', '!dir/clients/deep/Web.json']]) checkAll(list);
});

test('several negations under one folder (siblings, nested, at different depths): all the notes’ lines written at once keep what each names and nothing else', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('dir', 'dir/clients', 'clients').chain((folder) =>
        fc.record({
          line: fc.constantFrom(...excluding(folder)),
          negated: fc.uniqueArray(fc.constantFrom(...TREE.filter((f) => f.startsWith(`${folder}/`)).flatMap(fileNegations)), { minLength: 2, maxLength: 4 }),
        }),
      ),
      fc.subarray(ABOVE, { maxLength: 1 }),
      fc.subarray(BELOW, { maxLength: 1 }),
      ({ line, negated }, above, below) => {
        const lines = [...above, line, ...negated, ...below];
        fc.pre(new Set(lines).size === lines.length);
        checkAll(lines);
      },
    ),
    { numRuns: 150 },
  );
  assert.ok(composed > 20, `${composed} notes taking another note's lines as written`);
});

test('a negation whose files a line below leaves out again is named with that line, as git check-ignore gives it', () => {
  for (const [lines, file, line] of [
    [['*.json', '!dir/Web.json', 'dir/'], 'dir/Web.json', 3],
    [['dir/', '!/dir/', 'dir/*', '!dir/Web.json', '!/dir/', 'dir/*', '!dir/clients/', 'dir/clients/*', '!dir/clients/Web.json'], 'dir/Web.json', 6],
    [['*.json', '!**/Web.json', '*.yaml', 'Web.json'], 'clients/Web.json', 4],
    [['clients/*', '!clients/x.yaml', '*.yaml'], 'clients/x.yaml', 3],
  ] as const) {
    const idle = gitignoreList(lines, '/w').idle(TREE.map((f) => `/w/${f}`));
    const entry = idle.find((e) => e.undoneBy !== undefined);
    assert.ok(entry && entry.glob.startsWith('!'), `${JSON.stringify(lines)}: ${JSON.stringify(idle)}`);
    assert.deepEqual(entry.undoneBy, [{ glob: lines[line - 1], line }], JSON.stringify(lines));
    const exclude = join(root, `exclude${excludes++}`);
    writeFileSync(exclude, lines.map((l) => `${l}\n`).join(''));
    assert.equal(git(['-c', `core.excludesFile=${exclude}`, 'check-ignore', '-v', '--no-index', file]).split('\t')[0], `${exclude}:${line}:${lines[line - 1]}`);
  }
});
