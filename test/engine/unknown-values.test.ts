/**
 * "No rule may fire on the strength of an unknown value" (rule book, Terms), as a property of the 2026 client
 * rules: in generated clients, turning any field, or any field of a settings object, into a deploy-cli keyword
 * never makes one of these rules report a client it did not report before, in YAML or in JSON.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lintText } from '../../server/src/engine/index';
import { clientsArb, renderJson, renderYaml, styleArb, toPlain, type Value } from '../robustness/generators';

const RULES = new Set([
  'cimd-auth-method',
  'refresh-token-policies',
  'token-vault-privileged-access',
  'third-party-token-settings',
  'ciba-channels-without-ciba',
  'token-quota-without-client-credentials',
]);

const KEYWORD: Value = { t: 'ph', v: '@@UNKNOWN_VALUE@@' };

type Entries = readonly (readonly [string, Value])[];

/** Every client obtained by making one field, or one field of a settings object, a keyword. */
function withOneUnknown(client: Value): Value[] {
  if (client.t !== 'map') return [];
  const out: Value[] = [];
  const replace = (entries: Entries, at: number, value: Value): Entries => entries.map((entry, i) => (i === at ? [entry[0], value] : entry));
  client.entries.forEach(([, value], i) => {
    out.push({ t: 'map', entries: replace(client.entries, i, KEYWORD) });
    if (value.t === 'map') {
      value.entries.forEach((_, j) => out.push({ t: 'map', entries: replace(client.entries, i, { t: 'map', entries: replace(value.entries, j, KEYWORD) }) }));
    }
  });
  return out;
}

function ruleIdsOf(path: string, text: string): Set<string> {
  const result = lintText({ path, text });
  assert.equal(result.clients.length, 1, text);
  return new Set((result.clientFindings[0] ?? []).map((f) => f.ruleId).filter((id) => RULES.has(id)));
}

test('a keyword in place of a known value never makes a 2026 client rule fire', () => {
  let compared = 0;
  fc.assert(
    fc.property(clientsArb, styleArb, (clients, style) => {
      const client = clients[0]!;
      for (const [path, render] of [
        ['/tenant/tenant.yaml', renderYaml],
        ['/export/clients.json', renderJson],
      ] as const) {
        const before = ruleIdsOf(path, render([client], style));
        for (const variant of withOneUnknown(client)) {
          const text = render([variant], style);
          const added = [...ruleIdsOf(path, text)].filter((id) => !before.has(id));
          assert.deepEqual(added, [], `${JSON.stringify(toPlain(client))}\n--- with a keyword ---\n${text}`);
          compared++;
        }
      }
    }),
    { seed: 2026, numRuns: 200 },
  );
  assert.ok(compared > 1000, `${compared} variants compared`);
});
