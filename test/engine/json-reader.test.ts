/**
 * The JSON reader builds the model straight from jsonc-parser's visitor. It must build exactly the model the
 * first reader built from `parseTree`'s tree (test/helpers/json-tree-oracle.ts): spans, paths, values and
 * errors, on every JSON file the tests, examples and corpus have, on broken JSON and on generated input.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { MAX_NESTING_DEPTH } from '../../server/src/engine/limits';
import { parseJson } from '../../server/src/engine/parse/json';
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
