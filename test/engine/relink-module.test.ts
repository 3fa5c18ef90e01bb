/**
 * A Terraform module's index rebuilt after one file changed (links.ts relinkTerraformModule, used by the project
 * graph after each file `--fix` writes and each edit a live server sees) must be the index built whole from the
 * same files: generated modules of HCL and JSON files whose resources share names across files (clients,
 * credentials by whole reference, one instance or a variable, client grants, auth0_tenant with literal, dynamic or
 * no flags, locals and modules passing a client on, syntax errors), changed one file at a time, compared index to
 * index and lint to lint.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { lintText } from '../../server/src/engine/index';
import { linkTerraformModule, relinkTerraformModule, type LinkedFile, type TerraformModuleLinks } from '../../server/src/engine/links';
import { parseText } from '../../server/src/engine/lint';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { observable } from '../helpers/hcl-edits';

before(() => loadHclParser());

const NAMES = ['kiosk', 'ledger', 'storefront'] as const;
type Name = (typeof NAMES)[number];

/** One resource or block, in HCL and (where the form has one) Terraform JSON. */
type Block =
  | { readonly kind: 'client'; readonly name: Name; readonly appType: string; readonly grants: readonly string[] }
  | { readonly kind: 'credentials'; readonly name: Name; readonly ref: 'id' | 'instance' | 'variable'; readonly method: string }
  | { readonly kind: 'grant'; readonly name: Name }
  | { readonly kind: 'tenant'; readonly flags: 'literal' | 'dynamic' | 'none' }
  | { readonly kind: 'passed-on'; readonly name: Name; readonly via: 'locals' | 'module' | 'output' }
  | { readonly kind: 'broken' };

const block: fc.Arbitrary<Block> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('client' as const), name: fc.constantFrom(...NAMES), appType: fc.constantFrom('spa', 'native', 'non_interactive', 'regular_web'), grants: fc.subarray(['authorization_code', 'client_credentials', 'implicit', 'password']) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('credentials' as const), name: fc.constantFrom(...NAMES), ref: fc.constantFrom('id' as const, 'id' as const, 'instance' as const, 'variable' as const), method: fc.constantFrom('none', 'client_secret_post', '${var.method}') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('grant' as const), name: fc.constantFrom(...NAMES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tenant' as const), flags: fc.constantFrom('literal' as const, 'dynamic' as const, 'none' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('passed-on' as const), name: fc.constantFrom(...NAMES), via: fc.constantFrom('locals' as const, 'module' as const, 'output' as const) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'broken' as const }) },
);

const clientRef = (name: Name, ref: 'id' | 'instance' | 'variable') => (ref === 'variable' ? 'var.client_id' : ref === 'instance' ? `auth0_client.${name}["eu"].id` : `auth0_client.${name}.id`);

function hcl(b: Block, i: number): string {
  switch (b.kind) {
    case 'client':
      return `resource "auth0_client" "${b.name}" {\n  name        = "${b.name}"\n  app_type    = "${b.appType}"\n  grant_types = [${b.grants.map((g) => `"${g}"`).join(', ')}]\n}\n`;
    case 'credentials':
      return `resource "auth0_client_credentials" "${b.name}_${i}" {\n  client_id             = ${clientRef(b.name, b.ref)}\n  authentication_method = "${b.method}"\n}\n`;
    case 'grant':
      return `resource "auth0_client_grant" "${b.name}_${i}" {\n  client_id = auth0_client.${b.name}.id\n  audience  = "https://api.example.com/"\n  scopes    = ["read:things"]\n}\n`;
    case 'tenant':
      if (b.flags === 'none') return `resource "auth0_tenant" "t${i}" {\n  friendly_name = "T"\n}\n`;
      if (b.flags === 'dynamic') return `resource "auth0_tenant" "t${i}" {\n  dynamic "flags" {\n    for_each = var.f\n    content {}\n  }\n}\n`;
      return `resource "auth0_tenant" "t${i}" {\n  flags {\n    allow_legacy_ro_grant_types = true\n  }\n}\n`;
    case 'passed-on':
      if (b.via === 'locals') return `locals {\n  id_${i} = auth0_client.${b.name}.client_id\n}\n`;
      if (b.via === 'module') return `module "m${i}" {\n  source    = "./m"\n  client_id = auth0_client.${b.name}.id\n}\n`;
      return `output "o${i}" {\n  value = auth0_client.${b.name}.client_id\n}\n`;
    case 'broken':
      return `resource "auth0_client" "broken_${i}" {\n  grant_types = ["implicit"\n`;
  }
}

/** Terraform JSON of the blocks that have a simple JSON form; the others are left out. */
function json(blocks: readonly Block[]): string {
  const resources: Record<string, Record<string, unknown>>[] = [];
  blocks.forEach((b, i) => {
    if (b.kind === 'client') resources.push({ auth0_client: { [b.name]: { name: b.name, app_type: b.appType, grant_types: b.grants } } });
    if (b.kind === 'credentials') resources.push({ auth0_client_credentials: { [`${b.name}_${i}`]: { client_id: `\${${clientRef(b.name, b.ref)}}`, authentication_method: b.method } } });
    if (b.kind === 'grant') resources.push({ auth0_client_grant: { [`${b.name}_${i}`]: { client_id: `\${auth0_client.${b.name}.id}`, audience: 'https://api.example.com/' } } });
  });
  return JSON.stringify({ resource: resources }, null, 2);
}

const PATHS = ['/m/a.tf', '/m/b.tf', '/m/c.tf.json', '/m/d.tf'] as const;

function fileOf(path: string, blocks: readonly Block[]): LinkedFile {
  const format = path.endsWith('.json') ? 'json' : 'hcl';
  const text = format === 'json' ? json(blocks) : blocks.map(hcl).join('\n');
  return { path, text, parsed: parseText(text, format), reported: path !== '/m/d.tf' };
}

/** Everything an index answers, with copies read (offsets say which file and where). */
function indexView(links: TerraformModuleLinks): unknown {
  const sortedEntries = <V>(map: ReadonlyMap<string, V>, f: (v: V) => unknown) => [...map].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, f(v)]);
  return {
    files: links.files.map((f) => [f.path, f.base, f.text, f.reported]),
    allFilesRead: links.allFilesRead,
    partialFiles: [...links.partialFiles].sort(),
    clients: sortedEntries(links.clients, (list) => list.map((l) => [l.file.path, l.entry.resourceName, l.entry.anchor, l.entry.node.start, l.entry.node.end, l.entry.credentials?.start])),
    credentials: sortedEntries(links.credentials, (list) => list.map((l) => [l.file.path, l.body.start, l.body.end])),
    credentialsCount: sortedEntries(links.credentialsCount, (perFile) => [...perFile].sort(([a], [b]) => a.localeCompare(b))),
    oneInstance: sortedEntries(links.oneInstanceCredentials, (paths) => paths),
    passedOn: sortedEntries(links.passedOn, (paths) => paths),
    declaredClients: sortedEntries(links.declaredClients, (paths) => paths),
    credentialsTargets: sortedEntries(links.credentialsTargets, (paths) => paths),
    tenantFlags: links.tenantFlags && [links.tenantFlags.file.path, links.tenantFlags.inSeveralFiles, links.tenantFlags.flags.unknown, links.tenantFlags.flags.flags?.start],
  };
}

test('a module index rebuilt after one file changed equals the index built whole, and lints the same', () => {
  const files = fc.array(block, { maxLength: 6 });
  const change = fc.record({ file: fc.nat(PATHS.length - 1), blocks: files });
  fc.assert(
    fc.property(fc.tuple(files, files, files, files), fc.array(change, { minLength: 1, maxLength: 5 }), (initial, changes) => {
      const current = PATHS.map((path, i) => fileOf(path, initial[i]!));
      let relinked = linkTerraformModule(current, true);
      for (const { file, blocks } of changes) {
        current[file] = fileOf(PATHS[file]!, blocks);
        relinked = relinkTerraformModule(relinked, current[file]!, true)!;
        assert.ok(relinked, 'a file of the module is relinked');
        const whole = linkTerraformModule(current, true);
        assert.deepEqual(indexView(relinked), indexView(whole));
        for (const linted of current) {
          const format = linted.path.endsWith('.json') ? 'json' : 'hcl';
          const viaRelinked = lintText({ path: linted.path, text: linted.text, format, links: relinked });
          const viaWhole = lintText({ path: linted.path, text: linted.text, format, links: whole });
          assert.deepEqual(observable(linted.text, viaRelinked), observable(linted.text, viaWhole), linted.path);
        }
      }
    }),
    { numRuns: Number(process.env['RELINK_RUNS'] ?? 150) },
  );
});

test('a file the index does not hold is not relinked (the caller builds the index whole)', () => {
  const links = linkTerraformModule([fileOf('/m/a.tf', [{ kind: 'client', name: 'kiosk', appType: 'spa', grants: ['implicit'] }])], true);
  assert.equal(relinkTerraformModule(links, fileOf('/m/new.tf', []), true), undefined);
});
