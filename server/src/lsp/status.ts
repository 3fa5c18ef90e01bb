/**
 * What the server tells the editor about itself: which files it checked and how many hold Auth0 clients, as the
 * `grantlint/status` notification (VS Code shows it in a language status item; other editors may ignore it).
 */
import type { Connection } from 'vscode-languageserver/node';
import packageJson from '../../../package.json';
import type { ScanStop } from './closed-files';

const STATUS_NOTIFICATION = 'grantlint/status';
export const SERVER_VERSION: string = packageJson.version;

/** The `grantlint/status` notification's parameters. */
export interface StatusParams {
  readonly version: string;
  /** Files (open or on disk) the server has linted and not seen deleted since. */
  readonly filesChecked: number;
  /** How many of them hold Auth0 clients. */
  readonly clientConfigs: number;
  /** Workspace folders whose last scan stopped at grantlint.workspaceScan.maxFiles (empty: all checked whole). */
  readonly scanStopped: readonly ScanStop[];
}

/** Files checked and how many of them hold Auth0 clients. */
export interface CheckedCounts {
  files: number;
  clientConfigs: number;
}

/** Pause after a change before the status is sent again, so a workspace scan sends one notification. */
const SEND_DELAY_MS = 200;

export class CheckedFiles {
  private readonly byPath = new Map<string, boolean>();
  private timer: NodeJS.Timeout | undefined;
  private lastSent = '';
  private stops: readonly ScanStop[] = [];

  constructor(private readonly connection: Connection) {}

  /** A file was linted; `isClientConfig` says whether it holds Auth0 clients. */
  record(path: string, isClientConfig: boolean): void {
    if (this.byPath.get(path) === isClientConfig) return;
    this.byPath.set(path, isClientConfig);
    this.changed();
  }

  /** Everything is about to be linted again (settings or config files changed): count afresh. */
  clear(): void {
    if (this.byPath.size === 0) return;
    this.byPath.clear();
    this.changed();
  }

  /** The folders the last workspace scan stopped in at the file limit. */
  setScanStops(stops: readonly ScanStop[]): void {
    this.stops = stops;
  }

  /** A file was deleted. */
  forget(path: string): void {
    if (this.byPath.delete(path)) this.changed();
  }

  /**
   * The files checked, and how many hold Auth0 clients, split by `inside` (a path in a workspace folder, which the
   * scan covers, or an open document elsewhere: an untitled one, or a file outside every folder, such as the
   * editor's settings.json). The scan log counts the first apart, so "Checked N files in <folder>" counts only files
   * in that folder.
   */
  countsBy(inside: (path: string) => boolean): { readonly inside: CheckedCounts; readonly outside: CheckedCounts } {
    const counts = { inside: { files: 0, clientConfigs: 0 }, outside: { files: 0, clientConfigs: 0 } };
    for (const [path, holds] of this.byPath) {
      const side = inside(path) ? counts.inside : counts.outside;
      side.files++;
      if (holds) side.clientConfigs++;
    }
    return counts;
  }

  get status(): StatusParams {
    let clientConfigs = 0;
    for (const holds of this.byPath.values()) if (holds) clientConfigs++;
    return { version: SERVER_VERSION, filesChecked: this.byPath.size, clientConfigs, scanStopped: this.stops };
  }

  /** Sends the status now if it changed since it was last sent. */
  send(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const status = this.status;
    const key = JSON.stringify(status);
    if (key === this.lastSent) return;
    this.lastSent = key;
    void this.connection.sendNotification(STATUS_NOTIFICATION, status);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.send(), SEND_DELAY_MS);
  }
}
