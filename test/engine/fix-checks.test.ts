/**
 * The CLI's report checks fixes only as far as it needs to count them (LintInput.fixChecks 'enough-to-count'),
 * and every caller reuses a clean configuration's answer across files (lintClientRemembered). Both are fast
 * paths: each is held here to the plain path on fixture files, examples and generated tenants.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isSafeFix, lintClient, lintClientRemembered, lintText, simulateEdits, type Finding, type LintResult } from '../../server/src/engine/index';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { generateAnchoredTenantYaml } from '../helpers/anchored-tenant-generator';
import { configFiles } from '../helpers/lint';
import { generateClientsJson, generateTenantYaml } from '../helpers/tenant-generator';

const REPO = join(__dirname, '..', '..');

function inputs(): { path: string; text: string }[] {
  const files = [...configFiles(join(REPO, 'test', 'fixtures')), ...configFiles(join(REPO, 'examples'))];
  const out = files.map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  for (const seed of [1, 2, 3]) {
    out.push({ path: '/tenant/tenant.yaml', text: generateTenantYaml({ clients: 300, seed, invalidShare: 0.5 }) });
    out.push({ path: '/export/clients.json', text: generateClientsJson({ clients: 300, seed, invalidShare: 0.5 }) });
    out.push({ path: '/anchored/tenant.yaml', text: generateAnchoredTenantYaml(80, seed) });
  }
  return out;
}

const counted = (f: Finding) => JSON.stringify([f.ruleId, f.severity, f.span, f.message, f.fixes.length > 0, f.fixes.some(isSafeFix)]);

test("'enough-to-count' fix checks give the same findings, and the same fixable and safely fixable ones, as checking every fix", () => {
  let findings = 0;
  let fewerChecks = 0;
  for (const { path, text } of inputs()) {
    const all = lintText({ path, text });
    const enough = lintText({ path, text, fixChecks: 'enough-to-count' });
    assert.deepEqual(enough.findings.map(counted), all.findings.map(counted), path);
    enough.findings.forEach((finding, i) => {
      const titles = new Set(all.findings[i]!.fixes.map((fix) => fix.title));
      assert.ok(finding.fixes.every((fix) => titles.has(fix.title)), `${path}: a fix not offered when every fix is checked`);
      if (finding.fixes.length < all.findings[i]!.fixes.length) fewerChecks++;
    });
    findings += all.findings.length;
  }
  assert.ok(findings > 1000, `${findings} findings`);
  assert.ok(fewerChecks > 100, `${fewerChecks} findings with fewer fixes kept`);
});

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  const said = (list: readonly Finding[]) => JSON.stringify(list.map((f) => [f.ruleId, f.severity, f.span, f.message, f.fixes.map((x) => x.title)]));
  return said(a) === said(b);
}

test('a clean configuration remembered across files answers as running the rules does, for clients and fixed clients', () => {
  let compared = 0;
  let remembered = 0;
  // Twice over: the second round meets every configuration remembered by the first.
  for (const round of [1, 2]) {
    for (const { path, text } of inputs()) {
      const result: LintResult = lintText({ path, text });
      for (const client of result.clients) {
        const entries = [client, ...lintClient(client).flatMap((f) => f.fixes.map((fix) => simulateEdits(client, fix.edits)))];
        for (const entry of entries) {
          for (const settings of [DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, legacyTenant: true }]) {
            const plain = lintClient(entry, settings);
            const fast = lintClientRemembered(entry, settings);
            assert.ok(sameFindings(fast, plain), `${path} round ${round}`);
            compared++;
            if (plain.length === 0) remembered++;
          }
        }
      }
    }
  }
  assert.ok(compared > 5000 && remembered > 1000, `${compared} compared, ${remembered} clean`);
});
