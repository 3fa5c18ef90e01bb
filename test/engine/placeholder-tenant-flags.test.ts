/**
 * Tenant flags written as auth0-deploy-cli placeholders (`##NAME##`, `@@NAME@@`, quoted or not, for one flag or
 * for the whole `flags` object) are filled in at deploy time, so whether the tenant allows a legacy grant is
 * unknown (rule book: no rule may fire on the strength of an unknown value). A legacy grant a flag governs is then
 * a warning that says so, with unsafe fixes only, and `--fix` keeps it; `access_token`, which no flag governs,
 * stays an error. Generated over every placeholder form, in tenant.yaml and in a directory's tenant.json.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixAll, lintText, type LintResult } from '../../server/src/engine/index';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { MemoryProject } from '../helpers/memory-project';

const RO = 'http://auth0.com/oauth/legacy/grant-type/ro';
const DELEGATION = 'http://auth0.com/oauth/legacy/grant-type/delegation/refresh_token';
const ACCESS_TOKEN = 'http://auth0.com/oauth/legacy/grant-type/access_token';
const GRANTS = ['authorization_code', RO, DELEGATION, ACCESS_TOKEN];

/** A placeholder as written in YAML or JSON: quoted either way or bare, with either keyword syntax. */
const PLACEHOLDERS = ["'##ALLOW##'", '"##ALLOW##"', '"@@ALLOW@@"', '@@ALLOW@@', "'@@ALLOW@@'", '##ALLOW##'];
const JSON_PLACEHOLDERS = PLACEHOLDERS.filter((p) => !p.startsWith("'"));

/** Both flags a placeholder, or the whole flags object one. */
function yamlTenant(placeholder: string, whole: boolean): string {
  const flags = whole ? [`  flags: ${placeholder}`] : ['  flags:', `    allow_legacy_ro_grant_types: ${placeholder}`, `    allow_legacy_delegation_grant_types: ${placeholder}`];
  return ['tenant:', ...flags, 'clients:', '  - name: Old Portal', '    app_type: regular_web', '    grant_types:', ...GRANTS.map((g) => `      - ${g}`), ''].join('\n');
}

function jsonTenant(placeholder: string, whole: boolean): string {
  return whole ? `{ "flags": ${placeholder} }\n` : `{ "flags": { "allow_legacy_ro_grant_types": ${placeholder}, "allow_legacy_delegation_grant_types": ${placeholder} } }\n`;
}

const CLIENT_JSON = `${JSON.stringify({ name: 'Old Portal', app_type: 'regular_web', grant_types: GRANTS }, null, 2)}\n`;

function lintDirectoryClient(tenant: string): { result: LintResult; fixed: string } {
  const texts = new Map([
    ['/t/tenant.json', tenant],
    ['/t/clients/Old Portal.json', CLIENT_JSON],
  ]);
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  const input = { path: '/t/clients/Old Portal.json', text: CLIENT_JSON, links: graph.linksFor('/t/clients/Old Portal.json').links };
  return { result: lintText(input), fixed: fixAll(input).text };
}

/** The ro and delegation findings are unknown-flag warnings with unsafe fixes only; access_token is an error. */
function assertUnknownFlags(result: LintResult, name: string): void {
  const legacy = result.findings.filter((f) => f.ruleId === 'legacy-grant-type');
  assert.deepEqual(legacy.map((f) => f.severity), ['warning', 'warning', 'error'], name);
  for (const finding of legacy.slice(0, 2)) {
    assert.match(finding.message, /placeholder filled in at deploy time, so whether this tenant allows it is unknown/, name);
    assert.ok(finding.fixes.length > 0 && finding.fixes.every((fix) => fix.safety === 'unsafe'), name);
  }
  assert.match(legacy[2]!.message, /works only in tenants from before June 2017/, name);
}

test('tenant.yaml: a placeholder flag, or placeholder flags, leave a governed legacy grant a warning that --fix keeps', () => {
  let count = 0;
  for (const placeholder of PLACEHOLDERS) {
    for (const whole of [false, true]) {
      const text = yamlTenant(placeholder, whole);
      const name = `${whole ? 'flags' : 'each flag'} ${placeholder}:\n${text}`;
      assertUnknownFlags(lintText({ path: 'tenant.yaml', text }), name);
      const fixed = fixAll({ path: 'tenant.yaml', text }).text;
      // Only access_token (rejected whatever the flags say) is removed.
      assert.equal(fixed, text.replace(`      - ${ACCESS_TOKEN}\n`, ''), name);
      count++;
    }
  }
  assert.equal(count, PLACEHOLDERS.length * 2);
});

test("a directory's tenant.json: a placeholder flag, or placeholder flags, leave a governed legacy grant a warning that --fix keeps", () => {
  for (const placeholder of JSON_PLACEHOLDERS) {
    for (const whole of [false, true]) {
      const tenant = jsonTenant(placeholder, whole);
      const { result, fixed } = lintDirectoryClient(tenant);
      assertUnknownFlags(result, tenant);
      assert.deepEqual(JSON.parse(fixed).grant_types, GRANTS.filter((g) => g !== ACCESS_TOKEN), tenant);
    }
  }
});

test('the whole tenant a placeholder (tenant.yaml `tenant:`, or the whole tenant.json): flags unknown as well', () => {
  for (const placeholder of PLACEHOLDERS) {
    const text = yamlTenant('true', false).replace(/^tenant:\n(?: {2}.*\n)+/, `tenant: ${placeholder}\n`);
    assertUnknownFlags(lintText({ path: 'tenant.yaml', text }), text);
  }
  for (const placeholder of JSON_PLACEHOLDERS) {
    const { result, fixed } = lintDirectoryClient(`${placeholder}\n`);
    assertUnknownFlags(result, placeholder);
    assert.deepEqual(JSON.parse(fixed).grant_types, GRANTS.filter((g) => g !== ACCESS_TOKEN), placeholder);
  }
});

test('known flags read as before: true allows (warning), false or absent rejects (error, removed by --fix)', () => {
  const cases: [string, string, string][] = [
    ['true', 'warning', 'is still allowed in this tenant'],
    ['false', 'error', "is turned off by this tenant's flags"],
  ];
  for (const [value, severity, says] of cases) {
    const text = yamlTenant(value, false);
    const legacy = lintText({ path: 'tenant.yaml', text }).findings.filter((f) => f.ruleId === 'legacy-grant-type');
    assert.deepEqual(legacy.slice(0, 2).map((f) => f.severity), [severity, severity], value);
    for (const finding of legacy.slice(0, 2)) assert.ok(finding.message.includes(says), `${value}: ${finding.message}`);
    const { result } = lintDirectoryClient(jsonTenant(value, false));
    assert.deepEqual(result.findings.filter((f) => f.ruleId === 'legacy-grant-type').slice(0, 2).map((f) => f.severity), [severity, severity], value);
  }
});
