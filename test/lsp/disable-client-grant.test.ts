/**
 * "Disable <rule> for this client grant" on the client-grant rules' findings, in generated forms: deploy-cli
 * `clientGrants:` entries (block mappings after `- `, on the line after a lone `-`, flow mappings; lists at
 * different indents, with comments above entries) and Terraform `auth0_client_grant` blocks (with `#`, `//` and
 * `/* *\/` comments above, indented or not, some under a directive for another rule). Applying the action must
 * silence exactly that finding: every other grant keeps its findings and nothing new appears (no
 * unused-suppression). `grants/*.json` have no comments: no such action there. Run with a client that does not
 * echo diagnostic data, so the actions are worked out from the current text.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { applyEdits, editsFor, isCodeAction, NO_DATA_CAPABILITIES, TestServer } from './helpers';

const LACKS = 'client-grant-without-client-credentials';
const SYSTEM_API = 'third-party-system-api-grant';

/** One grant: its client (Web lacks client_credentials; Partner is third-party) and whether it is for the Management API. */
interface GrantForm {
  readonly client: 'Web' | 'Partner';
  readonly managementApi: boolean;
  readonly shape: 'block' | 'lone-dash' | 'flow';
  readonly commentAbove: string;
}

/** The rule a grant's finding is of (Partner has client_credentials, so only the Management API makes it wrong). */
function expectedRule(grant: GrantForm): string | undefined {
  if (grant.client === 'Web') return LACKS;
  return grant.managementApi ? SYSTEM_API : undefined;
}

const grantForm: fc.Arbitrary<GrantForm> = fc.record({
  client: fc.constantFrom('Web' as const, 'Partner' as const),
  managementApi: fc.boolean(),
  shape: fc.constantFrom('block' as const, 'lone-dash' as const, 'flow' as const),
  commentAbove: fc.constantFrom('', '# reviewed', '# grantlint-disable-next-line implicit-grant'),
});

interface YamlForm {
  readonly listIndent: string;
  readonly itemIndent: number;
  readonly grants: readonly GrantForm[];
}

const yamlForm: fc.Arbitrary<YamlForm> = fc.record({
  listIndent: fc.constantFrom('', '  '),
  itemIndent: fc.constantFrom(2, 4),
  grants: fc.array(grantForm, { minLength: 2, maxLength: 4 }),
});

function audience(grant: GrantForm, i: number): string {
  return grant.managementApi ? 'https://acme.auth0.com/api/v2/' : `https://api${i}.example.com`;
}

/** A tenant.yaml; each grant's scope is `s<i>` (after its client_id), which tells the grants apart. */
function renderYaml(form: YamlForm): string {
  const lines = [
    'clients:',
    '  - name: Web',
    '    app_type: regular_web',
    '    grant_types: [authorization_code]',
    '  - name: Partner',
    '    app_type: regular_web',
    '    is_first_party: false',
    '    grant_types: [client_credentials]',
    'clientGrants:',
  ];
  const dash = form.listIndent;
  const inner = dash + ' '.repeat(form.itemIndent);
  form.grants.forEach((g, i) => {
    if (g.commentAbove) lines.push(`${dash}${g.commentAbove}`);
    const fields = [`client_id: ${g.client}`, `audience: "${audience(g, i)}"`, `scope: [s${i}]`];
    if (g.shape === 'flow') lines.push(`${dash}- { ${fields.join(', ')} }`);
    else if (g.shape === 'lone-dash') lines.push(`${dash}-`, ...fields.map((f) => inner + f));
    else lines.push(`${dash}-${' '.repeat(form.itemIndent - 1)}${fields[0]}`, ...fields.slice(1).map((f) => inner + f));
  });
  return `${lines.join('\n')}\n`;
}

const hclForm = fc.record({
  indent: fc.constantFrom('', '  '),
  grants: fc.array(
    fc.record({
      client: fc.constantFrom('Web' as const, 'Partner' as const),
      managementApi: fc.boolean(),
      shape: fc.constant('block' as const),
      commentAbove: fc.constantFrom('', '# API grant', '// API grant', '/* API\n   grant */', '// grantlint-disable-next-line implicit-grant', '# grantlint-disable-next-line implicit-grant'),
    }),
    { minLength: 2, maxLength: 4 },
  ),
});

/** A main.tf with the two clients and the grants as auth0_client_grant "g<i>" blocks. */
function renderHcl(form: { readonly indent: string; readonly grants: readonly GrantForm[] }): string {
  const lines = [
    'resource "auth0_client" "web" {',
    '  name        = "Web"',
    '  app_type    = "regular_web"',
    '  grant_types = ["authorization_code"]',
    '}',
    '',
    'resource "auth0_client" "partner" {',
    '  name           = "Partner"',
    '  app_type       = "regular_web"',
    '  is_first_party = false',
    '  grant_types    = ["client_credentials"]',
    '}',
  ];
  const at = form.indent;
  form.grants.forEach((g, i) => {
    lines.push('');
    if (g.commentAbove) lines.push(...g.commentAbove.split('\n').map((l) => at + l));
    lines.push(
      `${at}resource "auth0_client_grant" "g${i}" {`,
      `${at}  client_id = auth0_client.${g.client.toLowerCase()}.id`,
      `${at}  audience  = "${audience(g, i)}"`,
      `${at}  scopes    = ["s${i}"]`,
      `${at}}`,
    );
  });
  return `${lines.join('\n')}\n`;
}

function offsetOf(text: string, line: number, character: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + character;
}

/** Which grant a diagnostic is on: YAML, the `s<i>` scope after it; HCL, the `"g<i>"` block label before it. */
function grantOf(text: string, d: Diagnostic, format: 'yaml' | 'hcl'): number {
  const at = offsetOf(text, d.range.start.line, d.range.start.character);
  if (format === 'yaml') return Number(/\bs(\d+)\b/.exec(text.slice(at))![1]);
  const labels = [...text.slice(0, at).matchAll(/"g(\d+)" \{/g)];
  return Number(labels[labels.length - 1]![1]);
}

describe('Disable <rule> for this client grant', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ capabilities: NO_DATA_CAPABILITIES, settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  async function disableAction(uri: string, diagnostic: Diagnostic): Promise<CodeAction | undefined> {
    const { data: _dropped, ...bare } = diagnostic;
    const actions = ((await server.codeActions(uri, diagnostic.range, [bare])) ?? []).filter(isCodeAction);
    return actions.find((a) => a.title === `Disable ${String(diagnostic.code)} for this client grant`);
  }

  async function silencesExactlyEach(name: string, text: string, grants: readonly GrantForm[], format: 'yaml' | 'hcl'): Promise<void> {
    const uri = await server.open(name, text);
    const found = await server.waitForCurrent(uri);
    // A directive for another rule above a grant silences nothing there: its unused-suppression stays as it was.
    const unused = (list: Diagnostic[]) => list.filter((d) => d.code === 'unused-suppression').length;
    const byGrant = (list: Diagnostic[], current: string) =>
      list.filter((d) => d.code !== 'unused-suppression').map((d) => `${grantOf(current, d, format)}:${String(d.code)}`).sort();
    const expected = grants.flatMap((g, i) => (expectedRule(g) ? [`${i}:${expectedRule(g)}`] : [])).sort();
    assert.deepEqual(byGrant(found, text), expected, `the findings of\n${text}`);
    for (const diagnostic of found.filter((d) => d.code !== 'unused-suppression')) {
      const target = grantOf(text, diagnostic, format);
      const action = await disableAction(uri, diagnostic);
      assert.ok(action, `a disable action for grant ${target} in\n${text}`);
      const edited = applyEdits(text, editsFor(action.edit, uri));
      await server.change(uri, edited);
      const after = await server.waitForCurrent(uri);
      assert.deepEqual(byGrant(after, edited), expected.filter((e) => !e.startsWith(`${target}:`)), `disabling grant ${target}:\n${edited}`);
      assert.equal(unused(after), unused(found), `nothing new is unused:\n${edited}`);
      await server.change(uri, text);
      await server.waitForCurrent(uri);
    }
    await server.close(uri);
  }

  const yamlForms = fc.sample(yamlForm, { numRuns: 12, seed: 7 });
  yamlForms.forEach((form, n) => {
    it(`clientGrants entries, form ${n} (${form.grants.map((g) => g.shape).join(', ')})`, async () => {
      await silencesExactlyEach(`grants-yaml/${n}/tenant.yaml`, renderYaml(form), form.grants, 'yaml');
    });
  });

  const hclForms = fc.sample(hclForm, { numRuns: 12, seed: 7 });
  hclForms.forEach((form, n) => {
    it(`auth0_client_grant blocks, form ${n}`, async () => {
      await silencesExactlyEach(`grants-hcl/${n}/main.tf`, renderHcl(form), form.grants, 'hcl');
    });
  });

  it('offers no comment in grants/*.json, which has none: the config file does it', async () => {
    const grantText = '{ "client_id": "Web", "audience": "https://api.example.com", "scope": ["read"] }\n';
    const files = {
      'tenant/tenant.json': '{ "flags": {} }\n',
      'tenant/clients/Web.json': '{ "name": "Web", "app_type": "regular_web", "grant_types": ["authorization_code"] }\n',
      'tenant/grants/Web.json': grantText,
    };
    const dirServer = await TestServer.start({ capabilities: NO_DATA_CAPABILITIES, settings: { workspaceScan: false }, files });
    try {
      const uri = await dirServer.open('tenant/grants/Web.json', grantText);
      const found = await dirServer.waitForCurrent(uri);
      assert.deepEqual(found.map((d) => d.code), [LACKS]);
      const { data: _dropped, ...bare } = found[0]!;
      const titles = ((await dirServer.codeActions(uri, bare.range, [bare])) ?? []).map((a) => a.title);
      assert.ok(titles.includes(`Show documentation for ${LACKS}`), titles.join('; '));
      assert.ok(!titles.some((t) => t.startsWith('Disable ')), titles.join('; '));
    } finally {
      await dirServer.stop();
    }
  });
});
