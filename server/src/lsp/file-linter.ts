/**
 * Decides whether a file is checked and with which settings (editor settings over the nearest config file,
 * as the CLI's --rule sits over it), then runs the analysis. Open and closed files go through here alike, so a
 * file gives the same findings either way and the same as the CLI.
 */
import { basename } from 'node:path';
import type { FileSettings } from '../engine/index';
import { SKIPPED_FOLDERS, skippedFolderIn } from '../workspace/file-kinds';
import { CONFIG_FILE_NAME, defaultConfig, editorExtras, resolveFileSettings, settingsFor, takesFile } from '../workspace/index';
import type { Analysis } from '../service/analysis';
import { analyze, type AnalyzeInput, type DocumentAnalyzer } from '../service/analysis';
import type { ClientSettings, ConfigStore } from '../workspace/index';
import type { Folder, Folders } from './folders';
import { relativeInside } from './folders';
import type { SettingsStore } from './settings-store';
import { lintPathOf, uriToPath } from './uri';
import { ProjectLinker } from '../workspace/project-linker';

export type Plan =
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'config-file'; readonly path: string }
  | { readonly kind: 'lint'; readonly path: string; readonly settings: FileSettings; readonly client: ClientSettings };

export class FileLinter {
  /** Called with every file linted and whether it holds Auth0 clients (the status the editor shows). */
  onChecked: (path: string, isClientConfig: boolean) => void = () => {};

  private readonly linker: ProjectLinker;

  constructor(
    private readonly folders: Folders,
    private readonly settings: SettingsStore,
    readonly configs: ConfigStore,
    /** Where a sibling that cannot be read for links is reported (the server's log). */
    onLinkProblem: (line: string) => void = () => {},
  ) {
    this.linker = new ProjectLinker(onLinkProblem);
  }

  /** A document closed: its siblings are read from disk again. */
  documentClosed(path: string): void {
    this.linker.closed(path);
  }

  /** An open document's text changed (or it opened): other files' links read it instead of the disk. */
  documentText(path: string, text: string): void {
    this.linker.documentText(path, text);
  }

  /** Files changed on disk: their projects are read again for links. */
  changedOnDisk(paths: readonly string[]): void {
    for (const path of paths) this.linker.changedOnDisk(path);
  }

  async plan(uri: string): Promise<Plan> {
    const filePath = uriToPath(uri);
    const folder = this.folders.folderOf(filePath);
    const client = await this.settings.get(folder?.uri);
    return this.planWith(uri, folder, client);
  }

  planWith(uri: string, folder: Folder | undefined, client: ClientSettings): Plan {
    if (!client.enable) return { kind: 'skip', reason: 'grantlint.enable is off' };
    const filePath = uriToPath(uri);
    const path = lintPathOf(uri);
    // Downloaded modules, installed packages and Git's data are other people's files: never linted or fixed on save.
    const rel = filePath && folder ? relativeInside(folder.path, filePath) : undefined;
    const skippedFolder = filePath && skippedFolderIn(rel ?? filePath);
    if (skippedFolder) return { kind: 'skip', reason: `it is inside ${skippedFolder}/, a folder Grantlint does not check (${[...SKIPPED_FOLDERS].join(', ')}): no diagnostics, fixes or fix on save` };
    if (filePath && basename(filePath) === CONFIG_FILE_NAME) return { kind: 'config-file', path: filePath };
    if (filePath && folder) {
      if (rel !== undefined && !takesFile(client, rel)) return { kind: 'skip', reason: 'excluded by settings' };
    }
    // Without a file there is no folder to find a config file from.
    if (!filePath) return { kind: 'lint', path, settings: settingsFor(defaultConfig(''), path, editorExtras(client)), client };
    const settings = resolveFileSettings(this.configs.configFor(filePath), filePath, editorExtras(client));
    if (!settings) return { kind: 'skip', reason: 'ignored by the config file' };
    return { kind: 'lint', path: filePath, settings, client };
  }

  /**
   * Lints a text; an open document passes its analyzer so edits are re-linted one client at a time. The file's
   * module or deploy-cli directory is read for links as the lint worker reads it, so hover and code actions see
   * the findings the diagnostics show.
   */
  analyze(input: AnalyzeInput, analyzer?: DocumentAnalyzer): Analysis | undefined {
    const links = this.linker.linksFor(input.path, input.text, analyzer !== undefined, input.maxFileSize);
    // The project has just parsed the file when it read it for links (a large .tf file): that parse is reused.
    const parsed = links && this.linker.parsedOf(input.path);
    const linked = links ? { ...input, links, ...(parsed ? { parsed } : {}) } : input;
    const analysis = analyzer ? analyzer.analyze(linked) : analyze(linked);
    this.onChecked(input.path, analysis?.result.isClientConfig === true);
    return analysis;
  }
}
