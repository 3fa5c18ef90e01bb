/**
 * The order the lint worker takes its queued work in, and when a closed file's lint waits. Open documents are what
 * the user is typing in: their lints go before closed files' lints queued earlier, and a closed file whose lint
 * must first read a large unsaved document again waits until typing pauses. A module's credentials file
 * re-checked after each keystroke in a 3,000-client `main.tf` reads all of `main.tf` again, for seconds; a
 * keystroke that lands while it runs waits that long. Likewise an OPEN document re-linted only because another document
 * it depends on changed (credentials.tf open beside the main.tf being typed in) waits until typing pauses: run after
 * every keystroke it holds the worker while the next keystroke's lint waits. It is never dropped, and an edit of
 * that document itself is linted at once. Project changes (files changed on disk, documents closed)
 * keep their order: no lint reads a project before a change queued earlier. No protocol here: times are
 * milliseconds from any monotonic clock.
 */

/** What the order needs to know of a queued item. */
export interface QueuedWork {
  /** A project change, or a lint. */
  readonly kind: 'lint' | 'change';
  /** The lint is of an open document. */
  readonly document?: boolean;
  /**
   * A closed file's lint that must first read an open document's unsaved text of this many characters (its
   * project's links need it parsed); 0 or absent when nothing large is to be read.
   */
  readonly unsavedToRead?: number;
  /**
   * An open document's lint asked for because a document it depends on changed, not because it was edited: it
   * waits until the edited documents have been quiet for DEPENDENT_QUIET_MS (or longer, see quietBefore).
   */
  readonly dependent?: boolean;
}

/**
 * How long (ms) edited documents must have been quiet before a dependent open document is re-linted: longer than
 * the pause between keystrokes while typing (about 100 to 300 ms), short enough to feel immediate once typing stops.
 */
export const DEPENDENT_QUIET_MS = 400;

/** Unsaved texts shorter than this (characters) are read again without waiting: a parse of well under 0.2 s. */
export const LARGE_UNSAVED_TEXT = 256 * 1024;

/**
 * How long documents must have been quiet (ms) before a closed file's lint that reads `characters` of unsaved text
 * starts: about as long as reading them takes (a megabyte a second), between 0.5 and 2 s; 0 below LARGE_UNSAVED_TEXT.
 */
export function quietBefore(characters: number): number {
  return characters < LARGE_UNSAVED_TEXT ? 0 : Math.min(2000, Math.max(500, characters / 1000));
}

export class LintOrder {
  private lastDocumentLint = Number.NEGATIVE_INFINITY;

  /** Records that the lint of an edited open document (not a dependent's re-lint) finished at `now`. */
  documentLinted(now: number): void {
    this.lastDocumentLint = now;
  }

  /** How long documents must have been quiet (ms) before `item` starts; 0 when it never waits. */
  private quietFor(item: QueuedWork): number {
    if (item.kind === 'change') return 0;
    const reading = quietBefore(item.unsavedToRead ?? 0);
    if (item.document === true) return item.dependent === true ? Math.max(DEPENDENT_QUIET_MS, reading) : 0;
    return reading;
  }

  /** How long (ms) `item` must still wait at `now`; 0 or less when it may start. */
  private waitFor(item: QueuedWork, now: number): number {
    const quiet = this.quietFor(item);
    return quiet > 0 ? this.lastDocumentLint + quiet - now : 0;
  }

  /**
   * The index of the item of `queue` to run next (`work` reads an item; `documentsQueued`: whether an open
   * document's lint is among them), or how long to wait (ms) before asking again when the item due must wait for
   * documents to be quiet (a closed file's lint that reads a large unsaved text, a dependent document's re-lint);
   * undefined for an empty queue. The item due is the first open document's lint queued before any project change
   * that need not wait, else the first item.
   */
  next<T>(queue: readonly T[], work: (item: T) => QueuedWork, documentsQueued: boolean, now: number): { readonly index: number } | { readonly waitMs: number } | undefined {
    if (queue.length === 0) return undefined;
    // Looked for only when one is queued: a workspace scan queues thousands of closed files' lints.
    for (let i = 0; documentsQueued && i < queue.length; i++) {
      const item = work(queue[i]!);
      if (item.kind === 'change') break;
      if (item.document === true && this.waitFor(item, now) <= 0) return { index: i };
    }
    const waitMs = this.waitFor(work(queue[0]!), now);
    return waitMs > 0 ? { waitMs } : { index: 0 };
  }
}
