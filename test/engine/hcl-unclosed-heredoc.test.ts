/**
 * A heredoc whose closing marker line never comes makes the rest of a Terraform file its body: tree-sitter gives
 * up at the end of the file, and every bracket after the heredoc looks unclosed. The parse error names the heredoc
 * and its line, on the `<<EOT` itself, once; resources before it are read as usual, those it swallows are not.
 * Property: a heredoc left open (`<<EOT` or `<<-EOT`, with or without body lines) put in as the value of a new
 * attribute of any resource of a generated module.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { LineIndex, lintText, type LintResult } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { generateTerraformHcl } from '../helpers/terraform-generator';

before(() => loadHclParser());

const PATH = '/work/infra/main.tf';

/** Findings (parse errors apart) as `line rule`, on lines before `line`. */
function before_(text: string, result: LintResult, line: number): string[] {
  const index = new LineIndex(text);
  return result.findings
    .filter((f) => f.ruleId !== 'parse-error')
    .map((f) => ({ at: index.positionAt(f.span.start).line, id: f.ruleId }))
    .filter((f) => f.at < line)
    .map((f) => `${f.at} ${f.id}`);
}

test('a heredoc never closed is named, on its line, once; resources before it keep their findings', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5000 }), fc.nat(), fc.constantFrom('EOT', 'POLICY', 'END_OF_TEXT'), fc.boolean(), fc.nat(3), (seed, pick, marker, indented, bodyLines) => {
      const clean = generateTerraformHcl({ clients: 5, seed, invalidShare: 0.6 });
      const lines = clean.split('\n');
      const headers = lines.map((l, i) => (/^resource "/.test(l) ? i : -1)).filter((i) => i >= 0);
      const header = headers[pick % headers.length]!;
      const heredoc = [`  description = <<${indented ? '-' : ''}${marker}`, ...Array.from({ length: bodyLines }, (_, i) => `    line ${i} of the text`)];
      const text = [...lines.slice(0, header + 1), ...heredoc, ...lines.slice(header + 1)].join('\n');
      const result = lintText({ path: PATH, text, format: 'hcl' });
      const errors = result.findings.filter((f) => f.ruleId === 'parse-error');
      assert.equal(errors.length, 1, errors.map((e) => e.message).join(' | '));
      const index = new LineIndex(text);
      assert.equal(index.positionAt(errors[0]!.span.start).line, header + 1, 'on the heredoc');
      assert.equal(errors[0]!.message, `HCL syntax error: heredoc '<<${indented ? '-' : ''}${marker}' on line ${header + 2} has no closing line ${marker}; nothing after it is read`);
      // The resources before the one holding the heredoc are read as in the file without it: no finding there is
      // new (some go: a credentials resource the heredoc swallows leaves its client's method unknown).
      const cleanResult = lintText({ path: PATH, text: clean, format: 'hcl' });
      const was = before_(clean, cleanResult, header);
      assert.deepEqual(before_(text, result, header).filter((f) => !was.includes(f)), []);
    }),
    { numRuns: 60 },
  );
});
