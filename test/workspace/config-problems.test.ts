/**
 * A broken config file is reported whole: every unknown key, rule id, severity and malformed value at once, each on
 * the key or value at fault and with the name meant where one is close, however the JSON is written.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ALL_RULES, LineIndex } from '../../server/src/engine/index';
import { ConfigError, parseConfig, type ConfigIssue } from '../../server/src/workspace/index';
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

test('a misspelt key or severity gets the name meant, case ignored, wherever it is written', () => {
  const cases: [string, readonly string[], (slip: string) => string][] = [
    ['top', ['rules', 'legacyTenant', 'ignore', 'overrides', '$schema'], (slip) => `{ "${slip}": true }`],
    ['override', ['files', 'pointer', 'rules'], (slip) => `{ "overrides": [{ "files": "*", "${slip}": 1 }] }`],
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

test('an unknown rule id with a bad severity is two problems; a repeated key is judged by its last value', () => {
  const issues = issuesOf('{ "rules": { "implicit-grants": "loud" } }');
  assert.deepEqual(issues.map((i) => i.message), [
    "unknown rule id 'implicit-grants' in 'rules'; did you mean 'implicit-grant'?",
    "'rules.implicit-grants' must be one of off, hint, information, warning, error",
  ]);
  const repeated = '{ "rules": { "implicit-grant": "loud", "implicit-grant": "off" }, "legacyTenant": 1, "legacyTenant": true }';
  assert.equal(parseConfig(repeated, FILE).rules.get('implicit-grant'), 'off');
  const last = '{ "rules": { "implicit-grant": "off", "implicit-grant": "LOUD" } }';
  assert.equal(placedOn(last, issuesOf(last)[0]!), '"LOUD"');
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
