/** The project graph's files read from disk: regular files only, sized before they are read (workspace/read-file.ts). */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readClientFile, type ReadFile } from './read-file';
import { formatOf, parseText, withByteOrderMark } from '../engine/lint';
import { hclParserReady } from '../engine/parse/hcl';
import { exceedsUtf8Bytes } from '../engine/limits';
import type { ParsedFile } from '../engine/model';
import type { ProjectFiles } from './project-graph';

/** A sibling over the size limit is not read for links (the limit is the user's choice: a note, not a failure). */
export class SiblingTooLargeError extends Error {
  readonly code = 'larger than the size limit';
  constructor(readonly path: string) {
    super('larger than the size limit');
  }
}

/**
 * Reads siblings from disk. `maxFileSize` (bytes) is the same limit linting uses: a sibling over it is reported
 * as not read, never parsed whole. `parseOther` parses formats the engine's JSON/YAML readers do not (HCL).
 * `reads`, when given, gets every file read (by the path read), so a caller about to lint the same file with the
 * same limit (the CLI) takes it from there rather than read and decode it again; the caller removes what it takes.
 */
export function diskProjectFiles(maxFileSize = Number.POSITIVE_INFINITY, parseOther?: (path: string, text: string) => ParsedFile | undefined, reads?: Map<string, ReadFile>): ProjectFiles {
  // Files whose text began with a byte order mark (read without it): auth0-deploy-cli refuses the mark, so a
  // tenant.json with one deploys no flags (parse errors are what the links judge; withByteOrderMark).
  const markedTexts = new Map<string, string>();
  return {
    list(dir) {
      try {
        return (
          readdirSync(dir, { withFileTypes: true })
            // Regular files, also through a link: a FIFO or device is no config (the walk and the scan note them).
            .filter((entry) => entry.isFile() || (entry.isSymbolicLink() && isRegularFile(join(dir, entry.name))))
            .map((entry) => entry.name)
        );
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        throw error;
      }
    },
    read(path) {
      const read = readClientFile(path, { maxFileSize });
      if (read.tooLarge || exceedsUtf8Bytes(read.text, maxFileSize)) throw new SiblingTooLargeError(path);
      reads?.set(path, read);
      if (read.byteOrderMark) markedTexts.set(path, read.text);
      else markedTexts.delete(path);
      return read.text;
    },
    parse(path, text) {
      const format = formatOf(path);
      // HCL without its reader loaded is a format not read: the module is then not known whole.
      const readable = format !== undefined && (format !== 'hcl' || hclParserReady());
      if (!readable) return parseOther?.(path, text);
      const parsed = parseText(text, format, path);
      return markedTexts.get(path) === text ? withByteOrderMark(path, parsed) : parsed;
    },
  };
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
