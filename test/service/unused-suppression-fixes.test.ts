/**
 * The quick fixes of unused-suppression findings about a rule id (service/unused-suppression-fixes.ts), over
 * generated comments in YAML and Terraform HCL: `#`, `//` and `/* *\/` comments, next-line and file directives,
 * ids separated by commas and spaces, the unused id first, in the middle or last, a `-- reason`, indentation,
 * CRLF line ends, a comment on the file's last line without a line break. The ids are a rule's own id that
 * silences nothing, a misspelling of the rule whose finding the comment covers, and a word close to no rule.
 * Applying a fix must leave a file that parses as before, the finding about that id gone, every other id and the
 * reason kept as written, and the findings otherwise unchanged, except that an id changed to the rule meant
 * silences that rule's finding, as the author wanted; the change is offered only where there is such a finding
 * (U44: changed where the rule finds nothing, the comment still silenced nothing).
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { applyTextEdits, lintText, type LintFinding } from '../../server/src/engine/index';
import { unusedIdFixes } from '../../server/src/service/unused-suppression-fixes';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(async () => {
  await loadHclParser();
});

/** The rule the covered client's finding is of, and ids a comment may name besides. */
const FINDING_RULE = 'public-client-credentials';
/** Each id and what the engine makes of it on the covered client: used (silences), unused, or unknown. */
const IDS: Record<string, { readonly kind: 'used' | 'unused' | 'misspelt' | 'unknown'; readonly meant?: string }> = {
  'public-client-credentials': { kind: 'used' },
  'implicit-grant': { kind: 'unused' },
  'duplicate-grant-type': { kind: 'unused' },
  'public-client-credential': { kind: 'misspelt', meant: FINDING_RULE },
  'implicit-grnt': { kind: 'misspelt', meant: 'implicit-grant' },
  'no-such-thing-here': { kind: 'unknown' },
};

interface Form {
  readonly format: 'yaml' | 'hcl';
  readonly marker: '#' | '//' | '/*';
  readonly kind: 'next-line' | 'file';
  readonly ids: readonly string[];
  readonly separators: readonly string[];
  readonly reason: boolean;
  readonly eol: '\n' | '\r\n';
  readonly lastLineBreak: boolean;
}

const form: fc.Arbitrary<Form> = fc.record({
  format: fc.constantFrom('yaml' as const, 'hcl' as const),
  marker: fc.constantFrom('#' as const, '//' as const, '/*' as const),
  kind: fc.constantFrom('next-line' as const, 'file' as const),
  // Repeats too: a comment may name one id twice.
  ids: fc.array(fc.constantFrom(...Object.keys(IDS)), { minLength: 1, maxLength: 4 }),
  separators: fc.array(fc.constantFrom(', ', ',', ' ', ' , ', '  '), { minLength: 3, maxLength: 3 }),
  reason: fc.boolean(),
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  lastLineBreak: fc.boolean(),
});

/** The directive's comment text as the form writes it (YAML takes only `#`). */
function comment(f: Form): string {
  const list = f.ids.map((id, i) => (i === 0 ? id : `${f.separators[i - 1]}${id}`)).join('');
  const body = `grantlint-disable${f.kind === 'next-line' ? '-next-line' : ''} ${list}${f.reason ? ' -- kept for the nightly job' : ''}`;
  const marker = f.format === 'yaml' ? '#' : f.marker;
  return marker === '/*' ? `/* ${body} */` : `${marker} ${body}`;
}

/**
 * A file with a public client holding client_credentials (a public-client-credentials finding), the comment before
 * it; in HCL the comment is the file's last line when `lastLineBreak` is false (a file directive covers nothing after
 * it there, which is as good a case).
 */
function fileText(f: Form, withComment = true): string {
  const c = comment(f);
  const lines =
    f.format === 'yaml'
      ? ['clients:', `  ${c}`, '  - name: Kiosk', '    app_type: spa', '    token_endpoint_auth_method: none', '    grant_types: [client_credentials, authorization_code]']
      : [
          'resource "auth0_client" "kiosk" {',
          '  name        = "Kiosk"',
          '  app_type    = "spa"',
          '  grant_types = ["client_credentials", "authorization_code"]',
          '}',
          '',
          'resource "auth0_client_credentials" "kiosk" {',
          '  client_id             = auth0_client.kiosk.id',
          '  authentication_method = "none"',
          '}',
        ];
  const yaml = withComment ? lines : lines.filter((line) => line !== `  ${c}`);
  const placed = f.format === 'yaml' ? yaml : !withComment ? lines : f.lastLineBreak ? [c, ...lines] : [...lines, c];
  return placed.join(f.eol) + (f.lastLineBreak ? f.eol : '');
}

function lint(f: Form, text: string) {
  return lintText({ path: f.format === 'yaml' ? 'tenant.yaml' : 'main.tf', text });
}

const key = (finding: LintFinding) => `${finding.ruleId}|${finding.message}`;

test('each fix of an unused rule id leaves the file parsing, the id gone and every other finding as it was', () => {
  fc.assert(
    fc.property(form, (f) => {
      const text = fileText(f);
      const result = lint(f, text);
      assert.deepEqual(result.parsed.errors, [], text);
      const about = result.findings.filter((finding) => finding.unusedRuleId !== undefined);
      const silencingNothing = new Set(about.map((x) => x.unusedRuleId!.written));
      /** The comment with only the ids `keep` gives (by index; a string replaces the id), each with the separator written before it. */
      const rewritten = (keep: (id: string, i: number) => string | undefined): string => {
        const kept = f.ids.flatMap((id, i) => {
          const now = keep(id, i);
          return now === undefined ? [] : [{ id: now, i }];
        });
        return comment({ ...f, ids: kept.map((k) => k.id), separators: kept.slice(1).map((k) => f.separators[k.i - 1]!) });
      };
      for (const finding of about) {
        const written = finding.unusedRuleId!.written;
        const fixes = unusedIdFixes(text, finding, result.findings);
        const expected = IDS[written]!;
        const meant = finding.unusedRuleId!.meant;
        // The rule meant is given only where it has a finding the corrected comment silences: the client's
        // public-client-credentials, when the comment comes before the client (in HCL on the last line it covers nothing).
        const covers = !(f.format === 'hcl' && !f.lastLineBreak);
        assert.equal(meant, expected.kind === 'misspelt' && expected.meant === FINDING_RULE && covers ? FINDING_RULE : undefined, `${written}: meant`);
        const change = fixes.find((fix) => fix.title.startsWith('Change'));
        // A change is offered for a misspelling, unless the rule meant is named already.
        assert.equal(change !== undefined, meant !== undefined && !f.ids.includes(meant), `${written}: change offered in ${JSON.stringify(text)}`);
        const others = f.ids.filter((id) => id !== written);
        const removeId = fixes.find((fix) => fix.title === `Remove '${written}' from this grantlint-disable comment`);
        const removeWhole = fixes.find((fix) => fix.title === 'Remove this grantlint-disable comment');
        assert.equal(removeId !== undefined, others.length > 0, `${written}: ${fixes.map((x) => x.title).join(' | ')}`);
        // The whole comment goes where none of its ids silences anything.
        assert.equal(removeWhole !== undefined, others.every((id) => silencingNothing.has(id)), `${written} in ${JSON.stringify(text)}: ${fixes.map((x) => x.title).join(' | ')}`);
        // What each removal takes away: every copy of the id, or the comment and the unused findings it held.
        const gone = (x: LintFinding) => x === finding || x.unusedRuleId?.written === written;
        for (const [remove, expectedText, goes] of [
          [removeId, others.length > 0 ? text.replace(comment(f), rewritten((id) => (id === written ? undefined : id))) : '', gone],
          [removeWhole, fileText(f, false), (x: LintFinding) => x.unusedRuleId !== undefined],
        ] as const) {
          if (!remove) continue;
          const removed = applyTextEdits(text, remove.edits);
          assert.equal(removed, expectedText, `${remove.title} in ${JSON.stringify(text)}`);
          const after = lint(f, removed);
          assert.deepEqual(after.parsed.errors, [], removed);
          const before = result.findings.filter((x) => !goes(x)).map(key).sort();
          assert.deepEqual(after.findings.map(key).sort(), before, `${remove.title} in ${JSON.stringify(text)}`);
        }

        if (change) {
          const changed = applyTextEdits(text, change.edits);
          const firstAt = f.ids.indexOf(written);
          assert.equal(changed, text.replace(comment(f), rewritten((id, i) => (id !== written ? id : i === firstAt ? meant! : undefined))), changed);
          const changedResult = lint(f, changed);
          assert.deepEqual(changedResult.parsed.errors, [], changed);
          assert.ok(!changedResult.findings.some((x) => x.unusedRuleId?.written === written), 'the misspelt id is gone');
          assert.ok(!changedResult.findings.some((x) => x.unusedRuleId?.written === meant), 'the corrected id silences something');
          assert.ok(!changedResult.findings.some((x) => x.ruleId === meant), 'it silences the finding meant');
        }
      }
      // Every id no rule has, or that silences nothing, is reported with its id.
      for (const id of f.ids) if (IDS[id]!.kind !== 'used') assert.ok(about.some((x) => x.unusedRuleId!.written === id), `${id} reported in ${JSON.stringify(text)}`);
    }),
    { numRuns: 300 },
  );
});

test('a comment fixed so no longer reads as the finding says offers nothing', () => {
  const f: Form = { format: 'yaml', marker: '#', kind: 'next-line', ids: ['implicit-grant'], separators: [', ', ', ', ', '], reason: false, eol: '\n', lastLineBreak: true };
  const text = fileText(f);
  const finding = lint(f, text).findings.find((x) => x.unusedRuleId?.written === 'implicit-grant');
  assert.ok(finding);
  assert.equal(unusedIdFixes(text.replace('implicit-grant', 'implicit-graft'), finding, []).length, 0);
});
