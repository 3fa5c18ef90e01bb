/**
 * A finding whose every fix a YAML anchor withholds (another client or key uses the anchored item) says "no fix",
 * unless `--fix` clears it all the same (another fix frees the anchor first: the other client's alias is removed),
 * where it says so; the summary counts it either way as what a rerun really clears. Generated tenants whose grant
 * items are anchored and aliased across clients and an `x-` key, in block and flow lists; each claim is checked
 * against the findings `--fix` leaves.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';
import type { CliFinding } from '../../server/src/cli/report';

const GRANTS = ['authorization_code', 'client_credentials', 'client_credentials', 'refresh_token', 'implicit', 'password'];
type Mark = 'plain' | 'anchor' | 'alias';
const itemArb = fc.record({ grant: fc.constantFrom(...GRANTS), mark: fc.constantFrom<Mark>('plain', 'anchor', 'alias', 'alias'), pick: fc.nat() });
const clientArb = fc.record({
  appType: fc.constantFrom('spa', 'native', 'regular_web', 'non_interactive'),
  method: fc.option(fc.constantFrom('none', 'client_secret_post'), { nil: undefined }),
  thirdParty: fc.boolean(),
  flow: fc.boolean(),
  items: fc.array(itemArb, { minLength: 1, maxLength: 3 }),
});
const tenantArb = fc.record({ clients: fc.array(clientArb, { minLength: 2, maxLength: 3 }), copy: fc.option(fc.nat(), { nil: undefined }) });
type Tenant = typeof tenantArb extends fc.Arbitrary<infer T> ? T : never;

/** The tenant as YAML: anchors named in order, an alias naming an anchor defined before it (else a plain item). */
function yamlOf(tenant: Tenant): string {
  const anchors: string[] = [];
  const lines = ['clients:'];
  tenant.clients.forEach((client, i) => {
    lines.push(`  - name: Client ${i}`, `    app_type: ${client.appType}`);
    if (client.method) lines.push(`    token_endpoint_auth_method: ${client.method}`);
    if (client.thirdParty) lines.push('    is_first_party: false');
    const items = client.items.map(({ grant, mark, pick }) => {
      if (mark === 'alias' && anchors.length > 0) return `*${anchors[pick % anchors.length]!}`;
      if (mark !== 'anchor') return grant;
      anchors.push(`a${anchors.length}`);
      return `&${anchors.at(-1)!} ${grant}`;
    });
    if (client.flow) lines.push(`    grant_types: [${items.join(', ')}]`);
    else lines.push('    grant_types:', ...items.map((item) => `      - ${item}`));
  });
  if (tenant.copy !== undefined && anchors.length > 0) lines.push(`x-copy: [*${anchors[tenant.copy % anchors.length]!}]`);
  return `${lines.join('\n')}\n`;
}

async function json(args: readonly string[], cwd: string): Promise<CliFinding[]> {
  return JSON.parse([...(await run(['--format', 'json', ...args], cwd)).stdout].join('')) as CliFinding[];
}

const key = (f: CliFinding): string => `${f.ruleId}\0${f.severity}\0${f.client ?? ''}`;
const NO_FIX = /\(no fix: (the YAML anchored|anchor|YAML anchored)/;
const CLEARED = /\((no fix of its own: .*--fix clears it|anchor (also used by|shared with) .*--fix clears it|cleared by --fix|YAML anchored; cleared by --fix)/;

test('an anchored finding says "no fix" only where --fix leaves it, and says --fix clears it where it does', async () => {
  const seen = { noFix: 0, cleared: 0 };
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-anchor-freed-'));
  try {
    await fc.assert(
      fc.asyncProperty(tenantArb, async (tenant) => {
        const text = yamlOf(tenant);
        writeFileSync(join(dir, 'tenant.yaml'), text);
        const before = await json(['tenant.yaml'], dir);
        const after = await json(['--fix', 'tenant.yaml'], dir);
        const left = new Map<string, number>();
        for (const f of after) left.set(key(f), (left.get(key(f)) ?? 0) + 1);
        for (const f of before) {
          const noFix = NO_FIX.test(f.message);
          const saysCleared = CLEARED.test(f.message);
          if (!noFix && !saysCleared) continue;
          assert.ok(!(noFix && saysCleared), f.message);
          // A key's findings that --fix clears are those the json marks safelyFixable (fix-counts-properties).
          const same = before.filter((g) => key(g) === key(f));
          const clearedOfKey = same.length - (left.get(key(f)) ?? 0);
          if (saysCleared) {
            seen.cleared++;
            assert.ok(f.safelyFixable && clearedOfKey > 0, `says --fix clears it, which it does not: ${f.message}\n${text}`);
          } else {
            seen.noFix++;
            assert.ok(!f.safelyFixable, `says "no fix" but counted fixable: ${f.message}\n${text}`);
          }
        }
      }),
      { numRuns: 200 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Both kinds were reached.
  assert.ok(seen.noFix > 10 && seen.cleared > 5, JSON.stringify(seen));
});
