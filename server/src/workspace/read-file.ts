/**
 * Reading a file the user did not hand-pick (found by a walk, a workspace scan or a watcher event) safely: only
 * regular files, sized with `fstat` before a byte is read. A FIFO would block the reader forever, a link to
 * /dev/zero would never end, and a 450 MB dump would be read whole only to be refused.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

export interface ReadFile {
  /** The content without a UTF-8 byte order mark (positions are reported without it); only a prefix when too large. */
  readonly text: string;
  /**
   * The file holds more than `maxBytes` bytes (besides a byte order mark): `text` is only its first bytes (at
   * most TOO_LARGE_PREFIX), enough to tell whether it looks like a client config.
   */
  readonly tooLarge: boolean;
  /** The bytes are valid UTF-8. When not, `text` has U+FFFD where the invalid bytes were. */
  readonly validUtf8: boolean;
  /**
   * The size limit to hand the engine with `text` (its `maxFileSize`): the policy's when `tooLarge`, so the
   * file-too-large finding names it; none otherwise, as the file was measured on disk (text decoded with
   * replacement characters may count more bytes than the file holds).
   */
  readonly maxFileSize: number;
  /** The file starts with a UTF-8 byte order mark (dropped from `text`). */
  readonly byteOrderMark: boolean;
}

/** The path names something other than a regular file (a FIFO, socket, device or folder), which is never read. */
export class NotRegularFileError extends Error {
  constructor(
    readonly path: string,
    /** What it is instead, in words: "a FIFO", "a socket", "a character device", "a folder". */
    readonly kind: string,
  ) {
    super(`not a regular file (${kind})`);
  }
}

/** How much of a file over the size limit is read, to look for client keys: 1 MiB. */
export const TOO_LARGE_PREFIX = 1024 * 1024;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/**
 * Opening without blocking: a FIFO with no writer would otherwise block `open` itself, before fstat can tell what
 * the path is (the path may have been replaced since it was listed). No effect on regular files.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** How a file may be read: the CLI's `--max-file-size`, the editor's `grantlint.maxFileSize`. */
export interface FilePolicy {
  /** Files larger than this many bytes (UTF-8, a byte order mark not counted) are not read whole; no limit when absent. */
  readonly maxFileSize?: number;
}

/**
 * Reads a client config file's text under the file policy: at most `policy.maxFileSize` bytes (plus a byte order
 * mark), decided from fstat before reading; over that, only the first TOO_LARGE_PREFIX bytes and `tooLarge` set
 * (the caller reports one file-too-large finding). Follows symbolic links, then refuses anything but a regular
 * file with NotRegularFileError. Invalid UTF-8 is decoded with replacement characters rather than refused.
 * Errors: NotRegularFileError, and the file system's own (ENOENT, EACCES, …).
 */
export function readClientFile(path: string, policy: FilePolicy = {}): ReadFile {
  const maxBytes = policy.maxFileSize ?? Number.POSITIVE_INFINITY;
  const fd = openSync(path, OPEN_FLAGS);
  let bytes: Buffer;
  let tooLarge: boolean;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new NotRegularFileError(path, kindOf(stat));
    tooLarge = stat.size > maxBytes + BOM.length;
    // The size from fstat is a hint: a file may shrink while it is read, so reading stops at its end. A file of
    // known size is read as it was when opened (one read, as readFileSync does); one that reports no size (procfs)
    // is read to its end, up to the limit.
    // Over the limit: the first MiB, whatever the limit, so a client key after a small limit is still found.
    const limit = tooLarge ? TOO_LARGE_PREFIX : stat.size > 0 ? Math.min(stat.size, 2 ** 31 - 1) : Math.min(maxBytes + BOM.length + 1, 2 ** 31 - 1);
    bytes = readUpTo(fd, limit);
  } finally {
    closeSync(fd);
  }
  const hasBom = bytes.subarray(0, BOM.length).equals(BOM);
  const content = hasBom ? bytes.subarray(BOM.length) : bytes;
  if (!tooLarge && content.length > maxBytes) {
    // It grew past the limit while being read.
    tooLarge = true;
  }
  const kept = tooLarge ? content.subarray(0, Math.min(content.length, TOO_LARGE_PREFIX)) : content;
  return { text: kept.toString('utf8'), tooLarge, validUtf8: tooLarge || isUtf8(kept), maxFileSize: tooLarge ? maxBytes : Number.POSITIVE_INFINITY, byteOrderMark: hasBom };
}

function readUpTo(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(limit - total, 1 << 20));
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    chunks.push(chunk.subarray(0, read));
    total += read;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** What a path that is not a regular file is, for messages. */
export function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  return 'a special file';
}
