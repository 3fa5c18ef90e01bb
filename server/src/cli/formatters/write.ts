/**
 * Writes the CLI's output to a stream as it is rendered, so a report of hundreds of thousands of findings is never
 * one string in memory, and the process never exits with output still unwritten.
 */

/** Pieces are gathered into writes of about this many UTF-16 code units: few syscalls, little held at once. */
export const CHUNK_LENGTH = 64 * 1024;

/**
 * How writing ended: every byte handed to the stream (`written`), the reader gone before the end (`closed`: a
 * closed pipe, as after `| head`; nothing more is written and nothing is said), or a write error (`failed`, with
 * its code, such as ENOSPC).
 */
export type WriteOutcome = { readonly kind: 'written' } | { readonly kind: 'closed' } | { readonly kind: 'failed'; readonly code: string };

/** The error codes of a reader that has gone away: not a failure of the run. */
const READER_GONE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ECONNRESET']);

/**
 * Writes `pieces` (read lazily, once) to `out` in chunks of about CHUNK_LENGTH, waiting for `drain` whenever the
 * stream's buffer is full, and resolves once the last chunk has been flushed (its write callback has run). An
 * error on the stream stops the writing; the listener for it stays, so an error reported after the last write
 * cannot crash the process either. Never rejects on stream errors; an exception thrown by the pieces' generator
 * propagates.
 */
export async function writeChunks(pieces: Iterable<string>, out: NodeJS.WritableStream): Promise<WriteOutcome> {
  let failure: NodeJS.ErrnoException | undefined;
  out.on('error', (error: NodeJS.ErrnoException) => (failure ??= error));
  let pending = '';
  for (const piece of pieces) {
    pending += piece;
    if (pending.length < CHUNK_LENGTH) continue;
    await writeChunk(out, pending, false);
    pending = '';
    if (failure) return outcomeOf(failure);
  }
  if (failure === undefined) await writeChunk(out, pending, true);
  return outcomeOf(failure);
}

/** Writes one chunk; waits for room in the stream's buffer, or (`flush`) for the chunk itself to be written. */
function writeChunk(out: NodeJS.WritableStream, chunk: string, flush: boolean): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.removeListener('drain', done);
      out.removeListener('error', done);
      out.removeListener('close', done);
      resolve();
    };
    out.once('error', done);
    out.once('close', done);
    // The callback runs once the chunk is written or has failed (with the error), never synchronously.
    const roomLeft = out.write(chunk, flush ? done : undefined);
    if (flush) return;
    if (roomLeft) done();
    else out.once('drain', done);
  });
}

function outcomeOf(failure: NodeJS.ErrnoException | undefined): WriteOutcome {
  if (failure === undefined) return { kind: 'written' };
  const code = failure.code ?? 'EIO';
  return READER_GONE.has(code) ? { kind: 'closed' } : { kind: 'failed', code };
}
