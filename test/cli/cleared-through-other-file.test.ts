/**
 * A client grant's `client-grant-without-client-credentials` has no fix in its own file (its quick fix edits its
 * client's file, which `--fix` never applies), yet a rerun that fixes the client's file may give the client
 * `client_credentials` all the same (an unsafe `m2m-without-client-credentials`, a legacy grant replaced), and the
 * grant's finding goes. Generated projects (a deploy-cli directory, a Terraform HCL module split in main.tf,
 * grants.tf and credentials.tf or none, the same in `.tf.json`) of clients whose fixes do and do not add
 * `client_credentials`, each with a client grant: every count of the stylish summary ("can be fixed with --fix", "more
 * ... with --fix --unsafe-fixes", "has a fix that edits another file", "left that --fix does not clear") and every
 * stderr line saying what `--fix` leaves or which run clears a grant's finding is held to what the real runs do on
 * copies of the project.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';

type Kind = 'm2m-legacy' | 'm2m-password' | 'regular-web' | 'spa' | 'native' | 'm2m-ok' | 'm2m-misspelt' | 'm2m-misspelt-unsafe';
type Layout = 'directory' | 'hcl' | 'hcl-no-credentials' | 'tf-json';

const LEGACY = 'http://auth0.com/oauth/legacy/grant-type/access_token';

interface ClientSpec {
  readonly name: string;
  readonly appType: string;
  readonly method: string;
  readonly grants: readonly string[];
}

function specOf(kind: Kind, i: number): ClientSpec {
  const name = `App ${i}`;
  switch (kind) {
    case 'm2m-legacy':
      return { name, appType: 'non_interactive', method: 'client_secret_post', grants: [LEGACY] };
    case 'm2m-password':
      return { name, appType: 'non_interactive', method: 'client_secret_post', grants: ['password'] };
    case 'regular-web':
      return { name, appType: 'regular_web', method: 'client_secret_post', grants: ['authorization_code'] };
    case 'spa':
      return { name, appType: 'spa', method: 'none', grants: ['authorization_code'] };
    case 'native':
      return { name, appType: 'native', method: 'none', grants: ['authorization_code', 'refresh_token'] };
    case 'm2m-ok':
      return { name, appType: 'non_interactive', method: 'client_secret_post', grants: ['client_credentials'] };
    // client_credentials misspelt: the grant's finding then has no fix of its own (its related place is the typo),
    // and the client file's fix of the spelling (safe for a separator, unsafe for a letter) clears it.
    case 'm2m-misspelt':
      return { name, appType: 'non_interactive', method: 'client_secret_post', grants: ['client-credentials'] };
    case 'm2m-misspelt-unsafe':
      return { name, appType: 'non_interactive', method: 'client_secret_post', grants: ['client_credential'] };
  }
}

function writeProject(dir: string, layout: Layout, kinds: readonly Kind[], legacyTenant: boolean): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.grantlintrc.json'), `${JSON.stringify({ legacyTenant })}\n`);
  const specs = kinds.map(specOf);
  if (layout === 'directory') {
    mkdirSync(join(dir, 'clients'));
    mkdirSync(join(dir, 'grants'));
    writeFileSync(join(dir, 'tenant.json'), '{}\n');
    for (const spec of specs) {
      const client = { name: spec.name, app_type: spec.appType, token_endpoint_auth_method: spec.method, grant_types: spec.grants };
      writeFileSync(join(dir, 'clients', `${spec.name}.json`), `${JSON.stringify(client, null, 2)}\n`);
      writeFileSync(join(dir, 'grants', `${spec.name}-api.json`), `${JSON.stringify({ client_id: spec.name, audience: 'https://api.example.com', scope: ['read:orders'] }, null, 2)}\n`);
    }
    return;
  }
  if (layout === 'tf-json') {
    const clients = Object.fromEntries(specs.map((spec, i) => [`c${i}`, { name: spec.name, app_type: spec.appType, grant_types: spec.grants }]));
    const grants = Object.fromEntries(specs.map((_, i) => [`g${i}`, { client_id: `\${auth0_client.c${i}.id}`, audience: 'https://api.example.com', scopes: ['read:orders'] }]));
    const credentials = Object.fromEntries(specs.map((spec, i) => [`c${i}`, { client_id: `\${auth0_client.c${i}.id}`, authentication_method: spec.method }]));
    writeFileSync(join(dir, 'main.tf.json'), `${JSON.stringify({ resource: { auth0_client: clients } }, null, 2)}\n`);
    writeFileSync(join(dir, 'grants.tf.json'), `${JSON.stringify({ resource: { auth0_client_grant: grants } }, null, 2)}\n`);
    writeFileSync(join(dir, 'credentials.tf.json'), `${JSON.stringify({ resource: { auth0_client_credentials: credentials } }, null, 2)}\n`);
    return;
  }
  const list = (grants: readonly string[]) => `[${grants.map((g) => JSON.stringify(g)).join(', ')}]`;
  writeFileSync(
    join(dir, 'main.tf'),
    specs.map((spec, i) => `resource "auth0_client" "c${i}" {\n  name        = "${spec.name}"\n  app_type    = "${spec.appType}"\n  grant_types = ${list(spec.grants)}\n}\n`).join('\n'),
  );
  writeFileSync(
    join(dir, 'grants.tf'),
    specs.map((_, i) => `resource "auth0_client_grant" "g${i}" {\n  client_id = auth0_client.c${i}.id\n  audience  = "https://api.example.com"\n  scopes    = ["read:orders"]\n}\n`).join('\n'),
  );
  if (layout === 'hcl') {
    writeFileSync(
      join(dir, 'credentials.tf'),
      specs.map((spec, i) => `resource "auth0_client_credentials" "c${i}" {\n  client_id             = auth0_client.c${i}.id\n  authentication_method = "${spec.method}"\n}\n`).join('\n'),
    );
  }
}

interface JsonFinding {
  readonly file: string;
  readonly ruleId: string | null;
  readonly severity: string;
  readonly client: string | null;
  readonly fixable: boolean;
  readonly line: number;
  readonly column: number;
}

async function lintJson(cwd: string): Promise<JsonFinding[]> {
  const outcome = await run(['--format', 'json', '.'], cwd);
  return (JSON.parse([...outcome.stdout].join('')) as JsonFinding[]).filter((f) => f.ruleId !== null && (f.severity === 'error' || f.severity === 'warning'));
}

const keyOf = (f: JsonFinding): string => `${f.file}\0${f.ruleId}\0${f.severity}\0${f.client ?? ''}`;

/** How many of `before` are gone from `after`, matched by file, rule, severity and client. */
function goneCount(before: readonly JsonFinding[], after: readonly JsonFinding[]): number {
  const left = new Map<string, number>();
  for (const f of after) left.set(keyOf(f), (left.get(keyOf(f)) ?? 0) + 1);
  let gone = 0;
  for (const f of before) {
    const n = left.get(keyOf(f)) ?? 0;
    if (n > 0) left.set(keyOf(f), n - 1);
    else gone++;
  }
  return gone;
}

const isGrantFile = (file: string): boolean => /(^|\/)grants(\/|\.tf)/.test(file);
const GRANT_RULE = 'client-grant-without-client-credentials';

const FIXABLE = /^(?:(\d+) errors?)?(?: and )?(?:(\d+) warnings?)? can be fixed with --fix\.$/m;
const UNSAFE = /^(\d+) more problems? can be fixed with --fix --unsafe-fixes/m;
const ELSEWHERE = /^(\d+) problems? ha(?:s|ve) a fix that edits/m;
const LEFT = /^(?:(\d+) errors?)?(?: and )?(?:(\d+) warnings?)? (?:is|are) left that --fix does not clear/m;
const NOTE = /^grantlint: (.+?):(\d+):(\d+): client-grant-without-client-credentials: .*?(--fix leaves it|--fix --unsafe-fixes clears it|--fix clears it)/gm;

const sum = (match: RegExpExecArray | null): number => (match ? Number(match[1] ?? 0) + Number(match[2] ?? 0) : 0);

test('a client grant finding that fixing its client file clears is counted as fixable, not left, and its note names the run that clears it', async () => {
  const kinds = fc.constantFrom<Kind>('m2m-legacy', 'm2m-password', 'regular-web', 'spa', 'native', 'm2m-ok', 'm2m-misspelt', 'm2m-misspelt-unsafe');
  const layouts = fc.constantFrom<Layout>('directory', 'hcl', 'hcl-no-credentials', 'tf-json');
  await fc.assert(
    fc.asyncProperty(layouts, fc.array(kinds, { minLength: 1, maxLength: 3 }), fc.boolean(), async (layout, chosen, legacyTenant) => {
      const dir = mkdtempSync(join(tmpdir(), 'grantlint-through-'));
      try {
        const copy = (name: string) => {
          cpSync(join(dir, 'original'), join(dir, name), { recursive: true });
          return join(dir, name);
        };
        writeProject(join(dir, 'original'), layout, chosen, legacyTenant);
        const before = await lintJson(join(dir, 'original'));
        // The plain answers: what the real runs leave.
        const safeDir = copy('safe');
        const afterFix = await run(['--fix', '.'], safeDir);
        const afterFixOut = [...afterFix.stdout].join('');
        const afterSafe = await lintJson(safeDir);
        const unsafeDir = copy('unsafe');
        await run(['--fix', '--unsafe-fixes', '.'], unsafeDir);
        const afterUnsafe = await lintJson(unsafeDir);
        // After --fix, what a rerun with --unsafe-fixes still leaves.
        cpSync(safeDir, join(dir, 'safe-then-unsafe'), { recursive: true });
        await run(['--fix', '--unsafe-fixes', '.'], join(dir, 'safe-then-unsafe'));
        const afterBoth = await lintJson(join(dir, 'safe-then-unsafe'));

        const plain = [...(await run(['.'], join(dir, 'original'))).stdout].join('');
        const what = `${layout} ${JSON.stringify(chosen)} legacyTenant=${legacyTenant}\n${plain}\n${afterFixOut}\n${afterFix.stderr}`;
        const clearedSafe = goneCount(before, afterSafe);
        const clearedUnsafe = goneCount(before, afterUnsafe);
        assert.equal(sum(FIXABLE.exec(plain)), clearedSafe, what);
        assert.equal(sum(UNSAFE.exec(plain)), clearedUnsafe - clearedSafe, what);
        // The grant findings whose fix edits the client's file that no --fix run clears.
        const elsewhereLeft = afterUnsafe.filter((f) => isGrantFile(f.file) && f.ruleId === GRANT_RULE && f.fixable).length;
        assert.equal(sum(ELSEWHERE.exec(plain)), elsewhereLeft, what);
        // After --fix: left is what a rerun with --unsafe-fixes leaves of it.
        assert.equal(sum(LEFT.exec(afterFixOut)), afterSafe.length - goneCount(afterSafe, afterBoth), what);
        // Each stderr line on a grant's finding says what a rerun does to it.
        for (const [, file, line, column, said] of afterFix.stderr.matchAll(NOTE)) {
          const was = afterSafe.find((f) => f.file === file && f.ruleId === GRANT_RULE && f.line === Number(line) && f.column === Number(column));
          assert.ok(was, what);
          const clearedByUnsafe = !afterBoth.some((f) => f.file === file && f.ruleId === GRANT_RULE && f.client === was.client);
          if (said === '--fix leaves it') assert.ok(!clearedByUnsafe, what);
          else assert.ok(clearedByUnsafe && said === '--fix --unsafe-fixes clears it', what);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 30 },
  );
});
