/**
 * Quiet on broken files: an open JSON document leaves syntax errors to the editor's own JSON support (VS Code
 * shows them), unless grantlint.reportJsonSyntaxErrors is on. YAML keeps them: VS Code does not validate YAML.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestServer } from './helpers';
import { CLIENT_JSON, TENANT_YAML } from './fixtures';

/** Ways a client JSON file is broken while being typed: each a text that does not parse. */
const BROKEN_JSON: readonly string[] = [
  CLIENT_JSON.replace(']', ''),
  CLIENT_JSON.replace('"app_type": "regular_web",', '"app_type": "regular_web"'),
  CLIENT_JSON.replace('"implicit",', '"implicit",,'),
  CLIENT_JSON.slice(0, CLIENT_JSON.indexOf('"grant_types"')),
  `${CLIENT_JSON}}`,
  CLIENT_JSON.replace('"Portal"', '"Portal'),
];

describe('syntax errors in open files', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  // The engine gives a client whose text has a syntax error no rule findings, so with parse-error left to the
  // editor such a file shows nothing from Grantlint; this test holds the server's part: no syntax errors.
  it('leaves syntax errors of a broken JSON client file to the editor by default', async () => {
    for (const [index, text] of BROKEN_JSON.entries()) {
      const uri = await server.open(`broken${index}/clients/Portal.json`, text);
      assert.deepEqual((await server.waitForCurrent(uri)).filter((d) => d.code === 'parse-error'), [], text);
      // Repairing it brings the findings back.
      await server.change(uri, CLIENT_JSON);
      assert.ok((await server.waitForCurrent(uri)).length > 0, 'findings once it parses');
      await server.close(uri);
    }
  });

  it('reports them when grantlint.reportJsonSyntaxErrors is on, and always in YAML', async () => {
    const json = await server.open('on/clients/Portal.json', BROKEN_JSON[0]!);
    assert.equal((await server.waitForCurrent(json)).some((d) => d.code === 'parse-error'), false);
    const mark = server.mark();
    await server.configurationChanged({ workspaceScan: false, reportJsonSyntaxErrors: true });
    const published = await server.waitForDiagnostics(json, { after: mark, accept: (p) => p.diagnostics.some((d) => d.code === 'parse-error') });
    assert.equal(published.version, server.version(json));
    await server.configurationChanged({ workspaceScan: false });

    const yaml = await server.open('yaml/tenant.yaml', TENANT_YAML.replace('grant_types:\n', 'grant_types: [\n'));
    const diagnostics = await server.waitForCurrent(yaml);
    assert.ok(diagnostics.some((d) => d.code === 'parse-error'), 'YAML keeps its syntax errors');
  });
});

describe('syntax errors in closed files', () => {
  it('a closed JSON client config that does not parse shows its parse errors (the editor checks only open files)', async () => {
    const server = await TestServer.start({ files: { 'broken/clients.json': BROKEN_JSON[0]!, 'clients/Portal.json': CLIENT_JSON } });
    try {
      await server.waitForScans(1);
      const broken = server.publications.filter((p) => p.uri === server.uri('broken/clients.json')).at(-1);
      assert.ok(broken, 'the broken file is published');
      assert.ok(broken.diagnostics.length > 0 && broken.diagnostics.every((d) => d.code === 'parse-error'), JSON.stringify(broken.diagnostics));
    } finally {
      await server.stop();
    }
  });
});
