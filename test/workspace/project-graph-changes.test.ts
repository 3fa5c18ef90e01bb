/**
 * A known file whose text changed (an editor's edit, a CLI fix) is parsed again alone: its project is not read
 * again. Before, every fix in a directory of thousands of clients made the next file list and read the whole
 * directory again, and `--fix` grew with the square of the directory's size. Checked with a source that counts
 * what the graph lists, reads and parses, on a deploy-cli directory and a Terraform module (JSON); the links after
 * the change must be those of a graph read afresh.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ParsedFile } from '../../server/src/engine/model';
import { formatOf, lintText, parseText } from '../../server/src/engine/lint';
import { ProjectGraph, type ProjectFiles } from '../../server/src/workspace/project-graph';

function memoryFiles(files: Map<string, string>): ProjectFiles & { counts: { list: number; read: number; parse: number } } {
  const counts = { list: 0, read: 0, parse: 0 };
  return {
    counts,
    list(dir) {
      counts.list++;
      const names = [...files.keys()].filter((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/')).map((p) => p.slice(dir.length + 1));
      return names.length > 0 || [...files.keys()].some((p) => p.startsWith(`${dir}/`)) ? names : undefined;
    },
    read(path) {
      counts.read++;
      const text = files.get(path);
      if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return text;
    },
    parse(path, text): ParsedFile | undefined {
      counts.parse++;
      const format = formatOf(path);
      return format ? parseText(text, format) : undefined;
    },
  };
}

const client = (i: number, credentials: boolean) =>
  JSON.stringify({ name: `C${i}`, app_type: 'non_interactive', token_endpoint_auth_method: 'client_secret_post', grant_types: credentials ? ['client_credentials'] : ['password'] });
const grant = (i: number) => JSON.stringify({ client_id: `C${i}`, audience: 'https://api.example.com/', scope: [] });

function findingsOf(graph: ProjectGraph, files: Map<string, string>, path: string): string[] {
  return lintText({ path, text: files.get(path)!, links: graph.linksFor(path).links }).findings.map((f) => `${f.ruleId}@${f.span.start}`);
}

test('a directory: a changed client file is parsed again alone, and its grant sees the change', () => {
  const files = new Map<string, string>([['/t/tenant.json', '{"flags":{}}']]);
  for (let i = 0; i < 50; i++) {
    files.set(`/t/clients/c${i}.json`, client(i, true));
    files.set(`/t/grants/g${i}.json`, grant(i));
  }
  const source = memoryFiles(files);
  const graph = new ProjectGraph(source, { isReported: () => true });
  for (let i = 0; i < 50; i++) assert.deepEqual(findingsOf(graph, files, `/t/grants/g${i}.json`), []);
  const before = { ...source.counts };
  for (let i = 0; i < 50; i += 2) {
    files.set(`/t/clients/c${i}.json`, client(i, false));
    graph.noteText(`/t/clients/c${i}.json`, client(i, false));
  }
  for (let i = 0; i < 50; i++) {
    const fresh = new ProjectGraph(memoryFiles(files), { isReported: () => true });
    assert.deepEqual(findingsOf(graph, files, `/t/grants/g${i}.json`), findingsOf(fresh, files, `/t/grants/g${i}.json`));
    assert.equal(findingsOf(graph, files, `/t/grants/g${i}.json`).length, i % 2 === 0 ? 1 : 0);
  }
  assert.equal(source.counts.list, before.list, 'no folder listed again');
  assert.equal(source.counts.read, before.read, 'no file read again');
  assert.equal(source.counts.parse - before.parse, 25, 'each changed file parsed once');
});

test('a Terraform module: a changed file is parsed again alone, and the module is judged whole again', () => {
  const files = new Map<string, string>();
  const tfClient = (i: number, type: string) => JSON.stringify({ resource: { auth0_client: { [`c${i}`]: { name: `C${i}`, app_type: type, grant_types: ['authorization_code'] } } } });
  for (let i = 0; i < 20; i++) files.set(`/m/c${i}.tf.json`, tfClient(i, 'spa'));
  files.set('/m/credentials.tf.json', JSON.stringify({ resource: { auth0_client_credentials: { c0: { client_id: '${auth0_client.c0.id}', authentication_method: 'client_secret_post' } } } }));
  const source = memoryFiles(files);
  const graph = new ProjectGraph(source, { isReported: () => true });
  const all = () => [...files.keys()].sort().map((path) => findingsOf(graph, files, path));
  const freshAll = () => {
    const fresh = new ProjectGraph(memoryFiles(files), { isReported: () => true });
    return [...files.keys()].sort().map((path) => findingsOf(fresh, files, path));
  };
  assert.deepEqual(all(), freshAll());
  const before = { ...source.counts };
  // A client becomes a machine-to-machine app; the credentials file loses its method; then a syntax error.
  for (const [path, text] of [
    ['/m/c3.tf.json', tfClient(3, 'non_interactive')],
    ['/m/credentials.tf.json', JSON.stringify({ resource: { auth0_client_credentials: { c0: { client_id: '${auth0_client.c0.id}' } } } })],
    ['/m/c5.tf.json', '{"resource": '],
  ] as const) {
    files.set(path, text);
    graph.noteText(path, text);
    assert.deepEqual(all(), freshAll(), path);
  }
  assert.equal(source.counts.list, before.list, 'no folder listed again');
  assert.equal(source.counts.read, before.read, 'no file read again');
});
