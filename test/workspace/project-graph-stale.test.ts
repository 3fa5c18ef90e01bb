/**
 * ProjectGraph.staleIn and LiveProjects.staleIn: when a folder's watch starts, the files there that a project read
 * before differ from the disk (changed, created, deleted since, with no event to say so) are named, and nothing
 * else: not an unchanged folder, not a project never read, not an open document (its text wins). For each folder a
 * project has files in: a deploy-cli directory (tenant.json, clients/, grants/) and a Terraform module (.tf.json).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { diskProjectFiles } from '../../server/src/workspace/disk-project-files';
import { LiveProjects } from '../../server/src/workspace/live-projects';
import { ProjectGraph } from '../../server/src/workspace/project-graph';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
const roots: string[] = [];
after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A workspace with a deploy-cli directory `dir/` and a module `mod/`, on disk. */
function workspace(): { root: string; write: (rel: string, text: string) => string } {
  const root = mkdtempSync(join(tmpdir(), 'grantlint-stale-'));
  roots.push(root);
  const write = (rel: string, text: string): string => {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  write('dir/tenant.json', json({ flags: {} }));
  write('dir/clients/Jobs.json', json({ name: 'Jobs', app_type: 'non_interactive', grant_types: ['authorization_code'] }));
  write('dir/grants/Jobs-api.json', json({ client_id: 'Jobs', audience: 'https://api.example.com/', scope: ['read'] }));
  write('mod/main.tf.json', json({ resource: { auth0_client: { web: { name: 'Web', app_type: 'regular_web', grant_types: ['client_credentials'] } } } }));
  write('mod/creds.tf.json', json({ resource: { auth0_client_credentials: { web: { client_id: '${auth0_client.web.id}', authentication_method: 'none' } } } }));
  return { root, write };
}

/** Each folder a project has files in, and a change there: a member rewritten, one created, one deleted. */
const CHANGES: readonly { folder: string; file: string; kind: 'rewritten' | 'created' | 'deleted' }[] = [
  { folder: 'dir', file: 'dir/tenant.json', kind: 'rewritten' },
  { folder: 'dir', file: 'dir/tenant.json', kind: 'deleted' },
  { folder: 'dir/clients', file: 'dir/clients/Jobs.json', kind: 'rewritten' },
  { folder: 'dir/clients', file: 'dir/clients/New.json', kind: 'created' },
  { folder: 'dir/clients', file: 'dir/clients/Jobs.json', kind: 'deleted' },
  { folder: 'dir/grants', file: 'dir/grants/Jobs-api.json', kind: 'rewritten' },
  { folder: 'dir/grants', file: 'dir/grants/New-api.json', kind: 'created' },
  { folder: 'mod', file: 'mod/creds.tf.json', kind: 'rewritten' },
  { folder: 'mod', file: 'mod/more.tf.json', kind: 'created' },
  { folder: 'mod', file: 'mod/creds.tf.json', kind: 'deleted' },
];
const FOLDERS = ['dir', 'dir/clients', 'dir/grants', 'mod'];

/** Reads both projects whole: links, and the reverse index (which reads the grant files too). */
function readAll(graph: ProjectGraph, root: string): void {
  graph.linksFor(join(root, 'dir/grants/Jobs-api.json'));
  graph.dependentsOf(join(root, 'dir/clients/Jobs.json'));
  graph.linksFor(join(root, 'mod/main.tf.json'));
}

describe('ProjectGraph.staleIn: what a folder holds now against what its project read', () => {
  for (const { folder, file, kind } of CHANGES) {
    it(`${file} ${kind}: named for ${folder}/ alone`, () => {
      const { root, write } = workspace();
      const graph = new ProjectGraph(diskProjectFiles(), { isReported: () => true });
      readAll(graph, root);
      for (const each of FOLDERS) assert.deepEqual(graph.staleIn(join(root, each)), [], `${each}: nothing changed yet`);
      if (kind === 'deleted') unlinkSync(join(root, file));
      else write(file, kind === 'created' ? json({ name: 'New', app_type: 'spa' }) : `${json({ changed: true })}`);
      for (const each of FOLDERS) assert.deepEqual(graph.staleIn(join(root, each)), each === folder ? [join(root, file)] : [], each);
      // Refreshed as a change on disk is, the folder matches its project again.
      if (kind === 'rewritten') graph.refresh(join(root, file));
      else graph.invalidate(join(root, file));
      readAll(graph, root);
      assert.deepEqual(graph.staleIn(join(root, folder)), []);
    });
  }

  it('a member its project has not read yet is not named: it is read from the disk when needed', () => {
    const { root, write } = workspace();
    const graph = new ProjectGraph(diskProjectFiles(), { isReported: () => true });
    graph.linksFor(join(root, 'dir/clients/Jobs.json'));
    write('dir/grants/Jobs-api.json', json({ client_id: 'Jobs', audience: 'https://other.example.com/' }));
    assert.deepEqual(graph.staleIn(join(root, 'dir/grants')), []);
    write('dir/tenant.json', json({ flags: { allow_legacy_ro_grant_types: true } }));
    assert.deepEqual(graph.staleIn(join(root, 'dir')), [join(root, 'dir/tenant.json')]);
  });

  it('a project not read yet, and a folder that is gone, name nothing', () => {
    const { root, write } = workspace();
    const graph = new ProjectGraph(diskProjectFiles(), { isReported: () => true });
    write('mod/creds.tf.json', json({}));
    write('dir/clients/Jobs.json', json({}));
    for (const each of FOLDERS) assert.deepEqual(graph.staleIn(join(root, each)), []);
    assert.deepEqual(graph.staleIn(join(root, 'missing')), []);
  });
});

describe('LiveProjects.staleIn', () => {
  it('leaves out an open document, whose text stands for its file, and names the others once, sorted', () => {
    const { root, write } = workspace();
    const live = new LiveProjects();
    live.documentText(join(root, 'dir/clients/Jobs.json'), json({ name: 'Jobs', app_type: 'non_interactive', grant_types: ['client_credentials'] }));
    live.linksFor(join(root, 'dir/grants/Jobs-api.json'));
    live.linksFor(join(root, 'mod/main.tf.json'));
    write('dir/clients/Jobs.json', json({ name: 'Jobs', app_type: 'spa' }));
    write('mod/creds.tf.json', json({}));
    write('dir/tenant.json', json({ flags: { allow_legacy_ro_grant_types: true } }));
    const folders = [...FOLDERS, 'mod', 'dir'].map((each) => join(root, each));
    assert.deepEqual(live.staleIn(folders), [join(root, 'dir/tenant.json'), join(root, 'mod/creds.tf.json')]);
  });
});
