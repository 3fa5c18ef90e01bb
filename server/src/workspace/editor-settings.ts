/**
 * The editor settings under `grantlint`, read defensively: the values come from user JSON, so anything
 * malformed falls back to its default with a warning instead of failing.
 */
import type { SeveritySetting } from '../engine/index';
import type { SettingsExtras } from './config';
import { DEFAULT_MAX_FILE_SIZE, ruleById, SEVERITIES } from '../engine/index';

/** `grantlint.workspaceScan`: whether closed files are checked, and at most how many per folder. */
export interface WorkspaceScanSettings {
  readonly enabled: boolean;
  readonly maxFiles: number;
}

/** The editor's `grantlint.*` settings for one workspace folder, validated. */
export interface ClientSettings {
  readonly enable: boolean;
  /** Applied on top of the config file, like the CLI's --rule. */
  readonly rules: ReadonlyMap<string, SeveritySetting>;
  /** undefined: the config file decides. */
  readonly legacyTenant: boolean | undefined;
  /** Globs relative to the workspace folder. */
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly workspaceScan: WorkspaceScanSettings;
  /** Files larger than this many bytes are skipped with one finding. */
  readonly maxFileSize: number;
  /** Whether open JSON documents show syntax errors too (by default the editor's JSON support shows them). */
  readonly reportJsonSyntaxErrors: boolean;
}

const DEFAULT_INCLUDE: readonly string[] = ['**/*.json', '**/*.jsonc', '**/*.yaml', '**/*.yml', '**/*.tf'];
/**
 * Enough for a deploy-cli directory of 10,000 clients and 10,000 grants beside the rest of a repository; the
 * server's memory after scanning 5,000 clients and 5,000 grants is in README ("Workspace scan").
 */
const DEFAULT_MAX_FILES = 25_000;

/** The settings' defaults, as package.json declares them (and used when the editor sends none). */
export const DEFAULT_CLIENT_SETTINGS: ClientSettings = {
  enable: true,
  rules: new Map(),
  legacyTenant: undefined,
  include: DEFAULT_INCLUDE,
  exclude: [],
  workspaceScan: { enabled: true, maxFiles: DEFAULT_MAX_FILES },
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
  reportJsonSyntaxErrors: false,
};

const SETTING_WORDS = new Set<string>([...SEVERITIES, 'off']);

/**
 * Reads the `grantlint` settings object an editor sends (any JSON). A malformed value falls back to its default
 * and `warn` is called with one line naming the setting; never throws.
 */
export function readClientSettings(raw: unknown, warn: (message: string) => void = () => {}): ClientSettings {
  if (!isRecord(raw)) return DEFAULT_CLIENT_SETTINGS;
  return {
    enable: typeof raw['enable'] === 'boolean' ? raw['enable'] : true,
    rules: readRules(raw['rules'], warn),
    legacyTenant: typeof raw['legacyTenant'] === 'boolean' ? raw['legacyTenant'] : undefined,
    include: readGlobs(raw['include'], DEFAULT_INCLUDE, 'include', warn),
    exclude: readGlobs(raw['exclude'], [], 'exclude', warn),
    workspaceScan: readScan(raw['workspaceScan']),
    maxFileSize: readSize(raw['maxFileSize'], warn),
    reportJsonSyntaxErrors: raw['reportJsonSyntaxErrors'] === true,
  };
}

function readRules(value: unknown, warn: (message: string) => void): Map<string, SeveritySetting> {
  const rules = new Map<string, SeveritySetting>();
  if (value === undefined || value === null) return rules;
  if (!isRecord(value)) {
    warn('grantlint.rules must be an object of rule id to severity; ignored.');
    return rules;
  }
  for (const [id, setting] of Object.entries(value)) {
    if (!ruleById(id)) warn(`grantlint.rules: unknown rule id '${id}'; ignored.`);
    else if (typeof setting !== 'string' || !SETTING_WORDS.has(setting)) {
      warn(`grantlint.rules.${id} must be one of off, hint, information, warning, error; ignored.`);
    } else rules.set(id, setting as SeveritySetting);
  }
  return rules;
}

function readGlobs(value: unknown, fallback: readonly string[], name: string, warn: (message: string) => void): readonly string[] {
  if (value === undefined || value === null) return fallback;
  if (Array.isArray(value) && value.every((g): g is string => typeof g === 'string')) return value;
  warn(`grantlint.${name} must be a list of globs; using the default.`);
  return fallback;
}

function readSize(value: unknown, warn: (message: string) => void): number {
  if (value === undefined || value === null) return DEFAULT_MAX_FILE_SIZE;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.floor(value);
  warn('grantlint.maxFileSize must be a positive number of bytes; using the default.');
  return DEFAULT_MAX_FILE_SIZE;
}

function readScan(value: unknown): WorkspaceScanSettings {
  if (typeof value === 'boolean') return { enabled: value, maxFiles: DEFAULT_MAX_FILES };
  if (!isRecord(value)) return DEFAULT_CLIENT_SETTINGS.workspaceScan;
  const max = value['maxFiles'];
  return {
    enabled: typeof value['enabled'] === 'boolean' ? value['enabled'] : true,
    maxFiles: typeof max === 'number' && Number.isFinite(max) && max >= 0 ? Math.floor(max) : DEFAULT_MAX_FILES,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What the editor's settings add on top of a file's config (as the CLI's `--rule` does): rules and legacyTenant. */
export function editorExtras(client: ClientSettings): SettingsExtras {
  const source = "the editor's grantlint.rules setting";
  return client.legacyTenant === undefined ? { rules: client.rules, source } : { rules: client.rules, legacyTenant: client.legacyTenant, source };
}
