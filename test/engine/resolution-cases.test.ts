/**
 * Small files, one per kind of fault, with the findings the rule book calls for (copied from the shared cases:
 * resolved YAML, no findings from guesses, discovery). Fixes are pinned only where this file says so.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { LineIndex, lintText, type LintResult } from '../../server/src/engine/index';
import { applyTextEdits, EditRenderer } from '../../server/src/engine/fix/render';

// Copies of the shared cases (../shared/cases) that resolution decides, pinned here (the mutation fuzzer seeds from
// this folder too).
const CASES = join(__dirname, '..', 'cases');

function lintCase(name: string, path = name): { text: string; result: LintResult; lines: LineIndex } {
  const text = readFileSync(join(CASES, name), 'utf8');
  return { text, result: lintText({ path, text }), lines: new LineIndex(text) };
}

/** `rule@line:severity` for each finding, as the shared cases write them. */
function said({ result, lines }: { result: LintResult; lines: LineIndex }): string[] {
  return result.findings.map((f) => `${f.ruleId}@${lines.positionAt(f.span.start).line + 1}:${f.severity}`);
}

test('merge-key-override: explicit keys override merged ones; a merged auth method counts, its related info at the anchor', () => {
  const run = lintCase('merge-key-override.yaml', '/t/tenant.yaml');
  assert.deepEqual(said(run), ['public-client-credentials@17:error']);
  const finding = run.result.findings[0]!;
  const relatedLines = finding.related.map((r) => run.lines.positionAt(r.span.start).line + 1);
  assert.ok(relatedLines.includes(4), `related at lines ${relatedLines}`);
  // Nightly Export (client 0) has no finding: resolved, it is a confidential client with client_secret_basic.
  assert.deepEqual(run.result.clientFindings[0], []);
});

test('placeholder-external-id: an unknown value is never "set": no error or warning', () => {
  const run = lintCase('placeholder-external-id.yaml', '/t/tenant.yaml');
  assert.deepEqual(run.result.findings.filter((f) => f.severity === 'error' || f.severity === 'warning'), []);
});

test('broken-json-missing-bracket: parse-error findings only', () => {
  const run = lintCase('broken-json-missing-bracket.json', '/t/clients/broken.json');
  assert.ok(run.result.findings.length > 0);
  assert.deepEqual([...new Set(run.result.findings.map((f) => f.ruleId))], ['parse-error']);
});

test('dex-values: a YAML clients list without an Auth0 client key is no tenant', () => {
  const run = lintCase('dex-values.yaml', '/t/values.yaml');
  assert.deepEqual(said(run), []);
  assert.equal(run.result.isClientConfig, false);
  // The same list named tenant.yaml is a tenant, whatever its keys.
  assert.equal(lintCase('dex-values.yaml', '/t/tenant.yaml').result.isClientConfig, true);
});

test('export-in-clients: an array in clients/*.json is linted as an export', () => {
  const run = lintCase('export-in-clients/clients/all-clients.json', '/t/clients/all-clients.json');
  assert.deepEqual(said(run), ['public-client-credentials@2:error']);
  assert.equal(run.result.clients.length, 2);
  assert.equal(run.result.clients[0]!.name, 'Status Page');
});

test('anchor-shared-list: the finding is reported; no offered fix changes Help Center Backend', () => {
  const run = lintCase('anchor-shared-list.yaml', '/t/tenant.yaml');
  assert.deepEqual(said(run), ['public-client-credentials@7:error']);
  const backend = (text: string) => (parseDocument(text, { merge: true }).toJS() as { clients: { grant_types: string[] }[] }).clients[1];
  const renderer = new EditRenderer(run.text, 'yaml');
  for (const fix of run.result.findings[0]!.fixes) {
    const fixed = applyTextEdits(run.text, renderer.render(fix.edits));
    assert.deepEqual(backend(fixed), backend(run.text), fix.title);
  }
});

test('anchored-item-append: the finding; Portal resolves to its grants through the item alias', () => {
  const run = lintCase('anchored-item-append.yaml', '/t/tenant.yaml');
  assert.deepEqual(said(run), ['m2m-without-client-credentials@4:warning']);
  const portal = run.result.clients[1]!.node;
  const grants = portal.props.find((p) => p.key === 'grant_types')!.value;
  assert.equal(grants.kind, 'array');
  if (grants.kind === 'array') assert.deepEqual(grants.items.map((i) => (i.kind === 'string' ? i.value : i.kind)), ['authorization_code', 'refresh_token']);
});

test('merge-key-override: setting a field the client has only through the merge writes an own key that overrides it', () => {
  const run = lintCase('merge-key-override.yaml', '/t/tenant.yaml');
  const renderer = new EditRenderer(run.text, 'yaml');
  const load = (text: string) => (parseDocument(text, { merge: true }).toJS() as { clients: Record<string, unknown>[] }).clients;
  const fixes = run.result.findings[0]!.fixes;
  const set = fixes.find((fix) => fix.edits.some((e) => e.kind === 'setField'));
  assert.ok(set, fixes.map((f) => f.title).join(', '));
  for (const fix of fixes) {
    const fixed = applyTextEdits(run.text, renderer.render(fix.edits));
    assert.deepEqual(parseDocument(fixed, { merge: true }).errors, [], fixed);
    assert.deepEqual(load(fixed)[0], load(run.text)[0], 'Nightly Export unchanged');
    assert.equal(lintText({ path: '/t/tenant.yaml', text: fixed }).findings.some((f) => f.ruleId === 'public-client-credentials'), false, fixed);
  }
  const fixed = applyTextEdits(run.text, renderer.render(set.edits));
  assert.equal(load(fixed)[1]!['token_endpoint_auth_method'], (set.edits.find((e) => e.kind === 'setField') as { value: string }).value);
  assert.equal(fixed.split('<<: *public').length, 3, 'the merge entries stay');
});
