/**
 * The code lens says "grant_types computed" for every form of value Terraform computes at plan time (variables,
 * locals, `each.*`, function calls, `for`, conditionals, interpolations), in HCL and JSON; "set elsewhere" stays
 * for an auth0-deploy-cli keyword, whose value the deploy's keyword mappings supply.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestServer } from './helpers';

const COMPUTED_HCL = [
  'concat(["authorization_code"], var.extra)',
  'var.grants',
  'local.grants',
  'each.value.grants',
  '[for g in var.grants : g]',
  'var.public ? ["authorization_code"] : ["client_credentials"]',
  'lookup(var.grants_by_app, "shop", [])',
  'try(local.apps.shop.grants, [])',
  '"${var.grants}"',
  'module.grants.list',
  'data.external.grants.result',
];

function hclClient(grants: string): string {
  return `resource "auth0_client" "shop" {\n  for_each    = var.apps\n  name        = "Shop"\n  app_type    = "regular_web"\n  grant_types = ${grants}\n}\n`;
}

function jsonClient(grants: string): string {
  return `${JSON.stringify({ resource: { auth0_client: { shop: { name: 'Shop', app_type: 'regular_web', grant_types: grants } } } }, null, 2)}\n`;
}

describe('code lens on grant_types whose value is not in the file', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  async function titles(rel: string, text: string): Promise<string[]> {
    const uri = await server.open(rel, text);
    await server.waitForDiagnostics(uri);
    return ((await server.codeLens(uri)) ?? []).map((l) => l.command?.title ?? '');
  }

  it('says computed for every computed HCL form', async () => {
    for (const [index, grants] of COMPUTED_HCL.entries()) {
      const lenses = await titles(`hcl${index}/main.tf`, hclClient(grants));
      assert.equal(lenses.length, 1, grants);
      assert.match(lenses[0]!, /grant_types computed/, `${grants}: ${lenses[0]}`);
      assert.doesNotMatch(lenses[0]!, /elsewhere/, grants);
    }
  });

  it('says computed for an interpolation in Terraform JSON', async () => {
    for (const [index, grants] of ['${var.grants}', '${concat(["authorization_code"], var.extra)}', '${local.grants}'].entries()) {
      const lenses = await titles(`json${index}/main.tf.json`, jsonClient(grants));
      assert.equal(lenses.length, 1, grants);
      assert.match(lenses[0]!, /grant_types computed/, `${grants}: ${lenses[0]}`);
    }
  });

  it('says set elsewhere for a deploy-cli keyword', async () => {
    for (const [index, keyword] of ['##GRANTS##', '@@GRANTS@@'].entries()) {
      const yaml = `clients:\n  - name: Shop\n    app_type: regular_web\n    grant_types: '${keyword}'\n`;
      const lenses = await titles(`yaml${index}/tenant.yaml`, yaml);
      assert.equal(lenses.length, 1, keyword);
      assert.match(lenses[0]!, /grant_types set elsewhere/, `${keyword}: ${lenses[0]}`);
    }
  });

  it('says set elsewhere for a keyword a YAML merge key brings in', async () => {
    const yaml = `defaults: &defaults\n  grant_types: '##GRANTS##'\nclients:\n  - <<: *defaults\n    name: Shop\n    app_type: regular_web\n`;
    const lenses = await titles('yaml-merge/tenant.yaml', yaml);
    assert.equal(lenses.length, 1);
    assert.match(lenses[0]!, /grant_types set elsewhere/, lenses[0]);
  });
});
