/**
 * Resolved YAML: anchors, aliases and merge keys resolve as `yaml` (and js-yaml, which auth0-deploy-cli uses)
 * resolve them; copies lie at their alias inside the client; the cheap anchor scan never misses what the full
 * reading finds; and no offered fix changes what another client resolves to or leaves an alias without anchor.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { lintText } from '../../server/src/engine/index';
import { applyTextEdits, EditRenderer } from '../../server/src/engine/fix/render';
import type { ObjectNode, ParsedFile, Span, ValueNode } from '../../server/src/engine/model';
import { mayHoldAnchors, parseYaml, yamlReadings } from '../../server/src/engine/parse/yaml';
import { generateAnchoredTenantYaml } from '../helpers/anchored-tenant-generator';
import { generateTenantYaml } from '../helpers/tenant-generator';
import { checkChunkedYaml, checkCleanClients, checkYamlReaders } from '../robustness/invariants';
import { Prng } from '../robustness/prng';

const REPO = join(__dirname, '..', '..');
const SHARED = join(REPO, '..', 'shared');
const GENERATED = Number(process.env['ANCHORED_FILES'] ?? 300);

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === '.git' ? [] : yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

function allYamlFiles(): string[] {
  if (!existsSync(SHARED)) console.log(`# ../shared is absent: its YAML files are not compared (${SHARED})`);
  return [...yamlFiles(join(REPO, 'test')), ...yamlFiles(join(REPO, 'examples')), ...yamlFiles(SHARED)];
}

/** Every node of a value, merged props included. */
function* nodesOf(node: ValueNode | undefined): Generator<ValueNode> {
  if (!node) return;
  yield node;
  if (node.kind === 'array') for (const item of node.items) yield* nodesOf(item);
  if (node.kind === 'object') for (const prop of [...node.props, ...(node.merged ?? [])]) yield* nodesOf(prop.value);
}

function within(inner: Span, outer: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

test('generated tenants with anchors in every form resolve exactly as yaml (merge keys on) resolves them', () => {
  let aliases = 0;
  let merged = 0;
  for (let seed = 1; seed <= GENERATED; seed++) {
    const text = generateAnchoredTenantYaml(2 + (seed % 9), seed);
    const parsed = parseYaml(text);
    assert.deepEqual(parsed.errors, [], text);
    assert.deepEqual(checkYamlReaders(text), [], text);
    aliases += (parsed.anchors ?? []).reduce((n, a) => n + a.aliases.length, 0);
    for (const node of nodesOf(parsed.documents[0]?.root)) if (node.kind === 'object' && node.merged?.length) merged++;
  }
  assert.ok(aliases > GENERATED * 2, `${aliases} aliases resolved`);
  assert.ok(merged > GENERATED / 2, `${merged} mappings with merge keys`);
});

test('every YAML file of the tests, examples and ../shared resolves as yaml resolves it', () => {
  const files = allYamlFiles();
  assert.ok(files.length > 20, `${files.length} files`);
  for (const file of files) assert.deepEqual(checkYamlReaders(readFileSync(file, 'utf8')), [], file);
});

test('hand-written forms: tags before and after anchors, listed and nested merges, overrides, aliases in flow lists', () => {
  const samples = [
    'a: !!str &x 12\nb: &y !!str 13\nc: [*x, *y]\n',
    'base: &b {x: 1, y: 2}\nmid: &m\n  <<: *b\n  y: 3\nc:\n  y: 5\n  <<: [*m, {z: 4}]\n',
    'one: &one {a: 1}\ntwo: &two {a: 2, b: 2}\nc: {<<: [*one, *two]}\nd:\n  <<:\n    - *two\n    - *one\n',
    'list: &l\n  - &i x\n  - y\nflow: [*i, *l, z]\nblock:\n  - *i\n  -\n    *l\n',
    'a: &a\nb: *a\n',
    'a: &a [1]\nb: *a\nc: &a [2]\nd: *a\n',
    'k: &k {<<: {p: 1}, q: 2}\nl: {<<: *k}\n',
  ];
  for (const text of samples) {
    assert.deepEqual(parseYaml(text).errors, [], text);
    assert.deepEqual(checkYamlReaders(text), [], text);
  }
});

test('a key that is a list or mapping names no field: left out, in every form a collection key is written', () => {
  const keys = ['? \n  - x\n', '?\n  # a comment\n  - x\n  - y\n', '? [x, y]\n: 2\n', '? \n  b: c\n', '[x]: 3\n', '{k: v}: 3\n', '? {k: v}\n'];
  for (const key of keys) {
    for (const text of [`a: 1\n${key}`, `${key}a: 1\n`, `clients:\n  - name: A\n${key}`]) {
      const parsed = parseYaml(text);
      assert.deepEqual(parsed.errors, [], text);
      const root = parsed.documents[0]!.root as ObjectNode;
      assert.deepEqual(root.props.map((p) => p.key), text.startsWith('clients') ? ['clients'] : ['a'], text);
      assert.deepEqual(checkYamlReaders(text), [], text);
    }
  }
});

test('resolution errors are errors: an alias before its anchor, a merge source that is not a mapping', () => {
  for (const text of ['a: *x\n', 'c: {<<: 5}\n', 'a: &s text\nc: {<<: *s}\n', 'c:\n  <<: [*nope]\n']) {
    const parsed = parseYaml(text);
    assert.ok(parsed.errors.length > 0, text);
    assert.deepEqual(checkYamlReaders(text), [], text);
  }
});

test('every copy lies at an alias or merge entry inside the client that uses it, and keeps the node as written', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const text = generateAnchoredTenantYaml(6, seed);
    const result = lintText({ path: 'tenant.yaml', text });
    const aliasSpans = (result.parsed.anchors ?? []).flatMap((a) => a.aliases);
    for (const client of result.clients) {
      for (const node of nodesOf(client.node)) {
        if (!node.origin) continue;
        assert.ok(within(node, client.node), `copy at ${node.start}-${node.end} outside its client ${client.name}`);
        assert.ok(!node.origin.origin, 'origin is the node as written');
        const atAlias = aliasSpans.some((span) => within(span, node));
        assert.ok(atAlias, `copy at ${JSON.stringify(text.slice(node.start, node.end))} is not at an alias`);
      }
      for (const finding of result.clientFindings[result.clients.indexOf(client)] ?? []) {
        assert.ok(within(finding.span, client.node) || within(finding.span, client.anchor), `${finding.ruleId} outside ${client.name}`);
      }
    }
  }
});

/** Cheap variations of a text that keep or break its anchors: deletions, duplications, inserted `&`, `*`, `<<`. */
function variations(text: string, seed: number): string[] {
  const prng = new Prng(seed);
  const out: string[] = [];
  for (let i = 0; i < 12; i++) {
    const at = prng.int(text.length + 1);
    const roll = prng.int(4);
    if (roll === 0) out.push(text.slice(0, at) + text.slice(at + 1 + prng.int(4)));
    else if (roll === 1) out.push(text.slice(0, at) + prng.pick(['&', '*', '<<', ' &a', ' *a', '\n  - *a', ' <<: *a']) + text.slice(at));
    else if (roll === 2) out.push(text.slice(0, at) + text.slice(Math.max(0, at - 20), at) + text.slice(at));
    else out.push(text.replace(/[&*]/, ''));
  }
  return out;
}

test('the cheap anchor scan never misses an anchor, alias or merge key the full reading finds', () => {
  const texts = [
    ...allYamlFiles().map((f) => readFileSync(f, 'utf8')),
    ...Array.from({ length: 80 }, (_, i) => generateAnchoredTenantYaml(4, 1000 + i)),
    ...[1, 2].map((seed) => generateTenantYaml({ clients: 30, seed })),
  ];
  let flagged = 0;
  let checked = 0;
  for (const [index, base] of texts.entries()) {
    for (const text of [base, ...(base.length < 20_000 ? variations(base, index) : [])]) {
      const whole: ParsedFile = yamlReadings.whole(text);
      const resolves = (whole.anchors?.length ?? 0) > 0 || whole.documents.some((d) => [...nodesOf(d.root)].some((n) => n.origin || (n.kind === 'object' && (n as ObjectNode).merged)));
      const aliasError = whole.errors.some((e) => /Unresolved alias|Merge sources/.test(e.message));
      checked++;
      if (resolves || aliasError) {
        flagged++;
        assert.ok(mayHoldAnchors(text), `the scan missed an anchor in ${JSON.stringify(text.slice(0, 400))}`);
        assert.equal(yamlReadings.inChunks(text), undefined, 'a file with anchors is read whole');
      }
      assert.deepEqual(checkChunkedYaml(text), []);
    }
  }
  assert.ok(flagged > 100, `${flagged} of ${checked} texts had anchors`);
  // Files without anchors keep the chunked reading.
  assert.ok(yamlReadings.inChunks(generateTenantYaml({ clients: 30, seed: 5 })), 'a tenant without anchors is read in chunks');
});

/** Each client's resolved value as `yaml` loads the text (merge keys on), or the reason it cannot. */
function loadedClients(text: string): unknown[] | string {
  const doc = parseDocument(text, { merge: true });
  if (doc.errors.length > 0) return `parse errors: ${doc.errors.map((e) => e.message).join('; ')}`;
  try {
    const value = doc.toJS({ maxAliasCount: 10_000 }) as { clients?: unknown[] } | null;
    return value?.clients ?? [];
  } catch (error) {
    return `not loadable: ${(error as Error).message}`;
  }
}

test('no offered fix changes what another client resolves to or leaves an alias without its anchor', () => {
  let applied = 0;
  let findings = 0;
  for (let seed = 1; seed <= GENERATED; seed++) {
    const text = generateAnchoredTenantYaml(3 + (seed % 6), seed);
    const before = loadedClients(text);
    assert.ok(Array.isArray(before), `${before}\n${text}`);
    const result = lintText({ path: 'tenant.yaml', text });
    const renderer = new EditRenderer(text, 'yaml');
    result.clientFindings.forEach((clientFindings, index) => {
      for (const finding of clientFindings) {
        findings++;
        for (const fix of finding.fixes) {
          const edits = renderer.render(fix.edits);
          const fixed = applyTextEdits(text, edits);
          const after = loadedClients(fixed);
          const where = `seed ${seed}, ${finding.ruleId} on client ${index}, fix "${fix.title}"\n--- before ---\n${text}--- after ---\n${fixed}`;
          assert.ok(Array.isArray(after), `the fix result does not load: ${after}\n${where}`);
          assert.equal(after.length, before.length, where);
          for (let other = 0; other < before.length; other++) {
            if (other !== index) assert.deepEqual(after[other], before[other], `client ${other} changed: ${where}`);
          }
          applied++;
        }
      }
    });
  }
  assert.ok(findings > GENERATED, `${findings} findings`);
  assert.ok(applied > GENERATED * 2, `${applied} fixes applied and loaded`);
});

test('every client of a file with anchors has the findings it has when checked alone', () => {
  for (let seed = 1; seed <= 100; seed++) {
    const text = generateAnchoredTenantYaml(8, seed);
    assert.deepEqual(checkCleanClients('/tenant/tenant.yaml', text), [], text);
  }
});
