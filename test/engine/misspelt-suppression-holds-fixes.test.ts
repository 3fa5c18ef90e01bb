/**
 * A suppression comment naming a misspelt rule id (one unused-suppression's did-you-mean reads as rule R) holds
 * back R's fixes where the comment applies: fix all (`--fix`, `--fix --unsafe-fixes`, the editor's fix all) leaves
 * the text exactly as it leaves it with the id spelt right, and R's finding stays, its message saying why.
 * Generated: every fixable rule's YAML and Terraform HCL examples (docs/rules/*.md) on which the rule fires with a
 * fix; comment kinds `grantlint-disable-next-line` before the finding's line and before the client, and
 * `grantlint-disable` at the top of the file, with `#` (YAML, HCL) and `//` (HCL); misspellings with a letter
 * dropped, two letters swapped, and the case changed. JSON takes no comments (its stray ones are reported), so
 * it is not generated.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { DEFAULT_SETTINGS, fixAll, LineIndex, lintText, type FileSettings, type LintResult } from '../../server/src/engine/index';
import { ALL_RULES } from '../../server/src/engine/rules/index';
import { closestName } from '../../server/src/engine/did-you-mean';
import { analyze } from '../../server/src/service/analysis';
import { messageWithNotes } from '../../server/src/service/finding-message';
import { reportFindings } from '../../server/src/service/findings';
import { fixAllEdit } from '../../server/src/service/fix-all';
import { hoverAt } from '../../server/src/service/hover';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

const DOCS = join(__dirname, '..', '..', 'docs', 'rules');
/** Settings with unused-suppression off. */
const QUIET: FileSettings = { ...DEFAULT_SETTINGS, rules: new Map([...DEFAULT_SETTINGS.rules, ['unused-suppression', 'off']]) };
const RULE_IDS = ALL_RULES.map((rule) => rule.id);
const FIXABLE = ALL_RULES.filter((rule) => rule.fixable && rule.id !== 'unused-suppression').map((rule) => rule.id);

interface Example {
  readonly ruleId: string;
  readonly file: string;
  readonly text: string;
}

/** The YAML and HCL examples of a rule's docs page. */
function examples(ruleId: string): Example[] {
  const lines = readFileSync(join(DOCS, `${ruleId}.md`), 'utf8').split('\n');
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(?:yaml|hcl) file=(\S+)$/.exec(lines[i]!);
    if (!fence) continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    out.push({ ruleId, file: fence[1]!, text: body.join('\n') + '\n' });
  }
  return out;
}

/** Misspellings of an id: a letter dropped (first, middle, last), two neighbours swapped, upper case, a capital. */
function misspellings(id: string): string[] {
  const mid = Math.floor(id.length / 2);
  const drop = (i: number) => id.slice(0, i) + id.slice(i + 1);
  const swap = (i: number) => id.slice(0, i) + id[i + 1]! + id[i]! + id.slice(i + 2);
  return [...new Set([drop(1), drop(mid), drop(id.length - 1), swap(2), swap(mid), id.toUpperCase(), id.charAt(0).toUpperCase() + id.slice(1)])].filter(
    (written) => written !== id,
  );
}

/** Inserts a comment line before line `line` (0-based), indented as that line. */
function commentBefore(text: string, line: number, marker: string, body: string): string {
  const lines = text.split('\n');
  const indent = /^\s*/.exec(lines[line]!)![0];
  lines.splice(line, 0, `${indent}${marker} ${body}`);
  return lines.join('\n');
}

interface Placed {
  readonly kind: string;
  /** The text with the comment naming `id`. */
  readonly make: (id: string) => string;
}

/** The comment kinds for a finding at `offset` of the example: before its line, before its client, the whole file. */
function placements(example: Example, result: LintResult, offset: number): Placed[] {
  const lines = new LineIndex(example.text);
  const hcl = example.file.endsWith('.tf');
  const markers = hcl ? ['#', '//'] : ['#'];
  const out: Placed[] = [];
  const findingLine = lines.positionAt(offset).line;
  const client = result.clients.find((c) => c.node.start <= offset && offset < c.node.end);
  for (const marker of markers) {
    out.push({ kind: `${marker} next-line before the finding`, make: (id) => commentBefore(example.text, findingLine, marker, `grantlint-disable-next-line ${id} -- kept on purpose`) });
    if (client) {
      // The client's own line: HCL's `resource` line, YAML's list item line (its `-`).
      const clientLine = lines.positionAt(client.node.start).line;
      out.push({ kind: `${marker} next-line before the client`, make: (id) => commentBefore(example.text, clientLine, marker, `grantlint-disable-next-line ${id}`) });
    }
    out.push({ kind: `${marker} file`, make: (id) => `${marker} grantlint-disable ${id}\n${example.text}` });
  }
  return out;
}

function countOf(result: LintResult, ruleId: string): number {
  return result.findings.filter((f) => f.ruleId === ruleId).length;
}

describe('a misspelt suppression id holds back the fixes of the rule it means', () => {
  const cases = FIXABLE.flatMap(examples);
  let checked = 0;
  const rulesChecked = new Set<string>();
  for (const example of cases) {
    test(`${example.ruleId}: ${example.file}`, () => {
      const plain = lintText({ path: example.file, text: example.text });
      if (plain.parsed.errors.length > 0) return;
      const fired = plain.findings.find((f) => f.ruleId === example.ruleId && f.fixes.length > 0);
      if (!fired) return;
      for (const placed of placements(example, plain, fired.span.start)) {
        const rightText = placed.make(example.ruleId);
        const right = lintText({ path: example.file, text: rightText });
        // Only where the id spelt right silences the finding does the comment cover it.
        const silenced = countOf(plain, example.ruleId) - countOf(right, example.ruleId);
        if (silenced === 0 || right.parsed.errors.length > 0) continue;
        for (const written of misspellings(example.ruleId)) {
          if (closestName(written, RULE_IDS) !== example.ruleId) continue;
          const text = placed.make(written);
          const what = `${placed.kind}, '${written}':\n${text}`;
          const wrong = lintText({ path: example.file, text });
          const held = wrong.findings.filter((f) => f.ruleId === example.ruleId && f.fixesHeldBySuppression);
          assert.equal(held.length, silenced, `every finding the right id silences is held: ${what}`);
          const lines = new LineIndex(text);
          for (const finding of held) {
            assert.equal(finding.fixes.length, 0, `no fix is offered: ${what}`);
            const message = messageWithNotes(finding, (o) => lines.positionAt(o));
            assert.ok(message.length <= 120, `at most 120 characters: ${message}`);
            assert.match(message, /no fix: .*may mean (this rule|to disable it)/, `the message says why: ${what}`);
            assert.ok(message.includes(`line ${lines.positionAt(finding.fixesHeldBySuppression!.commentStart).line + 1}`), `names the comment's line: ${message}`);
          }
          assert.ok(
            wrong.findings.some((f) => f.ruleId === 'unused-suppression' && f.message.includes(`did you mean '${example.ruleId}'`)),
            `the misspelling is still reported: ${what}`,
          );
          for (const unsafe of [false, true]) {
            // unused-suppression off in both: spelt right, a fix that would make the comment unused raises a new
            // warning, which holds an unsafe fix back; misspelt, the comment is reported already.
            const fixedWrong = fixAll({ path: example.file, text, settings: QUIET }, { unsafe }).text;
            const fixedRight = fixAll({ path: example.file, text: rightText, settings: QUIET }, { unsafe }).text;
            // The comment's id is the only difference: fix all does what it does with the id spelt right.
            assert.equal(fixedWrong.replace(written, example.ruleId), fixedRight, `fix all (unsafe: ${unsafe}) leaves what the comment covers: ${what}`);
          }
          checked++;
          rulesChecked.add(example.ruleId);
        }
      }
    });
  }
  test('the generator reaches most fixable rules', () => {
    assert.ok(checked > 500, `${checked} cases checked`);
    assert.ok(rulesChecked.size >= FIXABLE.length * 0.8, `rules checked: ${[...rulesChecked].sort().join(', ')} of ${FIXABLE.length}`);
  });
});

/** The docs pages exist for every fixable rule (the generator reads them). */
test('every fixable rule has a docs page', () => {
  const pages = new Set(readdirSync(DOCS));
  for (const id of FIXABLE) assert.ok(pages.has(`${id}.md`), id);
});

/** The editor: the diagnostic and hover say why and no quick fix is offered; fix all (on save too) leaves the file as it is. */
test('the editor holds the fixes of the rule a misspelt id means', () => {
  const text = [
    'clients:',
    '  # grantlint-disable-next-line public-client-credential',
    '  - name: Widget',
    '    app_type: spa',
    '    token_endpoint_auth_method: none',
    '    grant_types: [authorization_code, client_credentials]',
    '',
  ].join('\n');
  const analysis = analyze({ path: '/work/tenant.yaml', text, settings: DEFAULT_SETTINGS })!;
  const report = reportFindings(analysis).find((r) => r.ruleId === 'public-client-credentials')!;
  assert.equal(report.message, 'client_credentials needs a confidential client; this one is public. (no fix: the comment on line 2 may mean this rule)');
  assert.deepEqual(report.fixes, []);
  assert.equal(fixAllEdit(analysis), undefined);
  const hover = hoverAt(analysis, text.lastIndexOf('client_credentials') + 1)!.markdown;
  assert.match(hover, /No fix:\*\* the grantlint-disable comment on line 2 names `public-client-credential`, which may mean `public-client-credentials`/);
});
