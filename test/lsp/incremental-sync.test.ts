/**
 * Incremental sync: the editor sends each edit as a range, several in one notification or a burst of
 * notifications within the debounce. The server lints from those ranges without comparing texts, and moves the
 * reports of findings that only moved instead of rendering them again, so after every burst its diagnostics
 * (ranges, fixes and "disable" edits included) must equal those of the same text opened fresh.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { generateTenantYaml } from '../helpers/tenant-generator';
import { Prng } from '../robustness/prng';
import { TestServer } from './helpers';

const SNIPPETS = ['x', '\n', '\n      - implicit', 'client_credentials', ' ', '#', '- ', '"', ''];

function comparable(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const data = d.data as { fixes?: unknown; disable?: unknown } | undefined;
    return JSON.stringify([d.code, d.range, d.message, d.severity, d.relatedInformation?.map((r) => r.location.range), data?.fixes, data?.disable]);
  });
}

describe('incremental sync', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  it('after bursts of ranged edits, the diagnostics equal a fresh lint of the text', async () => {
    const prng = new Prng(424242);
    const pick = (n: number) => Math.floor(prng.next() * n);
    let text = generateTenantYaml({ clients: 30, seed: 11, invalidShare: 0.3 });
    const uri = await server.open('edited/tenant.yaml', text);
    await server.waitForCurrent(uri);
    for (let burst = 0; burst < 12; burst++) {
      let version = 0;
      // One to three notifications, each with one to three edits, sent without waiting.
      for (let n = 1 + pick(3); n > 0; n--) {
        const edits: { start: number; end: number; text: string }[] = [];
        let length = text.length;
        for (let e = 1 + pick(3); e > 0; e--) {
          // Mostly inside one client, as when typing; sometimes a deletion across lines.
          const start = pick(length + 1);
          const end = Math.min(length, start + (prng.next() < 0.3 ? pick(40) : 0));
          const insert = SNIPPETS[pick(SNIPPETS.length)]!;
          edits.push({ start, end, text: insert });
          length += insert.length - (end - start);
        }
        ({ version, text } = await server.changeRanges(uri, edits));
      }
      const edited = (await server.waitForDiagnostics(uri, { accept: (p) => p.version === version })).diagnostics;
      const fresh = await server.open(`fresh${burst}/tenant.yaml`, text);
      const expected = await server.waitForCurrent(fresh);
      assert.deepEqual(comparable(edited), comparable(expected), `burst ${burst}`);
      await server.close(fresh);
    }
  });
});
