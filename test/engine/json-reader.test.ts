/**
 * The JSON readers: strict JSON is read by the strict reader, anything else by the reader built on jsonc-parser's
 * scanner. Both must build exactly the model the first reader built from `parseTree`'s tree
 * (test/helpers/json-tree-oracle.ts): spans, paths, values and errors, on every JSON file the tests, examples and corpus have, on broken JSON and on generated input.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { MAX_NESTING_DEPTH } from '../../server/src/engine/limits';
import { jsonReadings, parseJson } from '../../server/src/engine/parse/json';
import { generateClientsJson } from '../helpers/tenant-generator';
import { NESTING_MESSAGE } from '../../server/src/engine/parse/guards';
import { checkJsonReaders } from '../robustness/invariants';

const REPO = join(__dirname, '..', '..');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === '.git' ? [] : jsonFiles(path);
    return /\.jsonc?$/.test(name) ? [path] : [];
  });
}

test('the visitor reader matches the tree reader on every JSON file of the tests, examples and corpus', () => {
  const files = [...jsonFiles(join(REPO, 'test')), ...jsonFiles(join(REPO, 'examples')), ...jsonFiles(join(REPO, '..', 'shared', 'corpus'))];
  assert.ok(files.length > 20, `${files.length} files`);
  for (const file of files) assert.deepEqual(checkJsonReaders(readFileSync(file, 'utf8')), [], file);
});

test('the visitor reader matches the tree reader on broken and unusual JSON', () => {
  const samples = [
    '',
    '   \n',
    '{}',
    '[]',
    '{"a": 1, "a": 2}',
    '{"a": }',
    '{"a" 1}',
    '{"a": 1 "b": 2}',
    '{"a": 1,, "b": 2}',
    '{"a": [1, 2,], "b": {"c": null,},}',
    '{"a": "b": 1}',
    '{"a": [1, 2',
    '{"a": {"b": ',
    '[1, 2] [3]',
    '{"a": 1} trailing',
    '{1: 2, "x": 3}',
    '{"a": tru, "b": nul}',
    '{"a": 01, "b": -, "c": 1e}',
    '{"a": "unterminated\n}',
    '{"a": "\\u12"}',
    '// comment\n{"a": /* inline */ 1}',
    '{"a": 1 /* unterminated',
    '{"grant_types": [@@GRANTS@@], "name": "##NAME##"}',
    '\ufeff{"bom": true}',
    '{"a": [}, "b": 1]}',
    '{"a": {]}, "b": 1}',
    '{"é": "ü", "\\ud83d\\ude00": 1}',
  ];
  for (const text of samples) assert.deepEqual(checkJsonReaders(text), [], JSON.stringify(text));
});

test('the visitor reader matches the tree reader on generated JSON-like text', () => {
  const piece = fc.constantFrom('{', '}', '[', ']', ',', ':', '"a"', '"grant_types"', '"b"', '1', 'true', 'null', ' ', '\n', '//c\n', '/*c*/', '"x', '@@A@@');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
      const text = pieces.join('');
      assert.deepEqual(checkJsonReaders(text), [], JSON.stringify(text));
    }),
    { numRuns: 2000, seed: 4242 },
  );
});

test('nesting past the limit is refused where the parser reaches it, without exhausting the stack', () => {
  const deep = '['.repeat(200_000);
  const refused = parseJson(deep);
  assert.deepEqual(refused.errors, [{ message: NESTING_MESSAGE, span: { start: MAX_NESTING_DEPTH, end: MAX_NESTING_DEPTH + 1 } }]);
  assert.equal(refused.documents[0]?.root, undefined);
  // Exactly at the limit is read.
  const atLimit = parseJson('['.repeat(MAX_NESTING_DEPTH) + ']'.repeat(MAX_NESTING_DEPTH));
  assert.deepEqual(atLimit.errors, []);
  assert.equal(atLimit.documents[0]?.root?.kind, 'array');
});

test('the strict reader reads generated strict JSON, and reads it as the reader built on jsonc-parser does', () => {
  // Strings drawn from the whole of Unicode (escaped by JSON.stringify where JSON needs it), numbers of every
  // shape JSON.stringify writes, any nesting, with or without indentation.
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(undefined, 0, 1, 2, '\t', ' '), (value, indent) => {
      const text = JSON.stringify(value, null, indent);
      assert.notEqual(jsonReadings.strict(text), undefined, text);
      assert.deepEqual(checkJsonReaders(text), [], text);
    }),
    { numRuns: 1000, seed: 77 },
  );
  const tricky = [
    '[0, -0, 1E5, 1e-5, -1.5E+3, 0.25, 123456789012345678901234567890, 1e400]',
    '"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00"',
    '{"a\u2028b": "\u2028\u007f", "": ""}',
    ' \t\r\n{ } ',
    '[[], {}, [[]], {"a": {}}]',
    'true',
    '{"k":null,"t":true,"f":false}',
  ];
  for (const text of tricky) {
    assert.ok(jsonReadings.strict(text), text);
    assert.deepEqual(checkJsonReaders(text), [], text);
  }
});

test('the strict reader gives up at anything outside strict JSON, and parseJson then reads as jsonc-parser does', () => {
  const nearMisses = [',', ', ', '//c\n', '/*c*/', '01', '1.', '-', '.5', '1e', 'truex', 'nul', '\v', '\f', '\u00a0', '\u2028', '\ufeff', '"\t"', '"\\u12"', '"\\x"', '"a\nb"', "'a'", '}', ']', ':', '"', '@@A@@'];
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...nearMisses), fc.nat(), (value, miss, at) => {
      const valid = JSON.stringify(value, null, 1);
      const cut = at % (valid.length + 1);
      const text = valid.slice(0, cut) + miss + valid.slice(cut);
      assert.deepEqual(checkJsonReaders(text), [], JSON.stringify(text));
    }),
    { numRuns: 2000, seed: 78 },
  );
  for (const text of ['', '  \n', '{"a": 1,}', '[1, 2,]', '// c\n{}', '{"a": 01}', '{"a": "\t"}', '{"a": 1.}', '[truex]', '\v{}', '{"a": "\\u12"}', '{"a": -}', '[1e+]', '{"a" 1}']) {
    assert.equal(jsonReadings.strict(text), undefined, JSON.stringify(text));
    assert.deepEqual(checkJsonReaders(text), [], JSON.stringify(text));
  }
});

test('the strict reader reports duplicate keys as the reader built on jsonc-parser does, in the order of the text', () => {
  const text = '{"a": 1, "a": {"x": 1, "x": [{"y": 1, "y": 2}]}, "b": {"c": 1}, "b": 2}';
  const strict = jsonReadings.strict(text);
  assert.ok(strict);
  assert.deepEqual(strict.errors.map((e) => text.slice(e.span.start, e.span.end)), ['"a"', '"x"', '"y"', '"b"']);
  assert.deepEqual(checkJsonReaders(text), []);
  // Over 16 properties an object finds duplicates through a set.
  const many = `{${Array.from({ length: 40 }, (_, i) => `"k${i % 30}": ${i}`).join(', ')}}`;
  assert.equal(jsonReadings.strict(many)?.errors.length, 10);
  assert.deepEqual(checkJsonReaders(many), []);
});

test('generated tenants, as large configs are written, are read by the strict reader', () => {
  const text = generateClientsJson({ clients: 200, seed: 5 });
  const strict = jsonReadings.strict(text);
  assert.ok(strict);
  assert.deepEqual(checkJsonReaders(text), []);
  assert.equal(strict.documents[0]?.root?.kind, 'array');
  // Unquoted deploy-cli placeholders are masked as strings before reading, so they are strict JSON too.
  const masked = jsonReadings.strict('{"grant_types": [@@GRANTS@@]}');
  assert.deepEqual(masked?.errors, []);
  assert.deepEqual(checkJsonReaders('{"grant_types": [@@GRANTS@@]}'), []);
});
