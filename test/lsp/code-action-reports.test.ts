/**
 * Code actions work from the reports published for the document's current version (made in the lint worker), so
 * the first quick fix asked for after opening a large file does not lint the whole file again on the main thread;
 * only a text the worker has not published for (an edit still being linted) is analysed here. Over the protocol,
 * the actions of every diagnostic of a generated tenant, asked right after its diagnostics are published and again
 * once the main thread has analysed the text (a hover), are the same, from clients with and without diagnostic data.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { reportsForCodeActions } from '../../server/src/lsp/open-documents';
import type { FindingReport } from '../../server/src/service/findings';
import { generateTenantYaml } from '../helpers/tenant-generator';
import { isCodeAction, NO_DATA_CAPABILITIES, TestServer } from './helpers';

describe('the reports code actions are made from', () => {
  const report = (ruleId: string): FindingReport =>
    ({ ruleId, severity: 'error', message: ruleId, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, related: [], deprecated: false, docsUrl: '', fixes: [], disable: undefined, disableTarget: undefined }) as FindingReport;

  it('are the published ones while the document is at their version, else made here', () => {
    const document = TextDocument.create('file:///w/tenant.yaml', 'yaml', 3, 'clients: []\n');
    const published = [report('implicit-grant')];
    const here = [report('legacy-grant-type')];
    let analysed = 0;
    const analyseHere = () => (analysed++, here);
    assert.equal(reportsForCodeActions({ document, published: { version: 3, reports: published, notes: [] } }, analyseHere), published);
    assert.equal(analysed, 0, 'no analysis on this thread');
    assert.equal(reportsForCodeActions({ document, published: { version: 2, reports: published, notes: [] } }, analyseHere), here);
    assert.equal(reportsForCodeActions({ document, published: undefined }, analyseHere), here);
    assert.equal(analysed, 2);
  });
});

for (const [label, capabilities] of [
  ['with diagnostic data', undefined],
  ['without diagnostic data', NO_DATA_CAPABILITIES],
] as const) {
  describe(`quick fixes right after the diagnostics are published, ${label}`, () => {
    let server: TestServer;
    before(async () => {
      server = await TestServer.start({ settings: { workspaceScan: false }, ...(capabilities ? { capabilities } : {}) });
    });
    after(async () => {
      await server.stop();
    });

    // The document version an edit is made for is left out: the three rounds below are of three versions.
    const describeActions = (actions: CodeAction[]) => actions.map((a) => `${a.title}|${a.isPreferred === true}|${JSON.stringify(a.edit ?? a.command).replace(/"version":\d+/g, '')}`);

    async function actionsFor(uri: string, diagnostics: Diagnostic[]): Promise<string[][]> {
      const all: string[][] = [];
      for (const diagnostic of diagnostics) {
        const sent = capabilities ? (({ data: _dropped, ...bare }) => bare)(diagnostic) : diagnostic;
        all.push(describeActions(((await server.codeActions(uri, diagnostic.range, [sent])) ?? []).filter(isCodeAction)));
      }
      return all;
    }

    it('are those made from an analysis on the main thread', async () => {
      const text = generateTenantYaml({ clients: 60, seed: 11, invalidShare: 0.6 });
      const uri = await server.open('tenant.yaml', text);
      const diagnostics = await server.waitForCurrent(uri);
      assert.ok(diagnostics.length > 20, `findings of many kinds (${diagnostics.length})`);
      const published = await actionsFor(uri, diagnostics);
      assert.ok(published.some((actions) => actions.length > 2), 'fixes offered');
      // The same text as a new version, asked about before its lint is published: the main thread analyses it.
      await server.change(uri, text);
      const here = await actionsFor(uri, diagnostics);
      assert.deepEqual(here, published);
      await server.waitForCurrent(uri);
      assert.deepEqual(await actionsFor(uri, diagnostics), published);
    });
  });
}
