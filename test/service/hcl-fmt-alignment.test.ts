/**
 * A quick fix that moves a comment in a Terraform file keeps terraform fmt's alignment (service/hcl-fmt-alignment.ts):
 * generated modules, aligned as terraform fmt aligns them (test/helpers/terraform-fmt-cells.ts, written line by line
 * after hclwrite's formatCells), have a trailing comment taken off one line and a comment line put above or below
 * it; the result must be what terraform fmt makes of the moved text. Runs of attributes of different key lengths,
 * nested blocks, multi-line lists with commented items, blank lines, `#` and `//`, CRLF. A file aligned otherwise
 * by its author is left as the move writes it.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { applyTextEdits, lintText, type TextEdit } from '../../server/src/engine/index';
import { withFmtAlignment } from '../../server/src/service/hcl-fmt-alignment';
import { lineEndDirectiveFixes } from '../../server/src/service/line-end-directive-fixes';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { terraformFmtCells } from '../helpers/terraform-fmt-cells';

before(async () => {
  await loadHclParser();
});

const KEYS = ['name', 'app_type', 'description', 'is_first_party', 'oidc_conformant', 'logo_uri', 'cross_origin_auth', 'initiate_login_uri'];
const VALUES = ['"Kiosk"', '"spa"', 'true', 'false', '"logo.png"', '["cb.example.com"]'];  // no '#', '//' or '=' in strings (the oracle reads lines)

const lineArb = fc.oneof(
  fc.record({ kind: fc.constant('attribute' as const), key: fc.constantFrom(...KEYS), value: fc.constantFrom(...VALUES) }),
  fc.record({ kind: fc.constant('list' as const), items: fc.array(fc.constantFrom('"authorization_code"', '"implicit"', '"refresh_token"'), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('block' as const), keys: fc.uniqueArray(fc.constantFrom('alg', 'lifetime_in_seconds', 'secret_encoded'), { minLength: 1, maxLength: 3 }) }),
  fc.constant({ kind: 'blank' as const }),
);
type Line = typeof lineArb extends fc.Arbitrary<infer T> ? T : never;

const moduleArb = fc.record({
  blocks: fc.array(fc.array(lineArb, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 2 }),
  /** Which lines get a trailing comment (a bit per line, read modulo). */
  comments: fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }),
  marker: fc.constantFrom('#', '//'),
  /** The line whose comment moves (modulo the commented lines) and where to. */
  pick: fc.nat(40),
  below: fc.boolean(),
  eol: fc.constantFrom('\n', '\r\n'),
});

/** The module's lines before alignment: each block's attributes, lists (items on lines of their own) and nested blocks. */
function rawLines(blocks: readonly (readonly Line[])[]): string[] {
  const out: string[] = [];
  blocks.forEach((block, b) => {
    out.push(`resource "auth0_client" "c${b}" {`);
    // Each attribute and nested block once (a repeat is an error Terraform reports).
    const used = new Set<string>();
    for (const line of block) {
      const key = line.kind === 'attribute' ? line.key : line.kind;
      if (line.kind !== 'blank' && used.has(key)) continue;
      used.add(key);
      if (line.kind === 'attribute') out.push(`  ${line.key} = ${line.value}`);
      else if (line.kind === 'list') out.push('  grant_types = [', ...line.items.map((item) => `    ${item},`), '  ]');
      else if (line.kind === 'block') out.push('  jwt_configuration {', ...line.keys.map((key) => `    ${key} = 1`), '  }');
      else out.push('');
    }
    out.push('}', '');
  });
  return out;
}

/** Whether a comment may end the line (not a blank, not a brace that closes, so no `}` line with the block's end). */
const commentable = (line: string): boolean => line.trim() !== '' && !/^\s*[}\]]/.test(line);

interface Moved {
  readonly text: string;
  readonly edits: TextEdit[];
}

/** The aligned module and the plain edits of the move (comment off its line, a comment line above or below it). */
function moduleWithMove(m: typeof moduleArb extends fc.Arbitrary<infer T> ? T : never): Moved | undefined {
  const lines = rawLines(m.blocks);
  let k = 0;
  const commented = lines.map((line) => (commentable(line) && m.comments[k++ % m.comments.length] ? `${line} ${m.marker} note ${k}` : line));
  const text = terraformFmtCells(commented.join('\n')).split('\n').join(m.eol);
  const withComment = text.split(m.eol).map((line, i) => ({ line, i })).filter(({ line }) => /(#|\/\/) note/.test(line));
  if (withComment.length === 0) return undefined;
  const { line, i } = withComment[m.pick % withComment.length]!;
  const all = text.split(m.eol);
  const target = m.below ? i + 1 : i;
  if (target >= all.length || all[target]!.trim() === '') return undefined;
  const offsetOf = (n: number): number => all.slice(0, n).reduce((sum, l) => sum + l.length + m.eol.length, 0);
  const comment = /\s*((#|\/\/) note \d+)$/.exec(line)!;
  const lineStart = offsetOf(i);
  const indent = /^\s*/.exec(all[target]!)![0];
  return {
    text,
    edits: [
      { start: lineStart + comment.index, end: lineStart + line.length, newText: '' },
      { start: offsetOf(target), end: offsetOf(target), newText: `${indent}${comment[1]}${m.eol}` },
    ],
  };
}

test('a comment moved in a Terraform block leaves the file as terraform fmt aligns it', () => {
  let realigned = 0;
  let moves = 0;
  fc.assert(
    fc.property(moduleArb, (m) => {
      const move = moduleWithMove(m);
      if (!move) return;
      const parsed = lintText({ path: 'main.tf', text: move.text }).parsed;
      assert.deepEqual(parsed.errors, [], move.text);
      const plain = applyTextEdits(move.text, move.edits);
      const fixed = applyTextEdits(move.text, withFmtAlignment(move.text, parsed, move.edits));
      const expected = terraformFmtCells(plain.split(m.eol).join('\n')).split('\n').join(m.eol);
      assert.equal(fixed, expected, `${JSON.stringify(move.text)}\nplain move:\n${plain}`);
      moves++;
      if (fixed !== plain) realigned++;
    }),
    { numRuns: 400 },
  );
  assert.ok(moves > 250 && realigned > 60, `${moves} moves, ${realigned} realigned`);
});

test('a block its author aligned otherwise keeps the spacing as written', () => {
  const cases = [
    // `=` signs not lined up.
    ['resource "auth0_client" "kiosk" {', '  name = "Kiosk"', '  app_type    = "spa" # note', '  grant_types = ["implicit"]', '}', ''],
    // Trailing comments lined up further right than terraform fmt puts them.
    ['resource "auth0_client" "kiosk" {', '  name     = "Kiosk"          # one', '  app_type = "spa"            # note', '  logo_uri = "logo.png"       # three', '}', ''],
  ];
  for (const lines of cases) {
    const text = lines.join('\n');
    const parsed = lintText({ path: 'main.tf', text }).parsed;
    const note = /\s+# note/.exec(text)!;
    const next = text.indexOf('\n', note.index) + 1;
    const edits: TextEdit[] = [
      { start: note.index, end: note.index + note[0].length, newText: '' },
      { start: next, end: next, newText: '  # note\n' },
    ];
    assert.equal(applyTextEdits(text, withFmtAlignment(text, parsed, edits)), applyTextEdits(text, edits), text);
  }
});

/** A public client, as terraform fmt writes it, before its credentials resource. */
const KIOSK = ['resource "auth0_client" "kiosk" {', '  name     = "Kiosk"', '  app_type = "spa"', '}', '', 'resource "auth0_client_credentials" "kiosk" {'];

test('"Change to grantlint-disable-next-line" in an aligned credentials block gives terraform fmt output', () => {
  const text = [
    ...KIOSK,
    '  client_id             = auth0_client.kiosk.id',
    '  authentication_method = "client_secret_post" # grantlint-disable-line secret-on-public-app-type',
    '}',
    '',
  ].join('\n');
  const result = lintText({ path: 'main.tf', text });
  const finding = result.findings.find((f) => f.ruleId === 'unused-suppression');
  assert.ok(finding, result.findings.map((f) => f.ruleId).join());
  const [fix] = lineEndDirectiveFixes(text, finding, result.parsed, result.findings);
  assert.ok(fix);
  const fixed = applyTextEdits(text, fix.edits);
  assert.equal(
    fixed,
    [
      ...KIOSK,
      '  client_id = auth0_client.kiosk.id',
      '  # grantlint-disable-next-line secret-on-public-app-type',
      '  authentication_method = "client_secret_post"',
      '}',
      '',
    ].join('\n'),
  );
  assert.equal(fixed, terraformFmtCells(fixed));
  assert.deepEqual(lintText({ path: 'main.tf', text: fixed }).findings.filter((f) => f.ruleId === 'secret-on-public-app-type'), []);
});
