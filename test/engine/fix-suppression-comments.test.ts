/**
 * Fixes and `grantlint-disable-next-line` comments (engine/fix/directives.ts): a fix that removes the node a
 * directive silences removes the directive with it, and no fix moves a directive onto another node. Generated
 * YAML grant lists (block items, `-` then the value on the next line, flow lists over lines with and without a
 * trailing comma), clientGrants entries (block, `-` alone, flow mappings, a flow list of entries) and Terraform
 * HCL lists (multi-line, trailing commas, `#` and `//`, directives after an item on its line, above attributes
 * and resources), directives above the first, middle and last items with one or several rule ids and a reason.
 * After every removal fix: the result parses, every directive left has the target it had, and no finding appears
 * or disappears but those in the removed text and the one fixed.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { applyTextEdits, DEFAULT_SETTINGS, EditRenderer, fixAll, LineIndex, lintText, type LintResult } from '../../server/src/engine/index';
import { analyze } from '../../server/src/service/analysis';
import { reportFindings } from '../../server/src/service/findings';
import { fixAllEdit } from '../../server/src/service/fix-all';
import type { SemanticEdit, TextEdit } from '../../server/src/engine/fix/semantic';
import type { Span } from '../../server/src/engine/model';
import { propSpan } from '../../server/src/engine/model';
import { nextLineDirectives } from '../../server/src/engine/suppression';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261201);
const SCALE = Number(process.env['FUZZ_RUNS'] ?? 1);
const runs = (base: number) => Math.max(1, Math.round(base * SCALE));

/** Where an offset of the text outside every edit lands in the edited text. */
function mapOffset(edits: readonly TextEdit[], offset: number): number {
  let moved = offset;
  for (const edit of edits) if (edit.end <= offset) moved += edit.newText.length - (edit.end - edit.start);
  return moved;
}

/** The extents of the nodes a fix removes, read from its semantic edits. */
function removedNodes(edits: readonly SemanticEdit[]): Span[] {
  return edits.flatMap((edit) => (edit.kind === 'removeItems' ? edit.items.map((item) => ({ start: item.start, end: item.end })) : edit.kind === 'removeField' ? [propSpan(edit.prop)] : []));
}

function isRemoval(edits: readonly SemanticEdit[]): boolean {
  return edits.every((edit) => edit.kind === 'removeItems' || edit.kind === 'removeField');
}

/**
 * Applies every fix of every finding of `text` alone and checks it; returns how many removal fixes were checked.
 * Findings are compared for the rules the directives may name and unused-suppression: a removal may change others
 * on purpose (emptying a list raises missing-grant-types). A fix that removes nothing is checked for parsing and
 * directives only (it may change findings on purpose).
 */
function checkEveryFix(path: string, text: string, watched: ReadonlySet<string>): number {
  const original = lintText({ path, text });
  assert.equal(original.parsed.errors.length, 0, `the generated text parses:\n${text}`);
  const directives = nextLineDirectives(original.parsed);
  let removals = 0;
  for (const finding of original.findings) {
    for (const fix of finding.fixes) {
      const edits = new EditRenderer(text, original.format, original.parsed).render(fix.edits);
      assert.deepEqual(new EditRenderer(text, original.format).render(fix.edits), edits, 'the renderer reads the directives itself when not handed the parse');
      const fixed = applyTextEdits(text, edits);
      const where = `fix '${fix.title}' of ${finding.ruleId} on:\n${text}\n---- gave:\n${fixed}`;
      const after = lintText({ path, text: fixed });
      assert.equal(after.parsed.errors.length, 0, `the result parses: ${where}`);
      const removed = removedNodes(fix.edits);
      const targetRemoved = (target: Span | undefined) => target !== undefined && removed.some((node) => node.start <= target.start && target.end <= node.end);
      const inEdit = (offset: number) => edits.some((edit) => edit.start <= offset && offset < edit.end);
      // A directive that silences nothing (no node follows) may go with the text it trails.
      const stays = (d: (typeof directives)[number]) => !targetRemoved(d.target) && !(d.target === undefined && inEdit(d.comment.span.start));
      const expected = directives.filter(stays).map((d) => `${d.comment.text.trim()} -> ${d.target ? mapOffset(edits, d.target.start) : 'nothing'}`);
      const left = nextLineDirectives(after.parsed);
      const actual = left.map((d) => `${d.comment.text.trim()} -> ${d.target ? d.target.start : 'nothing'}`);
      assert.deepEqual(actual, expected, `each directive left keeps its target: ${where}`);
      if (!isRemoval(fix.edits)) continue;
      removals++;
      // A directive kept out of a deleted line moved: its findings (unused-suppression) move with it.
      const movedComments = new Map(directives.filter(stays).map((d, i) => [d.comment.span.start, left[i]!.comment.span.start]));
      const place = (offset: number) => movedComments.get(offset) ?? (inEdit(offset) ? undefined : mapOffset(edits, offset));
      // A directive over a node that lost part of itself may silence less than before: whether it is still used
      // is not this fix's to keep (the finding it silenced may have been on the removed part).
      const shrunk = new Set(
        directives
          .filter(stays)
          .map((d, i) => [d, left[i]!] as const)
          .filter(([d]) => d.target !== undefined && removed.some((node) => d.target!.start <= node.start && node.end <= d.target!.end))
          .map(([, now]) => now.comment.span.start),
      );
      const compared = (f: { ruleId: string }, at: number | undefined) => watched.has(f.ruleId) && at !== undefined && !(f.ruleId === 'unused-suppression' && shrunk.has(at));
      const kept = original.findings
        .filter((other) => other !== finding && compared(other, place(other.span.start)))
        .map((other) => `${other.ruleId}@${place(other.span.start)}`);
      const now = after.findings.filter((other) => compared(other, other.span.start)).map((other) => `${other.ruleId}@${other.span.start}`);
      assert.deepEqual(now.sort(), kept.sort(), `no finding appears or disappears but the fixed one and those in removed text: ${where}`);
    }
  }
  return removals;
}

/** Fix all (safe, then with unsafe fixes): the result parses and a second run changes nothing. */
function checkFixAll(path: string, text: string): void {
  for (const unsafe of [false, true]) {
    const once = fixAll({ path, text }, { unsafe });
    assert.equal(once.result.parsed.errors.length, 0, `fix all (unsafe: ${unsafe}) gives a text that parses:\n${once.text}`);
    assert.equal(fixAll({ path, text: once.text }, { unsafe }).text, once.text, `fix all (unsafe: ${unsafe}) is idempotent`);
  }
}

// ---- generated YAML grant lists ----

const GRANTS = ['authorization_code', 'implicit', 'client_credentials', 'refresh_token'] as const;
const CLIENT_RULES = ['implicit-grant', 'public-client-credentials', 'duplicate-grant-type', 'refresh-token-rotation'] as const;

interface Directive {
  readonly ids: readonly string[];
  readonly reason: boolean;
  readonly slashes: boolean;
}

function directiveText(d: Directive, marker: '#' | '//'): string {
  return `${marker} grantlint-disable-next-line ${d.ids.join(d.ids.length > 1 && d.reason ? ', ' : ' ')}${d.reason ? ' -- kept on purpose' : ''}`;
}

const directive = (ids: readonly string[]) =>
  fc.record({ ids: fc.subarray([...ids], { minLength: 1, maxLength: 2 }), reason: fc.boolean(), slashes: fc.boolean() });

interface YamlItem {
  readonly value: string;
  readonly directive: Directive | undefined;
  readonly plain: boolean;
  /** `-` alone form only: the directive stands between the `-` and the value. */
  readonly afterDash: boolean;
}

const yamlItem = fc.record({
  value: fc.constantFrom(...GRANTS),
  directive: fc.option(directive(CLIENT_RULES), { nil: undefined, freq: 2 }),
  plain: fc.boolean(),
  afterDash: fc.boolean(),
});

type YamlListForm = 'block' | 'dash-alone' | 'flow-lines' | 'flow-lines-trailing-comma';

interface YamlClient {
  readonly form: YamlListForm;
  readonly items: readonly YamlItem[];
  readonly after: boolean;
}

const yamlClient = fc.record({
  form: fc.constantFrom<YamlListForm>('block', 'dash-alone', 'flow-lines', 'flow-lines-trailing-comma'),
  items: fc.array(yamlItem, { minLength: 1, maxLength: 5 }),
  after: fc.boolean(),
});

function yamlTenant(clients: readonly YamlClient[], crlf: boolean): string {
  const lines = ['clients:'];
  clients.forEach((client, index) => {
    lines.push(`  - name: Client ${index}`, '    app_type: spa', '    token_endpoint_auth_method: none');
    const flow = client.form.startsWith('flow');
    lines.push(flow ? '    grant_types: [' : '    grant_types:');
    client.items.forEach((item, i) => {
      const comments = [...(item.plain ? ['# a note'] : []), ...(item.directive ? [directiveText(item.directive, '#')] : [])];
      if (flow) {
        const comma = i < client.items.length - 1 || client.form === 'flow-lines-trailing-comma' ? ',' : '';
        lines.push(...comments.map((c) => `      ${c}`), `      ${item.value}${comma}`);
      } else if (client.form === 'dash-alone' && item.afterDash) {
        lines.push('      -', ...comments.map((c) => `        ${c}`), `        ${item.value}`);
      } else if (client.form === 'dash-alone') {
        lines.push(...comments.map((c) => `      ${c}`), '      -', `        ${item.value}`);
      } else {
        lines.push(...comments.map((c) => `      ${c}`), `      - ${item.value}`);
      }
    });
    if (flow) lines.push('    ]');
    if (client.after) lines.push('    callbacks: [https://app.example.com/cb]');
  });
  const text = lines.join('\n') + '\n';
  return crlf ? text.replace(/\n/g, '\r\n') : text;
}

const WATCHED_CLIENT: ReadonlySet<string> = new Set([...CLIENT_RULES, 'unused-suppression']);

// ---- generated clientGrants entries ----

const GRANT_RULES = ['client-grant-without-client-credentials', 'third-party-system-api-grant'] as const;
const WATCHED_GRANTS: ReadonlySet<string> = new Set([...GRANT_RULES, 'unused-suppression']);
const AUDIENCES = ['https://acme.auth0.com/api/v2/', 'https://api.example.com/web', 'https://acme.eu.auth0.com/me/', 'https://api.example.com/api/v2/'] as const;

interface GrantEntry {
  readonly clientId: string;
  readonly audience: string;
  readonly directive: Directive | undefined;
  readonly plain: boolean;
}

type EntryForm = 'block' | 'dash-alone' | 'flow-map' | 'flow-list';

const grantEntry = fc.record({
  clientId: fc.constantFrom('Partner', 'Web', 'Machine'),
  audience: fc.constantFrom(...AUDIENCES),
  directive: fc.option(directive(GRANT_RULES), { nil: undefined, freq: 2 }),
  plain: fc.boolean(),
});

const TENANT_CLIENTS = [
  'clients:',
  '  - name: Partner',
  '    app_type: regular_web',
  '    is_first_party: false',
  '    token_endpoint_auth_method: client_secret_post',
  '    grant_types: [authorization_code]',
  '  - name: Web',
  '    app_type: regular_web',
  '    token_endpoint_auth_method: client_secret_post',
  '    grant_types: [authorization_code]',
  '  - name: Machine',
  '    app_type: non_interactive',
  '    token_endpoint_auth_method: client_secret_post',
  '    grant_types: [client_credentials]',
];

function grantsTenant(form: EntryForm, entries: readonly GrantEntry[], after: boolean): string {
  const lines = [...TENANT_CLIENTS, form === 'flow-list' ? 'clientGrants: [' : 'clientGrants:'];
  entries.forEach((entry, i) => {
    const comments = [...(entry.plain ? ['# a note'] : []), ...(entry.directive ? [directiveText(entry.directive, '#')] : [])].map((c) => `  ${c}`);
    lines.push(...comments);
    if (form === 'block') lines.push(`  - client_id: ${entry.clientId}`, `    audience: ${entry.audience}`, '    scope: [read:users]');
    else if (form === 'dash-alone') lines.push('  -', `    client_id: ${entry.clientId}`, `    audience: ${entry.audience}`);
    else if (form === 'flow-map') lines.push(`  - { client_id: ${entry.clientId}, audience: ${JSON.stringify(entry.audience)} }`);
    else lines.push(`  { client_id: ${entry.clientId}, audience: ${JSON.stringify(entry.audience)} }${i < entries.length - 1 ? ',' : ''}`);
  });
  if (form === 'flow-list') lines.push(']');
  if (after) lines.push('tenant:', '  friendly_name: Acme');
  return lines.join('\n') + '\n';
}

// ---- generated Terraform HCL ----

type HclPlace = 'none' | 'above' | 'trailing';

interface HclItem {
  readonly value: string;
  readonly directive: Directive | undefined;
  readonly place: HclPlace;
  readonly plain: boolean;
}

const hclItem = fc.record({
  value: fc.constantFrom(...GRANTS),
  directive: fc.option(directive(CLIENT_RULES), { nil: undefined, freq: 2 }),
  place: fc.constantFrom<HclPlace>('above', 'trailing'),
  plain: fc.boolean(),
});

interface HclClient {
  readonly items: readonly HclItem[];
  readonly trailingComma: boolean;
  readonly aboveResource: Directive | undefined;
  readonly aboveAttribute: Directive | undefined;
}

const hclClient = fc.record({
  items: fc.array(hclItem, { minLength: 1, maxLength: 5 }),
  trailingComma: fc.boolean(),
  aboveResource: fc.option(directive(CLIENT_RULES), { nil: undefined, freq: 4 }),
  aboveAttribute: fc.option(directive(CLIENT_RULES), { nil: undefined, freq: 4 }),
});

function hclModule(clients: readonly HclClient[]): string {
  const lines: string[] = [];
  clients.forEach((client, index) => {
    const marker = (d: Directive) => (d.slashes ? '//' : '#');
    if (client.aboveResource) lines.push(directiveText(client.aboveResource, marker(client.aboveResource)));
    lines.push(`resource "auth0_client" "c${index}" {`, `  name     = "Client ${index}"`, '  app_type = "spa"');
    if (client.aboveAttribute) lines.push(`  ${directiveText(client.aboveAttribute, marker(client.aboveAttribute))}`);
    lines.push('  grant_types = [');
    client.items.forEach((item, i) => {
      const comma = i < client.items.length - 1 || client.trailingComma ? ',' : '';
      if (item.plain) lines.push('    # a note');
      if (item.directive && item.place === 'above') lines.push(`    ${directiveText(item.directive, marker(item.directive))}`);
      const trailing = item.directive && item.place === 'trailing' ? ` ${directiveText(item.directive, marker(item.directive))}` : '';
      lines.push(`    ${JSON.stringify(item.value)}${comma}${trailing}`);
    });
    lines.push('  ]', '}', '', `resource "auth0_client_credentials" "c${index}" {`, `  client_id             = auth0_client.c${index}.id`, '  authentication_method = "none"', '}', '');
  });
  return lines.join('\n');
}

// ---- the user's files ----

const PARTNER_THEN_WEB = [
  ...TENANT_CLIENTS.slice(0, 10),
  'clientGrants:',
  '  # grantlint-disable-next-line client-grant-without-client-credentials -- partner uses it via a proxy',
  '  - client_id: Partner',
  '    audience: https://acme.auth0.com/api/v2/',
  '  - client_id: Web',
  '    audience: https://api.example.com/web',
  '',
].join('\n');

const HCL_CREDENTIALS = ['', 'resource "auth0_client_credentials" "spa" {', '  client_id             = auth0_client.spa.id', '  authentication_method = "none"', '}', ''];

function summary(result: LintResult, text: string): string[] {
  return result.findings.map((f) => `${f.severity} ${f.ruleId} '${text.slice(f.span.start, f.span.end)}'`);
}

describe('a fix that removes the node a suppression comment silences removes the comment', () => {
  test('a client grant removed by a safe fix takes its directive along; the next grant keeps its warning', () => {
    const path = '/work/tenant.yaml';
    assert.deepEqual(summary(lintText({ path, text: PARTNER_THEN_WEB }), PARTNER_THEN_WEB), ["error third-party-system-api-grant 'Partner'", "warning client-grant-without-client-credentials 'Web'"]);
    const fixed = fixAll({ path, text: PARTNER_THEN_WEB });
    assert.equal(fixed.text, PARTNER_THEN_WEB.replace(/  # grantlint-disable-next-line.*\n  - client_id: Partner\n.*\n/, ''));
    assert.deepEqual(summary(fixed.result, fixed.text), ["warning client-grant-without-client-credentials 'Web'"]);
  });

  test('YAML and HCL grant items: the directive goes with the item; plain comments and directives of kept items stay', () => {
    const yaml = ['clients:', '  - name: SPA', '    app_type: spa', '    token_endpoint_auth_method: none', '    grant_types:', '      # why: the widget', '      # grantlint-disable-next-line implicit-grant -- legacy widget', '      - client_credentials', '      # grantlint-disable-next-line implicit-grant', '      - implicit', ''].join('\n');
    assert.equal(fixAll({ path: '/w/tenant.yaml', text: yaml }).text, yaml.replace('      # grantlint-disable-next-line implicit-grant -- legacy widget\n      - client_credentials\n', ''));
    const hcl = ['resource "auth0_client" "spa" {', '  name     = "SPA"', '  app_type = "spa"', '  grant_types = [', '    "authorization_code",', '    // grantlint-disable-next-line implicit-grant -- legacy widget', '    "client_credentials",', '    "implicit",', '  ]', '}', ...HCL_CREDENTIALS].join('\n');
    const fixedHcl = fixAll({ path: '/w/main.tf', text: hcl });
    assert.equal(fixedHcl.text, hcl.replace('    // grantlint-disable-next-line implicit-grant -- legacy widget\n    "client_credentials",\n', ''));
    assert.deepEqual(summary(fixedHcl.result, fixedHcl.text), ["hint implicit-grant '\"implicit\"'"]);
  });

  test('HCL: a directive after an item on its line silences nothing (as in YAML); while it keeps another item, no fix takes it along', () => {
    const hcl = ['resource "auth0_client" "spa" {', '  name     = "SPA"', '  app_type = "spa"', '  grant_types = [', '    "client_credentials", # grantlint-disable-next-line implicit-grant -- widget', '    "implicit",', '  ]', '}', ...HCL_CREDENTIALS].join('\n');
    assert.deepEqual(
      summary(lintText({ path: '/w/main.tf', text: hcl }), hcl).filter((f) => !f.includes('client_credentials')),
      ["warning unused-suppression '# grantlint-disable-next-line implicit-grant -- widget'", "hint implicit-grant '\"implicit\"'"],
    );
    // It keeps "implicit" (the next line, as ESLint reads it): removing client_credentials would take it along, and
    // an unsafe pass would then remove "implicit" (U51). That fix is held like what the comment keeps.
    const held = lintText({ path: '/w/main.tf', text: hcl }).findings.find((f) => f.ruleId === 'public-client-credentials');
    assert.ok(held?.fixesHeldBySuppression);
    for (const unsafe of [false, true]) assert.equal(fixAll({ path: '/w/main.tf', text: hcl }, { unsafe }).text, hcl);
    // Naming a rule with nothing to keep, it goes with the item as before.
    const loose = hcl.replace('implicit-grant -- widget', 'device-code-requirements -- widget');
    assert.equal(fixAll({ path: '/w/main.tf', text: loose }).text, loose.replace('    "client_credentials", # grantlint-disable-next-line device-code-requirements -- widget\n', ''));
  });

  test('generated YAML grant lists: every fix keeps each directive on its node', () => {
    let removals = 0;
    fc.assert(
      fc.property(fc.array(yamlClient, { minLength: 1, maxLength: 3 }), fc.boolean(), (clients, crlf) => {
        const text = yamlTenant(clients, crlf);
        removals += checkEveryFix('/work/tenant.yaml', text, WATCHED_CLIENT);
        checkFixAll('/work/tenant.yaml', text);
      }),
      { seed: SEED, numRuns: runs(150) },
    );
    assert.ok(removals > 100, `enough removal fixes checked (${removals})`);
  });

  test('generated clientGrants entries: every fix keeps each directive on its node', () => {
    let removals = 0;
    fc.assert(
      fc.property(fc.constantFrom<EntryForm>('block', 'dash-alone', 'flow-map', 'flow-list'), fc.array(grantEntry, { minLength: 1, maxLength: 5 }), fc.boolean(), (form, entries, after) => {
        const text = grantsTenant(form, entries, after);
        removals += checkEveryFix('/work/tenant.yaml', text, WATCHED_GRANTS);
        checkFixAll('/work/tenant.yaml', text);
      }),
      { seed: SEED, numRuns: runs(150) },
    );
    assert.ok(removals > 50, `enough removal fixes checked (${removals})`);
  });

  test('generated Terraform HCL lists: every fix keeps each directive on its node', () => {
    let removals = 0;
    fc.assert(
      fc.property(fc.array(hclClient, { minLength: 1, maxLength: 3 }), (clients) => {
        const text = hclModule(clients);
        removals += checkEveryFix('/work/infra/main.tf', text, WATCHED_CLIENT);
        checkFixAll('/work/infra/main.tf', text);
      }),
      { seed: SEED, numRuns: runs(120) },
    );
    assert.ok(removals > 100, `enough removal fixes checked (${removals})`);
  });
});

describe('the editor: quick fix and fix all take the directive along too', () => {
  test('the quick fix removing a client grant removes the directive above it; fix all gives the same text', () => {
    const analysis = analyze({ path: '/work/tenant.yaml', text: PARTNER_THEN_WEB, settings: DEFAULT_SETTINGS })!;
    const report = reportFindings(analysis).find((r) => r.ruleId === 'third-party-system-api-grant')!;
    const quickFix = report.fixes.find((fix) => fix.title === 'Remove this client grant')!;
    const lines = new LineIndex(PARTNER_THEN_WEB);
    const edits = quickFix.edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }));
    const expected = PARTNER_THEN_WEB.replace(/  # grantlint-disable-next-line.*\n  - client_id: Partner\n.*\n/, '');
    assert.equal(applyTextEdits(PARTNER_THEN_WEB, edits), expected);
    const all = fixAllEdit(analysis)!;
    assert.equal(applyTextEdits(PARTNER_THEN_WEB, [all]), expected);
  });
});
