/** What the client hands to the server and watches; kept apart so tests can import it without `vscode`. */

/** Languages whose documents the server lints (it decides per file whether it holds Auth0 clients). */
export const LANGUAGES = ['json', 'jsonc', 'yaml'] as const;

/** Saved files and new unsaved ones; virtual file systems are not supported (the server reads from disk). */
export const SCHEMES = ['file', 'untitled'] as const;

export const CONFIG_FILE_GLOB = '**/.grantlintrc.json';

/** auth0-deploy-cli YAML and directory formats, and Terraform JSON. */
/** Files whose changes on disk the server hears of: client configs and the files linked to them (tenant.json, grants, Terraform). */
export const CLIENT_CONFIG_GLOBS = ['**/clients/*.json', '**/grants/*.json', '**/tenant.{yaml,yml,json}', '**/*.tf.json', '**/*.tf'] as const;

/** The server's `grantlint/status` notification: files checked and client configs among them. */
export const STATUS_NOTIFICATION = 'grantlint/status';

/** Opens a rule's bundled page (docs/rules/<id>.md) in the Markdown preview; the server's quick fixes call it. */
export const OPEN_RULE_PAGE_COMMAND = 'grantlint.openRulePage';

/** What the status item says about the server's last status. */
export function statusText(status: { readonly clientConfigs: number; readonly filesChecked: number }): { text: string; detail: string } {
  const configs = status.clientConfigs;
  const files = status.filesChecked;
  return {
    text: `Grantlint: ${configs} client config${configs === 1 ? '' : 's'} checked`,
    detail: `${files} file${files === 1 ? '' : 's'} read`,
  };
}
