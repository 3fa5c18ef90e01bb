/**
 * A long `.tf` file is parsed in parts (engine/parse/hcl.ts, snapshotInParts) and must read exactly as when
 * parsed whole: the same model, errors, comments and stray directives, on every `.tf` file of the tests, the
 * examples, the shared cases and corpus, generated modules, and generated files of every top-level form a person
 * writes, including those a cut must not fall in (heredocs and block comments holding lines that start with a
 * letter, bodies written without indentation, multi-line headers, broken blocks). Parts are made tiny here so
 * every file is cut many times. A counting parser checks the parts are really used where they can be.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { type HclParser, parseHcl, useHclParser } from '../../server/src/engine/parse/hcl';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { generateTerraformHcl, generateTerraformModule } from '../helpers/terraform-generator';
import { tfFiles } from '../helpers/tf-files';

const ROOT = join(__dirname, '..', '..');
const SHARED = join(ROOT, '..', 'shared');
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261201);
const RUNS = Math.max(1, Math.round(300 * Number(process.env['FUZZ_RUNS'] ?? 1)));

/** How many times the engine asked tree-sitter for a tree since the last reset. */
let parses = 0;

before(async () => {
  await loadHclParser();
  // A parser of our own, counting the engine's calls: the engine's is not reachable from outside.
  const { Parser, Language } = createRequire(__filename)('web-tree-sitter') as typeof import('web-tree-sitter');
  const parser = new Parser();
  parser.setLanguage(await Language.load(createRequire(__filename).resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm')));
  const counting: HclParser = {
    parse: (text) => {
      parses++;
      return parser.parse(text);
    },
  };
  useHclParser(counting);
});

/** Asserts `text` read in parts of `partSize` reads as when parsed whole; returns how many trees the parts took. */
function assertSameInParts(text: string, partSize: number, where: string): number {
  parses = 0;
  const inParts = parseHcl(text, partSize);
  const partParses = parses;
  assert.deepStrictEqual(inParts, parseHcl(text, Infinity), `${where}: read in parts of ${partSize}, the file reads differently`);
  return partParses;
}

describe('HCL read in parts = read whole', () => {
  test('every .tf file of the tests and examples, in parts of 1, 40 and 500 code units', () => {
    const files = [...tfFiles(join(ROOT, 'test')), ...tfFiles(join(ROOT, 'examples'))];
    assert.ok(files.length >= 50, `expected the tests' .tf files, found ${files.length}`);
    let cut = 0;
    for (const file of files) for (const size of [1, 40, 500]) if (assertSameInParts(readFileSync(file, 'utf8'), size, file) > 1) cut++;
    assert.ok(cut > files.length, `only ${cut} reads were cut into parts`);
  });

  test('every .tf file of the shared cases and corpus', { skip: existsSync(SHARED) ? false : '../shared is absent here' }, () => {
    const files = [...tfFiles(join(SHARED, 'cases')), ...tfFiles(join(SHARED, 'corpus'))];
    assert.ok(files.length > 0, 'no .tf files in ../shared');
    for (const file of files) for (const size of [1, 100]) assertSameInParts(readFileSync(file, 'utf8'), size, file);
  });

  test('generated modules, CRLF and non-ASCII text included, are read in parts', () => {
    for (const seed of [1, 7, 42]) {
      for (const [name, text] of Object.entries(generateTerraformModule({ clients: 30, seed }))) {
        for (const variant of [text, text.replace(/\n/g, '\r\n'), text.replace(/Booking|Partner/g, 'Büchung 😀')]) {
          const trees = assertSameInParts(variant, 200, `module ${seed} ${name}`);
          // Without errors, each part is parsed once and the file never whole.
          assert.ok(trees > 2, `module ${seed} ${name}: ${trees} trees, expected one per part`);
        }
      }
      assertSameInParts(generateTerraformHcl({ clients: 30, seed }), 300, `one file ${seed}`);
    }
  });
});

// ---- generated files: top-level items of every form, with the places a cut must not fall in ----

const comment = fc.constantFrom('# c', '// c', '/* c */', '/* a\nresource "x" "y" {\nb */', '# grantlint-disable-next-line legacy-grant', '/*\nname = 1\n*/');
const value = fc.constantFrom(
  '"spa"',
  '["authorization_code", "refresh_token"]',
  '[\n    "client_credentials", # c\n    "password",\n  ]',
  '<<EOT\nresource "auth0_client" "x" {\nname = "y"\nEOT',
  '<<-EOT\n  ${var.x}\nfoo = 1\n  EOT',
  'var.x',
  'auth0_client.a.client_id',
  '{ a = 1\nb = 2 }',
  '[for g in var.grants : g\nif g != "password"]',
  'var.a ? "x" :\n"y"',
  '"unclosed',
  '[\n"a",\n',
);
const attribute = fc.record({ name: fc.constantFrom('name', 'app_type', 'grant_types', 'is_first_party', '_x', 'naïve'), value }).map(({ name, value }) => `${name} = ${value}`);
const indent = fc.constantFrom('  ', '\t', '');
const block = fc
  .record({
    header: fc.constantFrom('resource "auth0_client" "a" {', 'resource "auth0_client_credentials" "a" {', 'resource\n"auth0_client" "b" {', 'locals {', 'variable "x" {', 'resource "auth0_client" "a" { # c', 'data "auth0_client" "d" {'),
    attributes: fc.array(fc.record({ indent, attribute, comment: fc.option(comment) }), { maxLength: 4 }),
    nested: fc.option(fc.constantFrom('refresh_token {\n    rotation_type = "rotating"\n  }', 'dynamic "jwt_configuration" {\n    for_each = var.x\n  }', 'token_quota {\nclient_credentials {\nper_day = 1\n}\n}')),
    closed: fc.constantFrom(true, true, true, true, false),
  })
  .map(({ header, attributes, nested, closed }) => {
    const lines = attributes.map(({ indent, attribute, comment }) => `${comment === null ? '' : `${indent}${comment}\n`}${indent}${attribute}`);
    if (nested !== null) lines.push(`  ${nested}`);
    return `${header}\n${lines.join('\n')}\n${closed ? '}' : ''}`;
  });
const item = fc.oneof({ weight: 5, arbitrary: block }, attribute, comment, fc.constant(''));
const file = fc
  .record({ items: fc.array(item, { minLength: 1, maxLength: 12 }), crlf: fc.boolean(), bom: fc.boolean(), partSize: fc.integer({ min: 1, max: 120 }) })
  .map(({ items, crlf, bom, partSize }) => {
    const text = `${bom ? '\uFEFF' : ''}${items.join('\n')}\n`;
    return { text: crlf ? text.replace(/\n/g, '\r\n') : text, partSize };
  });

describe('HCL read in parts = read whole on generated files', () => {
  test('blocks, top-level attributes and comments; heredocs, block comments and unindented bodies a cut falls in; errors', () => {
    fc.assert(
      fc.property(file, ({ text, partSize }) => {
        assertSameInParts(text, partSize, JSON.stringify(text));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('a file whose cuts all fall between items is parsed in parts only, never whole', () => {
    const clean = fc.array(fc.constantFrom('resource "auth0_client" "a" {\n  name = "a"\n}', '# c', 'locals {\n  x = 1\n}', 'resource "auth0_client" "b" {\n  grant_types = [\n    "implicit", # c\n  ]\n}'), { minLength: 3, maxLength: 12 });
    fc.assert(
      fc.property(clean, (items) => {
        const text = `${items.join('\n')}\n`;
        const expected = text.split(/\n(?=[A-Za-z_])/).length;
        assert.equal(assertSameInParts(text, 1, JSON.stringify(text)), expected, 'one tree per part');
      }),
      { seed: SEED, numRuns: 50 },
    );
  });

  test('a cut inside a heredoc makes the file be parsed whole, with the same result', () => {
    const text = `resource "auth0_client" "a" {\n  description = <<EOT\nresource "auth0_client" "b" {\nEOT\n  grant_types = ["password"]\n}\n`;
    const trees = assertSameInParts(text, 1, 'heredoc');
    assert.equal(trees, 2, 'the first part fails and the file is parsed whole');
    const parsed = parseHcl(text, 1);
    assert.deepEqual(parsed.errors, []);
  });
});
