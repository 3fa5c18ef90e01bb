/**
 * A Terraform client whose ID a `module`, `locals` or `output` block refers to may get its credentials out of the
 * module's sight (a child module given the ID, a parent reading the output), so it is not judged by the provider's
 * create-time method: a native or single-page app with `client_credentials` passed to a credentials module is not
 * called public, and `--fix` never removes the grant. Every way an expression can name the client, in HCL and
 * `.tf.json`, in the client's file and another file of the module; a client nothing passes on is still judged.
 * The hover says the method cannot be told, and why.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { fixAll, lintText } from '../../server/src/engine/index';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { analyze } from '../../server/src/service/analysis';
import { hoverAt } from '../../server/src/service/hover';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';

before(() => loadHclParser());

const client = (name: string, appType: string) =>
  `resource "auth0_client" "${name}" {\n  name        = "${name}"\n  app_type    = "${appType}"\n  grant_types = ["authorization_code", "client_credentials"]\n}\n`;

/** Expressions that carry `auth0_client.<name>` on, as people write them. */
const EXPRESSIONS = [
  (n: string) => `auth0_client.${n}.id`,
  (n: string) => `auth0_client.${n}.client_id`,
  (n: string) => `"\${auth0_client.${n}.id}"`,
  (n: string) => `[auth0_client.${n}.id]`,
  (n: string) => `{ app = auth0_client.${n}.client_id }`,
  (n: string) => `[for c in auth0_client.${n} : c.id]`,
  (n: string) => `auth0_client.${n}`,
  (n: string) => `lookup({ a = auth0_client.${n}.id }, "a")`,
];
/** Blocks that pass a value on, holding the expression. */
const BLOCKS = [
  (e: string) => `module "credentials" {\n  source    = "./modules/credentials"\n  client_id = ${e}\n}\n`,
  (e: string) => `module "credentials" {\n  source  = "./modules/credentials"\n  clients = {\n    nested = ${e}\n  }\n}\n`,
  (e: string) => `locals {\n  client_ref = ${e}\n}\n`,
  (e: string) => `output "client" {\n  value = ${e}\n}\n`,
];

function lintModule(files: Record<string, string>): { path: string; text: string; input: Parameters<typeof lintText>[0] }[] {
  const texts = new Map(Object.entries(files).map(([name, text]) => [`/m/${name}`, text]));
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  return [...texts].map(([path, text]) => ({ path, text, input: { path, text, links: graph.linksFor(path).links } }));
}

const rulesOf = (files: Record<string, string>) => lintModule(files).flatMap(({ input }) => lintText(input).findings.map((f) => f.ruleId));

test('a client passed to a module, a local or an output is not judged by the create-time method, and --fix keeps its grant', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...EXPRESSIONS),
      fc.constantFrom(...BLOCKS),
      fc.constantFrom('native', 'spa'),
      fc.boolean(),
      (expression, block, appType, sameFile) => {
        const passing = block(expression('app'));
        const files: Record<string, string> = sameFile ? { 'main.tf': `${client('app', appType)}\n${passing}` } : { 'main.tf': client('app', appType), 'wiring.tf': passing };
        assert.deepEqual(rulesOf(files), [], JSON.stringify(files));
        for (const { input, text } of lintModule(files)) for (const unsafe of [false, true]) assert.equal(fixAll(input, { unsafe }).text, text);
        // The same module with the block naming another client: this one is judged (none, so client_credentials fails).
        const other: Record<string, string> = sameFile ? { 'main.tf': `${client('app', appType)}\n${block(expression('other'))}` } : { 'main.tf': client('app', appType), 'wiring.tf': block(expression('other')) };
        assert.deepEqual(rulesOf(other), ['public-client-credentials'], JSON.stringify(other));
      },
    ),
    { numRuns: 150 },
  );
});

test('.tf.json: a module block passing the client ID on', () => {
  const main = JSON.stringify({
    resource: { auth0_client: { app: { name: 'App', app_type: 'native', grant_types: ['client_credentials'] } } },
    module: { credentials: { source: './modules/credentials', client_id: '${auth0_client.app.id}' } },
  });
  assert.deepEqual(rulesOf({ 'main.tf.json': main }), []);
  assert.deepEqual(rulesOf({ 'main.tf.json': main.replace('auth0_client.app.id', 'auth0_client.other.id') }), ['public-client-credentials']);
});

test('the hover says the method cannot be told because the ID is passed on', () => {
  const text = `${client('app', 'spa')}\n${BLOCKS[0]!(EXPRESSIONS[0]!('app'))}`;
  const input = lintModule({ 'main.tf': text })[0]!.input;
  const analysis = analyze({ path: '/m/main.tf', text, settings: DEFAULT_SETTINGS, links: input.links });
  assert.ok(analysis);
  const hover = hoverAt(analysis, text.indexOf('"client_credentials"') + 2);
  assert.ok(hover);
  assert.match(hover.markdown, /\*\*Cannot be told/);
  assert.match(hover.markdown, /passed to a module, a local value or an output/);
  assert.doesNotMatch(hover.markdown, /\*\*Allowed/);
});
