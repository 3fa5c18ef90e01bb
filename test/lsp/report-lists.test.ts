/**
 * An open document's reports cross from the lint worker to the main thread as a change to the list sent before
 * (lsp/report-lists.ts). Whatever happens between the threads (lints superseded before they ran, the document
 * closed with a lint in flight and opened again, the worker dying), the reports the main thread ends up with are
 * those a fresh lint of the same text gives.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/engine/index';
import { LintWorker } from '../../server/src/lsp/lint-worker';
import { ReportListReceiver, ReportListSender, sentWhole } from '../../server/src/lsp/report-lists';
import { analyze } from '../../server/src/service/analysis';
import { reportFindings, type FindingReport } from '../../server/src/service/findings';
import { generateTenantYaml } from '../helpers/tenant-generator';
import { Prng } from '../robustness/prng';
import { SERVER_PATH } from './helpers';

const logs: string[] = [];
const logger = { error: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), info: (m: string) => logs.push(m), log: (m: string) => logs.push(m) };
const PATH = '/w/tenant.yaml';
const input = (text: string) => ({ path: PATH, text, settings: DEFAULT_SETTINGS });

/** What a fresh lint of `text` reports, as an open document's lint renders it. */
function fresh(text: string): FindingReport[] {
  const analysis = analyze(input(text));
  assert.ok(analysis);
  return reportFindings(analysis);
}

const GRANTS = ['authorization_code', 'refresh_token', 'client_credentials', 'implicit', 'password', 'authorisation_code'];

/** A grant value swapped for another after a random place: one client's findings change, the rest stay. */
function swapGrant(text: string, random: () => number): string {
  const pattern = /(authorization_code|refresh_token|client_credentials|implicit|password|authorisation_code)/g;
  pattern.lastIndex = Math.floor(random() * text.length);
  const found = pattern.exec(text);
  if (!found) return text;
  return text.slice(0, found.index) + GRANTS[Math.floor(random() * GRANTS.length)] + text.slice(found.index + found[0].length);
}

describe('reports sent as changes', () => {
  it('rebuild every list the sender was given, sharing what did not change, and refuse a change to a list forgotten', () => {
    const prng = new Prng(31);
    const report = (n: number) => ({ ruleId: `r${n}` }) as unknown as FindingReport;
    const pool = Array.from({ length: 30 }, (_, i) => report(i));
    const sender = new ReportListSender();
    const receiver = new ReportListReceiver();
    let shared = 0;
    for (let step = 0; step < 200; step++) {
      const list = pool.filter(() => prng.next() < 0.5).concat(prng.next() < 0.3 ? [report(100 + step)] : []);
      const sent = sender.send(list);
      shared += sent.entries.filter((e) => typeof e === 'number').length;
      const got = receiver.receive('a', sent);
      assert.ok(got);
      assert.equal(got.length, list.length);
      list.forEach((r, i) => assert.equal(got[i], r, `step ${step}, entry ${i}`));
    }
    assert.ok(shared > 1000, `${shared} entries were sent as indexes`);
    receiver.forget('a');
    assert.equal(receiver.receive('a', sender.send(pool)), undefined, 'a change to a list the receiver forgot');
    // A whole list (a closed file's) is neither kept nor refused.
    const whole = receiver.receive('b', sentWhole(pool));
    assert.deepEqual(whole, pool);
    assert.equal(receiver.receive('b', { base: 1, list: 2, entries: [0] }), undefined);
  });

  const worker = new LintWorker(SERVER_PATH, logger);
  after(() => worker.dispose());

  it('through the worker: every answered lint of an edited document reports what a fresh lint does', async () => {
    const prng = new Prng(20261203);
    const random = () => prng.next();
    let text = generateTenantYaml({ clients: 60, seed: 4, invalidShare: 0.4 });
    let answered = 0;
    let died = false;
    for (let step = 0; step < 60; step++) {
      // Now and then two edits in a row, the first lint superseded before it runs; now and then the document closes
      // with its lint in flight and opens again; once the worker dies between two lints, its list of the document's
      // reports with it (the lint worker's own test has it die under a lint).
      const burst = step % 7 === 3 ? [swapGrant(text, random), swapGrant(text, random)] : [swapGrant(text, random)];
      if (step === 40) {
        await (worker as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
        died = true;
      }
      const lints = burst.map((t) => worker.lint('doc', true, input(t)));
      text = burst[burst.length - 1]!;
      if (step % 11 === 5) {
        worker.forget('doc');
        await Promise.all(lints);
        const reopened = await worker.lint('doc', true, input(text));
        assert.deepEqual(reopened?.reports, fresh(text), `step ${step}, after reopening`);
        answered++;
        continue;
      }
      const outcomes = await Promise.allSettled(lints);
      const last = outcomes[outcomes.length - 1]!;
      assert.equal(last.status, 'fulfilled');
      const outcome = last.value;
      if (!outcome) continue;
      answered++;
      assert.deepEqual(outcome.reports, fresh(text), `step ${step}`);
    }
    assert.ok(answered > 45, `${answered} lints answered`);
    assert.ok(died && logs.some((m) => /The lint worker stopped/.test(m)), 'the worker died and was replaced');
  });
});
