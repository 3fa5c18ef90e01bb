/**
 * Runs the VS Code suite in desktop VS Code through @vscode/test-electron, for machines that can download VS Code
 * (this runner fetches it from Microsoft's update server on first use). Offline machines use
 * scripts/test-vscode.mjs (code-server) with the same suite. Usage: npm run test:electron
 * (bundles the suite to out/test/vscode first).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  const work = mkdtempSync(join(tmpdir(), 'grantlint-electron-'));
  // The suite edits and reverts files; a copy keeps the repository's fixtures untouched.
  const workspace = join(work, 'workspace');
  cpSync(join(root, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env['VSCODE_VERSION'] ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'out', 'test', 'vscode', 'suite', 'index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        `--user-data-dir=${join(work, 'user-data')}`,
        `--extensions-dir=${join(work, 'extensions')}`,
      ],
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
