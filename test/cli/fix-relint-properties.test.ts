/**
 * After `--fix` (and `--fix --unsafe-fixes`) on a Terraform module or a deploy-cli directory, the run's report,
 * exit code and json output describe the files as they are on disk: they equal a fresh lint of the fixed files,
 * whatever the order the files are linted in (a fix in a later file can change the findings of an earlier one).
 * Generated modules and directories: clients in random files with grants that fixes change (CLI short names,
 * typos, a machine-to-machine app without client_credentials, public apps), credentials resources and client
 * grants in files named before or after their clients'. `--diff` (with the same `--unsafe-fixes`) before the fix run
 * prints exactly what it then writes: its patch applied to the files gives the fixed files, it writes nothing, and it
 * exits 1 when it prints something, 0 otherwise. Only `--unsafe-fixes` adds to a message: why a fix it held (for a
 * client grant of this file or another, or a problem it would raise) was not applied.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { applyPatch, parsePatch } from 'diff';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';

// Every form of the held-fix note (service/finding-message.ts): a client grant it would break, no grants left, a
// rule raised, or `(not fixed)` alone.
const HELD_NOTE = /(\(|; )not fixed[:;)]/;
/** The diff run's line for a finding whose unsafe fix it leaves out (cli/notes.ts heldFixNotes). */
const HELD_DIFF_LINE = /: (its )?unsafe fix (\(.+\) )?(is )?not in the diff(: |$)/;
const GRANTS = ['authorization_code', 'client_credentials', 'client-credentials', 'refresh_token', 'implicit', 'password', 'authorisation_code', 'code'];
const APP_TYPES = ['spa', 'native', 'regular_web', 'non_interactive'];
const METHODS = ['none', 'client_secret_post', 'client_secret_basic', 'nonee', 'client_secret_jwt', 'private_key_jwt'];
const FILE_NAMES = ['a_grants', 'credentials', 'main', 'clients', 'z_api', 'b'];

interface GeneratedClient {
  readonly appType: string;
  readonly grants: readonly string[];
  readonly method: string | undefined;
  readonly clientGrant: boolean;
  /** A metadata-document (CIMD) client: its method and grants are held to what such clients may use. */
  readonly cimd: boolean;
  /** Indexes into FILE_NAMES: where the client, its credentials and its client grant are written. */
  readonly files: readonly [number, number, number];
}

const clientArb: fc.Arbitrary<GeneratedClient> = fc.record({
  appType: fc.constantFrom(...APP_TYPES),
  grants: fc.uniqueArray(fc.constantFrom(...GRANTS), { maxLength: 3 }),
  method: fc.option(fc.constantFrom(...METHODS), { nil: undefined }),
  clientGrant: fc.boolean(),
  cimd: fc.boolean(),
  files: fc.tuple(fc.nat(FILE_NAMES.length - 1), fc.nat(FILE_NAMES.length - 1), fc.nat(FILE_NAMES.length - 1)),
});

/** A module as file name → HCL text. */
function terraformModule(clients: readonly GeneratedClient[]): Record<string, string> {
  const files: Record<string, string[]> = {};
  const add = (index: number, block: string): void => {
    (files[`${FILE_NAMES[index]}.tf`] ??= []).push(block);
  };
  clients.forEach((client, i) => {
    const grants = client.grants.map((g) => `"${g}"`).join(', ');
    const cimd = client.cimd ? `  external_client_id = "https://c${i}.example.com/client.json"\n` : '';
    add(client.files[0], `resource "auth0_client" "c${i}" {\n  name        = "Client ${i}"\n  app_type    = "${client.appType}"\n${cimd}  grant_types = [${grants}]\n}\n`);
    if (client.method !== undefined) {
      add(client.files[1], `resource "auth0_client_credentials" "c${i}" {\n  client_id             = auth0_client.c${i}.id\n  authentication_method = "${client.method}"\n}\n`);
    }
    if (client.clientGrant) {
      add(client.files[2], `resource "auth0_client_grant" "c${i}_api" {\n  client_id = auth0_client.c${i}.id\n  audience  = "https://api.example.com/"\n  scopes    = ["read:items"]\n}\n`);
    }
  });
  return Object.fromEntries(Object.entries(files).map(([name, blocks]) => [name, blocks.join('\n')]));
}

/** A deploy-cli directory as relative path → JSON text; grant files named before or after the client files. */
function deployDirectory(clients: readonly GeneratedClient[]): Record<string, string> {
  const files: Record<string, string> = {};
  clients.forEach((client, i) => {
    const body: Record<string, unknown> = { name: `Client ${i}`, app_type: client.appType, grant_types: client.grants };
    if (client.method !== undefined) body['token_endpoint_auth_method'] = client.method;
    if (client.cimd) body['external_client_id'] = `https://c${i}.example.com/client.json`;
    files[`clients/${FILE_NAMES[client.files[0]]}-${i}.json`] = `${JSON.stringify(body, null, 2)}\n`;
    if (client.clientGrant) files[`grants/${FILE_NAMES[client.files[2]]}-${i}.json`] = `${JSON.stringify({ client_id: `Client ${i}`, audience: 'https://api.example.com/', scope: ['read:items'] }, null, 2)}\n`;
  });
  return files;
}

async function cli(args: readonly string[], cwd: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const outcome = await run(args, cwd);
  return { stdout: [...outcome.stdout].join(''), stderr: outcome.stderr, exitCode: outcome.exitCode };
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string, prefix: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      else out[`${prefix}${entry.name}`] = readFileSync(join(folder, entry.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

/** The files as `--diff`'s patch says --fix leaves them (each file's `a/` name relative to the run's folder). */
function patched(files: Record<string, string>, diff: string): Record<string, string> {
  const out = { ...files };
  // An empty diff parses as one patch without files or hunks.
  for (const patch of parsePatch(diff).filter((p) => p.hunks.length > 0)) {
    const name = patch.oldFileName!.replace(/^a\//, '');
    assert.equal(patch.newFileName, `b/${name}`);
    const result = applyPatch(out[name]!, patch);
    assert.notEqual(result, false, `the patch of ${name} applies`);
    out[name] = result as string;
  }
  return out;
}

/** A json report's findings (not its notes) counted by file, rule and client. */
function findingCounts(json: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of JSON.parse(json) as { file: string; ruleId: string | null; client: string | null }[]) {
    if (f.ruleId === null) continue;
    const key = `${f.file} ${f.ruleId} ${f.client ?? ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * The stylish summary of the same fix run on a fresh copy names the files it changed and the findings gone ("Fixed
 * N problems in M files."), and has no such line when it changed nothing.
 */
async function checkFixedSummary(files: Record<string, string>, fixed: Record<string, string>, fixArgs: readonly string[], targets: readonly string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-fix-summary-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const before = findingCounts((await cli(['--format', 'json', ...targets], dir)).stdout);
    const run = await cli([...fixArgs, ...targets], dir);
    assert.deepEqual(snapshot(dir), fixed, 'the stylish run writes what the json run wrote');
    const after = findingCounts((await cli(['--format', 'json', ...targets], dir)).stdout);
    const cleared = [...before].reduce((sum, [key, count]) => sum + Math.max(0, count - (after.get(key) ?? 0)), 0);
    const changed = Object.keys(files).filter((name) => fixed[name] !== files[name]).length;
    const line = /^Fixed (\d+) problems? in (\d+) files?\.$/m.exec(run.stdout);
    if (changed === 0) assert.equal(line, null, run.stdout);
    else {
      assert.ok(line, run.stdout);
      assert.equal(Number(line[2]), changed, run.stdout);
      assert.equal(Number(line[1]), cleared, `the findings gone, by file, rule and client: ${run.stdout}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A line naming a problem whose fix edits another file: its file, line, column and rule, and the other file; it says
 * --fix leaves it, or which run clears it all the same by fixing that file.
 */
// Or which run clears it all the same, by fixing that file (cli/cleared-elsewhere.ts; held true by cleared-through-other-file.test.ts).
const ELSEWHERE_LINE =
  /^grantlint: (.+?):(\d+):(\d+): ([a-z0-9-]+): (?:its fix (?:\(.+\) )?edits (.+?), another file; (?:--fix leaves it: quick fix or edit by hand|--fix(?: --unsafe-fixes)? clears it by fixing that file)|fix edits (.+?); (?:--fix leaves it(?:: quick fix or by hand)?|--fix(?: --unsafe-fixes)? clears it(?: by fixing that file)?))$/;

/** Every stderr line names a problem whose fix edits another file of the project (`files`), never its own. */
function assertElsewhereLines(stderr: string, files: Record<string, string>): void {
  for (const line of stderr.split('\n').filter(Boolean)) {
    const match = ELSEWHERE_LINE.exec(line);
    assert.ok(match, `only problems with a fix in another file are named on stderr: ${line}`);
    const [, file, , , , full, compact] = match;
    const other = full ?? compact;
    assert.ok(other! in files && other !== file, `the other file is another file of the project: ${line}`);
  }
}

async function checkFixRun(files: Record<string, string>, fixArgs: readonly string[], targets: readonly string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-fix-relint-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const diffArgs = fixArgs.map((arg) => (arg === '--fix' ? '--diff' : arg));
    const diffRun = await cli([...diffArgs, ...targets], dir);
    assert.deepEqual(snapshot(dir), files, '--diff writes nothing');
    // With --unsafe-fixes, the diff run names the findings whose unsafe fix it leaves out (their messages say so after
    // --fix); the rest of its stderr names the problems with a fix in another file, as the fix run does.
    const heldLines = diffRun.stderr.split('\n').filter((line) => HELD_DIFF_LINE.test(line));
    if (!fixArgs.includes('--unsafe-fixes')) assert.deepEqual(heldLines, [], 'a safe --diff holds no unsafe fix');
    const diffing = { ...diffRun, stderr: diffRun.stderr.split('\n').filter((line) => !HELD_DIFF_LINE.test(line)).join('\n') };
    assertElsewhereLines(diffing.stderr, files);
    assert.equal(diffing.exitCode, diffing.stdout === '' ? 0 : 1, '--diff exits 1 when it prints a diff');
    const fixing = await cli([...fixArgs, '--format', 'json', ...targets], dir);
    const fresh = await cli(['--format', 'json', ...targets], dir);
    // With a machine format, --fix says last what it fixed: when it wrote a file, as the diff shows it would.
    const fixedLine = /^grantlint: fixed \d+ problems? in [1-9]\d* files?\n$/m.exec(fixing.stderr)?.[0] ?? '';
    assert.equal(fixedLine !== '', diffing.stdout !== '', 'the fix run says what it fixed when it writes a file');
    assert.equal(fixing.stderr, diffing.stderr + fixedLine, 'the fix run names the problems with a fix in another file, as the diff run did');
    // A finding whose unsafe fix --fix --unsafe-fixes held (for a client grant, or a problem it would raise) says so (a fresh lint
    // without --fix holds nothing, and does not): the same finding, its message with that note.
    const freshFindings = JSON.parse(fresh.stdout) as { message: string }[];
    const fixingFindings = (JSON.parse(fixing.stdout) as { message: string }[]).map((f, i) => (HELD_NOTE.test(f.message) && fixArgs.includes('--unsafe-fixes') ? { ...f, message: freshFindings[i]?.message ?? '' } : f));
    assert.deepEqual(fixingFindings, freshFindings, 'the fix run reports what a fresh lint of the fixed files finds');
    const heldNotes = (JSON.parse(fixing.stdout) as { message: string }[]).filter((f) => HELD_NOTE.test(f.message)).length;
    assert.equal(heldLines.length, heldNotes, `the diff run names as many held fixes as the fix run notes:\n${heldLines.join('\n')}`);
    const named = diffing.stderr.split('\n').filter(Boolean).map((line) => ELSEWHERE_LINE.exec(line)!);
    const findings = JSON.parse(fresh.stdout) as { file: string; line: number; column: number; ruleId: string }[];
    for (const [, file, line, column, ruleId] of named) {
      assert.ok(findings.some((f) => f.file === file && f.line === Number(line) && f.column === Number(column) && f.ruleId === ruleId), `a named problem is one a fresh lint finds: ${file}:${line}:${column} ${ruleId}`);
    }
    assert.equal(fixing.exitCode, fresh.exitCode, 'and exits as it does');
    const fixed = snapshot(dir);
    assert.deepEqual(patched(files, diffing.stdout), fixed, "--diff's patch gives what --fix wrote");
    await checkFixedSummary(files, fixed, fixArgs, targets);
    const again = await cli([...fixArgs, '--format', 'json', ...targets], dir);
    assert.deepEqual(snapshot(dir), fixed, 'a second fix run changes nothing');
    assert.equal(again.stdout, fixing.stdout, 'and reports the same findings');
    assert.equal(again.stderr, diffing.stderr, 'and names the same problems with a fix in another file, with nothing fixed');
    const stylishFix = snapshot(dir);
    const stylish = await cli(['.'], dir);
    assert.deepEqual(snapshot(dir), stylishFix);
    assert.equal(stylish.exitCode, fresh.exitCode);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const modules = fc.array(clientArb, { minLength: 1, maxLength: 4 });

for (const fixArgs of [['--fix'], ['--fix', '--unsafe-fixes']]) {
  test(`${fixArgs.join(' ')} on a Terraform module reports what a fresh lint of the fixed files finds`, async () => {
    await fc.assert(fc.asyncProperty(modules, async (clients) => checkFixRun(terraformModule(clients), fixArgs, ['.'])), { numRuns: 40 });
  });

  test(`${fixArgs.join(' ')} on a deploy-cli directory reports what a fresh lint of the fixed files finds, grants named first or last`, async () => {
    await fc.assert(
      fc.asyncProperty(modules, fc.boolean(), async (clients, grantsFirst) => {
        const files = deployDirectory(clients);
        const hasGrants = Object.keys(files).some((name) => name.startsWith('grants/'));
        const targets = hasGrants ? (grantsFirst ? ['grants', 'clients'] : ['clients', 'grants']) : ['clients'];
        await checkFixRun(files, fixArgs, targets);
      }),
      { numRuns: 40 },
    );
  });
}
