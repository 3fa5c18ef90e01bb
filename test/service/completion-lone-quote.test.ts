/**
 * Completion after a lone quote in a Terraform `grant_types` list (typed without auto-paired quotes): HCL ends a
 * string with its line, so the client is read with the rest of its list, and the grants are ranked for it and
 * leave out those already listed, as they are after `""`. Generated over the grants listed before the quote, a
 * word begun after it, the list on one line or one item per line, and other clients before and after.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { applyTextEdits, DEFAULT_SETTINGS } from '../../server/src/engine/index';
import { analyze } from '../../server/src/service/analysis';
import { completionsAt } from '../../server/src/service/completion';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

const LISTED = ['client_credentials', 'authorization_code', 'refresh_token', 'implicit'];
const OTHER = 'resource "auth0_client" "other" {\n  name        = "Other"\n  app_type    = "spa"\n  grant_types = ["implicit", "implicit"]\n}\n';

/** `grant_types` with `listed`, then `"typed` left open (`closed`: `"typed"`), the cursor after `typed`. */
function module(listed: readonly string[], typed: string, closed: boolean, oneLine: boolean, others: 'none' | 'before' | 'after'): { text: string; offset: number } {
  const items = listed.map((g) => `"${g}"`);
  const open = `"${typed}`;
  const list = oneLine ? `[${[...items, `${open}${closed ? '"' : ''}`].join(', ')}]` : `[\n${[...items.map((i) => `    ${i},`), `    ${open}${closed ? '"' : ''}`].join('\n')}\n  ]`;
  const client = `resource "auth0_client" "job" {\n  name        = "Job"\n  app_type    = "non_interactive"\n  grant_types = ${list}\n}\n`;
  const text = others === 'before' ? `${OTHER}\n${client}` : others === 'after' ? `${client}\n${OTHER}` : client;
  const start = text.indexOf(`grant_types = ${list}`) + `grant_types = ${list}`.lastIndexOf(open);
  return { text, offset: start + open.length };
}

test('after a lone quote in grant_types the grants are ranked for the client and leave out the listed ones, as after ""', () => {
  fc.assert(
    fc.property(
      fc.subarray(LISTED, { minLength: 1 }),
      fc.constantFrom('', 'pa', 'imp'),
      fc.boolean(),
      fc.constantFrom('none' as const, 'before' as const, 'after' as const),
      (listed, typed, oneLine, others) => {
        const entries = (closed: boolean) => {
          const { text, offset } = module(listed, typed, closed, oneLine, others);
          const analysis = analyze({ path: '/m/main.tf', text, settings: DEFAULT_SETTINGS });
          assert.ok(analysis);
          return { text, list: completionsAt(analysis, offset) ?? [] };
        };
        const lone = entries(false);
        const paired = entries(true);
        const where = `${JSON.stringify(lone.text)}`;
        assert.ok(lone.list.length > 0, where);
        for (const grant of listed) assert.ok(!lone.list.some((e) => e.label === grant), `${grant} offered again: ${where}`);
        // Ranked for the client: each detail says how the grant stands for it.
        assert.ok(lone.list.every((e) => / · /.test(e.detail)), `unranked: ${where}`);
        const shown = (list: typeof lone.list) => list.map((e) => `${e.sortText} ${e.label} ${e.detail}`).sort();
        assert.deepEqual(shown(lone.list), shown(paired.list), where);
        // Taking one writes a whole string in place of what was typed.
        const first = lone.list[0]!;
        const taken = applyTextEdits(lone.text, [{ start: first.edit.span.start, end: first.edit.span.end, newText: first.edit.newText }]);
        assert.ok(taken.includes(`"${first.label}"`), taken);
        if (typed !== '') assert.ok(!taken.includes(`"${first.label}"${typed}`), taken);
      },
    ),
    { numRuns: 80 },
  );
});
