/**
 * `.grantlintrc.json` `ignore` patterns read as .gitignore lines: a pattern without a slash names a file or folder at
 * any depth, a trailing `/` folders only, a slash elsewhere anchors it to the config's folder, and a folder matched
 * takes everything under it (`yaml`, `yaml/` and `**\/yaml` used to leave `yaml/tenant.yaml` linted, in silence).
 * Overrides' `files` read the same way. The CLI's walk and the editor's workspace scan agree on every form, for YAML, JSON and Terraform files alike; a
 * pattern that matches no file is named on stderr, in a run that walked the config's whole folder.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfig, resolveFileSettings, settingsFor } from '../../server/src/workspace/index';
import { TestServer } from '../lsp/helpers';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const root = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-ignore-folders-')));
after(() => rmSync(root, { recursive: true, force: true }));

// Every file holds a client with a finding (implicit-grant), so each file linted shows in the report.
const YAML = 'clients:\n  - name: Web\n    app_type: regular_web\n    grant_types: [authorization_code, implicit]\n';
const JSON_CLIENT = '{ "name": "Web", "app_type": "regular_web", "grant_types": ["authorization_code", "implicit"] }\n';
const TF = 'resource "auth0_client" "web" {\n  name        = "Web"\n  app_type    = "regular_web"\n  grant_types = ["authorization_code", "implicit"]\n}\n';

/** The files of each project, below its config file: YAML, JSON and Terraform in a `yaml` folder at two depths. */
const TREE: Record<string, string> = {
  'yaml/tenant.yaml': YAML,
  'yaml/sub/tenant.yaml': YAML,
  'yaml/clients/Web.json': JSON_CLIENT,
  'deep/yaml/tenant.yaml': YAML,
  'deep/yaml/main.tf': TF,
  'keep/tenant.yaml': YAML,
  // A folder named like a file, and a file of that name: a trailing `/` tells them apart.
  'conf.yaml': YAML,
  'x/conf.yaml/clients/Web.json': JSON_CLIENT,
};

const TOP = ['yaml/tenant.yaml', 'yaml/sub/tenant.yaml', 'yaml/clients/Web.json'];
const DEEP = ['deep/yaml/tenant.yaml', 'deep/yaml/main.tf'];

/** Each form of pattern, and the files of TREE it leaves out (as git would). */
const FORMS: readonly (readonly [string, readonly string[]])[] = [
  ['yaml', [...TOP, ...DEEP]],
  ['yaml/', [...TOP, ...DEEP]],
  ['**/yaml', [...TOP, ...DEEP]],
  ['**/yaml/', [...TOP, ...DEEP]],
  ['**/yaml/**', [...TOP, ...DEEP]],
  ['yaml/**', TOP],
  ['yaml/*', TOP],
  ['/yaml', TOP],
  ['/yaml/', TOP],
  ['deep/yaml', DEEP],
  ['deep/*', DEEP],
  ['y*l', [...TOP, ...DEEP]],
  ['sub', ['yaml/sub/tenant.yaml']],
  ['conf.yaml', ['conf.yaml', 'x/conf.yaml/clients/Web.json']],
  ['conf.yaml/', ['x/conf.yaml/clients/Web.json']],
  ['/conf.yaml', ['conf.yaml']],
  ['clients', ['yaml/clients/Web.json', 'x/conf.yaml/clients/Web.json']],
  ['*.tf', ['deep/yaml/main.tf']],
  ['tenant.yaml', ['yaml/tenant.yaml', 'yaml/sub/tenant.yaml', 'deep/yaml/tenant.yaml', 'keep/tenant.yaml']],
];

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** One project per form (`p<i>/`), its config ignoring that form, as a string and in a list. */
function projects(): Record<string, string> {
  const files: Record<string, string> = {};
  FORMS.forEach(([glob], i) => {
    for (const [path, text] of Object.entries(TREE)) files[`p${i}/${path}`] = text;
    files[`p${i}/.grantlintrc.json`] = JSON.stringify({ ignore: i % 2 === 0 ? [glob] : glob });
  });
  return files;
}

/** The files of project `i` that a list of linted paths (relative to the root) leaves out. */
function leftOut(i: number, linted: ReadonlySet<string>): string[] {
  return Object.keys(TREE)
    .filter((path) => !linted.has(`p${i}/${path}`))
    .sort();
}

describe('ignore patterns as .gitignore reads them', () => {
  test('the config matcher: each form leaves out the files git would, and a file named outright as much', () => {
    for (const [glob, expected] of FORMS) {
      const config = parseConfig(JSON.stringify({ ignore: [glob] }), '/w/.grantlintrc.json');
      const ignored = Object.keys(TREE).filter((path) => resolveFileSettings(config, `/w/${path}`) === undefined);
      assert.deepEqual(ignored.sort(), [...expected].sort(), glob);
    }
    // Files outside the config's folder, and a name that merely starts with "..", are judged as such.
    const config = parseConfig('{ "ignore": ["**"] }', '/w/sub/.grantlintrc.json');
    assert.notEqual(resolveFileSettings(config, '/w/tenant.yaml'), undefined);
    assert.equal(resolveFileSettings(config, '/w/sub/..tenant.yaml'), undefined);
    assert.notEqual(resolveFileSettings(parseConfig('{ "ignore": ["", "/"] }', '/w/.grantlintrc.json'), '/w/tenant.yaml'), undefined);
  });

  test("overrides' files read the same way: each form applies to the files it would leave out", () => {
    for (const [glob, expected] of FORMS) {
      const config = parseConfig(JSON.stringify({ overrides: [{ files: glob, rules: { 'implicit-grant': 'off' } }] }), '/w/.grantlintrc.json');
      const applied = Object.keys(TREE).filter((path) => settingsFor(config, `/w/${path}`).rules.get('implicit-grant') === 'off');
      assert.deepEqual(applied.sort(), [...expected].sort(), glob);
    }
  });

  test('the CLI: every form leaves out those files, and names no pattern as matching nothing', () => {
    const dir = join(root, 'cli');
    write(dir, projects());
    const run = spawnSync(process.execPath, [CLI, '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /matches no/);
    const linted = new Set((JSON.parse(run.stdout) as { file: string }[]).map((finding) => finding.file));
    FORMS.forEach(([glob, expected], i) => assert.deepEqual(leftOut(i, linted), [...expected].sort(), glob));
  });

  test('the CLI: a file named outright inside an ignored folder is skipped with a line', () => {
    const dir = join(root, 'named');
    write(dir, { ...TREE, '.grantlintrc.json': '{ "ignore": ["yaml/"] }' });
    for (const path of ['yaml/tenant.yaml', 'deep/yaml/main.tf', 'yaml/clients/Web.json']) {
      const run = spawnSync(process.execPath, [CLI, path], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, new RegExp(`skipped '${path.replace(/\./g, '\\.')}': ignored by the "ignore" patterns of '\\.grantlintrc\\.json'`));
    }
  });

  test('the CLI names each ignore pattern that matches no file of the walk, once, and only when the whole folder was walked', () => {
    const dir = join(root, 'unmatched');
    // `./yaml` names nothing in git (no path starts with `./`).
    const missing = ['yml', 'yaml/tenant.json', '/sub', 'keep/', 'Keep', 'tenant.yaml/', './yaml', '#keep', 'keep/ x'];
    write(dir, { ...TREE, '.grantlintrc.json': JSON.stringify({ ignore: ['conf.yaml', ...missing] }) });
    const lines = (args: readonly string[]) => {
      const run = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      return run.stderr.split('\n').filter((line) => line.includes('matches no'));
    };
    // "keep/" matches (a folder) and "#keep" is a comment, not a pattern; the others name nothing here ("./yaml" with the anchored form).
    const expected = missing
      .filter((glob) => glob !== 'keep/' && glob !== '#keep')
      .map((glob) => `grantlint: .grantlintrc.json: "ignore" pattern ${JSON.stringify(glob)} matches no JSON, YAML or Terraform file here: it leaves nothing out${glob === './yaml' ? ` (a leading './' never matches in git; write "/yaml")` : ''}`);
    assert.deepEqual(lines(['.']), expected);
    // From a folder above, paths shown from there.
    assert.deepEqual(
      spawnSync(process.execPath, [CLI, 'unmatched'], { cwd: root, encoding: 'utf8', timeout: 30_000 })
        .stderr.split('\n')
        .filter((line) => line.includes('matches no')),
      expected.map((line) => line.replace('grantlint: .grantlintrc.json', 'grantlint: unmatched/.grantlintrc.json')),
    );
    // A run on some files (pre-commit) or a subfolder cannot tell.
    assert.deepEqual(lines(['keep/tenant.yaml']), []);
    assert.deepEqual(lines(['deep']), []);
    assert.deepEqual(lines(['**/*.yaml']), []);
  });
});

describe("ignore patterns in the editor's workspace scan", () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ files: projects() });
    await server.waitForScans(1);
  });
  after(async () => {
    await server.stop();
  });

  test('every form leaves out the files the CLI leaves out', () => {
    const published = new Set(server.publications.filter((p) => p.diagnostics.length > 0).map((p) => p.uri));
    const linted = new Set(Object.keys(projects()).filter((path) => published.has(server.uri(path))));
    FORMS.forEach(([glob, expected], i) => assert.deepEqual(leftOut(i, linted), [...expected].sort(), glob));
  });
});
