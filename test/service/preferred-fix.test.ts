/**
 * A rule's preferred fix stays its preferred one: when it does not work where the finding is (the grant list is a
 * YAML anchor other clients share, so removing `client_credentials` from a SPA is not offered), no alternative
 * takes its place: editors mark no quick fix preferred and hover names none (a SPA must not be offered a client
 * secret as the preferred fix because its grant list is shared; `--fix --unsafe-fixes` checks each fix on the file
 * and leaves that one too, as it raises a new warning). Property over
 * anchored tenants in every generated form: at most one quick fix of a finding is preferred, and it is the rule's.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixAll } from '../../server/src/engine/index';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { analyze } from '../../server/src/service/analysis';
import { reportFindings } from '../../server/src/service/findings';
import { hoverAt } from '../../server/src/service/hover';
import { generateAnchoredTenantYaml } from '../helpers/anchored-tenant-generator';

const PATH = '/t/tenant.yaml';
const SHARED = [
  'x-spa: &spa',
  '  app_type: spa',
  '  token_endpoint_auth_method: none',
  'x-grants: &web_grants [authorization_code, refresh_token, client_credentials]',
  'clients:',
  '  - name: Dashboard SPA',
  '    <<: *spa',
  '    grant_types: *web_grants',
  '  - name: Web',
  '    app_type: regular_web',
  '    grant_types: *web_grants',
  '',
].join('\n');

function analysisOf(text: string) {
  const analysis = analyze({ path: PATH, text, settings: DEFAULT_SETTINGS });
  assert.ok(analysis);
  return analysis;
}

describe("the rule's preferred fix", () => {
  test('a SPA whose grant list is a shared anchor: no quick fix preferred, no secret set by --unsafe-fixes, hover names no fix', () => {
    const analysis = analysisOf(SHARED);
    const reports = reportFindings(analysis).filter((r) => r.ruleId === 'public-client-credentials');
    assert.equal(reports.length, 1);
    const titles = reports[0]!.fixes.map((f) => `${f.preferred ? '*' : ''}${f.title}`);
    assert.ok(titles.some((t) => t.includes('client_secret_post')), titles.join('; '));
    assert.deepEqual(titles.filter((t) => t.startsWith('*')), [], 'none is preferred');
    const fixed = fixAll({ path: PATH, text: SHARED }, { unsafe: true }).text;
    assert.doesNotMatch(fixed, /client_secret/, '--unsafe-fixes sets no secret on the SPA');
    const hover = hoverAt(analysis, SHARED.indexOf('*web_grants', SHARED.indexOf('Dashboard SPA')) + 1);
    assert.ok(hover, 'a hover on the grant');
    assert.doesNotMatch(hover.markdown, /client_secret/);
    // The alias stands for the whole list: the hover is about the grant the finding there is about.
    assert.match(hover.markdown, /^\*\*Client Credentials\*\* `client_credentials`/);
    assert.match(hover.markdown, /Not allowed for Dashboard SPA/);
  });

  test('hover on an alias bringing several findings: each grant, most severe first, with its verdict and rule link; no advice without its fix', () => {
    const text = [
      'clients:',
      '  - name: Web One',
      '    app_type: regular_web',
      '    grant_types: &webgrants [authorization_code, implicit, client_credentials]',
      '  - name: Web Three',
      '    app_type: spa',
      '    token_endpoint_auth_method: none',
      '    grant_types: *webgrants',
      '  - name: Legacy',
      '    grant_types:',
      '      - &ro http://auth0.com/oauth/legacy/grant-type/ro',
      '  - name: Legacy2',
      '    grant_types: [*ro, password]',
      '',
    ].join('\n');
    const analysis = analysisOf(text);
    const alias = hoverAt(analysis, text.indexOf('*webgrants') + 1)!.markdown;
    assert.match(alias, /^\*\*YAML alias `\*webgrants`\*\*: this alias brings in 3 grants: `authorization_code`, `implicit`, `client_credentials`\. 2 of them have findings:/);
    const items = alias.split('\n').filter((line) => line.startsWith('- '));
    assert.equal(items.length, 2, alias);
    assert.match(items[0]!, /^- \*\*Client Credentials\*\* `client_credentials`: \*\*Not allowed for Web Three\.\*\*.*\[public-client-credentials\]/);
    assert.match(items[1]!, /^- \*\*Implicit\*\* `implicit`: \*\*Discouraged for Web Three\.\*\*.*\[implicit-grant\]/);
    // The anchored list is shared with Web One: no fix is named, each item says why.
    assert.doesNotMatch(alias, /\*\*Fix:\*\*/);
    assert.ok(items.every((item) => /\*\*(Not offered|No quick fix):\*\*/.test(item)), alias);
    const anchored = hoverAt(analysis, text.indexOf('grant-type/ro') + 2)!.markdown;
    assert.match(anchored, /\[legacy-grant-type\]/);
    assert.doesNotMatch(anchored, /\*\*Fix:\*\*/, 'no fix is offered there, so hover names none');
  });

  test('the same SPA with its own list: removing client_credentials is preferred, and safe', () => {
    const own = SHARED.replace('    grant_types: *web_grants\n  - name: Web', '    grant_types: [authorization_code, client_credentials]\n  - name: Web');
    const report = reportFindings(analysisOf(own)).find((r) => r.ruleId === 'public-client-credentials')!;
    const preferred = report.fixes.filter((f) => f.preferred);
    assert.equal(preferred.length, 1);
    assert.match(preferred[0]!.title, /^Remove grant 'client_credentials'/);
    assert.equal(preferred[0]!.safe, true);
  });

  test('generated anchored tenants: at most one preferred quick fix per finding, the one the rule prefers', () => {
    let withPreferred = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const analysis = analysisOf(generateAnchoredTenantYaml(6, seed));
      const findings = analysis.result.findings;
      const reports = reportFindings(analysis);
      for (const report of reports) {
        const preferred = report.fixes.filter((f) => f.preferred);
        assert.ok(preferred.length <= 1, `seed ${seed} ${report.ruleId}: ${preferred.length} preferred`);
        const at = analysis.lines.offsetAt(report.range.start);
        const finding = findings.find((f) => f.ruleId === report.ruleId && f.span.start === at);
        if (!finding || preferred.length === 0) continue;
        withPreferred++;
        assert.equal(preferred[0]!.title, finding.preferredFix?.title, `seed ${seed} ${report.ruleId}: the rule's preferred fix`);
      }
    }
    assert.ok(withPreferred > 50, `only ${withPreferred} findings had a preferred fix`);
  });
});

describe('a finding whose every fix is withheld by a shared YAML anchor', () => {
  const text = [
    'clients:',
    '  - name: Worker A',
    '    app_type: non_interactive',
    '    grant_types: &m2m',
    '      - client-credentials',
    '  - name: Worker B',
    '    app_type: non_interactive',
    '    grant_types: *m2m',
    '  - name: Alone',
    '    app_type: non_interactive',
    '    grant_types: [client-credentials]',
    '',
  ].join('\n');

  test('says so (CLI message, hover), while the same finding on an unshared list keeps its fix', () => {
    const analysis = analysisOf(text);
    const unknown = analysis.result.findings.filter((f) => f.ruleId === 'unknown-grant-type');
    assert.equal(unknown.length, 3);
    const [shared, alias, alone] = unknown;
    for (const finding of [shared!, alias!]) {
      assert.deepEqual(finding.fixes, []);
      assert.equal(finding.fixesWithheldByAnchor, true);
    }
    assert.ok(alone!.fixes.length > 0, 'the unshared list keeps its fix');
    assert.equal(alone!.fixesWithheldByAnchor, undefined);
    const hover = hoverAt(analysis, text.indexOf('client-credentials') + 1);
    assert.ok(hover);
    // The other use of the anchored list is named, with its place.
    assert.match(hover.markdown, /\*\*No quick fix:\*\* the YAML anchored value is also used by client 'Worker B' at 8:18 \(a fix would change it too\)/);
    const aloneHover = hoverAt(analysis, text.lastIndexOf('client-credentials') + 1);
    assert.doesNotMatch(aloneHover!.markdown, /No quick fix/);
  });
});

describe('a preferred fix that would edit anchored content, while other fixes are left', () => {
  // Two SPAs whose settings come through one merge key: removing client_credentials would edit the anchor both
  // use; the secret-method fixes are made in the client, so they are left.
  const text = ['base: &base', '  app_type: spa', '  token_endpoint_auth_method: none', '  grant_types: [authorization_code, client_credentials]', 'clients:', '  - name: A SPA', '    <<: *base', '  - name: B SPA', '    <<: *base', ''].join('\n');

  test('the hover names the fix not offered and why', () => {
    const analysis = analysisOf(text);
    const finding = analysis.result.findings.find((f) => f.ruleId === 'public-client-credentials');
    assert.ok(finding);
    assert.equal(finding.preferredFixWithheldByAnchor, true);
    assert.ok(finding.fixes.length > 0);
    const hover = hoverAt(analysis, text.indexOf('<<') + 1);
    assert.ok(hover);
    assert.match(hover.markdown, /\*\*Not offered:\*\* Remove grant 'client_credentials': it would edit YAML anchored content that client 'B SPA' at 9:5 also uses; edit the anchor by hand\./);
  });
});
