/**
 * A hover on a legacy grant names the tenant flag that governs it and its value as the diagnostic does (its message
 * and related information): over every legacy grant, the flag set to false, absent and set to true, with and
 * without `legacyTenant`, in a YAML tenant's `tenant.flags` and in a deploy-cli directory's tenant.json. A flag set
 * to false is never described as "not set to true"; no flag governs `access_token`. Where the tenant allows the grant
 * (a warning), the hover says what allows it: the flag set to true, the legacyTenant setting, or both.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClientFacts, DEFAULT_SETTINGS } from '../../server/src/engine/index';
import { analyze } from '../../server/src/service/analysis';
import { grantVerdict } from '../../server/src/service/grant-verdict';
import { hoverAt } from '../../server/src/service/hover';
import { clientAt } from '../../server/src/service/locate';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { MemoryProject } from '../helpers/memory-project';

const LEGACY = 'http://auth0.com/oauth/legacy/grant-type/';
const GRANTS = ['ro', 'ro/jwt-bearer', 'delegation/refresh_token', 'delegation/id_token', 'access_token'] as const;
const PLACES = ['yaml', 'directory'] as const;
const VALUES = [false, undefined, true] as const;

function flagOf(grant: string): string | undefined {
  if (grant.startsWith('ro')) return 'allow_legacy_ro_grant_types';
  return grant.startsWith('delegation') ? 'allow_legacy_delegation_grant_types' : undefined;
}

/** The file to lint and the project's texts: one client with every legacy grant, both flags set to `value`. */
function project(place: (typeof PLACES)[number], value: boolean | undefined): { path: string; texts: Map<string, string> } {
  const grants = GRANTS.map((g) => `${LEGACY}${g}`);
  const flags = value === undefined ? {} : { allow_legacy_ro_grant_types: value, allow_legacy_delegation_grant_types: value };
  if (place === 'yaml') {
    const lines = Object.entries(flags).map(([k, v]) => `    ${k}: ${v}`);
    const tenant = lines.length > 0 ? `tenant:\n  flags:\n${lines.join('\n')}\n` : 'tenant:\n  friendly_name: T\n';
    return { path: '/t/tenant.yaml', texts: new Map([['/t/tenant.yaml', `${tenant}clients:\n  - name: Old\n    app_type: regular_web\n    grant_types:\n${grants.map((g) => `      - ${g}`).join('\n')}\n`]]) };
  }
  return {
    path: '/t/clients/old.json',
    texts: new Map([
      ['/t/tenant.json', JSON.stringify(value === undefined ? { friendly_name: 'T' } : { flags }, null, 2)],
      ['/t/clients/old.json', JSON.stringify({ name: 'Old', app_type: 'regular_web', grant_types: grants }, null, 2)],
    ]),
  };
}

/** The hover's text with markdown's backslash escapes removed, as a reader sees it. */
function plain(markdown: string): string {
  return markdown.replace(/\\(.)/g, '$1');
}

test('the hover on a legacy grant names its tenant flag and value as the diagnostic does', () => {
  let checked = 0;
  for (const place of PLACES) {
    for (const value of VALUES) {
      for (const legacyTenant of [false, true]) {
        const { path, texts } = project(place, value);
        const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
        const text = texts.get(path)!;
        const settings = { ...DEFAULT_SETTINGS, legacyTenant };
        const analysis = analyze({ path, text, settings, links: graph.linksFor(path).links })!;
        for (const grant of GRANTS) {
          const where = `${grant} in ${place}, flag ${String(value)}, legacyTenant ${legacyTenant}`;
          const at = text.indexOf(`${LEGACY}${grant}${place === 'yaml' ? '\n' : '"'}`) + 3;
          const finding = analysis.result.findings.find((f) => f.ruleId === 'legacy-grant-type' && f.span.start <= at && at <= f.span.end);
          assert.ok(finding, where);
          const md = plain(hoverAt(analysis, at)!.markdown);
          const flag = flagOf(grant);
          const client = clientAt(analysis.result, at)!;
          const reason = grantVerdict(client, new ClientFacts(client), settings, `${LEGACY}${grant}`).reason;
          if (flag && value === false) {
            // The diagnostic: turned off by the tenant's flags, the flag in its related information.
            assert.match(finding.message, /is turned off by this tenant's flags/, where);
            assert.ok(finding.related.some((r) => r.message.startsWith(`${flag}: false`)), where);
            assert.equal(finding.severity, 'error', where);
            assert.ok(md.includes(`${flag}: false`), `${where}: the hover names the flag and its value\n${md}`);
            assert.doesNotMatch(md, /set to true/, `${where}\n${md}`);
          } else if (flag && value === true) {
            assert.equal(finding.severity, 'warning', where);
            assert.ok(finding.related.some((r) => r.message.startsWith(`${flag}: true`)), where);
            assert.ok(reason.includes(`${flag}: true`), `${where}: ${reason}`);
            // The hover itself says why the tenant allows it: the flag, and the setting when it says so too.
            assert.ok(md.includes(`still allows it (${flag}: true${legacyTenant ? ' and the setting legacyTenant: true' : ''})`), `${where}: the hover names why\n${md}`);
            assert.doesNotMatch(md, /not set to true|turn it off/, `${where}\n${md}`);
          } else if (legacyTenant) {
            assert.equal(finding.severity, 'warning', where);
            assert.ok(reason.includes('the setting legacyTenant: true'), `${where}: ${reason}`);
            assert.ok(md.includes('still allows it (the setting legacyTenant: true)'), `${where}: the hover names why\n${md}`);
            assert.doesNotMatch(md, /not set to true|turn it off/, `${where}\n${md}`);
          } else {
            assert.equal(finding.severity, 'error', where);
            const said = flag ? `${flag} is not set to true` : 'no tenant flag governs this grant';
            assert.ok(md.includes(said), `${where}: the hover says "${said}"\n${md}`);
            assert.doesNotMatch(md, /allow_legacy_\*/, `${where}\n${md}`);
          }
          checked++;
        }
      }
    }
  }
  assert.equal(checked, PLACES.length * VALUES.length * 2 * GRANTS.length);
});
