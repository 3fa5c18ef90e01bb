/**
 * The summary's exact fix counts take shortcuts (cli/fixable.ts): each finding's checked fix counted alone where
 * no client has two fixes, and fix all run on the file with only its fixable clients (cli/fix-scope.ts). Both are
 * held here to the plain computation, fix all run on the whole file, with and without unsafe fixes, finding by
 * finding: generated tenant.yaml files (entries written `- name:` and `-` then the mapping on the next line, grant
 * lists as block lists, one-line and multi-line flow lists with comments, comment lines, legacy flags, anchors and
 * merge keys), Management API JSON arrays (indented, on one line, CRLF) and Terraform HCL (credentials after each
 * client, after all clients, or in another file of the module), with clients that have several fixable findings,
 * nameless clients and clients sharing a name.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { clearableFindings } from '../../server/src/cli/fixable';
import { fixPlan, narrowedToFixable } from '../../server/src/cli/fix-scope';
import { toCliFindings } from '../../server/src/cli/report';
import type { LintInput } from '../../server/src/engine/lint';
import { lintText } from '../../server/src/engine/lint';
import type { ProjectLinks } from '../../server/src/engine/links';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { generateAnchoredTenantYaml } from '../helpers/anchored-tenant-generator';
import { MemoryProject } from '../helpers/memory-project';

before(() => loadHclParser());

const GRANTS = [
  'authorization_code',
  'client_credentials',
  'client-credentials',
  'refresh_token',
  'implicit',
  'password',
  'authorisation_code',
  'code',
  'http://auth0.com/oauth/grant-type/password-realm',
  'http://auth0.com/oauth/legacy/grant-type/ro',
  'urn:ietf:params:oauth:grant-type:device_code',
];
const APP_TYPES = ['spa', 'native', 'regular_web', 'non_interactive', 'spaa'];
const METHODS = ['none', 'client_secret_post', 'client_secret_basic', 'nonee', 'private_key_jwt'];

const nameArb = fc.option(fc.constantFrom('Kiosk', 'Billing', 'Ops'), { nil: undefined, freq: 8 });
const anyClientArb = fc.record({
  name: nameArb,
  appType: fc.option(fc.constantFrom(...APP_TYPES), { nil: undefined, freq: 6 }),
  grants: fc.option(fc.array(fc.constantFrom(...GRANTS), { maxLength: 5 }), { nil: undefined, freq: 8 }),
  method: fc.option(fc.constantFrom(...METHODS), { nil: undefined }),
  firstParty: fc.option(fc.boolean(), { nil: undefined, freq: 4 }),
  form: fc.nat(5),
});
type Client = typeof anyClientArb extends fc.Arbitrary<infer T> ? T : never;
/** Most clients of a large tenant are fine, or have findings without a fix. */
const fineClientArb: fc.Arbitrary<Client> = fc.record({
  name: nameArb,
  appType: fc.constant('regular_web'),
  grants: fc.constantFrom(['authorization_code', 'refresh_token'], ['authorization_code', 'client_credentials'], ['client_credentials']),
  method: fc.constantFrom('client_secret_post', 'client_secret_basic'),
  firstParty: fc.option(fc.boolean(), { nil: undefined, freq: 4 }),
  form: fc.nat(5),
});
const clientArb = fc.oneof({ arbitrary: anyClientArb, weight: 1 }, { arbitrary: fineClientArb, weight: 2 });

/** Clients mostly with names of their own; `shared` keeps the generated names, so some are repeated. */
const clientsArb = fc.record({ clients: fc.array(clientArb, { minLength: 1, maxLength: 8 }), shared: fc.constantFrom(false, false, false, true), legacy: fc.boolean() });
type Clients = typeof clientsArb extends fc.Arbitrary<infer T> ? T : never;

function nameOf(client: Client, i: number, shared: boolean): string | undefined {
  if (client.name === undefined) return shared ? undefined : `Client ${i}`;
  return shared ? client.name : `${client.name} ${i}`;
}

function yamlTenant({ clients, shared, legacy }: Clients): string {
  const lines = ['tenant:', '  flags:', `    allow_legacy_ro_grant_types: ${legacy}`, 'clients:'];
  clients.forEach((client, i) => {
    const body: string[] = [];
    const name = nameOf(client, i, shared);
    if (name !== undefined) body.push(`name: ${JSON.stringify(name)}`);
    if (client.appType !== undefined) body.push(`app_type: ${client.appType}`);
    if (client.method !== undefined) body.push(`token_endpoint_auth_method: ${client.method}`);
    if (client.firstParty !== undefined) body.push(`is_first_party: ${client.firstParty}`);
    if (client.grants !== undefined) {
      const items = client.grants.map((g) => JSON.stringify(g));
      if (client.form % 3 === 0 || items.length === 0) body.push(`grant_types: [${items.join(', ')}]`);
      else if (client.form % 3 === 1) body.push('grant_types:', ...items.map((g) => `  - ${g}`));
      else body.push('grant_types: [', ...items.map((g, k) => `    ${g},${k === 0 ? ' # first' : ''}`), '  ]');
    }
    if (body.length === 0) body.push('description: empty');
    if (client.form === 5) lines.push('  # a team note');
    if (client.form >= 4) lines.push('  -', ...body.map((line) => `    ${line}`));
    else lines.push(`  - ${body[0]}`, ...body.slice(1).map((line) => `    ${line}`));
  });
  return `${lines.join('\n')}\n`;
}

function clientObject(client: Client, i: number, shared: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const name = nameOf(client, i, shared);
  if (name !== undefined) body['name'] = name;
  body['app_type'] = client.appType ?? 'regular_web';
  if (client.method !== undefined) body['token_endpoint_auth_method'] = client.method;
  if (client.firstParty !== undefined) body['is_first_party'] = client.firstParty;
  if (client.grants !== undefined) body['grant_types'] = client.grants;
  return body;
}

function managementJson({ clients, shared }: Clients, form: number): string {
  const objects = clients.map((client, i) => clientObject(client, i, shared));
  const text = form === 0 ? JSON.stringify(objects) : JSON.stringify(objects, null, 2);
  return form === 2 ? `${text.replace(/\n/g, '\r\n')}\r\n` : `${text}\n`;
}

/** Terraform blocks: each client and its credentials resource (when it has a method). */
function hclBlocks({ clients, shared }: Clients): { clients: string[]; credentials: string[] } {
  const out = { clients: [] as string[], credentials: [] as string[] };
  clients.forEach((client, i) => {
    const lines = [`resource "auth0_client" "c${i}" {`];
    const name = nameOf(client, i, shared);
    if (name !== undefined) lines.push(`  name = ${JSON.stringify(name)}`);
    if (client.appType !== undefined) lines.push(`  app_type = ${JSON.stringify(client.appType)}`);
    if (client.firstParty !== undefined) lines.push(`  is_first_party = ${client.firstParty}`);
    if (client.grants !== undefined) {
      const items = client.grants.map((g) => JSON.stringify(g));
      if (client.form % 2 === 0) lines.push(`  grant_types = [${items.join(', ')}]`);
      else lines.push('  grant_types = [', ...items.map((g, k) => `    ${g},${k === 0 ? ' # first' : ''}`), '  ]');
    }
    lines.push('}', '');
    out.clients.push(lines.join('\n'));
    if (client.method !== undefined) {
      out.credentials.push([`resource "auth0_client_credentials" "c${i}" {`, `  client_id             = auth0_client.c${i}.id`, `  authentication_method = ${JSON.stringify(client.method)}`, '}', ''].join('\n'));
    }
  });
  return out;
}

let narrowed = 0;
let judgedAlone = 0;
let checked = 0;

/** The counts with every shortcut, against fix all on the whole file; for all findings and errors only (--quiet). */
function assertCountsExact(path: string, text: string, links?: ProjectLinks): void {
  const input: LintInput = { path, text, links, fixChecks: 'enough-to-count' };
  const result = lintText(input);
  const all = toCliFindings(path, text, result);
  for (const findings of [all, all.filter((f) => f.severity === 'error')]) {
    const fast = clearableFindings(path, input, findings, result);
    const plain = clearableFindings(path, input, findings);
    assert.deepEqual(fast, plain, `${path}:\n${text}`);
  }
  checked++;
  if (narrowedToFixable(input, result, false) || narrowedToFixable(input, result, true)) narrowed++;
  if ((fixPlan(input, result, false)?.alone.size ?? 0) > 0 || (fixPlan(input, result, true)?.alone.size ?? 0) > 0) judgedAlone++;
}

test('exact fix counts: narrowed to the fixable clients, as fix all on the whole file (tenant.yaml)', () => {
  narrowed = judgedAlone = checked = 0;
  fc.assert(fc.property(clientsArb, (cs) => assertCountsExact('tenant.yaml', yamlTenant(cs))), { numRuns: 150 });
  assert.ok(narrowed >= checked / 5, `the narrowed file was used in ${narrowed} of ${checked} files`);
  assert.ok(judgedAlone >= checked / 5, `clients were judged alone in ${judgedAlone} of ${checked} files`);
});

test('exact fix counts: YAML anchors, aliases and merge keys are run whole, as fix all on the whole file', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 2, max: 8 }), (seed, count) => assertCountsExact('tenant.yaml', generateAnchoredTenantYaml(count, seed))),
    { numRuns: 60 },
  );
});

test('exact fix counts: narrowed to the fixable clients, as fix all on the whole file (Management API JSON)', () => {
  narrowed = judgedAlone = checked = 0;
  fc.assert(fc.property(clientsArb, fc.nat(2), (cs, form) => assertCountsExact('clients.json', managementJson(cs, form))), { numRuns: 150 });
  assert.ok(narrowed >= checked / 5, `the narrowed file was used in ${narrowed} of ${checked} files`);
  assert.ok(judgedAlone >= checked / 5, `clients were judged alone in ${judgedAlone} of ${checked} files`);
});

test('exact fix counts: narrowed to the fixable clients, as fix all on the whole file (Terraform HCL, one file)', () => {
  narrowed = judgedAlone = checked = 0;
  fc.assert(
    fc.property(clientsArb, fc.boolean(), (cs, credentialsLast) => {
      const blocks = hclBlocks(cs);
      const text = credentialsLast
        ? [...blocks.clients, ...blocks.credentials].join('\n')
        : blocks.clients.map((block, i) => [block, blocks.credentials.find((c) => c.includes(`"c${i}" {`)) ?? ''].join('\n')).join('\n');
      assertCountsExact('/m/main.tf', text);
    }),
    { numRuns: 120 },
  );
  assert.ok(narrowed >= checked / 5, `the narrowed file was used in ${narrowed} of ${checked} files`);
  assert.ok(judgedAlone >= checked / 5, `clients were judged alone in ${judgedAlone} of ${checked} files`);
});

test('exact fix counts: narrowed to the fixable clients, as fix all on the whole file (Terraform module, credentials in another file)', () => {
  narrowed = judgedAlone = checked = 0;
  fc.assert(
    fc.property(clientsArb, (cs) => {
      const blocks = hclBlocks(cs);
      const texts = new Map([
        ['/m/main.tf', blocks.clients.join('\n')],
        ['/m/credentials.tf', blocks.credentials.join('\n')],
      ]);
      const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
      for (const [path, text] of texts) assertCountsExact(path, text, graph.linksFor(path).links);
    }),
    { numRuns: 100 },
  );
  assert.ok(narrowed >= checked / 5, `the narrowed file was used in ${narrowed} of ${checked} files`);
  assert.ok(judgedAlone >= checked / 5, `clients were judged alone in ${judgedAlone} of ${checked} files`);
});
