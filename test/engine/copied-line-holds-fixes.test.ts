/**
 * A directive at the end of a line of YAML anchored text (where it silences nothing) holds the fixes of the findings
 * it names in every client or client grant that takes that line through an alias or merge key (U47: a
 * `- <<: *mgmt_grant` grant took the anchored grant's `audience:` line with its keep comment, and --fix removed it).
 * Generated tenant.yaml files: an anchored client grant merged by others (each overriding `client_id`), and a
 * client-settings anchor under `x-` merged by one client, written as block or flow lists; the comment at the end of
 * every line of the anchored text, naming the rule or another one. A merging entry is held exactly when the comment
 * is on a line whose text it resolves to (not a key it overrides), and fix all, safe or unsafe, then keeps it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fixAll, lintText } from '../../server/src/engine/index';

/** A line of the file, and whether a merging entry takes its text (undefined: not in the anchored text). */
interface Line {
  readonly text: string;
  readonly copied?: boolean;
}

interface Layout {
  readonly lines: readonly Line[];
  readonly rule: string;
  /** The text of each merging entry's first line: present after fix all exactly when the entry is kept. */
  readonly merging: readonly string[];
}

function grantsLayout(merges: number, flowScopes: boolean): Layout {
  const lines: Line[] = [{ text: 'clients:' }];
  for (let i = 0; i <= merges; i++) lines.push({ text: `  - name: Partner ${i}` }, { text: '    app_type: regular_web' }, { text: '    is_first_party: false' }, { text: '    grant_types: [authorization_code]' });
  lines.push({ text: 'clientGrants:' });
  lines.push({ text: '  - &mgmt_grant', copied: false }, { text: '    client_id: Partner 0', copied: false }, { text: '    audience: https://example.eu.auth0.com/api/v2/', copied: true });
  if (flowScopes) lines.push({ text: '    scope: [read:users,', copied: true }, { text: '      update:users]', copied: true });
  else lines.push({ text: '    scope:', copied: true }, { text: '      - read:users', copied: true });
  const merging: string[] = [];
  for (let i = 1; i <= merges; i++) {
    lines.push({ text: '  - <<: *mgmt_grant' }, { text: `    client_id: Partner ${i}` });
    merging.push(`    client_id: Partner ${i}`);
  }
  return { lines, rule: 'third-party-system-api-grant', merging };
}

function clientLayout(flowGrants: boolean): Layout {
  const lines: Line[] = [{ text: 'x-spa: &spa', copied: false }, { text: '  app_type: spa', copied: true }, { text: '  token_endpoint_auth_method: none', copied: true }];
  if (flowGrants) lines.push({ text: '  grant_types: [authorization_code,', copied: true }, { text: '    client_credentials]', copied: true });
  else lines.push({ text: '  grant_types:', copied: true }, { text: '    - authorization_code', copied: true }, { text: '    - client_credentials', copied: true });
  lines.push({ text: '  description: Kiosk', copied: false });
  lines.push({ text: 'clients:' }, { text: '  - <<: *spa' }, { text: '    name: Kiosk' }, { text: '    description: Kiosk SPA' });
  return { lines, rule: 'public-client-credentials', merging: ['    client_credentials]', '    - client_credentials'].filter((item) => lines.some((l) => l.text === item)) };
}

const caseArb = fc.record({
  form: fc.constantFrom('grants', 'client'),
  merges: fc.integer({ min: 1, max: 2 }),
  flow: fc.boolean(),
  line: fc.nat(20),
  namesOwn: fc.boolean(),
  word: fc.constantFrom('grantlint-disable-line', 'grantlint-disable-next-line'),
});

test("a keep comment on a line of anchored text holds the findings of the entries that take that line", () => {
  const seen = { held: 0, free: 0 };
  fc.assert(
    fc.property(caseArb, (c) => {
      const layout = c.form === 'grants' ? grantsLayout(c.merges, c.flow) : clientLayout(c.flow);
      const anchored = layout.lines.map((line, i) => ({ line, i })).filter(({ line }) => line.copied !== undefined);
      const { line: target, i: at } = anchored[c.line % anchored.length]!;
      const comment = `# ${c.word} ${c.namesOwn ? layout.rule : 'implicit-grant'}`;
      const text = `${layout.lines.map((line, i) => (i === at ? `${line.text}  ${comment}` : line.text)).join('\n')}\n`;
      const result = lintText({ path: 'tenant.yaml', text });
      assert.deepEqual(result.parsed.errors, [], text);
      const lineOf = (offset: number) => text.slice(0, offset).split('\n').length - 1;
      const firstMerging = layout.lines.findIndex((line) => line.text.startsWith('  - <<:'));
      const mergingFindings = result.findings.filter((f) => f.ruleId === layout.rule && lineOf(f.span.start) >= firstMerging);
      assert.equal(mergingFindings.length, c.form === 'grants' ? c.merges : 1, text);
      // A next-line directive at a line's end may also mean the line after (as ESLint reads it).
      const meant = target.copied === true || (c.word === 'grantlint-disable-next-line' && layout.lines[at + 1]?.copied === true);
      const held = c.namesOwn && meant;
      for (const finding of mergingFindings) {
        if (held) {
          assert.deepEqual(finding.fixes, [], `held:\n${text}`);
          assert.equal(finding.fixesHeldBySuppression?.commentStart, text.indexOf(comment), text);
        } else {
          assert.ok(finding.fixes.length > 0, `not held:\n${text}`);
          assert.equal(finding.fixesHeldBySuppression, undefined, text);
        }
      }
      for (const unsafe of [false, true]) {
        const fixed = fixAll({ path: 'tenant.yaml', text }, { unsafe }).text;
        // A comment naming the rule keeps what its own line says, wherever it holds; one naming another rule may go
        // with the item or grant fix all removes.
        if (c.namesOwn) assert.ok(fixed.includes(comment), `the comment stays:\n${fixed}`);
        for (const first of layout.merging) assert.equal(fixed.includes(first), held, `${unsafe ? 'unsafe ' : ''}fix all ${held ? 'keeps' : 'fixes'} ${JSON.stringify(first)}:\n${text}\n->\n${fixed}`);
      }
      seen[held ? 'held' : 'free']++;
    }),
    { numRuns: 300, includeErrorInReport: true },
  );
  assert.ok(seen.held > 50 && seen.free > 50, JSON.stringify(seen));
});
