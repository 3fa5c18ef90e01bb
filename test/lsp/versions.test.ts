import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestServer } from './helpers';
import { bigTenant } from './fixtures';

/** A client whose grant list grows by one grant per step, so each version has its own findings. */
function step(n: number): string {
  const grants = ['authorization_code', 'implicit', 'bogus_one', 'bogus_two', 'bogus_three', 'bogus_four', 'bogus_five', 'bogus_six', 'bogus_seven', 'bogus_eight', 'bogus_nine'];
  return `clients:\n  - name: Step\n    grant_types: [${grants.slice(0, n + 1).join(', ')}]\n`;
}

describe('versions and debouncing', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  it('never publishes for an older version after a newer one, and ends on the last version', async () => {
    const uri = await server.open('burst/tenant.yaml', step(0));
    await server.waitForCurrent(uri);
    const mark = server.mark();
    let last = 1;
    for (let n = 1; n <= 10; n++) last = await server.change(uri, step(n));
    const final = await server.waitForDiagnostics(uri, { after: mark, accept: (p) => p.version === last });
    // The last text has implicit plus nine unknown grants.
    assert.equal(final.diagnostics.filter((d) => d.code === 'unknown-grant-type').length, 9);
    assert.equal(final.diagnostics.filter((d) => d.code === 'implicit-grant').length, 1);

    const burst = server.publications.slice(mark).filter((p) => p.uri === uri);
    const versions = burst.map((p) => p.version ?? -1);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `versions in order: ${versions.join(', ')}`);
    assert.equal(server.lastPublication(uri)?.version, last);
    // Each publication's findings belong to the text of its own version.
    for (const publication of burst) {
      const expected = Math.max(0, (publication.version ?? 0) - 1 - 1);
      assert.equal(publication.diagnostics.filter((d) => d.code === 'unknown-grant-type').length, expected);
    }
  });

  it('coalesces a burst of ten changes into far fewer publications', async () => {
    const uri = await server.open('coalesce/tenant.yaml', step(0));
    await server.waitForCurrent(uri);
    const mark = server.mark();
    let last = 1;
    for (let n = 1; n <= 10; n++) last = await server.change(uri, step(n));
    await server.waitForDiagnostics(uri, { after: mark, accept: (p) => p.version === last });
    const count = server.publications.slice(mark).filter((p) => p.uri === uri).length;
    assert.ok(count <= 3, `${count} publications for 10 changes`);
  });

  it('keeps up with a large document edited repeatedly', async () => {
    const base = bigTenant(300);
    const uri = await server.open('large/tenant.yaml', base);
    await server.waitForCurrent(uri);
    const mark = server.mark();
    let last = 1;
    for (let n = 0; n < 5; n++) last = await server.change(uri, base.replace('Client 0', `Client 0 v${n}`));
    const final = await server.waitForDiagnostics(uri, { after: mark, accept: (p) => p.version === last });
    assert.equal(final.diagnostics.length, 300);
    assert.ok(server.publications.slice(mark).filter((p) => p.uri === uri).length < 5);
  });
});
