/**
 * FolderWatcher (workspace/folder-watcher.ts), the server's own watch for clients that watch no files: which folders
 * a document needs, shared and released by documents, changes gathered into one batch with whether each file is
 * gone, files of no interest left out, and each watch started reported once.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { FolderWatcher, type DiskChange } from '../../server/src/workspace/folder-watcher';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-watch-')));
after(() => rmSync(root, { recursive: true, force: true }));

/** A watcher whose batches are collected; `next()` resolves with the next batch. */
function collecting(): { watcher: FolderWatcher; next: () => Promise<readonly DiskChange[]>; problems: string[] } {
  const waiting: ((changes: readonly DiskChange[]) => void)[] = [];
  const problems: string[] = [];
  const watcher = new FolderWatcher((changes) => waiting.shift()?.(changes), (path) => /\.(json|tf)$/.test(path), (problem) => problems.push(problem), 50);
  return { watcher, next: () => new Promise((resolve) => waiting.push(resolve)), problems };
}

describe('FolderWatcher', () => {
  it('watches a document\'s folder, its parent and their clients/ and grants/ folders that exist, shared by documents', () => {
    const tenant = join(root, 'shared');
    mkdirSync(join(tenant, 'clients'), { recursive: true });
    mkdirSync(join(tenant, 'grants'), { recursive: true });
    const { watcher } = collecting();
    try {
      watcher.add(join(tenant, 'clients', 'a.json'));
      // clients/, tenant/ (the parent), tenant/grants/; clients/clients and clients/grants do not exist.
      assert.equal(watcher.folderCount, 3);
      watcher.add(join(tenant, 'clients', 'b.json'));
      watcher.add(join(tenant, 'tenant.json'));
      // tenant.json adds its own parent (root): the others are shared.
      assert.equal(watcher.folderCount, 4);
      watcher.remove(join(tenant, 'clients', 'a.json'));
      assert.equal(watcher.folderCount, 4, 'b.json still needs them');
      watcher.remove(join(tenant, 'clients', 'b.json'));
      assert.equal(watcher.folderCount, 4, 'tenant.json needs its folder, its parent, and clients/ and grants/ beside it');
      watcher.remove(join(tenant, 'tenant.json'));
      assert.equal(watcher.folderCount, 0);
    } finally {
      watcher.dispose();
    }
  });

  it('watches the folders above a document up to its workspace folder, where a config file may be', () => {
    const deep = join(root, 'ws', 'infra', 'auth0', 'prod');
    mkdirSync(deep, { recursive: true });
    const { watcher } = collecting();
    try {
      watcher.add(join(deep, 'main.tf'), join(root, 'ws'));
      // prod, auth0 (its parent), infra, ws: nothing above the workspace folder.
      assert.equal(watcher.folderCount, 4);
      watcher.remove(join(deep, 'main.tf'));
      watcher.add(join(deep, 'main.tf'));
      assert.equal(watcher.folderCount, 2, 'without a workspace folder: its folder and its parent');
    } finally {
      watcher.dispose();
    }
  });

  it('hands over changes in one batch, with deletions, and leaves out files of no interest', async () => {
    const module = join(root, 'module');
    mkdirSync(module, { recursive: true });
    writeFileSync(join(module, 'old.tf'), 'x');
    const { watcher, next } = collecting();
    // The watches do not keep the process alive (the server's connection does): this test must, while it waits.
    const alive = setInterval(() => undefined, 1000);
    try {
      watcher.add(join(module, 'main.tf'));
      const batch = next();
      writeFileSync(join(module, 'credentials.tf'), 'a');
      writeFileSync(join(module, 'notes.txt'), 'b');
      unlinkSync(join(module, 'old.tf'));
      const changes = await batch;
      assert.deepEqual(changes, [
        { path: join(module, 'credentials.tf'), deleted: false },
        { path: join(module, 'old.tf'), deleted: true },
      ]);
    } finally {
      clearInterval(alive);
      watcher.dispose();
    }
  });

  it('skips a folder that does not exist, and says nothing is wrong', () => {
    const { watcher, problems } = collecting();
    try {
      watcher.add(join(root, 'missing', 'deeper', 'main.tf'));
      assert.equal(watcher.folderCount, 0);
      assert.deepEqual(problems, []);
    } finally {
      watcher.dispose();
    }
  });

  it('reports each folder whose watch starts, once, after it is in place: a later document sharing it adds none', () => {
    const tenant = join(root, 'started');
    mkdirSync(join(tenant, 'clients'), { recursive: true });
    mkdirSync(join(tenant, 'grants'), { recursive: true });
    mkdirSync(join(root, 'started-mod'), { recursive: true });
    const started: string[][] = [];
    const watcher = new FolderWatcher(() => {}, () => true, () => {}, 50, (folders) => started.push([...folders].sort()));
    try {
      watcher.add(join(tenant, 'grants', 'A.json'));
      assert.deepEqual(started, [[tenant, join(tenant, 'clients'), join(tenant, 'grants')].sort()]);
      assert.equal(watcher.folderCount, 3, 'each is watched when reported');
      watcher.add(join(tenant, 'clients', 'B.json'));
      watcher.add(join(tenant, 'grants', 'A.json'));
      assert.equal(started.length, 1, 'no new folder: nothing reported');
      watcher.add(join(root, 'started-mod', 'main.tf'));
      assert.deepEqual(started[1], [root, join(root, 'started-mod')], 'the module and its parent, not watched before');
    } finally {
      watcher.dispose();
    }
  });
});
