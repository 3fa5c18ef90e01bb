/**
 * `--diff --unsafe-fixes` leaves out an unsafe fix that `--fix --unsafe-fixes` would hold back (a client grant it
 * would break in another file, cli/unsafe-elsewhere.ts, or in the same file, or a client it would leave with no
 * grants, engine/fix/fix-all.ts), and says so on stderr: one `grantlint: <path>:<line>:<col>: <rule>: …` line per
 * held finding, at the place a plain json lint gives it, with why, within 120 characters after the place. `--diff`
 * alone (safe fixes only) says none of it, and the stylish summary's "can be fixed with --fix --unsafe-fixes" count
 * is what the diff fixes, never a held fix. Generated projects: deploy-cli directories (grants in `grants/*.json`),
 * YAML tenants (grants under `clientGrants`), Terraform modules in HCL and `.tf.json` (an `auth0_client_grant` in
 * another file), SPAs holding `client_credentials` alone; each with clients held and clients whose fix applies.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { clientArb, FORMS, project } from '../helpers/unsafe-held-projects';
import { run } from '../../server/src/cli/main';
import { MAX_MESSAGE_LENGTH } from '../../server/src/engine/rules/messages';

interface JsonFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly ruleId: string | null;
  readonly severity: string;
  readonly message: string;
  readonly client: string | null;
}

async function jsonOf(args: readonly string[], dir: string): Promise<JsonFinding[]> {
  const out = await run([...args, '--format', 'json', '.'], dir);
  assert.notEqual(out.exitCode, 2, out.stderr);
  return (JSON.parse([...out.stdout].join('')) as JsonFinding[]).filter((f) => f.ruleId !== null && (f.severity === 'error' || f.severity === 'warning'));
}

/** What `args` (a fix run) leaves, run on a fresh copy of `source`. */
async function afterFix(source: string, args: readonly string[]): Promise<JsonFinding[]> {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-diff-held-copy-'));
  try {
    cpSync(source, dir, { recursive: true });
    return await jsonOf(args, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `grantlint: <path>:<line>:<col>: <rule>: <text>` lines of stderr that say a fix is not in the diff. */
const HELD_LINE = /^grantlint: (.+):(\d+):(\d+): ([a-z0-9-]+): (.*not in the diff.*)$/;
const REASON = /not in the diff: (it would break the client grant in |breaks the (client )?grant in |it would break a client grant|breaks a client grant|(the|a) (client )?grant (in .+ )?would (then )?have no fix|leaves the grant in .+ unfixable|(another (of its )?fix(es)? )?(it )?(would leave|leaves) (the client )?no grants|it would raise |raises )/;

test('--diff --unsafe-fixes names each finding whose unsafe fix it leaves out, at its place, with why; --diff alone names none; the count agrees', async () => {
  const cases = fc.sample(fc.array(clientArb(true), { minLength: 1, maxLength: 3 }), { numRuns: 5 });
  cases.push(
    [{ appType: 'spa', granted: true, onlyClientCredentials: false, longName: true }, { appType: 'spa', granted: false, onlyClientCredentials: false, longName: false }],
    [{ appType: 'spa', granted: false, onlyClientCredentials: true, longName: false }, { appType: 'native', granted: true, onlyClientCredentials: false, longName: false }],
  );
  let heldSeen = 0;
  let fixedSeen = 0;
  for (const [c, clients] of cases.entries()) {
    for (const form of FORMS) {
      const root = mkdtempSync(join(tmpdir(), 'grantlint-diff-held-'));
      try {
        for (const [path, text] of Object.entries(project(form, clients))) {
          mkdirSync(dirname(join(root, path)), { recursive: true });
          writeFileSync(join(root, path), text);
        }
        const name = `case ${c}, ${form}: ${JSON.stringify(clients)}`;
        const plain = await jsonOf([], root);
        // Held: the findings --fix --unsafe-fixes leaves with a "not fixed" note, placed where a plain lint has them.
        const held = (await afterFix(root, ['--fix', '--unsafe-fixes'])).filter((f) => /(\(|; )not fixed/.test(f.message));
        const expected = held
          .map((f) => {
            const at = plain.find((p) => p.file === f.file && p.ruleId === f.ruleId && p.client === f.client);
            assert.ok(at, `${name}: ${JSON.stringify(f)} is in the plain lint`);
            return `${at.file}:${at.line}:${at.column}: ${at.ruleId}`;
          })
          .sort();
        const diff = await run(['--diff', '--unsafe-fixes', '.'], root);
        assert.notEqual(diff.exitCode, 2, diff.stderr);
        const lines = diff.stderr.split('\n').filter((line) => HELD_LINE.test(line));
        const said = lines.map((line) => HELD_LINE.exec(line)!).map((m) => `${m[1]}:${m[2]}:${m[3]}: ${m[4]}`).sort();
        assert.deepEqual(said, expected, `${name}\n${diff.stderr}`);
        for (const line of lines) {
          const after = line.slice(line.indexOf(': ', 'grantlint: '.length) + 2);
          assert.ok(after.length <= MAX_MESSAGE_LENGTH, `${name}: ${after.length}: ${after}`);
          assert.match(after, REASON, name);
        }
        // The exit code is the diff's: 1 when it is not empty.
        assert.equal(diff.exitCode, [...diff.stdout].join('').length > 0 ? 1 : 0, name);
        // --diff alone applies safe fixes only: nothing is held, nothing said.
        const safeDiff = await run(['--diff', '.'], root);
        assert.deepEqual(safeDiff.stderr.split('\n').filter((line) => HELD_LINE.test(line)), [], name);
        // The summary's count is what the unsafe fixes in the diff clear beyond --fix: never a held finding.
        const stylish = [...(await run(['.'], root)).stdout].join('');
        const count = /^(\d+) more problems? can be fixed with --fix --unsafe-fixes/m.exec(stylish);
        const leftSafe = (await afterFix(root, ['--fix'])).length;
        const leftUnsafe = (await afterFix(root, ['--fix', '--unsafe-fixes'])).length;
        assert.equal(count ? Number(count[1]) : 0, leftSafe - leftUnsafe, `${name}\n${stylish}`);
        heldSeen += expected.length;
        fixedSeen += leftSafe - leftUnsafe;
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }
  }
  assert.ok(heldSeen >= 8 && fixedSeen >= 8, `held ${heldSeen}, fixed ${fixedSeen}`);
});
