/**
 * The cases of ../shared/cases (fix/ and findings/) that fixes and rules decide, pinned on the project's own copies
 * (test/fixtures/cases/): the findings, the fixes offered and their safety, and what `--fix` (safe only) and
 * `--fix --unsafe-fixes` write. Each result is also parsed with `yaml` (merge keys on) or `JSON.parse`.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { fixAll, LineIndex, lintText, type LintFinding } from '../../server/src/engine/index';
import { applyFix } from '../helpers/lint';

const OWN = join(__dirname, '..', 'fixtures', 'cases');
const SHARED = join(__dirname, '..', '..', '..', 'shared', 'cases');

function read(name: string): string {
  return readFileSync(join(OWN, name), 'utf8');
}

/** `rule@line:severity`, as the cases' README writes them. */
function short(text: string, finding: LintFinding): string {
  return `${finding.ruleId}@${new LineIndex(text).positionAt(finding.span.start).line + 1}:${finding.severity}`;
}

function resolved(path: string, text: string): unknown {
  if (path.endsWith('.json')) return JSON.parse(text);
  const doc = parseDocument(text, { merge: true });
  assert.deepEqual(doc.errors.map((e) => e.message), [], 'the result parses');
  return doc.toJS({ maxAliasCount: 100 });
}

function clientNamed(path: string, text: string, name: string): Record<string, unknown> {
  const root = resolved(path, text) as { clients?: Record<string, unknown>[] } & Record<string, unknown>;
  const found = (root.clients ?? [root]).find((c) => c['name'] === name);
  assert.ok(found, `client ${name}`);
  return found;
}

interface Case {
  readonly name: string;
  readonly findings: readonly string[];
  /** Per finding (in order): each fix as `safety: title`. */
  readonly fixes: readonly (readonly string[])[];
  /** What --fix writes (undefined: the file is left as it is). */
  readonly safe?: string;
  /** What --fix --unsafe-fixes writes. */
  readonly unsafe?: string;
  readonly check?: (safeText: string, unsafeText: string) => void;
}

const REMOVE_CC = [
  "safe: Remove grant 'client_credentials'",
  "unsafe: Set token_endpoint_auth_method to 'client_secret_post' (unsafe: changes the auth method)",
  "unsafe: Set token_endpoint_auth_method to 'client_secret_basic' (unsafe: changes the auth method)",
];

const CASES: readonly Case[] = [
  {
    name: 'fix/dash-newline-item.yaml',
    findings: ['public-client-credentials@7:error', 'public-client-credentials@15:error'],
    fixes: [REMOVE_CC, REMOVE_CC],
    safe: `clients:
  - name: Field App
    app_type: native
    token_endpoint_auth_method: none
    grant_types:
      -   authorization_code
      - refresh_token   # rotation on
  - name: Only Item
    app_type: spa
    token_endpoint_auth_method: none
    grant_types: []
    callbacks: [https://only.example.com/cb]
`,
    check: (safeText) => {
      assert.deepEqual(clientNamed('t.yaml', safeText, 'Field App')['grant_types'], ['authorization_code', 'refresh_token']);
      assert.deepEqual(clientNamed('t.yaml', safeText, 'Only Item')['grant_types'], []);
    },
  },
  {
    name: 'fix/anchored-item-append.yaml',
    findings: ['m2m-without-client-credentials@4:warning'],
    fixes: [["unsafe: Add grant 'client_credentials' (unsafe: grants a new permission)"]],
    unsafe: `clients:
  - name: Batch Worker
    app_type: non_interactive
    grant_types:
      - &code authorization_code
      - client_credentials
  - name: Portal
    app_type: regular_web
    grant_types: [*code, refresh_token]
`,
    check: (_safe, unsafeText) => {
      assert.deepEqual(clientNamed('t.yaml', unsafeText, 'Portal')['grant_types'], ['authorization_code', 'refresh_token']);
      assert.deepEqual(clientNamed('t.yaml', unsafeText, 'Batch Worker')['grant_types'], ['authorization_code', 'client_credentials']);
    },
  },
  {
    name: 'fix/device-code-uri.json',
    findings: ['unknown-grant-type@6:error'],
    fixes: [
      [
        "unsafe: Replace 'http://auth0.com/oauth/grant-type/device_code' with 'urn:ietf:params:oauth:grant-type:device_code' (unsafe: a guess by spelling)",
        "unsafe: Remove 'http://auth0.com/oauth/grant-type/device_code' (unsafe: drops a grant you may have meant)",
      ],
    ],
    unsafe: `{
  "name": "Lobby TV",
  "app_type": "native",
  "token_endpoint_auth_method": "none",
  "oidc_conformant": true,
  "grant_types": ["urn:ietf:params:oauth:grant-type:device_code", "refresh_token"]
}
`,
  },
  {
    name: 'fix/flow-list-comments.yaml',
    findings: ['public-client-credentials@7:error'],
    fixes: [REMOVE_CC],
    safe: `clients:
  - name: Team SPA
    app_type: spa
    token_endpoint_auth_method: none
    grant_types: [
      authorization_code # login
      # added by mistake
    ]
`,
  },
  {
    name: 'fix/native-m2m-secret.yaml',
    findings: ['implicit-grant@5:hint', 'secret-on-public-app-type@8:warning'],
    fixes: [
      ["unsafe: Remove grant 'implicit' (unsafe: the client may rely on it)"],
      [
        "unsafe: Set app_type to 'non_interactive' (unsafe: changes the app type)",
        "unsafe: Set token_endpoint_auth_method to 'none' and remove client_credentials (unsafe: changes the auth method)",
      ],
    ],
    check: (_safe, unsafeText) => {
      const client = clientNamed('t.yaml', unsafeText, 'Management API Test Client');
      assert.equal(client['app_type'], 'non_interactive');
      assert.ok((client['grant_types'] as string[]).includes('client_credentials'), 'keeps its machine-to-machine grant');
      // A hint's fix is never applied by fix-all, not even with unsafe fixes.
      assert.ok((client['grant_types'] as string[]).includes('implicit'), 'the implicit-grant hint is left to the user');
    },
  },
  {
    name: 'findings/password-mfa-split.yaml',
    findings: ['password-mfa-group@18:hint'],
    fixes: [["unsafe: Add 'password-realm' to complete the Password group (unsafe: grants a new permission)"]],
  },
];

test('the project keeps its own copies of the shared cases, identical to them', (t) => {
  if (!existsSync(SHARED)) {
    t.skip('../shared/cases is absent (a fresh clone elsewhere): the copies cannot be compared');
    return;
  }
  for (const c of CASES) assert.equal(read(c.name), readFileSync(join(SHARED, c.name), 'utf8'), c.name);
});

for (const c of CASES) {
  test(`${c.name}: findings, fixes and their safety, --fix and --fix --unsafe-fixes`, () => {
    const path = join(OWN, c.name);
    const text = read(c.name);
    const result = lintText({ path, text });
    assert.deepEqual(result.findings.map((f) => short(text, f)), c.findings);
    assert.deepEqual(result.findings.map((f) => f.fixes.map((fix) => `${fix.safety}: ${fix.title}`)), c.fixes);
    // Each quick fix alone gives a file that parses.
    for (const finding of result.findings) for (const fix of finding.fixes) resolved(path, applyFix(text, result, fix));
    const safe = fixAll({ path, text }).text;
    assert.equal(safe, c.safe ?? text, '--fix');
    const unsafe = fixAll({ path, text }, { unsafe: true }).text;
    if (c.unsafe !== undefined) assert.equal(unsafe, c.unsafe, '--fix --unsafe-fixes');
    assert.equal(fixAll({ path, text: unsafe }, { unsafe: true }).text, unsafe, 'a second --fix --unsafe-fixes changes nothing');
    resolved(path, safe);
    resolved(path, unsafe);
    c.check?.(safe, unsafe);
  });
}
