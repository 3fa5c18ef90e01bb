/**
 * A suppression comment for a finding reported in another file of its Terraform module (a secret method in the
 * credentials file, with the comment above the client; public-client-credentials on the client's grant, with the
 * comment above the credentials resource) is told the same, within 120 characters, whether the other file is
 * reported in the run (a run on the module, as CI runs it; the editor with its workspace scanned) or not (a run on
 * the file alone): that the finding is reported there, and where, so the comment is moved, not deleted.
 * Before, a run on the module said "No … finding on the next node; remove it", as the finding was left to the other
 * file and this file's comments never saw it. A comment that silences nothing anywhere (the rule does not fire, or
 * the other file's comment silences it already) says "No … finding" in every run.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { LineIndex, lintText, type LintResult } from '../../server/src/engine/index';
import { MAX_MESSAGE_LENGTH } from '../../server/src/engine/rules/messages';
import { otherFileFindingMessage } from '../../server/src/engine/suppression';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';
import { describeLayout, layoutsOf, OTHER_FILE_CASES, otherFileModule, toldToMove, type OtherFileModule } from '../helpers/other-file-suppression';
import { ALL_RULES } from '../../server/src/engine/rules/index';

before(() => loadHclParser());

/** Lints `name` of the module, the files `reported` says reported in the run (the others read for links only). */
function lintIn(module: OtherFileModule, name: string, reported: (name: string) => boolean): LintResult {
  const texts = new Map(Object.entries(module.files).map(([file, text]) => [`/m/${file}`, text]));
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: (path) => reported(path.slice('/m/'.length)) });
  return lintText({ path: `/m/${name}`, text: module.files[name]!, links: graph.linksFor(`/m/${name}`).links });
}

function unusedMessages(result: LintResult): string[] {
  return result.findings.filter((f) => f.ruleId === 'unused-suppression').map((f) => f.message);
}

test('a comment for a finding reported in another file of the module says where it is, the same in a run on the module and on the file alone', () => {
  let told = 0;
  for (const c of OTHER_FILE_CASES) {
    for (const layout of layoutsOf(c)) {
      const module = otherFileModule(c, layout);
      const what = describeLayout(c, layout);
      const folder = lintIn(module, module.commented, () => true);
      const alone = lintIn(module, module.commented, (name) => name === module.commented);
      const messages = unusedMessages(folder);
      assert.equal(messages.length, 1, `${what}: ${messages.join(' | ')}`);
      assert.deepEqual(unusedMessages(alone), messages, what);
      const message = messages[0]!;
      assert.ok(message.length <= MAX_MESSAGE_LENGTH, `${what}: ${message}`);
      if (!toldToMove(c, layout)) {
        assert.equal(message, `No ${c.rule} finding on the next node; remove it from this grantlint-disable comment.`, what);
        continue;
      }
      // Where the run on the module reports the finding: in the other file.
      const otherText = module.files[module.other]!;
      const reported = lintIn(module, module.other, () => true).findings.filter((f) => f.ruleId === c.rule);
      assert.equal(reported.length, 1, `${what}: reported in ${module.other}`);
      const at = new LineIndex(otherText).positionAt(reported[0]!.span.start);
      assert.equal(message, otherFileFindingMessage(c.rule, 'on the next node', `${module.other}:${at.line + 1}:${at.character + 1}`), what);
      assert.match(message, new RegExp(`at ${module.other.replace('.', '\\.')}:${at.line + 1}:${at.character + 1}[:;]`), what);
      // Its related place is the finding's, for the editor to go to.
      const unused = folder.findings.find((f) => f.ruleId === 'unused-suppression')!;
      assert.deepEqual(
        unused.related.map((r) => r.elsewhere && `${r.elsewhere.path}:${r.elsewhere.start.line}:${r.elsewhere.start.character}`),
        [`/m/${module.other}:${at.line}:${at.character}`],
        what,
      );
      told++;
    }
  }
  assert.ok(told >= 36, `${told} layouts told to move`);
});

test("the other file's comment silences the finding there, in a run on the module and on that file alone", () => {
  for (const c of OTHER_FILE_CASES.filter((x) => x.fires)) {
    for (const layout of layoutsOf(c).filter((l) => l.silencedThere)) {
      const module = otherFileModule(c, layout);
      for (const reportedAll of [true, false]) {
        const other = lintIn(module, module.other, (name) => reportedAll || name === module.other);
        assert.deepEqual(other.findings.filter((f) => f.ruleId === c.rule || f.ruleId === 'unused-suppression').map((f) => f.ruleId), [], describeLayout(c, layout));
      }
    }
  }
});

test('the message names the place whole within 120 characters for the rules found across files, and else says it without it, for every rule id', () => {
  for (const rule of ALL_RULES) {
    for (const place of ['on the next node', 'after this comment']) {
      for (const where of ['credentials.tf:37:27', 'main.tf:10:40', `${'very-long-file-name-'.repeat(4)}.tf:1234:56`]) {
        const message = otherFileFindingMessage(rule.id, place, where);
        assert.ok(message.length <= MAX_MESSAGE_LENGTH, `${message.length}: ${message}`);
        assert.ok(message.includes(` ${rule.id} finding ${place} `), message);
        assert.ok(message.includes(where) || /another file/.test(message), message);
      }
    }
  }
  for (const rule of ['secret-on-public-app-type', 'public-client-credentials', 'invalid-auth-method', 'auth-method-conflict', 'cimd-auth-method']) {
    assert.ok(otherFileFindingMessage(rule, 'on the next node', 'credentials.tf:37:27').includes('credentials.tf:37:27'), rule);
  }
});
