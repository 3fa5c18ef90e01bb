/**
 * The config's `ignore` read as git reads a .gitignore, end to end, on the configs a user met (a negation with a
 * slash made every file ignored: a pre-commit run said each staged file was "skipped … ignored" and passed; one
 * without a slash re-included nothing) and on generated ones: a pre-commit-style run naming every file skips exactly
 * the files git leaves out, a walk of the folder lints exactly the others, and the editor's workspace scan shows
 * exactly the same files. A negation that re-includes nothing is named, as a pattern that matches nothing is.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { clientText, fileTree, gitKeeps, ignoreList, writeTree } from '../helpers/gitignore-cases';
import { TestServer } from '../lsp/helpers';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const root = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-ignore-negations-')));
after(() => rmSync(root, { recursive: true, force: true }));

const REPORTED = ['tenant.yaml', 'sub/tenant.yaml', 'sub/a.json', 'tenant/clients/Mobile App.json', 'tenant/clients/Web.json', 'infra/main.tf', 'infra/x.tf.json'];

/** The configs reported, their neighbours (anchored, in a folder, after a glob, inside a folder left out), then generated ones. */
const CASES: readonly (readonly [readonly string[], readonly string[]])[] = [
  [REPORTED, ['!tenant/clients/Mobile App.json']],
  [REPORTED, ['!/tenant.yaml']],
  [REPORTED, ['!sub/tenant.yaml']],
  [REPORTED, ['sub/*', '!sub/tenant.yaml']],
  [REPORTED, ['*.yaml', '!tenant.yaml']],
  [REPORTED, ['*.json', '!Mobile App.json']],
  [REPORTED, ['infra/', '!infra/main.tf']],
  [REPORTED, ['*.tf*', '!*.tf']],
  [REPORTED, ['tenant/', '!tenant/clients/']],
  [REPORTED, ['tenant/*', '!tenant/clients/', 'Web.json']],
  ...fc.sample(fc.tuple(fileTree, ignoreList), { numRuns: 10, seed: 20261202 }),
];

/** Linted paths (relative to the run's folder) in a --format json report. */
function lintedIn(stdout: string): string[] {
  return [...new Set((JSON.parse(stdout) as { file: string }[]).map((finding) => finding.file))].sort();
}

describe('ignore negations and .gitignore syntax in the CLI', () => {
  test('a run naming every file (pre-commit) lints what git keeps and skips the rest, each with a line', () => {
    CASES.forEach(([files, lines], i) => {
      const dir = join(root, `named${i}`);
      const kept = gitKeeps(dir, files, lines);
      writeFileSync(join(dir, '.grantlintrc.json'), JSON.stringify({ ignore: lines }));
      const run = spawnSync(process.execPath, [CLI, '--format', 'json', ...files], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      const label = JSON.stringify(lines);
      assert.deepEqual(lintedIn(run.stdout), kept, label);
      assert.equal(run.status, 0, `${label}: ${run.stderr}`);
      const skipped = run.stderr.split('\n').flatMap((line) => /^grantlint: skipped '(.*)': ignored by the "ignore" patterns of '\.grantlintrc\.json'(?:$|; "!.*" cannot re-include it: )/.exec(line)?.[1] ?? []);
      assert.deepEqual(skipped.sort(), files.filter((file) => !kept.includes(file)).sort(), label);
    });
  });

  test('a walk of the folder lints what git keeps', () => {
    CASES.forEach(([files, lines], i) => {
      const dir = join(root, `walked${i}`);
      const kept = gitKeeps(dir, files, lines);
      writeFileSync(join(dir, '.grantlintrc.json'), JSON.stringify({ ignore: lines }));
      const run = spawnSync(process.execPath, [CLI, '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      if (kept.length === 0) assert.match(run.stderr, /every file in '\.' is ignored/, JSON.stringify(lines));
      else assert.deepEqual(lintedIn(run.stdout), kept, JSON.stringify(lines));
    });
  });

  test('a negation that re-includes nothing is named; one that re-includes a file is not', () => {
    const dir = join(root, 'notes');
    writeTree(dir, REPORTED);
    const notes = (lines: readonly string[]) => {
      writeFileSync(join(dir, '.grantlintrc.json'), JSON.stringify({ ignore: lines }));
      const run = spawnSync(process.execPath, [CLI, '.'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      return run.stderr.split('\n').filter((line) => line.includes('"ignore" pattern'));
    };
    const reincludesNothing = (glob: string) => `grantlint: .grantlintrc.json: "ignore" pattern ${JSON.stringify(glob)} re-includes no JSON, YAML or Terraform file here: it changes nothing`;
    // Alone, before what it would re-include, inside a folder left out, or naming no file.
    assert.deepEqual(notes(['!tenant/clients/Mobile App.json']), [reincludesNothing('!tenant/clients/Mobile App.json')]);
    assert.deepEqual(notes(['!tenant.yaml', '*.yaml']), [reincludesNothing('!tenant.yaml')]);
    // Inside a folder left out, the folder is named (test/cli/ignore-notes.test.ts holds the kind).
    assert.deepEqual(notes(['sub/', '!sub/tenant.yaml']), [
      `grantlint: .grantlintrc.json: "ignore" pattern "!sub/tenant.yaml" re-includes no JSON, YAML or Terraform file here: its folder 'sub/' is excluded by "sub/", and git does not look inside an excluded folder; write "!/sub/" and "sub/*" just above the negation`,
    ]);
    assert.deepEqual(notes(['*.yaml', '!missing.yaml']), [reincludesNothing('!missing.yaml')]);
    assert.deepEqual(notes(['tenant/', '!tenant/clients/']), [
      `grantlint: .grantlintrc.json: "ignore" pattern "!tenant/clients/" re-includes no JSON, YAML or Terraform file here: its folder 'tenant/' is excluded by "tenant/", and git does not look inside an excluded folder; write "!/tenant/" and "tenant/*" just above the negation`,
    ]);
    // Each re-includes a file; a later negation of a file re-included above changes nothing, the earlier one does.
    assert.deepEqual(notes(['*.yaml', '!tenant.yaml']), []);
    assert.deepEqual(notes(['*.yaml', '!tenant.yaml', '!sub/tenant.yaml']), [reincludesNothing('!sub/tenant.yaml')]);
    assert.deepEqual(notes(['sub/*', '!sub/tenant.yaml', '!sub/a.json']), []);
    assert.deepEqual(notes(['tenant/*', '!tenant/clients/']), []);
  });
});

describe("ignore negations and .gitignore syntax in the editor's workspace scan", () => {
  let server: TestServer;
  const files: Record<string, string> = {};
  CASES.forEach(([tree, lines], i) => {
    for (const path of tree) files[`p${i}/${path}`] = clientText(path);
    files[`p${i}/.grantlintrc.json`] = JSON.stringify({ ignore: lines });
  });
  before(async () => {
    server = await TestServer.start({ files });
    await server.waitForScans(1);
  });
  after(async () => {
    await server.stop();
  });

  test('the scan shows findings in exactly the files git keeps', () => {
    const published = new Set(server.publications.filter((p) => p.diagnostics.length > 0).map((p) => p.uri));
    CASES.forEach(([tree, lines], i) => {
      const kept = gitKeeps(join(root, `editor${i}`), tree, lines);
      assert.deepEqual(tree.filter((path) => published.has(server.uri(`p${i}/${path}`))).sort(), kept, JSON.stringify(lines));
    });
  });
});
