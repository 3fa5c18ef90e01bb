/**
 * The CLI's output as users read it: the stylish layout fits 100 columns and starts every finding with a
 * `path:line:col` that resolves from the working directory (terminals make it a link), with the same findings
 * and messages as the json format; json and SARIF name the client of each finding; the summary counts the files
 * that hold no client config. Run as a whole process on the fixtures, examples and ../shared's corpus and cases.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { STYLISH_WIDTH, wrap } from '../../server/src/cli/formatters/stylish';
import type { CliFinding, CliNote } from '../../server/src/cli/report';

const REPO = join(__dirname, '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');
const SHARED = join(REPO, '..', 'shared');

function cli(args: readonly string[], cwd: string): { stdout: string; stderr: string; status: number | null } {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 256 * 1024 * 1024 });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

const LOCATION_LINE = /^(.+):(\d+):(\d+) +(error|warning|information|hint) +([a-z0-9-]+)$/;
const LOCATION_ALONE = /^(.+):(\d+):(\d+)$/;
const SEVERITY_LINE = /^ {2}(error|warning|information|hint) {2}([a-z0-9-]+)$/;

/**
 * Checks the stylish output of `dir` against its json output: one location line per finding, in the same order,
 * naming the same file, position, severity and rule, followed by the message wrapped within STYLISH_WIDTH; every
 * path resolves from `dir`. Returns the number of findings checked.
 */
function checkStylish(dir: string): number {
  const json = cli(['--format', 'json', '.'], dir);
  // Notes about a Terraform attribute whose meaning depends on the provider version, a computed or placeholder
  // grant_types or auth method (here or in a sibling), an auth method a credentials resource for one instance or a
  // passed-on reference leaves unknown, a third-party client grant's audience that is computed or a placeholder, a
  // client grant whose client is not found, a global client, a token_vault_privileged_access of another type, fixes
  // held back by a syntax error, and files not given whose findings depend on these, are expected; nothing else is.
  const notes =
    /: token_endpoint_auth_method (is read as|and \S+ both set) the (auth )?method|: (grant_types|app_type|authentication_method|token_endpoint_auth_method)( of auth0_client\.\S+( \(\S+:\d+:\d+\))?)? (is computed|holds a computed value)( \(known at plan time\))?: |: audience is (computed|a placeholder): |: authentication_method unknown \(|: (grant_types|app_type|token_endpoint_auth_method) (is|holds) a deploy-cli placeholder: |on the files given and (was|were) not checked|: client grant for \S+.* not checked: |: the tenant's global client \(global: true\)|: token_vault_privileged_access is .*: its rule does not judge this client$|: no fixes in this file until the (syntax )?error on line \d+ is mended/;
  const problems = json.stderr.split('\n').filter((line) => line !== '' && !notes.test(line));
  assert.deepEqual(problems, [], `${dir} runs without a usage or configuration error`);
  // The json format lists those notes too (ruleId null); stylish shows them on stderr, as checked above.
  const findings = (JSON.parse(json.stdout) as (CliFinding | CliNote)[]).filter((f): f is CliFinding => f.ruleId !== null);
  const stylish = cli(['.'], dir);
  assert.equal(stylish.status, json.status);
  const lines = stylish.stdout.split('\n');
  let at = 0;
  for (const finding of findings) {
    while (lines[at] === '') at++;
    // The location line, or (a long path with a long rule id) the location alone, then the severity and rule id.
    const whole = LOCATION_LINE.exec(lines[at] ?? '');
    const alone = whole ? undefined : LOCATION_ALONE.exec(lines[at] ?? '');
    const rest = alone ? SEVERITY_LINE.exec(lines[at + 1] ?? '') : undefined;
    const location = whole ? whole.slice(1, 6) : alone && rest ? [...alone.slice(1, 4), ...rest.slice(1, 3)] : undefined;
    assert.ok(location, `a location line for ${finding.file}:${finding.line}, got ${JSON.stringify(lines[at])}`);
    assert.deepEqual(location, [finding.file, String(finding.line), String(finding.column), finding.severity, finding.ruleId]);
    assert.ok(existsSync(join(dir, location[0]!)), `${location[0]} resolves from the working directory`);
    const ownLine = stringWidth(`${finding.file}:${finding.line}:${finding.column}`) > STYLISH_WIDTH;
    assert.ok(stringWidth(lines[at]!) <= STYLISH_WIDTH || ownLine, `${stringWidth(lines[at]!)} columns: ${lines[at]}`);
    at += alone ? 2 : 1;
    const message: string[] = [];
    while (lines[at]?.startsWith('  ')) {
      const line = lines[at]!;
      assert.ok(stringWidth(line) <= STYLISH_WIDTH || !line.trim().includes(' '), `${stringWidth(line)} columns: ${line}`);
      message.push(line.slice(2));
      at++;
    }
    assert.equal(message.join(' '), finding.message);
  }
  const rest = lines.slice(at).filter((line) => line !== '');
  assert.match(rest[0] ?? '', /^(No problems|\d+ problems?) .*\d+ files? checked/);
  for (const line of rest) assert.ok(stringWidth(line) <= STYLISH_WIDTH || !line.includes(' '), `${stringWidth(line)} columns: ${line}`);
  return findings.length;
}

/**
 * Whether, in stylish output, the severities on the lines of locations of at most 50 terminal columns start in one
 * column per file (each such line pads its location; rule ids here are short enough to share the line).
 */
function assertSeveritiesAligned(stdout: string): void {
  const starts = new Map<string, Set<number>>();
  for (const line of stdout.split('\n')) {
    const whole = LOCATION_LINE.exec(line);
    if (!whole || stringWidth(`${whole[1]!}:${whole[2]!}:${whole[3]!}`) > 50) continue;
    const column = stringWidth(line.slice(0, line.lastIndexOf(whole[4]!, line.length - whole[5]!.length - 1)));
    starts.set(whole[1]!, (starts.get(whole[1]!) ?? new Set()).add(column));
  }
  for (const [file, columns] of starts) assert.equal(columns.size, 1, `${file}: severities start in columns ${[...columns].join(', ')}`);
}

/** Whether `dir` holds a file the CLI reads (JSON or YAML), at any depth. */
function holdsConfigs(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    // A .grantlintrc.json is configuration, never linted.
    entry.isDirectory() ? holdsConfigs(join(dir, entry.name)) : /\.(jsonc?|ya?ml)$/.test(entry.name) && entry.name !== '.grantlintrc.json',
  );
}

/** The golden scenarios' inputs, but those with nothing to lint and the broken config (their goldens cover them). */
function cliScenarios(): string[] {
  const root = join(REPO, 'test', 'fixtures', 'cli');
  return readdirSync(root)
    .filter((name) => !name.startsWith('config-error'))
    .map((name) => join(root, name, 'input'))
    .filter((dir) => existsSync(dir) && holdsConfigs(dir));
}

test('stylish: fixtures and examples fit 100 columns, with path:line:col and the json findings', () => {
  let findings = 0;
  for (const dir of [...cliScenarios(), join(REPO, 'examples'), join(REPO, 'test', 'fixtures', 'rules')]) findings += checkStylish(dir);
  assert.ok(findings > 100, `${findings} findings checked`);
});

for (const folder of ['corpus', 'cases']) {
  const dir = join(SHARED, folder);
  test(`stylish: ../shared/${folder} fits 100 columns`, { skip: existsSync(dir) ? false : `../shared/${folder} is absent here` }, () => {
    assert.ok(checkStylish(dir) > 0);
  });
}

test('wrap: lines within the width in terminal columns (wide East Asian characters take two), broken only at spaces, nothing lost', () => {
  // ASCII words, and words of wide and mixed script (CJK, fullwidth forms, Hangul).
  const word = fc.oneof(fc.stringMatching(/^[^\s]{1,30}$/), fc.stringMatching(/^[\u3041-\u30ff\u4e00-\u4fff\uff01-\uff5e\uac00-\uac80a-z]{1,20}$/));
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), fc.integer({ min: 20, max: 120 }), (words, width) => {
      const text = words.join(' ');
      const lines = wrap(text, width);
      assert.equal(lines.join(' '), text);
      for (const line of lines) assert.ok(stringWidth(line) <= width || !line.includes(' '), line);
      // Greedy: no line could have taken the next line's first word.
      for (let i = 0; i + 1 < lines.length; i++) assert.ok(stringWidth(lines[i]!) + 1 + stringWidth(lines[i + 1]!.split(' ')[0]!) > width);
    }),
  );
});

test('stylish: client files named in East Asian script fit 100 terminal columns, severities aligned by column', () => {
  // Names of 5 to 45 characters, mostly wide: paths from under 50 columns to over 100.
  const wide = fc.oneof(fc.integer({ min: 0x3041, max: 0x30ff }), fc.integer({ min: 0x4e00, max: 0x4fff })).map((code) => String.fromCodePoint(code));
  const char = fc.oneof({ weight: 4, arbitrary: wide }, { weight: 1, arbitrary: fc.constantFrom('a', 'Z', ' ', '（', '）', '・', '—') });
  const name = fc.array(char, { minLength: 5, maxLength: 45 }).map((chars) => chars.join('').trim() || 'x');
  fc.assert(
    fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 4, selector: (n) => n.toLowerCase() }), (names) => {
      const dir = mkdtempSync(join(tmpdir(), 'grantlint-wide-'));
      try {
        mkdirSync(join(dir, 'clients'));
        for (const n of names) writeFileSync(join(dir, 'clients', `${n}.json`), JSON.stringify({ name: n, app_type: 'spa', token_endpoint_auth_method: 'none', grant_types: ['implicit', 'authorization_code', 'password'] }, null, 2));
        assert.ok(checkStylish(dir) >= names.length);
        assertSeveritiesAligned(cli(['.'], dir).stdout);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 15 },
  );
});

/** A folder with clients in three formats, a broken file, a suppression comment and files without clients. */
function mixedFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-output-'));
  mkdirSync(join(dir, 'clients'));
  writeFileSync(
    join(dir, 'tenant.yaml'),
    [
      'clients:',
      '  - name: Storefront SPA',
      '    app_type: spa',
      '    token_endpoint_auth_method: none',
      '    grant_types: [authorization_code, client_credentials]',
      '  # grantlint-disable-next-line implicit-grant',
      '  - name: Orders API',
      '    app_type: non_interactive',
      '    token_endpoint_auth_method: client_secret_post',
      '    grant_types: [client_credentials]',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'clients', 'Mobile App.json'), JSON.stringify({ name: 'Mobile App', app_type: 'native', grant_types: ['authorization_code', 'implicit'] }, null, 2));
  writeFileSync(join(dir, 'clients', 'Broken.json'), '{ "name": "Broken", "grant_types": ["implicit", }');
  writeFileSync(
    join(dir, 'main.tf.json'),
    JSON.stringify({ resource: { auth0_client: { partner: { app_type: 'regular_web', grant_types: ['password-realm'] } } } }, null, 2),
  );
  writeFileSync(join(dir, 'package.json'), '{ "name": "infra", "version": "1.0.0" }\n');
  writeFileSync(join(dir, 'values.yaml'), 'replicas: 2\n');
  return dir;
}

test('json and SARIF name the client of each finding; file-level findings have none', () => {
  const dir = mixedFolder();
  try {
    const findings = JSON.parse(cli(['--format', 'json', '.'], dir).stdout) as CliFinding[];
    const seen = findings.map((f) => `${f.file} ${f.ruleId} ${JSON.stringify(f.client)}`);
    // A client whose text holds a syntax error gets parse-error findings only: its values are guesses.
    assert.deepEqual(seen, [
      // One mistake (a `}` where the list's `]` belongs), one parse-error.
      'clients/Broken.json parse-error null',
      'clients/Mobile App.json public-app-type-without-none "Mobile App"',
      'clients/Mobile App.json implicit-grant "Mobile App"',
      'main.tf.json unknown-grant-type "partner"',
      'tenant.yaml public-client-credentials "Storefront SPA"',
      'tenant.yaml unused-suppression null',
    ]);
    const sarif = JSON.parse(cli(['--format', 'sarif', '.'], dir).stdout) as { runs: { results: { ruleId: string; properties?: { client: string } }[] }[] };
    const results = sarif.runs[0]!.results;
    assert.deepEqual(
      results.map((r) => [r.ruleId, r.properties?.client]),
      findings.map((f) => [f.ruleId, f.client ?? undefined]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the summary counts the files that hold no client config, and names them where few', () => {
  const dir = mixedFolder();
  try {
    const out = cli(['.'], dir).stdout;
    assert.match(out, /\n6 problems \(3 errors, 2 warnings, 1 hint\) in 6 files checked, 2 without client configs:\npackage\.json, values\.yaml\.\n/);
    rmSync(join(dir, 'clients'), { recursive: true });
    rmSync(join(dir, 'main.tf.json'));
    writeFileSync(join(dir, 'tenant.yaml'), 'clients:\n  - name: A\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: [authorization_code]\n');
    assert.equal(cli(['.'], dir).stdout, 'No problems (3 files checked, 2 without client configs: package.json, values.yaml).\n');
    rmSync(join(dir, 'package.json'));
    rmSync(join(dir, 'values.yaml'));
    assert.equal(cli(['.'], dir).stdout, 'No problems (1 file checked).\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('paths are shown relative to the working directory, also below a folder whose name starts with two dots', () => {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-dots-'));
  try {
    const client = JSON.stringify({ name: 'Dots', app_type: 'spa', token_endpoint_auth_method: 'none', grant_types: ['password'] });
    for (const folder of ['..shared', '.x', 'plain']) {
      mkdirSync(join(dir, folder));
      writeFileSync(join(dir, folder, 'clients.json'), client);
    }
    const json = cli(['--format', 'json', '.'], dir);
    const files = [...new Set((JSON.parse(json.stdout) as CliFinding[]).map((f) => f.file))].sort();
    assert.deepEqual(files, ['..shared/clients.json', '.x/clients.json', 'plain/clients.json']);
    // A path outside the working directory stays absolute.
    const outside = cli(['--format', 'json', join(dir, 'plain')], join(dir, '.x'));
    assert.deepEqual([...new Set((JSON.parse(outside.stdout) as CliFinding[]).map((f) => f.file))], [join(dir, 'plain', 'clients.json')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
