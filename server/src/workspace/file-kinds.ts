/** Which files the CLI and the server read at all: the one list both walkers and every watcher event go through. */

/** JSON, JSON with comments, YAML and Terraform HCL (`*.tf`; `*.tf.json` is JSON), by extension (case-insensitive). */
const LINTABLE = /\.(json|jsonc|ya?ml|tf)$/i;

/**
 * Folders never walked into: installed packages, Git's own data, and Terraform's working folder (`terraform init`
 * downloads modules and providers into `.terraform/`: other people's code, rewritten on the next init). A file
 * inside one that is named outright is still read.
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', '.terraform']);

/**
 * The first folder of `relativePath` (forward or back slashes) that the walkers skip (SKIPPED_FOLDERS), or
 * undefined: an editor that opens a file from one gets no findings and no fixes for it, as a scan gets none.
 */
export function skippedFolderIn(relativePath: string): string | undefined {
  const folders = relativePath.split(/[\\/]/).slice(0, -1);
  return folders.find((name) => SKIPPED_FOLDERS.has(name));
}

/** Whether a file name (or path) has an extension Grantlint reads. */
export function isLintableName(name: string): boolean {
  return LINTABLE.test(name);
}

/**
 * Whether a path names a Grantlint config file (`.grantlintrc.json`): read as the configuration of the files beside
 * and below it, never linted as a client config, so it is not among the files checked.
 */
export function isConfigFileName(path: string): boolean {
  return /(^|[\\/])\.grantlintrc\.json$/.test(path);
}
