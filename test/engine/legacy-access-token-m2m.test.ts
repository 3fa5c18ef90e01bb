/**
 * The legacy `access_token` grant's alternative is `authorization_code`, a browser login (rule book): a
 * machine-to-machine client (`non_interactive`) has no user to log in, so its legacy grant is removed, never
 * replaced by a grant it never had, and the message says "remove it"; every other client keeps the replacement.
 * Before, `--fix --unsafe-fixes` gave a back-end client `authorization_code`. Generated: YAML block and flow lists,
 * deploy-cli JSON, Terraform HCL; every app type (and none, and a placeholder); other grants beside it; tenants
 * whose settings allow the legacy grants or not.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_SETTINGS, fixAll, lintText } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

const ACCESS_TOKEN = 'http://auth0.com/oauth/legacy/grant-type/access_token';

function render(format: 'yaml-block' | 'yaml-flow' | 'json' | 'hcl', appType: string | undefined, grants: readonly string[]): { path: string; text: string } {
  switch (format) {
    case 'yaml-block':
      return { path: 'tenant.yaml', text: ['clients:', '  - name: Sync', ...(appType ? [`    app_type: ${appType}`] : []), '    grant_types:', ...grants.map((g) => `      - ${g}`), ''].join('\n') };
    case 'yaml-flow':
      return { path: 'tenant.yaml', text: ['clients:', '  - name: Sync', ...(appType ? [`    app_type: ${appType}`] : []), `    grant_types: [${grants.join(', ')}]`, ''].join('\n') };
    case 'json':
      return { path: 'clients/Sync.json', text: `${JSON.stringify({ name: 'Sync', ...(appType ? { app_type: appType } : {}), grant_types: grants }, null, 2)}\n` };
    case 'hcl':
      return { path: 'main.tf', text: ['resource "auth0_client" "sync" {', '  name        = "Sync"', ...(appType ? [`  app_type    = "${appType}"`] : []), `  grant_types = [${grants.map((g) => `"${g}"`).join(', ')}]`, '}', ''].join('\n') };
  }
}

test('a machine-to-machine client loses its legacy access_token grant; other clients get authorization_code in its place', () => {
  let m2m = 0;
  let others = 0;
  fc.assert(
    fc.property(
      fc.constantFrom('yaml-block' as const, 'yaml-flow' as const, 'json' as const, 'hcl' as const),
      fc.constantFrom('non_interactive', 'regular_web', 'spa', 'native', undefined),
      fc.subarray(['client_credentials', 'refresh_token', 'password']),
      fc.boolean(),
      (format, appType, extra, legacyTenant) => {
        const { path, text } = render(format, appType, [...extra, ACCESS_TOKEN]);
        const settings = { ...DEFAULT_SETTINGS, legacyTenant };
        const finding = lintText({ path, text, settings }).findings.find((f) => f.ruleId === 'legacy-grant-type');
        assert.ok(finding, `${format} ${appType}: ${text}`);
        const fixed = fixAll({ path, text, settings }, { unsafe: true }).text;
        if (appType === 'non_interactive') {
          m2m++;
          assert.match(finding.message, /; remove it\.$/, finding.message);
          assert.ok(finding.fixes.every((fix) => !fix.title.includes('authorization_code')), finding.fixes.map((f) => f.title).join(' | '));
          assert.ok(!fixed.includes('authorization_code'), fixed);
          // Removed, and client_credentials (m2m-without-client-credentials' fix) added in the same run: where it is
          // the client's only grant and the tenant allows it, the list is never left empty (it was held before). A
          // list the safe removal empties (the tenant rejects the grant) stays empty: fix all never fills it.
          // (A Terraform client linted alone, its method unknown, gets no such fix: removing the only grant is held.)
          const adds = lintText({ path, text, settings }).findings.some((f) => f.ruleId === 'm2m-without-client-credentials' && f.fixes.length > 0);
          assert.equal(fixed.includes(ACCESS_TOKEN), legacyTenant && extra.length === 0 && !adds, fixed);
          if (legacyTenant && adds) assert.ok(fixed.includes('client_credentials'), fixed);
        } else {
          others++;
          assert.match(finding.message, /authorization_code/, finding.message);
          assert.ok(fixed.includes('authorization_code') && !fixed.includes(ACCESS_TOKEN), fixed);
        }
      },
    ),
    { numRuns: 200 },
  );
  assert.ok(m2m > 20 && others > 20, `${m2m} machine-to-machine, ${others} others`);
});
