/**
 * A directive at the end of a line of YAML anchored text (where it silences nothing) holds the fixes of the findings
 * it names in every client or client grant that takes that text through an alias or merge key (U47: a
 * `- <<: *mgmt_grant` grant took the anchored grant's `audience:` line with its keep comment, and --fix removed it;
 * U49: a comment after `- &mgmt_grant` or `x-spa: &spa` held nothing). Generated tenant.yaml files: an anchored
 * client grant merged by others (each overriding `client_id`), and a client-settings anchor under `x-` merged by one
 * client, written as block or flow lists; the comment, either word, at the end of every line of the file, naming the
 * rule or another one. A merging entry is held exactly when the comment is in the anchored text (its `&name` line
 * to its last, keys the entry overrides included) or in the entry itself, and fix all, safe or unsafe, then keeps it,
 * also after any quick fix offered on the comment itself.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { applyTextEdits, fixAll, lintText } from '../../server/src/engine/index';
import { lineEndDirectiveFixes } from '../../server/src/service/line-end-directive-fixes';

/**
 * A line of the file and whose it is: the anchored text's (from its `&name` line to its last), a merging entry's own
 * (by index), or none's.
 */
interface Line {
  readonly text: string;
  readonly role: 'anchored' | number | 'other';
}

interface Layout {
  readonly lines: readonly Line[];
  readonly rule: string;
  /** The text of each merging entry's line that fix all removes when the entry is not kept. */
  readonly merging: readonly string[];
}

function grantsLayout(merges: number, flowScopes: boolean): Layout {
  const lines: Line[] = [{ text: 'clients:', role: 'other' }];
  // A client's lines hold its client grant's findings (Partner i's grant is the merging entry i - 1).
  for (let i = 0; i <= merges; i++) lines.push(...[`  - name: Partner ${i}`, '    app_type: regular_web', '    is_first_party: false', '    grant_types: [authorization_code]'].map((text) => ({ text, role: i === 0 ? ('other' as const) : i - 1 })));
  lines.push({ text: 'clientGrants:', role: 'other' });
  const anchored = ['  - &mgmt_grant', '    client_id: Partner 0', '    audience: https://example.eu.auth0.com/api/v2/', ...(flowScopes ? ['    scope: [read:users,', '      update:users]'] : ['    scope:', '      - read:users'])];
  lines.push(...anchored.map((text) => ({ text, role: 'anchored' as const })));
  const merging: string[] = [];
  for (let i = 1; i <= merges; i++) {
    lines.push({ text: '  - <<: *mgmt_grant', role: i - 1 }, { text: `    client_id: Partner ${i}`, role: i - 1 });
    merging.push(`    client_id: Partner ${i}`);
  }
  return { lines, rule: 'third-party-system-api-grant', merging };
}

function clientLayout(flowGrants: boolean): Layout {
  const anchored = ['x-spa: &spa', '  app_type: spa', '  token_endpoint_auth_method: none', ...(flowGrants ? ['  grant_types: [authorization_code,', '    client_credentials]'] : ['  grant_types:', '    - authorization_code', '    - client_credentials']), '  description: Kiosk'];
  const lines: Line[] = [...anchored.map((text) => ({ text, role: 'anchored' as const })), { text: 'clients:', role: 'other' }];
  lines.push(...['  - <<: *spa', '    name: Kiosk', '    description: Kiosk SPA'].map((text) => ({ text, role: 0 })));
  return { lines, rule: 'public-client-credentials', merging: [flowGrants ? '    client_credentials]' : '    - client_credentials'] };
}

const caseArb = fc.record({
  form: fc.constantFrom('grants', 'client'),
  merges: fc.integer({ min: 1, max: 2 }),
  flow: fc.boolean(),
  line: fc.nat(30),
  namesOwn: fc.boolean(),
  word: fc.constantFrom('grantlint-disable-line', 'grantlint-disable-next-line'),
});

test("a keep comment on a line of anchored text holds the findings of the entries that take that line", () => {
  const seen = { held: 0, free: 0, moves: 0 };
  fc.assert(
    fc.property(caseArb, (c) => {
      const layout = c.form === 'grants' ? grantsLayout(c.merges, c.flow) : clientLayout(c.flow);
      const at = c.line % layout.lines.length;
      const target = layout.lines[at]!;
      const comment = `# ${c.word} ${c.namesOwn ? layout.rule : 'implicit-grant'}`;
      const text = `${layout.lines.map((line, i) => (i === at ? `${line.text}  ${comment}` : line.text)).join('\n')}\n`;
      const result = lintText({ path: 'tenant.yaml', text });
      assert.deepEqual(result.parsed.errors, [], text);
      const lineOf = (offset: number) => text.slice(0, offset).split('\n').length - 1;
      const firstMerging = layout.lines.findIndex((line) => line.text.startsWith('  - <<:'));
      const mergingFindings = result.findings.filter((f) => f.ruleId === layout.rule && lineOf(f.span.start) >= firstMerging);
      assert.equal(mergingFindings.length, layout.merging.length, text);
      // A client's finding through a merge key is reported at its `<<` entry: a next-line directive at the end of the
      // line before it names that line.
      const nextLineNamesIt = (k: number) => c.word === 'grantlint-disable-next-line' && c.form === 'client' && layout.lines[at + 1]?.role === k;
      const heldOf = (k: number) => c.namesOwn && (target.role === 'anchored' || target.role === k || nextLineNamesIt(k));
      mergingFindings.forEach((finding, k) => {
        const held = heldOf(k);
        if (held) {
          assert.deepEqual(finding.fixes, [], `held:\n${text}`);
          assert.equal(finding.fixesHeldBySuppression?.commentStart, text.indexOf(comment), text);
        } else {
          assert.ok(finding.fixes.length > 0, `not held:\n${text}`);
          assert.equal(finding.fixesHeldBySuppression, undefined, text);
        }
        seen[held ? 'held' : 'free']++;
      });
      // The comment's own quick fixes (a move to a line of its own) never let fix all change what it kept (U50: moved
      // into the anchored grant, it silenced that grant only, and fix all then removed the merging one).
      const unused = result.findings.find((f) => f.ruleId === 'unused-suppression' && text.slice(f.span.start, f.span.end) === comment);
      for (const fix of unused ? lineEndDirectiveFixes(text, unused, result.parsed, result.findings) : []) {
        const moved = applyTextEdits(text, fix.edits);
        const fixed = fixAll({ path: 'tenant.yaml', text: moved }, { unsafe: true }).text;
        layout.merging.forEach((line, k) => {
          if (heldOf(k)) assert.ok(fixed.includes(line), `${fix.title} then fix all keeps ${JSON.stringify(line)}:\n${text}\n->\n${moved}\n->\n${fixed}`);
        });
        seen.moves++;
      }
      for (const unsafe of [false, true]) {
        const fixed = fixAll({ path: 'tenant.yaml', text }, { unsafe }).text;
        // A comment naming the rule stays; one naming another rule may go with the item or grant fix all removes.
        if (c.namesOwn) assert.ok(fixed.includes(comment), `the comment stays:\n${fixed}`);
        layout.merging.forEach((line, k) => {
          const held = heldOf(k);
          assert.equal(fixed.includes(line), held, `${unsafe ? 'unsafe ' : ''}fix all ${held ? 'keeps' : 'fixes'} ${JSON.stringify(line)}:\n${text}\n->\n${fixed}`);
        });
      }
    }),
    { numRuns: 300, includeErrorInReport: true },
  );
  assert.ok(seen.held > 50 && seen.free > 50 && seen.moves > 20, JSON.stringify(seen));
});
