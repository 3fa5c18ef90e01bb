/**
 * A server that never goes deaf: while a huge file is linted (300,000 repeated grants, seconds of work), requests
 * on other files are answered at once and shutdown is prompt. This is a liveness check over real stdio, not a
 * speed benchmark: the bound (3 s for a request that takes milliseconds) is generous on purpose, and the test
 * also checks that the big lint was still running when the answer came, so it tests what it claims.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { positionOf, TestServer } from './helpers';
import { TENANT_YAML } from './fixtures';

const LIVENESS_BOUND_MS = 3000;

function repeatedGrants(count: number): string {
  const values = ['implicit', 'authorisation_code', 'http://auth0.com/oauth/legacy/grant-type/ro', 'client_credentials'];
  const lines = ['clients:', '  - name: Repeated', '    app_type: spa', '    token_endpoint_auth_method: none', '    grant_types:'];
  for (let i = 0; i < count; i++) lines.push(`      - ${values[i % values.length]}`);
  return lines.join('\n') + '\n';
}

async function timed<T>(request: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await request();
  return { value, ms: performance.now() - start };
}

describe('a server busy with a huge file still answers', () => {
  let server: TestServer;
  let small: string;
  const big = repeatedGrants(300_000);
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false }, waitMs: 300_000 });
    small = await server.open('tenant.yaml', TENANT_YAML);
    await server.waitForCurrent(small);
    // Warm: the first hover makes this file's analysis on the main thread.
    await server.hover(small, positionOf(TENANT_YAML, 'client_credentials', 2));
  });
  after(async () => {
    await server.stop();
  });

  it('hover, completion and code actions on another file are answered while the huge file is linted, lenses and symbols asked for', async (t) => {
    const bigUri = await server.open('big/tenant.yaml', big);
    // As editors do on open: lenses and symbols of the huge file itself (made in the worker too).
    const lenses = server.codeLens(bigUri);
    const symbols = server.documentSymbols(bigUri);
    const hover = await timed(() => server.hover(small, positionOf(TENANT_YAML, 'client_credentials', 2)));
    const stillLinting = server.lastPublication(bigUri) === undefined;
    assert.ok(hover.value, 'the hover has content');
    assert.ok(hover.ms < LIVENESS_BOUND_MS, `hover answered in ${Math.round(hover.ms)} ms`);
    const completion = await timed(() => server.completion(small, positionOf(TENANT_YAML, 'client_credentials', 2)));
    assert.ok(completion.ms < LIVENESS_BOUND_MS, `completion answered in ${Math.round(completion.ms)} ms`);
    const diagnostics = server.lastPublication(small)!.diagnostics;
    const actions = await timed(() => server.codeActions(small, diagnostics[0]!.range, [diagnostics[0]!]));
    assert.ok((actions.value ?? []).length > 0);
    assert.ok(actions.ms < LIVENESS_BOUND_MS, `code actions answered in ${Math.round(actions.ms)} ms`);
    t.diagnostic(`hover ${Math.round(hover.ms)} ms, completion ${Math.round(completion.ms)} ms, code actions ${Math.round(actions.ms)} ms while linting`);
    assert.ok(stillLinting && server.lastPublication(bigUri) === undefined, 'the huge file was still being linted meanwhile (else this test proves nothing)');
    assert.equal((await lenses)?.length, 1);
    assert.equal((await symbols)?.length, 1);
    // And the huge file's diagnostics do come: capped to 1,000 plus one note, every copy counted.
    const published = await server.waitForDiagnostics(bigUri);
    assert.equal(published.diagnostics.length, 1001);
    assert.match(String(published.diagnostics[0]!.message), /^299,000 more findings not shown/);
  });

  it('a result for an outdated version is dropped: only the latest text is published', async () => {
    const uri = server.uri('big/tenant.yaml');
    const mark = server.mark();
    await server.change(uri, repeatedGrants(200_000));
    const version = await server.change(uri, 'clients:\n  - name: Small\n    grant_types: [implicit]\n');
    const published = await server.waitForDiagnostics(uri, { after: mark });
    assert.equal(published.version, version);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['implicit-grant']);
  });

  it('shuts down and exits promptly while a huge file is being linted', async (t) => {
    await server.change(server.uri('big/tenant.yaml'), big);
    const stopped = await timed(() => server.stop());
    t.diagnostic(`stopped in ${Math.round(stopped.ms)} ms`);
    assert.equal(stopped.value, 0, 'a clean exit, not a kill');
    assert.ok(stopped.ms < LIVENESS_BOUND_MS, `stopped in ${Math.round(stopped.ms)} ms`);
  });
});
