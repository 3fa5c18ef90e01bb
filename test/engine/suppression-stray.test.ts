/**
 * A comment that reads as a suppression comment where none can be is reported as silencing nothing, never ignored
 * without a word: in YAML, a `# grantlint-disable...` comment at the end of a line (after an item, a key, a flow
 * list, with or without a reason), and in JSON any `// grantlint-disable...` or block comment (JSON files take
 * none). The finding it meant to silence stays. Own-line comments work as before.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText } from '../../server/src/engine/index';

const DIRECTIVES = ['grantlint-disable-next-line implicit-grant', 'grantlint-disable implicit-grant', 'grantlint-disable-next-line implicit-grant -- legacy portal'];

/** YAML lines that end in a comment, holding the directive. */
const YAML_FORMS = [
  (d: string) => `clients:\n  - name: Portal\n    app_type: regular_web\n    token_endpoint_auth_method: client_secret_post\n    grant_types:\n      - authorization_code # ${d}\n      - implicit\n`,
  (d: string) => `clients:\n  - name: Portal\n    app_type: regular_web\n    token_endpoint_auth_method: client_secret_post\n    grant_types: # ${d}\n      - authorization_code\n      - implicit\n`,
  (d: string) => `clients:\n  - name: Portal # ${d}\n    app_type: regular_web\n    token_endpoint_auth_method: client_secret_post\n    grant_types: [authorization_code, implicit]\n`,
  (d: string) => `clients:\n  - name: Portal\n    app_type: regular_web\n    token_endpoint_auth_method: client_secret_post\n    grant_types: [authorization_code, implicit] #${d}\n`,
];

test('YAML: a suppression comment at the end of a line is reported, and silences nothing', () => {
  for (const form of YAML_FORMS) {
    for (const directive of DIRECTIVES) {
      const text = form(directive);
      const ids = lintText({ path: '/t/tenant.yaml', text }).findings.map((f) => f.ruleId);
      assert.deepEqual(ids.sort(), ['implicit-grant', 'unused-suppression'], text);
      const unused = lintText({ path: '/t/tenant.yaml', text }).findings.find((f) => f.ruleId === 'unused-suppression')!;
      assert.match(unused.message, /end of a line silences nothing/);
      assert.ok(text.slice(unused.span.start, unused.span.end).startsWith('#'), 'the finding is on the comment');
    }
  }
});

test('YAML: the same comment on its own line silences the finding', () => {
  const text = `clients:\n  - name: Portal\n    app_type: regular_web\n    token_endpoint_auth_method: client_secret_post\n    grant_types:\n      - authorization_code\n      # grantlint-disable-next-line implicit-grant\n      - implicit\n`;
  assert.deepEqual(lintText({ path: '/t/tenant.yaml', text }).findings, []);
});

test('JSON: any suppression comment is reported, and silences nothing', () => {
  for (const directive of DIRECTIVES) {
    for (const comment of [`// ${directive}`, `/* ${directive} */`]) {
      const text = `{\n  "name": "Portal",\n  "app_type": "regular_web",\n  "token_endpoint_auth_method": "client_secret_post",\n  ${comment}\n  "grant_types": ["authorization_code", "implicit"]\n}\n`;
      const findings = lintText({ path: '/p/portal.jsonc', text }).findings;
      assert.deepEqual(findings.map((f) => f.ruleId).sort(), ['implicit-grant', 'unused-suppression'], text);
      assert.match(findings.find((f) => f.ruleId === 'unused-suppression')!.message, /JSON takes no grantlint-disable comments/);
    }
  }
  // A comment that only mentions the words is no directive.
  const mention = `{\n  // see the wiki on grantlint-disable comments\n  "name": "Portal", "app_type": "regular_web", "token_endpoint_auth_method": "client_secret_post", "grant_types": ["authorization_code"]\n}\n`;
  assert.deepEqual(lintText({ path: '/p/portal.jsonc', text: mention }).findings, []);
});
