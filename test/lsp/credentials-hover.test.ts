/**
 * Hover on `authentication_method` in a Terraform file that holds only the credentials resource: the same hover
 * as beside the client (what each method means, and whether the client is public or confidential), for HCL and
 * JSON, with the client in another file of the module and with a client that no file of the module defines.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol/node';
import { positionOf, TestServer } from './helpers';

const HCL_CLIENT = 'resource "auth0_client" "storefront" {\n  name        = "Storefront"\n  app_type    = "non_interactive"\n  grant_types = ["client_credentials"]\n}\n';
const HCL_CREDENTIALS = (client: string): string =>
  `resource "auth0_client_credentials" "storefront" {\n  client_id             = auth0_client.${client}.id\n  authentication_method = "none"\n}\n`;
const JSON_CLIENT = `${JSON.stringify({ resource: { auth0_client: { storefront: { name: 'Storefront', app_type: 'non_interactive', grant_types: ['client_credentials'] } } } }, null, 2)}\n`;
const JSON_CREDENTIALS = (client: string): string =>
  `${JSON.stringify({ resource: { auth0_client_credentials: { storefront: { client_id: `\${auth0_client.${client}.id}`, authentication_method: 'none' } } } }, null, 2)}\n`;

interface Layout {
  readonly label: string;
  readonly credentials: string;
  readonly text: string;
  readonly files: Record<string, string>;
  /** The key and the value as they appear in the text. */
  readonly key: string;
  readonly value: string;
}

const LAYOUTS: readonly Layout[] = [
  { label: 'HCL, client in main.tf', credentials: 'hcl/credentials.tf', text: HCL_CREDENTIALS('storefront'), files: { 'hcl/main.tf': HCL_CLIENT }, key: 'authentication_method', value: '"none"' },
  { label: 'HCL, client nowhere', credentials: 'hcl-orphan/credentials.tf', text: HCL_CREDENTIALS('storefront'), files: { 'hcl-orphan/main.tf': '# no clients here\n' }, key: 'authentication_method', value: '"none"' },
  { label: 'JSON, client in main.tf.json', credentials: 'json/credentials.tf.json', text: JSON_CREDENTIALS('storefront'), files: { 'json/main.tf.json': JSON_CLIENT }, key: '"authentication_method"', value: '"none"' },
  { label: 'JSON, client nowhere', credentials: 'json-orphan/credentials.tf.json', text: JSON_CREDENTIALS('storefront'), files: { 'json-orphan/main.tf.json': '{}\n' }, key: '"authentication_method"', value: '"none"' },
];

function markdown(contents: unknown): string {
  const markup = contents as MarkupContent;
  assert.equal(markup.kind, 'markdown');
  return markup.value;
}

describe('hover on a credentials resource alone in its file', () => {
  let server: TestServer;
  before(async () => {
    const files: Record<string, string> = {};
    for (const layout of LAYOUTS) Object.assign(files, layout.files, { [layout.credentials]: layout.text });
    server = await TestServer.start({ files });
  });
  after(async () => {
    await server.stop();
  });

  for (const layout of LAYOUTS) {
    it(`explains the method on the key and the value (${layout.label})`, async () => {
      const uri = await server.open(layout.credentials, layout.text);
      await server.waitForDiagnostics(uri);
      for (const [needle, delta] of [[layout.key, 2], [layout.value, 2]] as const) {
        const hover = await server.hover(uri, positionOf(layout.text, needle, delta));
        assert.ok(hover, `${layout.label}: a hover on ${needle}`);
        const text = markdown(hover.contents);
        assert.match(text, /\*\*authentication_method\*\*/, text);
        assert.match(text, /\*\*`none`\*\*|`none`/, text);
        if (layout.label.includes('nowhere')) {
          assert.match(text, /auth0_client\.storefront/, text);
          assert.match(text, /not (defined|found)/, text);
        } else {
          assert.match(text, /Storefront/, text);
          assert.match(text, /public \(/, text);
        }
      }
    });
  }
});
