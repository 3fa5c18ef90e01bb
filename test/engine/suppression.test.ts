import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lint, ruleIds } from '../helpers/lint';
import { ALL_RULES } from '../../server/src/engine/rules/index';
import { MAX_MESSAGE_LENGTH } from '../../server/src/engine/rules/messages';
import { otherFileFindingMessage } from '../../server/src/engine/suppression';

const CLIENTS = [
  'clients:',
  '  # grantlint-disable-next-line implicit-grant -- the old portal still needs it',
  '  - name: Portal',
  '    app_type: regular_web',
  '    grant_types:',
  '      - authorization_code',
  '      - implicit',
  '  - name: Other',
  '    app_type: regular_web',
  '    grant_types: [authorization_code, implicit]',
  '',
];

test('next-line silences the node that follows, wherever its findings are', () => {
  const result = lint('tenant.yaml', CLIENTS.join('\n'));
  assert.deepEqual(result.findings.map((f) => `${f.ruleId}@${f.span.start > CLIENTS.slice(0, 7).join('\n').length ? 'Other' : 'Portal'}`), ['implicit-grant@Other']);
});

test('a comment above a grant item silences only that item', () => {
  const text = ['clients:', '  - name: A', '    app_type: regular_web', '    grant_types:', '      # grantlint-disable-next-line implicit-grant', '      - implicit', '      - authorization_code', '      - implicit', ''].join('\n');
  const result = lint('tenant.yaml', text);
  assert.deepEqual(ruleIds(result), ['duplicate-grant-type']);
});

test('disable for the rest of the file', () => {
  const text = ['clients:', '  - name: A', '    grant_types: [authorization_code, implicit]', '# grantlint-disable implicit-grant, duplicate-grant-type', '  - name: B', '    grant_types: [authorization_code, implicit, implicit]', ''].join('\n');
  assert.deepEqual(ruleIds(lint('tenant.yaml', text)), ['implicit-grant']);
});

test('unused and unknown suppressions are reported', () => {
  const text = ['clients:', '  # grantlint-disable-next-line legacy-grant-type', '  - name: A', '    grant_types: [authorization_code]', '  # grantlint-disable-next-line no-such-rule', '  - name: B', '    grant_types: [authorization_code]', ''].join('\n');
  const result = lint('tenant.yaml', text);
  assert.deepEqual(ruleIds(result), ['unused-suppression', 'unused-suppression']);
  assert.match(result.findings[0]!.message, /^No legacy-grant-type finding on the next node; remove it/);
  assert.match(result.findings[1]!.message, /Unknown rule id 'no-such-rule'/);
});

test('a grantlint comment inside a quoted string is not a directive', () => {
  const text = 'clients:\n  - name: "# grantlint-disable-next-line implicit-grant"\n    grant_types: [authorization_code, implicit]\n';
  assert.deepEqual(ruleIds(lint('tenant.yaml', text)), ['implicit-grant']);
});

test('a directive before a finding about another file says where to go, whole and within 120 characters, for every rule id', () => {
  for (const rule of ALL_RULES) {
    for (const place of ['on the next node', 'after this comment']) {
      const message = otherFileFindingMessage(rule.id, place);
      assert.ok(message.length <= MAX_MESSAGE_LENGTH, `${message.length}: ${message}`);
      assert.ok(message.includes(` ${rule.id} finding ${place} `) && /another file/.test(message), message);
    }
  }
});
