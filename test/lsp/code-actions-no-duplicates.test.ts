/**
 * The editor never lists the same quick fix twice for one place. Several findings can stand at one place (every
 * legacy grant a YAML alias or merge key brings in is reported at the alias) and share a fix ("Replace all legacy
 * grant types in this client"): it is listed once, naming each diagnostic. Asked as VS Code asks (every diagnostic
 * at the cursor, with its data), as Neovim asks (no diagnostics, a range) and by a client without `data`, over the
 * generated tenants whose target holds several findings (one-client-anchor-generator.ts: two or three legacy or
 * first-party-only grants through a list alias, an item alias, a merge key, in flow, block and next-line lists).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { isCodeAction, NO_DATA_CAPABILITIES, TestServer } from './helpers';
import { oneClientCases } from '../helpers/one-client-anchor-generator';

/** The user's kiosk tenant: two legacy grants in an anchored list that one first-party client aliases. */
const KIOSK = [
  'x-legacy-grants: &legacy_grants',
  '  - authorization_code',
  '  - http://auth0.com/oauth/legacy/grant-type/ro   # old kiosk login',
  '  - http://auth0.com/oauth/legacy/grant-type/delegation/refresh_token',
  'clients:',
  '  - name: Kiosk Backend',
  '    app_type: regular_web',
  '    grant_types: *legacy_grants',
  '',
].join('\n');

/** Every few generated tenants with several findings at one place (each form, place and list style comes up). */
function tenants(): { label: string; text: string }[] {
  const out = [{ label: 'kiosk', text: KIOSK }];
  let n = 0;
  for (const c of oneClientCases()) if (c.several && n++ % 5 === 0) out.push({ label: c.label, text: c.text });
  return out;
}

function key(d: Diagnostic): string {
  return `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
}

/** The diagnostics grouped by place. */
function places(diagnostics: readonly Diagnostic[]): Diagnostic[][] {
  const by = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) by.set(key(d), [...(by.get(key(d)) ?? []), d]);
  return [...by.values()];
}

function duplicates(actions: readonly CodeAction[]): string[] {
  const titles = actions.map((a) => a.title);
  return titles.filter((title, i) => titles.indexOf(title) !== i);
}

for (const style of ['with data', 'without data'] as const) {
  describe(`quick fixes at one place have no duplicate titles (${style})`, () => {
    let server: TestServer;
    before(async () => {
      server = await TestServer.start({ settings: { workspaceScan: false }, ...(style === 'without data' ? { capabilities: NO_DATA_CAPABILITIES } : {}) });
    });
    after(async () => {
      await server.stop();
    });

    it('over the generated tenants, asked with every diagnostic at the place and with none', async () => {
      let shared = 0;
      let i = 0;
      for (const { label, text } of tenants()) {
        const uri = await server.open(`t${i++}/tenant.yaml`, text);
        const diagnostics = await server.waitForCurrent(uri);
        for (const at of places(diagnostics)) {
          const where = `${label} at ${key(at[0]!)} (${at.map((d) => d.code).join(', ')})\n${text}`;
          for (const asked of [at, []]) {
            const actions = ((await server.codeActions(uri, at[0]!.range, asked)) ?? []).filter(isCodeAction);
            assert.deepEqual(duplicates(actions), [], `${asked.length > 0 ? 'with the diagnostics' : 'with none'}: ${where}`);
            // A fix several findings share names each of them.
            for (const action of actions) if ((action.diagnostics?.length ?? 0) > 1) shared++;
          }
        }
      }
      assert.ok(shared > 0, 'some fix is shared by findings at one place');
    });

    it("offers the kiosk's removals once each, and the one replace-all once", async () => {
      const uri = await server.open('kiosk/tenant.yaml', KIOSK);
      const diagnostics = (await server.waitForCurrent(uri)).filter((d) => d.code === 'legacy-grant-type');
      assert.equal(diagnostics.length, 2);
      const actions = ((await server.codeActions(uri, diagnostics[0]!.range, diagnostics)) ?? []).filter(isCodeAction);
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes("Remove legacy grant 'ro'"), titles.join('\n'));
      assert.ok(titles.includes("Remove legacy grant 'delegation/refresh_token'"), titles.join('\n'));
      const replaceAll = actions.filter((a) => a.title.startsWith('Replace all legacy grant types'));
      assert.equal(replaceAll.length, 1, titles.join('\n'));
      assert.equal(replaceAll[0]!.diagnostics?.length, 2);
    });
  });
}
