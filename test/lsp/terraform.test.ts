/**
 * Terraform HCL (`.tf`) over the protocol: the server loads its HCL parser when the first `.tf` file comes (never
 * publishing an empty "pass" before it is ready), lints `.tf` documents whatever language id the editor gives
 * them, re-lints them as they are edited (credentials resource included), scans closed `.tf` files, and answers
 * hover, completion, code lenses and symbols on them.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, Diagnostic, DocumentSymbol, TextEdit } from 'vscode-languageserver-protocol/node';
import { applyEdits, editsFor, isCodeAction, positionOf, SERVER_PATH, TestServer } from './helpers';

const MAIN_TF = `variable "extra_grants" {
  type    = list(string)
  default = []
}

resource "auth0_client" "storefront" {
  name     = "Storefront"
  app_type = "regular_web"
  grant_types = [
    "authorization_code",
    "client_credentials", # nightly sync
  ]
}

resource "auth0_client_credentials" "storefront" {
  client_id             = auth0_client.storefront.id
  authentication_method = "none"
}

resource "auth0_client" "signage" {
  name        = "Signage"
  app_type    = "native"
  grant_types = ["authorization_code", "passwordless_otp"]
}

resource "auth0_client" "configurable" {
  name        = "Configurable"
  app_type    = "spa"
  grant_types = concat(["authorization_code"], var.extra_grants)
}
`;

/** rule@line (1-based), sorted, a note (no rule id) as note@line: what a test compares. */
function summary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code === undefined ? 'note' : String(d.code)}@${d.range.start.line + 1}`).sort();
}

/** Configurable's computed grant_types (line 29) gets a note, as in the CLI. */
const MAIN_FINDINGS = ['note@29', 'public-client-credentials@11', 'unknown-grant-type@23'];

function item(items: CompletionItem[], label: string): CompletionItem {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `a completion for ${label} among ${items.map((i) => i.label).join(', ')}`);
  return found;
}

function insert(text: string, completion: CompletionItem): string {
  const edit = completion.textEdit as TextEdit | undefined;
  assert.ok(edit && 'range' in edit, 'a text edit with a range');
  return applyEdits(text, [edit]);
}

describe('Terraform HCL in the language server', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  for (const languageId of ['terraform', 'hcl', 'plaintext']) {
    it(`lints a .tf document opened as '${languageId}', its first publication already the findings`, async () => {
      const uri = await server.open(`${languageId}/main.tf`, MAIN_TF, languageId);
      const first = await server.waitForDiagnostics(uri);
      // The HCL parser loads asynchronously: nothing (no empty list) is published for the file before it is ready.
      assert.deepEqual(summary(first.diagnostics), MAIN_FINDINGS);
      assert.equal(server.publications.filter((p) => p.uri === uri).length, 1);
      await server.close(uri);
    });
  }

  it('re-lints a .tf document as it is edited, the credentials resource included', async () => {
    const uri = await server.open('edited/main.tf', MAIN_TF);
    assert.deepEqual(summary(await server.waitForCurrent(uri)), MAIN_FINDINGS);

    // The client authenticates with a secret now: client_credentials is allowed, only the unknown grant is left.
    await server.changeRanges(uri, [{ start: MAIN_TF.indexOf('"none"'), end: MAIN_TF.indexOf('"none"') + 6, text: '"client_secret_post"' }]);
    assert.deepEqual(summary(await server.waitForCurrent(uri)), ['note@29', 'unknown-grant-type@23']);

    // A whole-text change (no range) that fixes the grant and adds a syntax error: parse errors, and no guesses.
    const broken = server.text(uri).replace('"passwordless_otp"', '"http://auth0.com/oauth/grant-type/passwordless/otp"').replace('app_type    = "native"', 'app_type    = ');
    await server.change(uri, broken);
    const diagnostics = await server.waitForCurrent(uri);
    // The intact resource beside the broken one keeps its note, as in the CLI (an error costs only its resource).
    assert.deepEqual(summary(diagnostics.filter((d) => d.code !== 'parse-error')), ['note@29'], `only parse errors and the note: ${summary(diagnostics).join(', ')}`);
    assert.ok(diagnostics.some((d) => d.code === 'parse-error'), `parse errors: ${summary(diagnostics).join(', ')}`);

    const fixed = broken.replace('app_type    = \n', 'app_type    = "native"\n');
    await server.change(uri, fixed);
    assert.deepEqual(summary(await server.waitForCurrent(uri)), ['note@29']);
    await server.close(uri);
  });

  it('gives findings in Terraform attribute names, and nothing on computed values', async () => {
    const uri = await server.open('names/main.tf', MAIN_TF);
    const diagnostics = await server.waitForCurrent(uri);
    const credentials = diagnostics.find((d) => d.code === 'public-client-credentials');
    assert.ok(credentials);
    assert.match(String(credentials.message), /authentication_method/);
    assert.doesNotMatch(String(credentials.message), /token_endpoint_auth_method/);
    // Configurable's grants are computed (concat of a variable): no finding in its lines, a note at its grants.
    const configurable = positionOf(MAIN_TF, 'resource "auth0_client" "configurable"').line;
    assert.equal(diagnostics.some((d) => d.range.start.line >= configurable && d.code !== undefined), false);
    const notes = diagnostics.filter((d) => d.range.start.line >= configurable);
    assert.deepEqual(notes.map((d) => [d.severity, d.message]), [[3, 'grant_types is computed (known at plan time): the rules that read the grants do not judge this client']]);
    await server.close(uri);
  });

  it('hovers a grant in a .tf file with the verdict for its client', async () => {
    const uri = await server.open('hover/main.tf', MAIN_TF);
    await server.waitForCurrent(uri);
    const hover = await server.hover(uri, positionOf(MAIN_TF, '"client_credentials", #', 3));
    assert.ok(hover, 'a hover on the grant');
    const text = (hover.contents as { value: string }).value;
    assert.match(text, /Client Credentials/);
    assert.match(text, /Not allowed for Storefront/);
    const method = await server.hover(uri, positionOf(MAIN_TF, 'authentication_method = "none"', 3));
    assert.ok(method, 'a hover on the credentials resource');
    const methodText = (method.contents as { value: string }).value;
    assert.match(methodText, /^\*\*authentication_method\*\*/);
    // Terraform's attribute takes the key and certificate methods too, and is never called the API's name.
    assert.match(methodText, /`private_key_jwt`: Confidential/);
    assert.doesNotMatch(methodText, /token_endpoint_auth_method|client_authentication_methods/);
    const appType = await server.hover(uri, positionOf(MAIN_TF, '"regular_web"', 2));
    assert.ok(appType, 'a hover on app_type');
    const appTypeText = (appType.contents as { value: string }).value;
    assert.match(appTypeText, /auth0_client_credentials/);
    assert.doesNotMatch(appTypeText, /token_endpoint_auth_method/);
    // Outside any resource: nothing.
    assert.equal(await server.hover(uri, positionOf(MAIN_TF, 'list(string)', 2)), null);
    await server.close(uri);
  });

  it('completes grants in one-line and multi-line grant_types tuples, quoted as HCL needs', async () => {
    const oneLine = MAIN_TF.replace('["authorization_code", "passwordless_otp"]', '["authorization_code", ]');
    const uri = await server.open('complete/main.tf', oneLine);
    await server.waitForCurrent(uri);
    const items = await server.completion(uri, positionOf(oneLine, ', ]', 2));
    assert.equal(items.some((i) => i.label === 'authorization_code'), false, 'grants already listed are not offered again');
    assert.match(insert(oneLine, item(items, 'refresh_token')), /grant_types = \["authorization_code", "refresh_token"\]/);

    // Multi-line, a comment after an item, the cursor on a new line before the `]`.
    const multi = MAIN_TF.replace('    "client_credentials", # nightly sync\n', '    "client_credentials", # nightly sync\n    \n');
    const multiUri = await server.open('complete-multi/main.tf', multi);
    await server.waitForCurrent(multiUri);
    const multiItems = await server.completion(multiUri, positionOf(multi, 'nightly sync\n    \n', 17));
    assert.equal(multiItems.some((i) => i.label === 'client_credentials'), false);
    assert.match(insert(multi, item(multiItems, 'refresh_token')), /# nightly sync\n {4}"refresh_token"\n {2}\]/);

    // Typed so far, inside quotes.
    const typed = MAIN_TF.replace('"passwordless_otp"', '"refr"');
    const typedUri = await server.open('complete-typed/main.tf', typed);
    await server.waitForCurrent(typedUri);
    const typedItems = await server.completion(typedUri, positionOf(typed, '"refr"', 5));
    assert.match(insert(typed, item(typedItems, 'refresh_token')), /\["authorization_code", "refresh_token"\]/);

    // app_type and authentication_method values.
    const appTypes = await server.completion(uri, positionOf(oneLine, '"native"', 1));
    assert.match(insert(oneLine, item(appTypes, 'spa')), /app_type {4}= "spa"/);
    const methods = await server.completion(uri, positionOf(oneLine, '"none"', 1));
    assert.ok(methods.some((m) => m.label === 'client_secret_basic'));

    // Not a grant list: another attribute's tuple, a block body.
    const other = await server.completion(uri, positionOf(oneLine, 'default = []', 11));
    assert.deepEqual(other, []);
    for (const u of [uri, multiUri, typedUri]) await server.close(u);
  });

  it('disables a rule for one resource block with a comment above it, the client\'s or its credentials\'', async () => {
    // Two clients with the same finding, each on its own block; and one on a credentials resource.
    const text = `resource "auth0_client" "a" {
  app_type    = "regular_web"
  grant_types = ["authorization_code", "implicit"]
}

  resource "auth0_client" "b" {
    app_type    = "regular_web"
    grant_types = ["authorization_code", "implicit"]
  }

resource "auth0_client" "c" {
  app_type    = "spa"
  grant_types = ["authorization_code"]
}

resource "auth0_client_credentials" "c" {
  client_id             = auth0_client.c.id
  authentication_method = "client_secret_post"
}
`;
    const cases: [string, string, RegExp][] = [
      ['implicit-grant', 'resource "auth0_client" "b"', /\n {2}# grantlint-disable-next-line implicit-grant\n {2}resource "auth0_client" "b"/],
      ['secret-on-public-app-type', 'resource "auth0_client_credentials" "c"', /\n# grantlint-disable-next-line secret-on-public-app-type\nresource "auth0_client_credentials" "c"/],
    ];
    for (const [rule, block, expected] of cases) {
      const uri = await server.open(`disable/${rule}/main.tf`, text);
      const before = await server.waitForCurrent(uri);
      assert.deepEqual(summary(before), ['implicit-grant@3', 'implicit-grant@8', 'secret-on-public-app-type@18']);
      const target = before.find((d) => d.code === rule && d.range.start.line > positionOf(text, block).line);
      assert.ok(target, `a ${rule} finding in ${block}`);
      const actions = ((await server.codeActions(uri, target.range, [target])) ?? []).filter(isCodeAction);
      const action = actions.find((a) => a.title === `Disable ${rule} for this client`);
      assert.ok(action, `actions: ${actions.map((a) => a.title).join(' | ')}`);
      const edited = applyEdits(text, editsFor(action.edit, uri));
      assert.match(edited, expected);
      await server.change(uri, edited);
      const after = await server.waitForCurrent(uri);
      // Only that block's finding is gone, and the comment is not reported as unused.
      assert.deepEqual(summary(after), summary(before).filter((s) => s !== `${rule}@${target.range.start.line + 1}`).map((s) => s.replace(/@(\d+)$/, (_, line: string) => `@${Number(line) > target.range.start.line ? Number(line) + 1 : Number(line)}`)));
      await server.close(uri);
    }
  });

  it('gives a code lens and a symbol per auth0_client resource', async () => {
    const uri = await server.open('outline/main.tf', MAIN_TF);
    await server.waitForCurrent(uri);
    const lenses = (await server.codeLens(uri)) ?? [];
    assert.deepEqual(
      lenses.map((l) => l.range.start.line + 1),
      [6, 20, 26].map((line) => line),
    );
    const symbols = ((await server.documentSymbols(uri)) ?? []) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Storefront', 'Signage', 'Configurable'],
    );
    await server.close(uri);
  });
});

describe('Terraform HCL files not open', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ files: { 'infra/main.tf': MAIN_TF, 'infra/notes.tf': 'locals {\n  x = 1\n}\n' } });
  });
  after(async () => {
    await server.stop();
  });

  it('checks .tf files in the workspace scan and again when one changes on disk', async () => {
    const uri = server.uri('infra/main.tf');
    const first = await server.waitForDiagnostics(uri);
    assert.deepEqual(summary(first.diagnostics), MAIN_FINDINGS);
    const watched = server.registrations.flatMap((r) => r.registrations).flatMap((r) => (r.registerOptions as { watchers?: { globPattern: string }[] } | undefined)?.watchers ?? []);
    assert.ok(watched.some((w) => /\btf\b/.test(w.globPattern)), `.tf files are watched: ${JSON.stringify(watched)}`);

    const mark = server.mark();
    server.write('infra/main.tf', MAIN_TF.replace('"none"', '"client_secret_basic"'));
    await server.watchedFilesChanged([{ uri, type: 2 }]);
    const after = await server.waitForDiagnostics(uri, { after: mark });
    assert.deepEqual(summary(after.diagnostics), ['note@29', 'unknown-grant-type@23']);
    // A .tf file without Auth0 resources gets nothing published.
    assert.equal(server.lastPublication(server.uri('infra/notes.tf')), undefined);
  });
});

describe('Terraform HCL without its WebAssembly', () => {
  let server: TestServer;
  let bundleDir: string;
  before(async () => {
    // The server bundle alone, without the .wasm files the build puts beside it (and no node_modules to fall back on).
    bundleDir = mkdtempSync(join(tmpdir(), 'grantlint-bundle-'));
    copyFileSync(SERVER_PATH, join(bundleDir, 'server.js'));
    server = await TestServer.start({ settings: { workspaceScan: false }, serverPath: join(bundleDir, 'server.js') });
  });
  after(async () => {
    await server.stop();
    rmSync(bundleDir, { recursive: true, force: true });
  });

  it('says a .tf file is not checked and why, never that it has no problems', async () => {
    const uri = await server.open('main.tf', MAIN_TF);
    const diagnostics = await server.waitForCurrent(uri);
    assert.deepEqual(summary(diagnostics), ['parse-error@1']);
    assert.match(String(diagnostics[0]!.message), /^Not checked: cannot read Terraform HCL: web-tree-sitter\.wasm is missing/);
    await server.waitFor('the failure in the log', () => server.logs.find((l) => /Terraform files are not checked/.test(l)));
    // Hover and completion answer nothing rather than hang.
    assert.equal(await server.hover(uri, positionOf(MAIN_TF, '"client_credentials", #', 3)), null);
    // JSON and YAML are still checked.
    const yaml = await server.open('tenant.yaml', 'clients:\n  - name: A\n    app_type: spa\n    grant_types: [client_credentials]\n');
    assert.ok((await server.waitForCurrent(yaml)).length > 0);
  });
});
