/**
 * A config override limited to a pointer that meets nothing (a renamed resource, a typo, an index past the list)
 * silences nothing: the CLI names it on stderr, once per override, judged over the files it applies to and their
 * project siblings, in a run that walked the config file's whole folder (a run on part of the project, as
 * pre-commit makes, cannot tell and says nothing). The exit code stays what the findings make it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const root = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-override-notes-')));
after(() => rmSync(root, { recursive: true, force: true }));

let count = 0;
/** A fresh project of `files` (path → text), linted with `args`: exit code and stderr's lines. */
function run(files: Record<string, string>, args: readonly string[]): { status: number | null; lines: string[] } {
  const dir = join(root, String(count++));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const cli = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  return { status: cli.status, lines: cli.stderr.split('\n').filter((line) => line.includes('matches nothing')) };
}

const config = (overrides: readonly object[]) => JSON.stringify({ overrides }, null, 2);
const MAIN_TF = 'resource "auth0_client" "web" {\n  name        = "Web"\n  app_type    = "regular_web"\n  grant_types = ["authorization_code", "implicit"]\n}\n';
const CREDENTIALS_TF = 'resource "auth0_client_credentials" "web" {\n  client_id             = auth0_client.web.id\n  authentication_method = "client_secret_post"\n}\n';
const TENANT_YAML = 'clients:\n  - name: A\n    grant_types: [authorization_code, implicit]\n  - name: B\n    grant_types: [authorization_code]\n';

describe('overrides whose pointer meets nothing', () => {
  test('Terraform: a misspelt resource name is named once, with the files it applies to; the right one is not', () => {
    const { status, lines } = run(
      {
        'infra/main.tf': MAIN_TF,
        'infra/credentials.tf': CREDENTIALS_TF,
        '.grantlintrc.json': config([
          { files: 'infra/*.tf', pointer: '/auth0_client/wbe', rules: { 'implicit-grant': 'off' } },
          { files: 'infra/*.tf', pointer: '/auth0_client/web', rules: { 'implicit-grant': 'off' } },
        ]),
      },
      ['.'],
    );
    assert.equal(status, 0);
    assert.deepEqual(lines, [`grantlint: .grantlintrc.json, overrides[0]: pointer "/auth0_client/wbe" matches nothing in the 2 files it applies to ('infra/credentials.tf', 'infra/main.tf'): its rules change nothing there`]);
  });

  test('Terraform: one file of a module given alone (a pre-commit run): its siblings count', () => {
    const { lines } = run(
      {
        'main.tf': MAIN_TF,
        'credentials.tf': CREDENTIALS_TF,
        '.grantlintrc.json': config([{ files: '*.tf', pointer: '/auth0_client/web', rules: { 'implicit-grant': 'off' } }]),
      },
      ['credentials.tf'],
    );
    assert.deepEqual(lines, []);
  });

  test('a run on part of the project (one file, one module, a folder below the config file) cannot tell: nothing said', () => {
    const files = {
      'modA/main.tf': MAIN_TF.replace(/"web"/, '"portal"'),
      'modB/main.tf': MAIN_TF,
      '.grantlintrc.json': config([{ files: '**/*.tf', pointer: '/auth0_client/portal', rules: { 'implicit-grant': 'off' } }]),
    };
    for (const args of [['modB/main.tf'], ['modB'], ['.']]) assert.deepEqual(run(files, args).lines, [], args.join(' '));
    const typo = { ...files, '.grantlintrc.json': config([{ files: '**/*.tf', pointer: '/auth0_client/portl', rules: { 'implicit-grant': 'off' } }]) };
    assert.equal(run(typo, ['.']).lines.length, 1, 'the whole project: named');
    assert.deepEqual(run(typo, ['modA/main.tf']).lines, [], 'one file: not judged');
  });

  test('YAML: an index past the clients list is named; an index in it is not; a file with a syntax error is not judged', () => {
    const past = run({ 'tenant.yaml': TENANT_YAML, '.grantlintrc.json': config([{ files: 'tenant.yaml', pointer: '/clients/2', rules: { 'implicit-grant': 'off' } }]) }, ['.']);
    assert.deepEqual(past.lines, [`grantlint: .grantlintrc.json, overrides[0]: pointer "/clients/2" matches nothing in 'tenant.yaml': its rules change nothing there`]);
    const inList = run({ 'tenant.yaml': TENANT_YAML, '.grantlintrc.json': config([{ files: 'tenant.yaml', pointer: '/clients/1', rules: { 'implicit-grant': 'off' } }]) }, ['.']);
    assert.deepEqual(inList.lines, []);
    const broken = run({ 'tenant.yaml': `${TENANT_YAML}  - name: [C\n`, '.grantlintrc.json': config([{ files: 'tenant.yaml', pointer: '/clients/7', rules: { 'implicit-grant': 'off' } }]) }, ['.']);
    assert.deepEqual(broken.lines, []);
  });

  test('a deploy-cli directory: judged over the clients the glob matches; a pointer escaped as RFC 6901 says', () => {
    const client = (name: string, grants: string[]) => JSON.stringify({ name, app_type: 'regular_web', grant_types: grants });
    const files = {
      'clients/A.json': client('A', ['authorization_code', 'implicit']),
      'clients/B.json': client('B', ['authorization_code']),
      '.grantlintrc.json': config([
        { files: 'clients/*.json', pointer: '/grant_types/1', rules: { 'implicit-grant': 'off' } },
        { files: 'clients/*.json', pointer: '/client_metadata/a~1b', rules: { 'implicit-grant': 'off' } },
      ]),
    };
    const { status, lines } = run(files, ['.']);
    assert.equal(status, 0);
    assert.deepEqual(lines, [`grantlint: .grantlintrc.json, overrides[1]: pointer "/client_metadata/a~1b" matches nothing in the 2 files it applies to ('clients/A.json', 'clients/B.json'): its rules change nothing there`]);
  });
});

describe("a finding on another file's value, shown on the file asked for", () => {
  const NATIVE = 'resource "auth0_client" "tv" {\n  name        = "TV"\n  app_type    = "native"\n  grant_types = ["authorization_code", "client_credentials"]\n}\n';
  const SECRET = 'resource "auth0_client_credentials" "tv" {\n  client_id             = auth0_client.tv.id\n  authentication_method = "client_secret_basic"\n}\n';
  const findings = (files: Record<string, string>, args: readonly string[]) => {
    const dir = join(root, String(count++));
    mkdirSync(dir, { recursive: true });
    for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
    const cli = spawnSync(process.execPath, [CLI, '--format', 'json', '--max-warnings', '0', ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    return { status: cli.status, rules: (JSON.parse(cli.stdout) as { ruleId: string | null; file: string }[]).filter((f) => f.ruleId !== null).map((f) => `${f.file} ${f.ruleId}`) };
  };

  for (const [name, config] of [
    ['a pointer override', { overrides: [{ files: 'credentials.tf', pointer: '/auth0_client_credentials/tv', rules: { 'secret-on-public-app-type': 'off' } }] }],
    ['a files override', { overrides: [{ files: 'credentials.tf', rules: { 'secret-on-public-app-type': 'off' } }] }],
  ] as const) {
    test(`${name} of the other file applies when only main.tf is linted (a pre-commit run), as when the module is`, () => {
      const files = { 'main.tf': NATIVE, 'credentials.tf': SECRET, '.grantlintrc.json': JSON.stringify(config) };
      assert.deepEqual(findings(files, ['.']), { status: 0, rules: [] });
      assert.deepEqual(findings(files, ['main.tf']), { status: 0, rules: [] });
    });
  }

  test("a suppression comment in credentials.tf silences the finding in a run on main.tf alone, as in a run on the module", () => {
    const files = { 'main.tf': NATIVE, 'credentials.tf': `# grantlint-disable-next-line secret-on-public-app-type\n${SECRET}` };
    assert.deepEqual(findings(files, ['.']), { status: 0, rules: [] });
    assert.deepEqual(findings(files, ['main.tf']), { status: 0, rules: [] });
  });

  test("a comment above the client in main.tf does not silence a finding on credentials.tf's value, in either run", () => {
    const files = { 'main.tf': `# grantlint-disable-next-line secret-on-public-app-type\n${NATIVE}`, 'credentials.tf': SECRET };
    const rules = (run: { rules: string[] }) => run.rules.map((r) => r.split(' ')[1]).sort();
    const module = findings(files, ['.']);
    const alone = findings(files, ['main.tf']);
    assert.deepEqual(rules(module), ['secret-on-public-app-type', 'unused-suppression']);
    assert.deepEqual(rules(alone), rules(module));
    assert.equal(alone.status, module.status);
  });

  test('without an override, main.tf alone shows the finding on its client (control)', () => {
    assert.deepEqual(findings({ 'main.tf': NATIVE, 'credentials.tf': SECRET }, ['main.tf']), { status: 1, rules: ['main.tf secret-on-public-app-type'] });
  });
});

describe('overrides whose files match no file', () => {
  const client = (name: string) => JSON.stringify({ name, app_type: 'regular_web', grant_types: ['authorization_code', 'implicit'] });
  const files = {
    'clients/A.json': client('A'),
    'clients/B.json': client('B'),
    '.grantlintrc.json': config([
      { files: 'clients/Gone.json', rules: { 'implicit-grant': 'off' } },
      { files: 'clients/A.json', rules: { 'implicit-grant': 'off' } },
      { files: ['clients/Gone.json', 'clients/B*.json'], pointer: '/grant_types/1', rules: { 'implicit-grant': 'off' } },
    ]),
  };
  const lines = (args: readonly string[]) => {
    const dir = join(root, String(count++));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 }).stderr.split('\n').filter((line) => line.includes('matches no file'));
  };

  test('a walk over the config file\'s folder names the override that matches no file, once', () => {
    assert.deepEqual(lines(['.']), [`grantlint: .grantlintrc.json, overrides[0]: "files" matches no file here: its rules change nothing`]);
  });

  test('a run on some files only (pre-commit), or on a folder below the config file, cannot tell: nothing said', () => {
    assert.deepEqual(lines(['clients/A.json']), []);
    assert.deepEqual(lines(['clients']), []);
  });
});
