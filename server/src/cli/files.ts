import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export class FileChangedError extends Error {}

export function readTextFile(path: string): string {
  const text = readFileSync(path, 'utf8');
  // A UTF-8 byte order mark is not part of the content; positions are reported without it.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Writes through a temporary file in the same folder and a rename, so a reader never sees half a file, and
 * refuses when the file no longer holds what was linted (an editor saved it meanwhile).
 */
export function writeFileAtomically(path: string, text: string, expectedCurrent: string): void {
  const raw = readFileSync(path, 'utf8');
  const hadBom = raw.charCodeAt(0) === 0xfeff;
  if ((hadBom ? raw.slice(1) : raw) !== expectedCurrent) throw new FileChangedError(path);
  const temp = join(dirname(path), `.${basename(path)}.grantlint-${process.pid}.tmp`);
  const mode = statSync(path).mode & 0o7777;
  const fd = openSync(temp, 'w', mode);
  try {
    writeSync(fd, hadBom ? '\ufeff' + text : text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  renameSync(temp, path);
}
