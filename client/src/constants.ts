/** What the client hands to the server and watches; kept apart so tests can import it without `vscode`. */

/**
 * Languages whose documents the server lints (it decides per file whether it holds Auth0 clients). `terraform` is
 * the id HashiCorp's Terraform extension gives `.tf` files, `hcl` the id other HCL extensions give them.
 */
export const LANGUAGES = ['json', 'jsonc', 'yaml', 'terraform', 'hcl'] as const;

/**
 * Files linted whatever language the editor gives them: without a Terraform extension, VS Code opens a `.tf`
 * file as plain text.
 */
export const FILE_PATTERNS = ['**/*.tf'] as const;

/** Saved files and new unsaved ones; virtual file systems are not supported (the server reads from disk). */
export const SCHEMES = ['file', 'untitled'] as const;

export const CONFIG_FILE_GLOB = '**/.grantlintrc.json';

/** Files whose changes on disk the server hears of: client configs (auth0-deploy-cli YAML and directory formats,
 * Terraform JSON and HCL) and the files linked to them (tenant.json, grants). */
export const CLIENT_CONFIG_GLOBS = ['**/clients/*.json', '**/grants/*.json', '**/tenant.{yaml,yml,json}', '**/*.tf.json', '**/*.tf'] as const;

/** The server's `grantlint/status` notification: files checked and client configs among them. */
export const STATUS_NOTIFICATION = 'grantlint/status';

/** Opens a rule's bundled page (docs/rules/<id>.md) in the Markdown preview; the server's quick fixes call it. */
export const OPEN_RULE_PAGE_COMMAND = 'grantlint.openRulePage';

/** A workspace folder whose scan the server stopped at `grantlint.workspaceScan.maxFiles`. */
export interface ScanStop {
  readonly folder: string;
  readonly maxFiles: number;
}

/**
 * What the status item says about the server's last status; `warning` when a workspace scan stopped at the file
 * limit, so files went unchecked (the item then names the folders and the setting).
 */
export function statusText(status: { readonly clientConfigs: number; readonly filesChecked: number; readonly scanStopped?: readonly ScanStop[] }): {
  text: string;
  detail: string;
  warning: boolean;
} {
  const configs = status.clientConfigs;
  const files = status.filesChecked;
  const stops = status.scanStopped ?? [];
  const text = `Grantlint: ${configs} client config file${configs === 1 ? '' : 's'} checked`;
  const read = `${files} file${files === 1 ? '' : 's'} read`;
  if (stops.length === 0) return { text, detail: read, warning: false };
  const where = stops.map((s) => `${s.folder} (first ${s.maxFiles} files)`).join(', ');
  return { text: `${text}, scan stopped`, detail: `${read}; scan stopped in ${where}: raise grantlint.workspaceScan.maxFiles`, warning: true };
}

/** The scan stops of a `grantlint/status` notification, or none when it carries none (or something else). */
export function readScanStops(value: unknown): ScanStop[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (s): s is ScanStop => typeof s === 'object' && s !== null && typeof (s as ScanStop).folder === 'string' && typeof (s as ScanStop).maxFiles === 'number',
  );
}
