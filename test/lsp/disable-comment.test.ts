/**
 * "Disable <rule> for this client" in every YAML form a client can take: a list entry (after `- ` or on the line
 * after a lone `-`), a flow mapping, a payload file whose document is the client, a payload list, and each of
 * those in a multi-document file. The action must silence exactly that client's finding: nothing new
 * appears (no unused-suppression) and every other client keeps its findings. Run with a client that does not
 * echo diagnostic data.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { applyEdits, editsFor, isCodeAction, NO_DATA_CAPABILITIES, TestServer } from './helpers';

const RULE = 'public-client-credentials';
const SHARED_CASE = resolve(__dirname, '../../../shared/cases/findings/payload-disable.yaml');

/** A public SPA holding client_credentials (one public-client-credentials finding), as block mapping lines. */
function spaLines(name: string): string[] {
  return [`name: ${name}`, 'app_type: spa', 'token_endpoint_auth_method: none', 'grant_types:', '- client_credentials', '- authorization_code'];
}

const indent = (lines: string[], by: string): string[] => lines.map((l) => by + l);

/** Every form, each as a file text with the clients named A, B, ... in document order. */
function forms(): [string, string][] {
  const payload = (name: string) => spaLines(name).join('\n');
  const listEntry = (name: string) => {
    const [first, ...rest] = indent(spaLines(name), '    ');
    return [`  - ${first!.trimStart()}`, ...rest].join('\n');
  };
  const loneDash = (name: string) => ['  -', ...indent(spaLines(name), '    ')].join('\n');
  const flow = (name: string) => `  - {name: ${name}, app_type: spa, token_endpoint_auth_method: none, grant_types: [client_credentials, authorization_code]}`;
  const payloadItem = (name: string) => {
    const [first, ...rest] = indent(spaLines(name), '  ');
    return [`- ${first!.trimStart()}`, ...rest].join('\n');
  };
  const list = (entries: string[]) => `clients:\n${entries.join('\n')}\n`;
  return [
    ['payload', `${payload('A')}\n`],
    ['payload with a comment and document marker', `# exported\n---\n${payload('A')}\n`],
    ['payload documents', `${payload('A')}\n---\n${payload('B')}\n---\n${payload('C')}\n`],
    ['payload list', `${payloadItem('A')}\n${payloadItem('B')}\n`],
    ['payload list documents', `${payloadItem('A')}\n---\n${payloadItem('B')}\n---\n${payload('C')}\n`],
    ['list entries', list([listEntry('A'), listEntry('B')])],
    ['entries after a lone dash', list([loneDash('A'), loneDash('B')])],
    ['flow entries', list([flow('A'), flow('B')])],
    ['tenant documents', `${list([listEntry('A')])}---\n${list([listEntry('B'), flow('C')])}`],
    ['CRLF payload documents', `${payload('A')}\n---\n${payload('B')}\n`.replace(/\n/g, '\r\n')],
  ];
}

/** Which client (by name) a finding sits in: the nearest `name: X` before it. */
function clientOf(text: string, diagnostic: Diagnostic): string {
  const lines = text.split(/\r?\n/);
  for (let line = diagnostic.range.start.line; line >= 0; line--) {
    const match = /name: (\w+)/.exec(lines[line] ?? '');
    if (match && (line < diagnostic.range.start.line || (lines[line] ?? '').indexOf('name:') < diagnostic.range.start.character)) return match[1]!;
  }
  return '?';
}

describe('disable a rule for one client', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false }, capabilities: NO_DATA_CAPABILITIES });
  });
  after(async () => {
    await server.stop();
  });

  async function disable(uri: string, diagnostic: Diagnostic): Promise<CodeAction> {
    const { data: _dropped, ...bare } = diagnostic;
    const result = (await server.codeActions(uri, diagnostic.range, [bare])) ?? [];
    const action = result.filter(isCodeAction).find((a) => a.title === `Disable ${RULE} for this client`);
    assert.ok(action, `a disable action for ${RULE}`);
    return action;
  }

  const all = forms();
  all.forEach(([form, text], formIndex) => {
    it(`silences exactly the chosen client: ${form}`, async () => {
      const names = [...text.matchAll(/name: (\w+)/g)].map((m) => m[1]!);
      for (const target of names) {
        const uri = await server.open(`disable/${formIndex}-${target}/clients.yaml`, text);
        const found = await server.waitForCurrent(uri);
        const byClient = (list: Diagnostic[], current: string) => list.map((d) => `${clientOf(current, d)}:${d.code}`).sort();
        assert.deepEqual(byClient(found, text), names.map((n) => `${n}:${RULE}`).sort(), `${form}: one finding per client`);
        const diagnostic = found.find((d) => clientOf(text, d) === target);
        assert.ok(diagnostic);
        const edits = editsFor((await disable(uri, diagnostic)).edit, uri);
        const edited = applyEdits(text, edits);
        await server.change(uri, edited);
        const after = await server.waitForCurrent(uri);
        assert.deepEqual(
          byClient(after, edited),
          names.filter((n) => n !== target).map((n) => `${n}:${RULE}`).sort(),
          `${form}, disabling for ${target}:\n${edited}`,
        );
        await server.close(uri);
      }
    });
  });

  it('silences the payload file of the shared cases', async (t) => {
    if (!existsSync(SHARED_CASE)) {
      t.diagnostic(`${SHARED_CASE} is absent: the shared cases are not beside this checkout`);
      return;
    }
    const text = readFileSync(SHARED_CASE, 'utf8');
    const uri = await server.open('case/payload-disable.yaml', text);
    const found = await server.waitForCurrent(uri);
    const diagnostic = found.find((d) => d.code === RULE);
    assert.ok(diagnostic);
    const edited = applyEdits(text, editsFor((await disable(uri, diagnostic)).edit, uri));
    await server.change(uri, edited);
    const after = await server.waitForCurrent(uri);
    assert.deepEqual(
      after.map((d) => d.code),
      found.filter((d) => d.code !== RULE).map((d) => d.code),
      'the finding is silenced and nothing new appears',
    );
  });
});
