/** What the client hands to the server and watches; kept apart so tests can import it without `vscode`. */

/** Languages whose documents the server lints (it decides per file whether it holds Auth0 clients). */
export const LANGUAGES = ['json', 'jsonc', 'yaml'] as const;

/** Saved files and new unsaved ones; virtual file systems are not supported (the server reads from disk). */
export const SCHEMES = ['file', 'untitled'] as const;

export const CONFIG_FILE_GLOB = '**/.grantlintrc.json';

/** auth0-deploy-cli YAML and directory formats, and Terraform JSON. */
export const CLIENT_CONFIG_GLOBS = ['**/clients/*.json', '**/tenant.{yaml,yml}', '**/*.tf.json'] as const;
