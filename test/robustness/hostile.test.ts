/**
 * Defined behaviour for hostile and accidental input, in the engine and in the CLI as a whole process: alias
 * bombs, nesting 200,000 deep, lines of megabytes, 40,000 clients, 300,000 grants, binary files, invalid UTF-8,
 * a byte order mark, CRLF, tabs, duplicate keys, wrong types, thousands of documents, empty files and files over
 * the size limit. No test here measures time: a hang fails through the test's timeout.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DEFAULT_MAX_FILE_SIZE, fixAll, LineIndex, lintText, type LintResult, type ValueNode } from '../../server/src/engine/index';
import { MAX_NESTING_DEPTH, MAX_YAML_COPIED_NODES } from '../../server/src/engine/limits';
import { generateRealisticTenantYaml } from '../helpers/tenant-generator';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const SLOW = { timeout: 180_000 };

const work = mkdtempSync(join(tmpdir(), 'grantlint-hostile-'));
after(() => rmSync(work, { recursive: true, force: true }));
let folders = 0;

/** Writes files (text or bytes) into a fresh folder and returns it. */
function tree(files: Record<string, string | Buffer>): string {
  const dir = join(work, `case-${folders++}`);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}

interface CliRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

/** Runs the built CLI; stdout goes through a file, so a report of many megabytes needs no pipe buffer. */
function cli(args: readonly string[], cwd: string): CliRun {
  const out = join(cwd, '..', `stdout-${folders++}.txt`);
  const fd = openSync(out, 'w');
  try {
    const run = spawnSync(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { stdout: readFileSync(out, 'utf8'), stderr: run.stderr, status: run.status };
  } finally {
    closeSync(fd);
    rmSync(out, { force: true });
  }
}

function ids(result: LintResult): string[] {
  return result.findings.map((f) => f.ruleId);
}

function messages(result: LintResult): string[] {
  return result.findings.map((f) => `${f.ruleId}: ${f.message}`);
}

const NESTING = `Nesting deeper than ${MAX_NESTING_DEPTH} levels is not read.`;

describe('YAML alias-expansion bombs', () => {
  const laughs = ['clients:', '  - name: Laughs', '    grant_types: [implicit]', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const [name, prev] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
    laughs.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
  }
  const billion = laughs.join('\n') + '\n';

  test('billion laughs: resolution stops at the bound with one parse error, the clients are still checked', () => {
    const result = lintText({ path: '/t/tenant.yaml', text: billion });
    const bound = result.parsed.errors.filter((e) => e.message.includes('values beyond that bound are not checked'));
    assert.equal(result.parsed.errors.length, 1, JSON.stringify(result.parsed.errors));
    assert.equal(bound.length, 1);
    assert.deepEqual(ids(result), ['implicit-grant', 'parse-error']);
    // Bounded: the model holds at most the bound of copied nodes beyond what the text itself holds.
    let nodes = 0;
    const count = (node: ValueNode): void => {
      nodes++;
      if (node.kind === 'array') node.items.forEach(count);
      if (node.kind === 'object') [...node.props, ...(node.merged ?? [])].forEach((p) => count(p.value));
    };
    count(result.parsed.documents[0]!.root!);
    assert.ok(nodes <= MAX_YAML_COPIED_NODES + 200, `${nodes} nodes`);
  });

  test('many anchors and aliases within the bound: resolved, no error', () => {
    const lines = ['clients:', '  - name: Many', '    grant_types: [implicit]', 'x:'];
    for (let i = 0; i <= 5000; i++) lines.push(`  - &a${i} v${i}`, `  - *a${i}`);
    const result = lintText({ path: '/t/tenant.yaml', text: lines.join('\n') + '\n' });
    assert.deepEqual(result.parsed.errors, []);
    assert.deepEqual(ids(result), ['implicit-grant']);
    assert.equal(result.parsed.anchors?.length, 5001);
  });

  test('a bomb of nested lists used by a client: one parse error, the other clients checked', () => {
    const lines = ['x0: &x0 [a, a, a, a, a, a, a, a, a, a]'];
    for (let i = 1; i < 12; i++) lines.push(`x${i}: &x${i} [${Array(10).fill(`*x${i - 1}`).join(', ')}]`);
    lines.push('clients:', '  - name: Bomb', '    grant_types: *x11', '  - name: Plain', '    grant_types: [implicit]');
    const result = lintText({ path: '/t/tenant.yaml', text: lines.join('\n') + '\n' });
    assert.equal(result.parsed.errors.length, 1);
    assert.equal(ids(result).filter((id) => id === 'parse-error').length, 1);
    // The bomb's client holds lists of lists as far as they are resolved (grant-types-type may say so); Plain is checked.
    assert.ok(result.clientFindings[1]!.some((f) => f.ruleId === 'implicit-grant'), JSON.stringify(ids(result)));
  });

  test('CLI: the billion laughs file is reported like any other', () => {
    const run = cli(['--format', 'json', '.'], tree({ 'tenant.yaml': billion }));
    assert.equal(run.status, 1, run.stderr);
    // The note (no rule id) that the syntax error holds back the file's fixes comes last.
    assert.deepEqual((JSON.parse(run.stdout) as { ruleId: string | null }[]).map((f) => f.ruleId), ['implicit-grant', 'parse-error', null]);
  });
});

describe('nesting 200,000 levels deep', () => {
  const N = 200_000;
  const deep: Record<string, [string, string]> = {
    'JSON [[[[': ['/t/clients/a.json', '['.repeat(N)],
    'JSON [[[[…]]]]': ['/t/clients/a.json', '['.repeat(N) + ']'.repeat(N)],
    'JSON {"a":{"a":': ['/t/clients/a.json', '{"a":'.repeat(N)],
    'YAML flow [[[[': ['/t/tenant.yaml', `clients: ${'['.repeat(N)}`],
    'YAML - - - -': ['/t/tenant.yaml', `${'- '.repeat(N)}x\n`],
    'YAML ? ? ? ?': ['/t/tenant.yaml', `${'? '.repeat(N)}x\n`],
    'YAML indented block mappings': ['/t/tenant.yaml', Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + '\n'],
  };
  for (const [name, [path, text]] of Object.entries(deep)) {
    test(`${name}: one parse error, no stack overflow`, () => {
      const result = lintText({ path, text });
      assert.deepEqual(messages(result), [`parse-error: ${NESTING}`]);
      assert.equal(fixAll({ path, text }).text, text);
    });
  }

  test(`exactly ${MAX_NESTING_DEPTH} levels are read, and fixes, suppressions and fix-all work down there`, () => {
    const depth = MAX_NESTING_DEPTH - 4; // the root mapping, clients, the client and the grant_types list come first
    const nested = '['.repeat(depth) + ']'.repeat(depth);
    const yaml = `clients:\n  # grantlint-disable-next-line grant-types-type -- generated\n  - name: Deep\n    grant_types: [${nested}]\n  - name: Also\n    grant_types: [implicit, authorisation_code]\n`;
    const result = lintText({ path: '/t/tenant.yaml', text: yaml });
    assert.deepEqual(result.parsed.errors, []);
    assert.deepEqual(ids(result), ['implicit-grant', 'unknown-grant-type']);
    // The misspelling's fix is a guess (unsafe): fix-all with unsafe fixes applies it down there.
    assert.notEqual(fixAll({ path: '/t/tenant.yaml', text: yaml }, { unsafe: true }).text, yaml);
    const json = `{"name": "Deep", "grant_types": [${'['.repeat(MAX_NESTING_DEPTH - 2)}${']'.repeat(MAX_NESTING_DEPTH - 2)}, "implicit"]}`;
    assert.deepEqual(ids(lintText({ path: '/t/clients/Deep.json', text: json })), ['grant-types-type', 'implicit-grant']);
  });

  test('nesting just under the limit repeated all through a file: refused, not read for minutes', () => {
    const chunk = '['.repeat(900) + ']'.repeat(900);
    const text = `[${Array(600).fill(chunk).join(',')}]`;
    const result = lintText({ path: '/t/clients/a.json', text });
    assert.equal(result.findings.length, 1);
    assert.match(result.findings[0]!.message, /Deep nesting repeated all through the file is not read/);
  });

  test('CLI: a file 200,000 levels deep is one finding and exit 1', () => {
    const run = cli(['--format', 'json', '.'], tree({ 'clients/Deep.json': '['.repeat(N), 'tenant.yaml': `${'- '.repeat(N)}x\n` }));
    assert.equal(run.status, 1, run.stderr);
    const findings = JSON.parse(run.stdout) as { file: string; ruleId: string; message: string }[];
    assert.deepEqual(findings.map((f) => `${f.file} ${f.ruleId} ${f.message}`), [`clients/Deep.json parse-error ${NESTING}`, `tenant.yaml parse-error ${NESTING}`]);
  });
});

describe('sizes', () => {
  test('a single line of 8 MB is read, and positions after it are right', SLOW, () => {
    const description = 'x'.repeat(8_000_000);
    for (const [path, text] of [
      ['/t/clients/Long.json', `{"name": "Long", "description": "${description}", "grant_types": ["implicit"]}`],
      ['/t/tenant.yaml', `clients:\n  - name: Long\n    description: ${description}\n    grant_types: [implicit]\n`],
    ] as const) {
      const result = lintText({ path, text });
      assert.deepEqual(ids(result), ['implicit-grant']);
      const span = result.findings[0]!.span;
      assert.match(text.slice(span.start, span.end), /^"?implicit"?$/);
    }
  });

  test('40,000 clients: the CLI completes and counts every one', SLOW, () => {
    const lines = ['clients:'];
    for (let i = 0; i < 40_000; i++) lines.push(`  - name: App ${i}`, '    app_type: spa', '    token_endpoint_auth_method: none', '    grant_types: [authorization_code, client_credentials]');
    const run = cli(['.'], tree({ 'tenant.yaml': lines.join('\n') + '\n' }));
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /\n40000 problems \(40000 errors\) in 1 file checked\.\n/);
  });

  test('300,000 grants in one list: the CLI reports every finding', SLOW, () => {
    const grants = Array.from({ length: 300_000 }, (_, i) => `g${i}`);
    const run = cli(['.'], tree({ 'clients/Big.json': JSON.stringify({ name: 'Big', app_type: 'regular_web', grant_types: grants }) }));
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /\n300000 problems \(300000 errors\) in 1 file checked\.\n/);
    // Each fix would be checked against the whole list again: such a list gets its findings without fixes.
    assert.doesNotMatch(run.stdout, /can be fixed with --fix/);
  });

  test(`a text over the size limit (engine and editor default ${DEFAULT_MAX_FILE_SIZE} bytes) is not parsed: one warning`, SLOW, () => {
    const big = `clients:\n  - name: Big\n    description: ${'y'.repeat(DEFAULT_MAX_FILE_SIZE)}\n    grant_types: [implicit]\n`;
    const result = lintText({ path: '/t/tenant.yaml', text: big });
    assert.deepEqual(messages(result), [`file-too-large: Not checked: this file is larger than the size limit of 52,428,800 bytes; raise the limit to check it.`]);
    assert.equal(result.findings[0]!.severity, 'warning');
    assert.deepEqual(result.findings[0]!.fixes, []);
    // Multi-byte characters count as their UTF-8 bytes.
    assert.deepEqual(ids(lintText({ path: '/t/tenant.yaml', text: `clients: []\n# ${'é'.repeat(60)}\n`, maxFileSize: 100 })), ['file-too-large']);
    assert.deepEqual(ids(lintText({ path: '/t/tenant.yaml', text: `clients: []\n# ${'e'.repeat(60)}\n`, maxFileSize: 100 })), []);
    // A caller that sized the file on disk says so; the text is then only its beginning.
    assert.deepEqual(ids(lintText({ path: '/t/tenant.yaml', text: 'clients: []\n', maxFileSize: 100, tooLarge: true })), ['file-too-large']);
    // A large file that is no client config stays silent, and the rule can be turned off.
    assert.deepEqual(ids(lintText({ path: '/t/package-lock.json', text: `{"name": "${'z'.repeat(200)}"}`, maxFileSize: 100 })), []);
    const off = { legacyTenant: false, rules: new Map([['file-too-large', 'off' as const]]), pointerOverrides: [] };
    assert.deepEqual(ids(lintText({ path: '/t/tenant.yaml', text: big, settings: off })), []);
  });

  test('CLI: no size limit by default; over --max-file-size a file is a warning, read only in part, and fails --max-warnings 0', SLOW, () => {
    const dir = tree({ 'tenant.yaml': `clients:\n  - name: Big\n    description: ${'y'.repeat(12 * 1024 * 1024)}\n    grant_types: [implicit]\n` });
    const run = cli(['--format', 'json', '.'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual((JSON.parse(run.stdout) as { ruleId: string }[]).map((f) => f.ruleId), ['implicit-grant']);
    const limited = cli(['--format', 'json', '--max-file-size', '1000000', '.'], dir);
    assert.equal(limited.status, 0, limited.stderr);
    assert.deepEqual((JSON.parse(limited.stdout) as { ruleId: string; severity: string; line: number }[]).map((f) => `${f.ruleId} ${f.severity} ${f.line}`), ['file-too-large warning 1']);
    const strict = cli(['--max-file-size', '1000000', '--max-warnings', '0', '.'], dir);
    assert.equal(strict.status, 1, strict.stderr);
    assert.match(strict.stdout, /file-too-large/);
  });

  test('CLI: a realistic 10,000-client tenant of about 13 MB is fully checked by default', SLOW, () => {
    const text = generateRealisticTenantYaml({ clients: 10_000, seed: 10_000 });
    assert.ok(Buffer.byteLength(text) > 13_000_000);
    const expected = lintText({ path: 'tenant.yaml', text, maxFileSize: Number.POSITIVE_INFINITY }).findings.map((f) => f.ruleId);
    assert.ok(expected.length > 100 && !expected.includes('file-too-large'));
    const run = cli(['--format', 'json', '.'], tree({ 'tenant.yaml': text }));
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual((JSON.parse(run.stdout) as { ruleId: string }[]).map((f) => f.ruleId), expected);
  });

  test('5,000 YAML documents in one file: each is read on its own', () => {
    const docs = Array.from({ length: 5000 }, (_, i) => `---\nclients:\n  - name: Client ${i}\n    grant_types: [implicit]\n`).join('');
    const result = lintText({ path: '/t/tenant.yaml', text: docs });
    assert.equal(result.parsed.documents.length, 5000);
    assert.equal(result.findings.length, 5000);
    assert.ok(result.findings.every((f) => f.ruleId === 'implicit-grant'));
  });
});

describe('encodings and odd characters', () => {
  test('NUL bytes: not read; a parse error only where the file is named like a client config', () => {
    const binary = '\u0000\u0001PNG\u0000grant_types';
    assert.deepEqual(messages(lintText({ path: '/t/clients/Logo.json', text: binary })), ['parse-error: The file holds NUL bytes: it is binary (or UTF-16), not JSON text, and is not read.']);
    assert.deepEqual(messages(lintText({ path: '/t/tenant.yaml', text: binary })), ['parse-error: The file holds NUL bytes: it is binary (or UTF-16), not YAML text, and is not read.']);
    assert.deepEqual(ids(lintText({ path: '/t/assets/logo.json', text: binary })), []);
  });

  test('CLI: binary files and invalid UTF-8 do not crash it; --fix leaves invalid UTF-8 alone', () => {
    const invalid = Buffer.concat([Buffer.from('{"name": "Caf'), Buffer.from([0xe9, 0xff]), Buffer.from('", "app_type": "spa", "token_endpoint_auth_method": "none", "grant_types": ["authorization_code", "client_credentials"]}\n')]);
    const dir = tree({
      'assets/logo.json': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]),
      'clients/Binary.json': Buffer.from([0x00, 0x7b, 0x00, 0x7d]),
      'clients/Latin1.json': invalid,
    });
    const run = cli(['--format', 'json', '.'], dir);
    assert.equal(run.status, 1, run.stderr);
    const findings = JSON.parse(run.stdout) as { file: string; ruleId: string }[];
    assert.deepEqual(findings.map((f) => `${f.file} ${f.ruleId}`), ['clients/Binary.json parse-error', 'clients/Latin1.json public-client-credentials']);
    const fix = cli(['--fix', '.'], dir);
    assert.equal(fix.status, 2);
    assert.match(fix.stderr, /^grantlint: did not fix 'clients\/Latin1\.json': it is not valid UTF-8$/m);
    assert.deepEqual(readFileSync(join(dir, 'clients', 'Latin1.json')), invalid, 'the bytes are untouched');
  });

  test('a byte order mark: positions count it in the engine, and the CLI reports and fixes around it', () => {
    for (const [path, text] of [
      ['/t/exports/Bom.json', '\uFEFF{"name": "Bom", "grant_types": ["implicit", "foo"]}'],
      ['/t/tenant.yaml', '\uFEFFclients:\n  - name: Bom\n    grant_types: [implicit, foo]\n'],
    ] as const) {
      const result = lintText({ path, text });
      assert.deepEqual(result.parsed.errors, []);
      assert.deepEqual(result.findings.map((f) => text.slice(f.span.start, f.span.end).replace(/"/g, '')), ['implicit', 'foo']);
    }
    // An auth0 CLI short name: its replacement is safe, so --fix applies it.
    const dir = tree({ 'exports/Bom.json': '\uFEFF{\n  "name": "Bom",\n  "grant_types": ["authorization-code"]\n}\n' });
    const run = cli(['--format', 'json', '.'], dir);
    assert.deepEqual((JSON.parse(run.stdout) as { line: number; column: number }[]).map((f) => `${f.line}:${f.column}`), ['3:19']);
    cli(['--fix', '.'], dir);
    assert.equal(readFileSync(join(dir, 'exports', 'Bom.json'), 'utf8'), '\uFEFF{\n  "name": "Bom",\n  "grant_types": ["authorization_code"]\n}\n');
  });

  test('a byte order mark in a deploy-cli JSON file is a parse-error (JSON.parse refuses it); the values are read, nothing is fixed', () => {
    for (const path of ['/t/clients/Bom.json', '/t/grants/Bom.json', '/t/tenant.json']) {
      const body = path.endsWith('tenant.json') ? '{"flags": {}}' : '{"name": "Bom", "client_id": "Bom", "audience": "https://api", "grant_types": ["implicit", "authorization-code"]}';
      for (const result of [lintText({ path, text: `\uFEFF${body}` }), lintText({ path, text: body, byteOrderMark: true })]) {
        assert.deepEqual(result.parsed.errors.map((e) => [e.span.start, e.message]), [[0, 'JSON syntax error: a byte order mark (BOM); auth0-deploy-cli reads this file with JSON.parse, which refuses it']], path);
        assert.ok(result.findings.every((f) => f.fixes.length === 0), `${path}: no fix while the file does not parse`);
        if (path.includes('clients')) assert.deepEqual(ids(result), ['parse-error', 'implicit-grant', 'unknown-grant-type'], path);
      }
      // Without the mark, or a mark on a file that holds no value (an empty tenant.json says so itself): no such error.
      assert.ok(!lintText({ path, text: body }).parsed.errors.some((e) => /byte order mark/.test(e.message)), path);
      assert.ok(!lintText({ path, text: '', byteOrderMark: true }).parsed.errors.some((e) => /byte order mark/.test(e.message)), path);
    }
    // The CLI reads the file without its mark and says it had one: reported at 1:1, the file left as it was.
    const text = '\uFEFF{\n  "name": "Bom",\n  "grant_types": ["authorization-code"]\n}\n';
    const dir = tree({ 'clients/Bom.json': text });
    const run = cli(['--format', 'json', '.'], dir);
    // With a note (no rule id) at the finding whose fix the mark holds back.
    assert.deepEqual((JSON.parse(run.stdout) as { line: number; column: number; ruleId: string | null }[]).map((f) => `${f.line}:${f.column} ${f.ruleId}`), ['1:1 parse-error', '3:19 unknown-grant-type', '3:19 null']);
    cli(['--fix', '.'], dir);
    assert.equal(readFileSync(join(dir, 'clients', 'Bom.json'), 'utf8'), text);
  });

  test('CRLF and lone CR line endings, tabs', () => {
    const lf = 'clients:\n  - name: A\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: [authorization_code, client_credentials]\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    const at = (text: string, result: LintResult) => result.findings.map((f) => `${f.ruleId}@${new LineIndex(text).positionAt(f.span.start).line}`);
    assert.deepEqual(at(crlf, lintText({ path: '/t/tenant.yaml', text: crlf })), at(lf, lintText({ path: '/t/tenant.yaml', text: lf })));
    assert.ok(!/(^|[^\r])\n/.test(fixAll({ path: '/t/tenant.yaml', text: crlf }).text), 'fix-all keeps CRLF');
    assert.doesNotThrow(() => fixAll({ path: '/t/tenant.yaml', text: lf.replace(/\n/g, '\r') }));
    const tabbed = lintText({ path: '/t/tenant.yaml', text: lf.replace(/^ {4}/gm, '\t') });
    assert.ok(tabbed.findings.some((f) => f.ruleId === 'parse-error' && /Tabs are not allowed as indentation/.test(f.message)));
    const json = lintText({ path: '/t/clients/A.json', text: '{\n\t"name": "A",\n\t"grant_types": ["implicit"]\n}\n' });
    assert.deepEqual(ids(json), ['implicit-grant']);
  });
});

describe('duplicate keys: the last occurrence counts, and the file says so', () => {
  test('JSON', () => {
    const text = '{"name": "Dup", "grant_types": ["password"], "grant_types": ["implicit"]}';
    const result = lintText({ path: '/t/clients/Dup.json', text });
    assert.deepEqual(messages(result), [
      "parse-error: Duplicate key 'grant_types': only the last one counts (as in JSON.parse); remove the others.",
      'implicit-grant: The implicit grant is discouraged (OAuth 2.0 Security BCP, RFC 9700); use authorization_code with PKCE.',
    ]);
    assert.equal(result.findings[0]!.span.start, text.lastIndexOf('"grant_types"'));
    assert.deepEqual(result.findings[1]!.fixes, [], 'no fixes in a file with a parse error');
  });

  test('YAML', () => {
    const result = lintText({ path: '/t/tenant.yaml', text: 'clients:\n  - name: Dup\n    grant_types: [password]\n    grant_types: [implicit]\n' });
    assert.deepEqual(ids(result), ['parse-error', 'implicit-grant']);
    assert.match(result.findings[0]!.message, /Map keys must be unique \('grant_types' appears twice; the last one counts\)/);
  });
});

describe('wrong types in every client field', () => {
  const WRONG: readonly unknown[] = [5, -1.5, { nested: 'value' }, ['list'], [], {}, null, true, ''];
  const expected: Record<string, (value: unknown) => string[]> = {
    name: () => [],
    app_type: (v) => (v === null ? [] : ['unknown-app-type']),
    token_endpoint_auth_method: (v) => (v === null ? [] : ['invalid-auth-method']),
    grant_types: (v) => (Array.isArray(v) ? (v.length === 0 ? ['missing-grant-types'] : ['unknown-grant-type']) : ['grant-types-type']),
    // Flags and modes of the wrong type count as unknown: no rule fires on a guess.
    is_first_party: () => [],
    oidc_conformant: () => [],
    third_party_security_mode: () => [],
    external_client_id: () => [],
    refresh_token: () => [],
    client_authentication_methods: () => [],
  };
  for (const [field, want] of Object.entries(expected)) {
    test(field, () => {
      for (const value of WRONG) {
        const client: Record<string, unknown> = { name: 'Typed', app_type: 'regular_web', grant_types: ['authorization_code'], [field]: value };
        for (const [path, text] of [
          ['/t/clients/Typed.json', JSON.stringify(client, null, 2)],
          ['/t/tenant.yaml', `clients:\n  - ${Object.entries(client).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n    ')}\n`],
        ] as const) {
          const result = lintText({ path, text });
          assert.deepEqual(ids(result), want(value), `${path} ${field}: ${JSON.stringify(value)}`);
          assert.doesNotThrow(() => fixAll({ path, text }));
        }
      }
    });
  }
});

describe('empty files', () => {
  for (const text of ['', ' \n\t\n', '\uFEFF', '// nothing yet\n']) {
    test(`${JSON.stringify(text)}: no clients, no findings`, () => {
      for (const path of ['/t/tenant.yaml', '/t/clients/New.json']) {
        if (path.endsWith('.yaml') && text.startsWith('//')) continue;
        const result = lintText({ path, text });
        assert.deepEqual(messages(result), []);
        assert.equal(result.clients.length, 0);
      }
    });
  }

  test('CLI: empty files are checked and clean', () => {
    const run = cli(['.'], tree({ 'tenant.yaml': '', 'clients/New.json': '  \n' }));
    assert.equal(run.status, 0, run.stderr);
    // Up to three files without client configs are named, so an empty file is never passed over unseen.
    assert.equal(run.stdout, 'No problems (2 files checked, 2 without client configs: clients/New.json, tenant.yaml).\n');
  });
});
