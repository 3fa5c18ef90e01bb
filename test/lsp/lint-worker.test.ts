/**
 * The lint worker on its own (the built server bundle started as a worker thread): it lints, drops a request that
 * a newer one for the same document superseded before it started, and is replaced when it dies.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/engine/index';
import { LintWorker } from '../../server/src/lsp/lint-worker';
import { SERVER_PATH } from './helpers';

const logs: string[] = [];
const logger = { error: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), info: (m: string) => logs.push(m), log: (m: string) => logs.push(m) };

function tenant(grants: readonly string[]): string {
  return `clients:\n  - name: App\n    app_type: regular_web\n    token_endpoint_auth_method: client_secret_post\n    grant_types:\n${grants.map((g) => `      - ${g}\n`).join('')}`;
}

const input = (text: string) => ({ path: '/w/tenant.yaml', text, settings: DEFAULT_SETTINGS });

describe('the lint worker', () => {
  const worker = new LintWorker(SERVER_PATH, logger);
  after(() => worker.dispose());

  it('lints off the main thread and posts back rendered reports', async () => {
    const outcome = await worker.lint('a', true, input(tenant(['authorization_code', 'implicit'])));
    assert.ok(outcome);
    assert.equal(outcome.isClientConfig, true);
    assert.deepEqual(outcome.reports.map((r) => r.ruleId), ['implicit-grant']);
    assert.equal(outcome.reports[0]!.fixes.length, 1, 'fixes come pre-rendered');
  });

  it('drops a request superseded by a newer one for the same document before it started', async () => {
    // The worker is busy with a long lint while two requests for document b queue up behind it.
    const busy = worker.lint('busy', false, input(tenant(Array(50_000).fill('implicit'))));
    const first = worker.lint('b', true, input(tenant(['implicit'])));
    const second = worker.lint('b', true, input(tenant(['authorization_code', 'authorisation_code'])));
    assert.ok(await busy);
    assert.equal(await first, undefined, 'superseded');
    assert.deepEqual((await second)?.reports.map((r) => r.ruleId), ['unknown-grant-type']);
  });

  it('answers every outline request (lenses and symbols asked for together), from the same analysis as the lint', async () => {
    const text = tenant(['implicit']);
    const busy = worker.lint('busy', false, input(tenant(Array(20_000).fill('implicit'))));
    const lint = worker.lint('d', true, input(text));
    const [a, b] = await Promise.all([worker.outline('d', input(text)), worker.outline('d', input(text))]);
    assert.ok(await busy);
    assert.deepEqual((await lint)?.reports.map((r) => r.ruleId), ['implicit-grant']);
    for (const { outline } of [a, b]) {
      assert.deepEqual(outline?.symbols.map((s) => s.name), ['App']);
      assert.match(outline?.lenses[0]?.title ?? '', /confidential/);
    }
  });

  it('is replaced when it dies: what it was doing fails, the next request works', async () => {
    const running = worker.lint('c', false, input(tenant(Array(50_000).fill('implicit'))));
    // Killed from outside, as an out-of-memory error in the worker would.
    await (worker as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await assert.rejects(running, /The lint worker stopped/);
    const after = await worker.lint('c', false, input(tenant(['implicit', 'authorization_code'])));
    assert.deepEqual(after?.reports.map((r) => r.ruleId), ['implicit-grant']);
    assert.ok(logs.some((m) => /The lint worker stopped/.test(m)));
  });
});
