/**
 * The CLI on a Terraform module split in main.tf and credentials.tf, with a syntax error of each kind in one client
 * of main.tf (first or last): the other client keeps exactly the findings it has in the module without the broken
 * one, in both files (`--format json`), and the broken one gets its parse-error only. A heredoc or block comment
 * never closed makes the rest of main.tf its text: the client after it may go, and the parse-error says so.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { run } from '../../server/src/cli/main';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());
const root = mkdtempSync(join(tmpdir(), 'grantlint-broken-resource-'));
after(() => rmSync(root, { recursive: true, force: true }));

const SHOP = 'resource "auth0_client" "shop" {\n  name        = "Shop"\n  app_type    = "spa"\n  grant_types = ["authorization_code", "authorization_code", "implicit"]\n}\n';
const JOB = (line: string) => `resource "auth0_client" "job" {\n  name        = "Job"\n  app_type    = "non_interactive"\n${line}}\n`;
const CREDENTIALS =
  'resource "auth0_client_credentials" "shop" {\n  client_id             = auth0_client.shop.id\n  authentication_method = "client_secret_post"\n}\n\n' +
  'resource "auth0_client_credentials" "job" {\n  client_id             = auth0_client.job.id\n  authentication_method = "none"\n}\n';
const BREAKS: readonly { readonly line: string; readonly swallows?: true }[] = [
  { line: '  grant_types = ["client_credentials", "]\n' },
  { line: '  grant_types = ["client_credentials",\n' },
  { line: '  jwt_configuration {\n    alg = "RS256"\n' },
  { line: '  description = <<EOT\n  text\n', swallows: true },
  { line: '  grant_types = ["client_credentials"]]\n' },
  { line: '  grant_types: ["client_credentials"]\n' },
  { line: '  /* a comment\n', swallows: true },
];

let dirs = 0;
/** The findings of a run over the module, each as `file line-in-its-resource rule` (parse errors as `file parse-error message`). */
async function findings(main: string): Promise<string[]> {
  const dir = join(root, `m${dirs++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'main.tf'), main);
  writeFileSync(join(dir, 'credentials.tf'), CREDENTIALS);
  const outcome = await run(['--format', 'json', '.'], dir);
  const report = JSON.parse([...outcome.stdout].join('')) as { file: string; line: number; ruleId: string | null; message: string }[] | { files: { file: string; findings: { file: string; line: number; ruleId: string | null; message: string }[] }[] };
  const all = Array.isArray(report) ? report : report.files.flatMap((f) => f.findings);
  const texts: Record<string, string> = { 'main.tf': main, 'credentials.tf': CREDENTIALS };
  return all
    .filter((f) => f.ruleId !== null)
    .map((f) => {
      const text = texts[f.file.replace(/^.*\//, '')]!;
      const lines = text.split('\n');
      let header = f.line - 1;
      while (header > 0 && !lines[header]!.startsWith('resource ')) header--;
      const resource = /^resource "[^"]+" "([^"]+)"/.exec(lines[header] ?? '')?.[1] ?? '-';
      return f.ruleId === 'parse-error' ? `${f.file.replace(/^.*\//, '')} parse-error ${f.message}` : `${f.file.replace(/^.*\//, '')} ${resource} +${f.line - 1 - header} ${f.ruleId}`;
    })
    .sort();
}

test('a syntax error in one client of a split module costs that client only, in the CLI', async () => {
  for (const broken of BREAKS) {
    for (const order of ['job first', 'job last'] as const) {
      const main = order === 'job first' ? `${JOB(broken.line)}\n${SHOP}` : `${SHOP}\n${JOB(broken.line)}`;
      const without = await findings(SHOP);
      assert.deepEqual(without.filter((f) => / shop /.test(f)).map((f) => f.split(' ')[0]).sort(), ['credentials.tf', 'main.tf', 'main.tf']);
      const found = await findings(main);
      const where = `${JSON.stringify(broken.line)}, ${order}:\n${found.join('\n')}`;
      const parseErrors = found.filter((f) => f.includes(' parse-error '));
      assert.ok(parseErrors.length > 0 && parseErrors.every((f) => f.startsWith('main.tf ')), where);
      assert.deepEqual(found.filter((f) => / job /.test(f)), [], where);
      const shop = (list: string[]) => list.filter((f) => / shop /.test(f));
      if (broken.swallows && order === 'job first') {
        assert.match(parseErrors[0]!, /nothing after it is read/, where);
      } else {
        assert.deepEqual(shop(found), shop(without), where);
      }
    }
  }
});
