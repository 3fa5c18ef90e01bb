/**
 * A broken config file is reported whole: every unknown key, rule id, severity and malformed value at once, each on
 * the key or value at fault and with the name meant where one is close, however the JSON is written.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ALL_RULES, LineIndex } from '../../server/src/engine/index';
import { ConfigError, issueText, parseConfig, type ConfigIssue } from '../../server/src/workspace/index';
import { brokenConfigArb, slipsOf } from '../helpers/config-problems';

const FILE = '/w/.grantlintrc.json';

function issuesOf(text: string): readonly ConfigIssue[] {
  try {
    parseConfig(text, FILE);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  assert.fail(`no ConfigError for ${text}`);
}

/** The text an issue is placed on. */
function placedOn(text: string, issue: ConfigIssue): string {
  assert.ok(issue.range, issue.message);
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(issue.range.start), lines.offsetAt(issue.range.end));
}

test('every problem of a config is reported at once, each on the key or value at fault, in the order written', () => {
  fc.assert(
    fc.property(brokenConfigArb, ({ text, problems }) => {
      const issues = issuesOf(text);
      assert.equal(issues.length, problems.length, `${text}\n${issues.map((i) => i.message).join('\n')}`);
      const unmatched = [...problems];
      for (const issue of issues) {
        const on = placedOn(text, issue);
        const at = unmatched.findIndex((p) => p.culprit === on && p.message.test(issue.message));
        assert.ok(at >= 0, `unexpected: ${issue.message} on ${on}\n${text}`);
        unmatched.splice(at, 1);
      }
      const starts = issues.map((issue) => new LineIndex(text).offsetAt(issue.range!.start));
      assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'in the order written');
    }),
    { numRuns: 300 },
  );
});

test("the error's message has one line per problem: the file, its line:col and the problem", () => {
  const text = '{\n  "rules": { "implicit-grants": "off" },\n  "legacytenant": true\n}\n';
  assert.throws(() => parseConfig(text, FILE), (e: unknown) => e instanceof ConfigError && e.message === [
    `${FILE}: 2:14: unknown rule id 'implicit-grants' in 'rules'; did you mean 'implicit-grant'?`,
    `${FILE}: 3:3: unknown key 'legacytenant' (expected rules, legacyTenant, ignore or overrides); did you mean 'legacyTenant'?`,
  ].join('\n'));
});

/** A valid value for each key, so that a misspelt key, checked as the key meant, is one problem. */
const VALID: Record<string, string> = { rules: '{}', legacyTenant: 'true', ignore: '"build/**"', overrides: '[]', $schema: '"x"', files: '"*"', pointer: '"/clients/0"' };
const closest = (slip: string) => Object.keys(VALID).find((key) => slipsOf(key).includes(slip))!;

test('a misspelt key or severity gets the name meant, case ignored, wherever it is written', () => {
  const cases: [string, readonly string[], (slip: string) => string][] = [
    ['top', ['rules', 'legacyTenant', 'ignore', 'overrides', '$schema'], (slip) => `{ "${slip}": ${VALID[closest(slip)]} }`],
    ['override', ['files', 'pointer', 'rules'], (slip) => `{ "overrides": [{ "files": "*", "${slip}": ${VALID[closest(slip)]} }] }`],
    ['severity', ['off', 'hint', 'information', 'warning', 'error'], (slip) => `{ "rules": { "implicit-grant": "${slip}" } }`],
    ['override severity', ['off', 'hint', 'information', 'warning', 'error'], (slip) => `{ "overrides": [{ "files": "*", "rules": { "implicit-grant": "${slip}" } }] }`],
  ];
  for (const [where, names, config] of cases) {
    for (const name of names) {
      for (const slip of slipsOf(name)) {
        const issues = issuesOf(config(slip));
        assert.equal(issues.length, 1, `${where}: ${slip}`);
        assert.ok(issues[0]!.message.endsWith(`; did you mean '${name}'?`), `${where}: ${slip}: ${issues[0]!.message}`);
      }
    }
  }
  // The start of a name only one starts with.
  assert.match(issuesOf('{ "rules": { "implicit-grant": "warn" } }')[0]!.message, /did you mean 'warning'\?$/);
  assert.match(issuesOf('{ "rules": { "implicit-grant": "info" } }')[0]!.message, /did you mean 'information'\?$/);
  // Nothing close: no guess.
  for (const far of ['{ "rulesets": {} }', '{ "rules": { "implicit-grant": "loud" } }', '{ "overrides": [{ "files": "*", "severity": {} }] }']) {
    assert.doesNotMatch(issuesOf(far)[0]!.message, /did you mean/, far);
  }
});

test('an unknown rule id with a bad severity is two problems; a repeated key is reported, every value checked, the last used', () => {
  const issues = issuesOf('{ "rules": { "implicit-grants": "loud" } }');
  assert.deepEqual(issues.map((i) => i.message), [
    "unknown rule id 'implicit-grants' in 'rules'; did you mean 'implicit-grant'?",
    "'rules.implicit-grants' must be one of off, hint, information, warning, error",
  ]);
  const repeated = '{ "rules": { "implicit-grant": "loud", "implicit-grant": "off" },\n  "legacyTenant": 1, "legacyTenant": true }';
  assert.deepEqual(issuesOf(repeated).map(issueText), [
    "1:32: 'rules.implicit-grant' must be one of off, hint, information, warning, error",
    "1:40: repeated key 'implicit-grant' in 'rules': only the last is read, the one at 1:14 is lost",
    "2:19: 'legacyTenant' must be true or false",
    "2:22: repeated key 'legacyTenant': only the last is read, the one at 2:3 is lost",
  ]);
  const rulesTwice = '{ "rules": { "implicit-grant": "off" }, "overrides": [{ "files": "*", "rules": {}, "rules": { "implicit-grant": "hint" } }], "rules": {} }';
  assert.deepEqual(issuesOf(rulesTwice).map(issueText), [
    "1:84: repeated key 'rules' in 'overrides[0]': only the last is read, the one at 1:71 is lost",
    "1:126: repeated key 'rules': only the last is read, the one at 1:3 is lost",
  ]);
  const last = '{ "rules": { "implicit-grant": "off", "implicit-grant": "LOUD" } }';
  assert.deepEqual(issuesOf(last).map((issue) => placedOn(last, issue)), ['"implicit-grant"', '"LOUD"']);
});

test("a misspelt key whose did-you-mean is a known key has its value checked as that key's, in the same run", () => {
  const text = '{\n  "Rules": {\n    "implicit-grants": "warn",\n    "legacy-grant-type": "fatal",\n    "cimd-grants": 2\n  }\n}\n';
  assert.deepEqual(issuesOf(text).map(issueText), [
    "2:3: unknown key 'Rules' (expected rules, legacyTenant, ignore or overrides); did you mean 'rules'?",
    "3:5: unknown rule id 'implicit-grants' in 'Rules'; did you mean 'implicit-grant'?",
    "3:24: 'Rules.implicit-grants' must be one of off, hint, information, warning, error; did you mean 'warning'?",
    "4:26: 'Rules.legacy-grant-type' must be one of off, hint, information, warning, error",
    "5:20: 'Rules.cimd-grants' must be one of off, hint, information, warning, error; did you mean 'error'?",
  ]);
  // Nothing close: the value is not guessed at.
  assert.equal(issuesOf('{ "severities": { "implicit-grants": "warn" } }').length, 1);
});

test("ESLint's number severities get the word meant: 0 off, 1 warning, 2 error; other numbers none", () => {
  for (const [written, meant] of [['0', 'off'], ['1', 'warning'], ['2', 'error']] as const) {
    for (const config of [`{ "rules": { "implicit-grant": ${written} } }`, `{ "overrides": [{ "files": "*", "rules": { "implicit-grant": ${written} } }] }`]) {
      assert.match(issuesOf(config)[0]!.message, new RegExp(`must be one of off, hint, information, warning, error; did you mean '${meant}'\\?$`), config);
    }
  }
  for (const written of ['3', '-1', '1.5', 'true']) {
    assert.doesNotMatch(issuesOf(`{ "rules": { "implicit-grant": ${written} } }`)[0]!.message, /did you mean/, written);
  }
});

test('a key written with escapes is the key it spells', () => {
  const config = parseConfig('{ "legacy\\u0054enant": true, "rules": { "implicit\\u002dgrant": "off" } }', FILE);
  assert.equal(config.legacyTenant, true);
  assert.equal(config.rules.get('implicit-grant'), 'off');
});

test('a syntax error is reported alone, at its place; a config that is not an object is one problem', () => {
  for (const text of ['{ "rules": ', '{ "rules": {} "legacytenant": tru }', '{\n  // a comment\n  "legacyTenant": truee\n}']) {
    const issues = issuesOf(text);
    assert.equal(issues.length, 1, text);
    assert.match(issues[0]!.message, /^JSON syntax error \(\w+\)$/, text);
  }
  assert.deepEqual(issuesOf('{\n  "rules": {} "x": 1 }')[0]!.range!.start, { line: 1, character: 14 });
  for (const text of ['[]', '"rules"', '3', 'null']) {
    assert.deepEqual(issuesOf(text).map((i) => i.message), ['the config must be a JSON object'], text);
  }
});

test('every rule id is known to the config', () => {
  const text = JSON.stringify({ rules: Object.fromEntries(ALL_RULES.map((rule) => [rule.id, 'warning'])) });
  assert.equal(parseConfig(text, FILE).rules.size, ALL_RULES.length);
});
