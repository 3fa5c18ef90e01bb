/**
 * Hover on a client grant's `client_id` and `audience`, over generated projects: the grant in a deploy-cli
 * `tenant.yaml` (`clientGrants:`), in `grants/*.json` beside `clients/*.json`, and in a Terraform module (the grant in
 * `main.tf` or `grants.tf`, the client's credentials resource beside it or absent); clients public or confidential,
 * holding `client_credentials` or not, or without `grant_types`; first- or third-party; audiences of the Management
 * API, My Account and an API of one's own; `subject_type` absent, `client` or `user`. The hover names the grant's
 * client (and its file when it is another), says the token requests fail exactly where
 * client-grant-without-client-credentials reports it, says Auth0 refuses a system API to a third-party client (and
 * then never that its token requests work: U44), and names a system API on the audience.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_SETTINGS } from '../../server/src/engine/index';
import { analyze } from '../../server/src/service/analysis';
import { hoverAt } from '../../server/src/service/hover';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { MemoryProject } from '../helpers/memory-project';

before(async () => {
  await loadHclParser();
});

interface Form {
  readonly place: 'yaml' | 'directory' | 'terraform' | 'terraform-split';
  readonly appType: 'spa' | 'non_interactive' | 'regular_web';
  /** The method as written; undefined: none written (Terraform: no credentials resource, the create-time default). */
  readonly method: 'none' | 'client_secret_post' | undefined;
  readonly grants: 'with-cc' | 'without-cc' | 'absent';
  readonly thirdParty: boolean;
  readonly audience: 'management' | 'my-account' | 'own';
  readonly subject: 'absent' | 'client' | 'user';
}

const form: fc.Arbitrary<Form> = fc.record({
  place: fc.constantFrom('yaml' as const, 'directory' as const, 'terraform' as const, 'terraform-split' as const),
  appType: fc.constantFrom('spa' as const, 'non_interactive' as const, 'regular_web' as const),
  method: fc.constantFrom('none' as const, 'client_secret_post' as const, undefined),
  grants: fc.constantFrom('with-cc' as const, 'without-cc' as const, 'absent' as const),
  thirdParty: fc.boolean(),
  audience: fc.constantFrom('management' as const, 'my-account' as const, 'own' as const),
  subject: fc.constantFrom('absent' as const, 'client' as const, 'user' as const),
});

const AUDIENCES = { management: 'https://acme.eu.auth0.com/api/v2/', 'my-account': 'https://acme.auth0.com/me/', own: 'https://reports.acme.example/' };

function grantList(f: Form): string[] | undefined {
  if (f.grants === 'absent') return undefined;
  return f.grants === 'with-cc' ? ['authorization_code', 'client_credentials'] : ['authorization_code'];
}

/** The project's texts and the file holding the grant. */
function project(f: Form): { path: string; texts: Map<string, string> } {
  const grants = grantList(f);
  const audience = AUDIENCES[f.audience];
  const subject = f.subject === 'absent' ? undefined : f.subject;
  if (f.place === 'yaml' || f.place === 'directory') {
    const client: Record<string, unknown> = { name: 'Reports Worker', app_type: f.appType };
    if (f.method) client['token_endpoint_auth_method'] = f.method;
    if (f.thirdParty) client['is_first_party'] = false;
    if (grants) client['grant_types'] = grants;
    const grant: Record<string, unknown> = { client_id: 'Reports Worker', audience, scope: ['read:reports'] };
    if (subject) grant['subject_type'] = subject;
    if (f.place === 'directory') {
      return {
        path: '/t/grants/reports.json',
        texts: new Map([
          ['/t/tenant.json', '{ "friendly_name": "T" }\n'],
          ['/t/clients/reports.json', `${JSON.stringify(client, null, 2)}\n`],
          ['/t/grants/reports.json', `${JSON.stringify(grant, null, 2)}\n`],
        ]),
      };
    }
    const yaml = `clients:\n  - ${JSON.stringify(client)}\nclientGrants:\n  - ${JSON.stringify(grant)}\n`;
    return { path: '/t/tenant.yaml', texts: new Map([['/t/tenant.yaml', yaml]]) };
  }
  const clientLines = [
    'resource "auth0_client" "reports" {',
    '  name     = "Reports Worker"',
    `  app_type = "${f.appType}"`,
    ...(f.thirdParty ? ['  is_first_party = false'] : []),
    ...(grants ? [`  grant_types = [${grants.map((g) => `"${g}"`).join(', ')}]`] : []),
    '}',
    ...(f.method ? ['', 'resource "auth0_client_credentials" "reports" {', '  client_id             = auth0_client.reports.id', `  authentication_method = "${f.method}"`, '}'] : []),
  ];
  const grantLines = [
    'resource "auth0_client_grant" "reports" {',
    '  client_id = auth0_client.reports.id',
    `  audience  = "${audience}"`,
    '  scopes    = ["read:reports"]',
    ...(subject ? [`  subject_type = "${subject}"`] : []),
    '}',
  ];
  if (f.place === 'terraform') return { path: '/t/main.tf', texts: new Map([['/t/main.tf', `${[...clientLines, '', ...grantLines].join('\n')}\n`]]) };
  return {
    path: '/t/grants.tf',
    texts: new Map([
      ['/t/main.tf', `${clientLines.join('\n')}\n`],
      ['/t/grants.tf', `${grantLines.join('\n')}\n`],
    ]),
  };
}

/** The hover's text with markdown's backslash escapes removed, as a reader sees it. */
const plain = (markdown: string) => markdown.replace(/\\(.)/g, '$1');

test('the hover on a client grant names its client and says its token requests fail where the rule reports it', () => {
  fc.assert(
    fc.property(form, (f) => {
      const { path, texts } = project(f);
      const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
      const text = texts.get(path)!;
      const analysis = analyze({ path, text, settings: DEFAULT_SETTINGS, links: graph.linksFor(path).links })!;
      const where = `${JSON.stringify(f)}\n${text}`;
      const clientIdAt = f.place.startsWith('terraform') ? text.lastIndexOf('auth0_client.reports.id') + 2 : text.lastIndexOf('"Reports Worker"') + 2;
      const hover = hoverAt(analysis, clientIdAt);
      assert.ok(hover, `a hover on client_id: ${where}`);
      const md = plain(hover.markdown);
      assert.match(md, /^\*\*Client grant\*\* for client `Reports Worker`/, where);
      const otherFile = f.place === 'directory' ? '../clients/reports.json' : f.place === 'terraform-split' ? 'main.tf' : undefined;
      assert.equal(md.includes('(in `'), otherFile !== undefined, where);
      if (otherFile) assert.ok(md.includes(`(in \`${otherFile}\`)`), `${where}\n${md}`);
      const finding = analysis.result.findings.find((x) => x.ruleId === 'client-grant-without-client-credentials');
      const fails = /token request for this grant fails|each token request/.test(md);
      if (f.subject === 'user') assert.match(md, /subject_type: user/, where);
      else assert.equal(fails, finding !== undefined, `the hover says requests fail iff the rule reports it: ${where}\n${md}`);
      // A system API Auth0 refuses a third-party client: said, and never that its token requests work.
      const refused = f.thirdParty && f.audience !== 'own';
      assert.equal(/Auth0 does not grant the (Management|My Account) API to a third-party client/.test(md), refused, `${where}\n${md}`);
      if (refused) assert.doesNotMatch(md, /can request tokens/, `${where}\n${md}`);
      // The finding's own text is there too, as the hover shows findings reported on the value.
      if (finding) assert.ok(md.includes(finding.message.slice(0, 40)), `${where}\n${md}`);

      const audienceAt = text.indexOf(AUDIENCES[f.audience]) + 10;
      const onAudience = hoverAt(analysis, audienceAt);
      assert.ok(onAudience, `a hover on audience: ${where}`);
      const api = f.audience === 'management' ? 'the Management API' : f.audience === 'my-account' ? 'the My Account API' : undefined;
      if (api) assert.ok(onAudience.markdown.includes(api), where);
      else assert.ok(!/Management API|My Account/.test(onAudience.markdown.split('\n\n')[0]!), where);
    }),
    { numRuns: 200 },
  );
});

test('the hover on a client grant whose finding a comment silences names the comment, in YAML and Terraform (U44)', () => {
  const yaml = [
    'clients:',
    '  - name: Reporting Job',
    '    app_type: regular_web',
    '    token_endpoint_auth_method: client_secret_post',
    '    grant_types: [authorization_code]',
    'clientGrants:',
    '  # grantlint-disable-next-line client-grant-without-client-credentials -- fixed next sprint',
    '  - client_id: Reporting Job',
    '    audience: https://reports.acme.example/',
    '    scope: [read:reports]',
    '',
  ].join('\n');
  const hcl = [
    'resource "auth0_client" "job" {',
    '  name        = "Reporting Job"',
    '  app_type    = "regular_web"',
    '  grant_types = ["authorization_code"]',
    '}',
    '',
    '# grantlint-disable-next-line client-grant-without-client-credentials',
    'resource "auth0_client_grant" "job" {',
    '  client_id = auth0_client.job.id',
    '  audience  = "https://reports.acme.example/"',
    '  scopes    = ["read:reports"]',
    '}',
    '',
  ].join('\n');
  for (const [path, text, at, line] of [
    ['/t/tenant.yaml', yaml, yaml.indexOf('Reporting Job', yaml.indexOf('client_id')) + 2, 7],
    ['/t/main.tf', hcl, hcl.indexOf('auth0_client.job.id') + 2, 7],
  ] as const) {
    const graph = new ProjectGraph(new MemoryProject(new Map([[path, text]])), { isReported: () => true });
    const analysis = analyze({ path, text, settings: DEFAULT_SETTINGS, links: graph.linksFor(path).links })!;
    assert.deepEqual(analysis.result.findings.map((f) => f.ruleId), [], path);
    const md = plain(hoverAt(analysis, at)!.markdown);
    assert.match(md, /lack `client_credentials`/, md);
    assert.ok(md.includes(`**Suppressed:** the \`grantlint-disable-next-line\` comment (line ${line}) silences this client-grant-without-client-credentials finding`), md);
  }
});
