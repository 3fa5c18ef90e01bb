/**
 * A known file whose text changed (an editor's edit, a CLI fix) is parsed again alone: its project is not read
 * again. Before, every fix in a directory of thousands of clients made the next file list and read the whole
 * directory again, and `--fix` grew with the square of the directory's size. Checked with a source that counts
 * what the graph lists, reads and parses, on a deploy-cli directory and a Terraform module (JSON); the links after
 * the change must be those of a graph read afresh.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { ParsedFile } from '../../server/src/engine/model';
import { formatOf, lintText, parseText } from '../../server/src/engine/lint';
import { findClients } from '../../server/src/engine/discover';
import { findClientGrants } from '../../server/src/engine/grants';
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

test('a changed file noted with its parse is not parsed again, and the graph answers as a fresh one', () => {
  const files = new Map<string, string>([['/t/tenant.json', '{"flags":{}}']]);
  for (let i = 0; i < 20; i++) {
    files.set(`/t/clients/c${i}.json`, client(i, true));
    files.set(`/t/grants/g${i}.json`, grant(i));
  }
  files.set('/m/a.tf.json', JSON.stringify({ resource: { auth0_client: { a: { name: 'A', app_type: 'spa', grant_types: ['authorization_code'] } } } }));
  files.set('/m/b.tf.json', JSON.stringify({ resource: { auth0_client_credentials: { a: { client_id: '${auth0_client.a.id}', authentication_method: 'none' } } } }));
  const source = memoryFiles(files);
  const graph = new ProjectGraph(source, { isReported: () => true });
  const paths = [...files.keys()].sort();
  for (const path of paths) {
    findingsOf(graph, files, path);
    graph.dependentsOf(path);
  }
  const parses = source.counts.parse;
  const changes: [string, string][] = [
    ['/t/clients/c3.json', client(3, false)],
    ['/m/a.tf.json', JSON.stringify({ resource: { auth0_client: { a: { name: 'A', app_type: 'spa', grant_types: ['authorization_code', 'client_credentials'] } } } })],
    ['/m/b.tf.json', JSON.stringify({ resource: { auth0_client_credentials: { a: { client_id: '${auth0_client.a.id}', authentication_method: 'client_secret_post' } } } })],
  ];
  for (const [path, text] of changes) {
    files.set(path, text);
    graph.noteText(path, text, parseText(text, 'json'));
    const fresh = new ProjectGraph(memoryFiles(files), { isReported: () => true });
    for (const other of paths) {
      assert.deepEqual(findingsOf(graph, files, other), findingsOf(fresh, files, other), `${other} after ${path} changed`);
      assert.deepEqual(graph.dependentsOf(other), fresh.dependentsOf(other), `${other}'s dependents after ${path} changed`);
    }
  }
  assert.equal(findingsOf(graph, files, '/t/grants/g3.json').length, 1, "the grant of the client that lost client_credentials");
  assert.equal(source.counts.parse, parses, 'nothing parsed by the graph');
});

/**
 * A text set and then set back (`--fix` checks each fixed client file against its grants and sets it back; an
 * editor's undo): the graph takes its indexes back rather than building them again, and answers as a fresh graph
 * does after every step of generated sequences of changes, set-backs and questions on a directory and a module.
 */
test('a text set back: the indexes are taken back, nothing is parsed again, and the graph answers as a fresh one', () => {
  const files = new Map<string, string>([['/t/tenant.json', '{"flags":{}}']]);
  for (let i = 0; i < 6; i++) {
    files.set(`/t/clients/c${i}.json`, client(i, true));
    files.set(`/t/grants/g${i}.json`, grant(i));
  }
  const source = memoryFiles(files);
  const graph = new ProjectGraph(source, { isReported: () => true });
  const linksBefore = graph.linksFor('/t/grants/g2.json').links;
  const dependentsBefore = graph.dependentsOf('/t/clients/c2.json');
  graph.noteText('/t/clients/c2.json', client(2, false));
  assert.notEqual(graph.linksFor('/t/grants/g2.json').links, linksBefore);
  const parses = source.counts.parse;
  graph.noteText('/t/clients/c2.json', files.get('/t/clients/c2.json')!);
  assert.equal(graph.linksFor('/t/grants/g2.json').links, linksBefore, 'the index is taken back');
  assert.deepEqual(graph.dependentsOf('/t/clients/c2.json'), dependentsBefore);
  assert.equal(source.counts.parse, parses, 'nothing parsed again');
  // Another client changed first, its index not rebuilt yet: taking back the index must not take back its change.
  files.set('/t/clients/c4.json', client(4, false));
  graph.noteText('/t/clients/c4.json', client(4, false));
  graph.noteText('/t/clients/c2.json', client(2, false));
  graph.noteText('/t/clients/c2.json', files.get('/t/clients/c2.json')!);
  const fresh = new ProjectGraph(memoryFiles(files), { isReported: () => true });
  assert.deepEqual(findingsOf(graph, files, '/t/grants/g4.json'), findingsOf(fresh, files, '/t/grants/g4.json'));
  assert.equal(findingsOf(graph, files, '/t/grants/g4.json').length, 1);
});

test('generated changes, set-backs and questions: the graph answers as a fresh graph reading the same texts', () => {
  const tfClient = (i: number, type: string, grants: readonly string[]) => JSON.stringify({ resource: { auth0_client: { [`c${i}`]: { name: `C${i}`, app_type: type, grant_types: grants } } } });
  const tfCredentials = (method: string | undefined) => JSON.stringify({ resource: { auth0_client_credentials: { c0: { client_id: '${auth0_client.c0.id}', ...(method ? { authentication_method: method } : {}) } } } });
  const variants: Record<string, readonly string[]> = {
    '/t/tenant.json': ['{"flags":{}}', '{"flags":{"allow_legacy_ro_grant_types":true}}', '{"flags": {'],
    '/t/clients/c0.json': [client(0, true), client(0, false), '{"name": "C0", "grant_types": [', JSON.stringify({ name: 'C1', grant_types: ['password'] })],
    '/t/clients/c1.json': [client(1, true), client(1, false), JSON.stringify({ name: 'C0', grant_types: ['client_credentials'] })],
    '/t/clients/c2.json': [client(2, true), '{"name": "##NAME##", "grant_types": ["client_credentials"]}', '{"grant_types": []}'],
    '/t/grants/g0.json': [grant(0), grant(1), grant(9)],
    '/t/grants/g1.json': [grant(1), grant(2)],
    '/t/grants/g2.json': [grant(2), grant(0)],
    '/m/a.tf.json': [tfClient(0, 'spa', ['authorization_code']), tfClient(0, 'native', ['client_credentials']), '{"resource": '],
    '/m/b.tf.json': [tfCredentials('client_secret_post'), tfCredentials(undefined), tfCredentials('none')],
    '/m/c.tf.json': [tfClient(1, 'non_interactive', ['client_credentials']), tfClient(1, 'spa', ['implicit'])],
  };
  const paths = Object.keys(variants).sort();
  const step = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...paths), variant: fc.nat(3), check: fc.boolean(), withParse: fc.boolean() }),
    fc.record({ kind: fc.constant('back' as const), check: fc.boolean(), withParse: fc.boolean() }),
    fc.record({ kind: fc.constant('ask' as const), path: fc.constantFrom(...paths) }),
  );
  const answers = (graph: ProjectGraph, files: Map<string, string>, path: string) => [findingsOf(graph, files, path), graph.dependentsOf(path)];
  // A client file's dependents read plainly from every text: the grant files naming one of its clients, and those
  // naming a client no file has (the tenant's and other files' dependents are not kept in the index).
  const plainDependents = (files: Map<string, string>, path: string): string[] => {
    const namesOf = (p: string, kind: 'clients' | 'grants') => {
      const parsed = parseText(files.get(p)!, 'json');
      return kind === 'clients' ? findClients(p, parsed).map((c) => c.name) : findClientGrants(p, parsed, () => false).map((g) => g.clientName);
    };
    const clientFiles = paths.filter((p) => p.startsWith('/t/clients/'));
    const owned = new Set(clientFiles.flatMap((p) => namesOf(p, 'clients')).filter((n) => n !== undefined));
    const mine = new Set(namesOf(path, 'clients'));
    return paths.filter((p) => p.startsWith('/t/grants/') && namesOf(p, 'grants').some((n) => n !== undefined && (mine.has(n) || !owned.has(n))));
  };
  const compare = (graph: ProjectGraph, files: Map<string, string>) => {
    const fresh = new ProjectGraph(memoryFiles(files), { isReported: () => true });
    for (const path of paths) assert.deepEqual(answers(graph, files, path), answers(fresh, files, path), path);
    for (const path of paths.filter((p) => p.startsWith('/t/clients/'))) assert.deepEqual(graph.dependentsOf(path), plainDependents(files, path), path);
  };
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
      const files = new Map(paths.map((path) => [path, variants[path]![0]!]));
      const graph = new ProjectGraph(memoryFiles(files), { isReported: () => true });
      const history: [string, string][] = [];
      for (const path of paths) answers(graph, files, path);
      for (const s of steps) {
        if (s.kind === 'ask') {
          answers(graph, files, s.path);
          continue;
        }
        let path: string;
        let text: string;
        if (s.kind === 'set') {
          const options = variants[s.path]!;
          path = s.path;
          text = options[s.variant % options.length]!;
          history.push([path, files.get(path)!]);
        } else {
          const last = history.pop();
          if (!last) continue;
          [path, text] = last;
        }
        files.set(path, text);
        // A fixer hands over the parse it made of the text (cli/unsafe-elsewhere.ts parseOfFixed).
        if (s.withParse) graph.noteText(path, text, parseText(text, formatOf(path)!));
        else graph.noteText(path, text);
        // Left unchecked, the changed text stays unparsed until a later question needs it.
        if (s.check) compare(graph, files);
      }
      compare(graph, files);
    }),
    { numRuns: Number(process.env['GRAPH_RUNS'] ?? 120) },
  );
});
