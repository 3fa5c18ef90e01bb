/**
 * Where a YAML alias or merge key brings several grants with findings into a client, every finding stands at that
 * one place. The hover there describes each of those grants (not only the first or the most severe), and the
 * code-action menu lists every fix before any "Disable …" or "Show documentation" entry, as it does for a plain
 * value. Over generated tenants (one-client-anchor-generator.ts: list aliases, item aliases, merge keys, anchors at
 * the top, in the client, in another client, shared or not, flow and block lists) and the legacy tenant a new user
 * wrote (`grant_types: *legacy` over legacy and first-party-only grants), asked as VS Code asks (every diagnostic at
 * the place, with data), as Neovim asks (none), and by a client without `data`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, MarkupContent } from 'vscode-languageserver-protocol/node';
import { DEFAULT_SETTINGS } from '../../server/src/engine/index';
import { shortGrant } from '../../server/src/engine/rules/messages';
import { analyze } from '../../server/src/service/analysis';
import { HOVER_LINE_BUDGET } from '../../server/src/service/hover';
import { markdownProblems } from './markdown-check';
import { isCodeAction, NO_DATA_CAPABILITIES, positionAtOffset, TestServer } from './helpers';
import { oneClientCases } from '../helpers/one-client-anchor-generator';

const LEGACY = 'http://auth0.com/oauth/legacy/grant-type/';

/** The new user's tenant: legacy and first-party-only grants in one anchored list that a third-party client aliases. */
function userTenant(flags: string): string {
  return [
    ...(flags ? ['tenant:', '  flags:', `    ${flags}`] : []),
    `x-legacy: &legacy [password, http://auth0.com/oauth/grant-type/password-realm, ${LEGACY}ro, ${LEGACY}delegation/refresh_token, authorization_code]`,
    `x-ro: &ro_item ${LEGACY}ro`,
    'clients:',
    '  - name: Kiosk',
    '    app_type: regular_web',
    '    is_first_party: false',
    '    grant_types: *legacy',
    '  - name: Item alias',
    '    app_type: regular_web',
    `    grant_types: [*ro_item, ${LEGACY}delegation/id_token]`,
    '',
  ].join('\n');
}

/** The user's tenants, and every third generated tenant whose target holds several findings (each form comes up). */
function tenants(): { label: string; text: string }[] {
  const out = [
    { label: 'user tenant', text: userTenant('') },
    { label: 'user tenant, ro allowed', text: userTenant('allow_legacy_ro_grant_types: true') },
  ];
  let n = 0;
  for (const c of oneClientCases()) if (c.several && n++ % 3 === 0) out.push({ label: c.label, text: c.text });
  return out;
}

function key(d: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }): string {
  return `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
}

/** The grants of the findings at each place, by place (the engine's findings: what the hover there must describe). */
function grantsByPlace(text: string): Map<string, string[]> {
  const analysis = analyze({ path: '/t/tenant.yaml', text, settings: DEFAULT_SETTINGS })!;
  const out = new Map<string, string[]>();
  for (const f of analysis.result.findings) {
    if (f.grantItem?.kind !== 'string') continue;
    const at = key({ range: { start: positionAtOffset(text, f.span.start), end: positionAtOffset(text, f.span.end) } });
    out.set(at, [...(out.get(at) ?? []), f.grantItem.value]);
  }
  return out;
}

/** Whether the hover names a grant: as a code span or quoted, its short form or whole. */
function names(markdown: string, grant: string): boolean {
  const plain = markdown.replace(/\\(.)/g, '$1');
  return [shortGrant(grant), grant].some((name) => plain.includes(`\`${name}\``) || plain.includes(`'${name}'`));
}

const AFTER_FIXES = /^(Disable |Show documentation for |Fix all safe problems in this file)/;

/** Problems with the menu's order: a fix after a disable or docs entry, "Fix all safe" not last. */
function orderProblems(actions: readonly CodeAction[]): string[] {
  const titles = actions.map((a) => a.title);
  const firstOther = titles.findIndex((t) => AFTER_FIXES.test(t));
  const problems: string[] = [];
  if (firstOther >= 0) {
    const late = titles.slice(firstOther).filter((t) => !AFTER_FIXES.test(t));
    if (late.length > 0) problems.push(`fixes after "${titles[firstOther]}": ${late.join('; ')}`);
  }
  const fixAll = titles.indexOf('Fix all safe problems in this file');
  if (fixAll >= 0 && fixAll !== titles.length - 1) problems.push('"Fix all safe problems in this file" is not last');
  return problems;
}

function markdown(contents: unknown): string {
  return (contents as MarkupContent).value;
}

for (const style of ['with data', 'without data'] as const) {
  describe(`several findings at one alias or merge key (${style})`, () => {
    let server: TestServer;
    before(async () => {
      server = await TestServer.start({ settings: { workspaceScan: false }, ...(style === 'without data' ? { capabilities: NO_DATA_CAPABILITIES } : {}) });
    });
    after(async () => {
      await server.stop();
    });

    it('the hover describes each grant with a finding there; fixes come before disable and docs entries', async () => {
      let severalAtOnePlace = 0;
      let orderChecked = 0;
      let i = 0;
      for (const { label, text } of tenants()) {
        const uri = await server.open(`t${i++}/tenant.yaml`, text);
        const diagnostics = await server.waitForCurrent(uri);
        const expected = grantsByPlace(text);
        const byPlace = new Map<string, Diagnostic[]>();
        for (const d of diagnostics) byPlace.set(key(d), [...(byPlace.get(key(d)) ?? []), d]);
        for (const [place, at] of byPlace) {
          const where = `${label} at ${place} (${at.map((d) => d.code).join(', ')})\n${text}`;
          const grants = expected.get(place) ?? [];
          if (grants.length >= 2) {
            severalAtOnePlace++;
            const start = at[0]!.range.start;
            const hover = await server.hover(uri, { line: start.line, character: start.character + 1 });
            assert.ok(hover, `a hover: ${where}`);
            const md = markdown(hover.contents);
            for (const grant of grants) assert.ok(names(md, grant), `the hover names ${grant}: ${where}\n---\n${md}`);
            assert.deepEqual(markdownProblems(md), [], `${where}\n---\n${md}`);
            assert.ok(md.split('\n').filter((line) => line.trim().length > 0).length <= HOVER_LINE_BUDGET, `${where}\n---\n${md}`);
          }
          for (const asked of [at, []]) {
            const actions = ((await server.codeActions(uri, at[0]!.range, asked)) ?? []).filter(isCodeAction);
            assert.deepEqual(orderProblems(actions), [], `${asked.length > 0 ? 'with the diagnostics' : 'with none'}: ${where}\n${actions.map((a) => a.title).join('\n')}`);
            if (at.length >= 2 && actions.some((a) => !AFTER_FIXES.test(a.title))) orderChecked++;
          }
        }
      }
      assert.ok(severalAtOnePlace > 10, `places with several grant findings: ${severalAtOnePlace}`);
      assert.ok(orderChecked > 10, `menus with fixes for several findings: ${orderChecked}`);
    });

    it("the user's alias: each of its four grants with findings, with its verdict and fix, most severe first", async () => {
      const text = userTenant('allow_legacy_ro_grant_types: true');
      const uri = await server.open('user/tenant.yaml', text);
      await server.waitForCurrent(uri);
      const hover = await server.hover(uri, positionAtOffset(text, text.indexOf('*legacy') + 2));
      const md = markdown(hover?.contents).replace(/\\(.)/g, '$1');
      assert.match(md, /^\*\*YAML alias `\*legacy`\*\*: this alias brings in 5 grants: `password`, `password-realm`, `ro`, `delegation\/refresh_token`, `authorization_code`\. 4 of them have findings:/);
      const items = md.split('\n').filter((l) => l.startsWith('- '));
      assert.equal(items.length, 4, md);
      // Errors first (the two first-party-only grants, the delegation grant), then the warning the flag allows.
      assert.match(items[3]!, /`ro`: \*\*Discouraged for Kiosk\.\*\* This tenant still allows it \(allow_legacy_ro_grant_types: true\)/);
      assert.match(items[2]!, /`delegation\/refresh_token`: \*\*Not allowed for Kiosk\.\*\*.*\*\*Fix:\*\* /);
      assert.ok(items.slice(0, 2).every((l) => /first-party-only-grant/.test(l)), md);
      // Seven grants with findings through one alias: five described, the rest counted, within the line budget.
      const many = `x-all: &all [${['ro', 'ro/jwt-bearer', 'delegation/refresh_token', 'delegation/id_token', 'access_token'].map((g) => LEGACY + g).join(', ')}, password, http://auth0.com/oauth/grant-type/password-realm]\nclients:\n  - name: Many\n    is_first_party: false\n    grant_types: *all\n`;
      const manyUri = await server.open('many/tenant.yaml', many);
      await server.waitForCurrent(manyUri);
      const manyMd = markdown((await server.hover(manyUri, positionAtOffset(many, many.indexOf('*all') + 2)))?.contents);
      assert.equal(manyMd.split('\n').filter((l) => l.startsWith('- **')).length, 5, manyMd);
      assert.match(manyMd, /\n- and 2 more grants with findings, listed in the Problems panel\.$/);
      assert.ok(manyMd.split('\n').filter((l) => l.trim().length > 0).length <= HOVER_LINE_BUDGET, manyMd);
      assert.deepEqual(markdownProblems(manyMd), [], manyMd);
      // An item alias brings one grant: the hover is that grant's own.
      const item = await server.hover(uri, positionAtOffset(text, text.indexOf('*ro_item') + 2));
      assert.match(markdown(item?.contents), /^\*\*Legacy: Resource Owner\*\* `http:\/\/auth0\.com\/oauth\/legacy\/grant-type\/ro`/);
    });
  });
}
