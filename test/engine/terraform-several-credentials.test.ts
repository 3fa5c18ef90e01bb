/**
 * Two or more auth0_client_credentials resources configuring one client (in its file, in another file, or one in
 * each): which authentication_method applies is unknown (Terraform would apply both, the last write winning), so no
 * rule that reads the method judges the client, whatever the files' order; the CLI names it in a note. Every
 * placement and order is generated; one resource alone is judged (control).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { lintText } from '../../server/src/engine/index';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';

before(() => loadHclParser());

const CLIENT = 'resource "auth0_client" "portal" {\n  name        = "Portal"\n  app_type    = "native"\n  grant_types = ["authorization_code", "client_credentials"]\n}\n';
const credentials = (label: string, method: string) => `resource "auth0_client_credentials" "${label}" {\n  client_id             = auth0_client.portal.id\n  authentication_method = "${method}"\n}\n`;
const METHOD_RULES = new Set(['public-client-credentials', 'secret-on-public-app-type', 'public-app-type-without-none']);

/** Method-based findings over every file of the module, each file linted with its links. */
function methodFindings(files: Record<string, string>): string[] {
  const texts = new Map(Object.entries(files).map(([name, text]) => [`/m/${name}`, text] as const));
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  const out: string[] = [];
  for (const [path, text] of texts) {
    for (const f of lintText({ path, text, links: graph.linksFor(path).links }).findings) if (METHOD_RULES.has(f.ruleId)) out.push(`${path.slice(3)} ${f.ruleId}`);
  }
  return out.sort();
}

describe('several credentials resources for one client', () => {
  const methods = [
    ['none', 'client_secret_basic'],
    ['client_secret_basic', 'none'],
    ['client_secret_post', 'client_secret_basic'],
  ] as const;
  const placements: [string, (a: string, b: string) => Record<string, string>][] = [
    ['both beside the client', (a, b) => ({ 'main.tf': CLIENT + a + b })],
    ['one beside the client, one in another file', (a, b) => ({ 'main.tf': CLIENT + a, 'credentials.tf': b })],
    ['both in another file', (a, b) => ({ 'main.tf': CLIENT, 'credentials.tf': a + b })],
    ['one in each of two other files', (a, b) => ({ 'main.tf': CLIENT, 'a.tf': a, 'b.tf': b })],
  ];
  for (const [name, place] of placements) {
    for (const [first, second] of methods) {
      test(`${name}, ${first} then ${second}: nothing judged on the method`, () => {
        assert.deepEqual(methodFindings(place(credentials('one', first), credentials('two', second))), []);
        assert.deepEqual(methodFindings(place(credentials('one', second), credentials('two', first))), []);
      });
    }
  }

  test('one credentials resource alone is judged (control)', () => {
    assert.deepEqual(methodFindings({ 'main.tf': CLIENT, 'credentials.tf': credentials('one', 'client_secret_basic') }), ['credentials.tf secret-on-public-app-type']);
  });

  test('the CLI names the client in a note', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-several-credentials-')));
    try {
      writeFileSync(join(dir, 'main.tf'), CLIENT);
      writeFileSync(join(dir, 'credentials.tf'), credentials('one', 'none') + credentials('two', 'client_secret_basic'));
      const run = spawnSync(process.execPath, [join(__dirname, '..', '..', 'dist', 'cli.js'), '.'], { cwd: dir, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(run.stderr, /main\.tf:1:\d+: auth0_client\.portal has several auth0_client_credentials: the rules that read its auth method do not judge it/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

