/**
 * Neovim as a second real LSP client: runs test/nvim/check.lua in headless Neovim against dist/server.js over
 * stdio. Neovim comes from scripts/ensure-test-tools.sh; without it this test fails rather than skips, so a
 * machine missing the tool never reports the editor as checked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const server = join(root, 'dist', 'server.js');
const fixture = join(root, 'test', 'nvim', 'fixtures', 'tenant.yaml');
const terraformFixture = join(root, 'test', 'nvim', 'fixtures', 'terraform', 'main.tf');
const TIMEOUT_MS = 60_000;

interface Run {
  readonly code: number | null;
  readonly output: string;
}

/** Runs nvim in its own process group and kills the whole group at the end, server included. */
function runNvim(script: string, file: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('nvim', ['--headless', '--clean', '-c', `luafile ${script}`, file], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GRANTLINT_SERVER: server, GRANTLINT_NODE: process.execPath },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const killGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is already gone
      }
    };
    const timer = setTimeout(() => {
      killGroup();
      reject(new Error(`nvim did not finish within ${TIMEOUT_MS / 1000} s. Output so far:\n${output}`));
    }, TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      killGroup();
      resolve({ code, output });
    });
  });
}

test('Neovim, advertising no diagnostic dataSupport: diagnostics, hover and a quick fix from the Grantlint server', async () => {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  assert.ok(
    !probe.error && probe.status === 0,
    'Neovim (nvim) is not installed, so the Neovim client check cannot run. Install the editor test tools with: bash scripts/ensure-test-tools.sh',
  );
  assert.ok(existsSync(server), `${server} is missing: run npm run build first`);

  const run = await runNvim('test/nvim/check.lua', fixture);
  process.stdout.write(run.output.replace(/^/gm, '    '));
  assert.equal(run.code, 0, `the Neovim check failed:\n${run.output}`);
  assert.match(run.output, /nvim check passed/);
  assert.doesNotMatch(run.output, /^FAIL/m);
});

test('Neovim on a Terraform file (filetype terraform): diagnostics, hover, completion, a quick fix and live edits', async () => {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  assert.ok(
    !probe.error && probe.status === 0,
    'Neovim (nvim) is not installed, so the Neovim client check cannot run. Install the editor test tools with: bash scripts/ensure-test-tools.sh',
  );
  assert.ok(existsSync(server), `${server} is missing: run npm run build first`);

  // The buffer is edited in Neovim and never written: the fixture on disk stays as it is.
  const run = await runNvim('test/nvim/check-terraform.lua', terraformFixture);
  process.stdout.write(run.output.replace(/^/gm, '    '));
  assert.equal(run.code, 0, `the Neovim Terraform check failed:\n${run.output}`);
  assert.match(run.output, /nvim terraform check passed/);
  assert.doesNotMatch(run.output, /^FAIL/m);
});
