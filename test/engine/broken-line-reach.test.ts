/**
 * In a tenant.yaml, a broken line after an entry's last value (a key out of line, a tab as indentation) is that
 * entry's text as written, whatever the parser's recovery made of it (often an item of its own, without its `-`).
 * What was read of the entry is then a guess: the client gets no findings, and neither do the client grants that
 * name it; a broken line after a client grant silences that grant only. Every other finding stays. Generated over
 * each broken-line form after each entry.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex, lintText, type LintResult } from '../../server/src/engine/index';

const CLIENTS = [
  ['  - name: Web', '    app_type: regular_web', '    grant_types: [authorization_code, implicit]'],
  ['  - name: Worker', '    app_type: non_interactive', '    grant_types:', '      - client_credentials', '      - password'],
  ['  - name: Portal', '    app_type: spa', '    token_endpoint_auth_method: none', '    grant_types: [authorization_code, client_credentials]'],
];
/** Each grant names a client (by index into CLIENTS). */
const GRANTS: [number, string[]][] = [
  [0, ['  - client_id: Web', '    audience: https://api.example.com/a', '    scope: [read:a]']],
  [2, ['  - client_id: Portal', '    audience: https://api.example.com/b', '    scope:', '      - read:b']],
  [1, ['  - client_id: Worker', '    audience: https://api.example.com/c', '    scope: [read:c]']],
  [0, ['  - client_id: Web', '    audience: https://api.example.com/d', '    scope: [read:d]']],
];
// Broken lines the reading gets past: a key out of line that yaml reads as an item without its `-`, and lines a
// tab indents (parse/yaml.ts readPastTabLines). Others (a list left open) make yaml read the rest of the file
// as one broken key, which the parse-error shows.
const BROKEN = ['   oidc_conformant: true', '\tcross_origin_auth: false', '\t  sso_disabled: true', '   logo_uri: "https://cdn.example.com/a.png"'];

interface Layout {
  readonly text: string;
  /** 0-based line ranges [first, last] of each client and each grant. */
  readonly clients: [number, number][];
  readonly grants: [number, number][];
}

function layout(insertAfter?: { kind: 'client' | 'grant'; index: number; line: string }): Layout {
  const lines = ['clients:'];
  const clients: [number, number][] = [];
  const grants: [number, number][] = [];
  CLIENTS.forEach((client, i) => {
    const first = lines.length;
    lines.push(...client);
    if (insertAfter?.kind === 'client' && insertAfter.index === i) lines.push(insertAfter.line);
    clients.push([first, lines.length - 1]);
  });
  lines.push('clientGrants:');
  GRANTS.forEach(([, grant], i) => {
    const first = lines.length;
    lines.push(...grant);
    if (insertAfter?.kind === 'grant' && insertAfter.index === i) lines.push(insertAfter.line);
    grants.push([first, lines.length - 1]);
  });
  return { text: lines.join('\n') + '\n', clients, grants };
}

/** Each finding (parse errors apart) as `entry rule message`, the entry being the client or grant whose lines hold it. */
function byEntry(at: Layout, result: LintResult): string[] {
  const index = new LineIndex(at.text);
  return result.findings
    .filter((f) => f.ruleId !== 'parse-error')
    .map((f) => {
      const line = index.positionAt(f.span.start).line;
      const client = at.clients.findIndex(([a, b]) => a <= line && line <= b);
      const grant = at.grants.findIndex(([a, b]) => a <= line && line <= b);
      return `${client >= 0 ? `client ${client}` : `grant ${grant}`} ${f.ruleId} ${f.message}`;
    })
    .sort();
}

test('a broken line after a client silences it and its grants; after a grant, that grant only', () => {
  const clean = layout();
  const cleanResult = lintText({ path: '/t/tenant.yaml', text: clean.text });
  assert.deepEqual(cleanResult.parsed.errors, []);
  const all = byEntry(clean, cleanResult);
  // The fixture is meant to give findings on every client and every grant: otherwise the test would prove nothing.
  for (let i = 0; i < CLIENTS.length; i++) assert.ok(all.some((f) => f.startsWith(`client ${i} `)), `client ${i} has findings`);
  for (const i of [0, 1, 3]) assert.ok(all.some((f) => f.startsWith(`grant ${i} `)), `grant ${i} has findings`);
  for (const line of BROKEN) {
    for (const kind of ['client', 'grant'] as const) {
      const count = kind === 'client' ? CLIENTS.length : GRANTS.length;
      for (let index = 0; index < count; index++) {
        const broken = layout({ kind, index, line });
        const result = lintText({ path: '/t/tenant.yaml', text: broken.text });
        const name = `${JSON.stringify(line)} after ${kind} ${index}`;
        assert.ok(result.findings.some((f) => f.ruleId === 'parse-error'), `${name}: a parse-error`);
        const silenced = (entry: string) => {
          const [what, at] = entry.split(' ');
          const i = Number(at);
          if (kind === 'client') return (what === 'client' && i === index) || (what === 'grant' && GRANTS[i]![0] === index);
          return what === 'grant' && i === index;
        };
        assert.deepEqual(byEntry(broken, result), all.filter((f) => !silenced(f)), name);
        assert.ok(result.findings.every((f) => f.fixes.length === 0), `${name}: no fixes while the file does not parse`);
      }
    }
  }
});

test('a suppression comment whose node is cut off by a broken line silences nothing else and is not reported', () => {
  for (const broken of ['\tgrant_types: [implicit]', '   grant_types: [implicit]', '\t\tgrant_types: [implicit]']) {
    const text = ['clients:', '  - name: Broken', '    app_type: regular_web', '    # grantlint-disable-next-line implicit-grant', broken, '  - name: Fine', '    app_type: regular_web', '    grant_types: [implicit, authorization_code]', ''].join('\n');
    const result = lintText({ path: '/t/tenant.yaml', text });
    const index = new LineIndex(text);
    const seen = result.findings.map((f) => `${index.positionAt(f.span.start).line} ${f.ruleId}`);
    // The broken line's parse-error; the next client's implicit grant is not silenced by the comment meant for the
    // broken line, and the comment, whose node cannot be told, is not reported unused.
    assert.deepEqual(seen, ['4 parse-error', '7 implicit-grant'], JSON.stringify(broken));
  }
});
