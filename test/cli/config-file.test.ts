/**
 * `--config` reads only a regular file: a FIFO (which would wait for a writer for ever), `/dev/zero` (which never
 * ends), a folder or a socket are refused at once with one line and exit 2, before a byte is read. Each run is
 * bounded by a timeout: a hang fails the test instead of stalling it.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const work = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-config-file-')));
after(() => rmSync(work, { recursive: true, force: true }));

mkdirSync(join(work, 'clients'));
writeFileSync(join(work, 'clients', 'Web.json'), '{ "name": "Web", "app_type": "spa", "token_endpoint_auth_method": "none", "grant_types": ["authorization_code"] }\n');

function cliWithConfig(config: string) {
  const started = Date.now();
  const run = spawnSync(process.execPath, [CLI, '--config', config, 'clients'], { cwd: work, encoding: 'utf8', timeout: 10_000, killSignal: 'SIGKILL' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, ms: Date.now() - started };
}

describe('--config refuses anything but a regular file', () => {
  const fifo = join(work, 'grantlintrc.fifo.json');
  execFileSync('mkfifo', [fifo]);
  const cases: [string, string, RegExp][] = [
    ['a FIFO', fifo, /the config file is a FIFO, not a regular file/],
    ['a link to a FIFO', linkTo(fifo, 'fifo-link.json'), /the config file is a FIFO, not a regular file/],
    ['/dev/zero', '/dev/zero', /the config file is a character device, not a regular file/],
    ['a link to /dev/zero', linkTo('/dev/zero', 'zero-link.json'), /the config file is a character device, not a regular file/],
    ['/dev/null', '/dev/null', /the config file is a character device, not a regular file/],
    ['a folder', join(work, 'clients'), /the config file is a folder, not a regular file/],
  ];
  for (const [name, path, expected] of cases) {
    test(`${name}: one line, exit 2, at once`, () => {
      const run = cliWithConfig(path);
      assert.equal(run.status, 2, `did not finish (${run.ms} ms) or wrong exit: ${run.stderr}`);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, expected);
      assert.equal(run.stderr.split('\n').filter(Boolean).length, 1);
    });
  }

  test('a socket: one line, exit 2, at once', async () => {
    const socketPath = join(work, 'grantlintrc.sock');
    const server = createServer();
    await new Promise<void>((done) => server.listen(socketPath, done));
    try {
      const run = cliWithConfig(socketPath);
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, /the config file is a socket, not a regular file|cannot read the config file \(ENXIO\)/);
    } finally {
      server.close();
    }
  });

  test('a regular config file is still read', () => {
    const config = join(work, 'custom.json');
    writeFileSync(config, '{ "rules": { "implicit-grant": "off" } }\n');
    const run = cliWithConfig(config);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /1 file checked/);
  });
});

function linkTo(target: string, name: string): string {
  const link = join(work, name);
  symlinkSync(target, link);
  return link;
}
