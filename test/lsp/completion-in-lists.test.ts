/**
 * Completing a grant in a Terraform HCL `grant_types` tuple over stdio, at the places a new user met: after an item
 * and its comma, right after an item without one, and on a fresh line of a multi-line tuple after an item without a
 * comma. Listed grants are not offered, and the edit with its additional edits leaves valid HCL. (Every format and
 * position is generated in test/service/completion-list-edits.test.ts.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-protocol/node';
import { applyEdits, positionOf, TestServer } from './helpers';

function chosen(text: string, items: CompletionItem[], label: string): string {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `a completion for ${label}`);
  const edit = found.textEdit as TextEdit;
  assert.equal(edit.range.start.line, edit.range.end.line, 'the edit stays on the cursor line');
  return applyEdits(text, [edit, ...(found.additionalTextEdits ?? [])]);
}

const block = (list: string): string => `resource "auth0_client" "app" {\n  name        = "App"\n  grant_types = ${list}\n}\n`;

describe('completion in Terraform HCL lists', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  const cases: { name: string; list: string; cursorAfter: string; expected: string }[] = [
    { name: 'after an item and its comma', list: '["authorization_code", ]', cursorAfter: '"authorization_code", ', expected: '["authorization_code", "refresh_token"]' },
    { name: 'right after an item', list: '["authorization_code"]', cursorAfter: '"authorization_code"', expected: '["authorization_code", "refresh_token"]' },
    { name: 'after an item and a space', list: '["implicit" ]', cursorAfter: '"implicit" ', expected: '["implicit", "refresh_token"]' },
    { name: 'before an item', list: '[ "implicit"]', cursorAfter: '[', expected: '["refresh_token", "implicit"]' },
    {
      name: 'on a fresh line after an item without a comma',
      list: '[\n    "implicit"\n    \n  ]',
      cursorAfter: '"implicit"\n    ',
      expected: '[\n    "implicit",\n    "refresh_token"\n  ]',
    },
    {
      name: 'on the line of an item without a comma, after a space',
      list: '[\n    "implicit" \n  ]',
      cursorAfter: '"implicit" ',
      expected: '[\n    "implicit", "refresh_token"\n  ]',
    },
  ];
  cases.forEach(({ name, list, cursorAfter, expected }, index) => {
    it(name, async () => {
      const text = block(list);
      const uri = await server.open(`case${index}/main.tf`, text);
      await server.waitForCurrent(uri);
      const items = await server.completion(uri, positionOf(text, cursorAfter, cursorAfter.length));
      const listed = ['authorization_code', 'implicit'].filter((grant) => list.includes(`"${grant}"`));
      assert.deepEqual(items.filter((i) => listed.includes(i.label)).map((i) => i.label), [], 'listed grants are not offered');
      const result = chosen(text, items, 'refresh_token');
      assert.equal(result, block(expected));
      // The server reads the result as valid HCL holding the grant once.
      const check = await server.open(`case${index}/check/main.tf`, result);
      const diagnostics = await server.waitForCurrent(check);
      assert.deepEqual(diagnostics.filter((d) => d.code === 'parse-error'), []);
    });
  });
});
