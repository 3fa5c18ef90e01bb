/**
 * `.grantlintrc.json` files, found by walking up from each linted file. A broken one never stops linting: the
 * files under it fall back to the defaults, and the error is kept so it can be shown on the config file.
 */
import { dirname, resolve } from 'node:path';
import type { Config } from './config';
import { ConfigFinder, defaultConfig } from './config';
import { ConfigError, type ConfigIssue } from './config-error';

/**
 * The server's config files: `configFor(path)` is the config a file is linted with (ConfigFinder, cached). A
 * broken config file never throws here: the files under it get the defaults, and its problems are kept in
 * `brokenFiles` (config file path → its ConfigError's issues) to be shown on it.
 */
export class ConfigStore {
  private readonly finder = new ConfigFinder();
  private readonly fallbacks = new Map<string, Config>();
  /** Broken config files and their problems. */
  private readonly errors = new Map<string, readonly ConfigIssue[]>();

  configFor(path: string): Config {
    const dir = dirname(resolve(path));
    const fallback = this.fallbacks.get(dir);
    if (fallback) return fallback;
    try {
      return this.finder.config(path);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.errors.set(error.file, error.issues);
      const config = defaultConfig(dir);
      this.fallbacks.set(dir, config);
      return config;
    }
  }

  /** Forgets every config read, e.g. after a config file changed on disk. */
  clear(): void {
    this.finder.clear();
    this.fallbacks.clear();
    this.errors.clear();
  }

  get brokenFiles(): ReadonlyMap<string, readonly ConfigIssue[]> {
    return this.errors;
  }
}
