/**
 * A grantlint-disable directive written at the end of a line silences nothing (it is reported), but it names what
 * its author wanted kept: the findings of the rules it names on its line (and, for a next-line directive, on the
 * line after) keep no fix, so `--fix`, `--fix --unsafe-fixes` and fix all never remove the item and the comment with
 * it (U45: `- .../legacy/grant-type/ro  # grantlint-disable-line legacy-grant-type` went, comment and all). Generated
 * over YAML block and flow lists and Terraform HCL lists, on one line and over several, with `#`, `//` and `/* *\/`,
 * next-line, file and ESLint's disable-line words, naming the finding's rule, another rule, or both. A directive
 * naming other rules holds nothing: those findings keep their fixes, as without the comment.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { fixAll, lintText } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(async () => {
  await loadHclParser();
});

const LEGACY_RO = 'http://auth0.com/oauth/legacy/grant-type/ro';

interface Form {
  readonly format: 'yaml-block' | 'yaml-flow' | 'hcl-one-line' | 'hcl-lines';
  readonly marker: '#' | '//' | '/*';
  readonly word: 'grantlint-disable-line' | 'grantlint-disable-next-line' | 'grantlint-disable';
  /** What the directive names: the rule of the finding on the commented item, another rule, or both. */
  readonly names: 'own' | 'other' | 'both';
  /** Which grant the comment follows (the legacy `ro` grant's line, or `client_credentials` on a public client). */
  readonly grant: 'ro' | 'cc';
  /** A next-line directive: written at the end of the line before the item's (ESLint's reading), or of its own. */
  readonly lineBefore: boolean;
}

const form: fc.Arbitrary<Form> = fc.record({
  format: fc.constantFrom('yaml-block' as const, 'yaml-flow' as const, 'hcl-one-line' as const, 'hcl-lines' as const),
  marker: fc.constantFrom('#' as const, '//' as const, '/*' as const),
  word: fc.constantFrom('grantlint-disable-line' as const, 'grantlint-disable-next-line' as const, 'grantlint-disable' as const),
  names: fc.constantFrom('own' as const, 'other' as const, 'both' as const),
  grant: fc.constantFrom('ro' as const, 'cc' as const),
  lineBefore: fc.boolean(),
});

const RULE = { ro: 'legacy-grant-type', cc: 'public-client-credentials' } as const;

function directive(f: Form): string {
  const own = RULE[f.grant];
  const ids = f.names === 'own' ? own : f.names === 'other' ? 'duplicate-grant-type' : `duplicate-grant-type, ${own} -- kept for the kiosk`;
  const marker = f.format.startsWith('yaml') ? '#' : f.marker;
  const body = `${f.word} ${ids}`;
  return marker === '/*' ? `/* ${body} */` : `${marker} ${body}`;
}

/** A public client with the legacy grant and client_credentials, the comment at the end of the chosen line. */
function fileOf(f: Form, withComment: boolean): { path: string; text: string } {
  const c = withComment ? `  ${directive(f)}` : '';
  const grants = ['authorization_code', f.grant === 'ro' ? LEGACY_RO : 'refresh_token', f.grant === 'cc' ? 'client_credentials' : 'implicit'];
  const at = f.grant === 'ro' ? 1 : 2;
  // The line the comment ends: the item's, or (a next-line directive written ESLint's way) the one before.
  const before = f.word === 'grantlint-disable-next-line' && f.lineBefore;
  if (f.format === 'yaml-block' || f.format === 'yaml-flow') {
    const head = ['clients:', '  - name: Kiosk', '    app_type: spa', '    token_endpoint_auth_method: none'];
    if (f.format === 'yaml-block') {
      const items = grants.map((g) => `      - ${g}`);
      const lines = [...head, '    grant_types:', ...items];
      lines[head.length + at + (before ? 0 : 1)] += c;
      return { path: '/t/tenant.yaml', text: `${lines.join('\n')}\n` };
    }
    const items = grants.map((g, i) => `      ${g}${i < grants.length - 1 ? ',' : ''}`);
    const lines = [...head, '    grant_types: [', ...items, '    ]'];
    lines[head.length + at + (before ? 0 : 1)] += c;
    return { path: '/t/tenant.yaml', text: `${lines.join('\n')}\n` };
  }
  const head = ['resource "auth0_client" "kiosk" {', '  name     = "Kiosk"', '  app_type = "spa"'];
  const tail = ['}', '', 'resource "auth0_client_credentials" "kiosk" {', '  client_id             = auth0_client.kiosk.id', '  authentication_method = "none"', '}'];
  if (f.format === 'hcl-one-line') {
    // One line holds every grant: the comment ends it (a next-line directive written before it ends app_type's).
    const lines = [...head, `  grant_types = [${grants.map((g) => `"${g}"`).join(', ')}]`, ...tail];
    lines[head.length - (before ? 1 : 0)] += c;
    return { path: '/m/main.tf', text: `${lines.join('\n')}\n` };
  }
  const lines = [...head, '  grant_types = [', ...grants.map((g) => `    "${g}",`), '  ]', ...tail];
  lines[head.length + at + (before ? 0 : 1)] += c;
  return { path: '/m/main.tf', text: `${lines.join('\n')}\n` };
}

test('a directive at the end of a line holds back the fixes of the findings it names there; fix all keeps the item and the comment', () => {
  let held = 0;
  fc.assert(
    fc.property(form, (f) => {
      const plain = fileOf(f, false);
      const { path, text } = fileOf(f, true);
      const result = lintText({ path, text });
      assert.deepEqual(result.parsed.errors, [], text);
      const own = RULE[f.grant];
      const finding = result.findings.find((x) => x.ruleId === own);
      assert.ok(finding, `${own} in ${text}`);
      const named = f.names !== 'other';
      if (!named) {
        // Naming other rules, it holds nothing: the findings and their fixes are as without the comment.
        const without = lintText(plain).findings.filter((x) => x.ruleId !== 'unused-suppression');
        const withIt = result.findings.filter((x) => x.ruleId !== 'unused-suppression');
        assert.deepEqual(withIt.map((x) => x.fixes.map((fix) => fix.title)), without.map((x) => x.fixes.map((fix) => fix.title)));
        assert.deepEqual(withIt.map((x) => x.ruleId), without.map((x) => x.ruleId));
        return;
      }
      assert.deepEqual(finding.fixes, [], `no fix while the comment may mean it: ${text}`);
      assert.equal(finding.fixesHeldBySuppression && 'misplaced' in finding.fixesHeldBySuppression && finding.fixesHeldBySuppression.lineEnd, true);
      held++;
      // Fix all, safe and unsafe: the commented line is kept whole (the item and the comment).
      const commented = text.split('\n').find((line) => line.includes(directive(f)))!;
      for (const unsafe of [false, true]) {
        const fixed = fixAll({ path, text }, { unsafe });
        assert.ok(fixed.text.includes(commented), `${unsafe ? 'unsafe ' : ''}fix all kept ${JSON.stringify(commented)}:\n${fixed.text}`);
        assert.ok(fixed.result.findings.some((x) => x.ruleId === own), `${own} still reported after fix all`);
      }
    }),
    { numRuns: 300 },
  );
  assert.ok(held > 100, `${held} held`);
});
