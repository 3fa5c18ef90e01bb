/**
 * Property tests for fixes that add a grant to a bracketed list (engine/fix/append-items.ts), over every list form
 * of test/helpers/list-forms.ts in Terraform HCL, JSONC and YAML flow syntax: the result parses without errors,
 * no line ends in blanks that did not before, nothing outside the list changes, every comment is kept byte for byte and stays after the item it followed,
 * the items are the old ones and the new one, a new item on a line of its own has the list's indentation, and removing the new item gives back the original text (or the
 * original with a comma after its last item, which HCL's removal keeps as a trailing comma). A fixed seed keeps
 * `npm test` reproducible; FUZZ_SEED and FUZZ_RUNS explore further.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { applyTextEdits, EditRenderer, getOwnProp, getValue, lintText, type LintResult, type Prop, type SemanticEdit } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { newTrailingBlanks } from '../helpers/line-checks';
import { commentsOf, listFormArb, renderList, type ListForm, type ListFormat } from '../helpers/list-forms';

before(() => loadHclParser());

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261201);
const SCALE = Number(process.env['FUZZ_RUNS'] ?? 1);
const runs = (base: number) => Math.max(1, Math.round(base * SCALE));

const GRANTS = ['authorization_code', 'refresh_token', 'password', 'implicit'];
const ADDED = 'client_credentials';
const PATHS: Readonly<Record<ListFormat, string>> = { hcl: 'main.tf', json: 'payload/worker.json', yaml: 'tenant.yaml' };

/** A machine-to-machine client (with a secret) whose grant_types is the generated list. */
function fileOf(form: ListForm): string {
  let text: string;
  if (form.format === 'hcl') {
    text = [
      'resource "auth0_client" "worker" {',
      '  app_type    = "non_interactive"',
      `  grant_types = ${renderList(form, '  ')}`,
      '}',
      '',
      'resource "auth0_client_credentials" "worker" {',
      '  client_id             = auth0_client.worker.id',
      '  authentication_method = "client_secret_post"',
      '}',
      '',
    ].join('\n');
  } else if (form.format === 'json') {
    text = ['{', '  "name": "Worker",', '  "app_type": "non_interactive",', '  "token_endpoint_auth_method": "client_secret_post",', `  "grant_types": ${renderList(form, '  ')}`, '}', ''].join('\n');
  } else {
    text = ['clients:', '  - name: Worker', '    app_type: non_interactive', '    token_endpoint_auth_method: client_secret_post', `    grant_types: ${renderList(form, '    ')}`, ''].join('\n');
  }
  return form.crlf ? text.replace(/\n/g, '\r\n') : text;
}

/** The client's `grant_types` property in a parse of a file made by fileOf. */
function grantsProp(result: LintResult, format: ListFormat): Prop {
  const root = result.parsed.documents[0]?.root;
  const client =
    format === 'hcl' ? getValue(getValue(getValue(root, 'resource'), 'auth0_client'), 'worker') : format === 'json' ? root : (getValue(root, 'clients') as { items?: unknown[] } | undefined)?.items?.[0];
  const prop = getOwnProp(client as Parameters<typeof getOwnProp>[0], 'grant_types');
  assert.ok(prop?.value.kind === 'array', 'grant_types is a list');
  return prop;
}

function parses(text: string, format: ListFormat, label: string): LintResult {
  const result = lintText({ path: PATHS[format], text });
  assert.deepEqual(result.parsed.errors, [], `${label} parses\n${text}`);
  return result;
}

/** For each comment of the list (in order), the index of the item it follows (-1: none, it is before the first). */
function followedItems(text: string, prop: Prop): number[] {
  const array = prop.value;
  assert.ok(array.kind === 'array');
  const inList = text.slice(array.start, array.end);
  return commentsOf(inList).map((comment) => {
    const at = array.start + inList.indexOf(comment);
    let follows = -1;
    array.items.forEach((item, i) => {
      if (item.end <= at) follows = i;
    });
    return follows;
  });
}

/** The text with a fix adding client_credentials applied, checked; and the original's grant_types property. */
function added(form: ListForm): { text: string; fixed: string; before: Prop; after: Prop } {
  const text = fileOf(form);
  const result = parses(text, form.format, 'the generated file');
  const finding = result.findings.find((f) => f.ruleId === 'm2m-without-client-credentials');
  assert.ok(finding, `an m2m-without-client-credentials finding in\n${text}`);
  const fix = finding.fixes.find((f) => f.edits.some((e) => e.kind === 'addItems'));
  assert.ok(fix, `a fix that adds ${ADDED}`);
  const fixed = applyTextEdits(text, new EditRenderer(text, result.format).render(fix.edits));
  return { text, fixed, before: grantsProp(result, form.format), after: grantsProp(parses(fixed, form.format, 'the fixed file'), form.format) };
}

function checkAdded(form: ListForm): void {
  const { text, fixed, before, after } = added(form);
  const context = `\n--- before ---\n${text}\n--- after ---\n${fixed}`;
  const was = before.value;
  const now = after.value;
  assert.ok(was.kind === 'array' && now.kind === 'array');
  // Only the list changes.
  assert.equal(fixed.slice(0, now.start), text.slice(0, was.start), `the text before the list is kept${context}`);
  assert.equal(fixed.slice(now.end), text.slice(was.end), `the text after the list is kept${context}`);
  if (form.crlf) assert.ok(!/(^|[^\r])\n/.test(fixed), `no bare LF in a CRLF file${context}`);
  assert.deepEqual(newTrailingBlanks(text, fixed), [], `no line left ending in blanks${context}`);
  // The items: the old ones, then the new one.
  const values = (items: typeof was.items) => items.map((item) => (item.kind === 'string' ? item.value : `?${item.kind}`));
  assert.deepEqual(values(now.items), [...values(was.items), ADDED], `the items${context}`);
  // A new item on a line of its own has the list's indentation: that of the last item starting a line, else the
  // `[`'s line's and two spaces.
  const newItem = now.items[now.items.length - 1]!;
  const newLine = fixed.slice(fixed.lastIndexOf('\n', newItem.start - 1) + 1, newItem.start);
  if (/^[ \t]*$/.test(newLine)) {
    const ownLines = was.items.map((item) => text.slice(text.lastIndexOf('\n', item.start - 1) + 1, item.start)).filter((before) => /^[ \t]*$/.test(before));
    const listLine = text.slice(text.lastIndexOf('\n', was.start - 1) + 1, was.start);
    assert.equal(newLine, ownLines.at(-1) ?? /^[ \t]*/.exec(listLine)![0] + '  ', `the new item's indentation${context}`);
  }
  // Every comment once, byte for byte (a line comment with the rest of its line), after the item it followed.
  const comments = commentsOf(text.slice(was.start, was.end));
  assert.deepEqual(commentsOf(fixed.slice(now.start, now.end)), comments, `the comments, in order${context}`);
  for (const comment of comments) {
    if (comment.startsWith('/*')) continue;
    assert.ok(new RegExp(`${escape(comment)}\\r?\\n`).test(fixed), `the line comment ${comment} still ends its line${context}`);
  }
  assert.deepEqual(followedItems(fixed, after), followedItems(text, before), `each comment follows the item it followed${context}`);
  // Removing the new item gives the original back (HCL keeps the comma the last item got, as a trailing comma).
  const removal: SemanticEdit = { kind: 'removeItems', owner: after, array: now, items: [now.items[now.items.length - 1]!] };
  const restored = applyTextEdits(fixed, new EditRenderer(fixed, form.format).render([removal]));
  parses(restored, form.format, 'the text with the new item removed');
  assert.deepEqual(newTrailingBlanks(fixed, restored), [], `removing ${ADDED} leaves no line ending in blanks${context}\n--- removed ---\n${restored}`);
  const lastEnd = was.items[was.items.length - 1]!.end;
  const withComma = text.slice(0, lastEnd) + ',' + text.slice(lastEnd);
  // HCL: a block comment that stood one blank from the `]` (`/* c */ ]`, which terraform fmt rewrites) may meet it.
  const fmtClose = (t: string) => t.replace(/\*\/[ \t]+\]/g, '*/]');
  const originals = form.trailingComma ? [text] : [text, withComma];
  const restoredOk = originals.some((t) => restored === t || (form.format === 'hcl' && restored === fmtClose(t)));
  assert.ok(restoredOk, `removing ${ADDED} gives the original back${context}\n--- removed ---\n${restored}`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

describe('a fix that adds a grant to a bracketed list keeps every comment with its item', () => {
  for (const format of ['hcl', 'json', 'yaml'] as const) {
    test(`${format}: every list form`, () => {
      fc.assert(
        fc.property(listFormArb(format, GRANTS), (form) => checkAdded(form)),
        { seed: SEED + format.length, numRuns: runs(300) },
      );
    });
  }
});

test('JSON with lone CR line ends (a file of mixed line ends): the added item stays inside the list and the file parses', () => {
  fc.assert(
    fc.property(
      listFormArb('json', GRANTS).filter((form) => !form.crlf),
      fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
      (form, lone) => {
        // Some of the file's LFs become lone CRs, which JSON reads as blanks and no line index counts as line ends.
        let n = 0;
        const text = fileOf(form).replace(/\n/g, () => (lone[n++ % lone.length] ? '\r' : '\n'));
        const result = parses(text, 'json', 'the generated file');
        const finding = result.findings.find((f) => f.ruleId === 'm2m-without-client-credentials');
        const fix = finding?.fixes.find((f) => f.edits.some((e) => e.kind === 'addItems'));
        if (!fix) return;
        const fixed = applyTextEdits(text, new EditRenderer(text, result.format).render(fix.edits));
        const after = grantsProp(parses(fixed, 'json', 'the fixed file'), 'json').value;
        const was = grantsProp(result, 'json').value;
        assert.ok(after.kind === 'array' && was.kind === 'array');
        assert.deepEqual(
          after.items.map((item) => (item.kind === 'string' ? item.value : item.kind)),
          [...was.items.map((item) => (item.kind === 'string' ? item.value : item.kind)), ADDED],
          JSON.stringify(fixed),
        );
      },
    ),
    { numRuns: runs(150), seed: SEED },
  );
});
