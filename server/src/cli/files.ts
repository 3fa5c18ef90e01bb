import { isUtf8 } from 'node:buffer';
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
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
 * Writes a fixed file and refuses when it no longer holds what was linted (an editor saved it meanwhile): throws
 * FileChangedError, ReadOnlyError, or the file system's error, and then leaves the file as it was.
 *
 * The file keeps its owner, group and mode. Normally the text goes to a temporary file in the same folder, given
 * the original's owner, group and mode, then renamed over it, so a reader never sees half a file. The temporary
 * file is created exclusively (never through a link someone left at its name), and the rename replaces a link at
 * `path` rather than writing through it. When the rename would change what the file is, the text is written into
 * the file itself instead (after the same checks): when its owner or group cannot be given to a new file (a user
 * fixing a group-writable file of someone else), when the folder takes no new file, and when the file has other
 * hard links (a rename would cut them off, leaving the old text under the other names).
 */
export function writeFileAtomically(path: string, text: string, expectedCurrent: string): void {
  const raw = readFileSync(path, 'utf8');
  const hadBom = raw.charCodeAt(0) === 0xfeff;
  if ((hadBom ? raw.slice(1) : raw) !== expectedCurrent) throw new FileChangedError(path);
  const stat = statSync(path);
  if ((stat.mode & 0o222) === 0 || !canWrite(path)) throw new ReadOnlyError(path);
  const content = hadBom ? '\ufeff' + text : text;
  if (stat.nlink > 1 || !replaceByRename(path, content, raw, stat)) writeInPlace(path, content, raw);
}

/** A file without write permission (for anyone, or for this user): `--fix` leaves it alone. */
export class ReadOnlyError extends Error {}

function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The rename route. Returns false, having changed nothing, when a new file cannot be created in the folder or
 * cannot be given the original's owner and group (EPERM, EACCES): the caller then writes in place.
 */
function replaceByRename(path: string, content: string, raw: string, stat: Stats): boolean {
  const temp = join(dirname(path), `.${basename(path)}.grantlint-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, 'wx', 0o600);
  } catch (error) {
    if (isPermissionError(error)) return false;
    throw error;
  }
  try {
    const created = fstatSync(fd);
    if (created.uid !== stat.uid || created.gid !== stat.gid) fchownSync(fd, stat.uid, stat.gid);
    // After chown, which clears set-user-ID and set-group-ID bits; not subject to the umask as open's mode is.
    fchmodSync(fd, stat.mode & 0o7777);
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    if (isPermissionError(error)) return false;
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
  return true;
}

/** The in-place route: the same file (owner, mode, links) gets the new text, written at once and then cut to size. */
function writeInPlace(path: string, content: string, raw: string): void {
  const fd = openSync(path, constants.O_RDWR | constants.O_NOFOLLOW);
  try {
    // Read through the descriptor being written, so the check is on this very file.
    if (readFileSync(fd, 'utf8') !== raw) throw new FileChangedError(path);
    const bytes = Buffer.from(content, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written, written);
    ftruncateSync(fd, bytes.length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function isPermissionError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EPERM' || code === 'EACCES';
}

/** The path with every symbolic link resolved, or undefined when it cannot be resolved. */
export function realPathOf(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
