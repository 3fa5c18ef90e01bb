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
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export class FileChangedError extends Error {}

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
