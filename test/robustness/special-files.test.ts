/**
 * What is read and what is not: only regular files. A FIFO blocks whoever reads it until someone writes, a link to
 * /dev/zero never ends, and a 450 MB file (sparse here, so cheap to make) must be sized before it is read. The
 * reader and the CLI as a whole process, with real FIFOs, links and sparse files. A hang fails through the
 * timeouts (the CLI runs under one; the tests have one each); nothing here measures speed.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { NotRegularFileError, readClientFile, TOO_LARGE_PREFIX } from '../../server/src/workspace/index';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const TIMEOUT = { timeout: 60_000 };
const CLIENT = JSON.stringify({ name: 'Portal', app_type: 'regular_web', grant_types: ['implicit', 'authorization_code'] });

const work = mkdtempSync(join(tmpdir(), 'grantlint-special-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** A folder with a client, a FIFO and a link to /dev/zero named like configs, and a sparse 450 MB JSON file. */
function hostileFolder(name: string): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'clients'), { recursive: true });
  writeFileSync(join(dir, 'clients', 'Portal.json'), CLIENT);
  execFileSync('mkfifo', [join(dir, 'clients', 'pipe.json')]);
  execFileSync('mkfifo', [join(dir, 'tenant.yaml')]);
  symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
  writeFileSync(join(dir, 'dump.json'), '');
  truncateSync(join(dir, 'dump.json'), 450 * 1024 * 1024);
  return dir;
}

function cli(args: readonly string[], cwd: string): { stdout: string; stderr: string; status: number | null } {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(run.signal, null, `the CLI was stopped by ${run.signal} (a hang): ${run.stderr}`);
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

describe('the reader', () => {
  const dir = hostileFolder('reader');

  test('refuses a FIFO without blocking, and a link to a device', TIMEOUT, () => {
    assert.throws(() => readClientFile(join(dir, 'tenant.yaml')), (error: unknown) => error instanceof NotRegularFileError && error.kind === 'a FIFO');
    assert.throws(() => readClientFile(join(dir, 'zero.yaml')), (error: unknown) => error instanceof NotRegularFileError && error.kind === 'a character device');
    assert.throws(() => readClientFile(dir), (error: unknown) => error instanceof NotRegularFileError && error.kind === 'a folder');
  });

  test('sizes a 450 MB file before reading: over the limit only a prefix is read', TIMEOUT, () => {
    const read = readClientFile(join(dir, 'dump.json'), { maxFileSize: 50 * 1024 * 1024 });
    assert.equal(read.tooLarge, true);
    assert.ok(read.text.length <= TOO_LARGE_PREFIX, `${read.text.length} characters read`);
    const small = readClientFile(join(dir, 'dump.json'), { maxFileSize: 1000 });
    assert.equal(small.tooLarge, true);
    // Over any limit, the first MiB is read to look for client keys (one may come after a small limit).
    assert.ok(small.text.length <= TOO_LARGE_PREFIX && small.text.length > 1001, `${small.text.length} characters read`);
  });

  test('reads a regular file whole under the limit, without its byte order mark, and says it had one', () => {
    writeFileSync(join(dir, 'bom.json'), `\ufeff${CLIENT}`);
    assert.deepEqual(readClientFile(join(dir, 'bom.json'), { maxFileSize: CLIENT.length }), { text: CLIENT, tooLarge: false, validUtf8: true, maxFileSize: Number.POSITIVE_INFINITY, byteOrderMark: true });
    writeFileSync(join(dir, 'no-bom.json'), CLIENT);
    assert.equal(readClientFile(join(dir, 'no-bom.json')).byteOrderMark, false);
    assert.equal(readClientFile(join(dir, 'bom.json'), { maxFileSize: CLIENT.length - 1 }).tooLarge, true);
    assert.equal(readClientFile(join(dir, 'bom.json')).text, CLIENT);
  });

  test('reads every size whole, as readFileSync does (one byte, chunk edges, a byte order mark, multi-byte text)', () => {
    for (const size of [1, 2, 3, 4, 1000, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 5]) {
      for (const prefix of ['', '\ufeff']) {
        const text = `${prefix}${'é'.repeat(size >> 2)}${'x'.repeat(size % 4)}`;
        const path = join(dir, `sized-${size}.json`);
        writeFileSync(path, text);
        assert.equal(readClientFile(path).text, readFileSync(path, 'utf8').replace(/^\ufeff/, ''), `${size} ${prefix ? 'with' : 'without'} a byte order mark`);
      }
    }
  });

  test('reads a file that reports no size (procfs) to its end', () => {
    const status = readClientFile('/proc/self/status');
    assert.match(status.text, /^Name:/);
    assert.match(status.text, /\nPid:\s+\d+/);
  });
});

describe('the CLI', () => {
  const dir = hostileFolder('cli');

  test('walking a folder skips FIFOs (with a note) and checks the rest', TIMEOUT, () => {
    const run = cli(['--max-file-size', '10000000', '.'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /clients\/Portal\.json:\d+:\d+ +hint +implicit-grant/);
    assert.match(run.stderr, /skipped 'clients\/pipe\.json': not a regular file \(a FIFO\)/);
    assert.match(run.stderr, /skipped 'tenant\.yaml': not a regular file \(a FIFO\)/);
    // The link leads out of the walked folder, so it is not followed, and says so; the sparse file is over the
    // limit and its prefix is no client config, so it is named only in the summary, among files without one.
    assert.match(run.stderr, /^grantlint: skipped 'zero\.yaml': a symbolic link to '\/dev\/zero', outside the folder walked \(links are followed only inside it\)$/m);
    assert.doesNotMatch(run.stdout, /zero\.yaml/);
    assert.match(run.stdout, /in 2 files checked, 1 without client configs: dump\.json\.$/m);
    assert.doesNotMatch(run.stderr, /dump\.json/);
  });

  test('an explicit path to a FIFO or a device is an error, not a hang', TIMEOUT, () => {
    const fifo = cli(['tenant.yaml'], dir);
    assert.equal(fifo.status, 2);
    assert.equal(fifo.stderr, "grantlint: 'tenant.yaml' is not a regular file (a FIFO)\n");
    const zero = cli(['zero.yaml'], dir);
    assert.equal(zero.status, 2);
    assert.equal(zero.stderr, "grantlint: 'zero.yaml' is not a regular file (a character device)\n");
  });

  test('a glob reaching a FIFO skips it', TIMEOUT, () => {
    const run = cli(['clients/*.json'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /skipped 'clients\/pipe\.json'/);
    assert.match(run.stdout, /implicit-grant/);
  });

  test('a 450 MB client config over --max-file-size is a warning, without being read whole', TIMEOUT, () => {
    const big = join(dir, 'clients', 'Big.json');
    writeFileSync(big, '');
    truncateSync(big, 450 * 1024 * 1024);
    try {
      const run = cli(['--format', 'json', '--max-file-size', '1000000', 'clients/Big.json'], dir);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual((JSON.parse(run.stdout) as { ruleId: string; severity: string }[]).map((f) => `${f.ruleId} ${f.severity}`), ['file-too-large warning']);
    } finally {
      rmSync(big);
    }
  });
});
