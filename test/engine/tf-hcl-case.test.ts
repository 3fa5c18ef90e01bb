/**
 * The tf-hcl case (../shared/cases/cross/tf-hcl, pinned in test/fixtures/cases/cross/tf-hcl): a Terraform HCL
 * module whose main.tf, linted alone, gives the findings the case lists that need no other file, and nothing for
 * the client whose grants are computed. The held-out copy is checked too when ../shared is here.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { LineIndex, lintText, type LintFinding } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/io/tree-sitter';

before(() => loadHclParser());

const OWN = join(__dirname, '..', 'fixtures', 'cases', 'cross', 'tf-hcl');
const SHARED = join(__dirname, '..', '..', '..', 'shared', 'cases', 'cross', 'tf-hcl');

function short(text: string, finding: LintFinding): string {
  return `${finding.ruleId}@${new LineIndex(text).positionAt(finding.span.start).line + 1}:${finding.severity}`;
}

function checkMainAlone(folder: string): void {
  const text = readFileSync(join(folder, 'main.tf'), 'utf8');
  const result = lintText({ path: join(folder, 'main.tf'), text });
  assert.deepEqual(result.parsed.errors, []);
  const found = result.findings.map((f) => short(text, f));
  // The case's findings that main.tf holds by itself; Storefront's method (credentials.tf) and Kiosk's
  // provider default need the module's other files, read by the project graph.
  for (const expected of ['unknown-grant-type@24:error', 'm2m-without-client-credentials@36:warning']) assert.ok(found.includes(expected), `${expected} in ${found.join(', ')}`);
  const unknown = result.findings.find((f) => f.ruleId === 'unknown-grant-type')!;
  assert.match(unknown.message, /http:\/\/auth0\.com\/oauth\/grant-type\/passwordless\/otp/);
  const configurable = result.clients.findIndex((c) => c.name === 'Configurable');
  assert.ok(configurable >= 0);
  assert.deepEqual(result.clientFindings[configurable], [], 'nothing for Configurable: its grants are computed');
  assert.deepEqual(
    found.filter((f) => !/@(11|18|24|36):/.test(f)),
    [],
    'no finding but those the case lists',
  );
}

test('tf-hcl case (pinned copy): main.tf alone', () => checkMainAlone(OWN));

test('tf-hcl case (held out in ../shared): main.tf alone', { skip: existsSync(SHARED) ? false : '../shared/cases is absent here' }, () => checkMainAlone(SHARED));

test('tf-hcl case: credentials.tf and grants.tf are read, hold no client and no finding of their own', () => {
  for (const name of ['credentials.tf', 'grants.tf']) {
    const text = readFileSync(join(OWN, name), 'utf8');
    const result = lintText({ path: join(OWN, name), text });
    assert.deepEqual(result.parsed.errors, []);
    assert.equal(result.clients.length, 0);
  }
});
