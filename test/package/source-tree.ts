/**
 * A copy of the repository as a fresh clone would have it (the files git tracks or would track, without dist/),
 * with node_modules linked in, so packing and building there never rewrites the dist/ other tests are running.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const REPO = join(__dirname, '..', '..');

/** Environment for npm in tests: offline, no update check, no audit, no funding notes. */
export const NPM_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  npm_config_offline: 'true',
  npm_config_update_notifier: 'false',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  NO_COLOR: '1',
};

/** Copies the repository's files (tracked or not ignored) into a new temporary folder; returns its real path. */
export function copySourceTree(prefix: string): string {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' });
  const root = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  for (const file of listed.split('\0').filter(Boolean)) {
    // Regular files only: a file deleted in the work tree but still in the index, or a local link (such as a
    // link to shared tools), is not part of a clone.
    const stat = lstatOrUndefined(join(REPO, file));
    if (!stat?.isFile()) continue;
    const target = join(root, file);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(REPO, file), target);
  }
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Runs npm with NPM_ENV; throws with its output when it fails. Returns stdout. */
export function npm(args: readonly string[], cwd: string, timeoutMs = 300_000): string {
  const run = spawnSync('npm', [...args], { cwd, env: NPM_ENV, encoding: 'utf8', timeout: timeoutMs });
  if (run.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

/** Creates `root` and writes the files (path relative to it → content) into it; returns `root`. */
export function writeTree(root: string, files: Record<string, string>): string {
  mkdirSync(root, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}
