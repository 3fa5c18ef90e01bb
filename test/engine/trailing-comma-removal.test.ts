/**
 * Removing items from a one-line list that ends in a trailing comma keeps the list as it was written: `[a, b,]`
 * without `b` is `[a,]`, not `[a, ]`. Property: for YAML flow lists, JSONC and Terraform HCL tuples, with and
 * without blanks around the trailing comma, every subset of items removed gives the kept items joined as before,
 * the trailing comma and what stood around it kept (`[]` when none is kept), and the result parses to them.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { applyTextEdits, EditRenderer } from '../../server/src/engine/fix/render';
import { parseText } from '../../server/src/engine/lint';
import { getProp, type ArrayNode, type Format, type ObjectNode, type ParsedFile } from '../../server/src/engine/model';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { newTrailingBlanks } from '../helpers/line-checks';

before(() => loadHclParser());

const GRANTS = ['authorization_code', 'refresh_token', 'client_credentials', 'implicit', 'password'];

interface Form {
  readonly format: Format;
  readonly path: string;
  readonly item: (grant: string) => string;
  readonly file: (list: string) => string;
  readonly client: (parsed: ParsedFile) => ObjectNode;
}

const FORMS: readonly Form[] = [
  { format: 'yaml', path: '/t/tenant.yaml', item: (g) => g, file: (list) => `clients:\n  - name: A\n    grant_types: ${list}\n`, client: (p) => (getProp(p.documents[0]!.root as ObjectNode, 'clients')!.value as ArrayNode).items[0] as ObjectNode },
  { format: 'json', path: '/t/export/clients.json', item: (g) => JSON.stringify(g), file: (list) => `{"name": "A", "grant_types": ${list}}\n`, client: (p) => p.documents[0]!.root as ObjectNode },
  {
    format: 'hcl',
    path: '/t/main.tf',
    item: (g) => JSON.stringify(g),
    file: (list) => `resource "auth0_client" "a" {\n  name        = "A"\n  grant_types = ${list}\n}\n`,
    client: (p) => {
      const root = p.documents[0]!.root as ObjectNode;
      const resources = getProp(getProp(root, 'resource')!.value as ObjectNode, 'auth0_client')!.value as ObjectNode;
      return getProp(resources, 'a')!.value as ObjectNode;
    },
  },
];

test('removing items from a one-line list with a trailing comma keeps its trailing comma and spacing', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...FORMS),
      fc.uniqueArray(fc.constantFrom(...GRANTS), { minLength: 2, maxLength: 5 }),
      fc.constantFrom(',', ', ', ' ,'),
      fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      (form, grants, trailing, removeMask) => {
        const items = grants.map(form.item);
        const text = form.file(`[${items.join(', ')}${trailing}]`);
        const parsed = parseText(text, form.format, form.path);
        assert.deepEqual(parsed.errors, [], text);
        const owner = getProp(form.client(parsed), 'grant_types')!;
        const array = owner.value as ArrayNode;
        const removed = array.items.filter((_, i) => removeMask[i]);
        fc.pre(removed.length > 0);
        const edits = new EditRenderer(text, form.format, parsed).render([{ kind: 'removeItems', owner, array, items: removed }]);
        const out = applyTextEdits(text, edits);
        const kept = items.filter((_, i) => !removeMask[i]);
        assert.equal(out, form.file(kept.length === 0 ? '[]' : `[${kept.join(', ')}${trailing}]`));
        assert.deepEqual(parseText(out, form.format, form.path).errors, []);
      },
    ),
    { numRuns: 300 },
  );
});

test('removing the last item of a list over lines, which shares its line with the closing bracket, keeps every comment and a tidy bracket', () => {
  for (const form of FORMS.filter((f) => f.format !== 'json')) {
    const hash = '#';
    for (const keptComment of [false, true]) {
      for (const bracketComment of [false, true]) {
        const indent = form.format === 'yaml' ? '      ' : '    ';
        const lines = [
          `[ ${form.item('authorization_code')},   ${hash} login`,
          `${indent}${form.item('refresh_token')},${keptComment ? `   ${hash} keep this` : ''}`,
          `${indent}${form.item('client_credentials')} ]${bracketComment ? `  ${hash} copied from the backend` : ''}`,
        ];
        const text = form.file(lines.join('\n'));
        const parsed = parseText(text, form.format, form.path);
        assert.deepEqual(parsed.errors, [], text);
        const owner = getProp(form.client(parsed), 'grant_types')!;
        const array = owner.value as ArrayNode;
        const edits = new EditRenderer(text, form.format, parsed).render([{ kind: 'removeItems', owner, array, items: [array.items[2]!] }]);
        const out = applyTextEdits(text, edits);
        const name = `${form.format} kept comment ${keptComment}, bracket comment ${bracketComment}:\n${out}`;
        assert.deepEqual(parseText(out, form.format, form.path).errors, [], name);
        assert.deepEqual(newTrailingBlanks(text, out), [], name);
        for (const comment of ['# login', ...(keptComment ? ['# keep this'] : []), ...(bracketComment ? ['# copied from the backend'] : [])]) assert.ok(out.includes(comment), `${name}\nkeeps ${comment}`);
        assert.ok(!out.includes('client_credentials'), name);
        // The `]` joins the kept item's line, unless a comment ends that line; never a column past the items.
        const bracketLine = out.split('\n').find((l) => /\]/.test(l))!;
        if (keptComment) assert.match(bracketLine, new RegExp(`^${indent}\\]`), name);
        else assert.match(bracketLine, /refresh_token"? \]/, name);
      }
    }
  }
});

test('removing an item a comment follows on its line leaves a blank before the comment (a `#` right after `[` starts no comment)', () => {
  for (const form of FORMS.filter((f) => f.format !== 'json')) {
    for (const marker of form.format === 'hcl' ? ['#', '//'] : ['#']) {
      for (const gap of [' ', '   ']) {
        const text = form.file(`[${form.item('client_credentials')},${gap}${marker} note\n      ${form.item('implicit')}]`);
        const parsed = parseText(text, form.format, form.path);
        assert.deepEqual(parsed.errors, [], text);
        const owner = getProp(form.client(parsed), 'grant_types')!;
        const array = owner.value as ArrayNode;
        const out = applyTextEdits(text, new EditRenderer(text, form.format, parsed).render([{ kind: 'removeItems', owner, array, items: [array.items[0]!] }]));
        assert.ok(out.includes(`[ ${marker} note`), out);
        assert.deepEqual(newTrailingBlanks(text, out), [], out);
        assert.deepEqual(parseText(out, form.format, form.path).errors, [], out);
      }
    }
  }
});
