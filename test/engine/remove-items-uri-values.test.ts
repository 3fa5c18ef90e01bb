/**
 * Removing items from a one-line list whose values hold comment markers inside strings (grant URIs with `//`, YAML
 * strings with ` #`, `/*`): only real comments may change how the removal is written, so removing any items but
 * not all leaves the list as if written without them, commas and blanks as between the others. Generated over
 * JSON and YAML flow lists and every subset of removed items, in one edit and as separate edits of one pass.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lintText } from '../../server/src/engine/lint';
import { getOwnProp, getValue, type ArrayNode } from '../../server/src/engine/model';
import { applyTextEdits, EditRenderer } from '../../server/src/engine/fix/render';

const VALUES = [
  '"authorization_code"',
  '"http://auth0.com/oauth/legacy/grant-type/ro"',
  '"urn:ietf:params:oauth:grant-type:device_code"',
  '"refresh_token"',
  '"a /* not a comment */ b"',
  '"x #y"',
];

function listOf(format: 'json' | 'yaml', values: readonly string[]): string {
  return format === 'json' ? `{"name": "A", "grant_types": [${values.join(', ')}]}\n` : `clients:\n  - name: A\n    grant_types: [${values.join(', ')}]\n`;
}

test('removing items between and after strings with comment markers leaves no stray blank or comma', () => {
  fc.assert(
    fc.property(
      fc.constantFrom<'json' | 'yaml'>('json', 'yaml'),
      fc.shuffledSubarray(VALUES, { minLength: 2 }),
      fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      fc.boolean(),
      (format, values, removeFlags, oneEdit) => {
        const removed = values.map((_, i) => removeFlags[i]!);
        if (!removed.some(Boolean) || removed.every(Boolean)) return;
        const path = format === 'json' ? '/p/payload.json' : '/t/tenant.yaml';
        const text = listOf(format, values);
        const parsed = lintText({ path, text }).parsed;
        const root = parsed.documents[0]!.root!;
        const client = format === 'json' ? root : (getValue(root, 'clients') as ArrayNode).items[0]!;
        if (client.kind !== 'object') throw new Error('no client');
        const owner = getOwnProp(client, 'grant_types')!;
        const array = owner.value as ArrayNode;
        const items = array.items.filter((_, i) => removed[i]);
        const renderer = new EditRenderer(text, format, parsed);
        const edits = oneEdit
          ? renderer.render([{ kind: 'removeItems', owner, array, items }])
          : renderer.render(items.map((item) => ({ kind: 'removeItems' as const, owner, array, items: [item] })));
        const after = applyTextEdits(text, edits);
        assert.equal(after, listOf(format, values.filter((_, i) => !removed[i])), `${text} minus ${JSON.stringify(items.map((i) => text.slice(i.start, i.end)))}`);
      },
    ),
    { numRuns: 400 },
  );
});
