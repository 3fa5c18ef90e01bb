/**
 * The lint worker's order: an open document's lint goes before closed files' lints queued earlier but never
 * before a project change; a closed file's lint that must first read a large unsaved text waits until documents
 * have been quiet for about as long as that read takes; one that reads nothing large never waits. Checked on
 * generated queues and clocks.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LARGE_UNSAVED_TEXT, LintOrder, quietBefore, type QueuedWork } from '../../server/src/lsp/lint-order';

const same = (item: QueuedWork): QueuedWork => item;
const documents = (queue: readonly QueuedWork[]): boolean => queue.some((item) => item.document === true);
const closed = (unsavedToRead = 0): QueuedWork => ({ kind: 'lint', document: false, unsavedToRead });
const doc: QueuedWork = { kind: 'lint', document: true };

test('a document lint goes before closed files queued earlier, never before a project change', () => {
  const order = new LintOrder();
  assert.deepEqual(order.next([closed(), closed(), doc], same, true, 0), { index: 2 });
  assert.deepEqual(order.next([closed(), { kind: 'change' }, doc], same, true, 0), { index: 0 });
  assert.equal(order.next([], same, false, 0), undefined);
});

test('a closed lint that reads a large unsaved text waits for documents to be quiet; others do not', () => {
  const order = new LintOrder();
  const large = closed(1_800_000);
  // No document linted yet: nothing to wait for.
  assert.deepEqual(order.next([large], same, false, 0), { index: 0 });
  order.documentLinted(13_000);
  assert.deepEqual(order.next([large], same, false, 13_100), { waitMs: 1_700 });
  assert.deepEqual(order.next([closed(LARGE_UNSAVED_TEXT - 1)], same, false, 13_100), { index: 0 });
  assert.deepEqual(order.next([large], same, false, 14_800), { index: 0 });
  // The wait is capped at 2 s however much there is to read, and at least 0.5 s for a large text.
  assert.deepEqual(order.next([closed(60_000_000)], same, false, 13_000), { waitMs: 2_000 });
  assert.deepEqual(order.next([closed(LARGE_UNSAVED_TEXT)], same, false, 13_000), { waitMs: 500 });
});

test('without a document lint queued the queue is not scanned (a workspace scan queues thousands)', () => {
  const order = new LintOrder();
  const queue: QueuedWork[] = Array.from({ length: 10_000 }, () => closed());
  let reads = 0;
  const counted = (item: QueuedWork) => {
    reads++;
    return item;
  };
  assert.deepEqual(order.next(queue, counted, false, 0), { index: 0 });
  assert.ok(reads <= 2, `read ${reads} items`);
});

const work: fc.Arbitrary<QueuedWork> = fc.oneof(
  fc.constant<QueuedWork>({ kind: 'change' }),
  fc.constant(doc),
  fc.constantFrom(0, 1_000, LARGE_UNSAVED_TEXT - 1, LARGE_UNSAVED_TEXT, 900_000, 5_000_000).map(closed),
);

test('on generated queues and clocks: what runs next is the rule, and a wait is bounded', () => {
  fc.assert(
    fc.property(fc.array(work, { maxLength: 12 }), fc.option(fc.nat(10_000), { nil: undefined }), fc.nat(5_000), (queue, linted, later) => {
      const order = new LintOrder();
      if (linted !== undefined) order.documentLinted(linted);
      // The clock never runs backwards: asked after the last document lint finished.
      const now = (linted ?? 0) + later;
      const due = order.next(queue, same, documents(queue), now);
      if (queue.length === 0) return assert.equal(due, undefined);
      const firstChange = queue.findIndex((item) => item.kind === 'change');
      const firstDocument = queue.findIndex((item) => item.document === true);
      const expected = firstDocument >= 0 && (firstChange < 0 || firstDocument < firstChange) ? firstDocument : 0;
      const item = queue[expected]!;
      const quiet = item.kind === 'lint' && !item.document ? quietBefore(item.unsavedToRead ?? 0) : 0;
      const wait = quiet > 0 && linted !== undefined ? linted + quiet - now : 0;
      assert.deepEqual(due, wait > 0 ? { waitMs: wait } : { index: expected });
      assert.ok(wait <= 2_000, `waits ${wait} ms`);
    }),
    { numRuns: 500, seed: 7 },
  );
});
