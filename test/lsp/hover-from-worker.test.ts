/**
 * A large document's hover is made in the lint worker from the analysis the diagnostics came from (so the first
 * hover after it opens does not read it again on the main thread); a small one's on the main thread. Over the
 * protocol, at words all over generated tenants of both sizes (with and without client grants), and after edits,
 * the hover is the one the service gives for the same text in process: the same Markdown over the same range, and
 * none where it gives none.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol/node';
import { DEFAULT_SETTINGS, LineIndex } from '../../server/src/engine/index';
import { analyze } from '../../server/src/service/analysis';
import { hoverAt } from '../../server/src/service/hover';
import { spanToRange } from '../../server/src/service/positions';
import { LARGE_DOCUMENT } from '../../server/src/lsp/open-documents';
import { generateTenantYaml, generateTenantYamlWithGrants } from '../helpers/tenant-generator';
import { TestServer } from './helpers';

/** Offsets to hover at: the middle of every word of the text, or of one word in `every` (a large text). */
function offsetsOf(text: string, every: number): number[] {
  const offsets: number[] = [];
  let i = 0;
  for (const match of text.matchAll(/[\w:/.#-]+/g)) if (i++ % every === 0) offsets.push(match.index + (match[0].length >> 1));
  return offsets;
}

describe('hover from the lint worker', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  async function agrees(uri: string, text: string, every: number): Promise<number> {
    const analysis = analyze({ path: server.path('tenant.yaml'), text, settings: DEFAULT_SETTINGS })!;
    const lines = new LineIndex(text);
    let shown = 0;
    for (const offset of offsetsOf(text, every)) {
      const position = lines.positionAt(offset);
      const expected = hoverAt(analysis, offset);
      const got = await server.hover(uri, position);
      if (!expected) {
        assert.equal(got, null, `no hover at ${JSON.stringify(position)}`);
        continue;
      }
      shown++;
      assert.ok(got, `a hover at ${JSON.stringify(position)}`);
      assert.equal((got.contents as MarkupContent).value, expected.markdown, `at ${JSON.stringify(position)}`);
      assert.deepEqual(got.range, spanToRange(analysis.lines, expected.span));
    }
    return shown;
  }

  for (const [label, text, every] of [
    ['a small tenant', generateTenantYaml({ clients: 8, seed: 5, invalidShare: 0.6 }), 1],
    ['a small tenant with client grants', generateTenantYamlWithGrants({ clients: 8, seed: 6, invalidShare: 0.6, grants: 6 }), 1],
    ['a large tenant with client grants', generateTenantYamlWithGrants({ clients: 500, seed: 7, invalidShare: 0.6, grants: 120 }), 41],
  ] as const) {
    it(`gives the service's hover at words of ${label}, and after edits`, async () => {
      assert.equal(text.length >= LARGE_DOCUMENT, label.includes('large'), `${label}: ${text.length} characters`);
      const uri = await server.open('tenant.yaml', text);
      await server.waitForCurrent(uri);
      assert.ok((await agrees(uri, text, every)) > 30, 'many hovers');
      // An edit: a client's grants change; the next hover is of the new text, linted or not yet.
      const edited = text.replace('authorization_code', 'implicit');
      await server.change(uri, edited);
      assert.ok((await agrees(uri, edited, every)) > 30);
      await server.close(uri);
    });
  }
});
