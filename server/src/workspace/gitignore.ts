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
   * Lines to write just above the negation so that it works, changing nothing for any file it does not name: each
   * folder from this one down to what it names re-included and what the folder holds left out (`!/dir/`, anchored,
   * and `dir/*`; then `!dir/clients/` and `dir/clients/*`), or for a file further down, the folder re-included, the
   * files under it left out and the folders under it re-included (`!/dir/`, `dir/**`, `!dir/**\/`). The line that
   * leaves the folder out keeps its meaning everywhere else (`**\/clients/` still leaves out every other `clients/`).
   * Undefined where neither lets the negation keep anything it names here (a folder named too far down, or a line
   * below the negation that leaves the file out too).
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

/** More folders than this to re-include one by one take the shorter `dir/**` form instead. */
const MAX_REOPENED = 2;

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
    return level > parts.length ? [] : [{ rel, level, prefix }];
  });
  for (const { level, prefix } of levels) {
    for (let depth = 1; depth < level; depth++) {
      const folder = prefix(depth);
      // test, not checkIgnore: like git check-ignore, that matches `dir/*` against `dir/` itself, which git never leaves out.
      const decided = before.test(folder);
      if (!decided.ignored) continue;
      // Every file it names in that folder.
      const inside = levels.filter((other) => other.level > depth && other.prefix(depth) === folder);
      return { folder, by: decided.rule?.pattern ?? '', instead: reopening(globs, index, depth, inside) };
    }
  }
  return undefined;
}

/**
 * The lines that, written just above the negation at `globs[index]`, let git reach what it names in `inside` (files
 * it names, each with the depth of the outermost path it names on the way), the folder left out being at `depth`.
 * Up to MAX_REOPENED folders, from that one down to the one holding what it names, are each re-included and what
 * they hold left out, parents first (`dir/*` leaves out `dir/clients/`, so `!dir/clients/` must follow it); for more,
 * the folder is re-included, every file under it left out and every folder under it re-included (`dir/**`,
 * `!dir/**\/`), which only a negation naming files lets through. Either way only paths under the folder change: all
 * of them were left out, and still are but for what the negation and the lines below it re-include. Undefined where
 * the lines re-include none of `inside` (a line below the negation leaves it out as well, or it names a folder too
 * deep down).
 */
function reopening(globs: readonly string[], index: number, depth: number, inside: readonly { readonly rel: string; readonly level: number; readonly prefix: (k: number) => string }[]): string[] | undefined {
  const folders = [...new Set(inside.flatMap(({ level, prefix }) => Array.from({ length: level - depth }, (_, k) => prefix(depth + k))))];
  // Parents first: a folder's path is longer than its parent's, and one of the same length is not its subfolder.
  folders.sort((a, b) => a.length - b.length);
  // A folder at the top is anchored by a leading `/`: `!dir/` alone would re-include every folder named `dir`.
  const reinclude = (base: string) => `!${base.includes('/') ? '' : '/'}${base}/`;
  const top = literal(folders[0]!.slice(0, -1));
  const candidates = [
    ...(folders.length <= MAX_REOPENED ? [folders.flatMap((folder) => [reinclude(literal(folder.slice(0, -1))), `${literal(folder.slice(0, -1))}/*`])] : []),
    [reinclude(top), `${top}/**`, `!${top}/**/`],
  ];
  return candidates.find((lines) => {
    const written = rules([...globs.slice(0, index), ...lines, ...globs.slice(index)]);
    return inside.some(({ rel }) => !written.ignores(rel));
  });
}
