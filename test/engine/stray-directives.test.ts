/**
 * A suppression comment after code on its line is no suppression, in Terraform HCL as in YAML: it silences
 * nothing and is reported as `unused-suppression` (the rule book's suppressions go on their own line before the
 * node). In HCL such a `# grantlint-disable <rule>` at the end of a line used to silence the rule for the rest of
 * the file. Property: on generated modules, a directive of any form (`#`, `//`, `/* *\/`; file or next-line)
 * put at the end of any line leaves every other finding as it was and adds exactly one unused-suppression there,
 * unless the line already ends in a comment or a string (then it is text of that, and nothing changes). And the
 * incremental linters, which re-read one client or block, give what a full lint gives in files holding such comments.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { LineIndex, lintText, type LintResult } from '../../server/src/engine/index';
import { IncrementalLinter } from '../../server/src/engine/incremental';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { generateTerraformHcl } from '../helpers/terraform-generator';
import { generateTenantYaml } from '../helpers/tenant-generator';
import { observable } from '../helpers/hcl-edits';

before(() => loadHclParser());

const PATH = '/work/infra/auth0/main.tf';
const STRAY = 'A grantlint-disable comment at the end of a line silences nothing: put it on its own line before its node.';

/** Findings as `line:column rule`, the line's own added text not counting (it is at the line's end). */
function placed(text: string, result: LintResult): string[] {
  const index = new LineIndex(text);
  return result.findings.map((f) => {
    const at = index.positionAt(f.span.start);
    return `${at.line}:${at.character} ${f.ruleId}${f.ruleId === 'unused-suppression' ? ` ${f.message}` : ''}`;
  });
}

const FORMS = [
  (rule: string) => `# grantlint-disable ${rule}`,
  (rule: string) => `// grantlint-disable-next-line ${rule}`,
  (rule: string) => `/* grantlint-disable ${rule} */`,
  (rule: string) => `#grantlint-disable ${rule}`,
];

describe('a suppression comment after code in Terraform HCL', () => {
  test('silences nothing and is reported, every other finding kept (generated modules, every line, every form)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.nat(), fc.nat(FORMS.length - 1), fc.constantFrom(' ', '  ', '\t'), (seed, pick, form, gap) => {
        const clean = generateTerraformHcl({ clients: 6, seed, invalidShare: 0.6, credentialsLast: seed % 2 === 0 });
        const before = lintText({ path: PATH, text: clean, format: 'hcl' });
        const lines = clean.split('\n');
        const code = lines.map((_, i) => i).filter((i) => lines[i]!.trim() !== '' && !/^\s*(#|\/\/|\/\*)/.test(lines[i]!));
        const line = code[pick % code.length]!;
        const rules = before.findings.map((f) => f.ruleId);
        const rule = rules.length > 0 ? rules[pick % rules.length]! : 'implicit-grant';
        lines[line] = `${lines[line]}${gap}${FORMS[form]!(rule)}`;
        const text = lines.join('\n');
        const after = lintText({ path: PATH, text, format: 'hcl' });
        const expected = placed(clean, before);
        const got = placed(text, after);
        const inCommentOrString = /#|\/\/|\/\*|<<|"[^"]*$/.test(lines[line]!.slice(0, lines[line]!.length - FORMS[form]!(rule).length - gap.length));
        if (inCommentOrString) {
          assert.deepEqual(got.filter((f) => !f.includes(STRAY)), expected);
          return;
        }
        const stray = got.filter((f) => f.includes(STRAY));
        assert.equal(stray.length, 1, `one unused-suppression for ${lines[line]}: ${got.join('; ')}`);
        assert.ok(stray[0]!.startsWith(`${line}:`), stray[0]);
        assert.deepEqual(got.filter((f) => !f.includes(STRAY)), expected, 'every other finding stays');
      }),
      { numRuns: 150 },
    );
  });

  test('a suppression comment on its own line still works', () => {
    const text = 'resource "auth0_client" "a" {\n  name     = "A"\n  app_type = "spa"\n  # grantlint-disable-next-line implicit-grant\n  grant_types = ["implicit"]\n}\n';
    assert.deepEqual(lintText({ path: PATH, text, format: 'hcl' }).findings.map((f) => f.ruleId), []);
    const after = text.replace('  # grantlint-disable-next-line implicit-grant\n  grant_types = ["implicit"]', '  grant_types = ["implicit"] # grantlint-disable-next-line implicit-grant');
    assert.deepEqual(lintText({ path: PATH, text: after, format: 'hcl' }).findings.map((f) => f.ruleId), ['implicit-grant', 'unused-suppression']);
  });
});

describe('a suppression comment after a YAML block scalar\'s header', () => {
  test('silences nothing and is reported (every header form, in a value and a list item, every other finding kept)', () => {
    const HEADERS = ['|', '>', '|-', '>-', '|+', '>+', '|2', '>-2', '&text |', '!!str >', '&t !!str |-'];
    fc.assert(
      fc.property(fc.constantFrom(...HEADERS), fc.boolean(), fc.nat(FORMS.length - 1), fc.constantFrom(' ', '  ', '\t'), (header, inList, form, gap) => {
        const rule = 'implicit-grant';
        const directive = `#${FORMS[form]!(rule).replace(/^(#|\/\/|\/\*)\s?/, ' ').replace(/ \*\/$/, '')}`;
        const block = (after: string) =>
          inList
            ? `    callbacks:\n      - ${header}${after}\n        https://a.example.com/cb\n`
            : `    description: ${header}${after}\n      A kiosk in the lobby,\n      shown to visitors.\n`;
        const file = (after: string) => `clients:\n  - name: Kiosk\n${block(after)}    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: [authorization_code, implicit]\n`;
        const clean = lintText({ path: '/t/tenant.yaml', text: file('') });
        const text = file(`${gap}${directive}`);
        const result = lintText({ path: '/t/tenant.yaml', text });
        assert.deepEqual(result.parsed.errors, [], text);
        const stray = result.findings.filter((f) => f.ruleId === 'unused-suppression');
        assert.equal(stray.length, 1, `${text}: ${result.findings.map((f) => f.message).join(' | ')}`);
        assert.equal(text.slice(stray[0]!.span.start, stray[0]!.span.end), directive);
        assert.deepEqual(result.findings.filter((f) => f !== stray[0]).map((f) => f.ruleId), clean.findings.map((f) => f.ruleId), 'every other finding stays');
      }),
      { numRuns: 120 },
    );
  });
});

describe('incremental linting of a file holding a suppression comment after code', () => {
  test('HCL: edits elsewhere and in the comment\'s block give what a full lint gives', () => {
    let text = generateTerraformHcl({ clients: 20, seed: 11, invalidShare: 0.5 });
    const linter = new IncrementalLinter(PATH, 'hcl');
    linter.lint(text);
    const grantLines = [...text.matchAll(/grant_types\s*=\s*\[[^\]\n]*\]/g)];
    assert.ok(grantLines.length > 4);
    // A comment typed after a value, then an edit in another client, then one in the same client.
    const steps: ((t: string) => string)[] = [
      (t) => t.replace(grantLines[1]![0], `${grantLines[1]![0]} # grantlint-disable implicit-grant`),
      (t) => t.replace(grantLines[3]![0], grantLines[3]![0].replace(']', ', "implicit"]')),
      (t) => t.replace(`${grantLines[1]![0]} # grantlint-disable implicit-grant`, `${grantLines[1]![0].replace(']', ', "password"]')} # grantlint-disable implicit-grant`),
      (t) => t.replace(' # grantlint-disable implicit-grant', ''),
    ];
    for (const [i, step] of steps.entries()) {
      const next = step(text);
      assert.notEqual(next, text, `step ${i} changes the text`);
      text = next;
      const outcome = linter.lint(text);
      assert.deepEqual(observable(text, outcome.result), observable(text, lintText({ path: PATH, text, format: 'hcl' })), `step ${i}`);
    }
  });

  test('YAML: edits elsewhere and in the comment\'s client give what a full lint gives', () => {
    const path = '/t/tenant.yaml';
    let text = generateTenantYaml({ clients: 20, seed: 5, invalidShare: 0.5 });
    const linter = new IncrementalLinter(path, 'yaml');
    linter.lint(text);
    const appTypes = [...text.matchAll(/^ {4}app_type: .*$/gm)];
    const other = (line: string) => line.replace(/app_type: \w+/, line.includes('app_type: spa') ? 'app_type: regular_web' : 'app_type: spa');
    const steps: ((t: string) => string)[] = [
      (t) => t.replace(appTypes[2]![0], `${appTypes[2]![0]} # grantlint-disable implicit-grant`),
      (t) => t.replace(appTypes[6]![0], other(appTypes[6]![0])),
      (t) => t.replace(`${appTypes[2]![0]} # grantlint-disable implicit-grant`, `${other(appTypes[2]![0])} # grantlint-disable implicit-grant`),
      (t) => t.replace(`${other(appTypes[2]![0])} # grantlint-disable implicit-grant`, other(appTypes[2]![0])),
    ];
    for (const [i, step] of steps.entries()) {
      const next = step(text);
      assert.notEqual(next, text, `step ${i} changes the text`);
      text = next;
      const result = linter.lint(text).result;
      const full = lintText({ path, text, format: 'yaml' });
      assert.deepEqual(placed(text, result), placed(text, full), `step ${i}`);
      assert.equal(result.findings.filter((f) => f.message === STRAY).length, i < 3 ? 1 : 0);
    }
  });
});

describe('a comment meant as a directive but written as none', () => {
  const WRITTEN = [
    'grantlint-disable-line', 'grantlint-enable', 'Grantlint-Disable-Next-Line', 'grantlint:disable', 'grantlint-ignore', 'grantlint_disable',
    'grantlint-disable-nextline', 'GRANTLINT-DISABLE', 'grantlint disable-next-line', 'grantlint: disable-next-line', '@grantlint-disable-next-line',
    'grantlint--disable-next-line', 'grantlint-disble-next-line', 'grantlint.disable', 'grantlint-disable-next-line:',
  ];
  const PROSE = ['grantlint ignores the staging clients', 'see the grantlint docs', 'grantlint-compatible since 2025'];
  const yaml = (comment: string) => `clients:\n  ${comment}\n  - name: A\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: [implicit]\n`;
  const hcl = (comment: string) => `${comment}\nresource "auth0_client" "a" {\n  name        = "A"\n  app_type    = "spa"\n  grant_types = ["implicit"]\n}\n`;
  const json = (comment: string) => `{\n  ${comment}\n  "name": "A",\n  "app_type": "spa",\n  "token_endpoint_auth_method": "none",\n  "grant_types": ["implicit"]\n}\n`;
  const forms: [string, (written: string) => string][] = [
    ['/t/tenant.yaml', (w) => yaml(`# ${w} implicit-grant`)],
    [PATH, (w) => hcl(`# ${w} implicit-grant`)],
    [PATH, (w) => hcl(`// ${w} implicit-grant`)],
    [PATH, (w) => hcl(`/* ${w} implicit-grant */`)],
    ['/t/exports/clients.json', (w) => json(`// ${w} implicit-grant`)],
  ];

  test('is reported, naming what was written, and silences nothing (YAML, HCL #, // and /* */, JSON)', () => {
    for (const [path, write] of forms) {
      for (const written of WRITTEN) {
        const text = write(written);
        const result = lintText({ path, text });
        const ids = result.findings.map((f) => f.ruleId).sort();
        assert.deepEqual(ids, ['implicit-grant', 'unused-suppression'], `${path}: ${written}`);
        const unused = result.findings.find((f) => f.ruleId === 'unused-suppression')!;
        if (!path.endsWith('.json')) assert.ok(unused.message.includes(`'${written}'`), unused.message);
        assert.equal(text.slice(unused.span.start, unused.span.end).includes(written), true);
      }
    }
  });

  test('a directive written right in an HCL block comment of several lines is said to need a line of its own (U44)', () => {
    for (const directive of ['grantlint-disable-next-line', 'grantlint-disable']) {
      for (const block of [`/* kept for the partner\n   ${directive} implicit-grant -- legacy */`, `/*\n${directive} implicit-grant\n*/`, `/*\n * Partner portal\n * ${directive} implicit-grant\n */`]) {
        const result = lintText({ path: PATH, text: hcl(block) });
        assert.deepEqual(result.findings.map((f) => f.ruleId).sort(), ['implicit-grant', 'unused-suppression'], block);
        const unused = result.findings.find((f) => f.ruleId === 'unused-suppression')!;
        assert.equal(unused.message, `'${directive}' in a comment of several lines silences nothing: write the directive on a line of its own.`);
      }
    }
  });

  test('prose that mentions grantlint, and the real directives, are not reported', () => {
    for (const [path, write] of forms) {
      if (path.endsWith('.json')) continue;
      for (const prose of PROSE) assert.deepEqual(lintText({ path, text: write(prose) }).findings.map((f) => f.ruleId), ['implicit-grant'], `${path}: ${prose}`);
      assert.deepEqual(lintText({ path, text: write('grantlint-disable-next-line') }).findings.map((f) => f.ruleId), [], path);
    }
  });
});

describe("ESLint's grantlint-disable-line at the end of a line", () => {
  test('is named in its warning, which says what to write instead (YAML and HCL, every comment form)', () => {
    const message = "'grantlint-disable-line' at a line's end silences nothing: write grantlint-disable-next-line on its own line.";
    const files: [string, string][] = [
      ['/t/tenant.yaml', 'clients:\n  - name: A\n    app_type: spa\n    grant_types: [implicit]  # grantlint-disable-line implicit-grant\n'],
      [PATH, 'resource "auth0_client" "a" {\n  name        = "A"\n  grant_types = ["implicit"] # grantlint-disable-line implicit-grant\n}\n'],
      [PATH, 'resource "auth0_client" "a" {\n  name        = "A"\n  grant_types = ["implicit"] // grantlint-disable-line implicit-grant -- kiosk\n}\n'],
      [PATH, 'resource "auth0_client" "a" {\n  name        = "A"\n  grant_types = ["implicit"] /* grantlint-disable-line implicit-grant */\n}\n'],
    ];
    for (const [path, text] of files) {
      const found = lintText({ path, text }).findings.filter((f) => f.ruleId === 'unused-suppression');
      assert.deepEqual(found.map((f) => f.message), [message], text);
    }
  });
});
