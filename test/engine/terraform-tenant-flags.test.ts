/**
 * Legacy severity from a Terraform module's `auth0_tenant` flags (rule book, "Legacy severity": the tenant settings
 * of the same configuration). Every form is generated: the tenant in the client's file or another file of the
 * module, HCL (`flags {}` block, `dynamic "flags"`) or Terraform JSON (an object, a one-item list), the flag true,
 * false, computed or absent, no tenant resource. A flag set to true makes the legacy grant a warning with no safe
 * fix (so `--fix` keeps it); a computed one or a `dynamic` block makes it unknown (a warning, no safe fix); false, absent or no tenant
 * leave it an error whose removal is safe.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { isSafeFix, lintText } from '../../server/src/engine/index';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';

before(() => loadHclParser());

const RO = 'http://auth0.com/oauth/legacy/grant-type/ro';
const DELEGATION = 'http://auth0.com/oauth/legacy/grant-type/delegation/refresh_token';
type FlagValue = 'true' | 'false' | 'computed' | 'absent';
type TenantForm = 'hcl-block' | 'hcl-dynamic' | 'json-object' | 'json-list' | 'none';

function tenantText(form: TenantForm, flag: string, value: FlagValue): string {
  const hclValue = value === 'computed' ? 'var.legacy' : value;
  const jsonValue = value === 'computed' ? '"${var.legacy}"' : value;
  const hclFlags = value === 'absent' ? '' : `    ${flag} = ${hclValue}\n`;
  const jsonFlags = value === 'absent' ? '{}' : `{ "${flag}": ${jsonValue} }`;
  switch (form) {
    case 'hcl-block':
      return `resource "auth0_tenant" "this" {\n  friendly_name = "Old"\n  flags {\n${hclFlags}  }\n}\n`;
    case 'hcl-dynamic':
      return `resource "auth0_tenant" "this" {\n  dynamic "flags" {\n    for_each = [1]\n    content {\n  ${hclFlags}    }\n  }\n}\n`;
    case 'json-object':
      return `{ "resource": { "auth0_tenant": { "this": { "flags": ${jsonFlags} } } } }\n`;
    case 'json-list':
      return `{ "resource": { "auth0_tenant": { "this": { "flags": [${jsonFlags}] } } } }\n`;
    case 'none':
      return '';
  }
}

const CLIENT = (grant: string) => `resource "auth0_client" "legacy" {\n  name        = "Legacy"\n  app_type    = "regular_web"\n  grant_types = ["authorization_code", "${grant}"]\n}\n`;

/** The legacy finding on main.tf: its severity and whether it has a safe fix. */
function legacyFinding(files: Record<string, string>): { severity: string; safe: boolean } {
  const texts = new Map(Object.entries(files).map(([name, text]) => [`/m/${name}`, text] as const));
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  const result = lintText({ path: '/m/main.tf', text: texts.get('/m/main.tf')!, links: graph.linksFor('/m/main.tf').links });
  const findings = result.findings.filter((f) => f.ruleId === 'legacy-grant-type');
  assert.equal(findings.length, 1, result.findings.map((f) => f.ruleId).join(', '));
  return { severity: findings[0]!.severity, safe: findings[0]!.fixes.some(isSafeFix) };
}

describe('legacy severity from auth0_tenant flags', () => {
  const forms: TenantForm[] = ['hcl-block', 'hcl-dynamic', 'json-object', 'json-list', 'none'];
  const values: FlagValue[] = ['true', 'false', 'computed', 'absent'];
  for (const [grant, flag, otherFlag] of [
    [RO, 'allow_legacy_ro_grant_types', 'allow_legacy_delegation_grant_types'],
    [DELEGATION, 'allow_legacy_delegation_grant_types', 'allow_legacy_ro_grant_types'],
  ] as const) {
    for (const form of forms) {
      for (const value of form === 'none' ? (['absent'] as const) : values) {
        for (const place of ['same file', 'other file'] as const) {
          if (form.startsWith('json') && place === 'same file') continue; // main.tf is HCL: a JSON tenant is its own file
          test(`${grant.split('/').slice(-2).join('/')}: ${form}, ${flag} ${value}, ${place}`, () => {
            const tenant = tenantText(form, flag, value);
            const files: Record<string, string> =
              place === 'same file' ? { 'main.tf': `${tenant}\n${CLIENT(grant)}` } : { 'main.tf': CLIENT(grant), [form.startsWith('json') ? 'tenant.tf.json' : 'tenant.tf']: tenant };
            // A dynamic block is computed whatever it holds: for_each may make it or not.
            const allowed = value === 'true' || value === 'computed' || form === 'hcl-dynamic';
            const expected = allowed ? { severity: 'warning', safe: false } : { severity: 'error', safe: true };
            assert.deepEqual(legacyFinding(files), expected);
          });
        }
      }
    }
    test(`${flag}: the string "true" allows it as true does (Terraform converts it); "false" does not`, () => {
      const quoted = (v: string) => `resource "auth0_tenant" "this" {\n  flags {\n    ${flag} = "${v}"\n  }\n}\n`;
      assert.deepEqual(legacyFinding({ 'main.tf': CLIENT(grant), 'tenant.tf': quoted('true') }), { severity: 'warning', safe: false });
      assert.deepEqual(legacyFinding({ 'main.tf': CLIENT(grant), 'tenant.tf.json': `{ "resource": { "auth0_tenant": { "this": { "flags": { "${flag}": "true" } } } } }\n` }), { severity: 'warning', safe: false });
      assert.deepEqual(legacyFinding({ 'main.tf': CLIENT(grant), 'tenant.tf': quoted('false') }), { severity: 'error', safe: true });
    });
    test(`${flag}: a tenant that may not be created (count, for_each) or is configured twice is unknown`, () => {
      const tenant = (name: string, extra: string, value: string) => `resource "auth0_tenant" "${name}" {\n${extra}  flags {\n    ${flag} = ${value}\n  }\n}\n`;
      const unknown = { severity: 'warning', safe: false };
      for (const extra of ['  count = 0\n', '  count = var.manage_tenant ? 1 : 0\n', '  for_each = toset([])\n']) {
        assert.deepEqual(legacyFinding({ 'main.tf': CLIENT(grant), 'tenant.tf': tenant('this', extra, 'false') }), unknown, extra);
      }
      assert.deepEqual(legacyFinding({ 'main.tf': CLIENT(grant), 'tenant.tf': tenant('a', '', 'true') + tenant('b', '', 'false') }), unknown, 'two in one file');
      assert.deepEqual(legacyFinding({ 'main.tf': `${tenant('a', '', 'false')}\n${CLIENT(grant)}`, 'tenant.tf': tenant('b', '', 'true') }), unknown, 'one here, one in another file');
      assert.deepEqual(legacyFinding({ 'main.tf': CLIENT(grant), 'a.tf': tenant('a', '', 'false'), 'b.tf': tenant('b', '', 'false') }), unknown, 'two other files');
    });
    test(`${flag}: the other flag set to true does not allow it`, () => {
      assert.deepEqual(legacyFinding({ 'main.tf': CLIENT(grant), 'tenant.tf': tenantText('hcl-block', otherFlag, 'true') }), { severity: 'error', safe: true });
    });
  }
});
