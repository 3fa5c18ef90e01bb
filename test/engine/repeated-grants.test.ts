/**
 * A grant repeated thousands of times must cost each finding a bounded amount, not the whole list: every copy's
 * fix shares one removal per value. These tests check that shape without timing anything: the number of list
 * items held by the findings' fixes must grow like the list (about n, not n²) from 1,000 to 10,000 copies, for
 * every rule that reports a repeated grant, in every form a list can be written. Speed is measured in the bench.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findClients } from '../../server/src/engine/discover';
import { ClientFacts } from '../../server/src/engine/client';
import { lintText, parseText } from '../../server/src/engine/lint';
import { CLIENT_RULES } from '../../server/src/engine/rules/index';
import type { SemanticEdit } from '../../server/src/engine/fix/semantic';
import type { Finding } from '../../server/src/engine/rules/api';
import fc from 'fast-check';
import { clientArb, renderJson, renderYaml, styleArb, type Style, type Value } from '../robustness/generators';

const str = (v: string): Value => ({ t: 'str', v });
const client = (fields: Record<string, string>, grants: readonly string[]): Value => ({
  t: 'map',
  entries: [...Object.entries(fields).map(([k, v]) => [k, str(v)] as const), ['grant_types', { t: 'list', items: grants.map(str) }] as const],
});

/** A client per rule that reports each copy of a grant, with `copies` copies of it (and one other grant). */
const CASES: readonly { readonly rule: string; readonly fields: Record<string, string>; readonly grant: string }[] = [
  { rule: 'implicit-grant', fields: { name: 'Web', app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post' }, grant: 'implicit' },
  { rule: 'public-client-credentials', fields: { name: 'SPA', app_type: 'spa', token_endpoint_auth_method: 'none' }, grant: 'client_credentials' },
  { rule: 'passwordless-otp-spa', fields: { name: 'SPA', app_type: 'spa', token_endpoint_auth_method: 'none' }, grant: 'http://auth0.com/oauth/grant-type/passwordless/otp' },
  { rule: 'legacy-grant-type', fields: { name: 'Old', app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post' }, grant: 'http://auth0.com/oauth/legacy/grant-type/ro' },
  { rule: 'unknown-grant-type', fields: { name: 'Typo', app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post' }, grant: 'authorisation_code' },
];

/** The rarer written forms off: these styles vary only what the repeated list looks like. */
const PLAIN_FORMS = { dashNewline: false, itemProperties: false, listProperties: false, flowOverLines: false, quotedKeys: false, flowTabs: false, bom: false } as const;

const STYLES: Record<string, Style> = {
  'YAML block list': { seed: 1, crlf: false, indent: 2, seqIndented: true, flowLists: 'never', quoting: 'plain', comments: false, unquotedPlaceholders: false, jsonIndent: '', ...PLAIN_FORMS },
  'YAML block list, quoted, comments, CRLF': { seed: 2, crlf: true, indent: 4, seqIndented: false, flowLists: 'never', quoting: 'mixed', comments: true, unquotedPlaceholders: false, jsonIndent: '', ...PLAIN_FORMS },
  'YAML flow list': { seed: 3, crlf: false, indent: 2, seqIndented: true, flowLists: 'always', quoting: 'double', comments: true, unquotedPlaceholders: false, jsonIndent: '', ...PLAIN_FORMS },
};

/** Items held by the distinct removal edits of all findings' fixes, and how many findings there are. */
function fixWeight(path: string, text: string): { findings: number; heldItems: number } {
  const parsed = parseText(text, path.endsWith('.json') ? 'json' : 'yaml');
  const [entry] = findClients(path, parsed);
  assert.ok(entry, 'the client is found');
  // The rules themselves: lintClient drops the fixes of a list this long (too long to check them one by one).
  const facts = new ClientFacts(entry);
  const findings = CLIENT_RULES.flatMap((rule) => rule.check(facts, { legacyTenant: false }));
  const edits = new Set<SemanticEdit>();
  for (const finding of findings) for (const fix of finding.fixes) for (const edit of fix.edits) edits.add(edit);
  let heldItems = 0;
  for (const edit of edits) if (edit.kind === 'removeItems') heldItems += edit.items.length;
  return { findings: findings.length, heldItems };
}

function renderings(value: Value): [string, string][] {
  return [...Object.entries(STYLES).map(([name, style]): [string, string] => [`${name}|tenant.yaml`, renderYaml([value], style)]), ['JSON export|clients.json', renderJson([value], { ...STYLES['YAML block list']!, jsonIndent: '  ' })]];
}

describe('a grant repeated thousands of times costs each finding a bounded amount', () => {
  for (const { rule, fields, grant } of CASES) {
    it(`${rule}: the fixes hold about n list items for n copies, not n²`, () => {
      for (const [label, small] of renderings(client(fields, [...Array(1000).fill(grant), 'authorization_code']))) {
        const [form, path] = label.split('|') as [string, string];
        const large = renderings(client(fields, [...Array(10_000).fill(grant), 'authorization_code'])).find(([l]) => l === label)![1];
        const a = fixWeight(path, small);
        const b = fixWeight(path, large);
        assert.ok(a.findings >= 1000 && b.findings >= 10_000, `${form}: every copy is reported (${a.findings}, ${b.findings})`);
        assert.ok(a.heldItems > 0, `${form}: a removal is offered`);
        // Linear: ten times the copies, about ten times the items (quadratic would be a hundred times).
        assert.ok(b.heldItems <= 12 * a.heldItems, `${form}: ${a.heldItems} items for 1,000 copies, ${b.heldItems} for 10,000`);
        assert.ok(b.heldItems <= 4 * 10_001, `${form}: ${b.heldItems} items held for 10,000 copies`);
      }
    });
  }

  it('every finding of 3,000 repeated grants is reported through lintText, and copies share one fix per value', () => {
    const text = renderYaml([client(CASES[0]!.fields, Array(3000).fill('implicit'))], STYLES['YAML block list']!);
    const result = lintText({ path: 'tenant.yaml', text });
    // One finding per item: the first is implicit-grant, each repeat duplicate-grant-type (it takes precedence).
    assert.equal(result.findings.filter((f) => f.ruleId === 'implicit-grant').length, 1);
    assert.equal(result.findings.filter((f) => f.ruleId === 'duplicate-grant-type').length, 2999);
    const [entry] = findClients('tenant.yaml', result.parsed);
    const facts = new ClientFacts(entry!);
    const raw = CLIENT_RULES.flatMap((rule) => rule.check(facts, { legacyTenant: false })).filter((f) => f.ruleId === 'implicit-grant');
    // The first copy is replaced by authorization_code; every other copy's fix is the one shared removal.
    const removals = new Set(raw.slice(1).map((f) => f.fixes[0]));
    assert.equal(removals.size, 1);
  });
});

/** A generated client with its grant list repeated `times` times over (every item's value then has `times` copies). */
function withRepeatedGrants(client: Value, times: number): Value {
  if (client.t !== 'map') return client;
  return {
    t: 'map',
    entries: client.entries.map(([key, value]) =>
      key === 'grant_types' && value.t === 'list' ? ([key, { t: 'list', items: Array.from({ length: times }, () => value.items).flat() }] as const) : ([key, value] as const),
    ),
  };
}

/** A finding as the CLI and the editor show it, without its fixes (nor which of them the rule prefers). */
function shown(finding: Finding): unknown {
  const { fixes: _fixes, preferredFix: _preferred, ...rest } = finding;
  return rest;
}

describe('the copies of a repeated grant share what their findings hold', () => {
  it('with fixes dropped (a list too long to check them), every rule reports the same findings, only without per-item fixes', () => {
    fc.assert(
      fc.property(clientArb, styleArb, fc.integer({ min: 2, max: 6 }), fc.boolean(), (generated, style, times, legacyTenant) => {
        const value = withRepeatedGrants(generated, times);
        for (const [path, text] of [['tenant.yaml', renderYaml([value], style)], ['clients.json', renderJson([value], style)]] as const) {
          const [entry] = findClients(path, parseText(text, path.endsWith('.json') ? 'json' : 'yaml'));
          if (!entry) continue;
          const facts = new ClientFacts(entry);
          for (const rule of CLIENT_RULES) {
            const full = rule.check(facts, { legacyTenant });
            const dropped = rule.check(facts, { legacyTenant, fixesDropped: true });
            assert.deepEqual(dropped.map(shown), full.map(shown), `${rule.id}: the same findings in ${path}`);
            // What grant items keep are the fixes shared by every copy of a value, never one list per copy.
            const perItem = dropped.filter((f) => f.grantItem && f.fixes.length > 0);
            const lists = new Set(perItem.map((f) => f.fixes));
            const values = new Set(perItem.map((f) => (f.grantItem?.kind === 'string' ? f.grantItem.value : '')));
            assert.ok(lists.size <= values.size + 1, `${rule.id}: ${lists.size} fix lists for ${values.size} values`);
          }
        }
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  for (const { rule, fields, grant } of CASES) {
    it(`${rule}: 2,000 copies share one related list and one fix list (per-item fixes are not built when dropped)`, () => {
      for (const [label, text] of renderings(client(fields, [...Array(2000).fill(grant), 'authorization_code']))) {
        const path = label.split('|')[1]!;
        const [entry] = findClients(path, parseText(text, path.endsWith('.json') ? 'json' : 'yaml'));
        const facts = new ClientFacts(entry!);
        for (const checked of CLIENT_RULES) {
          const findings = checked.check(facts, { legacyTenant: false, fixesDropped: true });
          if (findings.length < 1000) continue;
          // One rule's copies (the first of a value may differ: it is not a repeat, or it is replaced).
          const rest = findings.slice(1);
          assert.equal(new Set(rest.map((f) => f.related)).size, 1, `${label} ${checked.id}: one related list`);
          assert.equal(new Set(rest.map((f) => f.fixes)).size, 1, `${label} ${checked.id}: one fix list`);
        }
        const result = lintText({ path, text });
        const reported = result.findings.filter((f) => f.grantItem);
        assert.equal(reported.length, 2000, `${label}: every copy is reported`);
        assert.ok(reported.every((f) => f.fixes.length === 0), `${label}: a list this long gets no fixes`);
      }
    });
  }
});
