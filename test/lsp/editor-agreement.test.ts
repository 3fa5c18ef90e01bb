/**
 * Code lens and hover agree with the diagnostics over stdio: a Terraform client's auth method read from a sibling
 * `auth0_client_credentials` or the provider's create-time default (HCL and JSON modules alike), and a
 * `.grantlintrc.json` changed, created or deleted on disk while a document stays open.
 */
import assert from 'node:assert/strict';
import { unlinkSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { FileChangeType, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { positionOf, TestServer } from './helpers';

function markdown(contents: unknown): string {
  return (contents as MarkupContent | undefined)?.value ?? '';
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** A module's files in one format: a client with a sibling credentials resource and a SPA without one. */
interface ModuleForm {
  readonly name: string;
  readonly main: string;
  readonly credentials: string;
  readonly mainFile: string;
  readonly credentialsFile: string;
}

const HCL: ModuleForm = {
  name: 'HCL',
  mainFile: 'main.tf',
  credentialsFile: 'credentials.tf',
  main: [
    'resource "auth0_client" "backend" {',
    '  name        = "Backend"',
    '  app_type    = "regular_web"',
    '  grant_types = ["authorization_code", "client_credentials"]',
    '}',
    '',
    'resource "auth0_client" "kiosk" {',
    '  name        = "Kiosk"',
    '  app_type    = "spa"',
    '  grant_types = ["authorization_code", "client_credentials"]',
    '}',
    '',
  ].join('\n'),
  credentials: [
    'resource "auth0_client_credentials" "backend" {',
    '  client_id             = auth0_client.backend.id',
    '  authentication_method = "none"',
    '}',
    '',
  ].join('\n'),
};

const TF_JSON: ModuleForm = {
  name: 'JSON',
  mainFile: 'main.tf.json',
  credentialsFile: 'credentials.tf.json',
  main: json({
    resource: {
      auth0_client: {
        backend: { name: 'Backend', app_type: 'regular_web', grant_types: ['authorization_code', 'client_credentials'] },
        kiosk: { name: 'Kiosk', app_type: 'spa', grant_types: ['authorization_code', 'client_credentials'] },
      },
    },
  }),
  credentials: json({ resource: { auth0_client_credentials: { backend: { client_id: '${auth0_client.backend.id}', authentication_method: 'none' } } } }),
};

for (const form of [HCL, TF_JSON]) {
  describe(`lens and hover of a Terraform ${form.name} module agree with its findings`, () => {
    let server: TestServer;
    before(async () => {
      server = await TestServer.start({
        settings: { workspaceScan: false },
        files: { [`infra/${form.mainFile}`]: form.main, [`infra/${form.credentialsFile}`]: form.credentials },
      });
    });
    after(async () => {
      await server.stop();
    });

    it('the diagnostics see both clients as public', async () => {
      const uri = await server.open(`infra/${form.mainFile}`, form.main);
      const diagnostics = await server.waitForCurrent(uri);
      assert.equal(diagnostics.filter((d) => d.code === 'public-client-credentials').length, 2, JSON.stringify(diagnostics));
    });

    it('the code lens of each client says public, from the sibling credentials and the create-time default', async () => {
      const uri = server.uri(`infra/${form.mainFile}`);
      const lenses = (await server.codeLens(uri)) ?? [];
      assert.deepEqual(
        lenses.map((lens) => lens.command?.title.split(' · ')[0]),
        ['public', 'public'],
      );
    });

    it('the hover on the method-dependent grant says not allowed, and the client is public', async () => {
      const uri = server.uri(`infra/${form.mainFile}`);
      for (const occurrence of [0, 1]) {
        const hover = markdown((await server.hover(uri, positionOf(form.main, '"client_credentials"', 2, occurrence)))?.contents);
        assert.match(hover, /\*\*Not allowed for (Backend|Kiosk)\.\*\* This client is public/, hover);
      }
    });
  });
}

describe('hover follows .grantlintrc.json changed on disk', () => {
  const TENANT = ['clients:', '  - name: Web SPA', '    app_type: spa', '    token_endpoint_auth_method: none', '    grant_types: [client_credentials]', ''].join('\n');
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  const verdict = async (uri: string): Promise<string> => {
    const hover = markdown((await server.hover(uri, positionOf(TENANT, 'client_credentials', 2)))?.contents);
    return /\*\*(Allowed|Discouraged|Not allowed|Not checked) for Web SPA\.\*\*/.exec(hover)?.[1] ?? hover;
  };

  it('answers with the config as it is now: created, changed, deleted', async () => {
    const uri = await server.open('tenant.yaml', TENANT);
    await server.waitForCurrent(uri);
    assert.equal(await verdict(uri), 'Not allowed');

    const config = server.write('.grantlintrc.json', JSON.stringify({ rules: { 'public-client-credentials': 'off' } }));
    await server.watchedFilesChanged([{ uri: server.uri('.grantlintrc.json'), type: FileChangeType.Created }]);
    // Asked at once, before the re-lint's diagnostics arrive, and again after them. A rule that is off leaves the
    // grant not checked, never "allowed".
    assert.equal(await verdict(uri), 'Not checked');
    await server.waitForCurrent(uri);
    assert.equal(await verdict(uri), 'Not checked');

    server.write('.grantlintrc.json', JSON.stringify({ rules: { 'public-client-credentials': 'warning' } }));
    await server.watchedFilesChanged([{ uri: server.uri('.grantlintrc.json'), type: FileChangeType.Changed }]);
    assert.equal(await verdict(uri), 'Discouraged');

    unlinkSync(config);
    await server.watchedFilesChanged([{ uri: server.uri('.grantlintrc.json'), type: FileChangeType.Deleted }]);
    assert.equal(await verdict(uri), 'Not allowed');
  });
});

describe('a Terraform JSON client with its credentials in a .tf sibling, before any .tf document is open', () => {
  const MAIN = TF_JSON.main;
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false }, files: { 'infra/main.tf.json': MAIN, 'infra/credentials.tf': HCL.credentials } });
  });
  after(async () => {
    await server.stop();
  });

  it('hovers with the method the HCL sibling sets, asked at once and after the diagnostics', async () => {
    const uri = await server.open('infra/main.tf.json', MAIN);
    const verdicts = async (): Promise<string[]> => {
      const answers: string[] = [];
      for (const occurrence of [0, 1]) {
        const hover = markdown((await server.hover(uri, positionOf(MAIN, '"client_credentials"', 2, occurrence)))?.contents);
        answers.push(/\*\*(Allowed|Discouraged|Not allowed) for (\w+)\.\*\*( This client is public)?/.exec(hover)?.slice(1).join(' ') ?? hover);
      }
      return answers;
    };
    // Backend is public by credentials.tf; Kiosk (a SPA) has no credentials resource and gets the provider's
    // create-time `none` only when credentials.tf was read as HCL (the module is then known whole).
    const expected = ['Not allowed Backend  This client is public', 'Not allowed Kiosk  This client is public'];
    assert.deepEqual(await verdicts(), expected);
    const diagnostics = await server.waitForCurrent(uri);
    assert.equal(diagnostics.filter((d) => d.code === 'public-client-credentials').length, 2, JSON.stringify(diagnostics));
    assert.deepEqual(await verdicts(), expected);
    const lenses = (await server.codeLens(uri)) ?? [];
    assert.deepEqual(lenses.map((lens) => lens.command?.title.split(' · ')[0]), ['public', 'public']);
  });
});
