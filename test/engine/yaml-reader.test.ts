/**
 * The CST-based YAML reader must build the same model as the first reader, which composed full `yaml`
 * Documents (test/helpers/yaml-document-oracle.ts), on every YAML file the tests and docs have.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ParsedFile, ValueNode } from '../../server/src/engine/model';
import { parseYaml, yamlReadings } from '../../server/src/engine/parse/yaml';
import { generateTenantYaml } from '../helpers/tenant-generator';
import { checkChunkedYaml, checkResolvedYaml, EVERY_LIST_LONG } from '../robustness/invariants';
import { findClientList, findLongList, LONG_LIST_LIMITS, type LongListLimits } from '../../server/src/engine/parse/yaml-chunks';
import fc from 'fast-check';
import { clientsArb, renderYaml, styleArb } from '../robustness/generators';
import { parseYamlWithDocuments } from '../helpers/yaml-document-oracle';

const REPO = join(__dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === '.git' ? [] : yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/**
 * A comparable rendering of the model: kinds, keys, values, spans and quoting. A block collection's end is left
 * out: composed Documents stretch it over the line break after the last value, the CST reader stops at the value.
 */
function shape(node: ValueNode | undefined): unknown {
  if (!node) return null;
  // A copy made by resolving an alias: compared as an alias here, its value by resolved values.
  if (node.origin) return { at: `${node.start}-${node.end}`, alias: true };
  const blockCollection = (node.kind === 'object' || node.kind === 'array') && !node.flow;
  const at = blockCollection ? `${node.start}-` : `${node.start}-${node.end}`;
  switch (node.kind) {
    case 'object':
      return { at, flow: node.flow, props: node.props.map((p) => [p.key, `${p.keySpan.start}-${p.keySpan.end}`, shape(p.value)]) };
    case 'array':
      return { at, flow: node.flow, items: node.items.map(shape) };
    case 'string':
      return { at, s: node.value, q: node.quote, p: node.placeholder };
    default:
      return { at, [node.kind]: node.value };
  }
}

function compare(file: string, text: string): void {
  // The parser's own reading: parseYaml reads on past a broken line, which the Document reader does not.
  const fromCst: ParsedFile = yamlReadings.unrecovered(text);
  const fromDocuments: ParsedFile = parseYamlWithDocuments(text);
  assert.deepEqual(fromCst.documents.map((d) => shape(d.root)), fromDocuments.documents.map((d) => shape(d.root)), file);
  assert.equal(fromCst.errors.length > 0, fromDocuments.errors.length > 0, `${file}: both readers agree whether the file has errors`);
  if (fromCst.errors.length === 0) assert.deepEqual(checkResolvedYaml(fromCst, text), [], `${file}: resolved values`);
  assert.deepEqual(fromCst.comments, fromDocuments.comments, `${file}: comments`);
}

const files = [...yamlFiles(join(REPO, 'test')), ...yamlFiles(join(REPO, 'examples')), ...yamlFiles(join(REPO, '..', 'shared', 'corpus'))];

test('the CST reader matches the Document reader on every YAML file of the tests, examples and corpus', () => {
  assert.ok(files.length > 20);
  for (const file of files) compare(file, readFileSync(file, 'utf8'));
});

test('the CST reader matches the Document reader on tricky YAML', () => {
  const samples = [
    'a: |\n  block\n  text\nb: >-\n  folded\n',
    "k: 'single'\nd: \"double \\u00e9\"\nn: ~\ne:\nt: true\nf: False\ni: 0x1F\no: 0o17\nx: 1.5e3\ninf: -.inf\ns: !!str 12\n",
    'list:\n- a\n-\n- - nested\n  - more\n- {x: 1, y: [2, 3]}\n',
    '# top comment\n---\ndoc: 1\n...\n---\ndoc: 2 # trailing\n  # indented\n',
    'anchors:\n  base: &b {x: 1}\n  ref: *b\n',
    '',
    '# only a comment\n',
    '\ufeffbom: true\n',
    'crlf: 1\r\nlist:\r\n  - x\r\n',
  ];
  for (const text of samples) compare(JSON.stringify(text), text);
});

/** The line (1-based) of an offset. */
function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

test('both readers find the errors of broken YAML, on the same lines', () => {
  const samples = [
    'a: 1\na: 2\n',
    'key: value\n  bad indentation: here\n',
    'a:\n\t- tab\n',
    'clients:\n  - name: a\n bad: indent\n',
    'a:\n  - b\n  c: d\n',
    '- a\nb: c\n',
    'a: b: c\n',
    'clients:\n  - name: a\n    grant_types: [x, y}\n',
  ];
  for (const text of samples) {
    const ours = yamlReadings.unrecovered(text).errors;
    const theirs = parseYamlWithDocuments(text).errors;
    // Reading on past a broken line keeps an error on the first broken line, and finds no error the parser did not.
    const recovered = parseYaml(text).errors;
    assert.ok(recovered.length > 0, JSON.stringify(text));
    assert.equal(lineOf(text, Math.min(...recovered.map((e) => e.span.start))), lineOf(text, Math.min(...ours.map((e) => e.span.start))), JSON.stringify(text));
    assert.ok(ours.length > 0 && theirs.length > 0, JSON.stringify(text));
    // Every error line of each reader is one the other reports too (columns may differ: ours points at the item
    // that breaks a column rule, the composer at its indentation).
    const lines = (errors: typeof ours) => [...new Set(errors.map((e) => lineOf(text, e.span.start)))].sort();
    assert.deepEqual(lines(ours), lines(theirs), JSON.stringify(text));
  }
  // An unclosed flow collection or quote: ours points at its opening bracket or quote, the composer at where it
  // gave up (a quote: where the scalar ends, which may be past the file's last line).
  const unclosed = [
    ['clients: [\n', 9],
    ['a: [1, 2\nb: 3\n', 3],
    ['a: {x: 1\n', 3],
    ['a: "unterminated\n', 3],
    ["a: 'x\n", 3],
    ['clients:\n  - name: "unterminated\n  - name: b\n', 19],
  ] as const;
  for (const [text, at] of unclosed) {
    assert.deepEqual(yamlReadings.unrecovered(text).errors.map((e) => e.span.start), [at], text);
    assert.ok(parseYamlWithDocuments(text).errors.length > 0, text);
  }
});

test("the yaml package is pinned to the locked version, and the build's patch of its parser applies", async () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string>; dependencies?: Record<string, string> };
  const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
  const pinned = pkg.devDependencies?.['yaml'] ?? pkg.dependencies?.['yaml'];
  assert.equal(pinned, lock.packages['node_modules/yaml']!.version, 'package.json pins yaml to the exact locked version');
  const { patchYamlParserSource } = (await import(join(REPO, 'scripts', 'yaml-parser-patch.mjs'))) as { patchYamlParserSource: (source: string) => string };
  const source = readFileSync(join(REPO, 'node_modules', 'yaml', 'dist', 'parse', 'parser.js'), 'utf8');
  const patched = patchYamlParserSource(source);
  assert.ok(!patched.includes('node_process.env.LOG_TOKENS)') && patched.includes('LOG_TOKENS_ONCE'), 'the parser reads the switch once');
  assert.throws(() => patchYamlParserSource(source.split('node_process.env.LOG_TOKENS').join('process.env.OTHER')), /not found in yaml's parser/);
});

test('a tenant read one clients entry at a time reads exactly as the whole file, and large tenants are read so', () => {
  let chunked = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    assert.deepEqual(checkChunkedYaml(text), [], file);
    if (yamlReadings.inChunks(text)) chunked++;
  }
  assert.ok(chunked >= 10, `${chunked} files were read in chunks`);
  for (const seed of [1, 2, 3]) {
    const text = generateTenantYaml({ clients: 300, seed });
    assert.ok(yamlReadings.inChunks(text), `generated tenant ${seed} is read in chunks`);
    assert.deepEqual(checkChunkedYaml(text), [], `generated tenant ${seed}`);
  }
});

test('the chunked reading matches the whole reading on tricky client lists', () => {
  const samples = [
    'clients:\n- name: a\n  grant_types: [implicit]\n- name: b\nresourceServers: []\n',
    'clients:\n  # leading comment\n  - name: a\n    # inner comment\n\n  - name: b\n# column-0 comment\n  - name: c\nrules: []\n',
    'tenant:\n  flags: {}\nclients: # the apps\n  - name: a\n    description: |\n      - not an entry\n      more\n  - name: b\n',
    'clients:\n  - name: a\n    grant_types:\n      - implicit\n  -\n  - plain\n  - [x, y]\n  - &anchor {name: c}\n  - *anchor\n',
    'clients:\r\n  - name: a\r\n  - name: b\r\nother: 1\r\n',
    'clients:\n  - name: "multi\n    line"\n  - name: b\n',
    'clients:\n  - name: a\n  - name: a\nclients: []\n',
    'clients:\n  - name: a\n bad: indent\n',
    'clients:\n  - name: a\n  name: b\n',
    'clients:\n  - a: 1\n    a: 2\n',
    'clients:\n  - name: "unterminated\n  - name: b\n',
    'clients:\n\t- name: a\n',
    'clients:\n  - name: a\n---\nclients:\n  - name: b\n',
    'clients:\n  - name: @@NAME@@\n    grant_types: @@GRANTS@@\n',
    'clients:\n  - name: a\n  - name: b',
  ];
  for (const text of samples) assert.deepEqual(checkChunkedYaml(text), [], JSON.stringify(text));
  assert.ok(yamlReadings.inChunks(samples[1]!), 'comment lines between entries do not stop the chunked reading');
  assert.ok(yamlReadings.inChunks(samples[4]!), 'CRLF line ends do not stop it either');
  const crlf = generateTenantYaml({ clients: 50, seed: 4 }).replace(/\n/g, '\r\n');
  assert.ok(yamlReadings.inChunks(crlf), 'a CRLF tenant is read in chunks');
  assert.deepEqual(checkChunkedYaml(crlf), [], 'CRLF tenant');
  assert.equal(yamlReadings.inChunks(samples[6]!), undefined, 'a duplicate clients key is read whole');
});

test('client grants are read one entry at a time too, exactly as the whole file', () => {
  const grants = (count: number, form: number): string[] =>
    Array.from({ length: count }, (_, i) =>
      form === 0
        ? `  - client_id: Client ${i}\n    audience: https://api.example.com/${i}\n    scope:\n      - read:data${i % 3 === 0 ? ' # why' : ''}`
        : form === 1
          ? `  -\n    client_id: "Client ${i}"\n    audience: 'https://api.example.com/'\n    scope: [read:data, write:data]`
          : `  # grant ${i}\n  - {client_id: Client ${i}, audience: "https://acme.auth0.com/api/v2/", scope: []}`,
    );
  const samples: string[] = [];
  for (const form of [0, 1, 2]) {
    samples.push(`clientGrants:\n${grants(3, form).join('\n')}\n`);
    samples.push(`${generateTenantYaml({ clients: 20, seed: form + 10 })}clientGrants:\n${grants(40, form).join('\n')}\n`);
    samples.push(`clientGrants:\n${grants(5, form).join('\n')}\nclients:\n  - name: Client 1\n    grant_types: [client_credentials]\nresourceServers: []\n`);
  }
  samples.push('clientGrants:\n  - client_id: a\n  - client_id: b\nclientGrants: []\n');
  samples.push('clientGrants:\n  - client_id: a\n bad: indent\n');
  samples.push('clientGrants:\n  - client_id: "unterminated\n  - client_id: b\n');
  samples.push('clientGrants:\r\n  - client_id: a\r\n    audience: x\r\nclients:\r\n  - name: a\r\n');
  for (const text of samples) assert.deepEqual(checkChunkedYaml(text), [], JSON.stringify(text.slice(0, 400)));
  for (const text of samples.slice(0, 9)) assert.ok(yamlReadings.inChunks(text), `read in chunks: ${JSON.stringify(text.slice(0, 200))}`);
  assert.equal(yamlReadings.inChunks(samples[9]!), undefined, 'a duplicate clientGrants key is read whole');
});

/** How many clients of a tenant have a list that the chunked reading takes in batches under `limits`. */
function batchedLists(text: string, limits: LongListLimits): number {
  const list = findClientList(text);
  return list ? list.entries.filter((entry) => findLongList(text, entry, limits)).length : 0;
}

test("a client's long list read in batches reads exactly as the whole file, on every file and generated tenant", () => {
  let batched = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    assert.deepEqual(checkChunkedYaml(text, EVERY_LIST_LONG), [], file);
    batched += batchedLists(text, EVERY_LIST_LONG);
  }
  assert.ok(batched >= 20, `${batched} lists were read in batches`);
  for (const seed of [1, 2, 3]) {
    const text = generateTenantYaml({ clients: 300, seed });
    assert.ok(batchedLists(text, EVERY_LIST_LONG) > 100, `generated tenant ${seed} has lists read in batches`);
    assert.deepEqual(checkChunkedYaml(text, EVERY_LIST_LONG), [], `generated tenant ${seed}`);
  }
});

test("a client's long list read in batches: every written form of list and client, generated", () => {
  fc.assert(
    fc.property(clientsArb, styleArb, (clients, style) => {
      const text = renderYaml(clients, style);
      assert.deepEqual(checkChunkedYaml(text, EVERY_LIST_LONG), []);
    }),
    { numRuns: 400, seed: 21 },
  );
});

test("a client's long list read in batches: tricky lists, and layouts left to the entry's own reading", () => {
  const samples = [
    'clients:\n  - name: a\n    grant_types:\n      - implicit\n      # between\n\n      - password\n    app_type: spa\n  - name: b\n',
    'clients:\n  - name: a\n    grant_types:\n    - implicit\n    - password\n    app_type: spa\n',
    'clients:\n  - name: a\n    grant_types: # the grants\n      - >\n        folded\n      - [x,\n         y]\n      - {k: v}\n      -\n      - "q"\n',
    'clients:\r\n  - name: a\r\n    grant_types:\r\n      - implicit\r\n      - password\r\n',
    'clients:\n  - name: a\n    jwt_configuration:\n      scopes:\n        - a\n        - b\n    grant_types:\n      - x\n',
    'clients:\n  - name: "a\n    grant_types:\n      - x"\n    grant_types:\n      - y\n      - z\n',
    'clients:\n  - name: a\n    grant_types:\n      - x\n     - bad\n',
    'clients:\n  - name: a\n    grant_types:\n      - x\n   odd: 1\n',
    'clients:\n  - name: a\n    grant_types:\n      - x\n    grant_types:\n      - y\n',
    'clients:\n  - name: a\n    description: |\n      grant_types:\n        - not a list\n    grant_types:\n      - y\n',
    'clients:\n  -   name: a\n      grant_types:\n        - @@GRANT@@\n        - ##OTHER##\n',
    'clients:\n  - # comment\n    name: a\n    grant_types:\n      - x\n',
    'clients:\n  - grant_types:\n      - x\n      - y\n    name: a\n',
  ];
  for (const text of samples) assert.deepEqual(checkChunkedYaml(text, EVERY_LIST_LONG), [], JSON.stringify(text));
  assert.equal(batchedLists(samples[0]!, EVERY_LIST_LONG), 1, 'comments and blank lines between items do not stop it');
  assert.equal(batchedLists(samples[1]!, EVERY_LIST_LONG), 1, 'dashes at the key column are a list too');
  assert.equal(batchedLists(samples[3]!, EVERY_LIST_LONG), 1, 'CRLF line ends do not stop it');
  assert.equal(batchedLists(samples[6]!, EVERY_LIST_LONG), 0, 'a dash out of column is left to the entry');
});

test('300,000 repeated grants are read in batches by default, exactly as the whole file', () => {
  const values = ['implicit', 'authorisation_code', 'http://auth0.com/oauth/legacy/grant-type/ro', 'client_credentials'];
  const text = `clients:\n  - name: Repeated\n    app_type: spa\n    grant_types:\n${Array.from({ length: 300_000 }, (_, i) => `      - ${values[i % 4]}\n`).join('')}    token_endpoint_auth_method: none\n`;
  assert.equal(batchedLists(text, LONG_LIST_LIMITS), 1);
  const inChunks = yamlReadings.inChunks(text);
  assert.ok(inChunks);
  assert.equal(JSON.stringify(inChunks), JSON.stringify(yamlReadings.whole(text)));
});
