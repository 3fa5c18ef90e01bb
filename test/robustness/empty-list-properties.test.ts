/**
 * Property tests for fixes that remove the last items of a grant list (engine/fix/render.ts, render-hcl.ts), over
 * every list form: the bracketed forms of test/helpers/list-forms.ts (Terraform HCL one-line and over lines with
 * `#`, `//` and block comments, JSONC, YAML flow over lines) and the YAML block forms of
 * test/helpers/block-list-forms.ts (comments above, between and after items, `-` then the value on the next line).
 * All items go in one fix, or some first and then the rest. The result parses without errors and holds an empty
 * list; every comment the list held survives, in order, on a line of its own (a one-line list keeps its block
 * comments inside `[ ]`, a YAML key's comment stays on its line); a list without comments becomes `[]`; no line
 * outside the list changes, none is left ending in blanks or gets an indentation the file did not have; and
 * removing again changes nothing. A fixed seed keeps `npm test` reproducible; FUZZ_SEED and FUZZ_RUNS explore
 * further.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { applyTextEdits, EditRenderer, getOwnProp, getValue, lintText, type ArrayNode, type Prop, type ValueNode } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { blockCommentsOf, blockListFormArb, renderBlockFile } from '../helpers/block-list-forms';
import { newIndentation, newTrailingBlanks } from '../helpers/line-checks';
import { commentsOf, listFormArb, renderList, type ListForm, type ListFormat } from '../helpers/list-forms';

before(() => loadHclParser());

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261202);
const SCALE = Number(process.env['FUZZ_RUNS'] ?? 1);
const runs = (base: number) => Math.max(1, Math.round(base * SCALE));

const GRANTS = ['authorization_code', 'implicit', 'refresh_token', 'http://auth0.com/oauth/legacy/grant-type/ro'];
const PATHS: Readonly<Record<ListFormat, string>> = { hcl: 'main.tf', json: 'payload/web.json', yaml: 'tenant.yaml' };

function fileOf(form: ListForm): string {
  let text: string;
  if (form.format === 'hcl') text = ['resource "auth0_client" "web" {', '  name        = "Web"', `  grant_types = ${renderList(form, '  ')}`, '}', ''].join('\n');
  else if (form.format === 'json') text = ['{', '  "name": "Web",', `  "grant_types": ${renderList(form, '  ')}`, '}', ''].join('\n');
  else text = ['clients:', '  - name: Web', `    grant_types: ${renderList(form, '    ')}`, '    app_type: regular_web', ''].join('\n');
  return form.crlf ? text.replace(/\n/g, '\r\n') : text;
}

/** The client's `grant_types` property, the text checked to parse without errors. */
function grantsProp(text: string, format: ListFormat, label: string): Prop & { value: ArrayNode } {
  const result = lintText({ path: PATHS[format], text });
  assert.deepEqual(result.parsed.errors, [], `${label} parses\n${text}`);
  const root = result.parsed.documents[0]?.root;
  const client = format === 'hcl' ? getValue(getValue(getValue(root, 'resource'), 'auth0_client'), 'web') : format === 'json' ? root : (getValue(root, 'clients') as { items?: unknown[] } | undefined)?.items?.[0];
  const prop = getOwnProp(client as Parameters<typeof getOwnProp>[0], 'grant_types');
  assert.ok(prop?.value.kind === 'array', `grant_types is a list in\n${text}`);
  return prop as Prop & { value: ArrayNode };
}

/** The text with the items at `indexes` of its list removed in one fix. */
function removed(text: string, format: ListFormat, indexes: readonly number[]): string {
  const owner = grantsProp(text, format, 'the list');
  const array = owner.value;
  const items: ValueNode[] = indexes.map((i) => array.items[i]!);
  return applyTextEdits(text, new EditRenderer(text, format).render([{ kind: 'removeItems', owner, array, items }]));
}

/** The text with every item of its list removed in one fix. */
function emptied(text: string, format: ListFormat): string {
  const count = grantsProp(text, format, 'the list').value.items.length;
  return removed(
    text,
    format,
    Array.from({ length: count }, (_, i) => i),
  );
}

/** Checks the lines around the list and the file's line breaks; `listStart`/`listEnd` bound the list in each text. */
function checkSurroundings(text: string, fixed: string, was: { start: number; end: number }, now: { start: number; end: number }, crlf: boolean, context: string): void {
  assert.equal(fixed.slice(0, now.start), text.slice(0, was.start), `the text before the list is kept${context}`);
  assert.equal(fixed.slice(now.end), text.slice(was.end), `the text after the list is kept${context}`);
  assert.deepEqual(newTrailingBlanks(text, fixed), [], `no line left ending in blanks${context}`);
  // A comment line may take the indentation items take below a `[` that holds the first one on its line.
  const listIndent = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', was.start) + 1))![0] + '  ';
  assert.deepEqual(
    newIndentation(text, fixed).filter((line) => !line.startsWith(listIndent) || !/^(#|\/\/|\/\*)/.test(line.slice(listIndent.length))),
    [],
    `no new indentation${context}`,
  );
  if (crlf) assert.ok(!/(^|[^\r])\n/.test(fixed), `no bare LF in a CRLF file${context}`);
}

/** Checks that `fixed` is `text` with its bracketed list emptied. */
function checkEmptiedBrackets(form: ListForm, text: string, fixed: string): void {
  const context = `\n--- before ---\n${text}\n--- after ---\n${fixed}`;
  const was = grantsProp(text, form.format, 'the text before').value;
  const now = grantsProp(fixed, form.format, 'the fixed text').value;
  assert.equal(now.items.length, 0, `the list is empty${context}`);
  checkSurroundings(text, fixed, was, now, form.crlf, context);
  const comments = commentsOf(text.slice(was.start, was.end));
  const list = fixed.slice(now.start, now.end);
  assert.deepEqual(commentsOf(list), comments, `every comment is kept, in order${context}`);
  if (comments.length === 0) assert.equal(list, '[]', `a list without comments becomes []${context}`);
  else if (!/[\r\n]/.test(text.slice(was.start, was.end))) assert.equal(list, `[${comments.join(' ')}]`, `a one-line list keeps its comments on its line${context}`);
  else {
    // Over lines: each comment on a line of its own, and the `]` too.
    const lines = list.split(/\r?\n/);
    assert.equal(lines[0], '[', `the [ ends its line${context}`);
    assert.match(lines[lines.length - 1]!, /^[ \t]*\]$/, `the ] stands on its own line${context}`);
    for (const comment of comments) assert.ok(lines.some((line) => line.trim() === comment || (comment.includes('\n') && list.includes(comment))), `${comment} stands on its own line${context}`);
  }
  assert.equal(removed(fixed, form.format, []), fixed, `removing again changes nothing${context}`);
}

/** A bracketed list, and the items a first fix removes before a second removes the rest (possibly none first). */
function bracketsArb(format: ListFormat): fc.Arbitrary<{ form: ListForm; first: number[] }> {
  return listFormArb(format, GRANTS).chain((form) =>
    fc.record({
      form: fc.constant(form),
      first: fc.subarray(form.items.map((_, i) => i)).filter((s) => s.length < form.items.length),
    }),
  );
}

describe('a fix that removes the last items of a bracketed list keeps its comments and leaves it tidy', () => {
  for (const format of ['hcl', 'json', 'yaml'] as const) {
    test(`${format}: every item of every list form, in one fix`, () => {
      fc.assert(
        fc.property(listFormArb(format, GRANTS), (form) => {
          const text = fileOf(form);
          checkEmptiedBrackets(form, text, emptied(text, format));
        }),
        { seed: SEED + 20 + format.length, numRuns: runs(400) },
      );
    });

    test(`${format}: some items first, then the rest in one fix`, () => {
      fc.assert(
        fc.property(bracketsArb(format), ({ form, first }) => {
          const text = first.length > 0 ? removed(fileOf(form), format, first) : fileOf(form);
          checkEmptiedBrackets(form, text, emptied(text, format));
        }),
        { seed: SEED + 30 + format.length, numRuns: runs(300) },
      );
    });
  }
});

describe('a fix that removes the last items of a YAML block list keeps its comments and leaves valid YAML', () => {
  /** The list's region: from the end of the key's line (its comment included) to the end of its last item's line. */
  function region(text: string, owner: Prop & { value: ArrayNode }): { start: number; end: number } {
    const colon = text.indexOf(':', owner.keySpan.end);
    const last = owner.value.items[owner.value.items.length - 1];
    const end = last ? lineEnd(text, last.end) : owner.value.end;
    return { start: colon + 1, end };
  }

  function lineEnd(text: string, offset: number): number {
    const lf = text.indexOf('\n', offset);
    return lf < 0 ? text.length : text[lf - 1] === '\r' ? lf - 1 : lf;
  }

  function check(form: Parameters<typeof renderBlockFile>[0], text: string, fixed: string): void {
    const context = `\n--- before ---\n${text}\n--- after ---\n${fixed}`;
    const was = grantsProp(text, 'yaml', 'the text before');
    const now = grantsProp(fixed, 'yaml', 'the fixed text');
    assert.equal(now.value.items.length, 0, `the list is empty${context}`);
    assert.ok(now.value.flow, `the key holds [] on its line${context}`);
    assert.match(fixed.slice(now.keySpan.start, lineEnd(fixed, now.keySpan.start)), /^grant_types: \[\](?: # k)?$/, `the key's line is \`grant_types: []\`, its comment kept${context}`);
    const before = region(text, was);
    // The list's region in the fixed text: up to the end of what followed the last item's line.
    const after = { start: before.start, end: fixed.length - (text.length - before.end) };
    checkSurroundings(text, fixed, before, after, form.crlf, context);
    assert.deepEqual(blockCommentsOf(fixed), blockCommentsOf(text), `every comment is kept, in order${context}`);
    // Comments stand alone on their lines, but the key's, which stays on the key's line.
    for (const line of fixed.slice(after.start, after.end).split(/\r?\n/).slice(1)) assert.match(line, /^[ \t]*(#.*)?$/, `only comment lines below the key${context}`);
    assert.equal(removed(fixed, 'yaml', []), fixed, `removing again changes nothing${context}`);
  }

  test('every item of every block form, in one fix', () => {
    fc.assert(
      fc.property(blockListFormArb(GRANTS), (form) => {
        const text = renderBlockFile(form);
        check(form, text, emptied(text, 'yaml'));
      }),
      { seed: SEED + 40, numRuns: runs(600) },
    );
  });

  test('some items first, then the rest in one fix', () => {
    const arb = blockListFormArb(GRANTS).chain((form) =>
      fc.record({
        form: fc.constant(form),
        first: fc.subarray(form.items.map((_, i) => i)).filter((s) => s.length < form.items.length),
      }),
    );
    fc.assert(
      fc.property(arb, ({ form, first }) => {
        const original = renderBlockFile(form);
        const text = first.length > 0 ? removed(original, 'yaml', first) : original;
        check(form, text, emptied(text, 'yaml'));
      }),
      { seed: SEED + 50, numRuns: runs(400) },
    );
  });
});
