/**
 * Shows each broken `.grantlintrc.json`'s error on the file itself. An open config file shows the problems of
 * its unsaved text instead (see open-documents.ts), so it is left alone here until it closes.
 */
import { existsSync } from 'node:fs';
import type { Connection } from 'vscode-languageserver/node';
import { ConfigError, loadConfigFile } from '../workspace/index';
import { configProblem } from '../service/config-errors';
import type { ConfigStore } from '../workspace/index';
import { stripFile } from '../workspace/index';
import { configDiagnostic } from './diagnostics';
import { pathToUri } from './uri';

export class ConfigProblems {
  /** Config files whose error is on show, with the message shown. */
  private readonly shown = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly configs: ConfigStore,
    private readonly isOpen: (path: string) => boolean,
  ) {}

  /**
   * Shows the errors met while loading configs, and clears those fixed since. A shown error is cleared only once
   * the file itself reads fine (or is gone): the store forgets its errors whenever configs reload, which says
   * nothing about the file.
   */
  refresh(): void {
    const broken = this.configs.brokenFiles;
    for (const [file, message] of broken) {
      if (this.shown.get(file) !== message && !this.isOpen(file)) this.show(file, message);
    }
    for (const file of [...this.shown.keys()]) {
      if (broken.has(file)) continue;
      const problem = problemOnDisk(file);
      if (problem === undefined) this.clear(file);
      else if (problem !== this.shown.get(file)) this.show(file, problem);
    }
  }

  /** A config file's editor closed: show what is on disk again. */
  documentClosed(file: string): void {
    const problem = problemOnDisk(file);
    if (problem === undefined) this.clear(file, true);
    else this.show(file, problem);
  }

  private show(file: string, message: string): void {
    this.shown.set(file, message);
    void this.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: [configDiagnostic(configProblem(message))] });
  }

  private clear(file: string, always = false): void {
    if (!this.shown.delete(file) && !always) return;
    if (!this.isOpen(file)) void this.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: [] });
  }
}

/** The config file's problem, or undefined when it reads fine or no longer exists. */
function problemOnDisk(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    loadConfigFile(file);
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return stripFile(error);
    throw error;
  }
}
