/**
 * Property tests for fixes that remove grants from a list (engine/fix/render.ts, render-hcl.ts, keep-comments.ts),
 * over every list form of test/helpers/list-forms.ts in Terraform HCL, JSONC and YAML flow syntax: any items removed in
 * one fix, or one fix at a time (as a user takes quick fixes), at a line's end, at its start, the last of the list,
 * with and without a trailing comma and comments; and, every one of them, any items of three that share a line with
 * or without a comment after each. The result parses without errors, holds the kept items in order, keeps the text
 * around the list and every comment the list held, those of the removed items too, once and in order (rule book,
 * invariants 1 and 6); no line ends in blanks that did not before and no line gets an indentation the list did not
 * have, but a comment line at the indentation items take below the `[` (where the items of a list emptied shared the
 * `[`'s line, empty-list.ts puts its comments there, as a person would). The same holds of any entries removed from
 * the YAML block lists of test/helpers/block-list-forms.ts (comments above, between and after entries, `-` then the
 * value on the next line), whose removed entries leave comment lines only; and fix all over every form keeps every
 * comment and is a fixed point. A fixed seed keeps `npm test` reproducible; FUZZ_SEED and FUZZ_RUNS explore further.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { applyTextEdits, EditRenderer, fixAll, getOwnProp, getValue, lintText, type Prop, type ValueNode } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { blockCommentsOf, blockListFormArb, renderBlockFile, type BlockListForm } from '../helpers/block-list-forms';
import { newIndentation, newTrailingBlanks } from '../helpers/line-checks';
import { commentsOf, listFormArb, renderList, type CommentKind, type ListForm, type ListFormat, type ListItem } from '../helpers/list-forms';

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
  else text = ['clients:', '  - name: Web', `    grant_types: ${renderList(form, '    ')}`, ''].join('\n');
  return form.crlf ? text.replace(/\n/g, '\r\n') : text;
}

/** The client's `grant_types` property, the text checked to parse without errors. */
function grantsProp(text: string, format: ListFormat, label: string): Prop {
  const result = lintText({ path: PATHS[format], text });
  assert.deepEqual(result.parsed.errors, [], `${label} parses\n${text}`);
  const root = result.parsed.documents[0]?.root;
  const client = format === 'hcl' ? getValue(getValue(getValue(root, 'resource'), 'auth0_client'), 'web') : format === 'json' ? root : (getValue(root, 'clients') as { items?: unknown[] } | undefined)?.items?.[0];
  const prop = getOwnProp(client as Parameters<typeof getOwnProp>[0], 'grant_types');
  assert.ok(prop?.value.kind === 'array', `grant_types is a list in\n${text}`);
  return prop;
}

/** The text with `indexes` of its list removed in one fix. */
function removed(text: string, format: ListFormat, indexes: readonly number[]): string {
  const owner = grantsProp(text, format, 'the list');
  const array = owner.value;
  assert.ok(array.kind === 'array');
  const items: ValueNode[] = indexes.map((i) => array.items[i]!);
  return applyTextEdits(text, new EditRenderer(text, format).render([{ kind: 'removeItems', owner, array, items }]));
}

/** Checks one removal from `text`: `kept` are the indexes (in the generated form) of the items `fixed` still holds. */
function check(form: ListForm, text: string, fixed: string, kept: readonly number[]): void {
  const context = `\n--- before ---\n${text}\n--- after ---\n${fixed}`;
  const was = grantsProp(text, form.format, 'the text before').value;
  const now = grantsProp(fixed, form.format, 'the fixed text').value;
  assert.ok(was.kind === 'array' && now.kind === 'array');
  const value = (item: ValueNode) => (item.kind === 'string' ? item.value : `?${item.kind}`);
  assert.deepEqual(now.items.map(value), kept.map((i) => form.items[i]!.value), `the kept items${context}`);
  assert.equal(fixed.slice(0, now.start), text.slice(0, was.start), `the text before the list is kept${context}`);
  assert.equal(fixed.slice(now.end), text.slice(was.end), `the text after the list is kept${context}`);
  assert.deepEqual(newTrailingBlanks(text, fixed), [], `no line left ending in blanks${context}`);
  // Nor a blank left before the `]` on a line (`["a", /* x */ ]`), where none stood before.
  const blanksBeforeClose = (list: string) => (list.match(/[^\s][ \t]+\]/g) ?? []).length;
  assert.ok(blanksBeforeClose(fixed.slice(now.start, now.end)) <= blanksBeforeClose(text.slice(was.start, was.end)), `no new blank before the ]${context}`);
  // A comment may stand on a line of its own at the indentation items take below the `[` (where the items of a
  // list emptied shared the `[`'s line, no line had it); no other line gets a new indentation.
  const listIndent = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', was.start) + 1))![0] + '  ';
  const commentLine = (line: string) => line.startsWith(listIndent) && /^(#|\/\/|\/\*)/.test(line.slice(listIndent.length));
  assert.deepEqual(newIndentation(text, fixed).filter((line) => !commentLine(line)), [], `no new indentation${context}`);
  if (form.crlf) assert.ok(!/(^|[^\r])\n/.test(fixed), `no bare LF in a CRLF file${context}`);
  // Every comment of the list stays, once and in order: those of the items removed too (rule book, invariant 1).
  assert.deepEqual(commentsOf(fixed.slice(now.start, now.end)), commentsOf(text.slice(was.start, was.end)), `every comment is kept once, in order${context}`);
  assert.equal(removed(fixed, form.format, []), fixed, `removing nothing changes nothing${context}`);
}

/** A removal: which items of the form go (a non-empty mask), and the order one-at-a-time fixes take them in. */
function removalArb(format: ListFormat): fc.Arbitrary<{ form: ListForm; order: number[] }> {
  return listFormArb(format, GRANTS).chain((form) =>
    fc.record({
      form: fc.constant(form),
      order: fc.shuffledSubarray(
        form.items.map((_, i) => i),
        { minLength: 1 },
      ),
    }),
  );
}

/** Every way to write three items on one line of a list over lines, each with or without a comment after it. */
function sharedLineForms(format: ListFormat): ListForm[] {
  const kinds: CommentKind[] = format === 'hcl' ? ['none', 'block', 'hash'] : format === 'json' ? ['none', 'block', 'slashes'] : ['none', 'hash'];
  const afters = kinds.flatMap((after) => (after === 'block' ? [true, false] : [false]).map((commentAfterComma) => ({ after, commentAfterComma })));
  const forms: ListForm[] = [];
  for (const first of afters) {
    for (const second of afters) {
      for (const third of afters) {
        for (const trailingComma of [false, true]) {
          const items: ListItem[] = [first, second, third].map((a, i) => ({ value: GRANTS[i]!, before: 'none', ...a }));
          forms.push({ format, items, layout: 'over-lines', perLine: 3, openOnFirst: false, trailingComma, closing: [], crlf: false });
        }
      }
    }
  }
  return forms;
}

describe('a fix that removes grants from a bracketed list leaves no blanks at line ends and keeps the indentation', () => {
  for (const format of ['hcl', 'json', 'yaml'] as const) {
    test(`${format}: any items of every list form, in one fix`, () => {
      fc.assert(
        fc.property(removalArb(format), ({ form, order }) => {
          const text = fileOf(form);
          const kept = form.items.map((_, i) => i).filter((i) => !order.includes(i));
          check(form, text, removed(text, format, order), kept);
        }),
        { seed: SEED + format.length, numRuns: runs(400) },
      );
    });

    test(`${format}: any items of every list form, one fix at a time`, () => {
      fc.assert(
        fc.property(removalArb(format), ({ form, order }) => {
          let text = fileOf(form);
          let kept = form.items.map((_, i) => i);
          for (const index of order) {
            const fixed = removed(text, format, [kept.indexOf(index)]);
            kept = kept.filter((i) => i !== index);
            check(form, text, fixed, kept);
            text = fixed;
          }
        }),
        { seed: SEED + 10 + format.length, numRuns: runs(300) },
      );
    });

    test(`${format}: any items of three that share a line, each with or without a comment after it`, () => {
      for (const form of sharedLineForms(format)) {
        const text = fileOf(form);
        for (let mask = 1; mask < 8; mask++) {
          const order = [0, 1, 2].filter((i) => mask & (1 << i));
          check(form, text, removed(text, format, order), [0, 1, 2].filter((i) => !order.includes(i)));
        }
      }
    });
  }
});

describe('a fix that removes entries of a YAML block list keeps their comments as lines where they stood', () => {
  /** The lines of the list: from the end of the key's line to the end of the last entry's line (its comment included). */
  function region(text: string, owner: Prop): { start: number; end: number } {
    const colon = text.indexOf(':', owner.keySpan.end);
    const array = owner.value;
    const last = array.kind === 'array' ? array.items[array.items.length - 1] : undefined;
    return { start: endOfLineAt(text, colon), end: last ? endOfLineAt(text, last.end) : endOfLineAt(text, colon) };
  }

  function endOfLineAt(text: string, offset: number): number {
    const lf = text.indexOf('\n', offset);
    return lf < 0 ? text.length : text[lf - 1] === '\r' ? lf - 1 : lf;
  }

  /** Checks one removal from a block list: `kept` are the indexes (in the generated form) of the entries left. */
  function checkBlock(form: BlockListForm, text: string, fixed: string, kept: readonly number[]): void {
    const context = `\n--- before ---\n${text}\n--- after ---\n${fixed}`;
    const was = grantsProp(text, 'yaml', 'the text before');
    const now = grantsProp(fixed, 'yaml', 'the fixed text');
    assert.ok(now.value.kind === 'array');
    const value = (item: ValueNode) => (item.kind === 'string' ? item.value : `?${item.kind}`);
    assert.deepEqual(now.value.items.map(value), kept.map((i) => form.items[i]!.value), `the kept entries${context}`);
    const before = region(text, was);
    const after = { start: before.start, end: fixed.length - (text.length - before.end) };
    assert.equal(fixed.slice(0, after.start), text.slice(0, before.start), `the lines before the list are kept${context}`);
    assert.equal(fixed.slice(after.end), text.slice(before.end), `the lines after the list are kept${context}`);
    assert.deepEqual(newTrailingBlanks(text, fixed), [], `no line left ending in blanks${context}`);
    // Comments of removed entries stand at the `-`'s indentation, which the list has: no line gets a new one.
    assert.deepEqual(newIndentation(text, fixed), [], `no new indentation${context}`);
    if (form.crlf) assert.ok(!/(^|[^\r])\n/.test(fixed), `no bare LF in a CRLF file${context}`);
    assert.deepEqual(blockCommentsOf(fixed), blockCommentsOf(text), `every comment is kept once, in order${context}`);
    // What is left of a removed entry is comment lines: every line of the list is an entry's, or a comment.
    const keptLines = new Set(fixed.slice(after.start, after.end).split(/\r?\n/).filter((line) => !/^[ \t]*#/.test(line) && line.trim() !== ''));
    const entryLines = text.slice(before.start, before.end).split(/\r?\n/).filter((line) => line.trim() !== '' && !/^[ \t]*#/.test(line));
    for (const line of keptLines) assert.ok(entryLines.includes(line), `${JSON.stringify(line)} is a line the list had${context}`);
    assert.equal(removed(fixed, 'yaml', []), fixed, `removing nothing changes nothing${context}`);
  }

  /** A block list and the entries a fix removes (not all: emptying is empty-list-properties.test.ts's business). */
  const blockRemovalArb = blockListFormArb(GRANTS)
    .filter((form) => form.items.length > 1)
    .chain((form) =>
      fc.record({
        form: fc.constant(form),
        order: fc.shuffledSubarray(
          form.items.map((_, i) => i),
          { minLength: 1, maxLength: form.items.length - 1 },
        ),
      }),
    );

  test('any entries of every block form, in one fix', () => {
    fc.assert(
      fc.property(blockRemovalArb, ({ form, order }) => {
        const text = renderBlockFile(form);
        const kept = form.items.map((_, i) => i).filter((i) => !order.includes(i));
        checkBlock(form, text, removed(text, 'yaml', order), kept);
      }),
      { seed: SEED + 60, numRuns: runs(500) },
    );
  });

  test('any entries of every block form, one fix at a time', () => {
    fc.assert(
      fc.property(blockRemovalArb, ({ form, order }) => {
        let text = renderBlockFile(form);
        let kept = form.items.map((_, i) => i);
        for (const index of order) {
          const fixed = removed(text, 'yaml', [kept.indexOf(index)]);
          kept = kept.filter((i) => i !== index);
          checkBlock(form, text, fixed, kept);
          text = fixed;
        }
      }),
      { seed: SEED + 70, numRuns: runs(300) },
    );
  });
});

describe('fix all removes repeated and legacy grants from every list form, keeps every comment, and a second run changes nothing', () => {
  /** The comments of a text, in order: those the generators label (list-forms.ts, block-list-forms.ts). */
  const labelled = (text: string) => [...text.matchAll(/\/\*.*?\*\/|(?:#|\/\/) [abcdemtk][\d.]*/g)].map((m) => m[0]);

  function checkFixAll(path: string, text: string): void {
    const once = fixAll({ path, text }).text;
    const context = `\n--- before ---\n${text}\n--- after ---\n${once}`;
    assert.deepEqual(lintText({ path, text: once }).parsed.errors, [], `the fixed text parses${context}`);
    assert.deepEqual(labelled(once), labelled(text), `every comment is kept once, in order${context}`);
    assert.deepEqual(newTrailingBlanks(text, once), [], `no line left ending in blanks${context}`);
    assert.equal(fixAll({ path, text: once }).text, once, `a second run changes nothing${context}`);
  }

  for (const format of ['hcl', 'json', 'yaml'] as const) {
    test(`${format}: every bracketed list form`, () => {
      fc.assert(
        fc.property(listFormArb(format, GRANTS), (form) => checkFixAll(PATHS[format], fileOf(form))),
        { seed: SEED + 80 + format.length, numRuns: runs(300) },
      );
    });
  }

  test('yaml: every block list form', () => {
    fc.assert(
      fc.property(blockListFormArb(GRANTS), (form) => checkFixAll('tenant.yaml', renderBlockFile(form))),
      { seed: SEED + 90, numRuns: runs(400) },
    );
  });
});
