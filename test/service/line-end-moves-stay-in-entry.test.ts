/**
 * "Move this comment to its own line above/below" and "Change to grantlint-disable-next-line" never take a comment
 * into another client or client grant (U47: a next-line directive after a client's last grant item was moved below,
 * before the next client, which it then silenced, while the item it was written for lost its hold). Generated
 * tenant.yaml files of consecutive clients and client grants and Terraform modules of consecutive resources, every
 * client with the finding the comment names, the comment at the end of every line: wherever the fix puts the
 * comment, it is on a line of the entry it was written in.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { applyTextEdits, lintText } from '../../server/src/engine/index';
import { lineEndDirectiveFixes } from '../../server/src/service/line-end-directive-fixes';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(async () => {
  await loadHclParser();
});

/** A file's lines, each with the index of the entry it belongs to (-1: none). */
interface Layout {
  readonly path: string;
  readonly lines: readonly { readonly text: string; readonly entry: number }[];
}

function yamlLayout(count: number, flow: boolean): Layout {
  const lines: { text: string; entry: number }[] = [{ text: 'clients:', entry: -1 }];
  for (let i = 0; i < count; i++) {
    const own = (text: string) => lines.push({ text, entry: i });
    own(`  - name: Spa ${i}`);
    own('    app_type: spa');
    own('    token_endpoint_auth_method: none');
    if (flow) own('    grant_types: [authorization_code, client_credentials]');
    else {
      own('    grant_types:');
      own('      - authorization_code');
      own('      - client_credentials');
    }
  }
  return { path: 'tenant.yaml', lines };
}

function hclLayout(count: number): Layout {
  const lines: { text: string; entry: number }[] = [];
  for (let i = 0; i < count; i++) {
    const own = (text: string) => lines.push({ text, entry: i });
    own(`resource "auth0_client" "spa${i}" {`);
    own(`  name     = "Spa ${i}"`);
    own('  app_type = "spa"');
    own('  grant_types = [');
    own('    "authorization_code",');
    own('    "client_credentials",');
    own('  ]');
    own('}');
  }
  return { path: 'main.tf', lines };
}

const caseArb = fc.record({
  form: fc.constantFrom('yaml-block', 'yaml-flow', 'hcl'),
  count: fc.integer({ min: 2, max: 3 }),
  line: fc.nat(40),
  word: fc.constantFrom('grantlint-disable-next-line', 'grantlint-disable-line'),
});

test('a moved suppression comment stays in the client it was written in', () => {
  let moved = 0;
  fc.assert(
    fc.property(caseArb, (c) => {
      const layout = c.form === 'hcl' ? hclLayout(c.count) : yamlLayout(c.count, c.form === 'yaml-flow');
      const commentable = layout.lines.map((line, i) => ({ line, i })).filter(({ line }) => line.entry >= 0 && line.text.trim() !== '}' && line.text.trim() !== ']');
      const { i: at, line: target } = commentable[c.line % commentable.length]!;
      const comment = `# ${c.word} public-client-credentials`;
      const text = `${layout.lines.map((line, i) => (i === at ? `${line.text}  ${comment}` : line.text)).join('\n')}\n`;
      const result = lintText({ path: layout.path, text });
      assert.deepEqual(result.parsed.errors, [], text);
      const finding = result.findings.find((f) => f.ruleId === 'unused-suppression' && text.slice(f.span.start, f.span.end) === comment);
      assert.ok(finding, text);
      for (const fix of lineEndDirectiveFixes(text, finding, result.parsed, result.findings)) {
        const fixed = applyTextEdits(text, fix.edits).split('\n');
        const index = fixed.findIndex((line) => line.trim() === comment.replace('grantlint-disable-line', 'grantlint-disable-next-line'));
        assert.ok(index >= 0, fixed.join('\n'));
        // The line after the comment (where its node starts; the file's line `index` before the comment line went in)
        // belongs to the comment's client.
        const entryAfter = layout.lines[index]?.entry;
        assert.equal(fixed[index + 1], layout.lines[index]?.text.replace(`  ${comment}`, ''));
        assert.equal(entryAfter, target.entry, `${fix.title}:\n${text}\n->\n${fixed.join('\n')}`);
        moved++;
      }
    }),
    { numRuns: 300, includeErrorInReport: true },
  );
  assert.ok(moved > 100, `${moved} moves`);
});
