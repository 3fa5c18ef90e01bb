/**
 * Over stdio: a document opened from a folder the workspace scan skips (`.terraform/`, `node_modules/`, `.git/`,
 * at any depth, workspace/file-kinds.ts SKIPPED_FOLDERS) is not linted: empty diagnostics, no hover, no quick
 * fixes, no source.fixAll (so no fix on save) and no edit from the fix-all command, and the log names the file and
 * why. The same text outside such a folder gets its findings and fixes (the control).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SKIPPED_FOLDERS } from '../../server/src/workspace/file-kinds';
import { positionOf, TestServer } from './helpers';

const MAIN_TF = [
  'resource "auth0_client" "a" {',
  '  app_type    = "spa"',
  '  grant_types = ["authorization_code", "client_credentials"]',
  '}',
  '',
  'resource "auth0_client_credentials" "a" {',
  '  client_id             = auth0_client.a.id',
  '  authentication_method = "none"',
  '}',
  '',
].join('\n');
const TENANT_YAML = 'clients:\n  - name: Kiosk\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types:\n      - authorization_code\n      - client_credentials\n';
const CLIENT_JSON = '{\n  "name": "Kiosk",\n  "app_type": "spa",\n  "token_endpoint_auth_method": "none",\n  "grant_types": ["authorization_code", "client_credentials"]\n}\n';

const FILES: readonly { readonly name: string; readonly text: string }[] = [
  { name: 'main.tf', text: MAIN_TF },
  { name: 'tenant.yaml', text: TENANT_YAML },
  { name: 'clients/kiosk.json', text: CLIENT_JSON },
];

/** Where a skipped folder sits: at the top, below a module, and as a downloaded module's nested folder. */
function placesOf(folder: string): string[] {
  return [`${folder}`, `infra/${folder}`, `infra/${folder}/modules/auth`];
}

describe('documents under folders the workspace scan skips', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  const ORIGIN = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

  it('lints and fixes the same files outside them (the control)', async () => {
    for (const { name, text } of FILES) {
      const uri = await server.open(`checked/${name}`, text);
      const diagnostics = await server.waitForCurrent(uri);
      assert.ok(diagnostics.some((d) => d.code === 'public-client-credentials'), name);
      const fixAll = (await server.codeActions(uri, ORIGIN, [], ['source.fixAll'])) ?? [];
      assert.equal(fixAll.length, 1, name);
    }
  });

  for (const folder of SKIPPED_FOLDERS) {
    for (const place of placesOf(folder)) {
      it(`does not check, fix or fix on save a file in ${place}/, and says so`, async () => {
        for (const { name, text } of FILES) {
          const rel = `${place}/${name}`;
          const uri = await server.open(rel, text);
          assert.deepEqual(await server.waitForCurrent(uri), [], rel);
          const told = await server.waitFor(`the log line for ${rel}`, () => server.logs.find((line) => line.includes(`Not checked: ${server.path(rel)}`)));
          assert.match(told, new RegExp(`inside ${folder.replace('.', '\\.')}/, a folder Grantlint does not check.*no diagnostics, fixes or fix on save`));
          assert.deepEqual((await server.codeActions(uri, ORIGIN, [], ['source.fixAll'])) ?? [], [], `${rel}: no fix on save`);
          const item = positionOf(text, 'client_credentials', 2);
          assert.deepEqual((await server.codeActions(uri, { start: item, end: item }, [], ['quickfix'])) ?? [], [], `${rel}: no quick fixes`);
          assert.equal(await server.hover(uri, item), null, `${rel}: no hover`);
          const applied = server.applied.length;
          await server.executeCommand('grantlint.fixAll', [uri]);
          assert.equal(server.applied.length, applied, `${rel}: the fix-all command edits nothing`);
          // An edit is not linted either, and is not told again.
          const lines = server.logs.filter((line) => line.includes(server.path(rel))).length;
          await server.change(uri, `${text}\n`);
          assert.deepEqual(await server.waitForCurrent(uri), [], rel);
          assert.equal(server.logs.filter((line) => line.includes(server.path(rel))).length, lines);
          await server.close(uri);
        }
      });
    }
  }
});
