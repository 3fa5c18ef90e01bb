/**
 * On a tenant that allows legacy grants, removing one is an unsafe fix (a warning's); on a machine-to-machine client
 * `m2m-without-client-credentials` (and a client grant's `client-grant-without-client-credentials`) adds
 * `client_credentials` to the same list. `--fix --unsafe-fixes` chooses both: the list loses its legacy grants and
 * gains `client_credentials`, never written empty in between (README: "Where fix all removes a list's last items
 * and adds a grant in the same run, the new grant goes right after the last item kept"). Before, fix all emptied
 * the list first, saw `missing-grant-types` and held every unsafe fix of the client, blaming the fixes that only add
 * a grant for "it would leave the client no grants".
 *
 * Generated: every form a list is written in (YAML block, `-` then the value on the next line, flow; a deploy-cli
 * directory's JSON; Terraform HCL and `.tf.json`), the legacy grants (`access_token`, `ro`, `ro/jwt-bearer`,
 * `delegation/refresh_token`) alone or beside others, machine-to-machine, web and single-page clients, first-party
 * or not, with a comment in the list or not, a client grant for the client (none, in the same file, in another
 * file), tenants that allow legacy grants or not. After `--fix`, `--fix --unsafe-fixes` and `--diff
 * --unsafe-fixes`: every file parses; no client holds a grant that neither it nor a chosen fix of a finding had;
 * a list left empty by `--unsafe-fixes` is one `--fix` alone empties too (the safe removal of grants the tenant
 * rejects, which fix all never fills); a second run changes nothing; and every held fix's "no grants" reason is
 * true: its own fix removes grants, and no chosen fix adds to the client's list.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';
import { DEFAULT_SETTINGS, lintText } from '../../server/src/engine/index';
import { fixAllChoice } from '../../server/src/engine/fix/fix-all';
import { getValue } from '../../server/src/engine/model';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

const LEGACY = 'http://auth0.com/oauth/legacy/grant-type/';
const LEGACY_GRANTS = [`${LEGACY}access_token`, `${LEGACY}ro`, `${LEGACY}ro/jwt-bearer`, `${LEGACY}delegation/refresh_token`];
const API = 'https://api.example.com/';

type Form = 'yaml-block' | 'yaml-next-line' | 'yaml-flow' | 'directory' | 'hcl' | 'tf-json';
const FORMS: readonly Form[] = ['yaml-block', 'yaml-next-line', 'yaml-flow', 'directory', 'hcl', 'tf-json'];

interface Case {
  readonly form: Form;
  readonly appType: 'non_interactive' | 'regular_web' | 'spa';
  readonly firstParty: boolean;
  readonly legacy: readonly string[];
  readonly others: readonly string[];
  /** Where the client's client grant is: none, the client's file, another file (YAML: the same file). */
  readonly clientGrant: 'none' | 'same' | 'other';
  readonly legacyTenant: boolean;
  /** A comment line in the list (YAML and HCL; JSON has none). */
  readonly comment: boolean;
  /** The auth method misspelt (`client_secret_pots`): `invalid-auth-method`'s fix sets it, and removes no grant. */
  readonly misspeltMethod: boolean;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  form: fc.constantFrom(...FORMS),
  appType: fc.constantFrom('non_interactive' as const, 'non_interactive' as const, 'regular_web' as const, 'spa' as const),
  firstParty: fc.boolean(),
  legacy: fc.subarray(LEGACY_GRANTS, { minLength: 1, maxLength: 2 }),
  others: fc.oneof(fc.constant([] as string[]), fc.subarray(['client_credentials', 'refresh_token', 'authorization_code'], { minLength: 1, maxLength: 2 })),
  clientGrant: fc.constantFrom('none' as const, 'same' as const, 'other' as const),
  legacyTenant: fc.oneof(fc.constant(true), fc.constant(true), fc.constant(false)),
  comment: fc.boolean(),
  misspeltMethod: fc.oneof(fc.constant(false), fc.constant(false), fc.constant(true)),
});

/** The project's files (relative path → text) holding the case's client `Sync`. */
function render(c: Case): Record<string, string> {
  const files: Record<string, string> = c.legacyTenant ? { '.grantlintrc.json': '{ "legacyTenant": true }\n' } : {};
  const grants = [...c.others, ...c.legacy];
  const method = c.misspeltMethod ? 'client_secret_pots' : c.appType === 'spa' ? 'none' : 'client_secret_post';
  if (c.form === 'directory') {
    files['tenant/clients/Sync.json'] = `${JSON.stringify({ name: 'Sync', app_type: c.appType, is_first_party: c.firstParty, token_endpoint_auth_method: method, grant_types: grants }, null, 2)}\n`;
    if (c.clientGrant !== 'none') files['tenant/grants/sync-api.json'] = `${JSON.stringify({ client_id: 'Sync', audience: API, scope: ['read:x'] }, null, 2)}\n`;
    return files;
  }
  if (c.form === 'hcl') {
    const list = c.comment ? ['  grant_types = [', '    # kept for the old sync job', ...grants.map((g) => `    "${g}",`), '  ]'] : [`  grant_types = [${grants.map((g) => `"${g}"`).join(', ')}]`];
    const client = ['resource "auth0_client" "sync" {', '  name = "Sync"', `  app_type = "${c.appType}"`, `  is_first_party = ${c.firstParty}`, ...list, '}', 'resource "auth0_client_credentials" "sync" {', '  client_id = auth0_client.sync.id', `  authentication_method = "${method}"`, '}'];
    const grant = ['resource "auth0_client_grant" "sync" {', '  client_id = auth0_client.sync.id', `  audience  = "${API}"`, '  scopes    = ["read:x"]', '}'];
    files['module/main.tf'] = `${[...client, ...(c.clientGrant === 'same' ? grant : [])].join('\n')}\n`;
    if (c.clientGrant === 'other') files['module/grants.tf'] = `${grant.join('\n')}\n`;
    return files;
  }
  if (c.form === 'tf-json') {
    const grant = { auth0_client_grant: { sync: { client_id: '${auth0_client.sync.id}', audience: API, scopes: ['read:x'] } } };
    const resource = {
      auth0_client: { sync: { name: 'Sync', app_type: c.appType, is_first_party: c.firstParty, grant_types: grants } },
      auth0_client_credentials: { sync: { client_id: '${auth0_client.sync.id}', authentication_method: method } },
      ...(c.clientGrant === 'same' ? grant : {}),
    };
    files['module/main.tf.json'] = `${JSON.stringify({ resource }, null, 2)}\n`;
    if (c.clientGrant === 'other') files['module/grants.tf.json'] = `${JSON.stringify({ resource: grant }, null, 2)}\n`;
    return files;
  }
  const lines = ['clients:', '  - name: Sync', `    app_type: ${c.appType}`, `    is_first_party: ${c.firstParty}`, `    token_endpoint_auth_method: ${method}`];
  if (c.form === 'yaml-flow') lines.push(...(c.comment ? [`    grant_types: [ # kept for the old sync job`, `      ${grants.join(', ')}`, '    ]'] : [`    grant_types: [${grants.join(', ')}]`]));
  else {
    lines.push('    grant_types:', ...(c.comment ? ['      # kept for the old sync job'] : []));
    for (const g of grants) lines.push(...(c.form === 'yaml-next-line' ? ['      -', `        ${g}`] : [`      - ${g}`]));
  }
  if (c.clientGrant !== 'none') lines.push('clientGrants:', '  - client_id: Sync', `    audience: ${API}`, '    scope: [read:x]');
  files['tenant.yaml'] = `${lines.join('\n')}\n`;
  return files;
}

/** The file holding the client. */
function clientFile(files: Record<string, string>): string {
  return Object.keys(files).find((rel) => /tenant\.yaml$|Sync\.json$|main\.tf(\.json)?$/.test(rel))!;
}

function settingsOf(c: Case) {
  return { ...DEFAULT_SETTINGS, legacyTenant: c.legacyTenant };
}

/** The client's grants as the engine reads them, after asserting the file parses. */
function grantsIn(c: Case, rel: string, text: string, what: string): string[] {
  const result = lintText({ path: `/p/${rel}`, text, settings: settingsOf(c) });
  assert.deepEqual(result.parsed.errors, [], `${what}: ${rel} does not parse:\n${text}`);
  const list = getValue(result.clients[0]!.node, 'grant_types');
  return list?.kind === 'array' ? list.items.map((item) => (item.kind === 'string' ? item.value : `(${item.kind})`)) : [];
}

/**
 * What the input's findings' chosen fixes (fix all's choice, with or without unsafe fixes) write into the client's
 * `grant_types`, and whether one of them adds to it.
 */
function chosenGrants(c: Case, files: Record<string, string>, unsafe: boolean): { values: Set<string>; adds: boolean } {
  const values = new Set<string>();
  let adds = false;
  for (const [rel, text] of Object.entries(files)) {
    if (rel.endsWith('.grantlintrc.json')) continue;
    for (const finding of lintText({ path: `/p/${rel}`, text, settings: settingsOf(c) }).findings) {
      for (const edit of fixAllChoice(finding, { unsafe })?.edits ?? []) {
        if (edit.kind === 'addItems' && edit.owner.key === 'grant_types') {
          adds = true;
          edit.values.forEach((v) => values.add(v));
        }
        if (edit.kind === 'replaceScalar' && typeof edit.value === 'string') values.add(edit.value);
      }
    }
  }
  return { values, adds };
}

/** Whether a finding's chosen fix (in the input) removes grants: a "no grants" reason can only be true of one that does. */
function chosenFixRemoves(c: Case, files: Record<string, string>, rel: string, ruleId: string): boolean {
  const text = files[rel];
  if (text === undefined) return false;
  return lintText({ path: `/p/${rel}`, text, settings: settingsOf(c) })
    .findings.filter((f) => f.ruleId === ruleId)
    .some((f) => fixAllChoice(f, { unsafe: true })?.edits.some((edit) => edit.kind === 'removeItems') === true);
}

function write(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

function read(dir: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(files).map((rel) => [rel, readFileSync(join(dir, rel), 'utf8')]));
}

const NO_GRANTS = /no grants/;

test('--fix --unsafe-fixes removes a legacy grant and adds the grant a chosen fix asks for, never leaving the list empty; held reasons are true', async () => {
  const cases = fc.sample(caseArb, { numRuns: 40 });
  // The reported cases, in every form: the legacy access_token alone on a machine-to-machine client of a tenant
  // that allows it, with and without a client grant.
  for (const form of FORMS) for (const clientGrant of ['none', 'same', 'other'] as const) cases.push({ form, appType: 'non_interactive', firstParty: true, legacy: [`${LEGACY}access_token`], others: [], clientGrant, legacyTenant: true, comment: form !== 'hcl', misspeltMethod: false });
  // A fix truly held for leaving no grants: `ro` on a web client that is not first-party is removed, and nothing adds.
  for (const form of FORMS) cases.push({ form, appType: 'regular_web', firstParty: false, legacy: [`${LEGACY}ro`], others: [], clientGrant: 'none', legacyTenant: true, comment: false, misspeltMethod: false });
  // And with a misspelt auth method: its fix, held with the removal, removes no grant, so it is not what would
  // leave the client none.
  for (const form of FORMS) cases.push({ form, appType: 'regular_web', firstParty: false, legacy: [`${LEGACY}ro`], others: [], clientGrant: 'none', legacyTenant: true, comment: false, misspeltMethod: true });
  let filled = 0;
  let heldNoGrants = 0;
  let heldWithOther = 0;
  for (const c of cases) {
    const files = render(c);
    const rel = clientFile(files);
    const name = JSON.stringify(c);
    const before = grantsIn(c, rel, files[rel]!, name);
    const root = mkdtempSync(join(tmpdir(), 'grantlint-legacy-add-'));
    try {
      // --fix alone: safe fixes only, nothing new, no held-fix note, a second run changes nothing.
      const safeDir = join(root, 'safe');
      write(safeDir, files);
      const safe = await run(['--fix', '--format', 'json', '.'], safeDir);
      assert.notEqual(safe.exitCode, 2, `${name}: ${safe.stderr}`);
      assert.doesNotMatch([...safe.stdout].join(''), /not fixed/, name);
      const safeFiles = read(safeDir, files);
      const afterSafe = grantsIn(c, rel, safeFiles[rel]!, `--fix ${name}`);
      for (const grant of afterSafe) assert.ok(before.includes(grant), `--fix gave '${grant}': ${name}\n${safeFiles[rel]}`);
      await run(['--fix', '.'], safeDir);
      assert.deepEqual(read(safeDir, files), safeFiles, `--fix twice: ${name}`);

      // --diff --unsafe-fixes: what it holds, and why, on stderr.
      const unsafeDir = join(root, 'unsafe');
      write(unsafeDir, files);
      const diff = await run(['--diff', '--unsafe-fixes', '--no-color', '.'], unsafeDir);
      assert.notEqual(diff.exitCode, 2, `${name}: ${diff.stderr}`);
      assert.deepEqual(read(unsafeDir, files), files, `--diff wrote: ${name}`);
      const fixed = await run(['--fix', '--unsafe-fixes', '--format', 'json', '.'], unsafeDir);
      assert.notEqual(fixed.exitCode, 2, `${name}: ${fixed.stderr}`);
      const after = read(unsafeDir, files);
      assert.equal([...diff.stdout].join('') === '', Object.entries(files).every(([r, t]) => after[r] === t), `--diff and --fix disagree: ${name}`);
      const afterUnsafe = grantsIn(c, rel, after[rel]!, `--fix --unsafe-fixes ${name}`);
      for (const [r, text] of Object.entries(after)) {
        if (!r.endsWith('.grantlintrc.json')) assert.deepEqual(lintText({ path: `/p/${r}`, text, settings: settingsOf(c) }).parsed.errors, [], `${r} does not parse: ${name}\n${text}`);
      }

      // Nothing granted that neither the client nor a chosen fix had.
      const chosen = chosenGrants(c, files, true);
      for (const grant of afterUnsafe) assert.ok(before.includes(grant) || chosen.values.has(grant), `--fix --unsafe-fixes gave '${grant}', which no chosen fix asked for: ${name}\n${after[rel]}`);
      // Never left empty where --fix alone keeps a grant: an unsafe removal is joined by the chosen addition.
      if (afterUnsafe.length === 0) assert.deepEqual(afterSafe, [], `--fix --unsafe-fixes left the list empty: ${name}\n${after[rel]}`);
      if (chosen.adds && afterSafe.length > 0 && c.legacy.every((g) => !afterUnsafe.includes(g))) filled++;

      // A second run changes nothing, and its diff is empty.
      await run(['--fix', '--unsafe-fixes', '.'], unsafeDir);
      assert.deepEqual(read(unsafeDir, files), after, `--fix --unsafe-fixes twice: ${name}`);
      assert.equal([...(await run(['--diff', '--unsafe-fixes', '.'], unsafeDir)).stdout].join(''), '', `--diff after --fix: ${name}`);

      // Every "no grants" reason is true: the held fix removes grants, and no chosen fix adds to the client's list.
      const reasons: { rel: string; ruleId: string; text: string }[] = [];
      for (const finding of JSON.parse([...fixed.stdout].join('')) as { file: string; ruleId: string; message: string }[]) {
        if (/not fixed/.test(finding.message)) reasons.push({ rel: finding.file, ruleId: finding.ruleId, text: finding.message });
      }
      for (const line of diff.stderr.split('\n')) {
        const m = /^grantlint: (.+?):\d+:\d+: ([a-z-]+): .*not in the diff(.*)$/.exec(line);
        if (m) reasons.push({ rel: m[1]!, ruleId: m[2]!, text: line });
      }
      for (const reason of reasons) {
        if (!NO_GRANTS.test(reason.text)) continue;
        heldNoGrants++;
        assert.ok(!chosen.adds, `held for "no grants", but a chosen fix adds to the list: ${reason.text}\n${name}`);
        // Its own fix would leave none, or (`another … fix`) one held with it would: said of the fix that removes.
        const removes = chosenFixRemoves(c, files, reason.rel, reason.ruleId);
        assert.equal(/another/.test(reason.text), !removes, `held for "no grants": ${reason.text}; its fix removes ${removes ? 'grants' : 'nothing'}\n${name}`);
        if (!removes) heldWithOther++;
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  assert.ok(filled >= 18, `only ${filled} runs removed a legacy grant and added one`);
  assert.ok(heldNoGrants >= 12 && heldWithOther >= 6, `held for leaving no grants: ${heldNoGrants}, of which with another fix: ${heldWithOther}`);
});

// The reported project: `grant_types = [access_token]` alone on a tenant with `legacyTenant: true`.
test('the reported Terraform client: --diff --unsafe-fixes shows the legacy grant replaced by client_credentials', async () => {
  const root = mkdtempSync(join(tmpdir(), 'grantlint-legacy-add-'));
  try {
    write(root, {
      '.grantlintrc.json': '{ "legacyTenant": true }\n',
      'main.tf': `resource "auth0_client" "batch" {\n  name        = "Batch"\n  app_type    = "non_interactive"\n  grant_types = ["${LEGACY}access_token"]\n}\n`,
    });
    const diff = await run(['--diff', '--unsafe-fixes', '--no-color', '.'], root);
    assert.equal(diff.stderr, '');
    assert.match([...diff.stdout].join(''), /^- {2}grant_types = \["http:\/\/auth0\.com\/oauth\/legacy\/grant-type\/access_token"\]\n\+ {2}grant_types = \["client_credentials"\]$/m);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
