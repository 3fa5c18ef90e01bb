/**
 * A suppression comment is not called unused where the rule it names could not judge the node: the client's auth
 * method, app type or party is not known here (a deploy-cli placeholder, a computed Terraform value, credentials
 * for one instance only, a module that cannot be read whole, an ID passed on to a module) and the rule would fire
 * for some value of it. The judgement is per rule: a comment naming a rule that fires for no value is still
 * reported. Generated over every form of unknown method, in YAML, JSON and Terraform HCL.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { lintText } from '../../server/src/engine/index';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';

before(() => loadHclParser());

function unusedIn(files: Record<string, string>, linted: string): string[] {
  const texts = new Map(Object.entries(files).map(([name, text]) => [`/m/${name}`, text]));
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  const path = `/m/${linted}`;
  const text = texts.get(path)!;
  return lintText({ path, text, links: graph.linksFor(path).links })
    .findings.filter((f) => f.ruleId === 'unused-suppression')
    .map((f) => f.message);
}

const YAML_METHODS = ["'##AUTH_METHOD##'", '"@@AUTH_METHOD@@"', '@@AUTH_METHOD@@'];
const yamlTenant = (method: string, rule: string, appType = 'spa') =>
  `clients:\n  - name: Kiosk\n    app_type: ${appType}\n    token_endpoint_auth_method: ${method}\n    grant_types:\n      - authorization_code\n      # grantlint-disable-next-line ${rule} -- reviewed\n      - client_credentials\n`;

test('YAML: a placeholder method keeps a suppression of a method rule, not of a rule no method makes fire', () => {
  for (const method of YAML_METHODS) {
    for (const appType of ['spa', 'native']) {
      assert.deepEqual(unusedIn({ 'tenant.yaml': yamlTenant(method, 'public-client-credentials', appType) }, 'tenant.yaml'), [], `${method} ${appType}`);
      assert.equal(unusedIn({ 'tenant.yaml': yamlTenant(method, 'implicit-grant', appType) }, 'tenant.yaml').length, 1, `${method} ${appType}: implicit-grant fires for no method`);
    }
  }
  // Known: the method is none, the finding is silenced, nothing unused; client_secret_post: the comment is unused.
  assert.deepEqual(unusedIn({ 'tenant.yaml': yamlTenant('none', 'public-client-credentials') }, 'tenant.yaml'), []);
  assert.equal(unusedIn({ 'tenant.yaml': yamlTenant('client_secret_post', 'public-client-credentials') }, 'tenant.yaml').length, 1);
});

test('YAML: an app type or party not known here keeps a suppression of a rule it decides', () => {
  // Device Code needs a native app: with the app type a placeholder, it may fire.
  const device = (appType: string) =>
    `clients:\n  - name: TV\n    app_type: ${appType}\n    token_endpoint_auth_method: none\n    grant_types:\n      # grantlint-disable-next-line device-code-requirements\n      - urn:ietf:params:oauth:grant-type:device_code\n`;
  assert.deepEqual(unusedIn({ 'tenant.yaml': device("'##APP_TYPE##'") }, 'tenant.yaml'), []);
  assert.equal(unusedIn({ 'tenant.yaml': device('native') }, 'tenant.yaml').length, 1, 'a native app: the comment silences nothing');
  // Without a method a client counts as confidential, whatever its app type: public-client-credentials fires for none.
  const absent = `clients:\n  - name: Kiosk\n    app_type: '##APP_TYPE##'\n    grant_types:\n      # grantlint-disable-next-line public-client-credentials\n      - client_credentials\n`;
  assert.equal(unusedIn({ 'tenant.yaml': absent }, 'tenant.yaml').length, 1);
  const party = `clients:\n  - name: Partner\n    app_type: regular_web\n    token_endpoint_auth_method: client_secret_post\n    is_first_party: '@@FIRST_PARTY@@'\n    grant_types:\n      # grantlint-disable-next-line first-party-only-grant\n      - password\n`;
  assert.deepEqual(unusedIn({ 'tenant.yaml': party }, 'tenant.yaml'), []);
});

const tfClient = (rule: string, extra = '') =>
  `resource "auth0_client" "kiosk" {\n${extra}  name     = "Kiosk"\n  app_type = "spa"\n  # grantlint-disable-next-line ${rule}\n  grant_types = ["authorization_code", "client_credentials"]\n}\n`;
const tfCredentials = (clientId: string, method: string, extra = '') =>
  `resource "auth0_client_credentials" "kiosk" {\n${extra}  client_id             = ${clientId}\n  authentication_method = ${method}\n}\n`;

/** Terraform modules in which the Kiosk's method is not known here. */
const TF_UNKNOWN: Record<string, Record<string, string>> = {
  'a computed method': { 'main.tf': tfClient('RULE'), 'credentials.tf': tfCredentials('auth0_client.kiosk.id', 'var.method') },
  'credentials for one instance': {
    'main.tf': tfClient('RULE', '  for_each = toset(["a", "b"])\n'),
    'credentials.tf': tfCredentials('auth0_client.kiosk["a"].id', '"client_secret_post"'),
  },
  'a sibling file that does not parse': { 'main.tf': tfClient('RULE'), 'broken.tf': 'resource "auth0_client" "other" {\n  name = "Other\n}\n' },
  'the ID passed to a module': { 'main.tf': tfClient('RULE'), 'wiring.tf': 'module "creds" {\n  source    = "./creds"\n  client_id = auth0_client.kiosk.id\n}\n' },
  'no module read': { 'main.tf': tfClient('RULE') },
};

for (const [form, files] of Object.entries(TF_UNKNOWN)) {
  test(`Terraform, ${form}: a suppression of a method rule stays, one of a rule no method makes fire is unused`, () => {
    const withRule = (rule: string) => Object.fromEntries(Object.entries(files).map(([name, text]) => [name, text.replace('RULE', rule)]));
    if (form === 'no module read') {
      // Linted alone, without its module: lintText gets no links at all.
      const text = files['main.tf']!.replace('RULE', 'public-client-credentials');
      assert.deepEqual(lintText({ path: '/m/main.tf', text }).findings.filter((f) => f.ruleId === 'unused-suppression'), []);
      return;
    }
    assert.deepEqual(unusedIn(withRule('public-client-credentials'), 'main.tf'), []);
    assert.equal(unusedIn(withRule('implicit-grant'), 'main.tf').length, 1);
  });
}

test('YAML: a broken line after a client makes the suppressions after it not judged, and the client gets no guessed finding', () => {
  const text =
    'clients:\n  - name: Worker\n    app_type: non_interactive\n\ttoken_endpoint_auth_method: client_secret_post\n    grant_types: [client_credentials]\n  # grantlint-disable-next-line implicit-grant\n  - name: Portal\n    app_type: regular_web\n    token_endpoint_auth_method: client_secret_post\n    grant_types: [authorization_code, implicit]\n';
  const findings = lintText({ path: '/t/tenant.yaml', text }).findings;
  assert.deepEqual([...new Set(findings.map((f) => f.ruleId))], ['parse-error']);
  // One mistake on a line, one parse-error.
  const lines = findings.map((f) => text.slice(0, f.span.start).split('\n').length);
  assert.equal(new Set(lines).size, lines.length, JSON.stringify(findings.map((f) => f.message)));
});
