/**
 * json, SARIF and github list the run's notes themselves (`"ruleId": null` entries, notifications, notices), so
 * their stderr does not repeat them: before, each note was printed on stderr as well. Generated over note kinds
 * (a Terraform credentials resource or client grant naming an undeclared client, a deploy-cli grant naming no
 * client in YAML and in a directory, a computed Terraform value, a global client, files not given whose findings
 * depend on those given) and each machine format, with and without `--fix`: every note line stylish prints on
 * stderr is absent from the machine format's stderr and present in its output. What the formats do not carry stays
 * on stderr: the notes with `--quiet` (which lists errors only; the files not given whose findings depend on those
 * given too: before, those alone went into the format) and `--fix`'s note on a grant list too long for its fixes to
 * be checked.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { before, test } from 'node:test';
import { run } from '../../server/src/cli/main';
import type { CliNote } from '../../server/src/cli/report';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

interface NoteCase {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  /** The paths given on the command line. */
  readonly targets: readonly string[];
}

const WEB_TF = ['resource "auth0_client" "storefront" {', '  name        = "Storefront"', '  app_type    = "regular_web"', '  grant_types = ["authorization_code"]', '}', ''].join('\n');

const CASES: readonly NoteCase[] = [
  {
    name: 'credentials naming an undeclared client',
    files: { 'main.tf': `${WEB_TF}resource "auth0_client_credentials" "storefront" {\n  client_id             = auth0_client.storefrnt.id\n  authentication_method = "client_secret_post"\n}\n` },
    targets: ['.'],
  },
  {
    name: 'Terraform client grant naming an undeclared client',
    files: { 'main.tf': `${WEB_TF}resource "auth0_client_grant" "api" {\n  client_id = auth0_client.reporting.id\n  audience  = "https://api.example.com"\n  scopes    = ["read:x"]\n}\n` },
    targets: ['.'],
  },
  {
    name: 'YAML grant naming no client',
    files: { 'tenant.yaml': 'clients:\n  - name: Ledger\n    app_type: non_interactive\n    grant_types: [client_credentials]\nclientGrants:\n  - client_id: Ledgr\n    audience: https://api.example.com\n    scope: [read:x]\n' },
    targets: ['.'],
  },
  {
    name: 'directory grant naming no client',
    files: {
      'clients/Ledger.json': '{\n  "name": "Ledger",\n  "app_type": "non_interactive",\n  "grant_types": ["client_credentials"]\n}\n',
      'grants/nobody.json': '{\n  "client_id": "Nobody",\n  "audience": "https://api.example.com",\n  "scope": ["read:x"]\n}\n',
    },
    targets: ['.'],
  },
  {
    name: 'computed Terraform app_type',
    files: { 'main.tf': 'variable "kind" {}\nresource "auth0_client" "web" {\n  name        = "Web"\n  app_type    = var.kind\n  grant_types = ["authorization_code", "implicit"]\n}\n' },
    targets: ['.'],
  },
  {
    name: 'global client and a finding',
    files: { 'tenant.yaml': 'clients:\n  - name: All Applications\n    global: true\n    grant_types: [implicit]\n  - name: Web\n    app_type: spa\n    grant_types: [authorization_code, client_credentials]\n' },
    targets: ['.'],
  },
  {
    name: 'dependents not given',
    files: {
      'main.tf': WEB_TF,
      'credentials.tf': 'resource "auth0_client_credentials" "storefront" {\n  client_id             = auth0_client.storefront.id\n  authentication_method = "none"\n}\n',
    },
    targets: ['main.tf'],
  },
];

const FORMATS = ['json', 'sarif', 'github'] as const;

/** A run on a fresh copy of a case's files. */
async function runCase(c: NoteCase, args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-notes-'));
  try {
    mkdirSync(join(dir, '.git'));
    for (const [name, text] of Object.entries(c.files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const outcome = await run([...args, ...c.targets], dir);
    return { stdout: [...outcome.stdout].join(''), stderr: outcome.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The stderr lines that are notes: a place and a message, or the files not given whose findings depend on these. */
function noteLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /^grantlint: \S.*:\d+:\d+: /.test(line) || / on the files given and (was|were) not checked/.test(line));
}

/** The note's message, as the formats carry it (a dependents line: what each dependent's note says). */
function messageOf(line: string): string {
  if (/ on the files given and (was|were) not checked/.test(line)) return 'Not checked: its findings depend on';
  return line.replace(/^grantlint: \S.*?:\d+:\d+: /, '');
}

test('json, SARIF and github do not repeat on stderr the notes they list', async () => {
  for (const c of CASES) {
    for (const fix of [false, true]) {
      const plain = await runCase(c, ['--no-color', ...(fix ? ['--fix'] : [])]);
      const notes = noteLines(plain.stderr);
      assert.ok(notes.length > 0, `${c.name}: stylish gives a note on stderr\n${plain.stderr}`);
      for (const format of FORMATS) {
        const what = `${c.name}, --format ${format}${fix ? ' --fix' : ''}`;
        const machine = await runCase(c, ['--format', format, ...(fix ? ['--fix'] : [])]);
        assert.deepEqual(noteLines(machine.stderr), [], `${what}: no note on stderr\n${machine.stderr}`);
        for (const line of notes) {
          const message = messageOf(line);
          const carried =
            format === 'json'
              ? (JSON.parse(machine.stdout) as CliNote[]).some((entry) => entry.ruleId === null && entry.message.startsWith(message))
              : machine.stdout.includes(format === 'sarif' ? JSON.stringify(message).slice(1, -1) : message);
          assert.ok(carried, `${what}: the format lists ${JSON.stringify(message)}\n${machine.stdout}`);
        }
      }
    }
  }
});

test('what the formats do not carry stays on stderr: notes with --quiet, unchecked fixes with --fix', async () => {
  // Every note kind, the files not given among them: one run's notes all in one place, stderr.
  for (const c of CASES) {
    const plain = noteLines((await runCase(c, ['--no-color', '--quiet'])).stderr);
    assert.ok(plain.length > 0, `${c.name}: stylish --quiet gives a note on stderr`);
    for (const format of FORMATS) {
      const quiet = await runCase(c, ['--format', format, '--quiet']);
      assert.deepEqual(noteLines(quiet.stderr), plain, `${c.name}: --quiet --format ${format} lists no notes: stderr keeps them`);
      if (format === 'json') assert.deepEqual((JSON.parse(quiet.stdout) as CliNote[]).filter((entry) => entry.ruleId === null), [], `${c.name}: --quiet --format json lists errors only`);
      if (format === 'github') assert.doesNotMatch(quiet.stdout, /^::notice/m, `${c.name}: --quiet --format github lists errors only`);
    }
  }
  // A grant list too long for its fixes to be checked (more than 1,000 items): --fix names it on stderr only.
  const long: NoteCase = {
    name: 'long grant list',
    files: { 'tenant.yaml': `clients:\n  - name: Web\n    app_type: regular_web\n    grant_types: [${Array.from({ length: 1001 }, () => 'implicit').join(', ')}]\n` },
    targets: ['.'],
  };
  for (const format of FORMATS) {
    const fixed = await runCase(long, ['--format', format, '--fix']);
    assert.match(fixed.stderr, /^grantlint: tenant\.yaml:4:5: no fixes for 'Web': grant_types holds 1,001 items/m, `--fix --format ${format}`);
  }
});
