import { closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export class FileChangedError extends Error {}

export { NotRegularFileError, readTextFile, type ReadFile } from '../io/read-text-file';

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
