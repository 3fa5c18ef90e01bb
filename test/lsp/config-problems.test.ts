/**
 * The editor shows every problem of a broken `.grantlintrc.json` at once, each as its own diagnostic on the key or
 * value at fault (not at 1:1 of the file), with the name meant where one is close: for the config file on disk
 * and for one open in the editor as it is typed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { messageOf, TestServer } from './helpers';
import { brokenConfigArb, type BrokenConfig } from '../helpers/config-problems';

const YAML = 'clients:\n  - name: Shop\n    app_type: regular_web\n    grant_types: [authorization_code, implicit]\n';

/** The brief's own example, then configs with several problems written in each style. */
const CONFIGS: BrokenConfig[] = [
  {
    text: '{"rules":{"implicit-grants":"off"},"legacytenant":true}',
    problems: [
      { kind: 'rule id', culprit: '"implicit-grants"', message: /^unknown rule id 'implicit-grants' in 'rules'; did you mean 'implicit-grant'\?$/ },
      { kind: 'key', culprit: '"legacytenant"', message: /^unknown key 'legacytenant' \(expected rules, legacyTenant, ignore or overrides\); did you mean 'legacyTenant'\?$/ },
    ],
  },
  ...fc.sample(brokenConfigArb.filter((config) => config.problems.length >= 3), { numRuns: 4, seed: 7 }),
];

/** Each diagnostic matched to one problem: on its text, with its message, as a config error. */
function assertShows(text: string, diagnostics: readonly Diagnostic[], config: BrokenConfig): void {
  assert.equal(diagnostics.length, config.problems.length, `${text}\n${diagnostics.map(messageOf).join('\n')}`);
  const document = TextDocument.create('file:///c.json', 'json', 1, text);
  const unmatched = [...config.problems];
  for (const diagnostic of diagnostics) {
    assert.equal(diagnostic.code, 'config-error');
    const on = document.getText(diagnostic.range);
    const message = messageOf(diagnostic).replace(/^Invalid grantlint config: /, '').replace(/\.? Files under it are checked with the default settings\.$/, '');
    const at = unmatched.findIndex((p) => p.culprit === on && p.message.test(message));
    assert.ok(at >= 0, `unexpected: ${messageOf(diagnostic)} on ${on}\n${text}`);
    unmatched.splice(at, 1);
  }
}

describe('config problems in the editor', () => {
  let server: TestServer;
  let uri: string;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
    uri = await server.open('app/tenant.yaml', YAML);
    await server.waitForCurrent(uri);
  });
  after(async () => {
    await server.stop();
  });

  it('a config file on disk: one diagnostic per problem, each on its key or value', async () => {
    const configUri = server.uri('app/.grantlintrc.json');
    for (const config of CONFIGS) {
      server.write('app/.grantlintrc.json', config.text);
      const mark = server.mark();
      await server.watchedFilesChanged([{ uri: configUri, type: FileChangeType.Changed }]);
      const shown = await server.waitForDiagnostics(configUri, { after: mark, accept: (p) => p.diagnostics.length > 0 });
      assertShows(config.text, shown.diagnostics, config);
      // A valid config clears them, so the next one is published afresh.
      server.write('app/.grantlintrc.json', '{}\n');
      const cleared = server.mark();
      await server.watchedFilesChanged([{ uri: configUri, type: FileChangeType.Changed }]);
      await server.waitForDiagnostics(configUri, { after: cleared, accept: (p) => p.diagnostics.length === 0 });
    }
  });

  it('an open config file: the problems of its unsaved text, each on its key or value', async () => {
    const configUri = await server.open('app/.grantlintrc.json', CONFIGS[0]!.text);
    assertShows(CONFIGS[0]!.text, await server.waitForCurrent(configUri), CONFIGS[0]!);
    for (const config of CONFIGS.slice(1)) {
      await server.change(configUri, config.text);
      assertShows(config.text, await server.waitForCurrent(configUri), config);
    }
    await server.close(configUri);
  });
});
