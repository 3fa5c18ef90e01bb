/**
 * A quoted string left open in Terraform HCL is reported at its opening quote (engine/parse/hcl-strings.ts), not
 * lines later where tree-sitter's recovery gives up. The scanner must never see an open string in valid HCL:
 * escapes, templates holding strings of their own (`${lookup(var.m, "k")}`, `%{ if }` directives), `$${`
 * literals, heredocs with stray quotes, and comments of all three kinds holding quotes, checked on generated
 * blocks of every such form and on every `.tf` file of the tests, examples and the shared cases and corpus. And
 * every string value of generated modules, its closing quote deleted, gives that error first.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { parseText } from '../../server/src/engine/lint';
import { hclSyntax } from '../../server/src/engine/parse/hcl';
import { unclosedQuoteBefore } from '../../server/src/engine/parse/hcl-strings';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { generateTerraformModule } from '../helpers/terraform-generator';
import { tfFiles } from '../helpers/tf-files';

before(() => loadHclParser());

const ROOT = join(__dirname, '..', '..');
const SHARED = join(ROOT, '..', 'shared');
const MESSAGE = 'HCL syntax error: this string is not closed on its line (a quoted string may not span lines)';


function parsesCleanly(text: string): boolean {
  const syntax = hclSyntax(text) as { errors: unknown[] } | undefined;
  return syntax !== undefined && syntax.errors.length === 0;
}

/** Values of every form that can hold a quote, as an attribute's right-hand side. */
const VALUES = [
  '"plain"',
  '"esc\\"aped \\\\ back"',
  '"${var.name}-suffix"',
  '"${lookup(var.names, "key", "default")}"',
  '"%{ if var.on }"yes"%{ else }no%{ endif }"',
  '"$${not.a.template} and ${var.x}"',
  '"${join(",", [for g in var.grants : "${g}"])}"',
  '"${\n    var.multi_line_template\n  }"',
  '<<EOT\nA "stray quote and "another\nEOT',
  '<<-EOT\n    indented "quote\n    EOT',
  '["a", "b", # a "comment\n    "c", // another "one\n  ]',
  '{ key = "v", "quoted key" = "w" }',
  'var.plain_reference',
];
const COMMENTS = ['# a "quote in a comment', '// a "quote here too', '/* a block "comment\n   over "lines */', ''];

test('valid HCL of every form that can hold a quote has no open string', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(...VALUES), fc.constantFrom(...COMMENTS)), { minLength: 1, maxLength: 8 }), (attributes) => {
      const body = attributes.map(([value, comment], i) => `${comment ? `  ${comment}\n` : ''}  a${i} = ${value}`).join('\n');
      const text = `resource "auth0_client" "x" {\n${body}\n}\n`;
      assert.ok(parsesCleanly(text), `the generated block should be valid HCL:\n${text}`);
      assert.equal(unclosedQuoteBefore(text, text.length), undefined, text);
      assert.equal(unclosedQuoteBefore(text.replace(/\n/g, '\r\n'), text.length * 2), undefined, `CRLF:\n${text}`);
    }),
    { numRuns: 300 },
  );
});

test('valid .tf files of the tests and examples have no open string', () => {
  const files = [...tfFiles(join(ROOT, 'test')), ...tfFiles(join(ROOT, 'examples'))].filter((file) => parsesCleanly(readFileSync(file, 'utf8')));
  assert.ok(files.length >= 40, `expected the tests' valid .tf files, found ${files.length}`);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    assert.equal(unclosedQuoteBefore(text, text.length), undefined, file);
  }
});

test('valid .tf files of the shared cases and corpus have no open string', { skip: existsSync(SHARED) ? false : '../shared is absent here' }, () => {
  const files = [...tfFiles(join(SHARED, 'cases')), ...tfFiles(join(SHARED, 'corpus'))].filter((file) => parsesCleanly(readFileSync(file, 'utf8')));
  assert.ok(files.length > 0, 'no valid .tf files in ../shared');
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    assert.equal(unclosedQuoteBefore(text, text.length), undefined, file);
  }
});

test("a string value's closing quote deleted: the first error points at its opening quote", () => {
  let checked = 0;
  for (const seed of [3, 11]) {
    for (const text of Object.values(generateTerraformModule({ clients: 6, seed }))) {
      // Every `= "..."` value that ends its line.
      for (const match of text.matchAll(/= ("[^"\n]*")\n/g)) {
        const open = match.index + 2;
        const close = open + match[1]!.length - 1;
        const broken = text.slice(0, close) + text.slice(close + 1);
        // The errors reported: the reader marks the text an open string read on into as its cascade.
        const errors = [...parseText(broken, 'hcl').errors].filter((e) => !e.cascade).sort((a, b) => a.span.start - b.span.start);
        assert.ok(errors.length > 0, `no error for the open string at ${open}:\n${broken}`);
        assert.deepEqual({ message: errors[0]!.message, start: errors[0]!.span.start }, { message: MESSAGE, start: open }, broken.slice(Math.max(0, open - 80), open + 80));
        // The string read on into the next line is its own aftermath, not a second mistake.
        const nextLineEnd = broken.indexOf('\n', broken.indexOf('\n', open) + 1);
        assert.ok(errors.slice(1).every((e) => e.span.start >= nextLineEnd), `a second error within the next line:\n${JSON.stringify(errors)}`);
        checked++;
      }
    }
  }
  assert.ok(checked >= 50, `only ${checked} values broken`);
});

/** A module of two clients whose attributes come in any order, lists one-line or one item per line. */
const listModule = fc
  .tuple(
    fc.shuffledSubarray(['name', 'app_type', 'grant_types', 'callbacks'], { minLength: 4, maxLength: 4 }),
    fc.boolean(),
    fc.constantFrom('', '\n  jwt_configuration {\n    alg = "RS256"\n  }'),
    fc.constantFrom('none' as const, 'before' as const, 'after' as const),
  )
  .map(([order, oneLine, nested, other]) => {
    const list = (items: string[]) => (oneLine ? `[${items.map((i) => `"${i}"`).join(', ')}]` : `[\n${items.map((i) => `    "${i}",`).join('\n')}\n  ]`);
    const values: Record<string, string> = {
      name: '"Shop"',
      app_type: '"spa"',
      grant_types: list(['authorization_code', 'refresh_token']),
      callbacks: list(['https://shop.example.com/callback']),
    };
    const body = order.map((key) => `  ${key} = ${values[key]}`).join('\n');
    const shop = `resource "auth0_client" "shop" {\n${body}${nested}\n}\n`;
    const otherClient = `resource "auth0_client" "other" {\n  name        = "Other"\n  grant_types = ["implicit"]\n}\n`;
    return other === 'none' ? shop : other === 'before' ? `${otherClient}\n${shop}` : `${shop}\n${otherClient}`;
  });

test("the closing quote of a line's last list item deleted, in any attribute order: the first error points at its opening quote", () => {
  fc.assert(
    fc.property(listModule, (text) => {
      // Every string item of a list that is the last string of its line: an earlier one's quote deleted pairs the
      // line's quotes anew, and which string was left open is then a guess (`["a, "b"]` reads as `"a, "`, `b`,
      // and `"]` left open).
      for (const match of text.matchAll(/[[,]\s*("[^"\n]*")\s*(?=[,\]])/g)) {
        const open = match.index + match[0].indexOf('"');
        const close = open + match[1]!.length - 1;
        if (text.slice(close + 1, text.indexOf('\n', close)).includes('"')) continue;
        const broken = text.slice(0, close) + text.slice(close + 1);
        const errors = [...parseText(broken, 'hcl').errors].filter((e) => !e.cascade).sort((a, b) => a.span.start - b.span.start);
        assert.ok(errors.length > 0, `no error for the open string at ${open}:\n${broken}`);
        assert.deepEqual({ message: errors[0]!.message, start: errors[0]!.span.start }, { message: MESSAGE, start: open }, broken);
        // What the string read on into, up to the next quote (the next resource's label), is its aftermath.
        assert.equal(errors.length, 1, `${JSON.stringify(errors)}\n${broken}`);
      }
    }),
    { numRuns: 150 },
  );
});

test('a missing closing part is named as a person writes it, never by a grammar name', () => {
  const cases: [string, RegExp][] = [
    ['resource "auth0_client" "a" {\n  description = <<EOT\n  hello\n', /heredoc '<<EOT' on line 2 has no closing line EOT; nothing after it is read/],
    ['resource "auth0_client" "a" {\n  name = "abc', /closing quote/],
    ['resource "auth0_client" "a" {\n  grant_types = ["a", "b"\n}\n', /missing '\]'/],
  ];
  for (const [text, message] of cases) {
    const errors = parseText(text, 'hcl').errors;
    assert.ok(errors.some((e) => message.test(e.message)), `${JSON.stringify(text)}: ${JSON.stringify(errors)}`);
    assert.ok(errors.every((e) => !/_(?:end|identifier|template)/.test(e.message)), `${JSON.stringify(text)}: ${JSON.stringify(errors)}`);
  }
});

