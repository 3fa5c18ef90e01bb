/**
 * README's shown CLI runs are real: each ```text block that starts with `$ node dist/cli.js <args>` is run from the
 * repository root, and its lines must appear in the output in order, each part between `...` lines as one
 * contiguous run of lines (the output is long; `...` marks what the README leaves out).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const REPO = join(__dirname, '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');

interface ShownRun {
  readonly args: readonly string[];
  readonly parts: readonly (readonly string[])[];
}

function shownRuns(markdown: string): ShownRun[] {
  const runs: ShownRun[] = [];
  for (const [, body] of markdown.matchAll(/```text\n([\s\S]*?)```/g)) {
    const [first, ...rest] = body!.replace(/\n$/, '').split('\n');
    const command = /^\$ node dist\/cli\.js (.*)$/.exec(first ?? '');
    if (!command) continue;
    const parts: string[][] = [[]];
    for (const line of rest) {
      if (line === '...') parts.push([]);
      else parts[parts.length - 1]!.push(line);
    }
    runs.push({ args: command[1]!.split(' '), parts: parts.filter((part) => part.length > 0) });
  }
  return runs;
}

test("README's shown CLI runs print what README shows", () => {
  const runs = shownRuns(readFileSync(join(REPO, 'README.md'), 'utf8'));
  assert.ok(runs.length > 0, 'README shows at least one CLI run');
  for (const run of runs) {
    const result = spawnSync(process.execPath, [CLI, ...run.args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const lines = `${result.stdout}${result.stderr}`.split('\n');
    let from = 0;
    for (const part of run.parts) {
      let at = -1;
      for (let i = from; i + part.length <= lines.length && at < 0; i++) if (part.every((line, j) => lines[i + j] === line)) at = i;
      assert.ok(at >= 0, `README's run of '${run.args.join(' ')}' shows lines the CLI does not print in this order:\n${part.join('\n')}\n--- the CLI printed:\n${lines.join('\n')}`);
      from = at + part.length;
    }
  }
});
