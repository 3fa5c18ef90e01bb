/**
 * Config overrides limited to a JSON pointer that reach nothing: such an override silences nothing (a resource
 * renamed, a typo such as `/auth0_client/partnr`, a client index past the list), which must not pass unseen. Judged
 * only for a config file whose whole folder the run walked (a run on some files, as pre-commit makes, cannot see the
 * files a glob such as `**\/*.tf` matches in other modules), over the files each override applies to and their
 * project siblings (a Terraform module's files, a deploy-cli directory's). Overrides whose `files`, and `ignore`
 * patterns, that match no file (a negation: that re-include none) are named too, judged the same way.
 */
import { dirname, resolve, sep } from 'node:path';
import { pointerReaches, type FileSettings } from '../engine/settings';
import type { Config } from '../workspace/config';
import { adviceText, type ExcludedFolder, type IdleGlob } from '../workspace/gitignore';
import type { ParsedFile } from '../engine/model';
import type { LinkedFile } from '../engine/links';

interface Tracked {
  readonly pointer: readonly string[];
  readonly files: string[];
  reached: boolean;
}

/** Collects, file by file, whether each pointer override of a run reaches a node; then the notes. */
export class PointerOverrideTracker {
  private readonly bySource = new Map<string, Tracked>();
  private readonly seen = new Set<string>();
  private readonly projects = new WeakSet<readonly LinkedFile[]>();

  /**
   * Records a file linted or read as a sibling (`path` absolute; a path seen before is skipped). A file with a
   * syntax error counts as reached: what it holds is not known whole. Overrides without a source (set by an
   * editor) are not tracked.
   */
  add(path: string, settings: FileSettings, parsed: ParsedFile): void {
    if (this.seen.has(path)) return;
    this.seen.add(path);
    for (const override of settings.pointerOverrides) {
      if (override.source === undefined) continue;
      const key = `${override.source}\u0000${override.pointer.join('/')}`;
      let tracked = this.bySource.get(key);
      if (!tracked) this.bySource.set(key, (tracked = { pointer: override.pointer, files: [], reached: false }));
      if (tracked.reached) continue;
      tracked.files.push(path);
      if (parsed.errors.length > 0 || pointerReaches(parsed, override.pointer)) tracked.reached = true;
    }
  }

  /**
   * Records a project's files (engine/links.ts LinkedFile: absolute paths), once per list: the files of one
   * project are handed over for each of its members, and a directory tenant has thousands. `settingsFor` gives a
   * file's settings, undefined for an ignored one.
   */
  addSiblings(files: readonly LinkedFile[], settingsFor: (path: string) => FileSettings | undefined): void {
    if (this.projects.has(files)) return;
    this.projects.add(files);
    for (const file of files) {
      // A module's index is built again after each file --fix writes: its files are met again and again.
      if (this.seen.has(file.path)) continue;
      const settings = settingsFor(file.path);
      if (settings) this.add(file.path, settings, file.parsed);
    }
  }

  /**
   * One `grantlint: ...` line per override that reached nothing in any file it applies to, for config files whose
   * folder the run walked whole (`walkedWhole`, with the config file's path); `shown` gives a path as the report
   * shows paths.
   */
  notes(shown: (path: string) => string, walkedWhole: (configFile: string) => boolean): string {
    let out = '';
    for (const [key, tracked] of this.bySource) {
      if (tracked.reached) continue;
      const source = key.slice(0, key.indexOf('\u0000'));
      // workspace/config.ts writes a source as "<config file>, overrides[<i>]".
      const split = source.lastIndexOf(', overrides[');
      if (split < 0 || !walkedWhole(source.slice(0, split))) continue;
      const where = `${shown(source.slice(0, split))}${source.slice(split)}`;
      // Every file by name, up to three: "such as" one of them read as if that file were the one meant.
      const names = tracked.files.slice(0, 3).map((file) => `'${shown(file)}'`);
      const more = tracked.files.length > 3 ? ` and ${tracked.files.length - 3} more` : '';
      const files = tracked.files.length === 1 ? names[0]! : `the ${tracked.files.length} files it applies to (${names.join(', ')}${more})`;
      out += `grantlint: ${where}: pointer "${pointerText(tracked.pointer)}" matches nothing in ${files}: its rules change nothing there\n`;
    }
    return out;
  }
}

/** RFC 6901 text of a pointer's tokens (`~` and `/` escaped). */
function pointerText(pointer: readonly string[]): string {
  return pointer.map((token) => `/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * Notes for config overrides whose `files` match no file (a client renamed or deleted, a typo): such an override
 * changes nothing. Judged only for a config file whose whole folder this run walked (a folder given that holds it),
 * over the files the walk found that the config governs (the nearest config file applies); a run on some files
 * only (pre-commit) cannot tell, and says nothing.
 */
export function overridesMatchingNoFile(walked: readonly WalkedTarget[], cwd: string, configOf: (file: string) => Config, shown: (path: string) => string): string {
  let out = '';
  for (const [config, files] of judgedConfigs(walked, cwd, configOf, (config) => config.overrides.length > 0)) {
    config.overrides.forEach((override, index) => {
      if (files.some((file) => override.files.matches(file))) return;
      out += `grantlint: ${shown(config.file!)}, overrides[${index}]: "files" matches no file here: its rules change nothing\n`;
    });
  }
  return out;
}

/**
 * Notes for config `ignore` patterns that match no file (a folder renamed, a pattern written for another tool):
 * such a pattern leaves nothing out, and the files it was meant for are linted. A negation (`!`) that re-includes no
 * file (written before what it would re-include, or inside a folder left out, which git never re-includes from) is
 * named too. Judged as overridesMatchingNoFile judges overrides: for a config file whose whole folder this run
 * walked, over the files the walk found that the config governs (ignored or not).
 */
export function ignoresMatchingNoFile(walked: readonly WalkedTarget[], cwd: string, configOf: (file: string) => Config, shown: (path: string) => string): string {
  let out = '';
  for (const [config, files] of judgedConfigs(walked, cwd, configOf, (config) => config.ignore.globs.length > 0)) {
    for (const idle of config.ignore.idle(files)) out += `grantlint: ${shown(config.file!)}: "ignore" pattern ${JSON.stringify(idle.glob)} ${idleText(idle)}\n`;
  }
  return out;
}

/** What an idle `ignore` glob does not do, and why where that is known (a leading `./`, a folder left out, lines below). */
function idleText({ glob, anchored, excludedFolder, undoneBy }: IdleGlob): string {
  const what = glob.startsWith('!') ? 're-includes no JSON, YAML or Terraform file here' : 'matches no JSON, YAML or Terraform file here';
  if (excludedFolder) return `${what}: ${excludedFolderText(excludedFolder)}`;
  if (undoneBy !== undefined && undoneBy.length > 0) return `${what}: it is undone by ${undoneText(undoneBy)}`;
  const effect = glob.startsWith('!') ? 'it changes nothing' : 'it leaves nothing out';
  // git reads `./` as a folder named `.`, which no path holds; a leading `/` is how it anchors.
  if (anchored !== undefined) return `${what}: ${effect} (a leading './' never matches in git; write ${JSON.stringify(anchored)})`;
  // Spaces before a `#` make a pattern naming a file that starts with them, not a comment.
  if (/^\s+#/.test(glob)) return `${what}: ${effect} (git reads a line as a comment only when '#' is its first character)`;
  return `${what}: ${effect}`;
}

/** The lines below a negation that leave out again what it re-includes, with their line numbers in "ignore". */
function undoneText(lines: readonly { readonly glob: string; readonly line: number }[]): string {
  const each = lines.map(({ glob, line }) => `${JSON.stringify(glob)} on line ${line}`);
  return `${each.length > 1 ? `${each.slice(0, -1).join(', ')} and ${each.at(-1)!}` : each[0]!} of "ignore"`;
}

/**
 * Why a negation cannot re-include what is inside `folder`, and the lines to write just above it where a short list
 * lets it work (taking as written those suggested for the negation `after`, where there is one); where none does, it
 * says so rather than name lines that would leave out or keep other files.
 */
export function excludedFolderText({ folder, by, instead, after }: ExcludedFolder): string {
  const why = `its folder '${folder}' is excluded by ${JSON.stringify(by)}, and git does not look inside an excluded folder`;
  const first = after === undefined ? '' : `with the lines suggested for ${JSON.stringify(after)} written, `;
  if (instead !== undefined && instead.length === 0 && after !== undefined) return `${why}; the lines suggested for ${JSON.stringify(after)} let it work too`;
  const advice = instead && adviceText(instead);
  if (advice !== undefined) return `${why}; ${first}${advice}`;
  return `${why}; no short list of lines written above the negation makes it work`;
}

/**
 * The config files (with `wanted` settings) whose whole folder the run walked, each with the files the walks of
 * folders found that it governs (the nearest config file applies), in the order first met.
 */
function judgedConfigs(walked: readonly WalkedTarget[], cwd: string, configOf: (file: string) => Config, wanted: (config: Config) => boolean): Map<Config, string[]> {
  const walkedWhole = folderWalked(walked, cwd);
  const byConfig = new Map<Config, string[]>();
  for (const { folder, files } of walked) {
    if (!folder) continue;
    for (const file of files) {
      const config = configOf(file);
      if (config.file === undefined || !wanted(config)) continue;
      const list = byConfig.get(config) ?? [];
      list.push(file);
      byConfig.set(config, list);
    }
  }
  for (const config of [...byConfig.keys()]) if (!walkedWhole(config.file!)) byConfig.delete(config);
  return byConfig;
}

/** A target of the run as workspace/walk.ts expands it. */
interface WalkedTarget {
  readonly target: string;
  readonly folder: boolean;
  readonly files: readonly string[];
}

/** Whether the run walked the whole folder of a config file (a folder given holds it): its overrides can be judged. */
export function folderWalked(walked: readonly WalkedTarget[], cwd: string): (configFile: string) => boolean {
  const folders = walked.filter((w) => w.folder).map((w) => resolve(cwd, w.target));
  return (configFile) => {
    const dir = dirname(configFile);
    return folders.some((folder) => dir === folder || dir.startsWith(folder.endsWith(sep) ? folder : folder + sep));
  };
}
