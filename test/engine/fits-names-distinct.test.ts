/**
 * Names a note clips to fit 120 characters stay told apart: two different names sharing a long start (a client
 * grant's client and the placeholder-named client it may be) are never cut to the same text. Property over name
 * pairs with a shared start of any length and different ends, in one- and two-form notes; and the note a tenant
 * gets for such names, through the CLI's note text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { grantsWithoutClientNotes, lintText } from '../../server/src/engine/index';
import { fitsNames, MAX_MESSAGE_LENGTH } from '../../server/src/engine/rules/messages';

/** The quoted names of a note, in order. */
const quoted = (text: string): string[] => [...text.matchAll(/'([^']*)'/g)].map((m) => m[1]!);

const word = fc.stringMatching(/^[A-Za-z#]{1,12}$/);
const pairArb = fc.record({ shared: fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(' ')), a: fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')), b: fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')) }).filter(({ a, b }) => a !== b);

test('two different names are never clipped to the same text', () => {
  fc.assert(
    fc.property(pairArb, fc.constantFrom(0, 1), ({ shared, a, b }, kind) => {
      const first = `${shared} ${a}`;
      const second = `${shared} ${b}`;
      const forms = kind === 0
        ? [(x: string, y: string) => `client grant for '${x}' not checked: it may be for '${y}' (line 12), named with a placeholder`, (x: string, y: string) => `client grant for '${x}' not checked: it may be for '${y}', named with a placeholder`]
        : [(x: string, y: string) => `'${x}' and '${y}' share a name here`];
      const text = fitsNames(forms, [first, second]);
      assert.ok(text.length <= MAX_MESSAGE_LENGTH, text);
      const [x, y] = quoted(text);
      assert.ok(x !== undefined && y !== undefined, text);
      assert.notEqual(x, y, `${first} / ${second}: ${text}`);
    }),
    { numRuns: 500 },
  );
});

test('a tenant whose grant names a long client that a placeholder-named one may be: both names told apart', () => {
  const shared = 'Backend service for the northern region reporting pipeline';
  const text = `clients:\n  - name: '${shared} ##ENV##'\n    app_type: non_interactive\n    grant_types: [client_credentials]\nclientGrants:\n  - client_id: ${shared} staging\n    audience: https://api.example.com/\n    scope: [read:things]\n`;
  const result = lintText({ path: 'tenant.yaml', text });
  const notes = grantsWithoutClientNotes({ path: 'tenant.yaml', text }, result);
  assert.equal(notes.length, 1);
  const [grant, client] = quoted(notes[0]!.message);
  assert.ok(grant && client && grant !== client, notes[0]!.message);
  assert.ok(grant.endsWith('staging') && client.endsWith('##ENV##'), notes[0]!.message);
});
