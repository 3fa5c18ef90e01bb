/**
 * Incremental sync: the editor sends each edit as a range, several in one notification or a burst of
 * notifications within the debounce. The server lints from those ranges without comparing texts, and moves the
 * reports of findings that only moved instead of rendering them again, so after every burst its diagnostics
 * (ranges, fixes and "disable" edits included) must equal those of the same text opened fresh.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { generateTenantYaml, generateTenantYamlWithGrants } from '../helpers/tenant-generator';
import { generateTerraformHcl } from '../helpers/terraform-generator';
import { Prng } from '../robustness/prng';
import { TestServer } from './helpers';

const SNIPPETS = ['x', '\n', '\n      - implicit', 'client_credentials', ' ', '#', '- ', '"', ''];
/**
 * Terraform HCL: edits that keep the file readable, as typing between a quote the editor closed and its pair
 * does, so that the one-block path is taken: a character in a string, a grant added at the head of a list, an
 * attribute line after a block's `{`, a line break after a comma.
 */
function hclEdit(text: string, from: number, pick: (n: number) => number): { start: number; end: number; text: string } {
  const at = (needle: string, shift: number): number => {
    const found = text.indexOf(needle, from);
    return found < 0 ? from : found + shift;
  };
  switch (pick(4)) {
    case 0:
      return { start: at('= "', 3), end: at('= "', 3), text: 'x' };
    case 1:
      return { start: at('["', 1), end: at('["', 1), text: '"implicit", ' };
    case 2:
      return { start: at('{\n', 1), end: at('{\n', 1), text: '\n  is_first_party = false' };
    default:
      return { start: at('", ', 2), end: at('", ', 3), text: '\n    ' };
  }
}

/**
 * deploy-cli YAML: edits inside one client that keep the file readable and add or take away lines, so that the
 * one-client path is taken and the findings of the clients after it move by whole lines (their related places
 * above the edit, such as the tenant's flags, must stay where they are): a line typed after `app_type`, a line
 * taken out, a grant value swapped, a letter typed into a name.
 */
function yamlEdit(text: string, from: number, pick: (n: number) => number): { start: number; end: number; text: string } {
  const lineAfter = (needle: string): number => {
    const found = text.indexOf(needle, from);
    return found < 0 ? -1 : text.indexOf('\n', found);
  };
  switch (pick(4)) {
    case 3: {
      // A letter typed into a client's name: its client grants may name it no longer (or again).
      const found = text.indexOf('- name: "', from);
      return found < 0 ? { start: from, end: from, text: '' } : { start: found + 9, end: found + 9, text: 'x' };
    }
    case 0: {
      const at = lineAfter('    app_type:');
      return at < 0 ? { start: from, end: from, text: '' } : { start: at, end: at, text: '\n    description: typed here' };
    }
    case 1: {
      const found = text.indexOf('\n    description: typed here', from);
      return found < 0 ? { start: from, end: from, text: '' } : { start: found, end: found + '\n    description: typed here'.length, text: '' };
    }
    default: {
      const found = text.indexOf('authorization_code', from);
      return found < 0 ? { start: from, end: from, text: '' } : { start: found, end: found + 'authorization_code'.length, text: pick(2) === 0 ? 'implicit' : 'authorization_code' };
    }
  }
}

function comparable(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const data = d.data as { fixes?: unknown; disable?: unknown } | undefined;
    return JSON.stringify([d.code, d.range, d.message, d.severity, d.relatedInformation?.map((r) => r.location.range), data?.fixes, data?.disable]);
  });
}

describe('incremental sync', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  // HCL bursts stay within a few lines, as typing does, so that most take the one-block path (with credentials
  // after all clients, an edit in a client lies between the earlier clients and their credentials).
  type Typing = (text: string, from: number, pick: (n: number) => number) => { start: number; end: number; text: string };
  const cases: [string, string, () => string, Typing | undefined][] = [
    ['deploy-cli YAML', 'tenant.yaml', () => generateTenantYaml({ clients: 30, seed: 11, invalidShare: 0.3 }), undefined],
    ['deploy-cli YAML, typing inside clients', 'tenant.yaml', () => generateTenantYaml({ clients: 30, seed: 12, invalidShare: 0.5 }), yamlEdit],
    ['deploy-cli YAML with client grants, typing inside clients', 'tenant.yaml', () => generateTenantYamlWithGrants({ clients: 30, seed: 13, invalidShare: 0.5, grants: 30 }), yamlEdit],
    ['Terraform HCL', 'main.tf', () => generateTerraformHcl({ clients: 30, seed: 11, invalidShare: 0.4, credentialsLast: true }), hclEdit],
  ];
  for (const [kind, name, generate, typing] of cases) it(`${kind}: after bursts of ranged edits, the diagnostics equal a fresh lint of the text`, async () => {
    const prng = new Prng(424242);
    const pick = (n: number) => Math.floor(prng.next() * n);
    let text = generate();
    // Each case its own documents: a URI a case before left open or closed would answer with its diagnostics.
    const caseIndex = cases.findIndex((c) => c[0] === kind);
    const uri = await server.open(`edited${caseIndex}/${name}`, text);
    await server.waitForCurrent(uri);
    for (let burst = 0; burst < 12; burst++) {
      let version = 0;
      const around = pick(text.length + 1);
      // One to three notifications, each with one to three edits, sent without waiting.
      for (let n = 1 + pick(3); n > 0; n--) {
        const edits: { start: number; end: number; text: string }[] = [];
        let length = text.length;
        for (let e = 1 + pick(3); e > 0; e--) {
          // Mostly inside one client, as when typing; sometimes a deletion across lines.
          if (typing) {
            // Applied to the text as it stands after the edits before it in this notification.
            const current = edits.reduce((t, x) => t.slice(0, x.start) + x.text + t.slice(x.end), text);
            const edit = typing(current, Math.min(current.length, around), pick);
            edits.push(edit);
            length += edit.text.length - (edit.end - edit.start);
            continue;
          }
          const start = pick(length + 1);
          const end = Math.min(length, start + (prng.next() < 0.3 ? pick(40) : 0));
          const insert = SNIPPETS[pick(SNIPPETS.length)]!;
          edits.push({ start, end, text: insert });
          length += insert.length - (end - start);
        }
        ({ version, text } = await server.changeRanges(uri, edits));
      }
      const edited = (await server.waitForDiagnostics(uri, { accept: (p) => p.version === version })).diagnostics;
      const fresh = await server.open(`fresh${caseIndex}-${burst}/${name}`, text);
      const expected = await server.waitForCurrent(fresh);
      assert.deepEqual(comparable(edited), comparable(expected), `burst ${burst}`);
      await server.close(fresh);
    }
  });
});
