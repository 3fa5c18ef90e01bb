/**
 * The tf-hcl case (../shared/cases/cross/tf-hcl, pinned in test/fixtures/cases/cross/tf-hcl): a Terraform HCL
 * module over three files. main.tf and grants.tf, each linted with its module read for links (as the CLI and the
 * server lint one file), give exactly the findings the case lists, and nothing for the client whose grants are
 * computed. The held-out copy is checked too when ../shared is here; the folder as a whole is a CLI golden
 * scenario (test/fixtures/cli/tf-hcl-case).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { LineIndex, type LintFinding } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { lintInProject } from '../helpers/lint';

before(() => loadHclParser());

const OWN = join(__dirname, '..', 'fixtures', 'cases', 'cross', 'tf-hcl');
const SHARED = join(__dirname, '..', '..', '..', 'shared', 'cases', 'cross', 'tf-hcl');

function short(text: string, finding: LintFinding): string {
  return `${finding.ruleId}@${new LineIndex(text).positionAt(finding.span.start).line + 1}:${finding.severity}`;
}

const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'main.tf': ['public-client-credentials@11:error', 'public-client-credentials@18:error', 'unknown-grant-type@24:error', 'm2m-without-client-credentials@36:warning'],
  'credentials.tf': [],
  'grants.tf': ['client-grant-without-client-credentials@2:warning'],
};

function checkCase(folder: string): void {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    const text = readFileSync(join(folder, name), 'utf8');
    const result = lintInProject(join(folder, name), text);
    assert.deepEqual(result.parsed.errors, [], name);
    assert.deepEqual(result.findings.map((f) => short(text, f)), expected, name);
    if (name !== 'main.tf') continue;
    const unknown = result.findings.find((f) => f.ruleId === 'unknown-grant-type')!;
    assert.match(unknown.message, /http:\/\/auth0\.com\/oauth\/grant-type\/passwordless\/otp/);
    const configurable = result.clients.findIndex((c) => c.name === 'Configurable');
    assert.ok(configurable >= 0);
    assert.deepEqual(result.clientFindings[configurable], [], 'nothing for Configurable: its grants are computed');
  }
}

test('tf-hcl case (pinned copy): each file with its module', () => checkCase(OWN));

test('tf-hcl case (held out in ../shared): each file with its module', { skip: existsSync(SHARED) ? false : '../shared/cases is absent here' }, () => checkCase(SHARED));
