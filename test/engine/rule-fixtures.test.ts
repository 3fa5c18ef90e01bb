/**
 * Per-rule fixtures (test/fixtures/rules/<rule-id>/): the invalid files must show the rule and match their
 * reviewed snapshot of findings and fixes; every fix keeps the rule book's invariants; valid files must not show
 * the rule. Every file is also checked in a CRLF copy.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { fixAll, isSafeFix, lintText, type LintFinding } from '../../server/src/engine/index';
import { ALL_RULES } from '../../server/src/engine/rules/index';
import { expectGolden } from '../helpers/golden';
// Linted with their project's links, so a fixture may be a deploy-cli directory or a Terraform module.
import { applyFix, describeFinding, lintInProject as lint, toCrlf } from '../helpers/lint';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { NOT_IN_TERRAFORM } from '../../scripts/generate-hcl-fixtures';

before(() => loadHclParser());

const ROOT = join(__dirname, '..', 'fixtures', 'rules');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__fixed__' ? [] : filesUnder(path);
    return /\.(json|ya?ml|tf)$/.test(name) && !name.endsWith('.snap') ? [path] : [];
  });
}

// file-too-large needs a file over the 50 MB default and too-many-findings over 1,000 findings: test/robustness/hostile.test.ts
// and test/lsp/limits.test.ts generate those instead of fixtures.
test('every rule has a fixture folder', () => {
  const folders = new Set(readdirSync(ROOT));
  const missing = ALL_RULES.map((r) => r.id).filter((id) => id !== 'file-too-large' && id !== 'too-many-findings' && !folders.has(id));
  assert.deepEqual(missing, []);
});

// Terraform HCL: every rule has an invalid .tf fixture (scripts/generate-hcl-fixtures.ts writes most of them from
// the rule's Terraform JSON or YAML ones), but where Terraform cannot express the rule's condition.
test('every rule has an HCL fixture, or a reason why Terraform cannot express it', () => {
  const missing = readdirSync(ROOT).filter((id) => !existsSync(join(ROOT, id, 'invalid-hcl', 'main.tf')) && !(id in NOT_IN_TERRAFORM));
  assert.deepEqual(missing, []);
});

for (const ruleId of readdirSync(ROOT).sort()) {
  describe(ruleId, () => {
    const folder = join(ROOT, ruleId);
    test('has invalid and valid fixtures', () => {
      const names = filesUnder(folder).map((f) => f.slice(folder.length + 1));
      assert.ok(names.some((n) => !/(^|\/)valid[.-]/.test(n)), 'an invalid fixture');
      assert.ok(names.some((n) => /(^|\/)valid[.-]/.test(n)), 'a valid fixture');
    });
    for (const file of filesUnder(folder)) {
      const name = file.slice(folder.length + 1);
      const text = readFileSync(file, 'utf8');
      const isValid = /(^|\/)valid[.-]/.test(name);

      if (isValid) {
        test(`${name}: no ${ruleId} finding`, () => {
          const result = lint(file, text);
          assert.ok(result.isClientConfig, 'the fixture must be read as a client config');
          const own = result.findings.filter((f) => f.ruleId === ruleId).map((f) => describeFinding(text, f));
          assert.deepEqual(own, []);
          const loud = result.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => describeFinding(text, f));
          assert.deepEqual(loud, [], 'a valid fixture shows no error or warning of any rule');
        });
        continue;
      }

      test(`${name}: findings and fixes match the snapshot`, () => {
        const result = lint(file, text);
        const own = result.findings.filter((f) => f.ruleId === ruleId);
        assert.ok(own.length > 0, `${name} must show ${ruleId}`);
        const lines: string[] = [];
        own.forEach((finding, i) => {
          lines.push(`${describeFinding(text, finding)}  ${finding.message}`);
          finding.fixes.forEach((fix, j) => {
            // Rule book: every fix of a warning, information or hint finding is unsafe, but auth-method-conflict's.
            assert.ok(fix.safety === 'unsafe' || finding.severity === 'error' || finding.ruleId === 'auth-method-conflict', `a safe fix of a ${finding.severity}: ${fix.title}`);
            const fixedName = `${name}.${i + 1}-${j + 1}.fixed`;
            lines.push(`  fix ${i + 1}-${j + 1} (${j === 0 ? 'preferred, ' : ''}${fix.safety}): ${fix.title}`);
            expectGolden(join(folder, '__fixed__', fixedName), applyFix(text, result, fix));
          });
        });
        const others = result.findings.filter((f) => f.ruleId !== ruleId).map((f) => describeFinding(text, f));
        lines.push('', 'other findings:', ...others);
        expectGolden(join(folder, '__fixed__', `${name}.snap`), lines.join('\n') + '\n');
      });

      test(`${name}: every fix keeps the invariants`, () => {
        checkFixInvariants(file, text);
      });

      test(`${name}: CRLF copy gives the same findings and keeps CRLF in every fix`, () => {
        const crlf = toCrlf(text);
        const lf = lint(file, text);
        const result = lint(file, crlf);
        assert.deepEqual(
          result.findings.map((f) => describeFinding(crlf, f).replace(/:\d+-\d+:\d+/, '')),
          lf.findings.map((f) => describeFinding(text, f).replace(/:\d+-\d+:\d+/, '')),
        );
        for (const finding of result.findings) {
          for (const fix of finding.fixes) {
            const fixed = applyFix(crlf, result, fix);
            assert.ok(!/(^|[^\r])\n/.test(fixed), `fix "${fix.title}" left a bare LF`);
          }
        }
        checkFixInvariants(file, crlf);
      });

      test(`${name}: fix-all twice equals fix-all once, safe only and with unsafe fixes`, () => {
        const once = fixAll({ path: file, text });
        const twice = fixAll({ path: file, text: once.text });
        assert.equal(twice.text, once.text);
        assert.deepEqual(
          once.result.findings.filter((f) => f.fixes.some(isSafeFix)).map((f) => describeFinding(once.text, f)),
          [],
          'safe fix-all leaves no finding with a safe fix',
        );
        const unsafe = fixAll({ path: file, text }, { unsafe: true });
        assert.equal(fixAll({ path: file, text: unsafe.text }, { unsafe: true }).text, unsafe.text, 'unsafe fix-all is idempotent');
        // Left over: only errors and warnings whose preferred fix would raise a new error or warning (fix-all does
        // not chain an unsafe fix into changes no finding proposed; the user may still choose it as a quick fix), or
        // is offered as a quick fix only (grants for a client holding none).
        const raisesNew = (finding: LintFinding): boolean => {
          if (finding.fixes[0]!.quickFixOnly) return true;
          const after = lintText({ path: file, text: applyFix(unsafe.text, unsafe.result, finding.fixes[0]!) });
          return seriousCounts(after.findings).some(([id, count]) => count > (seriousCounts(unsafe.result.findings).find(([other]) => other === id)?.[1] ?? 0));
        };
        assert.deepEqual(
          unsafe.result.findings
            .filter((f) => (f.severity === 'error' || f.severity === 'warning') && f.fixes.length > 0 && !raisesNew(f))
            .map((f) => describeFinding(unsafe.text, f)),
          [],
          'fix-all with unsafe fixes leaves no fixable error or warning but those whose fix raises a new one or is a quick fix only',
        );
      });
    }
  });
}

/** Rule book invariants 1-3 for every fix of every finding in the file. */
function checkFixInvariants(file: string, text: string): void {
  const before = lint(file, text);
  const errorKeys = (findings: readonly { ruleId: string; message: string; severity: string }[]) =>
    findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`);
  const errorsBefore = errorKeys(before.findings);
  for (const finding of before.findings) {
    for (const fix of finding.fixes) {
      const fixed = applyFix(text, before, fix);
      const after = lint(file, fixed);
      const label = `${finding.ruleId} fix "${fix.title}"`;
      assert.deepEqual(after.parsed.errors, [], `${label}: the result must parse`);
      const sameRule = (f: { ruleId: string; message: string }) => f.ruleId === finding.ruleId && f.message === finding.message;
      assert.ok(after.findings.filter(sameRule).length < before.findings.filter(sameRule).length, `${label}: the finding must be gone`);
      const remaining = [...errorsBefore];
      const added = errorKeys(after.findings).filter((key) => {
        const at = remaining.indexOf(key);
        if (at < 0) return true;
        remaining.splice(at, 1);
        return false;
      });
      assert.deepEqual(added, [], `${label}: no new error`);
      assert.ok(commentsKept(text, fixed), `${label}: comments outside the edited lines are kept`);
    }
  }
}

/** Every comment of the original is still there, except ones on lines the fix removed. */
function commentsKept(original: string, fixed: string): boolean {
  const comments = (s: string) => s.split(/\r?\n/).map((l) => /#.*$/.exec(l)?.[0]).filter((c): c is string => c !== undefined);
  const after = comments(fixed);
  const missing = comments(original).filter((c) => !after.includes(c));
  // A removed list item takes its trailing comment with it; anything else must survive.
  return missing.every((c) => !original.split(/\r?\n/).some((l) => l.trim().startsWith('#') && l.includes(c)));
}

/** Error and warning findings counted per rule. */
function seriousCounts(findings: readonly LintFinding[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const f of findings) if (f.severity === 'error' || f.severity === 'warning') counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return [...counts];
}
