/**
 * Rule book, invariant 5: a fix that reaches YAML anchored content is offered when only the finding's own client
 * uses that content (an anchor in a top-level `x-` key or inside the client, reached by an alias of a list, of an
 * item or of a scalar, or by a merge key), with its edits moved to the anchor's text; it is withheld, as before,
 * when another client uses it. Checked on every generated form (one-client-anchor-generator.ts): each offered fix
 * alone leaves the YAML valid and every other client's resolved value as it was; fix all (`fixAll`, and the CLI's
 * `--fix` and `--fix --unsafe-fixes`) clears the finding where the content is the client's alone, changes no client
 * that had no fix, keeps every alias's anchor, and a second run changes nothing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { run } from '../../server/src/cli/main';
import { lintText } from '../../server/src/engine/index';
import type { LintFinding, LintResult } from '../../server/src/engine/lint';
import { fixAll } from '../../server/src/engine/fix/fix-all';
import { applyTextEdits, EditRenderer } from '../../server/src/engine/fix/render';
import type { OneClientCase } from '../helpers/one-client-anchor-generator';
import { oneClientCases } from '../helpers/one-client-anchor-generator';

/** The rules whose fixes in the generated tenants edit the anchored content. */
const ANCHOR_RULES = new Set(['first-party-only-grant', 'unknown-grant-type', 'third-party-token-settings', 'legacy-grant-type']);

/** How many times the text names the anchor by alias (`*name`). */
function aliasesOf(text: string, anchor: string): number {
  return text.split(`*${anchor}`).length - 1;
}

/** Each client's resolved value as `yaml` loads the text (merge keys on), or why it cannot be loaded. */
function loadedClients(text: string): unknown[] | string {
  const doc = parseDocument(text, { merge: true });
  if (doc.errors.length > 0) return `parse errors: ${doc.errors.map((e) => e.message).join('; ')}`;
  const value = doc.toJS() as { clients?: unknown[] } | null;
  return value?.clients ?? [];
}

function findingsOf(result: LintResult, client: number): LintFinding[] {
  const node = result.clients[client]!.node;
  return result.findings.filter((f) => f.span.start >= node.start && f.span.end <= node.end && ANCHOR_RULES.has(f.ruleId));
}

/**
 * The clients (by index) that hold a finding. A fix of one may be offered only in a later pass of fix all (once
 * the alias another client held is gone, its anchor is its own).
 */
function clientsWithFindings(result: LintResult): Set<number> {
  const out = new Set<number>();
  result.clients.forEach((client, index) => {
    if (result.findings.some((f) => f.span.start >= client.node.start && f.span.end <= client.node.end)) out.add(index);
  });
  return out;
}

function checkCase(c: OneClientCase): void {
  const where = `${c.label}\n${c.text}`;
  const result = lintText({ path: 'tenant.yaml', text: c.text });
  assert.equal(result.parsed.errors.length, 0, where);
  const before = loadedClients(c.text);
  assert.ok(Array.isArray(before), `${before}\n${where}`);
  const targets = findingsOf(result, c.target);
  assert.ok(targets.length > 0, `the target has a finding: ${where}`);
  for (const finding of targets) {
    // A value the client takes through an alias or merge key: the finding points at it.
    const throughAnchor = /^(\*|<<)/.test(c.text.slice(finding.span.start, finding.span.end));
    if (c.shared && throughAnchor) {
      // Another client uses what the preferred fix would edit: it is withheld, and the finding says why (a fix left
      // removes only the alias, in the client's own list).
      const said = finding.fixes.length === 0 ? finding.fixesWithheldByAnchor : finding.preferredFixWithheldByAnchor;
      assert.equal(said, true, `${finding.ruleId} (${finding.fixes.map((f) => f.title).join('; ')}): ${where}`);
    } else if (!c.shared) {
      assert.ok(finding.fixes.length > 0, `${finding.ruleId} has a fix: ${where}`);
      assert.equal(finding.fixesWithheldByAnchor, undefined, where);
      assert.equal(finding.preferredFix, finding.fixes[0], `the preferred fix is the one offered: ${where}`);
      // Several findings at one alias: each one's safe removal is told apart from the others' and offered.
      if (c.several && finding.ruleId !== 'third-party-token-settings') assert.ok(finding.fixes.some((fix) => fix.safety === 'safe'), `${finding.ruleId} has a safe fix (${finding.fixes.map((f) => f.title).join('; ')}): ${where}`);
    }
  }
  // Each offered fix alone: valid YAML, every other client as it was.
  const renderer = new EditRenderer(c.text, 'yaml');
  for (const finding of targets) {
    for (const fix of finding.fixes) {
      const fixed = applyTextEdits(c.text, renderer.render(fix.edits));
      const after = loadedClients(fixed);
      const what = `fix "${fix.title}" of ${finding.ruleId}: ${where}\n--- after ---\n${fixed}`;
      assert.ok(Array.isArray(after), `${after}: ${what}`);
      assert.equal(lintText({ path: 'tenant.yaml', text: fixed }).parsed.errors.length, 0, what);
      for (let other = 0; other < before.length; other++) if (other !== c.target) assert.deepEqual(after[other], before[other], `client ${other} changed: ${what}`);
    }
  }
  for (const unsafe of [false, true]) {
    const once = fixAll({ path: 'tenant.yaml', text: c.text }, { unsafe });
    const mode = `${unsafe ? '--fix --unsafe-fixes' : '--fix'}: ${where}\n--- after ---\n${once.text}`;
    const after = loadedClients(once.text);
    assert.ok(Array.isArray(after), `${after}: ${mode}`);
    assert.equal(once.result.parsed.errors.length, 0, mode);
    assert.equal(after.length, before.length, mode);
    // A client without a finding of its own is never changed by another's fix.
    const fixed = clientsWithFindings(result);
    for (let other = 0; other < before.length; other++) if (!fixed.has(other)) assert.deepEqual(after[other], before[other], `client ${other} changed: ${mode}`);
    if (!c.shared) {
      // The finding is gone: every safe fix is applied, and the unsafe one (the scalar setting) with --unsafe-fixes.
      const left = findingsOf(once.result, c.target).filter((f) => unsafe || f.ruleId !== 'third-party-token-settings');
      assert.deepEqual(left.map((f) => f.ruleId), [], mode);
      // Removed at the anchor: every alias of it stays (but one an item alias's removal takes out).
      if (c.several && !/^item-alias/.test(c.label)) assert.equal(aliasesOf(once.text, c.anchor), aliasesOf(c.text, c.anchor), `the aliases stay: ${mode}`);
    }
    // A second run changes nothing.
    assert.equal(fixAll({ path: 'tenant.yaml', text: once.text }, { unsafe }).text, once.text, `not a fixed point: ${mode}`);
  }
}

test('a fix through anchored content one client uses is offered and moved to the anchor; shared content keeps it withheld', () => {
  let offered = 0;
  let withheld = 0;
  for (const c of oneClientCases()) {
    checkCase(c);
    if (c.shared) withheld++;
    else offered++;
  }
  assert.ok(offered > 100 && withheld > 100, `${offered} offered, ${withheld} withheld`);
});

test("the CLI's --fix and --fix --unsafe-fixes write what fix all gives, on the generated forms", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-one-client-anchor-'));
  try {
    const file = join(dir, 'tenant.yaml');
    // Every third form (each form, place and list style still comes up): the CLI runs what fix all does.
    let n = 0;
    for (const c of oneClientCases()) {
      if (n++ % 3 !== 0) continue;
      for (const unsafe of [false, true]) {
        writeFileSync(file, c.text);
        const outcome = await run(unsafe ? ['--fix', '--unsafe-fixes', 'tenant.yaml'] : ['--fix', 'tenant.yaml'], dir);
        // Drain the report (it is rendered as it is read).
        for (const _chunk of outcome.stdout) void _chunk;
        const expected = fixAll({ path: join(dir, 'tenant.yaml'), text: c.text }, { unsafe }).text;
        assert.equal(readFileSync(file, 'utf8'), expected, `${unsafe ? '--unsafe-fixes ' : ''}${c.label}\n${c.text}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the user's tenant: a grant list anchored in an `x-` key that one client aliases loses the grant, and the anchor stays", () => {
  const text = ['x-legacy: &legacy_grants', '  - password', '  - authorization_code', 'clients:', '  - name: Kiosk', '    app_type: regular_web', '    is_first_party: false', '    grant_types: *legacy_grants', ''].join('\n');
  const fixed = fixAll({ path: 'tenant.yaml', text }).text;
  assert.equal(fixed, ['x-legacy: &legacy_grants', '  - authorization_code', 'clients:', '  - name: Kiosk', '    app_type: regular_web', '    is_first_party: false', '    grant_types: *legacy_grants', ''].join('\n'));
  // Every item going leaves the anchor on an empty list, so the alias still names it.
  const alone = text.replace('  - authorization_code\n', '');
  assert.equal(fixAll({ path: 'tenant.yaml', text: alone }).text, alone.replace('x-legacy: &legacy_grants\n  - password\n', 'x-legacy: &legacy_grants []\n'));
});

test('a merged prop another merge source would replace is not removed through the anchor', () => {
  // async_approval_notification_channels comes from the first source; removing it there would let the second one's
  // value through, so the fix (which must remove the setting) is withheld.
  const text = [
    'x-a: &a',
    '  async_approval_notification_channels: [guardian-push]',
    'x-b: &b',
    '  async_approval_notification_channels: [email]',
    'clients:',
    '  - name: One',
    '    grant_types: [authorization_code]',
    '    <<: [*a, *b]',
    '  - name: Two',
    '    grant_types: [authorization_code]',
    '    <<: *a',
    '',
  ].join('\n');
  const result = lintText({ path: 'tenant.yaml', text });
  const [one, two] = result.clients;
  const at = (client: typeof one) => result.findings.find((f) => f.ruleId === 'ciba-channels-without-ciba' && f.span.start >= client!.node.start && f.span.end <= client!.node.end)!;
  const removal = (finding: LintFinding) => finding.fixes.find((fix) => fix.title.startsWith('Remove async_approval_notification_channels'));
  assert.equal(removal(at(one)), undefined, 'shadowed by the second source');
  assert.equal(removal(at(two)), undefined, 'the first source is shared');
  // Alone, the source loses the setting.
  const single = ['x-a: &a', '  async_approval_notification_channels: [guardian-push]', '  oidc_conformant: true', 'clients:', '  - name: One', '    grant_types: [authorization_code]', '    <<: *a', ''].join('\n');
  const alone = lintText({ path: 'tenant.yaml', text: single });
  const fix = removal(alone.findings.find((f) => f.ruleId === 'ciba-channels-without-ciba')!);
  assert.ok(fix, 'offered where one client merges the source');
  const fixed = applyTextEdits(single, new EditRenderer(single, 'yaml').render(fix.edits));
  assert.equal(fixed, single.replace('  async_approval_notification_channels: [guardian-push]\n', ''));
});

test("the user's kiosk tenant: several legacy grants in a list one first-party client aliases are all removed at the anchor", () => {
  const legacy = 'http://auth0.com/oauth/legacy/grant-type/';
  const flagsOf = ['', 'tenant:\n  flags:\n    allow_legacy_ro_grant_types: false\n', 'tenant:\n  flags:\n    allow_legacy_ro_grant_types: false\n    allow_legacy_delegation_grant_types: false\n'];
  const lists = [
    [`${legacy}ro   # old kiosk login`, `${legacy}delegation/refresh_token`],
    [`${legacy}ro   # old kiosk login`, `${legacy}delegation/refresh_token`, `${legacy}access_token`],
  ];
  for (const flags of flagsOf) {
    for (const items of lists) {
      const head = `${flags}x-legacy-grants: &legacy_grants\n  - authorization_code\n`;
      const tail = 'clients:\n  - name: Kiosk Backend\n    app_type: regular_web\n    grant_types: *legacy_grants\n';
      const text = `${head}${items.map((i) => `  - ${i}\n`).join('')}${tail}`;
      const where = text;
      const result = lintText({ path: 'tenant.yaml', text });
      const legacyFindings = result.findings.filter((f) => f.ruleId === 'legacy-grant-type');
      assert.equal(legacyFindings.length, items.length, where);
      for (const finding of legacyFindings) {
        assert.ok(finding.fixes.some((fix) => fix.safety === 'safe'), `${finding.message}: a safe removal\n${where}`);
        assert.equal(finding.safeFixWithheld, undefined, where);
      }
      const fixed = fixAll({ path: 'tenant.yaml', text }).text;
      // Removed at the anchor, its comment kept; the alias and the other text as they were.
      assert.equal(fixed, `${head}  # old kiosk login\n${tail}`, where);
      assert.equal(fixAll({ path: 'tenant.yaml', text: fixed }).text, fixed, `a fixed point: ${where}`);
    }
  }
});
