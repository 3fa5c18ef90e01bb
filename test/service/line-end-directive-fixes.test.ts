/**
 * The quick fixes of a directive that silences nothing where it is written (service/line-end-directive-fixes.ts):
 * a directive at the end of a line moves to a line of its own above (or below, or above the line of a finding it
 * names in its client), and ESLint's `grantlint-disable-line` becomes
 * `grantlint-disable-next-line` (moved above too when it ends a line). Generated YAML and Terraform HCL clients put
 * the comment at the end of every kind of line (a `- name:` entry, a key, a block list's item, a multi-line flow
 * list's opening and items, an HCL block's header, an attribute, a list item), with `#`, `//` and one-line `/* *\/`
 * comments, LF and CRLF, a last line without a line break. The fixed text must be exactly the file written with the
 * comment on its own line above (which the engine reads as a directive, silencing what it names there), and the fix
 * is not offered where a comment line would break the file: a YAML line that continues a multi-line scalar.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { applyTextEdits, lintText, type LintFinding } from '../../server/src/engine/index';
import { lineEndDirectiveFixes } from '../../server/src/service/line-end-directive-fixes';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { terraformFmtCells } from '../helpers/terraform-fmt-cells';

before(async () => {
  await loadHclParser();
});

/**
 * A line of a file, whether a comment line may go before it (false: it continues a multi-line scalar, or closes a
 * flow list), and whether a comment may end it (not the first line of a multi-line plain scalar, which a comment
 * would end there).
 */
interface Line {
  readonly text: string;
  readonly startsNode: boolean;
  readonly takesComment?: false;
}

const node = (text: string): Line => ({ text, startsNode: true });
/** A line that closes a bracket: a comment may end it, but a comment line before it would tie to a later node. */
const closing = (text: string): Line => ({ text, startsNode: false });

/** A public client holding client_credentials and implicit: findings of public-client-credentials and others. */
function yamlLines(flowCallbacks: boolean): Line[] {
  return [
    node('clients:'),
    node('  - name: Kiosk'),
    node('    app_type: spa'),
    node('    token_endpoint_auth_method: none'),
    { text: '    description: a kiosk in', startsNode: true, takesComment: false },
    { text: '      the lobby', startsNode: false },
    node('    grant_types:'),
    node('      - client_credentials'),
    node('      - implicit'),
    ...(flowCallbacks ? [node('    callbacks: ['), node('      "https://kiosk.example.com/a",'), node('      "https://kiosk.example.com/b"'), closing('    ]')] : [node('    callbacks: ["https://kiosk.example.com/a"]')]),
  ];
}

function hclLines(): Line[] {
  return [
    node('resource "auth0_client" "kiosk" {'),
    node('  name     = "Kiosk"'),
    node('  app_type = "spa"'),
    node('  grant_types = ['),
    node('    "client_credentials",'),
    node('    "implicit",'),
    closing('  ]'),
    closing('}'),
    node(''),
    node('resource "auth0_client_credentials" "kiosk" {'),
    node('  client_id             = auth0_client.kiosk.id'),
    node('  authentication_method = "none"'),
    closing('}'),
  ];
}

interface Form {
  readonly format: 'yaml' | 'hcl';
  readonly flowCallbacks: boolean;
  readonly marker: '#' | '//' | '/*';
  readonly directive: 'grantlint-disable-next-line' | 'grantlint-disable-line';
  readonly ids: string;
  /** Which line the comment ends (an index into the lines that have text, taken modulo their count). */
  readonly line: number;
  readonly ownLine: boolean;
  readonly blanks: string;
  readonly eol: '\n' | '\r\n';
  readonly lastLineBreak: boolean;
}

const form: fc.Arbitrary<Form> = fc.record({
  format: fc.constantFrom('yaml' as const, 'hcl' as const),
  flowCallbacks: fc.boolean(),
  marker: fc.constantFrom('#' as const, '//' as const, '/*' as const),
  directive: fc.constantFrom('grantlint-disable-next-line' as const, 'grantlint-disable-line' as const),
  ids: fc.constantFrom('public-client-credentials', 'implicit-grant', 'public-client-credentials, implicit-grant -- kiosk only'),
  line: fc.nat(40),
  ownLine: fc.boolean(),
  blanks: fc.constantFrom(' ', '  ', '\t', '   '),
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  lastLineBreak: fc.boolean(),
});

function commentOf(f: Form, directive: string = f.directive): string {
  const marker = f.format === 'yaml' ? '#' : f.marker;
  const body = `${directive} ${f.ids}`;
  return marker === '/*' ? `/* ${body} */` : `${marker} ${body}`;
}

const lint = (f: Form, text: string) => lintText({ path: f.format === 'yaml' ? 'tenant.yaml' : 'main.tf', text });

interface Placed {
  readonly text: string;
  /** The file with the comment as the fix should write it, on its own line; undefined where no fix is offered. */
  readonly expected: string | undefined;
  readonly comment: string;
}

/** How many findings of the rules the form's comment names a text has (fewer: the comment silences some). */
function named(f: Form, text: string): number {
  const ids = f.ids.split(/\s--\s/)[0]!.split(/[\s,]+/);
  return lint(f, text).findings.filter((x) => ids.includes(x.ruleId)).length;
}

function place(f: Form): Placed {
  const lines = f.format === 'yaml' ? yamlLines(f.flowCallbacks) : hclLines();
  const withText = lines.map((line, i) => ({ line, i })).filter(({ line }) => line.text.trim() !== '' && (f.ownLine ? line.startsNode : line.takesComment !== false));
  const { i } = withText[f.line % withText.length]!;
  const comment = commentOf(f);
  const join = (all: readonly string[]) => all.join(f.eol) + (f.lastLineBreak ? f.eol : '');
  const before = (j: number, c: string) => join([...lines.slice(0, j).map((l) => l.text), `${/^\s*/.exec(lines[j]!.text)![0]}${c}`, ...lines.slice(j).map((l) => l.text)]);
  if (f.ownLine) {
    // On its own line: only ESLint's word is changed.
    return { text: before(i, comment), expected: f.directive === 'grantlint-disable-line' ? before(i, commentOf(f, 'grantlint-disable-next-line')) : undefined, comment };
  }
  const text = join(lines.map((l, j) => (j === i ? `${l.text}${f.blanks}${comment}` : l.text)));
  // Where the directive may go: before this line or the next one with text, where it starts a key or a value (not
  // a line that continues a YAML scalar or closes a bracket); else before the line of a finding it names.
  const next = lines.findIndex((l, j) => j > i && l.text.trim() !== '');
  const valid = (j: number) => j >= 0 && lines[j]!.startsNode;
  // Else the line of a finding it names in its client (Terraform: or credentials resource), in file order.
  const entryOf = (j: number) => (f.format === 'yaml' ? (j >= 1 ? 0 : -1) : j <= 7 ? 0 : j >= 9 ? 1 : -1);
  const ids = f.ids.split(/\s--\s/)[0]!.split(/[\s,]+/);
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length - 1;
  const findingLines = lint(f, text)
    .findings.filter((x) => ids.includes(x.ruleId) && !x.fromOtherFile)
    .map((x) => lineOf(x.span.start))
    .filter((j) => entryOf(j) >= 0 && entryOf(j) === entryOf(i));
  const candidates = [...(f.directive === 'grantlint-disable-next-line' ? [next, i] : [i, next]), ...findingLines].filter(valid);
  // The first, in the order the directive's words give, where it silences a finding it names (the engine says);
  // none where it would silence nothing. Terraform: as terraform fmt aligns the lines around it.
  const aligned = (moved: string): string => (f.format === 'hcl' ? terraformFmtCells(moved.split(f.eol).join('\n')).split('\n').join(f.eol) : moved);
  const moved = candidates.map((j) => aligned(before(j, commentOf(f, 'grantlint-disable-next-line'))));
  const lineEnd = named(f, text);
  const expected = moved.find((candidate) => named(f, candidate) < lineEnd);
  return { text, expected, comment };
}

/** The unused-suppression finding on the comment, which every placement here makes (it silences nothing there). */
function findingOn(findings: readonly LintFinding[], text: string, comment: string): LintFinding | undefined {
  return findings.find((x) => x.ruleId === 'unused-suppression' && text.slice(x.span.start, x.span.end) === comment);
}

test('a directive at the end of a line, or written as grantlint-disable-line, is moved or changed to the directive on its own line above', () => {
  let moved = 0;
  let withheld = 0;
  fc.assert(
    fc.property(form, (f) => {
      const { text, expected, comment } = place(f);
      const result = lint(f, text);
      assert.deepEqual(result.parsed.errors, [], text);
      const finding = findingOn(result.findings, text, comment);
      if (f.ownLine && f.directive === 'grantlint-disable-next-line') {
        // A directive on its own line is no line-end one: whatever it is told, these fixes are not for it.
        if (finding) assert.deepEqual(lineEndDirectiveFixes(text, finding, result.parsed, result.findings), []);
        return;
      }
      assert.ok(finding, `the comment is reported: ${JSON.stringify(text)}`);
      const fixes = lineEndDirectiveFixes(text, finding, result.parsed, result.findings);
      if (expected === undefined) {
        assert.deepEqual(fixes, [], `no fix where no comment line may go: ${JSON.stringify(text)}`);
        withheld++;
        return;
      }
      assert.equal(fixes.length, 1, JSON.stringify(text));
      const fixed = applyTextEdits(text, fixes[0]!.edits);
      assert.equal(fixed, expected, `${fixes[0]!.title}\n${JSON.stringify(text)}`);
      const after = lint(f, fixed);
      assert.deepEqual(after.parsed.errors, []);
      // The directive is read as one where it now stands: what it is told now is about what it names there.
      const again = findingOn(after.findings, fixed, commentOf(f, 'grantlint-disable-next-line'));
      assert.ok(!again || !/end of a line|line's end|the directives are/.test(again.message), `${again?.message}`);
      moved++;
    }),
    { numRuns: 400, includeErrorInReport: true },
  );
  assert.ok(moved > 150 && withheld > 3, `${moved} fixed, ${withheld} withheld`);
});

test('moved above the line it ended, a directive silences the finding it names there', () => {
  const text = 'clients:\n  - name: Kiosk\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: [authorization_code, client_credentials]  # grantlint-disable-next-line public-client-credentials\n';
  const result = lintText({ path: 'tenant.yaml', text });
  assert.deepEqual(result.findings.map((x) => x.ruleId).sort(), ['public-client-credentials', 'unused-suppression']);
  const [fix] = lineEndDirectiveFixes(text, result.findings.find((x) => x.ruleId === 'unused-suppression')!, result.parsed, result.findings);
  assert.equal(fix?.title, 'Move this comment to its own line above');
  const fixed = applyTextEdits(text, fix.edits);
  assert.equal(fixed, 'clients:\n  - name: Kiosk\n    app_type: spa\n    token_endpoint_auth_method: none\n    # grantlint-disable-next-line public-client-credentials\n    grant_types: [authorization_code, client_credentials]\n');
  assert.deepEqual(lintText({ path: 'tenant.yaml', text: fixed }).findings, []);
});
