/**
 * Globs read as the lines of one `.gitignore` in a folder, by the `ignore` package (the matcher ESLint uses), so
 * that a config's `ignore` and an override's `files` mean what git would make of them: negations (`!`) re-include,
 * `#` starts a comment, unescaped trailing spaces are dropped, `\#`, `\!` and `\ ` escape, a trailing `/` names
 * folders only, a slash at the start or in the middle anchors, a folder matched takes everything under it and no
 * negation re-includes a file whose folder is left out (git does not look inside it).
 */
import { isAbsolute, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** A list of globs relative to a folder, read as .gitignore lines. */
export interface GitignoreList {
  /** The globs as written, in order. */
  readonly globs: readonly string[];
  /**
   * Whether the lines leave out the file at `path` (absolute), as `git check-ignore` would: the last line that
   * matches it or a folder on its way decides. False for a path outside the folder or the folder itself.
   */
  readonly matches: (path: string) => boolean;
  /**
   * The globs that change nothing for `paths` (absolute paths of files), in order: a glob that matches none of them
   * (nor a folder on their way), read alone; a negation that re-includes none of them, read after the lines above
   * it (one written before what it would re-include, or inside a folder left out, re-includes nothing); comments
   * and blank lines.
   */
  readonly idle: (paths: readonly string[]) => string[];
}

/** The `ignore` package's matcher for `globs`, case-sensitive as git is by default; each glob is one line. */
function rules(globs: readonly string[]): Ignore {
  // One line each: a glob holding a newline is not split into two.
  return ignore({ ignorecase: false }).add(globs.map((pattern) => ({ pattern })));
}

/**
 * The `/`-separated path of `path` below `dir`, or undefined for `dir` itself and paths outside it (the `ignore`
 * package refuses them).
 */
function below(dir: string, path: string): string | undefined {
  const rel = relative(dir, path);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** Reads `globs` as the lines of a .gitignore in `dir` (absolute). */
export function gitignoreList(globs: readonly string[], dir: string): GitignoreList {
  const all = rules(globs);
  const inside = (paths: readonly string[]) => paths.map((path) => below(dir, path)).filter((rel): rel is string => rel !== undefined);
  return {
    globs,
    matches: (path) => {
      if (globs.length === 0) return false;
      const rel = below(dir, path);
      return rel !== undefined && all.ignores(rel);
    },
    idle: (paths) => {
      const rels = inside(paths);
      return globs.filter((glob, i) => {
        if (!glob.startsWith('!')) {
          const alone = rules([glob]);
          return !rels.some((rel) => alone.ignores(rel));
        }
        const before = rules(globs.slice(0, i));
        const after = rules(globs.slice(0, i + 1));
        return !rels.some((rel) => before.ignores(rel) && !after.ignores(rel));
      });
    },
  };
}
