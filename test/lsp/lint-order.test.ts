/**
 * The lint worker's order: an open document's lint goes before closed files' lints queued earlier but never
 * before a project change; a closed file's lint that must first read a large unsaved text waits until documents
 * have been quiet for about as long as that read takes; one that reads nothing large never waits; an open
 * document re-linted only because another document changed (a dependent) waits until typing pauses, behind the
 * edited documents' lints, and still runs once typing stops. Checked on generated queues and clocks, and on
 * generated typing sessions run through a simulated worker.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DEPENDENT_QUIET_MS, LARGE_UNSAVED_TEXT, LintOrder, quietBefore, type QueuedWork } from '../../server/src/lsp/lint-order';

const same = (item: QueuedWork): QueuedWork => item;
const documents = (queue: readonly QueuedWork[]): boolean => queue.some((item) => item.document === true);
const closed = (unsavedToRead = 0): QueuedWork => ({ kind: 'lint', document: false, unsavedToRead });
const doc: QueuedWork = { kind: 'lint', document: true };
const dependent = (unsavedToRead = 0): QueuedWork => ({ kind: 'lint', document: true, dependent: true, unsavedToRead });

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

test('a dependent document waits for typing to pause; the edited document goes first', () => {
  const order = new LintOrder();
  // Nothing typed yet: nothing to wait for.
  assert.deepEqual(order.next([dependent()], same, true, 0), { index: 0 });
  order.documentLinted(1_000);
  assert.deepEqual(order.next([dependent()], same, true, 1_100), { waitMs: DEPENDENT_QUIET_MS - 100 });
  assert.deepEqual(order.next([dependent(), doc], same, true, 1_100), { index: 1 });
  assert.deepEqual(order.next([dependent()], same, true, 1_000 + DEPENDENT_QUIET_MS), { index: 0 });
  // Reading a large unsaved text first makes it wait as long as a closed file's lint would.
  assert.deepEqual(order.next([dependent(1_800_000)], same, true, 1_100), { waitMs: 1_700 });
  // A project change queued after it keeps its place behind it.
  assert.deepEqual(order.next([dependent(), { kind: 'change' }, doc], same, true, 1_100), { waitMs: DEPENDENT_QUIET_MS - 100 });
});

const work: fc.Arbitrary<QueuedWork> = fc.oneof(
  fc.constant<QueuedWork>({ kind: 'change' }),
  fc.constant(doc),
  fc.constantFrom(0, 1_000, LARGE_UNSAVED_TEXT - 1, LARGE_UNSAVED_TEXT, 900_000, 5_000_000).map(closed),
  fc.constantFrom(0, 1_000, 900_000).map(dependent),
);

/** How long (ms) an item must have documents quiet before it starts, as the rule book of lint-order.ts says. */
function quietOf(item: QueuedWork): number {
  if (item.kind === 'change') return 0;
  if (item.document === true) return item.dependent === true ? Math.max(DEPENDENT_QUIET_MS, quietBefore(item.unsavedToRead ?? 0)) : 0;
  return quietBefore(item.unsavedToRead ?? 0);
}

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
      const waitOf = (item: QueuedWork): number => (quietOf(item) > 0 && linted !== undefined ? linted + quietOf(item) - now : 0);
      const firstDocument = queue.findIndex((item) => item.document === true && waitOf(item) <= 0);
      const expected = firstDocument >= 0 && (firstChange < 0 || firstDocument < firstChange) ? firstDocument : 0;
      const wait = waitOf(queue[expected]!);
      assert.deepEqual(due, wait > 0 ? { waitMs: wait } : { index: expected });
      assert.ok(wait <= 2_000, `waits ${wait} ms`);
    }),
    { numRuns: 500, seed: 7 },
  );
});

/**
 * A simulated lint worker on one clock: keystrokes in the edited document (main.tf) at generated times, each queuing
 * its lint (superseding the one not yet started) after the editor's debounce; each edit lint, when done, queues a
 * re-lint of the open dependent (credentials.tf, superseding its queued one). The worker runs one item at a time in
 * the order LintOrder gives. Returns when each lint started and ended.
 */
function simulate(keystrokes: readonly number[], editMs: number, dependentMs: number, debounceMs: number) {
  interface Item extends QueuedWork {
    readonly name: 'edit' | 'dependent';
    readonly queuedAt: number;
  }
  const order = new LintOrder();
  let queue: Item[] = [];
  const runs: { name: 'edit' | 'dependent'; queuedAt: number; start: number; end: number }[] = [];
  const arrivals = keystrokes.map((at) => at + debounceMs);
  let now = 0;
  let next = 0;
  const push = (item: Item) => {
    queue = queue.filter((queued) => queued.name !== item.name);
    queue.push(item);
  };
  for (let steps = 0; steps < 10_000; steps++) {
    while (next < arrivals.length && arrivals[next]! <= now) push({ kind: 'lint', document: true, name: 'edit', queuedAt: arrivals[next++]! });
    const due = order.next(queue, (item) => item, queue.length > 0, now);
    if (!due) {
      if (next >= arrivals.length) return runs;
      now = arrivals[next]!;
      continue;
    }
    if ('waitMs' in due) {
      // Woken by the timer or by the next message, whichever comes first.
      now = Math.min(now + due.waitMs, arrivals[next] ?? Number.POSITIVE_INFINITY);
      continue;
    }
    const item = queue.splice(due.index, 1)[0]!;
    const start = now;
    now += item.name === 'edit' ? editMs : dependentMs;
    runs.push({ name: item.name, queuedAt: item.queuedAt, start, end: now });
    if (item.name === 'edit') {
      order.documentLinted(now);
      push({ kind: 'lint', document: true, dependent: true, name: 'dependent', queuedAt: now });
    }
  }
  throw new Error('the simulation did not settle');
}

test('generated typing sessions: no dependent re-lint runs while typing goes on, one runs after it stops', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 20, max: 350 }), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 5, max: 200 }),
      fc.integer({ min: 50, max: 600 }),
      fc.constantFrom(25, 80, 150),
      (gaps, editMs, dependentMs, debounceMs) => {
        const keystrokes = gaps.reduce<number[]>((times, gap) => [...times, (times.at(-1) ?? 0) + gap], []);
        const runs = simulate(keystrokes, editMs, dependentMs, debounceMs);
        const edits = runs.filter((r) => r.name === 'edit');
        const dependents = runs.filter((r) => r.name === 'dependent');
        // Never dropped: the last edit lint is followed by a dependent re-lint.
        const lastEdit = edits.at(-1)!;
        assert.ok(dependents.some((d) => d.start >= lastEdit.end), 'a dependent re-lint after the last edit');
        assert.equal(runs.at(-1)!.name, 'dependent');
        for (const d of dependents) {
          // It waited for documents to be quiet: no edit lint ended less than DEPENDENT_QUIET_MS before it started.
          const before = edits.filter((e) => e.end <= d.start).at(-1)!;
          assert.ok(d.start - before.end >= DEPENDENT_QUIET_MS, `dependent at ${d.start}, edit lint ended ${before.end}`);
        }
        // An edit's lint waits only for a lint already running, never for a dependent queued before it.
        for (const e of edits) {
          const running = runs.find((r) => r.start < e.queuedAt && e.queuedAt < r.end);
          assert.ok(e.start <= Math.max(e.queuedAt, running?.end ?? 0), `edit queued ${e.queuedAt} started ${e.start}`);
        }
      },
    ),
    { numRuns: 300, seed: 11 },
  );
});

test('typing in bursts: the dependent catches up in every pause longer than the quiet time', () => {
  // Three bursts of ten keystrokes 120 ms apart, 1.5 s between bursts; edit lints take 100 ms, dependent ones 300 ms.
  const keystrokes = [0, 1, 2].flatMap((burst) => Array.from({ length: 10 }, (_, k) => burst * 2_700 + k * 120));
  const runs = simulate(keystrokes, 100, 300, 25);
  assert.deepEqual(
    runs.filter((r) => r.name === 'dependent').length,
    3,
    runs.map((r) => `${r.name}@${r.start}`).join(' '),
  );
  for (const e of runs.filter((r) => r.name === 'edit')) assert.equal(e.start, e.queuedAt, 'every edit lint starts as it is queued');
});
