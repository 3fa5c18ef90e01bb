/**
 * legacy-grant-type's severity against the tenant's flags and `legacyTenant`, in every place flags are written:
 * a deploy-cli tenant.yaml's `tenant.flags`, a directory's tenant.json, a Terraform `auth0_tenant` in HCL and in
 * JSON (with Terraform's string booleans too). A flag set to `false` turns its legacy grants off whatever the
 * tenant's age, so `legacyTenant: true` does not lower them; `true` allows them; absent, `legacyTenant` decides.
 * No flag governs `access_token`.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_SETTINGS, lintText } from '../../server/src/engine/index';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';

before(() => loadHclParser());

const LEGACY = 'http://auth0.com/oauth/legacy/grant-type/';
const GRANTS = ['ro', 'ro/jwt-bearer', 'delegation/refresh_token', 'delegation/id_token', 'access_token'] as const;
/** 'computed': a deploy-cli placeholder or a Terraform variable, known only at deploy or plan time. */
type FlagValue = true | false | 'true' | 'false' | 'computed' | undefined;

interface Case {
  readonly place: 'yaml' | 'directory' | 'hcl' | 'tf-json';
  readonly ro: FlagValue;
  readonly delegation: FlagValue;
  readonly legacyTenant: boolean;
}

const flagValue = fc.constantFrom<FlagValue>(true, false, 'true', 'false', 'computed', undefined);
const legacyCase: fc.Arbitrary<Case> = fc.record({
  place: fc.constantFrom('yaml' as const, 'directory' as const, 'hcl' as const, 'tf-json' as const),
  ro: flagValue,
  delegation: flagValue,
  legacyTenant: fc.boolean(),
});

/** What a flag value means where it is written: Terraform converts "true"/"false" to a bool; deploy-cli does not. */
function meaning(value: FlagValue, terraform: boolean): boolean | 'unknown' | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'computed') return 'unknown';
  return terraform && value !== undefined ? value === 'true' : undefined;
}

function expectedSeverity(c: Case, grant: (typeof GRANTS)[number]): string {
  const terraform = c.place === 'hcl' || c.place === 'tf-json';
  const flag = grant.startsWith('ro') ? meaning(c.ro, terraform) : grant.startsWith('delegation') ? meaning(c.delegation, terraform) : undefined;
  if (flag === false) return 'error';
  return flag === true || flag === 'unknown' || c.legacyTenant ? 'warning' : 'error';
}

/** The flags as written; a computed value in each place's own form. */
function flagsObject(c: Case): Record<string, boolean | string> {
  const computed = c.place === 'yaml' ? '##FLAG##' : c.place === 'directory' ? '@@FLAG@@' : c.place === 'tf-json' ? '${var.flag}' : 'var.flag';
  const flags: Record<string, boolean | string> = {};
  if (c.ro !== undefined) flags['allow_legacy_ro_grant_types'] = c.ro === 'computed' ? computed : c.ro;
  if (c.delegation !== undefined) flags['allow_legacy_delegation_grant_types'] = c.delegation === 'computed' ? computed : c.delegation;
  return flags;
}

/** The file to lint and the project's texts. */
function files(c: Case): { path: string; texts: Map<string, string> } {
  const grants = GRANTS.map((g) => `${LEGACY}${g}`);
  const flags = flagsObject(c);
  switch (c.place) {
    case 'yaml': {
      const flagLines = Object.entries(flags).map(([k, v]) => `    ${k}: ${typeof v === 'string' ? `'${v}'` : v}`);
      const tenant = flagLines.length > 0 ? `tenant:\n  flags:\n${flagLines.join('\n')}\n` : '';
      return { path: '/t/tenant.yaml', texts: new Map([['/t/tenant.yaml', `${tenant}clients:\n  - name: Old\n    app_type: regular_web\n    grant_types:\n${grants.map((g) => `      - ${g}`).join('\n')}\n`]]) };
    }
    case 'directory':
      return {
        path: '/t/clients/old.json',
        texts: new Map([
          ['/t/tenant.json', JSON.stringify({ flags }, null, 2)],
          ['/t/clients/old.json', JSON.stringify({ name: 'Old', app_type: 'regular_web', grant_types: grants }, null, 2)],
        ]),
      };
    case 'hcl': {
      const flagLines = Object.entries(flags).map(([k, v]) => `    ${k} = ${typeof v === 'string' && v !== 'var.flag' ? `"${v}"` : v}`);
      const tenant = `resource "auth0_tenant" "this" {\n${flagLines.length > 0 ? `  flags {\n${flagLines.join('\n')}\n  }\n` : '  friendly_name = "T"\n'}}\n`;
      const client = `resource "auth0_client" "old" {\n  name        = "Old"\n  app_type    = "regular_web"\n  grant_types = [${grants.map((g) => `"${g}"`).join(', ')}]\n}\n`;
      return { path: '/t/main.tf', texts: new Map([['/t/main.tf', `${tenant}\n${client}`]]) };
    }
    case 'tf-json': {
      const tenant = Object.keys(flags).length > 0 ? { flags: [flags] } : { friendly_name: 'T' };
      const text = JSON.stringify({ resource: { auth0_tenant: { this: tenant }, auth0_client: { old: { name: 'Old', app_type: 'regular_web', grant_types: grants } } } }, null, 2);
      return { path: '/t/main.tf.json', texts: new Map([['/t/main.tf.json', text]]) };
    }
  }
}

test('a legacy grant is an error where its flag is false, whatever legacyTenant says; a warning where it is true or legacyTenant', () => {
  fc.assert(
    fc.property(legacyCase, (c) => {
      const { path, texts } = files(c);
      const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
      const text = texts.get(path)!;
      const result = lintText({ path, text, links: graph.linksFor(path).links, settings: { ...DEFAULT_SETTINGS, legacyTenant: c.legacyTenant } });
      const found = result.findings.filter((f) => f.ruleId === 'legacy-grant-type');
      assert.equal(found.length, GRANTS.length, JSON.stringify(result.findings.map((f) => f.message)));
      for (const grant of GRANTS) {
        const finding = found.find((f) => text.slice(f.span.start, f.span.end).includes(`${LEGACY}${grant}`))!;
        assert.ok(finding, grant);
        const expected = expectedSeverity(c, grant);
        assert.equal(finding.severity, expected, `${grant} in ${c.place} (${JSON.stringify(c)})`);
        const offFlag = grant.startsWith('ro') ? 'allow_legacy_ro_grant_types' : 'allow_legacy_delegation_grant_types';
        const terraform = c.place === 'hcl' || c.place === 'tf-json';
        const off = grant !== 'access_token' && meaning(grant.startsWith('ro') ? c.ro : c.delegation, terraform) === false;
        // Turned off by its flag: the message says so, related information points at the flag, and removing it is safe.
        assert.equal(finding.message.includes("is turned off by this tenant's flags"), off, finding.message);
        // Unknown until deploy or plan time: said so, with legacyTenant too (never "still allowed").
        const unknown = grant !== 'access_token' && meaning(grant.startsWith('ro') ? c.ro : c.delegation, terraform) === 'unknown';
        assert.equal(finding.message.includes('may no longer work'), unknown, finding.message);
        if (off) assert.ok(finding.related.some((r) => r.message === `${offFlag}: false turns this legacy grant off`));
        if (expected === 'error') assert.ok(finding.fixes.some((fix) => fix.safety === 'safe'), `${grant}: a safe removal`);
      }
    }),
    { numRuns: 200 },
  );
});
