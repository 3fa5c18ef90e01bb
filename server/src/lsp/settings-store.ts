/**
 * Client settings, pulled with workspace/configuration per workspace folder and cached until the client says
 * they changed. Clients that cannot be asked push them in didChangeConfiguration instead.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { ClientSettings } from '../workspace/index';
import { DEFAULT_CLIENT_SETTINGS, readClientSettings } from '../workspace/index';
import { describeError, type Logger } from './safe';

export class SettingsStore {
  private readonly cache = new Map<string, Promise<ClientSettings>>();
  private pushed: unknown;
  private canPull = false;

  constructor(
    private readonly connection: Connection,
    private readonly logger: Logger,
  ) {}

  setCanPull(canPull: boolean): void {
    this.canPull = canPull;
  }

  /** Settings pushed in didChangeConfiguration (the whole settings object, `grantlint` inside it). */
  setPushed(settings: unknown): void {
    this.pushed = settings;
    this.cache.clear();
  }

  clear(): void {
    this.cache.clear();
  }

  /** The settings for a workspace folder (undefined: files outside every folder). */
  get(folderUri: string | undefined): Promise<ClientSettings> {
    const key = folderUri ?? '';
    let settings = this.cache.get(key);
    if (!settings) {
      settings = this.fetch(folderUri);
      this.cache.set(key, settings);
    }
    return settings;
  }

  private async fetch(folderUri: string | undefined): Promise<ClientSettings> {
    const warn = (message: string) => this.logger.warn(message);
    if (!this.canPull) {
      const pushed = isRecord(this.pushed) ? this.pushed['grantlint'] : undefined;
      return readClientSettings(pushed, warn);
    }
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration(
        folderUri === undefined ? { section: 'grantlint' } : { scopeUri: folderUri, section: 'grantlint' },
      );
      return readClientSettings(raw, warn);
    } catch (error) {
      this.logger.warn(`Could not read the grantlint settings; using the defaults. ${describeError(error)}`);
      return DEFAULT_CLIENT_SETTINGS;
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
