/**
 * A client grant whose removal an anchor withholds (other grants merge it: `- <<: *mgmt_grant`) says why it has no
 * fix, as a client's finding does (U47: the anchored grant's message had no note at all). Every form an anchored
 * grant can be written in (`- &a` then its keys, with a comment after the anchor, a flow mapping), merged by one or two grants:
 * its finding is not fixable and its message names the anchor; `--fix` then clears it with the merging grants, as
 * the note says. Kept by a comment at the end of its `audience:`, every such grant names the comment instead (U49:
 * the anchor was named, the comment written to keep it not), and `--fix --unsafe-fixes` changes nothing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { run } from '../../server/src/cli/main';
import type { CliFinding } from '../../server/src/cli/report';

const AUDIENCE = 'https://example.eu.auth0.com/api/v2/';
const ANCHORED_FORMS: Record<string, string[]> = {
  'anchor alone on the dash line': ['  - &mgmt_grant', '    client_id: Partner 0', `    audience: ${AUDIENCE}`, '    scope: [read:users]'],
  'anchor with a comment after it': ['  - &mgmt_grant  # the Management API grant', '    client_id: Partner 0', `    audience: ${AUDIENCE}`, '    scope:', '      - read:users'],
  'flow mapping': [`  - &mgmt_grant {client_id: Partner 0, audience: "${AUDIENCE}", scope: [read:users]}`],
};

async function json(args: readonly string[], cwd: string): Promise<CliFinding[]> {
  return JSON.parse([...(await run(['--format', 'json', ...args], cwd)).stdout].join('')) as CliFinding[];
}

for (const [form, anchored] of Object.entries(ANCHORED_FORMS)) {
  for (const merges of [1, 2]) {
    test(`an anchored client grant merged by ${merges} says why it has no fix (${form})`, async () => {
      const clients = [0, 1, 2].flatMap((i) => [`  - name: Partner ${i}`, '    app_type: non_interactive', '    is_first_party: false', '    grant_types: [client_credentials]']);
      const merging = Array.from({ length: merges }, (_, i) => [`  - <<: *mgmt_grant`, `    client_id: Partner ${i + 1}`]).flat();
      const text = ['clients:', ...clients, 'clientGrants:', ...anchored, ...merging, ''].join('\n');
      const dir = mkdtempSync(join(tmpdir(), 'grantlint-anchored-grant-'));
      try {
        writeFileSync(join(dir, 'tenant.yaml'), text);
        const findings = (await json(['tenant.yaml'], dir)).filter((f) => f.ruleId === 'third-party-system-api-grant');
        assert.equal(findings.length, merges + 1, text);
        const own = findings.find((f) => f.client === 'Partner 0')!;
        assert.equal(own.fixable, false, text);
        assert.match(own.message, /\((?:no fix: )?YAML anchored/, own.message);
        for (const f of findings.filter((x) => x !== own)) assert.equal(f.fixable, true, f.message);
        await run(['--fix', 'tenant.yaml'], dir);
        assert.deepEqual(await json(['tenant.yaml'], dir).then((left) => left.filter((f) => f.ruleId === 'third-party-system-api-grant')), [], readFileSync(join(dir, 'tenant.yaml'), 'utf8'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
}

for (const [form, anchored] of Object.entries(ANCHORED_FORMS)) {
  test(`an anchored client grant kept by a comment names the comment, not the anchor (${form})`, async () => {
    // The keep comment at the end of the anchored grant's audience (the flow mapping's only line).
    const kept = anchored.map((line) => (line.includes(AUDIENCE) ? `${line}  # grantlint-disable-line third-party-system-api-grant -- partner sync` : line));
    const clients = [0, 1].flatMap((i) => [`  - name: Partner ${i}`, '    app_type: non_interactive', '    is_first_party: false', '    grant_types: [client_credentials]']);
    const text = ['clients:', ...clients, 'clientGrants:', ...kept, '  - <<: *mgmt_grant', '    client_id: Partner 1', ''].join('\n');
    const line = text.split('\n').findIndex((l) => l.includes('# grantlint-disable-line')) + 1;
    const dir = mkdtempSync(join(tmpdir(), 'grantlint-anchored-grant-'));
    try {
      writeFileSync(join(dir, 'tenant.yaml'), text);
      const findings = (await json(['tenant.yaml'], dir)).filter((f) => f.ruleId === 'third-party-system-api-grant');
      assert.equal(findings.length, 2, text);
      for (const f of findings) {
        assert.equal(f.fixable, false, f.message);
        assert.match(f.message, new RegExp(`comment at (?:the )?end of line ${line} may mean`), f.message);
      }
      await run(['--fix', '--unsafe-fixes', 'tenant.yaml'], dir);
      assert.equal(readFileSync(join(dir, 'tenant.yaml'), 'utf8'), text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
