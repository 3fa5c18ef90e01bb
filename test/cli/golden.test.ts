/**
 * CLI golden scenarios (test/fixtures/cli/<scenario>/): `args` holds the command line (one argument per line),
 * `input/` the files, `expected/` the stdout, stderr and exit code, and for --fix the files afterwards (--diff must
 * leave every file as it was). The built
 * CLI runs as a whole process in a temporary copy of `input/`; where the scenario has a `cwd` file, that copy is
 * made a git repository's root (a `.git` folder, which git will not store in `input/`) and the CLI runs in the
 * subfolder `cwd` names. The copy's path and file URI read `<work>` and `file://<work>` in the expected output.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { expectGolden } from '../helpers/golden';

const ROOT = join(__dirname, '..', 'fixtures', 'cli');
const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

export function runCli(args: readonly string[], cwd: string): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

for (const scenario of readdirSync(ROOT).sort()) {
  describe(`cli: ${scenario}`, () => {
    const folder = join(ROOT, scenario);
    const args = readFileSync(join(folder, 'args'), 'utf8').split('\n').filter((line) => line.length > 0);
    const fixing = args.includes('--fix');
    const expected = join(folder, 'expected');

    test('stdout, stderr and exit code match', () => {
      const work = mkdtempSync(join(tmpdir(), `grantlint-cli-${scenario}-`));
      try {
        if (existsSync(join(folder, 'input'))) cpSync(join(folder, 'input'), work, { recursive: true });
        const subfolder = existsSync(join(folder, 'cwd')) ? readFileSync(join(folder, 'cwd'), 'utf8').trim() : undefined;
        if (subfolder !== undefined) mkdirSync(join(work, '.git'));
        const run = runCli(args, subfolder === undefined ? work : join(work, subfolder));
        const real = realpathSync(work);
        expectGolden(join(expected, 'stdout'), run.stdout.replaceAll(pathToFileURL(real).href, 'file://<work>').replaceAll(real, '<work>'));
        expectGolden(join(expected, 'stderr'), run.stderr.replaceAll(work, '<work>'));
        expectGolden(join(expected, 'exit'), `${run.status}\n`);
        assert.ok(!/\n\s+at .+:\d+:\d+/.test(run.stderr), 'never a stack trace');
        assert.ok(run.stderr.split('\n').filter(Boolean).every((line) => line.startsWith('grantlint: ')), 'stderr lines are one-line messages');
        if (args.includes('--diff')) {
          // --diff writes nothing.
          for (const file of listFiles(work)) assert.equal(readFileSync(file, 'utf8'), readFileSync(join(folder, 'input', relative(work, file)), 'utf8'), '--diff wrote a file');
        } else if (fixing) {
          for (const file of listFiles(work)) expectGolden(join(expected, 'files', relative(work, file)), readFileSync(file, 'utf8'));
          const again = runCli(args, subfolder === undefined ? work : join(work, subfolder));
          for (const file of listFiles(work)) {
            assert.equal(readFileSync(file, 'utf8'), readFileSync(join(expected, 'files', relative(work, file)), 'utf8'), 'a second --fix changes nothing');
          }
          // The first run's summary says what it fixed; the second fixes nothing, and says so where findings are left.
          const withoutFixedLine = (stdout: string) => stdout.replace(/^Fixed (\d+ problems? in \d+ files?|nothing)\.\n/m, '');
          assert.doesNotMatch(again.stdout, /^Fixed \d+/m, 'a second --fix says it fixed nothing');
          assert.equal(/^Fixed nothing\.$/m.test(again.stdout), /^\d+ problems? \(/m.test(again.stdout), 'a second --fix says "Fixed nothing." where findings are left');
          assert.equal(withoutFixedLine(again.stdout), withoutFixedLine(run.stdout), 'a second --fix reports the same remaining findings');
        }
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });
  });
}
