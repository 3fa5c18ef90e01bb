/**
 * The summary's "can be fixed" counts are what a rerun really clears: "N errors and M warnings can be fixed with
 * --fix" equals the errors and warnings `--fix` then removes, "K more problems can be fixed with --fix
 * --unsafe-fixes" the further ones `--fix --unsafe-fixes` removes, and the json format's `safelyFixable` marks
 * those `--fix` removes. Generated tenant.yaml and Management API JSON files (one file each, so no fix in one
 * file changes another's findings), with clients whose fixes clash, raise new findings, or are withheld.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';
import type { CliFinding } from '../../server/src/cli/report';

const GRANTS = ['authorization_code', 'client_credentials', 'client-credentials', 'refresh_token', 'implicit', 'password', 'authorisation_code', 'code', 'http://auth0.com/oauth/grant-type/password-realm'];
const APP_TYPES = ['spa', 'native', 'regular_web', 'non_interactive', 'spaa'];
const METHODS = ['none', 'client_secret_post', 'client_secret_basic', 'nonee', 'client_secret_jwt', 'private_key_jwt'];

const clientArb = fc.record({
  appType: fc.option(fc.constantFrom(...APP_TYPES), { nil: undefined }),
  grants: fc.option(fc.uniqueArray(fc.constantFrom(...GRANTS), { maxLength: 4 }), { nil: undefined }),
  method: fc.option(fc.constantFrom(...METHODS), { nil: undefined }),
  firstParty: fc.option(fc.boolean(), { nil: undefined }),
});
type Client = typeof clientArb extends fc.Arbitrary<infer T> ? T : never;

function clientObject(client: Client, i: number): Record<string, unknown> {
  const body: Record<string, unknown> = { name: `Client ${i}` };
  if (client.appType !== undefined) body['app_type'] = client.appType;
  if (client.method !== undefined) body['token_endpoint_auth_method'] = client.method;
  if (client.firstParty !== undefined) body['is_first_party'] = client.firstParty;
  if (client.grants !== undefined) body['grant_types'] = client.grants;
  return body;
}

function yamlTenant(clients: readonly Client[]): string {
  const lines = ['clients:'];
  clients.forEach((client, i) => {
    const body = clientObject(client, i);
    lines.push(`  - name: ${JSON.stringify(body['name'])}`);
    for (const [key, value] of Object.entries(body)) {
      if (key === 'name') continue;
      if (Array.isArray(value)) {
        lines.push(`    ${key}:`);
        for (const item of value) lines.push(`      - ${JSON.stringify(item)}`);
        if (value.length === 0) lines[lines.length - 1] += ' []';
      } else lines.push(`    ${key}: ${JSON.stringify(value)}`);
    }
  });
  return `${lines.join('\n')}\n`;
}

async function cli(args: readonly string[], cwd: string): Promise<{ stdout: string; exitCode: number }> {
  const outcome = await run(args, cwd);
  return { stdout: [...outcome.stdout].join(''), exitCode: outcome.exitCode };
}

const isProblem = (f: CliFinding): boolean => f.severity === 'error' || f.severity === 'warning';

/** Findings of `before` no longer in `after`, matched by rule, severity and client. */
function cleared(before: readonly CliFinding[], after: readonly CliFinding[]): number {
  const left = new Map<string, number>();
  const key = (f: CliFinding): string => `${f.ruleId}\0${f.severity}\0${f.client ?? ''}`;
  for (const f of after) left.set(key(f), (left.get(key(f)) ?? 0) + 1);
  let count = 0;
  for (const f of before) {
    const n = left.get(key(f)) ?? 0;
    if (n === 0) count++;
    else left.set(key(f), n - 1);
  }
  return count;
}

function unsafeClaim(stylish: string): number {
  const match = /^(\d+) more problems? can be fixed with --fix --unsafe-fixes/m.exec(stylish);
  return match ? Number(match[1]) : 0;
}

async function checkCounts(name: string, text: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-fix-counts-'));
  try {
    writeFileSync(join(dir, name), text);
    const before = JSON.parse((await cli(['--format', 'json', name], dir)).stdout) as CliFinding[];
    const claimedSafe = before.filter((f) => isProblem(f) && f.safelyFixable).length;
    const claimedUnsafe = unsafeClaim((await cli([name], dir)).stdout);
    const afterSafe = JSON.parse((await cli(['--fix', '--format', 'json', name], dir)).stdout) as CliFinding[];
    const problems = before.filter(isProblem);
    assert.equal(cleared(problems, afterSafe.filter(isProblem)), claimedSafe, '--fix clears the errors and warnings the summary says it can');
    assert.equal(afterSafe.filter((f) => isProblem(f) && f.safelyFixable).length, 0, 'after --fix nothing is left that --fix could fix');
    const claimedAfter = unsafeClaim((await cli([name], dir)).stdout);
    const afterUnsafe = JSON.parse((await cli(['--fix', '--unsafe-fixes', '--format', 'json', name], dir)).stdout) as CliFinding[];
    assert.equal(cleared(afterSafe.filter(isProblem), afterUnsafe.filter(isProblem)), claimedAfter, '--fix --unsafe-fixes clears the further problems the summary says it can');
    assert.ok(claimedUnsafe >= 0);
    assert.equal(unsafeClaim((await cli([name], dir)).stdout), 0, 'after --fix --unsafe-fixes nothing is claimed fixable');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const clients = fc.array(clientArb, { minLength: 1, maxLength: 3 });

test('the summary counts what --fix and --fix --unsafe-fixes really clear (tenant.yaml)', async () => {
  await fc.assert(fc.asyncProperty(clients, async (cs) => checkCounts('tenant.yaml', yamlTenant(cs))), { numRuns: 60 });
});

test('the summary counts what --fix and --fix --unsafe-fixes really clear (Management API JSON)', async () => {
  await fc.assert(fc.asyncProperty(clients, async (cs) => checkCounts('clients.json', `${JSON.stringify(cs.map(clientObject), null, 2)}\n`)), { numRuns: 60 });
});

/** Client grants, some anchored and merged by others (`- <<: *grant0`), some with a keep comment on `audience:`. */
const grantsArb = fc.record({
  thirdParty: fc.array(fc.boolean(), { minLength: 2, maxLength: 3 }),
  grants: fc.array(
    fc.record({ client: fc.nat(2), system: fc.boolean(), anchored: fc.boolean(), mergeOf: fc.option(fc.nat(3), { nil: undefined }), keep: fc.boolean() }),
    { minLength: 1, maxLength: 4 },
  ),
});

function grantsTenant(t: typeof grantsArb extends fc.Arbitrary<infer T> ? T : never): string {
  const lines = ['clients:'];
  t.thirdParty.forEach((third, i) => lines.push(`  - name: Client ${i}`, '    app_type: non_interactive', `    is_first_party: ${!third}`, '    grant_types: [client_credentials]'));
  lines.push('clientGrants:');
  const anchors: number[] = [];
  t.grants.forEach((g, i) => {
    const client = `Client ${g.client % t.thirdParty.length}`;
    const source = g.mergeOf === undefined || anchors.length === 0 ? undefined : anchors[g.mergeOf % anchors.length];
    if (source !== undefined) {
      lines.push(`  - <<: *grant${source}`, `    client_id: ${client}`);
      return;
    }
    lines.push(g.anchored ? `  - &grant${i}` : '  -', `    client_id: ${client}`);
    const keep = g.keep ? '  # grantlint-disable-line third-party-system-api-grant' : '';
    lines.push(`    audience: https://${g.system ? `example${i}.eu.auth0.com/api/v2/` : `api${i}.example.com/`}${keep}`, '    scope: [read:data]');
    if (g.anchored) anchors.push(i);
  });
  return `${lines.join('\n')}\n`;
}

test('the summary counts what --fix and --fix --unsafe-fixes really clear (client grants merged from anchored ones)', async () => {
  await fc.assert(fc.asyncProperty(grantsArb, async (t) => checkCounts('tenant.yaml', grantsTenant(t))), { numRuns: 60 });
});
