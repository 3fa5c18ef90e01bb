/** The project graph's files read from disk: regular files only, sized before they are read (io/read-text-file). */
import { readdirSync } from 'node:fs';
import { readTextFile } from '../io/read-text-file';
import { formatOf, parseText } from '../engine/lint';
import { hclParserReady } from '../engine/parse/hcl';
import { exceedsUtf8Bytes } from '../engine/limits';
import type { ParsedFile } from '../engine/model';
import type { ProjectFiles } from './project-graph';

/**
 * Reads siblings from disk. `maxFileSize` (bytes) is the same limit linting uses: a sibling over it is reported
 * as not read, never parsed whole. `parseOther` parses formats the engine's JSON/YAML readers do not (HCL).
 */
export function diskProjectFiles(maxFileSize = Number.POSITIVE_INFINITY, parseOther?: (path: string, text: string) => ParsedFile | undefined): ProjectFiles {
  return {
    list(dir) {
      try {
        return readdirSync(dir, { withFileTypes: true })
          // Everything but folders: a FIFO or device named like a sibling is then reported when it cannot be read.
          .filter((entry) => !entry.isDirectory())
          .map((entry) => entry.name);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        throw error;
      }
    },
    read(path) {
      const read = readTextFile(path, maxFileSize);
      if (read.tooLarge || exceedsUtf8Bytes(read.text, maxFileSize)) throw Object.assign(new Error('larger than the size limit'), { code: 'larger than the size limit' });
      return read.text;
    },
    parse(path, text) {
      const format = formatOf(path);
      // HCL without its reader loaded is a format not read: the module is then not known whole.
      const readable = format !== undefined && (format !== 'hcl' || hclParserReady());
      return readable ? parseText(text, format) : parseOther?.(path, text);
    },
  };
}
