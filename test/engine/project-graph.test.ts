/**
 * The project graph (workspace/project-graph.ts): which files belong together, the reverse index of who depends
 * on whom, problems reading siblings, and the link index built once per directory (never per file).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText } from '../../server/src/engine/index';
import { ProjectGraph, projectOf } from '../../server/src/workspace/project-graph';
import { MemoryProject } from '../helpers/memory-project';

const json = (value: unknown) => JSON.stringify(value, null, 2);

test('which project a file belongs to', () => {
  assert.deepEqual(projectOf('/t/main.tf.json'), { kind: 'terraform-module', dir: '/t' });
  assert.deepEqual(projectOf('/t/main.tf'), { kind: 'terraform-module', dir: '/t' });
  assert.deepEqual(projectOf('/d/clients/App.json'), { kind: 'deploy-directory', dir: '/d' });
  assert.deepEqual(projectOf('/d/grants/g.json'), { kind: 'deploy-directory', dir: '/d' });
  assert.deepEqual(projectOf('/d/tenant.json'), { kind: 'deploy-directory', dir: '/d' });
  assert.equal(projectOf('/d/tenant.yaml'), undefined, 'a tenant.yaml is its own tenant');
  assert.equal(projectOf('/d/payload.json'), undefined);
  assert.equal(projectOf('/d/clients/notes.yaml'), undefined);
});

function directory(clients: number, grants: number): Map<string, string> {
  const texts = new Map<string, string>();
  texts.set('/d/tenant.json', json({ flags: { allow_legacy_ro_grant_types: true } }));
  for (let i = 0; i < clients; i++) texts.set(`/d/clients/c${i}.json`, json({ name: `Client ${i}`, app_type: 'regular_web', grant_types: i % 2 ? ['authorization_code'] : ['client_credentials'] }));
  for (let i = 0; i < grants; i++) texts.set(`/d/grants/g${i}.json`, json({ client_id: `Client ${i}`, audience: 'https://api.example.com/' }));
  return texts;
}

test('a directory is read and indexed once, however many of its files are linted', () => {
  const files = new MemoryProject(directory(300, 300));
  const graph = new ProjectGraph(files, { isReported: () => true });
  let findings = 0;
  for (const path of files.texts.keys()) {
    const { links } = graph.linksFor(path);
    findings += lintText({ path, text: files.texts.get(path)!, links }).findings.filter((f) => f.ruleId === 'client-grant-without-client-credentials').length;
  }
  assert.equal(findings, 150, 'every grant of a client without client_credentials');
  for (const [path, count] of files.parses) assert.equal(count, 1, `${path} parsed once`);
  assert.equal(graph.linksFor('/d/grants/g1.json').links, graph.linksFor('/d/grants/g2.json').links, 'one index per directory');
});

test('the reverse index: tenant.json → clients and grants; a client file → the grants naming its clients', () => {
  const texts = directory(3, 3);
  texts.set('/d/grants/orphan.json', json({ client_id: 'Nobody Yet', audience: 'https://api.example.com/' }));
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  assert.deepEqual(graph.dependentsOf('/d/tenant.json'), [
    '/d/clients/c0.json',
    '/d/clients/c1.json',
    '/d/clients/c2.json',
    '/d/grants/g0.json',
    '/d/grants/g1.json',
    '/d/grants/g2.json',
    '/d/grants/orphan.json',
  ]);
  // A grant naming no client depends on every client file: one may be renamed to it.
  assert.deepEqual(graph.dependentsOf('/d/clients/c1.json'), ['/d/grants/g1.json', '/d/grants/orphan.json']);
  assert.deepEqual(graph.dependentsOf('/d/grants/g1.json'), []);
  assert.deepEqual(graph.siblingsOf('/d/clients/c0.json').length, 7);
});

test('the reverse index of a Terraform module: credentials ↔ client, grant ↔ client, grant ← credentials', () => {
  const texts = new Map<string, string>([
    ['/m/main.tf.json', json({ resource: { auth0_client: { app: { name: 'App', app_type: 'spa', grant_types: ['authorization_code'] } } } })],
    ['/m/credentials.tf.json', json({ resource: { auth0_client_credentials: { app: { client_id: '${auth0_client.app.id}', authentication_method: 'none' } } } })],
    ['/m/grants.tf.json', json({ resource: { auth0_client_grant: { api: { client_id: '${auth0_client.app.id}', audience: 'https://api.example.com/' } } } })],
    ['/m/other.tf.json', json({ variable: { x: {} } })],
  ]);
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  // The grant's finding reads the client's method, which the credentials set.
  assert.deepEqual(graph.dependentsOf('/m/credentials.tf.json'), ['/m/grants.tf.json', '/m/main.tf.json']);
  assert.deepEqual(graph.dependentsOf('/m/main.tf.json'), ['/m/credentials.tf.json', '/m/grants.tf.json']);
  // Any file may gain a credentials resource (the client's and the grant's files depend on it) or a client that a
  // credentials resource names (the credentials' file depends on it too).
  assert.deepEqual(graph.dependentsOf('/m/other.tf.json'), ['/m/credentials.tf.json', '/m/grants.tf.json', '/m/main.tf.json']);
});

test('a sibling that cannot be read is reported once per project, and the module is then not taken as whole', () => {
  const texts = new Map<string, string>([
    ['/m/main.tf.json', json({ resource: { auth0_client: { kiosk: { name: 'Kiosk', app_type: 'spa', grant_types: ['client_credentials'] } } } })],
    ['/m/credentials.tf.json', '{}'],
  ]);
  const files = new MemoryProject(texts);
  files.failing.set('/m/credentials.tf.json', 'EACCES');
  // A sibling asked for itself is named once, by its own check (the CLI's "cannot read"): not here.
  const quiet = new ProjectGraph(files, { isReported: () => true });
  assert.deepEqual(quiet.linksFor('/m/main.tf.json').problems, []);
  assert.deepEqual(new ProjectGraph(files, { isReported: () => true, problemsOfReportedFiles: true }).linksFor('/m/main.tf.json').problems.length, 1);
  const graph = new ProjectGraph(files, { isReported: (path) => path === '/m/main.tf.json' });
  const first = graph.linksFor('/m/main.tf.json');
  assert.deepEqual(first.problems, [{ path: '/m/credentials.tf.json', line: "cannot read '/m/credentials.tf.json' for links (EACCES)", tooLarge: false }]);
  assert.deepEqual(graph.linksFor('/m/main.tf.json').problems, [], 'once');
  // The unread file may hold the credentials: no create-time method is assumed, so nothing fires.
  const result = lintText({ path: '/m/main.tf.json', text: texts.get('/m/main.tf.json')!, links: first.links });
  assert.deepEqual(result.findings.map((f) => f.ruleId), []);
  graph.invalidate('/m/credentials.tf.json');
  files.failing.clear();
  const again = graph.linksFor('/m/main.tf.json');
  assert.deepEqual(again.problems, []);
  assert.deepEqual(lintText({ path: '/m/main.tf.json', text: texts.get('/m/main.tf.json')!, links: again.links }).findings.map((f) => f.ruleId), ['public-client-credentials']);
});

test('a module with a file that does not parse, or one in a format not read yet (.tf), is not taken as whole', () => {
  for (const [name, text] of [['broken.tf.json', '{ "resource": '], ['credentials.tf', 'resource "auth0_client_credentials" "kiosk" {}']] as const) {
    const texts = new Map<string, string>([
      ['/m/main.tf.json', json({ resource: { auth0_client: { kiosk: { name: 'Kiosk', app_type: 'spa', grant_types: ['client_credentials'] } } } })],
      [`/m/${name}`, text],
    ]);
    const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
    const { links } = graph.linksFor('/m/main.tf.json');
    assert.deepEqual(lintText({ path: '/m/main.tf.json', text: texts.get('/m/main.tf.json')!, links }).findings.map((f) => f.ruleId), [], name);
  }
});

test('the linted text wins over the sibling index: an unsaved edit of the file itself is what is checked', () => {
  const texts = new Map<string, string>([
    ['/m/main.tf.json', json({ resource: { auth0_client: { kiosk: { name: 'Kiosk', app_type: 'spa', grant_types: ['client_credentials'] } } } })],
    ['/m/credentials.tf.json', json({ resource: { auth0_client_credentials: { kiosk: { client_id: '${auth0_client.kiosk.id}', authentication_method: 'client_secret_post' } } } })],
  ]);
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  const { links } = graph.linksFor('/m/credentials.tf.json');
  const edited = texts.get('/m/credentials.tf.json')!.replace('client_secret_post', 'none');
  // Kiosk's client_credentials finding belongs to main.tf.json; the edited credentials file itself shows none of it.
  const result = lintText({ path: '/m/credentials.tf.json', text: edited, links });
  assert.deepEqual(result.findings.map((f) => f.ruleId), []);
  const before = lintText({ path: '/m/credentials.tf.json', text: texts.get('/m/credentials.tf.json')!, links });
  assert.deepEqual(before.findings.map((f) => f.ruleId), ['secret-on-public-app-type'], 'the method on the credentials resource is reported in its file');
});

test('a changed file of a directory is parsed again alone, and the links follow its new text', () => {
  const files = new MemoryProject(directory(50, 50));
  const graph = new ProjectGraph(files, { isReported: () => true });
  const grant = '/d/grants/g1.json';
  const lintGrant = () => lintText({ path: grant, text: files.texts.get(grant)!, links: graph.linksFor(grant).links }).findings.map((f) => f.ruleId);
  assert.deepEqual(lintGrant(), ['client-grant-without-client-credentials'], 'Client 1 lacks client_credentials');
  const fixed = json({ name: 'Client 1', app_type: 'regular_web', grant_types: ['client_credentials'] });
  graph.noteText('/d/clients/c1.json', fixed);
  assert.deepEqual(lintGrant(), [], 'the grant follows the client file');
  assert.equal(files.parses.get('/d/clients/c1.json'), 2, 'the changed file parsed again');
  assert.equal(files.parses.get('/d/clients/c2.json'), 1, 'the others not');
  graph.noteText('/d/clients/c1.json', fixed);
  assert.equal(files.parses.get('/d/clients/c1.json'), 2, 'the same text again changes nothing');
});
