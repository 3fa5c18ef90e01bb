/**
 * The workspace layer: everything between the file system and the engine, shared by the CLI and the language
 * server. Finding files (walk, globs, skipped folders, links), reading them under one file policy (regular files
 * only, sized before reading), and resolving the configuration a file is linted with (`.grantlintrc.json`,
 * `--config`, `--rule`, the editor's settings). The engine below it never touches the file system; the CLI and
 * the server above it never walk or read client files themselves.
 */
export { expandTargets, isSymbolicLink, listDirectory, realPathOf, UsageError, walkTree } from './walk';
export type { DirectoryListing, Expanded, WalkEntry, WalkOptions } from './walk';
export { NotRegularFileError, readClientFile, TOO_LARGE_PREFIX } from './read-file';
export type { FilePolicy, ReadFile } from './read-file';
export { CONFIG_FILE_NAME, ConfigFinder, defaultConfig, loadConfigFile, parseConfig, resolveFileSettings, settingsFor } from './config';
export type { Config, SettingsExtras } from './config';
export { ConfigError, issueText } from './config-error';
export type { ConfigIssue } from './config-error';
export { ConfigStore } from './config-store';
export { DEFAULT_CLIENT_SETTINGS, editorExtras, readClientSettings } from './editor-settings';
export type { ClientSettings, WorkspaceScanSettings } from './editor-settings';
export { excludesFolder, includesFile, inScanScope, takesFile } from './editor-scope';
