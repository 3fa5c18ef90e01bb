/**
 * Shows each broken `.grantlintrc.json`'s problems on the file itself, each on the key or value at fault. An open
 * config file shows the problems of its unsaved text instead (see open-documents.ts), so it is left alone here
 * until it closes.
 */
import { existsSync } from 'node:fs';
import type { Connection } from 'vscode-languageserver/node';
import { ConfigError, loadConfigFile } from '../workspace/index';
import { configProblems } from '../service/config-errors';
import type { ConfigIssue, ConfigStore } from '../workspace/index';
import { configDiagnostic } from './diagnostics';
import { pathToUri } from './uri';

export class ConfigProblems {
  /** Config files whose problems are on show, with what is shown (issuesKey). */
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
    for (const [file, issues] of broken) {
      if (this.shown.get(file) !== issuesKey(issues) && !this.isOpen(file)) this.show(file, issues);
    }
    for (const file of [...this.shown.keys()]) {
      if (broken.has(file)) continue;
      const problem = problemOnDisk(file);
      if (problem === undefined) this.clear(file);
      else if (issuesKey(problem) !== this.shown.get(file)) this.show(file, problem);
    }
  }

  /** A config file's editor closed: show what is on disk again. */
  documentClosed(file: string): void {
    const problem = problemOnDisk(file);
    if (problem === undefined) this.clear(file, true);
    else this.show(file, problem);
  }

  private show(file: string, issues: readonly ConfigIssue[]): void {
    this.shown.set(file, issuesKey(issues));
    void this.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: configProblems(issues).map(configDiagnostic) });
  }

  private clear(file: string, always = false): void {
    if (!this.shown.delete(file) && !always) return;
    if (!this.isOpen(file)) void this.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: [] });
  }
}

/** What a file's problems look like on show: their messages and places (a moved key is shown again). */
function issuesKey(issues: readonly ConfigIssue[]): string {
  return JSON.stringify(issues);
}

/** The config file's problems, or undefined when it reads fine or no longer exists. */
function problemOnDisk(file: string): readonly ConfigIssue[] | undefined {
  if (!existsSync(file)) return undefined;
  try {
    loadConfigFile(file);
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
}
