import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, fsyncSync, openSync, readFileSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export class FileChangedError extends Error {}

export interface ReadFile {
  /** The content without a UTF-8 byte order mark (positions are reported without it); cut short when too large. */
  readonly text: string;
  /** The file holds more than `maxBytes` bytes (besides a byte order mark): `text` is only its beginning. */
  readonly tooLarge: boolean;
  /** The bytes are valid UTF-8. When not, `text` has U+FFFD where the invalid bytes were. */
  readonly validUtf8: boolean;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Reads at most `maxBytes` bytes (plus a byte order mark and one byte to tell that there is more), so a file of
 * gigabytes is never loaded whole. Invalid UTF-8 is decoded with replacement characters rather than refused.
 */
export function readTextFile(path: string, maxBytes = Number.POSITIVE_INFINITY): ReadFile {
  const fd = openSync(path, 'r');
  let bytes: Buffer;
  try {
    const limit = Math.min(maxBytes + BOM.length + 1, Math.max(fstatSync(fd).size, 0) + 1, 2 ** 31 - 1);
    // The size from fstat is a hint: a file may grow or shrink while it is read.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.max(1, Math.min(limit - total, 1 << 20)));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total >= maxBytes + BOM.length + 1) break;
    }
    bytes = Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
  const hasBom = bytes.subarray(0, BOM.length).equals(BOM);
  const content = hasBom ? bytes.subarray(BOM.length) : bytes;
  const tooLarge = content.length > maxBytes;
  const kept = tooLarge ? content.subarray(0, maxBytes + 1) : content;
  return { text: kept.toString('utf8'), tooLarge, validUtf8: tooLarge || isUtf8(kept) };
}

/**
 * Writes through a temporary file in the same folder and a rename, so a reader never sees half a file, and
 * refuses when the file no longer holds what was linted (an editor saved it meanwhile). The temporary file is
 * created exclusively (never through a link someone left at its name), and the rename replaces a link at `path`
 * rather than writing through it.
 */
export function writeFileAtomically(path: string, text: string, expectedCurrent: string): void {
  const raw = readFileSync(path, 'utf8');
  const hadBom = raw.charCodeAt(0) === 0xfeff;
  if ((hadBom ? raw.slice(1) : raw) !== expectedCurrent) throw new FileChangedError(path);
  const temp = join(dirname(path), `.${basename(path)}.grantlint-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const mode = statSync(path).mode & 0o7777;
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, hadBom ? '\ufeff' + text : text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  // Checked once more just before the rename: the window in which a save can be lost is as short as it can be.
  let current: string;
  try {
    current = readFileSync(path, 'utf8');
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
  if (current !== raw) {
    unlinkSync(temp);
    throw new FileChangedError(path);
  }
  renameSync(temp, path);
}

/** The path with every symbolic link resolved, or undefined when it cannot be resolved. */
export function realPathOf(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
