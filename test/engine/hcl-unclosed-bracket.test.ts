/**
 * A bracket never closed in Terraform HCL is named in the parse error tree-sitter's recovery gives where it stops
 * (engine/parse/hcl-strings.ts unclosedBracket): "the '[' on line 4 is never closed". The scanner must find no
 * open bracket in valid HCL (brackets inside strings, templates, heredocs and comments are text), and in generated
 * modules every closing bracket of a list, an object or a block, deleted in turn, gives an error naming the
 * bracket it closed, by its line.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { parseText } from '../../server/src/engine/lint';
import { hclSyntax } from '../../server/src/engine/parse/hcl';
import { unclosedBracket } from '../../server/src/engine/parse/hcl-strings';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { generateTerraformModule } from '../helpers/terraform-generator';
import { tfFiles } from '../helpers/tf-files';

before(() => loadHclParser());

const ROOT = join(__dirname, '..', '..');
const SHARED = join(ROOT, '..', 'shared');

interface Node {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly children: readonly Node[];
}

function syntaxOf(text: string): { root: Node; errors: unknown[] } {
  return hclSyntax(text, true) as { root: Node; errors: unknown[] };
}


/** Values whose text holds brackets that are not code, and values of nested brackets that are. */
const VALUES = [
  '"a ] b } c ) d"',
  '"${join("]", [for g in var.grants : "${g}{"])}"',
  '"%{ if var.on }[%{ else }{%{ endif }"',
  '"$${not [ a template"',
  '<<EOT\nA { stray [ bracket (\nEOT',
  '<<-EOT\n    indented } ] )\n    EOT',
  '["a", "b", # a ] comment\n    "c", // another } one\n  ]',
  '{ key = "v]", "quoted { key" = ["w", { x = 1 }] }',
  'lookup(var.m, "k[", [1, (2 + 3)])',
  '[for c in var.clients : { name = c.name, grants = [c.grant] }]',
  '/* a block ] comment */ var.plain',
];

test('valid HCL with brackets in every place that is not code has no open bracket', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 8 }), fc.boolean(), (values, crlf) => {
      let text = `resource "auth0_client" "x" {\n${values.map((value, i) => `  a${i} = ${value}`).join('\n')}\n\n  nested {\n    b = [1]\n  }\n}\n`;
      if (crlf) text = text.replace(/\n/g, '\r\n');
      assert.equal(syntaxOf(text).errors.length, 0, `the generated block should be valid HCL:\n${text}`);
      assert.equal(unclosedBracket(text), undefined, text);
    }),
    { numRuns: 300 },
  );
});

test('valid .tf files of the tests, examples, shared cases and corpus have no open bracket', (t) => {
  if (!existsSync(SHARED)) t.diagnostic('../shared is absent here: its cases and corpus are not read');
  const files = [ROOT + '/test', ROOT + '/examples', join(SHARED, 'cases'), join(SHARED, 'corpus')].flatMap(tfFiles).filter((file) => syntaxOf(readFileSync(file, 'utf8')).errors.length === 0);
  assert.ok(files.length >= 40, `expected the valid .tf files, found ${files.length}`);
  for (const file of files) assert.equal(unclosedBracket(readFileSync(file, 'utf8')), undefined, file);
});

/** Every closing bracket of a list, an object or a block, with the opening bracket it closes. */
function bracketPairs(node: Node, out: { open: number; close: number }[] = []): { open: number; close: number }[] {
  const start = node.children.find((c) => /^(tuple|object|block)_start$/.test(c.type));
  const end = node.children.find((c) => /^(tuple|object|block)_end$/.test(c.type));
  if (start && end) out.push({ open: start.startIndex, close: end.startIndex });
  for (const child of node.children) bracketPairs(child, out);
  return out;
}

const lineOf = (text: string, at: number) => text.slice(0, at).split('\n').length;

test("a closing bracket deleted: an error names its opening bracket's line", () => {
  let checked = 0;
  const texts = [
    ...[5, 12].flatMap((seed) => Object.values(generateTerraformModule({ clients: 4, seed }))),
    // Brackets inside strings, heredocs and comments around the ones deleted.
    `resource "auth0_client" "odd" {\n  name        = "a ] b }"\n  description = <<EOT\nline { [\nEOT\n  # a ] comment {\n  grant_types = [\n    "implicit", // ] here\n  ]\n  callbacks = [for u in ["x}"] : "\${u}]"]\n\n  jwt_configuration {\n    alg = "RS256"\n  }\n}\n`,
  ];
  for (const text of texts) {
    for (const { open, close } of bracketPairs(syntaxOf(text).root)) {
      const broken = text.slice(0, close) + text.slice(close + 1);
      const expected = `the '${text[open]}' on line ${lineOf(text, open)} is never closed`;
      const errors = parseText(broken, 'hcl').errors.filter((e) => !e.cascade);
      assert.ok(errors.length > 0, `no error with the '${text[close]}' at ${close} deleted`);
      assert.ok(
        errors.some((e) => e.message.endsWith(expected)),
        `with the '${text[close]}' on line ${lineOf(text, close)} deleted, expected "${expected}", got ${JSON.stringify(errors.map((e) => e.message))}\n${broken}`,
      );
      checked++;
    }
  }
  assert.ok(checked >= 40, `only ${checked} brackets deleted`);
});

test('an extra closing bracket or a balanced syntax error names no bracket', () => {
  for (const text of [
    'resource "auth0_client" "a" {\n  grant_types = ["a"]]\n}\n',
    'resource "auth0_client" "a" {\n  grant_types = ["a" "b"]\n}\n',
    'resource "auth0_client" "a" {\n  name = = "x"\n}\n',
  ]) {
    const errors = parseText(text, 'hcl').errors;
    assert.ok(errors.length > 0, text);
    assert.ok(errors.every((e) => !/never closed/.test(e.message)), `${text}: ${JSON.stringify(errors)}`);
  }
});
