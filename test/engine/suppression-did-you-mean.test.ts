/**
 * A misspelt rule id in a suppression comment gets the rule meant in its unused-suppression message, as the config
 * file and `--rule` give it: in YAML and Terraform HCL (`#`, `//`, `/* *\/`; next-line and file-wide, with a reason,
 * among other ids), and in a comment where none can be (any in JSON and JSONC, one at the end of a line), whose
 * message still says why it silences nothing. Every rule id's slips are tried, and every message stays within
 * MAX_MESSAGE_LENGTH. An id close to none keeps the message it had.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ALL_RULES, lintText } from '../../server/src/engine/index';
import { MAX_MESSAGE_LENGTH } from '../../server/src/engine/rules/messages';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(async () => {
  await loadHclParser();
});

const RULE_IDS = ALL_RULES.map((rule) => rule.id);

/** Slips of a rule id that are no rule's id: a letter dropped at the end, one added, one changed. */
function slipsOf(id: string): string[] {
  return [id.slice(0, -1), `${id}s`, `${id.slice(0, -1)}x`].filter((slip) => !RULE_IDS.includes(slip));
}

/** Where a directive listing `ids` can stand and works: the file's path and text. */
const WORKING: readonly ((ids: string) => readonly [string, string])[] = [
  (ids) => ['/t/tenant.yaml', `clients:\n  # grantlint-disable-next-line ${ids}\n  - name: A\n    grant_types: [authorization_code]\n`],
  (ids) => ['/t/tenant.yaml', `# grantlint-disable ${ids} -- the whole file\nclients:\n  - name: A\n    grant_types: [authorization_code]\n`],
  (ids) => ['/t/tenant.yml', `clients:\n  - name: A\n    grant_types:\n      # grantlint-disable-next-line ${ids} -- a reason\n      - authorization_code\n`],
  (ids) => ['/t/main.tf', `# grantlint-disable-next-line ${ids}\nresource "auth0_client" "a" {\n  name        = "A"\n  grant_types = ["authorization_code"]\n}\n`],
  (ids) => ['/t/main.tf', `resource "auth0_client" "a" {\n  name = "A"\n  // grantlint-disable-next-line ${ids} -- a reason\n  grant_types = ["authorization_code"]\n}\n`],
  (ids) => ['/t/main.tf', `/* grantlint-disable ${ids} */\nresource "auth0_client" "a" {\n  name        = "A"\n  grant_types = ["authorization_code"]\n}\n`],
];

/** Where a directive silences nothing (ParsedFile.strayDirectives): JSON and JSONC, the end of a line. */
const STRAY: readonly ((ids: string) => readonly [string, string])[] = [
  (ids) => ['/t/clients/A.json', `{\n  // grantlint-disable-next-line ${ids}\n  "name": "A",\n  "grant_types": ["authorization_code"]\n}\n`],
  (ids) => ['/t/clients/A.jsonc', `{\n  "name": "A", /* grantlint-disable ${ids} -- a reason */\n  "grant_types": ["authorization_code"]\n}\n`],
  (ids) => ['/t/tenant.yaml', `clients:\n  - name: A # grantlint-disable-next-line ${ids}\n    grant_types: [authorization_code]\n`],
  (ids) => ['/t/main.tf', `resource "auth0_client" "a" { // grantlint-disable-next-line ${ids}\n  name        = "A"\n  grant_types = ["authorization_code"]\n}\n`],
];

/** The unused-suppression messages of a text. */
function unusedMessages(path: string, text: string): string[] {
  return lintText({ path, text })
    .findings.filter((f) => f.ruleId === 'unused-suppression')
    .map((f) => f.message);
}

test('a directive where directives work: the rule meant, for every rule id, alone and among others', () => {
  for (const id of RULE_IDS) {
    for (const slip of slipsOf(id)) {
      for (const form of WORKING) {
        for (const ids of [slip, `implicit-grant, ${slip}`]) {
          const [path, text] = form(ids);
          const messages = unusedMessages(path, text).filter((m) => m.startsWith('Unknown'));
          // The whole wording where it fits; else the words around the id go, never the id.
          const full = `Unknown rule id '${slip}' in this grantlint-disable comment; did you mean '${id}'?`;
          assert.deepEqual(messages, [full.length <= MAX_MESSAGE_LENGTH ? full : `Unknown rule id '${slip}'; did you mean '${id}'?`], text);
          assert.ok(messages[0]!.length <= MAX_MESSAGE_LENGTH, messages[0]);
        }
      }
    }
  }
});

test('a directive where none can be: why it silences nothing, and the rule meant, within the length', () => {
  for (const id of RULE_IDS) {
    for (const slip of slipsOf(id)) {
      for (const form of STRAY) {
        for (const ids of [slip, `implicit-grant ${slip}`]) {
          const [path, text] = form(ids);
          const messages = unusedMessages(path, text);
          assert.equal(messages.length, 1, text);
          const message = messages[0]!;
          assert.ok(message.endsWith(`; did you mean '${id}'?`), message);
          assert.match(message, path.includes('.json') ? /^JSON takes no grantlint-disable comments/ : /^A grantlint-disable comment at (the end of a line|a line's end) silences nothing/);
          assert.ok(message.length <= MAX_MESSAGE_LENGTH, `${message} (${message.length})`);
        }
      }
    }
  }
  // A short id keeps the advice.
  const [yamlPath, yamlText] = STRAY[2]!('implicit-grants');
  assert.deepEqual(unusedMessages(yamlPath, yamlText), ["A grantlint-disable comment at a line's end silences nothing: put it on its own line; did you mean 'implicit-grant'?"]);
  const [path, text] = STRAY[0]!('implicit-grants');
  assert.deepEqual(unusedMessages(path, text), ["JSON takes no grantlint-disable comments: use overrides in .grantlintrc.json; did you mean 'implicit-grant'?"]);
});

test('an id close to no rule, or a known one, keeps the message it had', () => {
  for (const form of WORKING) {
    const [path, text] = form('no-such-rule');
    assert.deepEqual(unusedMessages(path, text), ["Unknown rule id 'no-such-rule' in this grantlint-disable comment; fix the id or remove it."], text);
  }
  for (const form of STRAY) {
    for (const ids of ['no-such-rule', 'implicit-grant']) {
      const [path, text] = form(ids);
      assert.deepEqual(
        unusedMessages(path, text),
        [
          path.includes('.json')
            ? 'JSON takes no grantlint-disable comments: this one silences nothing; use overrides in .grantlintrc.json.'
            : 'A grantlint-disable comment at the end of a line silences nothing: put it on its own line before its node.',
        ],
        text,
      );
    }
  }
});
