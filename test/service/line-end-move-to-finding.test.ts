/**
 * A directive at the end of any line of a client or client grant holding a finding it names gets a move that
 * silences it: above or below its line where that line's node holds the finding, else above the finding's own line
 * (U47, U48: after a client grant's `audience:` or a client's `name`, no move was offered, and the grant's finding is
 * on its `client_id`). Generated YAML and Terraform HCL clients and client grants, the comment (either word) at the
 * end of every line of the second entry: a move is always offered; applied, the file is the one written with the
 * comment on a line of its own, that entry's finding is silenced and nothing else changes, and Terraform stays as
 * terraform fmt lays it out.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { applyTextEdits, lintText } from '../../server/src/engine/index';
import { lineEndDirectiveFixes } from '../../server/src/service/line-end-directive-fixes';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { terraformFmtCells } from '../helpers/terraform-fmt-cells';

before(async () => {
  await loadHclParser();
});

type Form = 'yaml-grant' | 'hcl-grant' | 'yaml-client' | 'yaml-client-flow' | 'hcl-client';

interface Layout {
  readonly path: string;
  readonly rule: string;
  readonly lines: readonly { readonly text: string; readonly entry: number }[];
}

function layoutOf(form: Form): Layout {
  const lines: { text: string; entry: number }[] = [];
  const add = (entry: number, ...texts: string[]) => texts.forEach((text) => lines.push({ text, entry }));
  switch (form) {
    case 'yaml-grant':
      add(-1, 'clients:', '  - name: Partner', '    app_type: non_interactive', '    is_first_party: false', '    grant_types: [client_credentials]', 'clientGrants:');
      for (const i of [0, 1, 2]) add(i, '  - client_id: Partner', `    audience: https://example${i}.eu.auth0.com/api/v2/`, '    scope:', '      - read:users');
      return { path: 'tenant.yaml', rule: 'third-party-system-api-grant', lines };
    case 'hcl-grant':
      add(-1, 'resource "auth0_client" "partner" {', '  name           = "Partner"', '  app_type       = "non_interactive"', '  is_first_party = false', '  grant_types    = ["client_credentials"]', '}', '');
      for (const i of [0, 1, 2]) {
        add(i, `resource "auth0_client_grant" "mgmt${i}" {`, '  client_id = auth0_client.partner.id', `  audience  = "https://example${i}.eu.auth0.com/api/v2/"`, '  scopes    = ["read:users"]', '}');
        add(-1, '');
      }
      return { path: 'main.tf', rule: 'third-party-system-api-grant', lines };
    case 'yaml-client':
    case 'yaml-client-flow':
      add(-1, 'clients:');
      for (const i of [0, 1, 2]) {
        add(i, `  - name: Kiosk ${i}`, '    description: Kiosk app', '    app_type: spa', '    token_endpoint_auth_method: none');
        if (form === 'yaml-client-flow') add(i, '    grant_types: [authorization_code, client_credentials]');
        else add(i, '    grant_types:', '      - authorization_code', '      - client_credentials');
      }
      return { path: 'tenant.yaml', rule: 'public-client-credentials', lines };
    case 'hcl-client':
      for (const i of [0, 1, 2]) {
        add(i, `resource "auth0_client" "kiosk${i}" {`, `  name        = "Kiosk ${i}"`, '  description = "Kiosk app"', '  app_type    = "spa"', '  grant_types = [', '    "authorization_code",', '    "client_credentials",', '  ]', '}');
        add(-1, '', `resource "auth0_client_credentials" "kiosk${i}" {`, `  client_id             = auth0_client.kiosk${i}.id`, '  authentication_method = "none"', '}', '');
      }
      return { path: 'main.tf', rule: 'public-client-credentials', lines };
  }
}

const caseArb = fc.record({
  form: fc.constantFrom<Form>('yaml-grant', 'hcl-grant', 'yaml-client', 'yaml-client-flow', 'hcl-client'),
  line: fc.nat(20),
  word: fc.constantFrom('grantlint-disable-line', 'grantlint-disable-next-line'),
  crlf: fc.boolean(),
});

test('a directive at the end of a line of an entry holding a finding it names is moved where it silences it', () => {
  let far = 0;
  fc.assert(
    fc.property(caseArb, (c) => {
      const layout = layoutOf(c.form);
      const hcl = layout.path.endsWith('.tf');
      const own = layout.lines.map((line, i) => ({ line, i })).filter(({ line }) => line.entry === 1 && line.text.trim() !== '');
      const at = own[c.line % own.length]!.i;
      const comment = `# ${c.word} ${layout.rule}`;
      const eol = c.crlf ? '\r\n' : '\n';
      const plain = `${layout.lines.map((line) => line.text).join(eol)}${eol}`;
      const written = `${layout.lines.map((line, i) => (i === at ? `${line.text}  ${comment}` : line.text)).join(eol)}${eol}`;
      const text = hcl ? terraformFmtCells(written) : written;
      const result = lintText({ path: layout.path, text });
      assert.deepEqual(result.parsed.errors, [], text);
      const unused = result.findings.find((f) => f.ruleId === 'unused-suppression');
      assert.ok(unused, text);
      const fixes = lineEndDirectiveFixes(text, unused, result.parsed, result.findings);
      assert.equal(fixes.length, 1, `a move is offered:\n${text}`);
      const fixed = applyTextEdits(text, fixes[0]!.edits);
      const context = `${fixes[0]!.title}\n${text}\n->\n${fixed}`;
      if (/above line \d+$/.test(fixes[0]!.title)) far++;
      // The file as written with the comment on a line of its own (ESLint's word changed), nothing else.
      const directive = comment.replace('grantlint-disable-line', 'grantlint-disable-next-line');
      const lines = fixed.split(eol);
      const commentLine = lines.findIndex((l) => l.trim() === directive);
      assert.ok(commentLine >= 0, context);
      const without = [...lines.slice(0, commentLine), ...lines.slice(commentLine + 1)].join(eol);
      assert.equal(hcl ? terraformFmtCells(without) : without, hcl ? terraformFmtCells(plain) : plain, context);
      const after = lintText({ path: layout.path, text: fixed });
      assert.deepEqual(after.parsed.errors, [], context);
      assert.ok(!after.findings.some((f) => f.ruleId === 'unused-suppression'), context);
      // The entry's finding silenced, the other two kept.
      assert.equal(after.findings.filter((f) => f.ruleId === layout.rule).length, 2, context);
      // The comment went above a line of that entry (the file is otherwise as written, so its line is that line's).
      assert.equal(layout.lines[commentLine]?.entry, 1, context);
      if (hcl) assert.equal(terraformFmtCells(fixed), fixed, context);
    }),
    { numRuns: 300, includeErrorInReport: true },
  );
  assert.ok(far > 20, `${far} moves to the finding's line`);
});
