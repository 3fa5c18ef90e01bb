/** An in-memory project for the project graph: paths → texts, with optional read failures and a parse count. */
import { basename, dirname } from 'node:path';
import { formatOf, parseText } from '../../server/src/engine/lint';
import type { ProjectFiles } from '../../server/src/workspace/project-graph';

export class MemoryProject implements ProjectFiles {
  readonly parses = new Map<string, number>();
  readonly failing = new Map<string, string>();

  constructor(readonly texts: Map<string, string>) {}

  list(dir: string): readonly string[] | undefined {
    const names = [...this.texts.keys()].filter((p) => dirname(p) === dir).map((p) => basename(p));
    const hasSub = [...this.texts.keys()].some((p) => p.startsWith(`${dir}/`));
    return names.length > 0 || hasSub ? names : undefined;
  }

  read(path: string): string {
    const code = this.failing.get(path);
    if (code) throw Object.assign(new Error(code), { code });
    const text = this.texts.get(path);
    if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return text;
  }

  parse(path: string, text: string) {
    this.parses.set(path, (this.parses.get(path) ?? 0) + 1);
    const format = formatOf(path);
    return format ? parseText(text, format, path) : undefined;
  }
}
