/**
 * A Terraform resource whose text holds a syntax error gets its parse-error and nothing else: no CLI note either
 * (a computed grant or app type, a moved attribute, a computed method, credentials or a grant naming no client, a
 * computed audience), on stderr, in `--format json` and with `--diff`. Each note's resource is written twice, once
 * intact and once with an error of each of two kinds (an unclosed string, two attributes on a line): the intact
 * copy keeps the note it has alone, the broken one has none.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { run } from '../../server/src/cli/main';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());
const root = mkdtempSync(join(tmpdir(), 'grantlint-notes-broken-'));
after(() => rmSync(root, { recursive: true, force: true }));

/**
 * A resource that gets a note, as a function of its name; `needs`: a resource it refers to. `wholeModule`: the note
 * is given only in a module read without syntax errors (one could hide the client named), so the intact copy loses
 * it too beside a broken resource.
 */
const NOTED: readonly { readonly note: string; readonly resource: (name: string) => string; readonly needs?: (name: string) => string; readonly wholeModule?: true }[] = [
  { note: 'computed grant', resource: (n) => `resource "auth0_client" "${n}" {\n  name        = "${n}"\n  app_type    = "regular_web"\n  grant_types = ["authorization_code", var.extra]\n}\n` },
  { note: 'computed app type', resource: (n) => `resource "auth0_client" "${n}" {\n  name        = "${n}"\n  app_type    = var.app_type\n  grant_types = ["authorization_code"]\n}\n` },
  { note: 'moved attribute', resource: (n) => `resource "auth0_client" "${n}" {\n  name                       = "${n}"\n  app_type                   = "regular_web"\n  token_endpoint_auth_method = "client_secret_post"\n  grant_types                = ["authorization_code"]\n}\n` },
  {
    note: 'computed method',
    resource: (n) => `resource "auth0_client_credentials" "${n}" {\n  client_id             = auth0_client.${n}_app.id\n  authentication_method = var.method\n}\n`,
    needs: (n) => `resource "auth0_client" "${n}_app" {\n  name        = "${n}"\n  app_type    = "non_interactive"\n  grant_types = ["client_credentials"]\n}\n`,
  },
  { note: 'credentials without client', resource: (n) => `resource "auth0_client_credentials" "${n}" {\n  client_id             = auth0_client.${n}_missing.id\n  authentication_method = "client_secret_post"\n}\n`, wholeModule: true },
  { note: 'grant without client', resource: (n) => `resource "auth0_client_grant" "${n}" {\n  client_id = auth0_client.${n}_missing.id\n  audience  = "https://api.example.com"\n  scopes    = ["read:a"]\n}\n`, wholeModule: true },
  {
    note: 'computed audience',
    resource: (n) => `resource "auth0_client_grant" "${n}" {\n  client_id = auth0_client.${n}_app.id\n  audience  = var.audience\n  scopes    = ["read:a"]\n}\n`,
    needs: (n) => `resource "auth0_client" "${n}_app" {\n  name           = "${n}"\n  app_type       = "non_interactive"\n  is_first_party = false\n  grant_types    = ["client_credentials"]\n}\n`,
  },
];
const BREAKS = ['  description = "left open\n', '  description = "a"; note = "b"\n'];

let dirs = 0;
/** The notes of a run over a module of `main` (stderr and `--format json`, or `--diff`), each as `resource message`. */
async function notes(main: string, mode: 'text' | 'json' | 'diff'): Promise<string[]> {
  const dir = join(root, `m${dirs++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'main.tf'), main);
  const args = mode === 'json' ? ['--format', 'json', '.'] : mode === 'diff' ? ['--diff', '.'] : ['.'];
  const outcome = await run(args, dir);
  const starts = [...main.matchAll(/^resource "[^"]+" "([^"]+)"/gm)].map((m) => ({ line: main.slice(0, m.index).split('\n').length, name: m[1]! }));
  const owner = (line: number) => starts.filter((s) => s.line <= line).pop()?.name ?? '-';
  if (mode === 'json') {
    const report = JSON.parse([...outcome.stdout].join('')) as { files?: { findings: { ruleId: string | null; line: number; message: string }[] }[] } | { ruleId: string | null; line: number; message: string }[];
    const all = Array.isArray(report) ? report : (report.files ?? []).flatMap((f) => f.findings);
    return all.filter((f) => f.ruleId === null).map((f) => `${owner(f.line)} ${f.message}`).sort();
  }
  return outcome.stderr
    .split('\n')
    .flatMap((line) => {
      const m = /^grantlint: main\.tf:(\d+):\d+: (.*)$/.exec(line);
      return m ? [`${owner(Number(m[1]))} ${m[2]}`] : [];
    })
    .sort();
}

for (const noted of NOTED) {
  test(`a resource holding a syntax error gets no note (${noted.note}); an intact one keeps it`, async () => {
    const intact = (name: string) => `${noted.needs?.(name) ?? ''}${noted.needs ? '\n' : ''}${noted.resource(name)}`;
    for (const mode of ['text', 'json', 'diff'] as const) {
      const alone = await notes(intact('kept'), mode);
      assert.ok(alone.some((n) => n.startsWith('kept ')), `${noted.note}, ${mode}: no note to test:\n${alone.join('\n')}`);
      for (const broken of BREAKS) {
        const brokenResource = noted.resource('broken').replace(/\}\n$/, `${broken}}\n`);
        for (const order of ['before', 'after'] as const) {
          const parts = [intact('kept'), `${noted.needs?.('broken') ?? ''}${noted.needs ? '\n' : ''}${brokenResource}`];
          const main = (order === 'before' ? parts : parts.reverse()).join('\n');
          const found = await notes(main, mode);
          const where = `${noted.note}, ${mode}, ${JSON.stringify(broken)} ${order}:\n${main}\n${found.join('\n')}`;
          assert.deepEqual(found.filter((n) => n.startsWith('broken ')), [], where);
          if (!noted.wholeModule) assert.deepEqual(found.filter((n) => n.startsWith('kept ')), alone.filter((n) => n.startsWith('kept ')), where);
        }
      }
    }
  });
}
