/**
 * legacy-grant-type's message names what its fixes do: "use 'X'" exactly when a replacement is
 * offered, and "remove it" exactly when a removal is (`--fix` applies the safe one, so a message naming only the
 * replacement would not say what `--fix` did). Generated over YAML block and flow lists, JSON and HCL, every
 * legacy grant, first- and third-party clients, alternatives already present or not, and old tenants.
 * An unsafe fix's title says why it is unsafe, not why it is offered (U42: "(unsafe: the tenant allows this grant)"
 * read as a reason for the fix): a grant the tenant allows, by its flags or by being old, is "still allowed, so it may
 * be in use"; one whose flag is a placeholder "may still be allowed and in use"; replacing one the tenant rejects
 * "changes the grant". Generated over the same clients, with tenant flags in YAML (true, false, a placeholder).
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

type Flag = 'absent' | 'true' | 'false' | 'placeholder';
const FLAG_VALUES: Record<Exclude<Flag, 'absent'>, string> = { true: 'true', false: 'false', placeholder: "'##ALLOW_LEGACY##'" };

/** The tenant's flags (both ro and delegation) and the client, in a tenant.yaml. */
function withFlags(c: Case, flag: Flag): LintInput {
  const input = inputOf({ ...c, format: c.format === 'yaml-flow' ? 'yaml-flow' : 'yaml-block' });
  if (flag === 'absent') return input;
  const value = FLAG_VALUES[flag];
  return { ...input, text: `tenant:\n  flags:\n    allow_legacy_ro_grant_types: ${value}\n    allow_legacy_delegation_grant_types: ${value}\n${input.text}` };
}

test('an unsafe legacy-grant-type fix says why it is unsafe: the grant is still allowed and may be in use', () => {
  const seen = new Set<string>();
  fc.assert(
    fc.property(client, fc.constantFrom<Flag>('absent', 'true', 'false', 'placeholder'), (c, flag) => {
      const input = flag === 'absent' ? inputOf(c) : withFlags(c, flag);
      for (const finding of lintText(input).findings.filter((f) => f.ruleId === 'legacy-grant-type')) {
        // No flag governs access_token; the others follow their flag, and a placeholder flag leaves it unknown.
        const governed = !finding.message.includes("'access_token'");
        const mayAllow = flag === 'placeholder' && governed;
        // The rule book's legacy severity: a warning where the tenant allows the grant (or may), else an error.
        const allowed = finding.severity === 'warning';
        if (mayAllow) assert.ok(allowed, finding.message);
        for (const fix of finding.fixes.filter((f) => !/^(Replace|Remove) all /.test(f.title) && f.safety === 'unsafe')) {
          const why = /\(unsafe: ([^)]*)\)$/.exec(fix.title)?.[1];
          const expected = !allowed ? 'changes the grant' : mayAllow ? 'may still be allowed and in use' : 'still allowed, so it may be in use';
          assert.equal(why, expected, `${fix.title} | ${finding.message} (${flag}, legacyTenant ${c.legacyTenant})`);
          assert.doesNotMatch(fix.title, /the tenant (may )?allows? this grant/);
          seen.add(`${fix.title.split(' ')[0]} ${expected}`);
        }
      }
    }),
    { numRuns: 300 },
  );
  // Replacements and removals, for grants allowed, perhaps allowed and rejected (a rejected grant's removal is safe).
  assert.deepEqual([...seen].sort(), [
    'Remove may still be allowed and in use',
    'Remove still allowed, so it may be in use',
    'Replace changes the grant',
    'Replace may still be allowed and in use',
    'Replace still allowed, so it may be in use',
  ]);
});
