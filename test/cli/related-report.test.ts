/**
 * toCliFindings' related places, on results made by hand: 1-based lines and columns in UTF-16 code units (a
 * character outside the BMP before the value counts two), another file's place with its path as the CLI shows
 * paths (in the message too), and a related value of another file whose place there is not known left out rather
 * than shown at a made-up place of this file.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toCliFindings, type ReportedResult } from '../../server/src/cli/report';
import type { Finding } from '../../server/src/engine/rules/api';

/** The first linked file's offsets start here (engine/links.ts LINKED_RANGE). */
const LINKED = 2 ** 36;

function resultOf(related: Finding['related']): ReportedResult {
  const finding: Finding = { ruleId: 'public-client-credentials', severity: 'error', message: 'm', span: { start: 0, end: 7 }, path: [], related, fixes: [] };
  return { findings: [finding], clients: [], clientFindings: [], linkedFindings: [], linkedClients: [] };
}

test('a related place in the same file: 1-based, in UTF-16 code units, its end exclusive', () => {
  const text = 'clients:\n  - {name: "🔑", token_endpoint_auth_method: none}\n';
  const start = text.indexOf('none');
  const [finding] = toCliFindings('tenant.yaml', text, resultOf([{ span: { start, end: start + 4 }, message: 'none makes this client public' }]));
  // "  - {name: \"🔑\", token_endpoint_auth_method: " is 45 code units: the key emoji counts two.
  assert.deepEqual(finding!.related, [{ file: 'tenant.yaml', line: 2, column: 46, endLine: 2, endColumn: 50, message: 'none makes this client public' }]);
});

test('a related place in another file: its path as shown, in the place and in the message', () => {
  const elsewhere = { path: '/project/infra/credentials.tf', start: { line: 7, character: 26 }, end: { line: 7, character: 32 } };
  const related = [{ span: { start: 0, end: 7 }, message: 'The value is in /project/infra/credentials.tf; change it there', elsewhere }];
  const shown = (path: string) => path.replace('/project/', '');
  const [finding] = toCliFindings('infra/main.tf', 'resource\n', resultOf(related), shown);
  assert.deepEqual(finding!.related, [{ file: 'infra/credentials.tf', line: 8, column: 27, endLine: 8, endColumn: 33, message: 'The value is in infra/credentials.tf; change it there' }]);
});

test('a related value of another file whose place is not known is left out; the others stay, in order', () => {
  const text = 'a: 1\nb: 2\n';
  const related = [
    { span: { start: 0, end: 1 }, message: 'first' },
    { span: { start: LINKED + 5, end: LINKED + 9 }, message: 'unplaced' },
    { span: { start: 5, end: 6 }, message: 'last' },
  ];
  const [finding] = toCliFindings('x.yaml', text, resultOf(related));
  assert.deepEqual(
    finding!.related.map((r) => [r.message, r.line, r.column]),
    [
      ['first', 1, 1],
      ['last', 2, 1],
    ],
  );
});

test('a finding without related places has an empty list', () => {
  const [finding] = toCliFindings('x.yaml', 'a: 1\n', resultOf([]));
  assert.deepEqual(finding!.related, []);
});
