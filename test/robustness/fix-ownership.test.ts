/**
 * `--fix` keeps what it does not own: the rewritten file keeps its owner, group and mode (special bits included),
 * hard links keep sharing the fixed text, and a file without write permission is refused with one line and left
 * as it was. Files are given to other users with chown, so most of this needs root; run as another user, the CLI
 * shows what happens when the owner cannot be given to a new file (the text is written into the file itself).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const IS_ROOT = process.getuid?.() === 0;
const work = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-fix-owner-')));
// Other users must be able to reach the files when the CLI runs as them.
chmodSync(work, 0o755);
// And the CLI itself: the checkout may sit in a folder only its owner can enter (a CI clone in a private temporary
// folder), so the self-contained bundle is run from a copy in the shared folder.
const CLI = join(work, 'cli.js');
copyFileSync(join(__dirname, '..', '..', 'dist', 'cli.js'), CLI);
chmodSync(CLI, 0o644);
after(() => rmSync(work, { recursive: true, force: true }));

const FIXABLE = '{\n  "name": "Partner",\n  "app_type": "spa",\n  "token_endpoint_auth_method": "none",\n  "grant_types": ["authorization_code", "client_credentials"]\n}\n';
const FIXED = '{\n  "name": "Partner",\n  "app_type": "spa",\n  "token_endpoint_auth_method": "none",\n  "grant_types": ["authorization_code"]\n}\n';
const OWNER = 4242;
const GROUP = 4343;
const OTHER_USER = 4444;

function fix(cwd: string, as?: { uid: number; gid: number }) {
  const run = spawnSync(process.execPath, [CLI, '--fix', '.'], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, ...(as ?? {}) });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A folder holding clients/App.json with the given owner and mode; returns [folder, file]. */
function clientFile(name: string, mode: number, owner = OWNER, group = GROUP, folderMode = 0o755): [string, string] {
  const root = join(work, name);
  mkdirSync(join(root, 'clients'), { recursive: true });
  const file = join(root, 'clients', 'App.json');
  writeFileSync(file, FIXABLE);
  chownSync(file, owner, group);
  chmodSync(file, mode);
  chmodSync(root, 0o755);
  chmodSync(join(root, 'clients'), folderMode);
  return [root, file];
}

function ownership(file: string) {
  const stat = statSync(file);
  return { uid: stat.uid, gid: stat.gid, mode: stat.mode & 0o7777 };
}

describe('--fix keeps owner, group and mode', { skip: IS_ROOT ? false : 'needs root to give files to other users (chown)' }, () => {
  for (const mode of [0o640, 0o600, 0o664, 0o2660, 0o1644, 0o200]) {
    test(`a file of another user with mode ${mode.toString(8).padStart(4, '0')} is fixed and keeps them`, () => {
      const [root, file] = clientFile(`mode-${mode.toString(8)}`, mode);
      const run = fix(root);
      assert.equal(run.stderr, '');
      assert.equal(run.status, 0, run.stdout);
      assert.equal(readFileSync(file, 'utf8'), FIXED);
      assert.deepEqual(ownership(file), { uid: OWNER, gid: GROUP, mode });
      assert.deepEqual(readdirSync(join(root, 'clients')), ['App.json'], 'no temporary file is left');
    });
  }

  for (const mode of [0o444, 0o400, 0o000]) {
    test(`a read-only file (mode ${mode.toString(8).padStart(4, '0')}) is refused with one line and left as it was`, () => {
      const [root, file] = clientFile(`read-only-${mode.toString(8)}`, mode);
      const before = statSync(file);
      const run = fix(root);
      assert.equal(run.status, 2);
      assert.equal(run.stderr, "grantlint: did not fix 'clients/App.json': it is read-only (no write permission)\n");
      assert.match(run.stdout, /public-client-credentials/, 'the findings are still reported');
      assert.equal(readFileSync(file, 'utf8'), FIXABLE);
      assert.deepEqual(ownership(file), { uid: OWNER, gid: GROUP, mode });
      assert.equal(statSync(file).ino, before.ino);
      assert.deepEqual(readdirSync(join(root, 'clients')), ['App.json']);
    });
  }

  test('hard links keep sharing the file: every name shows the fixed text', () => {
    const [root, file] = clientFile('hard-link', 0o640);
    const other = join(work, 'hard-link-elsewhere.json');
    linkSync(file, other);
    const inode = statSync(file).ino;
    const run = fix(root);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(file, 'utf8'), FIXED);
    assert.equal(readFileSync(other, 'utf8'), FIXED);
    assert.equal(statSync(file).ino, inode);
    assert.equal(statSync(file).nlink, 2);
    assert.deepEqual(ownership(file), { uid: OWNER, gid: GROUP, mode: 0o640 });
  });

  test('a user fixing a group-writable file of someone else: written in place, owner and mode kept', () => {
    // The folder takes new files from that user, but a new file cannot be given to the owner (EPERM).
    const [root, file] = clientFile('group-writable', 0o664, OWNER, GROUP, 0o777);
    const run = fix(root, { uid: OTHER_USER, gid: GROUP });
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0, run.stdout);
    assert.equal(readFileSync(file, 'utf8'), FIXED);
    assert.deepEqual(ownership(file), { uid: OWNER, gid: GROUP, mode: 0o664 });
    assert.deepEqual(readdirSync(join(root, 'clients')), ['App.json'], 'no temporary file is left');
  });

  test('a user fixing a writable file in a folder that takes no new file: written in place', () => {
    const [root, file] = clientFile('closed-folder', 0o666, OWNER, GROUP, 0o755);
    const run = fix(root, { uid: OTHER_USER, gid: OTHER_USER });
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0, run.stdout);
    assert.equal(readFileSync(file, 'utf8'), FIXED);
    assert.deepEqual(ownership(file), { uid: OWNER, gid: GROUP, mode: 0o666 });
  });

  test('a user without write permission on the file is refused, even when the folder is open to them', () => {
    const [root, file] = clientFile('not-theirs', 0o644, OWNER, GROUP, 0o777);
    const run = fix(root, { uid: OTHER_USER, gid: OTHER_USER });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, "grantlint: did not fix 'clients/App.json': it is read-only (no write permission)\n");
    assert.equal(readFileSync(file, 'utf8'), FIXABLE);
    assert.deepEqual(readdirSync(join(root, 'clients')), ['App.json']);
  });

  test('a user fixing their own file: replaced by rename, mode kept whatever the umask', () => {
    const [root, file] = clientFile('own-file', 0o664, OTHER_USER, OTHER_USER, 0o777);
    chownSync(join(root, 'clients'), OTHER_USER, OTHER_USER);
    const inode = statSync(file).ino;
    const run = spawnSync('sh', ['-c', `umask 077 && exec "${process.execPath}" "${CLI}" --fix .`], { cwd: root, encoding: 'utf8', uid: OTHER_USER, gid: OTHER_USER });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(file, 'utf8'), FIXED);
    assert.deepEqual(ownership(file), { uid: OTHER_USER, gid: OTHER_USER, mode: 0o664 });
    assert.notEqual(statSync(file).ino, inode, 'a new file took its place (atomic rename)');
  });
});
