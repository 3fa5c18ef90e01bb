/**
 * A grant added to a YAML list is quoted as the list's last item is (`['a']` gets `'b'`, `["a"]` gets `"b"`,
 * `[a]` gets `b`), in flow and block lists, with one to three items, so a fix does not mix quoting styles in one
 * list. Every combination is generated.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../helpers/lint';

const QUOTES = { plain: (v: string) => v, single: (v: string) => `'${v}'`, double: (v: string) => `"${v}"` } as const;
const GRANTS = ['authorization_code', 'refresh_token', 'implicit'];

describe('a grant added to a YAML list is quoted as the list is', () => {
  for (const [style, quote] of Object.entries(QUOTES)) {
    for (const flow of [true, false]) {
      for (let count = 1; count <= 3; count++) {
        test(`${style}, ${flow ? 'flow' : 'block'} list of ${count}`, () => {
          const items = GRANTS.slice(0, count).map(quote);
          const list = flow ? ` [${items.join(', ')}]` : items.map((item) => `\n      - ${item}`).join('');
          const text = `clients:\n  - name: Worker\n    app_type: non_interactive\n    grant_types:${list}\n`;
          const result = lint('/t/tenant.yaml', text);
          const finding = result.findings.find((f) => f.ruleId === 'm2m-without-client-credentials');
          assert.ok(finding, result.findings.map((f) => f.ruleId).join(', '));
          const fixed = applyFix(text, result, finding.fixes[0]!);
          const added = quote('client_credentials');
          assert.ok(flow ? fixed.includes(`, ${added}]`) : fixed.includes(`\n      - ${added}\n`), fixed);
          assert.deepEqual(lint('/t/tenant.yaml', fixed).findings.filter((f) => f.ruleId === 'm2m-without-client-credentials'), []);
        });
      }
    }
  }
});
