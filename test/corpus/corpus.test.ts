/**
 * The CLI over every file of ../shared/corpus (configs written by others) must report exactly the reviewed
 * findings of snapshot.json, each of which carries its explanation, and exit 0 (the corpus has no errors).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const REPO = join(__dirname, '..', '..');
const CORPUS = join(REPO, '..', 'shared', 'corpus');

interface Entry {
  readonly file: string;
  readonly line: number;
  readonly ruleId: string;
  readonly severity: string;
  readonly why: string;
}

interface JsonFinding {
  readonly file: string;
  readonly line: number;
  readonly ruleId: string;
  readonly severity: string;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

test('the corpus gives exactly the reviewed findings, each explained', () => {
  const snapshot = JSON.parse(readFileSync(join(__dirname, 'snapshot.json'), 'utf8')) as { findings: Entry[] };
  assert.ok(snapshot.findings.every((entry) => entry.why.trim().length > 20), 'every finding is explained');
  const run = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), '--format', 'json', CORPUS], { encoding: 'utf8' });
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0, 'no error-level findings in the corpus');
  const found = (JSON.parse(run.stdout) as JsonFinding[]).map((f) => `${relative(CORPUS, f.file)}:${f.line} ${f.ruleId} ${f.severity}`);
  const expected = snapshot.findings.map((e) => `${e.file}:${e.line} ${e.ruleId} ${e.severity}`);
  assert.deepEqual(found, expected);
});

test('every corpus file is linted; the non-client ones stay silent', () => {
  const lintable = files(CORPUS).filter((f) => /\.(json|ya?ml)$/.test(f));
  assert.ok(lintable.length >= 12, `expected the corpus files, found ${lintable.length}`);
  const run = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), CORPUS], { encoding: 'utf8' });
  assert.match(run.stdout, new RegExp(`in ${lintable.length} files checked`));
});
