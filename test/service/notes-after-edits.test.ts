/**
 * The notes of an open document after each edit (values not known here, settings of another type) equal the
 * notes of a fresh lint of the same text. The notes remember which clients need none (service/notes.ts), and an
 * edit re-reads one client and keeps the others (engine/incremental.ts): random edits that type placeholders,
 * computed values and mistyped settings in and out of clients check that nothing remembered outlives its client.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { lintText, type LintResult } from '../../server/src/engine/index';
import { IncrementalLinter } from '../../server/src/engine/incremental';
import { fileNoteSpans } from '../../server/src/service/notes';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { generateTerraformHcl } from '../helpers/terraform-generator';
import { generateTenantYaml, generateTenantYamlWithGrants } from '../helpers/tenant-generator';
import { Prng } from '../robustness/prng';

before(() => loadHclParser());

const RUNS = Number(process.env['INCREMENTAL_EDITS'] ?? 250);

function notes(path: string, text: string, result: LintResult): string[] {
  return fileNoteSpans({ path, text }, result, (p) => p).map((note) => JSON.stringify([note.span, note.message, note.clientNotJudged ?? null]));
}

/**
 * One structural edit that keeps the file readable (so most edits stay on the fast path): the value at the first
 * match of a random pattern after a random place swapped for another, known or unknown, or a mistyped setting's
 * line typed in or taken out; now and then a random character deleted instead, breaking the file.
 */
interface Swap {
  /** Matches a value; group 1 is the value swapped. */
  readonly pattern: RegExp;
  readonly values: readonly string[];
}

function editor(swaps: readonly Swap[], settingLine: { readonly after: RegExp; readonly line: readonly string[] }) {
  return (text: string, random: () => number): string => {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const at = Math.floor(random() * text.length);
    const kind = random();
    if (kind < 0.1) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 3)));
    if (kind < 0.25) {
      // A mistyped setting typed in as a line of its own, after a line the pattern names.
      const anchor = new RegExp(settingLine.after.source, 'gm');
      anchor.lastIndex = at;
      const found = anchor.exec(text);
      return found ? text.slice(0, found.index + found[0].length) + pick(settingLine.line) + text.slice(found.index + found[0].length) : text;
    }
    if (kind < 0.35) {
      // A setting's line taken out again.
      const index = text.indexOf('token_vault_privileged_access', at);
      if (index < 0) return text;
      const lineStart = text.lastIndexOf('\n', index);
      const lineEnd = text.indexOf('\n', index);
      return text.slice(0, lineStart) + text.slice(lineEnd < 0 ? text.length : lineEnd);
    }
    const swap = pick(swaps);
    const pattern = new RegExp(swap.pattern.source, 'g');
    pattern.lastIndex = at;
    const found = pattern.exec(text);
    if (!found || found[1] === undefined) return text;
    const valueStart = found.index + found[0].indexOf(found[1]);
    return text.slice(0, valueStart) + pick(swap.values) + text.slice(valueStart + found[1].length);
  };
}

const GRANTS = ['authorization_code', 'refresh_token', 'client_credentials', 'implicit', 'password'];

const randomYamlEdit = editor(
  [
    { pattern: /app_type: (\S+)/, values: ['spa', 'native', 'regular_web', 'non_interactive', '"@@APP_TYPE@@"', "'##APP##'"] },
    { pattern: /token_endpoint_auth_method: (\S+)/, values: ['none', 'client_secret_post', '"##METHOD##"'] },
    { pattern: /((?:'|")?(?:authorization_code|refresh_token|client_credentials|implicit|password|##GRANT##)(?:'|")?)[,\]\n]/, values: [...GRANTS, '"##GRANT##"'] },
    { pattern: /token_vault_privileged_access: (\S+)/, values: ['true', '[1]', '{}', '"##TV##"'] },
    // A client renamed: a grant naming no client may now be meant for another one, or for none.
    { pattern: /- name: "([^"]+)"/, values: ['Renamed Client', 'Ops Service 1', 'Billing Service 2'] },
  ],
  { after: /^    app_type: .*$/, line: ['\n    token_vault_privileged_access: true', '\n    token_vault_privileged_access: [1]', '\n    token_vault_privileged_access: {}'] },
);

const randomHclEdit = editor(
  [
    { pattern: /app_type += (\S+)/, values: ['"spa"', '"native"', '"regular_web"', '"non_interactive"', 'var.app_type', '"${var.app}"'] },
    { pattern: /authentication_method = (\S+)/, values: ['"none"', '"client_secret_post"', 'var.method'] },
    { pattern: /("(?:authorization_code|refresh_token|client_credentials|implicit|password)"|var\.grant)[,\] ]/, values: [...GRANTS.map((g) => `"${g}"`), 'var.grant'] },
    { pattern: /token_vault_privileged_access = (\S+)/, values: ['true', '[1]', 'var.tv'] },
  ],
  { after: /^  authentication_method = .*$/, line: ['\n  token_vault_privileged_access = true', '\n  token_vault_privileged_access = [1]'] },
);

/**
 * Edits `RUNS` times (starting over from a fresh text now and then), each time comparing the notes of the
 * incremental result with those of a fresh lint. Both the fast path and the notes must be exercised, or the
 * comparison proves nothing: at least a quarter of the edits incremental, `notedShare` of the texts with notes.
 */
function checkNotesAfterEdits(path: string, format: 'yaml' | 'hcl', seed: number, fresh: (seed: number) => string, edit: (text: string, random: () => number) => string, notedShare: number): void {
  const prng = new Prng(seed);
  const random = () => prng.next();
  let text = fresh(seed % 100);
  const linter = new IncrementalLinter(path, format);
  linter.lint(text);
  let reused = 0;
  let noted = 0;
  for (let step = 0; step < RUNS; step++) {
    text = step % 40 === 39 ? fresh(step) : edit(text, random);
    const outcome = linter.lint(text);
    if (outcome.incremental) reused++;
    const expected = notes(path, text, lintText({ path, text, format }));
    if (expected.length > 0) noted++;
    assert.deepEqual(notes(path, text, outcome.result), expected, `step ${step}`);
  }
  assert.ok(reused > RUNS / 4, `only ${reused} of ${RUNS} edits were incremental`);
  assert.ok(noted > RUNS * notedShare, `only ${noted} of ${RUNS} texts had notes`);
}

test('deploy-cli YAML: notes after every random edit equal a fresh lint', () => {
  checkNotesAfterEdits('tenant.yaml', 'yaml', 20261203, (seed) => generateTenantYaml({ clients: 20, seed, invalidShare: 0.3 }), randomYamlEdit, 0.25);
});

test('deploy-cli YAML with client grants: notes after every random edit equal a fresh lint', () => {
  // Grants naming no client get did-you-mean notes, which are remembered while the clients' names stay the same.
  checkNotesAfterEdits('tenant.yaml', 'yaml', 20261205, (seed) => generateTenantYamlWithGrants({ clients: 20, seed, invalidShare: 0.3, grants: 20 }), randomYamlEdit, 0.25);
});

test('Terraform HCL: notes after every random edit equal a fresh lint', () => {
  checkNotesAfterEdits('/work/infra/auth0/main.tf', 'hcl', 20261204, (seed) => generateTerraformHcl({ clients: 20, seed, invalidShare: 0.4, credentialsLast: seed % 2 === 1 }), randomHclEdit, 0.1);
});

test("a grant's did-you-mean follows its tenant's client names as they are renamed", () => {
  const tenant = (first: string, second: string) =>
    `clients:\n  - name: ${first}\n    app_type: non_interactive\n    grant_types: [client_credentials]\n  - name: ${second}\n    app_type: non_interactive\n    grant_types: [client_credentials]\nclientGrants:\n  - client_id: Billing Wrker\n    audience: https://api.example.com/\n`;
  const linter = new IncrementalLinter('tenant.yaml', 'yaml');
  const said = (text: string): string => notes('tenant.yaml', text, linter.lint(text).result).join('\n');
  assert.match(said(tenant('Billing Worker', 'Reports Job')), /did you mean 'Billing Worker'\?/);
  assert.doesNotMatch(said(tenant('Payroll Worker', 'Reports Job')), /did you mean/);
  assert.match(said(tenant('Payroll Worker', 'Billing Workers')), /did you mean 'Billing Workers'\?/);
  assert.match(said(tenant('Billing Worker', 'Billing Workers')), /did you mean 'Billing Worker'\?/);
});
