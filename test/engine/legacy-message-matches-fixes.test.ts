/**
 * legacy-grant-type's message names what its fixes do: "use 'X'" exactly when a replacement is
 * offered, and "remove it" exactly when a removal is (`--fix` applies the safe one, so a message naming only the
 * replacement would not say what `--fix` did). Generated over YAML block and flow lists, JSON and HCL, every
 * legacy grant, first- and third-party clients, alternatives already present or not, and old tenants.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_SETTINGS, lintText } from '../../server/src/engine/index';
import type { LintInput } from '../../server/src/engine/lint';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

const LEGACY = ['ro', 'ro/jwt-bearer', 'delegation/refresh_token', 'delegation/id_token', 'access_token'].map((g) => `http://auth0.com/oauth/legacy/grant-type/${g}`);
const MODERN = ['password', 'refresh_token', 'authorization_code', 'implicit'];

type Case = { readonly format: 'yaml-block' | 'yaml-flow' | 'json' | 'hcl'; readonly thirdParty: boolean; readonly legacyTenant: boolean; readonly grants: string[] };

const client: fc.Arbitrary<Case> = fc.record({
  format: fc.constantFrom('yaml-block' as const, 'yaml-flow' as const, 'json' as const, 'hcl' as const),
  thirdParty: fc.boolean(),
  legacyTenant: fc.boolean(),
  grants: fc.uniqueArray(fc.constantFrom(...LEGACY, ...MODERN), { minLength: 1, maxLength: 6 }).filter((g) => g.some((v) => LEGACY.includes(v))),
});

function inputOf(c: Case): LintInput {
  const settings = { ...DEFAULT_SETTINGS, legacyTenant: c.legacyTenant };
  const firstParty = !c.thirdParty;
  switch (c.format) {
    case 'yaml-block':
      return { path: '/t/tenant.yaml', format: 'yaml', settings, text: `clients:\n  - name: App\n    app_type: regular_web\n    is_first_party: ${firstParty}\n    grant_types:\n${c.grants.map((g) => `      - ${g}`).join('\n')}\n` };
    case 'yaml-flow':
      return { path: '/t/tenant.yaml', format: 'yaml', settings, text: `clients:\n  - name: App\n    app_type: regular_web\n    is_first_party: ${firstParty}\n    grant_types: [\n      ${c.grants.join(',\n      ')}\n    ]\n` };
    case 'json':
      return { path: '/t/clients/app.json', format: 'json', settings, text: JSON.stringify({ name: 'App', app_type: 'regular_web', is_first_party: firstParty, grant_types: c.grants }, null, 2) };
    default:
      return {
        path: '/t/main.tf',
        format: 'hcl',
        settings,
        text: `resource "auth0_client" "app" {\n  name           = "App"\n  app_type       = "regular_web"\n  is_first_party = ${firstParty}\n  grant_types = [\n${c.grants.map((g) => `    "${g}",`).join('\n')}\n  ]\n}\n`,
      };
  }
}

test('the legacy-grant-type message names a replacement and a removal exactly when the fixes offer them', () => {
  let both = 0;
  fc.assert(
    fc.property(client, (c) => {
      const result = lintText(inputOf(c));
      const legacy = result.findings.filter((f) => f.ruleId === 'legacy-grant-type');
      assert.ok(legacy.length > 0, 'a legacy grant is found');
      for (const finding of legacy) {
        const own = finding.fixes.filter((fix) => !fix.title.startsWith('Replace all'));
        const replaces = own.some((fix) => fix.title.startsWith('Replace '));
        const removes = own.some((fix) => fix.title.startsWith('Remove '));
        assert.equal(/\buse '[^']+'/.test(finding.message), replaces, `${finding.message} | ${own.map((f) => f.title).join(' ; ')}`);
        assert.equal(/\bremove it\b/.test(finding.message), removes, `${finding.message} | ${own.map((f) => f.title).join(' ; ')}`);
        if (replaces && removes) both++;
      }
    }),
    { numRuns: 300 },
  );
  assert.ok(both > 0, 'some generated finding offers both fixes');
});
