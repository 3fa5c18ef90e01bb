/**
 * Decides whether a file is checked and with which settings (editor settings over the nearest config file,
 * as the CLI's --rule sits over it), then runs the analysis. Open and closed files go through here alike, so a
 * file gives the same findings either way and the same as the CLI.
 */
import { basename } from 'node:path';
import type { FileSettings } from '../engine/index';
import { CONFIG_FILE_NAME, defaultConfig, editorExtras, resolveFileSettings, settingsFor, takesFile } from '../workspace/index';
import type { Analysis } from '../service/analysis';
import { analyze, type AnalyzeInput, type DocumentAnalyzer } from '../service/analysis';
import type { ClientSettings, ConfigStore } from '../workspace/index';
import type { Folder, Folders } from './folders';
import { relativeInside } from './folders';
import type { SettingsStore } from './settings-store';
import { lintPathOf, uriToPath } from './uri';

export type Plan =
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'config-file'; readonly path: string }
  | { readonly kind: 'lint'; readonly path: string; readonly settings: FileSettings; readonly client: ClientSettings };

export class FileLinter {
  /** Called with every file linted and whether it holds Auth0 clients (the status the editor shows). */
  onChecked: (path: string, isClientConfig: boolean) => void = () => {};

  constructor(
    private readonly folders: Folders,
    private readonly settings: SettingsStore,
    readonly configs: ConfigStore,
  ) {}

  async plan(uri: string): Promise<Plan> {
    const filePath = uriToPath(uri);
    const folder = this.folders.folderOf(filePath);
    const client = await this.settings.get(folder?.uri);
    return this.planWith(uri, folder, client);
  }

  planWith(uri: string, folder: Folder | undefined, client: ClientSettings): Plan {
    if (!client.enable) return { kind: 'skip', reason: 'disabled' };
    const filePath = uriToPath(uri);
    const path = lintPathOf(uri);
    if (filePath && basename(filePath) === CONFIG_FILE_NAME) return { kind: 'config-file', path: filePath };
    if (filePath && folder) {
      const rel = relativeInside(folder.path, filePath);
      if (rel !== undefined && !takesFile(client, rel)) return { kind: 'skip', reason: 'excluded by settings' };
    }
    // Without a file there is no folder to find a config file from.
    if (!filePath) return { kind: 'lint', path, settings: settingsFor(defaultConfig(''), path, editorExtras(client)), client };
    const settings = resolveFileSettings(this.configs.configFor(filePath), filePath, editorExtras(client));
    if (!settings) return { kind: 'skip', reason: 'ignored by the config file' };
    return { kind: 'lint', path: filePath, settings, client };
  }

  /** Lints a text; an open document passes its analyzer so edits are re-linted one client at a time. */
  analyze(input: AnalyzeInput, analyzer?: DocumentAnalyzer): Analysis | undefined {
    const analysis = analyzer ? analyzer.analyze(input) : analyze(input);
    this.onChecked(input.path, analysis?.result.isClientConfig === true);
    return analysis;
  }
}
