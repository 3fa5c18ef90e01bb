/**
 * Fix all takes each fix's text edits unless they clash with edits already taken in the pass. The taken edits
 * are kept sorted and only neighbours are compared (AcceptedEdits); held here to the plain test of every pair
 * (editsConflict) on generated passes: insertions, deletions and replacements, touching, nested and equal spans,
 * and fixes whose own edits clash among themselves.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { AcceptedEdits, editsConflict } from '../../server/src/engine/fix/render';
import type { TextEdit } from '../../server/src/engine/fix/semantic';

const editArb: fc.Arbitrary<TextEdit> = fc
  .tuple(fc.nat(40), fc.oneof(fc.constant(0), fc.nat(6)), fc.constantFrom('', 'x'))
  .map(([start, length, newText]) => ({ start, end: start + length, newText }));

test('taken edits: the sorted neighbours give the same answer as comparing every pair', () => {
  fc.assert(
    fc.property(fc.array(fc.array(editArb, { minLength: 1, maxLength: 4 }), { maxLength: 30 }), (fixes) => {
      const fast = new AcceptedEdits();
      const taken: TextEdit[] = [];
      for (const edits of fixes) {
        const clash = editsConflict(taken, edits);
        assert.equal(fast.conflicts(edits), clash, JSON.stringify({ taken, edits }));
        if (clash) continue;
        fast.add(edits);
        taken.push(...edits);
      }
    }),
    { numRuns: 2000 },
  );
});
