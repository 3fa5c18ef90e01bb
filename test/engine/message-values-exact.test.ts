/**
 * A message quotes a user's value exactly, on one line: line breaks and tabs written `\n`, `\r`, `\t`, runs of
 * spaces kept (U45: a YAML block scalar's `authorization_code\n` was shown as `'authorization_code '`; U46: a client
 * grant for `Native  App` was shown as `'Native App'`, the very name it suggested). Generated values with breaks,
 * tabs and doubled spaces anywhere, as unknown grant types (JSON strings); client grants' client names (YAML) with
 * doubled, leading, trailing spaces and tabs; a block scalar as the CLI reports it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli/main';
import { lintText } from '../../server/src/engine/index';
import { grantsWithoutClientNotes } from '../../server/src/engine/lint';

const shownAs = (value: string): string => value.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');

const piece = fc.constantFrom('auth', 'code', 'x', '\n', '\t', '  ', ' ', '\r\n');
const valueArb = fc
  .array(piece, { minLength: 2, maxLength: 6 })
  .map((parts) => `grant${parts.join('')}`)
  .filter((v) => /\s/.test(v));

test('an unknown grant type is quoted exactly in its message', () => {
  fc.assert(
    fc.property(valueArb, (value) => {
      const text = JSON.stringify({ name: 'Web', app_type: 'regular_web', grant_types: ['authorization_code', value] });
      const finding = lintText({ path: 'client.json', text }).findings.find((f) => f.ruleId === 'unknown-grant-type');
      assert.ok(finding, text);
      assert.ok(finding.message.includes(`'${shownAs(value)}'`), `${JSON.stringify(finding.message)} quotes ${JSON.stringify(value)}`);
      assert.ok(!/[\n\r\t]/.test(finding.message), 'the message is one line');
    }),
    { numRuns: 100 },
  );
});

test("a client grant's client name is quoted exactly in its note, beside the name meant", () => {
  for (const written of ['Native  App', 'Native App ', ' Native App', 'Native\tApp']) {
    const text = `clients:\n  - name: Native App\n    app_type: native\n    token_endpoint_auth_method: none\n    grant_types: [authorization_code]\nclientGrants:\n  - client_id: ${JSON.stringify(written)}\n    audience: https://api.example.com/\n    scope: []\n`;
    const input = { path: 'tenant.yaml', text };
    const notes = grantsWithoutClientNotes(input, lintText(input)).map((n) => n.message);
    assert.ok(notes.some((n) => n.includes(`client grant for '${shownAs(written)}' not checked`) && n.includes("did you mean 'Native App'")), `${JSON.stringify(written)}: ${JSON.stringify(notes)}`);
  }
});

test("a block scalar's line break is shown in the note on its withheld fix, not taken for a space", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-values-'));
  try {
    writeFileSync(join(dir, 'tenant.yaml'), 'clients:\n  - name: Web\n    app_type: regular_web\n    grant_types: |\n      authorization_code\n');
    const findings = JSON.parse([...(await run(['--format', 'json', 'tenant.yaml'], dir)).stdout].join('')) as { ruleId: string; message: string }[];
    const finding = findings.find((f) => f.ruleId === 'grant-types-type');
    assert.ok(finding);
    assert.match(finding.message, /'authorization_code\\n'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
