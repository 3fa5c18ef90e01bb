/**
 * `.grantlintrc.json` (JSON with comments), found by walking up from the linted file. Only ever parsed as data:
 * nothing from the workspace is executed.
 */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FileSettings, PointerOverride, SeveritySetting } from '../engine/index';
import { ConfigError } from './config-error';
import { readConfigText } from './config-read';
import { gitignoreList, type GitignoreList } from './gitignore';
import { NotRegularFileError, readClientFile } from './read-file';

/** The config file's name, looked for in the linted file's folder and each folder above it. */
export const CONFIG_FILE_NAME = '.grantlintrc.json';

interface Override {
  /** Its `files`, read as the lines of one .gitignore in the config's folder: the files it applies to. */
  readonly files: GitignoreList;
  readonly pointer: readonly string[] | undefined;
  readonly rules: ReadonlyMap<string, SeveritySetting>;
  /** Where it is written, e.g. "/w/.grantlintrc.json, overrides[0]" (explains a severity in a hover). */
  readonly source: string;
}

/** A parsed config file (or the defaults): its rules, legacy flag, ignore globs and overrides, globs matching absolute paths. */
export interface Config {
  /** The config file, or undefined for the built-in defaults. */
  readonly file: string | undefined;
  readonly dir: string;
  readonly rules: ReadonlyMap<string, SeveritySetting>;
  readonly legacyTenant: boolean | undefined;
  /** The `ignore` globs, read as the lines of a .gitignore in the config's folder (the CLI names one that changes nothing). */
  readonly ignore: GitignoreList;
  readonly overrides: readonly Override[];
}

/**
 * Parses and validates a config file's text. Errors: ConfigError naming the file, with every problem found, each
 * placed on the key or value at fault (see readConfigText).
 */
export function parseConfig(text: string, file: string): Config {
  const read = readConfigText(text, file);
  const dir = dirname(file);
  return {
    file,
    dir,
    rules: read.rules,
    legacyTenant: read.legacyTenant,
    ignore: gitignoreList(read.ignore, dir),
    overrides: read.overrides.map((override) => ({
      files: gitignoreList(override.files, dir),
      pointer: override.pointer,
      rules: override.rules,
      source: `${file}, overrides[${override.index}]`,
    })),
  };
}

function isIgnored(config: Config, path: string): boolean {
  return config.ignore.matches(resolve(path));
}

/** Severities and the legacy flag set outside config files, applied over them. */
export interface SettingsExtras {
  /** Applied after the file's config (e.g. the CLI's --rule, an editor's settings). */
  readonly rules?: ReadonlyMap<string, SeveritySetting>;
  readonly legacyTenant?: boolean;
  /** Where `rules` were set, as a user would name it (e.g. "the editor's grantlint.rules setting"). */
  readonly source?: string;
}

/**
 * The settings a file is linted with under `config` and `extras` (the CLI's `--rule`, the editor's settings), or
 * undefined when the config's `ignore` globs leave the file out. `path` is absolute or relative to the process.
 */
export function resolveFileSettings(config: Config, path: string, extras: SettingsExtras = {}): FileSettings | undefined {
  return isIgnored(config, path) ? undefined : settingsFor(config, path, extras);
}

/** What the config means for one file. */
export function settingsFor(config: Config, path: string, extras: SettingsExtras = {}): FileSettings {
  const absolute = config.overrides.length > 0 ? resolve(path) : path;
  const matched = config.overrides.filter((override) => override.files.matches(absolute));
  // The files no override names share one settings object per config and extras (a run may check thousands).
  const shared = matched.length === 0 && extras.legacyTenant === undefined;
  const kept = shared ? sharedSettings.get(config) : undefined;
  if (kept && kept.extraRules === extras.rules) return kept.settings;
  const rules = new Map(config.rules);
  // Where each rule's setting comes from, so a hover can say which file (or setting) turned a rule off.
  const ruleSources = new Map<string, string>();
  if (config.file !== undefined) for (const id of config.rules.keys()) ruleSources.set(id, config.file);
  const pointerOverrides: PointerOverride[] = [];
  for (const override of matched) {
    if (override.pointer) pointerOverrides.push({ pointer: override.pointer, rules: override.rules, source: override.source });
    else for (const [id, setting] of override.rules) setRule(rules, ruleSources, id, setting, override.source);
  }
  for (const [id, setting] of extras.rules ?? []) setRule(rules, ruleSources, id, setting, extras.source);
  const settings: FileSettings = { legacyTenant: extras.legacyTenant ?? config.legacyTenant ?? false, rules, pointerOverrides, ruleSources };
  if (shared) sharedSettings.set(config, { extraRules: extras.rules, settings });
  return settings;
}

function setRule(rules: Map<string, SeveritySetting>, sources: Map<string, string>, id: string, setting: SeveritySetting, source: string | undefined): void {
  rules.set(id, setting);
  if (source === undefined) sources.delete(id);
  else sources.set(id, source);
}

/** settingsFor's answer for files no override of the config names, by config (see settingsFor). */
const sharedSettings = new WeakMap<Config, { readonly extraRules: SettingsExtras['rules']; readonly settings: FileSettings }>();

/** The configuration when no config file applies: nothing set, nothing ignored. `dir` is where globs would be relative to. */
export function defaultConfig(dir: string): Config {
  return { file: undefined, dir, rules: new Map(), legacyTenant: undefined, ignore: gitignoreList([], dir), overrides: [] };
}

/**
 * Reads and parses a config file. Only a regular file is read (workspace/read-file.ts): a FIFO, `/dev/zero` or a
 * folder is refused at once, also when the path is swapped after a check. Errors: ConfigError naming the file.
 */
export function loadConfigFile(file: string): Config {
  let text: string;
  try {
    text = readClientFile(file).text;
  } catch (error) {
    if (error instanceof NotRegularFileError) throw new ConfigError(file, `the config file is ${error.kind}, not a regular file`);
    throw new ConfigError(file, `cannot read the config file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseConfig(text, resolve(file));
}

/**
 * Resolves the config a file is linted with: the nearest `.grantlintrc.json` above it (cached per folder), or,
 * given `fixedConfigFile` (the CLI's `--config`), that one file for every path. Errors: ConfigError from
 * `config` when the file it needs is broken or unreadable.
 */
export class ConfigFinder {
  private readonly byDir = new Map<string, Config>();
  private fixed: Config | undefined;

  constructor(private readonly fixedConfigFile?: string) {}

  config(path: string): Config {
    if (this.fixedConfigFile !== undefined) return (this.fixed ??= loadConfigFile(this.fixedConfigFile));
    return this.forDir(dirname(resolve(path)));
  }

  clear(): void {
    this.byDir.clear();
    this.fixed = undefined;
  }

  private forDir(dir: string): Config {
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    const candidate = join(dir, CONFIG_FILE_NAME);
    let config: Config;
    if (isFile(candidate)) config = loadConfigFile(candidate);
    else {
      const parent = dirname(dir);
      config = parent === dir ? defaultConfig(dir) : this.forDir(parent);
    }
    this.byDir.set(dir, config);
    return config;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
