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
   * there is none. `named` (absolute paths) are the files the run names: the lines suggested for each negation that
   * blocks one of them compose (see ExcludedFolder.after), so that all of them may be written at once.
   */
  readonly blockedNegation: (path: string, named?: readonly string[]) => { readonly negation: string; readonly folder: ExcludedFolder } | undefined;
}

/** A glob that changes nothing, with what explains it where something does. */
export interface IdleGlob {
  /** The glob as written. */
  readonly glob: string;
  /** For a glob written `./x` (or `!./x`), which git never matches: the same glob anchored as git reads it, `/x`. */
  readonly anchored?: string;
  /** For a negation naming a file inside a folder that the lines above it leave out: that folder. */
  readonly excludedFolder?: ExcludedFolder;
  /**
   * For a negation that re-includes files where it stands, each of which a line below it leaves out again: those
   * lines, with their 1-based line numbers in the list.
   */
  readonly undoneBy?: readonly { readonly glob: string; readonly line: number }[];
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
   * below the negation that leaves the file out too). Empty where the lines suggested for the negation `after` let
   * this one work too.
   */
  readonly instead: readonly string[] | undefined;
  /**
   * Another negation of the list, above this one and blocked too, whose suggested lines `instead` takes as written:
   * two negations in one folder left out each get lines that, all written, still keep what both name (the lines for
   * the second alone would leave out again what the first re-includes).
   */
  readonly after?: string;
}

/** The most characters that adviceText may take: a longer list is no short rewrite. */
const MAX_ADVICE_LENGTH = 120;

/**
 * The advice to write `lines` just above a negation, or undefined where it would take more than MAX_ADVICE_LENGTH
 * characters (no short rewrite: a note says so rather than quote it, and no later advice takes it as written).
 */
export function adviceText(lines: readonly string[]): string | undefined {
  const quoted = lines.map((line) => JSON.stringify(line));
  if (quoted.length === 0) return undefined;
  const text = `write ${quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)!}` : quoted[0]!} just above the negation`;
  return text.length <= MAX_ADVICE_LENGTH ? text : undefined;
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

/** Matchers built, by their lines: the advice for negations asks about the same lists again and again. */
const built = new Map<string, Ignore>();
/** The most matchers kept in `built`; past it, the cache starts again. */
const MAX_BUILT = 2000;

/** The `ignore` package's matcher for `globs`, case-sensitive as git is by default; each glob is one line. */
function rules(globs: readonly string[]): Ignore {
  const key = JSON.stringify(globs);
  let matcher = built.get(key);
  if (!matcher) {
    if (built.size >= MAX_BUILT) built.clear();
    // One line each: a glob holding a newline is not split into two.
    matcher = ignore({ ignorecase: false }).add(globs.map((pattern) => ({ pattern })));
    built.set(key, matcher);
  }
  return matcher;
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
  const blocked = new WeakMap<readonly string[], Map<string, { readonly negation: string; readonly folder: ExcludedFolder } | undefined>>();
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
      const found: { index: number; glob: string; anchored?: string; undoneBy?: { glob: string; line: number }[] }[] = [];
      globs.forEach((glob, i) => {
        if (!isPattern(glob)) return;
        const negated = glob.startsWith('!');
        let undoneBy: { glob: string; line: number }[] | undefined;
        if (negated) {
          const before = rules(globs.slice(0, i));
          const after = rules(globs.slice(0, i + 1));
          const reincluded = rels.filter((rel) => before.ignores(rel) && !after.ignores(rel));
          if (reincluded.some((rel) => !all.ignores(rel))) return;
          // One that re-includes folders only may let a negation below it work (`dir/**`, `!dir/**\/`, `!dir/a/b.json`).
          const without = rules(globs.filter((_, j) => j !== i));
          if (rels.some((rel) => without.ignores(rel) !== all.ignores(rel))) return;
          // It re-includes files where it stands, and lines below leave every one of them out again: named with them.
          if (reincluded.length > 0) undoneBy = undoing(globs, i, reincluded);
        } else {
          const alone = rules([glob]);
          if (rels.some((rel) => alone.ignores(rel))) return;
        }
        const body = negated ? glob.slice(1) : glob;
        found.push({ index: i, glob, ...(body.startsWith('./') && { anchored: `${negated ? '!' : ''}${body.slice(1)}` }), ...(undoneBy && { undoneBy }) });
      });
      // The advice for every idle negation blocked by a folder, worked out together so that it all may be written.
      const shown = found.flatMap(({ index, glob }) => {
        const blocking = glob.startsWith('!') ? blockingFolder(globs, index, rels) : undefined;
        return blocking ? [{ index, rel: blocking.inside[0]!.rel }] : [];
      });
      const advice = composedAdvice(globs, rels, shown);
      return found.map(({ index, ...idle }) => {
        const unit = shown.find((entry) => entry.index === index);
        const excludedFolder = unit && advice.get(`${index}\u0000${unit.rel}`);
        return { ...idle, ...(excludedFolder && { excludedFolder }) };
      });
    },
    blockedNegation: (path, named = [path]) => {
      const rel = below(dir, path);
      if (rel === undefined || !all.ignores(rel)) return undefined;
      // Worked out once for the files a run names, for every one of them: the CLI asks for each.
      let notes = blocked.get(named);
      if (!notes?.has(rel)) {
        notes = blockedNotes([...new Set([...inside(named), rel])]);
        blocked.set(named, notes);
      }
      return notes.get(rel);
    },
  };

  /** For each of `rels` the lines leave out: the last negation naming it that a folder left out blocks, with the advice for it. */
  function blockedNotes(rels: readonly string[]): Map<string, { readonly negation: string; readonly folder: ExcludedFolder } | undefined> {
    // For each file named, the last negation naming it that a folder left out blocks: the ones a note names.
    const blocking = (file: string) => {
      for (let i = globs.length - 1; i >= 0; i--) if (globs[i]!.startsWith('!') && blockingFolder(globs, i, [file])) return i;
      return undefined;
    };
    const shown = rels.filter((file) => all.ignores(file)).flatMap((file) => {
      const i = blocking(file);
      return i === undefined ? [] : [{ index: i, rel: file }];
    });
    const advice = composedAdvice(globs, rels, shown);
    // Every file asked about has an entry: undefined where no negation meant to keep it is blocked.
    const notes = new Map<string, { readonly negation: string; readonly folder: ExcludedFolder } | undefined>(rels.map((rel) => [rel, undefined]));
    for (const { index, rel } of shown) {
      const folder = advice.get(`${index}\u0000${rel}`);
      if (folder) notes.set(rel, { negation: globs[index]!, folder });
    }
    return notes;
  }
}

/**
 * The lines below the negation at `globs[index]` that leave out again the files of `reincluded` (paths below the
 * list's folder that it re-includes where it stands), each the first line below it after which one of them is left
 * out, in order, with its 1-based line number.
 */
function undoing(globs: readonly string[], index: number, reincluded: readonly string[]): { glob: string; line: number }[] {
  const lines = new Set<number>();
  for (const rel of reincluded) {
    for (let k = index + 1; k < globs.length; k++) {
      if (!rules(globs.slice(0, k + 1)).ignores(rel)) continue;
      lines.add(k);
      break;
    }
  }
  return [...lines].sort((a, b) => a - b).map((k) => ({ glob: globs[k]!, line: k + 1 }));
}

/** More folders than this to re-include one by one take the shorter `dir/**` form instead. */
const MAX_REOPENED = 2;

/** What a negation names on the way to a file: the outermost of its folders and itself that it matches. */
interface Named {
  readonly rel: string;
  readonly level: number;
  readonly prefix: (k: number) => string;
}

/** A folder left out above a negation, on the way to what it names, with what it names inside that folder. */
interface Blocking {
  readonly folder: string;
  readonly by: string;
  readonly depth: number;
  readonly inside: readonly Named[];
}

/**
 * For the negation at `globs[index]`: the outermost folder that the lines above it leave out on the way to the first
 * of `rels` it names (the file, or a folder on its way), with every one of `rels` it names inside that folder;
 * undefined when there is none.
 */
function blockingFolder(globs: readonly string[], index: number, rels: readonly string[]): Blocking | undefined {
  const named = rules([globs[index]!.slice(1)]);
  const before = rules(globs.slice(0, index));
  const levels = rels.flatMap((rel): Named[] => {
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
      return { folder, by: decided.rule?.pattern ?? '', depth, inside };
    }
  }
  return undefined;
}

/** A negation blocked by a folder, and the keys of the notes on it (`<index>\u0000<file>`). */
interface Unit {
  readonly index: number;
  readonly blocking: Blocking;
  readonly keys: string[];
}

/**
 * The advice for each note of `shown` (a negation, by its index into `globs`, and a file of `rels` it cannot reach
 * because a folder on its way is left out above it), judged over `rels` (paths below the list's folder), keyed by
 * index and file (`<index>\u0000<file>`). A negation gets one piece of advice per folder it is blocked by, for every
 * file it names there. The negations blocked by one folder are advised together, so that all the lines suggested may
 * be written at once: either one list above the first of them, letting the others work too, or, in the list's order,
 * lines for each that take those above as written (`!generated/keep.json` gets `!/generated/` and `generated/*`,
 * which leave out `generated/prod/`, so `!generated/prod/keep.json` below it gets `!generated/prod/` and
 * `generated/prod/*`, never a second `generated/*` that would leave out `generated/keep.json` again), whichever keeps
 * more of what they name. Lines are suggested only where, with all the lines before them, every file of `rels` that
 * no negation of `shown` names keeps its verdict, and none that one names is left out that was not before.
 */
function composedAdvice(globs: readonly string[], rels: readonly string[], shown: readonly { readonly index: number; readonly rel: string }[]): Map<string, ExcludedFolder> {
  const all = rules(globs);
  const namers = [...new Set(shown.map(({ index }) => index))].map((i) => rules([globs[i]!.slice(1)]));
  const keeps = (current: readonly string[]) => {
    const now = rules(current);
    return (written: readonly string[]) => {
      const matcher = rules(written);
      return rels.every((rel) => (namers.some((named) => named.ignores(rel)) ? !matcher.ignores(rel) || (now.ignores(rel) && all.ignores(rel)) : matcher.ignores(rel) === all.ignores(rel)));
    };
  };
  // Whether a file is meant to be left out: the last line naming it (or a folder on its way) decides, as it would
  // were no folder in the way.
  const lines = globs.map((glob) => (isPattern(glob) ? rules([glob.startsWith('!') ? glob.slice(1) : glob]) : undefined));
  const meantOut = (rel: string) => {
    for (let k = globs.length - 1; k >= 0; k--) if (lines[k]?.ignores(rel)) return !globs[k]!.startsWith('!');
    return false;
  };
  // Whether `matcher` gives every file a negation names itself in its folder the verdict meant (one named through a
  // folder on its way is judged by what that folder holds, which a line such as `*.json` may still leave out).
  const meant = (matcher: Ignore, { inside }: Blocking) => inside.every(({ rel, level }) => level < rel.split('/').length || matcher.ignores(rel) === meantOut(rel));
  // The notes by folder, then negation, in the list's order: a note's file first, then every other it names there.
  const groups = new Map<string, Map<number, Unit>>();
  for (const { index, rel } of [...shown].sort((a, b) => a.index - b.index)) {
    const blocking = blockingFolder(globs, index, [rel, ...rels.filter((other) => other !== rel)]);
    if (!blocking) continue;
    const group = groups.get(blocking.folder) ?? new Map<number, Unit>();
    groups.set(blocking.folder, group);
    if (!group.has(index)) group.set(index, { index, blocking, keys: [] });
    group.get(index)!.keys.push(`${index}\u0000${rel}`);
  }
  const advice = new Map<string, ExcludedFolder>();
  let written = [...globs];
  let shift = 0;
  let last: string | undefined;
  const insert = (lines: readonly string[], at: number, into: readonly string[]) => [...into.slice(0, at), ...lines, ...into.slice(at)];
  for (const group of groups.values()) {
    const units = [...group.values()];
    const files = [...new Set(units.flatMap(({ blocking }) => blocking.inside.map(({ rel }) => rel)))];
    const kept = (lines: readonly string[]) => {
      const matcher = rules(lines);
      return files.filter((rel) => !matcher.ignores(rel)).length;
    };
    // In the list's order, each taking the lines of those above as written.
    let sequential = written;
    let added = 0;
    let previous = last;
    const each = units.map(({ index, blocking }) => {
      const at = index + shift + added;
      const reached = blocking.inside.map(({ rel }) => rel);
      // Each folder still left out on the way to what it names (the lines above may leave out several: `dir/*`
      // leaves out every folder in dir/), re-opened in turn, the lines written one after another.
      let lines: string[] = [];
      let left = reached;
      for (let here = blockingFolder(sequential, at, left); here; here = blockingFolder(insert(lines, at, sequential), at + lines.length, left)) {
        const current = insert(lines, at, sequential);
        const more = [...lines, ...(reopening(current, at + lines.length, here, keeps(current)) ?? [])];
        const done = new Set(here.inside.map(({ rel }) => rel));
        left = left.filter((rel) => !done.has(rel));
        // The first folder's lines are given even when too long to quote (the note then says no short list works).
        if (more.length > lines.length && (lines.length === 0 || adviceText(more) !== undefined)) lines = more;
        if (adviceText(lines) === undefined && lines.length > 0) break;
      }
      // Lines only where they let it keep something it names (none: the lines above let it work), and every file
      // it names there as meant.
      const matcher = rules(insert(lines, at, sequential));
      const instead = reached.some((rel) => !matcher.ignores(rel)) && meant(matcher, blocking) ? lines : undefined;
      const note = { instead, ...(instead !== undefined && previous !== undefined && { after: previous }) };
      if (instead !== undefined && instead.length > 0 && adviceText(instead) !== undefined) {
        sequential = insert(instead, at, sequential);
        added += instead.length;
        previous = globs[index];
      }
      return note;
    });
    // One list above the first of them, over every file they name in the folder.
    const first = units[0]!;
    const at = first.index + shift;
    const together = units.length > 1 && blockingFolder(written, at, files) ? reopening(written, at, { ...first.blocking, inside: units.flatMap(({ blocking }) => blocking.inside) }, keeps(written)) : undefined;
    const jointly = together && adviceText(together) !== undefined ? insert(together, at, written) : undefined;
    const joint = jointly && rules(jointly);
    // Only where each gets what it names as meant, and the first keeps something: lines on a negation that keeps
    // nothing would be for another.
    if (joint && first.blocking.inside.some(({ rel }) => !joint.ignores(rel)) && units.every((unit) => meant(joint, unit.blocking)) && kept(jointly) >= kept(sequential)) {
      units.forEach(({ blocking, keys }, k) => {
        const instead = k === 0 ? together! : [];
        const after = k === 0 ? last : globs[first.index];
        const note = { folder: blocking.folder, by: blocking.by, instead, ...(after !== undefined && { after }) };
        for (const key of keys) advice.set(key, note);
      });
      written = jointly;
      shift += together!.length;
      last = globs[first.index];
      continue;
    }
    units.forEach(({ blocking, keys }, k) => {
      for (const key of keys) advice.set(key, { folder: blocking.folder, by: blocking.by, ...each[k]! });
    });
    written = sequential;
    shift += added;
    last = previous;
  }
  return advice;
}

/**
 * The lines that, written just above the negation at `globs[index]`, let git reach what it names inside `blocking`
 * (files it names, each with the depth of the outermost path it names on the way), and for which `keeps` holds.
 * Up to MAX_REOPENED folders, from that one down to the one holding what it names, are each re-included and what
 * they hold left out, parents first (`dir/*` leaves out `dir/clients/`, so `!dir/clients/` must follow it); for more,
 * the folder is re-included, every file under it left out and every folder under it re-included (`dir/**`,
 * `!dir/**\/`), which only a negation naming files lets through. Either way only paths under the folder change: all
 * of them were left out, and still are but for what the negation and the lines below it re-include. Undefined where
 * the lines re-include none of what it names (a line below the negation leaves it out as well, or it names a folder
 * too deep down).
 */
function reopening(globs: readonly string[], index: number, { depth, inside }: Blocking, keeps: (written: readonly string[]) => boolean): string[] | undefined {
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
  // The one keeping the most of what it names (the first where they keep as much).
  let best: { lines: string[]; kept: number } | undefined;
  for (const lines of candidates) {
    const written = [...globs.slice(0, index), ...lines, ...globs.slice(index)];
    const matcher = rules(written);
    const kept = new Set(inside.filter(({ rel }) => !matcher.ignores(rel)).map(({ rel }) => rel)).size;
    if (kept > (best?.kept ?? 0) && keeps(written)) best = { lines, kept };
  }
  return best?.lines;
}
