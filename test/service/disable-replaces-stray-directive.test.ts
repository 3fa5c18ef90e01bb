/**
 * "Disable <rule> for this client" (and "for this client grant") replaces a comment written for the same purpose
 * where it silences nothing (U47: `# grantlint-disable-line <rule>` at the end of one of the client's lines was left
 * behind, to go on being reported as silencing nothing). Generated tenant.yaml files and Terraform modules of
 * consecutive clients or client grants, each with the finding, the comment at the end of every line of one entry,
 * written with either word, alone or beside another id, with or without a reason: after the action the finding is
 * silenced, the comment no longer names the rule (gone when it named only it), its reason is on the new directive
 * either way, the other entries keep their findings, the file parses, and a Terraform module stays as terraform fmt
 * lays it out.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { applyTextEdits, DEFAULT_SETTINGS } from '../../server/src/engine/index';
import { analyze } from '../../server/src/service/analysis';
import { disableComment } from '../../server/src/service/suppress';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { terraformFmtCells } from '../helpers/terraform-fmt-cells';

before(async () => {
  await loadHclParser();
});

type Form = 'yaml-block' | 'yaml-flow' | 'yaml-lone-dash' | 'yaml-grants' | 'hcl' | 'hcl-grants';

/** A file's lines, each with the index of the entry it belongs to (-1: none), and the rule every entry breaks. */
interface Layout {
  readonly path: string;
  readonly rule: string;
  readonly lines: readonly { readonly text: string; readonly entry: number }[];
}

function layoutOf(form: Form, count: number): Layout {
  const lines: { text: string; entry: number }[] = [];
  const add = (text: string, entry = -1) => lines.push({ text, entry });
  if (form === 'hcl' || form === 'hcl-grants') {
    for (let i = 0; i < count; i++) {
      if (form === 'hcl') {
        [`resource "auth0_client" "spa${i}" {`, `  name     = "Spa ${i}"`, '  app_type = "spa"', '  grant_types = [', '    "authorization_code",', '    "client_credentials",', '  ]', '}'].forEach((l) => add(l, i));
        add('');
        [`resource "auth0_client_credentials" "spa${i}" {`, `  client_id             = auth0_client.spa${i}.id`, '  authentication_method = "none"', '}'].forEach((l) => add(l));
      } else {
        [`resource "auth0_client_grant" "mgmt${i}" {`, `  client_id = auth0_client.partner.id`, '  audience  = "https://example.eu.auth0.com/api/v2/"', '  scopes    = ["read:users"]', '}'].forEach((l) => add(l, i));
      }
      add('');
    }
    if (form === 'hcl-grants') ['resource "auth0_client" "partner" {', '  name           = "Partner"', '  app_type       = "regular_web"', '  is_first_party = false', '}'].forEach((l) => add(l));
    return { path: 'main.tf', rule: form === 'hcl' ? 'public-client-credentials' : 'third-party-system-api-grant', lines };
  }
  if (form === 'yaml-grants') {
    add('clients:');
    ['  - name: Partner', '    app_type: regular_web', '    is_first_party: false'].forEach((l) => add(l));
    add('clientGrants:');
    for (let i = 0; i < count; i++) ['  - client_id: Partner', `    audience: https://example${i}.eu.auth0.com/api/v2/`, '    scope:', '      - read:users'].forEach((l) => add(l, i));
    return { path: 'tenant.yaml', rule: 'third-party-system-api-grant', lines };
  }
  add('clients:');
  for (let i = 0; i < count; i++) {
    const own = (text: string) => add(text, i);
    if (form === 'yaml-lone-dash') {
      own('  -');
      own(`    name: Spa ${i}`);
    } else own(`  - name: Spa ${i}`);
    own('    app_type: spa');
    own('    token_endpoint_auth_method: none');
    if (form === 'yaml-flow') {
      own('    grant_types: [authorization_code,');
      own('      client_credentials]');
    } else {
      own('    grant_types:');
      own('      - authorization_code');
      own('      - client_credentials');
    }
  }
  return { path: 'tenant.yaml', rule: 'public-client-credentials', lines };
}

const caseArb = fc.record({
  form: fc.constantFrom<Form>('yaml-block', 'yaml-flow', 'yaml-lone-dash', 'yaml-grants', 'hcl', 'hcl-grants'),
  count: fc.integer({ min: 2, max: 3 }),
  entry: fc.nat(2),
  line: fc.nat(20),
  word: fc.constantFrom('grantlint-disable-line', 'grantlint-disable-next-line'),
  other: fc.constantFrom(undefined, 'before', 'after'),
  reason: fc.constantFrom(undefined, 'kiosk export job'),
  hash: fc.constantFrom('#', '//'),
});

test("Disable for this client replaces the entry's comment that silences nothing", () => {
  let replaced = 0;
  fc.assert(
    fc.property(caseArb, (c) => {
      const layout = layoutOf(c.form, c.count);
      const hcl = layout.path.endsWith('.tf');
      const entry = c.entry % c.count;
      const lines = layout.lines.map((line, i) => ({ line, i })).filter(({ line }) => line.entry === entry && line.text.trim() !== '}' && line.text.trim() !== '');
      const at = lines[c.line % lines.length]!.i;
      const ids = c.other === undefined ? layout.rule : c.other === 'before' ? `implicit-grant, ${layout.rule}` : `${layout.rule} implicit-grant`;
      const comment = `${hcl ? c.hash : '#'} ${c.word} ${ids}${c.reason ? ` -- ${c.reason}` : ''}`;
      const text = `${layout.lines.map((line, i) => (i === at ? `${line.text} ${comment}` : line.text)).join('\n')}\n`;
      const input = hcl ? terraformFmtCells(text) : text;
      const analysis = analyze({ path: layout.path, text: input, settings: DEFAULT_SETTINGS })!;
      assert.deepEqual(analysis.result.parsed.errors, [], input);
      const entryLines = (line: number) => layout.lines[line]?.entry;
      const lineOf = (offset: number) => input.slice(0, offset).split('\n').length - 1;
      const findings = analysis.result.findings.filter((f) => f.ruleId === layout.rule);
      assert.equal(findings.length, c.count, input);
      const finding = findings.find((f) => entryLines(lineOf(f.span.start)) === entry);
      assert.ok(finding, input);
      const disable = disableComment(analysis, finding);
      assert.ok(disable, input);
      const fixed = applyTextEdits(input, disable.edits);
      const after = analyze({ path: layout.path, text: fixed, settings: DEFAULT_SETTINGS })!;
      const context = `${input}\n->\n${fixed}`;
      assert.deepEqual(after.result.parsed.errors, [], context);
      // The entry's finding silenced; every other entry keeps its own.
      assert.equal(after.result.findings.filter((f) => f.ruleId === layout.rule).length, c.count - 1, context);
      // The rule is named once in the file: by the new directive.
      assert.equal(fixed.split(layout.rule).length - 1, 1, context);
      const directive = fixed.split('\n').find((l) => l.includes(layout.rule))!;
      assert.match(directive, /^\s*# grantlint-disable-next-line /, context);
      // The reason goes with the rule, also where the old comment stays for its other ids (U49).
      if (c.reason) assert.ok(directive.endsWith(` -- ${c.reason}`), context);
      else assert.ok(directive.endsWith(layout.rule), context);
      if (c.other === undefined) {
        assert.ok(!after.result.findings.some((f) => f.ruleId === 'unused-suppression'), context);
        assert.equal(fixed.split('grantlint-').length - 1, 1, context);
      } else {
        // The comment stays, naming the other id, with its reason.
        const kept = fixed.split('\n').find((l) => l.includes('implicit-grant'));
        assert.ok(kept?.endsWith(`${c.hash === '//' && hcl ? '//' : '#'} ${c.word} implicit-grant${c.reason ? ` -- ${c.reason}` : ''}`), context);
      }
      if (hcl) assert.equal(terraformFmtCells(fixed), fixed, context);
      replaced++;
    }),
    { numRuns: 300, includeErrorInReport: true },
  );
  assert.ok(replaced >= 300, `${replaced} replaced`);
});

test('Disable for the anchored client grant leaves a comment that keeps the grants merging it, and carries its reason', () => {
  const comment = '# grantlint-disable-line third-party-system-api-grant -- partner sync, SEC-12';
  const text = [
    'clients:',
    ...[0, 1].flatMap((i) => [`  - name: Partner ${i}`, '    app_type: regular_web', '    is_first_party: false', '    grant_types: [client_credentials]']),
    'clientGrants:',
    '  - &mgmt_grant',
    '    client_id: Partner 0',
    `    audience: https://example.eu.auth0.com/api/v2/  ${comment}`,
    '    scope: [read:users]',
    '  - <<: *mgmt_grant',
    '    client_id: Partner 1',
    '',
  ].join('\n');
  const analysis = analyze({ path: 'tenant.yaml', text, settings: DEFAULT_SETTINGS })!;
  const [anchored, merged] = analysis.result.findings.filter((f) => f.ruleId === 'third-party-system-api-grant');
  assert.ok(anchored && merged, text);
  assert.equal(merged.fixesHeldBySuppression?.commentStart, text.indexOf(comment), 'the comment keeps the merging grant');
  const disable = disableComment(analysis, anchored);
  assert.ok(disable, text);
  const fixed = applyTextEdits(text, disable.edits);
  assert.ok(fixed.includes(comment), fixed);
  // The reason is on the new directive too (U49: it was left only on the comment the rule is no longer needed in).
  assert.ok(fixed.includes('# grantlint-disable-next-line third-party-system-api-grant -- partner sync, SEC-12\n'), fixed);
  // The merging grant's own Disable, through the anchored text: the reason comes along as well.
  const forMerged = disableComment(analysis, merged);
  assert.ok(forMerged, text);
  const mergedFixed = applyTextEdits(text, forMerged.edits);
  assert.ok(mergedFixed.includes(comment), mergedFixed);
  assert.ok(mergedFixed.includes('  # grantlint-disable-next-line third-party-system-api-grant -- partner sync, SEC-12\n  - <<: *mgmt_grant'), mergedFixed);
  const after = analyze({ path: 'tenant.yaml', text: fixed, settings: DEFAULT_SETTINGS })!;
  const left = after.result.findings.filter((f) => f.ruleId === 'third-party-system-api-grant');
  assert.equal(left.length, 1, fixed);
  assert.ok(left[0]!.fixesHeldBySuppression, `the merging grant is still kept:\n${fixed}`);
});

test('Disable for the only client taking anchored text removes the keep comment there, its reason carried (U50)', () => {
  const forms: [string, string][] = [
    ['a list anchor', 'x-grants: &cc_grants  # grantlint-disable-line public-client-credentials -- BFF migration\n  - authorization_code\n  - client_credentials\n'],
    ['an item of a list anchor', 'x-grants: &cc_grants\n  - authorization_code\n  - client_credentials  # grantlint-disable-line public-client-credentials -- BFF migration\n'],
  ];
  for (const [name, anchor] of forms) {
    for (const users of [1, 2]) {
      const clients = Array.from({ length: users }, (_, i) => `  - name: Kiosk ${i}\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: *cc_grants\n`).join('');
      const text = `${anchor}clients:\n${clients}`;
      const analysis = analyze({ path: 'tenant.yaml', text, settings: DEFAULT_SETTINGS })!;
      const findings = analysis.result.findings.filter((f) => f.ruleId === 'public-client-credentials');
      assert.equal(findings.length, users, text);
      const fixed = applyTextEdits(text, disableComment(analysis, findings[0]!)!.edits);
      const context = `${name}, ${users} clients:\n${text}\n->\n${fixed}`;
      assert.ok(fixed.includes('  # grantlint-disable-next-line public-client-credentials -- BFF migration\n  - name: Kiosk 0'), context);
      const after = analyze({ path: 'tenant.yaml', text: fixed, settings: DEFAULT_SETTINGS })!;
      // The only client: the old comment goes, nothing is left warning. Another client still taking the text: it stays
      // and keeps that client's finding.
      assert.equal(fixed.includes('# grantlint-disable-line'), users > 1, context);
      assert.equal(after.result.findings.filter((f) => f.ruleId === 'unused-suppression').length, users > 1 ? 1 : 0, context);
      const left = after.result.findings.filter((f) => f.ruleId === 'public-client-credentials');
      assert.equal(left.length, users - 1, context);
      for (const f of left) assert.ok(f.fixesHeldBySuppression, context);
      assert.equal(after.result.parsed.errors.length, 0, context);
    }
  }
});
