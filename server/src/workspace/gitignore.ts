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
   * it (one written before what it would re-include, or inside a folder left out, re-includes nothing), and whose
   * removal keeps none of them either (one re-including folders may let a negation below it work). Comments and
   * blank lines are not globs to git, and are never named.
   */
  readonly idle: (paths: readonly string[]) => IdleGlob[];
  /**
   * For a file the lines leave out (`path` absolute): the last negation naming it (or a folder on its way) that
   * cannot re-include it because the lines above it leave out a folder further up, with that folder; undefined when
   * there is none.
   */
  readonly blockedNegation: (path: string) => { readonly negation: string; readonly folder: ExcludedFolder } | undefined;
}

/** A glob that changes nothing, with what explains it where something does. */
export interface IdleGlob {
  /** The glob as written. */
  readonly glob: string;
  /** For a glob written `./x` (or `!./x`), which git never matches: the same glob anchored as git reads it, `/x`. */
  readonly anchored?: string;
  /** For a negation naming a file inside a folder that the lines above it leave out: that folder. */
  readonly excludedFolder?: ExcludedFolder;
}

/** A folder left out by a line, so that git does not look inside it and no negation re-includes what it holds. */
export interface ExcludedFolder {
  /** Its path below the list's folder, `/`-separated, ending in `/`. */
  readonly folder: string;
  /** The line that leaves it out, as written. */
  readonly by: string;
  /**
   * Lines that leave out what the folder holds rather than the folder, so that the negation works when written after
   * them: `dir/*` when what the negation names is directly in it, `dir/**` and `!dir/**\/` for a file deeper down;
   * undefined for a folder deeper down, which no short list re-includes.
   */
  readonly instead: readonly string[] | undefined;
}

/**
 * Whether git reads `line` of a .gitignore as a pattern: a line starting with `#` is a comment, and one left empty
 * once its unescaped trailing spaces are dropped is blank (a tab, or spaces before a `#`, make a pattern).
 */
function isPattern(line: string): boolean {
  return !line.startsWith('#') && trimTrailingSpaces(line) !== '';
}

/** `line` without its trailing spaces, as git drops them: a space escaped by a backslash is kept. */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line[end - 1] === ' ') end--;
  if (end === line.length) return line;
  // An odd run of backslashes before the spaces escapes the first of them.
  let slashes = 0;
  while (end - slashes > 0 && line[end - slashes - 1] === '\\') slashes++;
  return slashes % 2 === 1 ? line.slice(0, end + 1) : line.slice(0, end);
}

/** `path` (a folder's) written as a .gitignore glob that matches only it: wildcards, backslashes and a leading `#` or `!` escaped. */
function literal(path: string): string {
  return path.replace(/[\\*?[]/g, '\\$&').replace(/^[#!]/, '\\$&');
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
      const idle: IdleGlob[] = [];
      globs.forEach((glob, i) => {
        if (!isPattern(glob)) return;
        const negated = glob.startsWith('!');
        if (negated) {
          const before = rules(globs.slice(0, i));
          const after = rules(globs.slice(0, i + 1));
          if (rels.some((rel) => before.ignores(rel) && !after.ignores(rel))) return;
          // One that re-includes folders only may let a negation below it work (`dir/**`, `!dir/**\/`, `!dir/a/b.json`).
          const without = rules(globs.filter((_, j) => j !== i));
          if (rels.some((rel) => without.ignores(rel) !== all.ignores(rel))) return;
        } else {
          const alone = rules([glob]);
          if (rels.some((rel) => alone.ignores(rel))) return;
        }
        const body = negated ? glob.slice(1) : glob;
        const excludedFolder = negated ? firstExcludedFolder(globs, i, rels) : undefined;
        idle.push({ glob, ...(body.startsWith('./') && { anchored: `${negated ? '!' : ''}${body.slice(1)}` }), ...(excludedFolder && { excludedFolder }) });
      });
      return idle;
    },
    blockedNegation: (path) => {
      const rel = below(dir, path);
      if (rel === undefined || !all.ignores(rel)) return undefined;
      for (let i = globs.length - 1; i >= 0; i--) {
        if (!globs[i]!.startsWith('!')) continue;
        const folder = firstExcludedFolder(globs, i, [rel]);
        if (folder) return { negation: globs[i]!, folder };
      }
      return undefined;
    },
  };
}

/**
 * For the negation at `globs[index]`: the outermost folder that the lines above it leave out on the way to the first
 * of `rels` it names (the file, or a folder on its way), with what to write instead judged over every one of `rels`
 * it names inside that folder; undefined when there is none.
 */
function firstExcludedFolder(globs: readonly string[], index: number, rels: readonly string[]): ExcludedFolder | undefined {
  const named = rules([globs[index]!.slice(1)]);
  const before = rules(globs.slice(0, index));
  // What the negation names on the way to each file: the outermost of its folders and itself that it matches.
  const levels = rels.flatMap((rel) => {
    const parts = rel.split('/');
    const prefix = (k: number) => parts.slice(0, k).join('/') + (k < parts.length ? '/' : '');
    let level = 1;
    while (level <= parts.length && !named.ignores(prefix(level))) level++;
    return level > parts.length ? [] : [{ parts, level, prefix }];
  });
  for (const { level, prefix } of levels) {
    for (let depth = 1; depth < level; depth++) {
      const folder = prefix(depth);
      // test, not checkIgnore: like git check-ignore, that matches `dir/*` against `dir/` itself, which git never leaves out.
      const decided = before.test(folder);
      if (!decided.ignored) continue;
      // Every path it names in that folder: all directly inside it, or all files.
      const inside = levels.filter((other) => other.level > depth && other.prefix(depth) === folder);
      const base = literal(folder.slice(0, -1));
      const instead = inside.every((other) => other.level === depth + 1)
        ? [`${base}/*`]
        : inside.every((other) => other.level === other.parts.length)
          ? [`${base}/**`, `!${base}/**/`]
          : undefined;
      return { folder, by: decided.rule?.pattern ?? '', instead };
    }
  }
  return undefined;
}
