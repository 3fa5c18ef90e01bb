/**
 * `grantlint <module>` (what CI runs) and `grantlint <module>/<file>` give a suppression comment for a finding
 * reported in the module's other file the same unused-suppression message: where the finding is, to move the
 * comment there (`… is about a value in z.tf:3:27; disable it there.`), named once (the CLI adds no `(see …)` place
 * to a message that names it), within 120 characters; from the module's folder or a repository's root alike. Before,
 * the run on the module said "No … finding on the next node; remove it". A comment silencing nothing anywhere
 * says "No … finding" in every run. Generated modules: test/helpers/other-file-suppression.ts.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { run } from '../../server/src/cli/main';
import type { CliFinding } from '../../server/src/cli/report';
import { MAX_MESSAGE_LENGTH } from '../../server/src/engine/rules/messages';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { describeLayout, layoutsOf, OTHER_FILE_CASES, otherFileModule, toldToMove } from '../helpers/other-file-suppression';

const DEEP = 'infra/auth0';

/** The unused-suppression messages of the run's file named `name`. */
async function unusedMessages(args: readonly string[], cwd: string, name: string): Promise<string[]> {
  const findings = JSON.parse([...(await run(['--format', 'json', ...args], cwd)).stdout].join('')) as CliFinding[];
  return findings.filter((f) => f.ruleId === 'unused-suppression' && (f.file === name || f.file.endsWith(`/${name}`))).map((f) => f.message);
}

test('a run on the module and a run on the commented file alone give a comment for the other file the same message', async () => {
  await loadHclParser();
  for (const c of OTHER_FILE_CASES) {
    for (const layout of layoutsOf(c)) {
      const module = otherFileModule(c, layout);
      const what = describeLayout(c, layout);
      const repo = mkdtempSync(join(tmpdir(), 'grantlint-other-file-'));
      try {
        mkdirSync(join(repo, '.git'));
        const folder = join(repo, DEEP);
        mkdirSync(folder, { recursive: true });
        for (const [name, text] of Object.entries(module.files)) writeFileSync(join(folder, name), text);
        const onModule = await unusedMessages([DEEP], repo, module.commented);
        assert.equal(onModule.length, 1, `${what}: ${onModule.join(' | ')}`);
        assert.deepEqual(await unusedMessages([`${DEEP}/${module.commented}`], repo, module.commented), onModule, `${what}: the file alone`);
        assert.deepEqual(await unusedMessages([module.commented], folder, module.commented), onModule, `${what}: the file alone, from the module's folder`);
        const message = onModule[0]!;
        assert.ok(message.length <= MAX_MESSAGE_LENGTH, `${what}: ${message}`);
        if (toldToMove(c, layout)) {
          assert.match(message, new RegExp(`^The ${c.rule} finding on the next node is reported at ${module.other.replace('.', '\\.')}:\\d+:\\d+[:;] `), what);
          assert.doesNotMatch(message, /\((see )?[^()]*:\d+:\d+\)/, `${what}: the place named once`);
        } else {
          assert.equal(message, `No ${c.rule} finding on the next node; remove it from this grantlint-disable comment.`, what);
        }
      } finally {
        rmSync(repo, { recursive: true, force: true });
      }
    }
  }
});
