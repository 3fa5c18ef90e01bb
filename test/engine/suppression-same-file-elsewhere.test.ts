/**
 * A Terraform file holding a client and its `auth0_client_credentials` (or its `auth0_client_grant`), with a
 * suppression comment above one of them naming a rule whose finding is reported at the other (a secret method
 * reported at `authentication_method`, with the comment above the client or its `app_type`; public-client-credentials
 * reported at the client's grant, with the comment above the credentials resource or its method; a client grant's
 * finding, with the comment above the client): the comment is told where the finding is reported in the file, to
 * move it there, as when the two are in separate files. Before, it was told there was no finding and to remove it.
 * The modules of test/helpers/other-file-suppression.ts, their two files joined into one in either order.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { LineIndex, lintText } from '../../server/src/engine/index';
import { otherFileFindingMessage } from '../../server/src/engine/suppression';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { describeLayout, layoutsOf, OTHER_FILE_CASES, otherFileModule, toldToMove } from '../helpers/other-file-suppression';

before(() => loadHclParser());

test('a comment for a finding reported elsewhere in the same file says where it is', () => {
  let told = 0;
  for (const c of OTHER_FILE_CASES) {
    for (const layout of layoutsOf(c)) {
      const module = otherFileModule(c, layout);
      // The two files joined in their listing order (a.tf, then z.tf): the client first or last.
      const text = ['a.tf', 'z.tf'].map((name) => module.files[name]!).join('\n');
      const what = `${describeLayout(c, layout)}, in one file\n${text}`;
      const result = lintText({ path: '/m/main.tf', text });
      const unused = result.findings.filter((f) => f.ruleId === 'unused-suppression' && text.slice(f.span.start, f.span.end).includes('kept on purpose'));
      assert.equal(unused.length, 1, what);
      if (!toldToMove(c, layout)) {
        assert.equal(unused[0]!.message, `No ${c.rule} finding on the next node; remove it from this grantlint-disable comment.`, what);
        continue;
      }
      const reported = result.findings.filter((f) => f.ruleId === c.rule);
      assert.equal(reported.length, 1, what);
      const at = new LineIndex(text).positionAt(reported[0]!.span.start);
      assert.equal(unused[0]!.message, otherFileFindingMessage(c.rule, 'on the next node', `main.tf:${at.line + 1}:${at.character + 1}`), what);
      assert.deepEqual(
        unused[0]!.related.map((r) => r.elsewhere && `${r.elsewhere.path}:${r.elsewhere.start.line}:${r.elsewhere.start.character}`),
        [`/m/main.tf:${at.line}:${at.character}`],
        what,
      );
      told++;
    }
  }
  assert.equal(told, 64, `${told} layouts told to move`);
});
