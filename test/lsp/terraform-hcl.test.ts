/**
 * The language server over stdio on a Terraform HCL document: the HCL reader (tree-sitter's WebAssembly, beside
 * the bundle in dist/) is loaded when the first .tf document is met, and its findings are published like any
 * other file's, for the language ids editors use for .tf files.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rangeText, TestServer } from './helpers';

const MAIN_TF = [
  'resource "auth0_client" "signage" {',
  '  name        = "Signage"',
  '  app_type    = "native"',
  '  grant_types = ["authorization_code", "passwordless_otp"]',
  '}',
  '',
].join('\n');

describe('Terraform HCL documents in the server', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  for (const languageId of ['terraform', 'hcl']) {
    it(`publishes the findings of a .tf document opened as '${languageId}'`, async () => {
      const uri = await server.open(`${languageId}/main.tf`, MAIN_TF, languageId);
      const published = await server.waitForDiagnostics(uri);
      assert.deepEqual(
        published.diagnostics.map((d) => [d.code, rangeText(MAIN_TF, d.range)]),
        [['unknown-grant-type', '"passwordless_otp"']],
      );
    });
  }
});
