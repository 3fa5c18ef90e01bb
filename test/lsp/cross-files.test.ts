/**
 * Links across files in the language server (initial publish): the workspace scan and open documents read a
 * file's Terraform module or deploy-cli directory as the CLI does, and related information points into the
 * sibling that holds the value.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { editsFor, isCodeAction, rangeText, TestServer } from './helpers';

const CASES = join(__dirname, '..', 'fixtures', 'cases', 'cross');

function filesOf(dir: string, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[`${prefix}/${relative(dir, path)}`] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const FILES = { ...filesOf(join(CASES, 'deploy-dir'), 'tenant'), ...filesOf(join(CASES, 'tf-json'), 'infra'), ...filesOf(join(CASES, 'deploy-yaml'), 'yaml') };

describe('links across files in the server', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ files: FILES });
    await server.waitForScans(1);
  });
  after(async () => {
    await server.stop();
  });

  const codes = (rel: string) => server.lastPublication(server.uri(rel))?.diagnostics.map((d) => `${String(d.code)}@${d.range.start.line + 1}:${d.severity}`);

  it('the workspace scan links tenant.json flags, grants and Terraform credentials', () => {
    assert.deepEqual(codes('tenant/clients/Old Portal.json'), ['legacy-grant-type@5:2']);
    assert.deepEqual(codes('tenant/clients/Ledger Export.json'), ['m2m-without-client-credentials@5:2']);
    assert.deepEqual(codes('tenant/grants/ledger-export-api.json'), ['client-grant-without-client-credentials@2:2']);
    assert.deepEqual(codes('infra/main.tf.json'), ['public-client-credentials@7:1', 'public-client-credentials@12:1']);
    assert.equal(server.lastPublication(server.uri('infra/credentials.tf.json')), undefined, 'nothing to show on the credentials file');
    assert.deepEqual(codes('yaml/tenant.yaml'), ['m2m-without-client-credentials@7:2', 'client-grant-without-client-credentials@19:2', 'third-party-system-api-grant@22:1']);
  });

  it('related information points into the sibling that holds the value', () => {
    const legacy = server.lastPublication(server.uri('tenant/clients/Old Portal.json'))!.diagnostics[0]!;
    assert.deepEqual(
      legacy.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line + 1]),
      [[server.uri('tenant/tenant.json'), 3]],
    );
    const grant = server.lastPublication(server.uri('tenant/grants/ledger-export-api.json'))!.diagnostics[0]!;
    assert.deepEqual(
      grant.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line + 1]),
      [[server.uri('tenant/clients/Ledger Export.json'), 5]],
    );
    const storefront = server.lastPublication(server.uri('infra/main.tf.json'))!.diagnostics[0]!;
    assert.deepEqual(storefront.relatedInformation?.[0]?.location.uri, server.uri('infra/credentials.tf.json'));
  });

  it('an open document is linted with the same links; the preferred quick fix sets the method where it is written', async () => {
    const uri = await server.open('infra/main.tf.json', FILES['infra/main.tf.json']!);
    const diagnostics = await server.waitForCurrent(uri);
    assert.deepEqual(diagnostics.map((d) => `${String(d.code)}@${d.range.start.line + 1}`), ['public-client-credentials@7', 'public-client-credentials@12']);
    const storefront = diagnostics[0]!;
    const actions = ((await server.codeActions(uri, storefront.range, [storefront], ['quickfix'])) ?? []).filter(isCodeAction);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.some((t) => t.startsWith("Remove grant 'client_credentials'")), titles.join('; '));
    // The method lives in credentials.tf.json: the fix that sets it edits that file, and only that file. It is a
    // command: the server checks the files again when it is chosen, then asks the editor to apply the edit.
    const preferred = actions.find((a) => a.isPreferred);
    assert.match(preferred?.title ?? '', /^Set authentication_method to 'client_secret_post'/, titles.join('; '));
    assert.equal(preferred!.edit, undefined);
    const applied = server.applied.length;
    await server.executeCommand(preferred!.command!.command, preferred!.command!.arguments ?? []);
    const edit = await server.waitFor('the edit', () => server.applied[applied]?.edit);
    const credentials = server.uri('infra/credentials.tf.json');
    assert.deepEqual(editsFor(edit, uri), []);
    const edits = editsFor(edit, credentials);
    assert.equal(edits.length, 1);
    assert.equal(rangeText(FILES['infra/credentials.tf.json']!, edits[0]!.range), '"none"');
    assert.equal(edits[0]!.newText, '"client_secret_post"');
  });

  it('a fix across files is withheld once the other file no longer holds the text it was made for', async () => {
    const uri = server.uri('infra/main.tf.json');
    const storefront = (await server.waitForCurrent(uri))[0]!;
    const offered = async () => ((await server.codeActions(uri, storefront.range, [storefront], ['quickfix'])) ?? []).filter(isCodeAction).map((a) => a.title);
    assert.ok((await offered()).some((t) => t.includes('authentication_method')));
    const actions = ((await server.codeActions(uri, storefront.range, [storefront], ['quickfix'])) ?? []).filter(isCodeAction);
    const chosen = actions.find((a) => a.title.includes('authentication_method'))!;
    // Changed on disk behind the server's back (no watched-files event yet), while the menu was open: the fix
    // chosen now is not applied (its edits no longer fit), the user is told, and it is no longer offered.
    server.write('infra/credentials.tf.json', `// moved down\n${FILES['infra/credentials.tf.json']!}`);
    const applied = server.applied.length;
    const shown = server.messages.length;
    await server.executeCommand(chosen.command!.command, chosen.command!.arguments ?? []);
    const warning = await server.waitFor('the warning', () => server.messages.slice(shown).find((m) => /was not applied: a file it changes has changed since/.test(m.message)));
    assert.ok(warning);
    assert.equal(server.applied.length, applied, 'nothing applied');
    const titles = await offered();
    assert.ok(!titles.some((t) => t.includes('authentication_method')), titles.join('; '));
    assert.ok(titles.some((t) => t.startsWith("Remove grant 'client_credentials'")), 'the fixes of this file stay');
  });
});
