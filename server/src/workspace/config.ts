/**
 * `.grantlintrc.json` (JSON with comments), found by walking up from the linted file. Only ever parsed as data:
 * nothing from the workspace is executed.
 */
import { statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError as JsoncError } from 'jsonc-parser';
import picomatch from 'picomatch';
import type { FileSettings, PointerOverride, SeveritySetting } from '../engine/index';
import { ALL_RULES, LineIndex, parsePointer, ruleById, SEVERITIES } from '../engine/index';
import { didYouMean } from './did-you-mean';
import { NotRegularFileError, readClientFile } from './read-file';

/** The config file's name, looked for in the linted file's folder and each folder above it. */
export const CONFIG_FILE_NAME = '.grantlintrc.json';

/** A config file that cannot be read or is not valid; the message starts with the file's path. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

interface Override {
  readonly matchers: readonly ((path: string) => boolean)[];
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
  readonly ignore: readonly ((path: string) => boolean)[];
  readonly overrides: readonly Override[];
}

const TOP_KEYS = new Set(['$schema', 'rules', 'legacyTenant', 'ignore', 'overrides']);
const OVERRIDE_KEYS = new Set(['files', 'pointer', 'rules']);
const SETTINGS = new Set<string>([...SEVERITIES, 'off']);

/** Parses and validates a config file's text; throws ConfigError naming the file and the key at fault. */
export function parseConfig(text: string, file: string): Config {
  const errors: JsoncError[] = [];
  const data: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    const first = errors[0]!;
    const at = new LineIndex(text).positionAt(first.offset);
    throw new ConfigError(file, `${at.line + 1}:${at.character + 1}: JSON syntax error (${printParseErrorCode(first.error)})`);
  }
  if (!isRecord(data)) throw new ConfigError(file, 'the config must be a JSON object');
  for (const key of Object.keys(data)) {
    if (!TOP_KEYS.has(key)) throw new ConfigError(file, `unknown key '${key}' (expected rules, legacyTenant, ignore or overrides)`);
  }
  const dir = dirname(file);
  const legacyTenant = data['legacyTenant'];
  if (legacyTenant !== undefined && typeof legacyTenant !== 'boolean') throw new ConfigError(file, `'legacyTenant' must be true or false`);
  return {
    file,
    dir,
    rules: readRules(data['rules'], file, 'rules'),
    legacyTenant,
    ignore: readGlobs(data['ignore'], file, 'ignore').map((glob) => matcher(glob, dir)),
    overrides: readOverrides(data['overrides'], file, dir),
  };
}

function readRules(value: unknown, file: string, where: string): Map<string, SeveritySetting> {
  const rules = new Map<string, SeveritySetting>();
  if (value === undefined) return rules;
  if (!isRecord(value)) throw new ConfigError(file, `'${where}' must be an object of rule id to severity`);
  for (const [id, setting] of Object.entries(value)) {
    if (!ruleById(id)) throw new ConfigError(file, `unknown rule id '${id}' in '${where}'${didYouMean(id, ALL_RULES.map((rule) => rule.id))}`);
    if (typeof setting !== 'string' || !SETTINGS.has(setting)) {
      throw new ConfigError(file, `'${where}.${id}' must be one of off, hint, information, warning, error`);
    }
    rules.set(id, setting as SeveritySetting);
  }
  return rules;
}

function readGlobs(value: unknown, file: string, where: string): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((g): g is string => typeof g === 'string')) {
    throw new ConfigError(file, `'${where}' must be a glob or a list of globs`);
  }
  return list;
}

function readOverrides(value: unknown, file: string, dir: string): Override[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ConfigError(file, `'overrides' must be a list`);
  return value.map((entry: unknown, index) => {
    const where = `overrides[${index}]`;
    if (!isRecord(entry)) throw new ConfigError(file, `'${where}' must be an object`);
    for (const key of Object.keys(entry)) {
      if (!OVERRIDE_KEYS.has(key)) throw new ConfigError(file, `unknown key '${key}' in '${where}' (expected files, pointer or rules)`);
    }
    if (entry['files'] === undefined) throw new ConfigError(file, `'${where}.files' is required`);
    const pointerText = entry['pointer'];
    let pointer: string[] | undefined;
    if (pointerText !== undefined) {
      pointer = typeof pointerText === 'string' ? parsePointer(pointerText) : undefined;
      if (!pointer) throw new ConfigError(file, `'${where}.pointer' must be a JSON pointer such as "/clients/0"`);
    }
    return {
      matchers: readGlobs(entry['files'], file, `${where}.files`).map((glob) => matcher(glob, dir)),
      pointer,
      rules: readRules(entry['rules'], file, `${where}.rules`),
      source: `${file}, ${where}`,
    };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A glob relative to the config's folder; a glob without a slash matches at any depth, as in .gitignore. */
function matcher(glob: string, dir: string): (path: string) => boolean {
  const pattern = glob.includes('/') ? glob.replace(/^\.\//, '') : `**/${glob}`;
  const isMatch = picomatch(pattern, { dot: true });
  return (path: string) => {
    const rel = relative(dir, path).split(sep).join('/');
    if (rel.startsWith('..')) return false;
    return isMatch(rel) || isMatch(`${rel}/`);
  };
}

function isIgnored(config: Config, path: string): boolean {
  const absolute = resolve(path);
  return config.ignore.some((m) => m(absolute));
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
  const matched = config.overrides.filter((override) => override.matchers.some((m) => m(absolute)));
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
  return { file: undefined, dir, rules: new Map(), legacyTenant: undefined, ignore: [], overrides: [] };
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
