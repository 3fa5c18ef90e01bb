/**
 * How Terraform resources name their client, in HCL as users write them: a reference, to `client_id`, to one
 * instance of a counted or for_each client (`[each.key]`, `[count.index]`), through `for_each` over a client's
 * instances (`each.value.id`), or by a variable. A credentials resource that names its client readably gives it
 * its method; one that names none readably may be any client's, so no client is then judged by the provider's
 * create-time method (a guess could delete a grant that works).
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { fixAll, lintText } from '../../server/src/engine/index';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';

before(() => loadHclParser());

function moduleFindings(files: Record<string, string>): string[] {
  const texts = new Map(Object.entries(files).map(([name, text]) => [`/m/${name}`, text]));
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  return [...texts].flatMap(([path, text]) =>
    lintText({ path, text, links: graph.linksFor(path).links }).findings.map((f) => `${path.slice(3)}:${text.slice(0, f.span.start).split('\n').length} ${f.ruleId}`),
  );
}

const client = (name: string, appType: string, extra = '') => `resource "auth0_client" "${name}" {\n${extra}  name        = "${name}"\n  app_type    = "${appType}"\n  grant_types = ["client_credentials"]\n}\n`;
const credentials = (name: string, clientId: string, extra = '') => `resource "auth0_client_credentials" "${name}" {\n${extra}  client_id             = ${clientId}\n  authentication_method = "client_secret_post"\n}\n`;

for (const [form, clientExtra, clientId, credentialsExtra] of [
  ['a reference', '', 'auth0_client.worker.id', ''],
  ['client_id', '', 'auth0_client.worker.client_id', ''],
  ['an instance of a for_each client', '  for_each    = toset(["eu", "us"])\n', 'auth0_client.worker[each.key].id', '  for_each              = toset(["eu", "us"])\n'],
  ['an instance of a counted client', '  count       = 2\n', 'auth0_client.worker[count.index].id', '  count                 = 2\n'],
  ['each.value over the client', '  for_each    = toset(["eu", "us"])\n', 'each.value.id', '  for_each              = auth0_client.worker\n'],
] as const) {
  test(`credentials naming their client by ${form} give it their method, in another file too`, () => {
    // A native app with a secret: the method is read (a warning on it), and never taken as the provider's none.
    const expected = ['credentials.tf:', 'secret-on-public-app-type'];
    const found = moduleFindings({ 'main.tf': client('worker', 'native', clientExtra), 'credentials.tf': credentials('worker', clientId, credentialsExtra) });
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.ok(found[0]!.startsWith(expected[0]!) && found[0]!.endsWith(expected[1]!), JSON.stringify(found));
    const together = moduleFindings({ 'main.tf': client('worker', 'native', clientExtra) + '\n' + credentials('worker', clientId, credentialsExtra) });
    assert.deepEqual(together.map((f) => f.split(' ')[1]), ['secret-on-public-app-type']);
  });
}

test('a credentials resource naming no client readably turns the create-time method off for the whole module', () => {
  const spa = client('storefront', 'spa');
  // Alone, a spa without credentials gets the provider's none: client_credentials cannot work.
  assert.deepEqual(moduleFindings({ 'main.tf': spa }), ['main.tf:4 public-client-credentials']);
  for (const clientId of ['var.client_id', 'data.auth0_client.existing.id', '"abc123"', 'local.ids["storefront"]']) {
    assert.deepEqual(moduleFindings({ 'main.tf': spa, 'credentials.tf': credentials('other', clientId) }), [], clientId);
  }
});

test('client grants name their client the same ways', () => {
  const grant = (clientId: string, extra = '') => `resource "auth0_client_grant" "api" {\n${extra}  client_id = ${clientId}\n  audience  = "https://api.example.com/"\n  scopes    = []\n}\n`;
  const web = `resource "auth0_client" "web" {\n  for_each    = toset(["eu"])\n  name        = "Web"\n  app_type    = "regular_web"\n  grant_types = ["authorization_code"]\n}\n`;
  for (const [clientId, extra] of [['auth0_client.web[each.key].id', '  for_each  = toset(["eu"])\n'], ['each.value.client_id', '  for_each  = auth0_client.web\n']] as const) {
    assert.deepEqual(moduleFindings({ 'main.tf': web, 'grants.tf': grant(clientId, extra) }).map((f) => f.split(' ')[1]), ['client-grant-without-client-credentials'], clientId);
  }
  assert.deepEqual(moduleFindings({ 'main.tf': web, 'grants.tf': grant('var.client_id') }), []);
});

test('a client grant whose client holds a syntax error is judged on nothing: in another file, in the same file, in a directory', () => {
  const broken = `resource "auth0_client" "jobs" {\n  name        = "Jobs"\n  app_type    = "non_interactive"\n  grant_types = ["authorization_code"\n}\n`;
  const grant = `resource "auth0_client_grant" "jobs_api" {\n  client_id = auth0_client.jobs.id\n  audience  = "https://api.example.com/"\n  scopes    = []\n}\n`;
  const rules = (found: string[]) => found.map((f) => `${f.split(':')[0]} ${f.split(' ')[1]}`);
  assert.deepEqual(rules(moduleFindings({ 'main.tf': broken, 'grants.tf': grant })), ['main.tf parse-error']);
  assert.deepEqual(rules(moduleFindings({ 'main.tf': `${broken}\n${grant}` })), ['main.tf parse-error']);
  // The same client without the error: the grant's finding is there.
  const fixed = broken.replace('"authorization_code"\n', '"authorization_code"]\n');
  assert.deepEqual(rules(moduleFindings({ 'main.tf': fixed, 'grants.tf': grant })), ['main.tf m2m-without-client-credentials', 'grants.tf client-grant-without-client-credentials']);
  // A deploy-cli directory: clients/jobs.json does not parse.
  const texts = new Map([
    ['/t/clients/jobs.json', '{ "name": "Jobs", "app_type": "non_interactive", "grant_types": ["authorization_code" }'],
    ['/t/grants/jobs.json', '{ "client_id": "Jobs", "audience": "https://api.example.com/", "scope": [] }'],
  ]);
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  assert.deepEqual(lintText({ path: '/t/grants/jobs.json', text: texts.get('/t/grants/jobs.json')!, links: graph.linksFor('/t/grants/jobs.json').links }).findings, []);
});

test("fix all never takes an alternative fix as a finding's preferred one when the preferred fix edits another file", () => {
  const main = `resource "auth0_client" "tv" {\n  name        = "TV"\n  app_type    = "native"\n  grant_types = ["urn:ietf:params:oauth:grant-type:device_code", "client_credentials"]\n}\n`;
  const creds = credentials('tv', 'auth0_client.tv.id');
  const texts = new Map([['/m/main.tf', main], ['/m/credentials.tf', creds]]);
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: (p) => p === '/m/main.tf' });
  const input = { path: '/m/main.tf', text: main, links: graph.linksFor('/m/main.tf').links };
  const device = lintText(input).findings.find((f) => f.ruleId === 'device-code-requirements');
  assert.ok(device, 'the Device Code finding');
  // The method lives in credentials.tf: the alternatives stay for the user, marked as not the preference.
  assert.equal(device.preferredFixElsewhere, true);
  assert.ok(device.fixes.length > 0);
  for (const unsafe of [false, true]) assert.ok(fixAll(input, { unsafe }).text.includes('device_code'), `unsafe ${unsafe}`);
});

test('credentials naming ONE instance of a for_each or counted client by a literal key or index do not stand for the whole resource', () => {
  const natives = (extra: string) => `resource "auth0_client" "natives" {\n${extra}  name        = "Native"\n  app_type    = "native"\n  grant_types = ["authorization_code", "client_credentials"]\n}\n`;
  const grant = (clientId: string) => `resource "auth0_client_grant" "api" {\n  client_id = ${clientId}\n  audience  = "https://api.example.com/"\n  scopes    = []\n}\n`;
  const spa = `resource "auth0_client" "storefront" {\n  name        = "Storefront"\n  app_type    = "spa"\n  grant_types = ["authorization_code", "client_credentials"]\n}\n`;
  for (const [extra, one] of [
    ['  for_each    = toset(["ios", "android"])\n', 'auth0_client.natives["ios"].id'],
    ['  for_each    = toset(["ios", "android"])\n', 'auth0_client.natives[ "ios" ].client_id'],
    ['  count       = 2\n', 'auth0_client.natives[0].id'],
    ['  for_each    = var.platforms\n', 'auth0_client.natives[var.first_platform].id'],
  ] as const) {
    const files = { 'main.tf': natives(extra) + '\n' + spa, 'credentials.tf': credentials('ios', one), 'grants.tf': grant(one.replace(/ios|0\]|var\.first_platform/, (m) => (m === 'ios' ? 'android' : m === '0]' ? '1]' : 'var.second_platform'))) };
    // The instances without credentials get the provider's none, the named one a secret: the resource's method is
    // unknown, so no method-based rule fires on it (nor on the grant naming the other instance); the module's other
    // clients keep the provider's create-time method.
    assert.deepEqual(moduleFindings(files), ['main.tf:11 public-client-credentials'], one);
    assert.deepEqual(moduleFindings({ 'main.tf': natives(extra) + '\n' + spa + '\n' + credentials('ios', one) + '\n' + grant(one) }), ['main.tf:11 public-client-credentials'], `${one}, one file`);
    const texts = new Map(Object.entries(files).map(([name, text]) => [`/m/${name}`, text]));
    const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
    for (const [path, text] of texts) {
      const input = { path, text, links: graph.linksFor(path).links };
      for (const unsafe of [false, true]) {
        const fixed = fixAll(input, { unsafe }).text;
        // Only the storefront's client_credentials may go; the natives' resource is left as written.
        assert.equal(fixed.includes('app_type    = "native"') || !text.includes('"natives"'), true, `${one} ${path} unsafe ${unsafe}`);
        assert.equal(fixed.split('client_credentials').length, text.split('client_credentials').length - (path === '/m/main.tf' ? 1 : 0), `${one} ${path} unsafe ${unsafe}`);
      }
    }
  }
});

test("a syntax error inside another resource's body hides no credentials resource: the create-time method stays known", () => {
  const spa = client('storefront', 'spa');
  const broken = (inside: string) => `resource "auth0_client" "other" {\n  name     = "Other"\n${inside}\n  app_type = "regular_web"\n}\n`;
  for (const mistake of ['  name2:   "A"', '  callbacks = ["a" "b"]', '  description = = "x"', '  logo_uri = "https://x" extra']) {
    const found = moduleFindings({ 'main.tf': spa, 'other.tf': broken(mistake) });
    assert.ok(found.includes('main.tf:4 public-client-credentials'), `${mistake}: ${JSON.stringify(found)}`);
    assert.ok(found.some((f) => f.startsWith('other.tf:') && f.endsWith('parse-error')), mistake);
  }
  // Between resources, or inside a credentials resource, it may hide one: the method is unknown.
  for (const text of ['x = = 1\n' + broken(''), `resource "auth0_client_credentials" "x" {\n  client_id = auth0_client.other.id\n  authentication_method: "none"\n}\n`]) {
    const found = moduleFindings({ 'main.tf': spa, 'other.tf': text });
    assert.ok(!found.includes('main.tf:4 public-client-credentials'), `${text}: ${JSON.stringify(found)}`);
  }
});

test('a credentials resource whose text holds a syntax error gives its client no method: nothing judged, nothing fixed, no finding on it', () => {
  const app = (appType: string, directive = '') =>
    `resource "auth0_client" "app" {\n  name        = "App"\n  app_type    = "${appType}"\n${directive}  grant_types = ["authorization_code", "client_credentials"]\n}\n`;
  const MISTAKES = [
    (method: string) => `resource "auth0_client_credentials" "app" {\n  client_id             = auth0_client.app.id\n  authentication_method = ${method}\n  private_key_jwt {\n    credentials {\n      name = "key"\n  }\n}\n`,
    (method: string) => `resource "auth0_client_credentials" "app" {\n  client_id             = auth0_client.app.id\n  authentication_method = ${method}\n  description           = = "x"\n}\n`,
    (method: string) => `resource "auth0_client_credentials" "app" {\n  client_id             = auth0_client.app.id\n  authentication_method = ${method}\n  scopes                = ["a" "b"]\n}\n`,
  ];
  for (const mistake of MISTAKES) {
    for (const [appType, method] of [['native', '"none"'], ['spa', '"none"'], ['spa', '"client_secret_post"']] as const) {
      for (const together of [false, true]) {
        const files: Record<string, string> = together ? { 'main.tf': `${app(appType)}\n${mistake(method)}` } : { 'main.tf': app(appType), 'creds.tf': mistake(method) };
        const found = moduleFindings(files);
        assert.ok(found.every((f) => f.endsWith('parse-error')), `${JSON.stringify(files)}: ${JSON.stringify(found)}`);
        const texts = new Map(Object.entries(files).map(([name, text]) => [`/m/${name}`, text]));
        const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
        const input = { path: '/m/main.tf', text: texts.get('/m/main.tf')!, links: graph.linksFor('/m/main.tf').links };
        for (const unsafe of [false, true]) assert.equal(fixAll(input, { unsafe }).text, input.text, JSON.stringify(files));
        // A suppression of the rule the guessed method would fire is not called unused.
        if (!together) assert.deepEqual(moduleFindings({ 'main.tf': app(appType, '  # grantlint-disable-next-line public-client-credentials\n'), 'creds.tf': mistake(method) }).filter((f) => !f.endsWith('parse-error')), []);
      }
    }
  }
});
