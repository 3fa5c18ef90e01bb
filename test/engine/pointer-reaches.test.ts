/**
 * engine/settings.ts pointerReaches: whether a config override's pointer meets any node of a file (the CLI names
 * overrides that meet nothing). Property over every form the generators write (deploy-cli YAML in every style,
 * JSON, Terraform HCL modules): the path of every node reaches, with and without Terraform's `/resource`; a key that
 * is not there, or an index one past a list's end, does not; and every finding's path reaches (a pointer written
 * from a finding's place always counts).
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { ParsedFile, ValueNode } from '../../server/src/engine/model';
import { pointerReaches } from '../../server/src/engine/settings';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { clientsArb, renderJson, renderYaml, styleArb } from '../robustness/generators';
import { generateTerraformModule } from '../helpers/terraform-generator';
import { lint } from '../helpers/lint';

before(() => loadHclParser());

function* nodes(node: ValueNode | undefined): Generator<ValueNode> {
  if (!node) return;
  yield node;
  if (node.kind === 'object') for (const prop of node.props) yield* nodes(prop.value);
  if (node.kind === 'array') for (const item of node.items) yield* nodes(item);
}

/** Checks every node of a parsed file, and a pointer next to each that meets nothing. */
function assertPointers(parsed: ParsedFile, where: string): void {
  for (const document of parsed.documents) {
    for (const node of nodes(document.root)) {
      const pointer = node.path.map(String);
      assert.ok(pointerReaches(parsed, pointer), `${where}: /${pointer.join('/')} reaches its node`);
      if (pointer[0] === 'resource') assert.ok(pointerReaches(parsed, pointer.slice(1)), `${where}: /${pointer.slice(1).join('/')} (without /resource) reaches`);
      if (node.kind === 'object') assert.ok(!pointerReaches(parsed, [...pointer, 'no-such-key']), `${where}: /${pointer.join('/')}/no-such-key reaches nothing`);
      if (node.kind === 'array') assert.ok(!pointerReaches(parsed, [...pointer, String(node.items.length)]), `${where}: an index past /${pointer.join('/')} reaches nothing`);
    }
  }
}

describe('pointerReaches', () => {
  test('deploy-cli YAML and JSON in every generated form: every node reaches, nothing beside it does', () => {
    fc.assert(
      fc.property(clientsArb, styleArb, (clients, style) => {
        for (const [path, text] of [
          ['/t/tenant.yaml', renderYaml(clients, style)],
          ['/t/clients.json', renderJson(clients, style)],
        ] as const) {
          const result = lint(path, text);
          if (result.parsed.errors.length > 0) continue;
          assertPointers(result.parsed, path);
          for (const finding of result.findings) if (finding.path) assert.ok(pointerReaches(result.parsed, finding.path.map(String)), `${path}: ${finding.ruleId} at /${finding.path.join('/')}`);
        }
      }),
      { numRuns: 150 },
    );
  });

  test('Terraform HCL modules: every resource by type and name, with or without /resource', () => {
    for (const seed of [1, 2, 3]) {
      for (const [name, text] of Object.entries(generateTerraformModule({ clients: 12, seed }))) {
        const result = lint(`/m/${name}`, text);
        assert.equal(result.parsed.errors.length, 0);
        assertPointers(result.parsed, name);
      }
    }
    const main = lint('/m/main.tf', 'resource "auth0_client" "kiosk" {\n  name = "Kiosk"\n}\n');
    assert.ok(pointerReaches(main.parsed, ['auth0_client', 'kiosk']));
    assert.ok(!pointerReaches(main.parsed, ['auth0_client', 'kiosks']));
    assert.ok(!pointerReaches(main.parsed, ['auth0_client_credentials', 'kiosk']));
  });

  test('the empty pointer reaches any file with a document', () => {
    assert.ok(pointerReaches(lint('/t/tenant.yaml', 'clients:\n  - name: a\n').parsed, []));
  });
});
