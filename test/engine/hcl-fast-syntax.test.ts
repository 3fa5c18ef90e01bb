/**
 * The HCL reader's fast copy of the syntax tree (engine/parse/hcl.ts: spans of inner nodes taken from their
 * children; simple attributes, tuples and block headers built from their text) against the plain copy that asks
 * tree-sitter for every node: the same nodes, spans and errors on every `.tf` file of the tests, the examples,
 * the shared cases and corpus, generated modules, and generated blocks and attributes of every form, simple
 * ones and their near misses.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { hclSyntax } from '../../server/src/engine/parse/hcl';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { generateTerraformHcl, generateTerraformModule } from '../helpers/terraform-generator';
import { tfFiles } from '../helpers/tf-files';

before(() => loadHclParser());

const ROOT = join(__dirname, '..', '..');
const SHARED = join(ROOT, '..', 'shared');
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261130);
const RUNS = Math.max(1, Math.round(300 * Number(process.env['FUZZ_RUNS'] ?? 1)));


function assertSameSyntax(text: string, where: string): void {
  const fast = hclSyntax(text);
  assert.ok(fast, `${where}: no tree`);
  assert.deepStrictEqual(fast, hclSyntax(text, true), `${where}: the fast copy differs from the plain one`);
}

describe('HCL fast syntax copy = plain copy', () => {
  test('every .tf file of the tests and examples', () => {
    const files = [...tfFiles(join(ROOT, 'test')), ...tfFiles(join(ROOT, 'examples'))];
    assert.ok(files.length >= 50, `expected the tests' .tf files, found ${files.length}`);
    for (const file of files) assertSameSyntax(readFileSync(file, 'utf8'), file);
  });

  test('every .tf file of the shared cases and corpus', { skip: existsSync(SHARED) ? false : '../shared is absent here' }, () => {
    const files = [...tfFiles(join(SHARED, 'cases')), ...tfFiles(join(SHARED, 'corpus'))];
    assert.ok(files.length > 0, 'no .tf files in ../shared');
    for (const file of files) assertSameSyntax(readFileSync(file, 'utf8'), file);
  });

  test('generated modules, CRLF and non-ASCII text included', () => {
    for (const seed of [1, 7, 42, 300]) {
      for (const [name, text] of Object.entries(generateTerraformModule({ clients: 40, seed }))) {
        assertSameSyntax(text, `module ${seed} ${name}`);
        assertSameSyntax(text.replace(/\n/g, '\r\n'), `module ${seed} ${name}, CRLF`);
        assertSameSyntax(text.replace(/Booking|Partner/g, 'Büchung 😀'), `module ${seed} ${name}, non-ASCII`);
      }
      assertSameSyntax(generateTerraformHcl({ clients: 40, seed }), `one file ${seed}`);
    }
  });
});

// ---- generated attributes: the simple forms built from text, and their near misses ----

const names = fc.constantFrom('name', 'app_type', 'grant-types', '_x', 'naïve', 'a::b', 'x1');
const around = fc.constantFrom(' = ', '=', '\t=\t', '   = ', ' =\n  ', ' = /* c */ ');
const strings = fc.array(fc.constantFrom('a', 'Z', ' ', 'é', '😀', '\\"', '\\\\', '\\n', '\\u00e9', '$', '${var.x}', '$${x}', '%{ if true }y%{ endif }', '%%{', '#', '//', '/*', ','), { maxLength: 5 }).map((parts) => `"${parts.join('')}"`);
const scalars = fc.constantFrom('1', '36000', '1.5', '1.5e3', '1.5E-3', '0x1F', '-1', '1e3', 'true', 'false', 'null', 'truex', 'nullable', 'true.x', 'null.x', 'forx', 'in_x');
const references = fc.constantFrom('var.x', 'auth0_client.a.id', 'each.value', 'local.a-b', 'a.b[0]', 'a.*.id', 'a[*].id', 'a.0', 'var.x.y.z', 'count.index', 'data.x.y', 'self');
const others = fc.constantFrom('f(1)', 'upper("a")', '{ a = 1 }', '{}', 'var.a ? "x" : "y"', '1 + 2', '!var.a', '(var.a)', '[for x in var.l : x]', '<<EOT\nhello\nEOT', '<<-EOT\n  ${var.x}\n  EOT');
const comment = fc.constantFrom('', '', ' # c', ' // c', ' /* c */', '\n# c\n', ' /* a\nb */');
const simpleStrings = fc.array(fc.constantFrom('a', 'Z', ' ', 'é', '😀', ':', '/', '.', '#', '//', '/*', ','), { maxLength: 4 }).map((parts) => `"${parts.join('')}"`);
const tupleItem = fc.oneof({ weight: 4, arbitrary: simpleStrings }, { weight: 1, arbitrary: fc.oneof(strings, scalars, references, fc.constantFrom('[]', '["a"]', '{}')) });
const tuples = fc
  .record({
    items: fc.array(fc.record({ item: tupleItem, before: comment, after: comment }), { maxLength: 4 }),
    multiline: fc.boolean(),
    trailing: fc.boolean(),
  })
  .map(({ items, multiline, trailing }) => {
    const sep = multiline ? '\n    ' : ' ';
    const body = items.map(({ item, before, after }, i) => `${before}${item}${i < items.length - 1 || trailing ? ',' : ''}${after}`).join(sep);
    return multiline ? `[${sep}${body}\n  ]` : `[${body}]`;
  });
const values = fc.oneof(simpleStrings, strings, scalars, references, others, { weight: 3, arbitrary: tuples });
const attribute = fc.record({ name: names, around, value: values, after: comment }).map(({ name, around, value, after }) => `${name}${around}${value}${after}`);
const headers = fc.constantFrom('resource "auth0_client" "a" {', 'resource auth0_client a {', 'resource "auth0_client" "a"{', 'resource\t"auth0_client"  "a" {', 'resource "auth0_client" /* c */ "a" {', 'resource "auth0_client" "a" { # c', 'resource "auth0_client" "a-b_1" {', 'resource "a${x}" "b" {', 'resource "auth0_client"\n"a" {', 'locals {', 'terraform{');
const nestedHeaders = fc.constantFrom('refresh_token {', 'refresh_token{', 'jwt_configuration  {', 'dynamic "refresh_token" {', 'token_quota { /* c */');
const moduleText = fc
  .record({ header: headers, nestedHeader: nestedHeaders, attributes: fc.array(attribute, { minLength: 1, maxLength: 6 }), nested: fc.boolean(), crlf: fc.boolean() })
  .map(({ header, nestedHeader, attributes, nested, crlf }) => {
    const inner = attributes.map((a) => `  ${a}`).join('\n');
    const text = `${header}\n${inner}\n${nested ? `  ${nestedHeader}\n  ${inner}\n  }\n` : ''}}\n${attributes[0]}\n`;
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

describe('HCL fast syntax copy = plain copy on generated attributes', () => {
  test('simple attributes, tuples and block headers, near misses, comments, CRLF, syntax errors', () => {
    fc.assert(
      fc.property(moduleText, (text) => assertSameSyntax(text, JSON.stringify(text))),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
