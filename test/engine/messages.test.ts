/**
 * Every finding's message fits the Problems panel: one line of at most 120 characters that names the rule's field
 * or grant; its related information is one such line too. Checked on clients generated to reach every rule and
 * message variant (each severity path, each combination of unmet requirements, the longest realistic values), on
 * the file-level findings, on the rule fixtures and examples, and on ../shared's corpus and cases (held out:
 * written by others).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { capFindings } from '../../server/src/engine/cap';
import { grantInfo, GRANTS } from '../../server/src/engine/catalogue';
import { findClients, lintClient, lintText, parseText, type Finding } from '../../server/src/engine/index';
import { ALL_RULES, CLIENT_RULES } from '../../server/src/engine/rules/index';
import { fitsNames, MAX_MESSAGE_LENGTH, shortGrant, withValue } from '../../server/src/engine/rules/messages';
import fc from 'fast-check';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { lint } from '../helpers/lint';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

const REPO = join(__dirname, '..', '..');
const SHARED = join(REPO, '..', 'shared');

/** What a rule's message must name (any one of them, ignoring case); grant-item findings may name their grant. */
const NAMES: Record<string, readonly string[]> = {
  'unknown-grant-type': ['grant type'],
  'duplicate-grant-type': ['grant type'],
  'grant-types-type': ['grant_types'],
  'missing-grant-types': ['grant_types'],
  'legacy-grant-type': [],
  'public-client-credentials': ['client_credentials'],
  'first-party-only-grant': ['is_first_party'],
  'password-mfa-group': ['grant_types'],
  'device-code-requirements': ['Device Code'],
  'ciba-requirements': ['CIBA'],
  'token-vault-requirements': ['Token Vault'],
  'passwordless-otp-spa': ['Passwordless OTP'],
  'third-party-grant': [],
  'oidc-conformant-unset': ['oidc_conformant'],
  'cimd-grants': ['oidc_conformant'],
  'grant-configured-elsewhere': [],
  'implicit-grant': ['implicit'],
  'invalid-auth-method': ['token_endpoint_auth_method', 'authentication_method'],
  'auth-method-conflict': ['token_endpoint_auth_method'],
  'public-app-type-without-none': ['token_endpoint_auth_method'],
  'secret-on-public-app-type': ['token_endpoint_auth_method', 'authentication_method', 'app_type'],
  'm2m-without-client-credentials': ['client_credentials'],
  'unknown-app-type': ['app_type'],
  'refresh-token-rotation': ['rotation'],
  'client-grant-without-client-credentials': ['client_credentials'],
  'third-party-system-api-grant': ['API'],
  'unused-suppression': ['grantlint-disable', 'comment'],
  'parse-error': ['JSON', 'YAML', 'HCL', 'key', 'NUL', 'nesting'],
  'file-too-large': ['size limit'],
  'too-many-findings': ['findings'],
  'cimd-auth-method': ['external_client_id', 'CIMD'],
  'refresh-token-policies': ['policies'],
  'token-vault-privileged-access': ['Token Vault', 'token_vault_privileged_access'],
  'third-party-token-settings': ['jwt_configuration', 'refresh_token'],
  'ciba-channels-without-ciba': ['CIBA'],
  'token-quota-without-client-credentials': ['client_credentials'],
};

/** The ways a message may name a grant: its value (or the start of it, when clipped), short form or label. */
function grantNames(value: string): string[] {
  const label = grantInfo(value)?.dashboardName;
  return [value.slice(0, 12), shortGrant(value), ...(label ? [label] : [])].filter((name) => name.trim().length > 0);
}

/** Problems with one finding's message, as readable lines (empty when it is fine). */
function problemsOf(where: string, finding: Finding): string[] {
  const message = finding.message;
  const problems: string[] = [];
  const label = `${where} ${finding.ruleId}: "${message}"`;
  if (message.length > MAX_MESSAGE_LENGTH) problems.push(`${label} has ${message.length} characters`);
  if (/[\r\n\u2028\u2029]/.test(message)) problems.push(`${label} is more than one line`);
  const names = [...(NAMES[finding.ruleId] ?? []), ...(finding.grantItem?.kind === 'string' ? grantNames(finding.grantItem.value) : [])];
  assert.ok(names.length > 0, `${finding.ruleId} has names to look for`);
  if (!names.some((name) => message.toLowerCase().includes(name.toLowerCase()))) problems.push(`${label} names none of ${names.join(', ')}`);
  // Related information shows as a line under the finding: one line, as short as a message.
  for (const related of finding.related) {
    if (related.message.length > MAX_MESSAGE_LENGTH || /[\r\n]/.test(related.message)) problems.push(`${label}: related "${related.message}" is too long`);
  }
  return problems;
}

function checkAll(where: string, findings: readonly Finding[]): string[] {
  return findings.flatMap((finding) => problemsOf(where, finding));
}

// The longest realistic values: a partner's custom grant URI, a typo of the longest grant, odd app types.
const LONG_GRANT = 'urn:partner-example:params:oauth:grant-type:delegated-access-for-tenant-provisioning-workflows-v2';
const GRANT_LISTS: readonly (readonly string[] | string | undefined | null)[] = [
  undefined,
  [],
  'authorization_code',
  null,
  GRANTS.map((g) => g.value),
  ...GRANTS.map((g) => [g.value]),
  [...GRANTS.map((g) => g.value), ...GRANTS.map((g) => g.value)],
  ['password', 'http://auth0.com/oauth/grant-type/mfa-oob'],
  ['http://auth0.com/oauth/grant-type/password-realm'],
  ['implicit', 'authorization_code'],
  [LONG_GRANT, LONG_GRANT],
  ['urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-tokn', 'refresh-token', 'code'],
  ['authorization_code', 'refresh_token'],
  // Block scalars hold line breaks: messages stay one line.
  ['implicit\n', 'authorization\ncode', 'client_credentials\r\n'],
];
const APP_TYPES = [undefined, 'native', 'spa', 'regular_web', 'non_interactive', 'resource_server', 'machine_to_machine_application_with_a_long_name', 'spa-app', 'single page\napp', 42, ['spa']];
const AUTH_METHODS = [undefined, null, 'none', 'client_secret_post\n', 'client_secret_post', 'self_signed_tls_client_auth', 'client_secret_jwt_with_a_much_longer_name_than_any', 42];
const FLAGS = [undefined, true, false];
const EXTERNAL_IDS = [undefined, 'https://partner-portal.example.com/.well-known/oauth-client/metadata-document-for-tenant.json'];
const MODES = [undefined, 'strict', 'permissive'];

function yamlValue(value: unknown): string {
  return JSON.stringify(value);
}

/** One deploy-cli client in YAML (flow style for lists: each value is a JSON literal, which YAML reads alike). */
function clientYaml(index: number, fields: Record<string, unknown>): string {
  const lines = [`  - name: ${yamlValue(`Client ${index} with a long descriptive name for the partner integration`)}`];
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) lines.push(`    ${key}: ${yamlValue(value)}`);
  return lines.join('\n');
}

/** Tenants (YAML texts) whose clients reach every rule with every combination of the fields the rules read. */
function* generatedTenants(): Generator<{ name: string; text: string }> {
  let clients: string[] = [];
  let count = 0;
  let tenant = 0;
  for (const [listIndex, grants] of GRANT_LISTS.entries()) {
    // The lists of one grant each vary fewer fields (every sixth combination): the requirement combinations are
    // all reached by the lists holding every grant.
    const stride = typeof grants === 'object' && grants !== null && grants.length === 1 ? 6 : 1;
    for (const appType of APP_TYPES) {
      for (const auth of AUTH_METHODS) {
        for (const firstParty of FLAGS) {
          for (const oidc of FLAGS) {
            // The other fields cycle with the count (the external id flips parity from one list to the next).
            const external = EXTERNAL_IDS[(count + listIndex) % EXTERNAL_IDS.length];
            const mode = MODES[count % MODES.length];
            const rotating = count % 2 === 0;
            const methods = count % 3 === 0 ? { private_key_jwt: { credentials: [{ id: 'cred_1' }] } } : undefined;
            // The 2026 settings, on a quarter of the clients: token signing, refresh-token lifetimes and policies,
            // Token Vault privileged access, CIBA channels, a client credentials quota.
            const settings = count % 4 === 1;
            if ((count + listIndex) % stride !== 0) {
              count++;
              continue;
            }
            clients.push(
              clientYaml(count++, {
                app_type: appType,
                token_endpoint_auth_method: auth,
                is_first_party: firstParty,
                oidc_conformant: oidc,
                external_client_id: external,
                third_party_security_mode: mode,
                refresh_token: rotating
                  ? { rotation_type: 'rotating', expiration_type: 'expiring' }
                  : settings
                    ? { expiration_type: 'non-expiring', infinite_token_lifetime: true, infinite_idle_token_lifetime: true, policies: [{ audience: 'https://api.example.com', scope: ['read:orders'] }] }
                    : undefined,
                jwt_configuration: settings ? { alg: 'HS256', lifetime_in_seconds: 36000 } : undefined,
                // One in five of them mistyped (a boolean, a list, a string): not judged, a note names it.
                token_vault_privileged_access: settings ? [true, ['10.0.0.0/8'], 'enabled', { credentials: [{ id: 'cred_1' }], ip_allowlist: ['10.0.0.0/8'] }, { ip_allowlist: ['10.0.0.0/8'] }][count % 5] : undefined,
                async_approval_notification_channels: settings ? ['guardian-push', 'email'] : undefined,
                token_quota: settings ? { client_credentials: { enforce: true, per_day: 1000 } } : undefined,
                client_authentication_methods: methods,
                grant_types: grants,
              }),
            );
            if (clients.length === 500) {
              const legacyFlags = tenant % 2 === 1;
              const flags = legacyFlags ? 'tenant:\n  flags:\n    allow_legacy_ro_grant_types: true\n    allow_legacy_delegation_grant_types: true\n' : '';
              yield { name: `generated-${tenant++}.yaml`, text: `${flags}clients:\n${clients.join('\n')}\n` };
              clients = [];
            }
          }
        }
      }
    }
  }
  if (clients.length > 0) yield { name: `generated-${tenant}.yaml`, text: `clients:\n${clients.join('\n')}\n` };
}

test('generated clients: every rule and variant has a short one-line message naming its field or grant', () => {
  const seen = new Set<string>();
  const variants = new Map<string, Set<string>>();
  const problems: string[] = [];
  let findings = 0;
  for (const tenant of generatedTenants()) {
    // Every rule's findings on each client, before one rule is kept per grant item and without checking fixes
    // (the messages are made here; lintText's extra work would only slow this down). Half the tenants allow the
    // legacy grants (tenant.flags), which takes legacy-grant-type's warning path.
    const parsed = parseText(tenant.text, 'yaml');
    assert.deepEqual(parsed.errors, []);
    for (const client of findClients(tenant.name, parsed)) {
      const own = lintClient(client);
      findings += own.length;
      for (const finding of own) {
        seen.add(`${finding.ruleId} ${finding.severity}`);
        if (!variants.has(finding.ruleId)) variants.set(finding.ruleId, new Set());
        variants.get(finding.ruleId)!.add(finding.message);
      }
      problems.push(...checkAll(tenant.name, own));
    }
  }
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} messages do not fit`);
  // Every client rule is reached, and every severity a rule chooses for itself.
  const expected = [
    ...CLIENT_RULES.map((rule) => `${rule.id} ${rule.defaultSeverity}`),
    'legacy-grant-type warning',
    'third-party-grant warning',
    'missing-grant-types warning',
    'third-party-token-settings warning',
    'refresh-token-policies warning',
  ];
  assert.deepEqual(expected.filter((variant) => !seen.has(variant)), []);
  assert.ok(findings > 10_000, `${findings} findings checked`);
  // Each combination of unmet requirements has its own message: 3 requirements give 7 combinations; a client
  // registered from a metadata document (external_client_id) is told, whatever else is unmet, that it may not hold
  // the grant at all (one more message for CIBA and Token Vault).
  const reached = (ruleId: string) => variants.get(ruleId)?.size ?? 0;
  assert.ok(reached('device-code-requirements') >= 7, `device-code-requirements: ${reached('device-code-requirements')}`);
  assert.ok(reached('ciba-requirements') >= 8, `ciba-requirements: ${reached('ciba-requirements')}`);
  assert.ok(reached('token-vault-requirements') >= 8, `token-vault-requirements: ${reached('token-vault-requirements')}`);
  assert.ok(reached('refresh-token-rotation') >= 3, `refresh-token-rotation: ${reached('refresh-token-rotation')}`);
});

test('file-level findings: unused suppressions, parse errors, a file too large, too many findings', () => {
  const longestId = [...ALL_RULES].sort((a, b) => b.id.length - a.id.length)[0]!.id;
  const texts: Record<string, string> = {
    'suppress.yaml': [
      `# grantlint-disable ${longestId}`,
      '# grantlint-disable',
      `# grantlint-disable no-such-rule-with-a-very-long-name-that-someone-typed-by-mistake-in-a-comment-here-too`,
      'clients:',
      `  # grantlint-disable-next-line ${longestId}, unknown-grant-type`,
      '  - name: A',
      '    app_type: spa',
      '    token_endpoint_auth_method: none',
      '    grant_types: [authorization_code]',
    ].join('\n'),
    'broken.json': '{ "grant_types": ["implicit", }',
    'keys.json': `{ "app_type": "spa", "${'k'.repeat(300)}": 1, "${'k'.repeat(300)}": 2, "token_endpoint_auth_method": "none", "grant_types": [] }`,
    'broken.yaml': `clients:\n  - name: "unterminated ${'x'.repeat(200)}\n    app_type: [spa\n`,
    'aliases.yaml': `clients:\n${Array.from({ length: 1200 }, (_, i) => `  - &a${i} { name: c${i}, app_type: spa }`).join('\n')}\n`,
    'nul.json': '{ "app_type": "spa\u0000" }',
    'deep.json': `${'['.repeat(5000)}${']'.repeat(5000)}`,
  };
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [name, text] of Object.entries(texts)) {
    const result = lint(name, text);
    result.findings.forEach((f) => seen.add(f.ruleId));
    problems.push(...checkAll(name, result.findings));
  }
  const large = lintText({ path: 'tenant.yaml', text: `clients:\n  - name: A\n    app_type: spa\n${'#'.repeat(2000)}\n`, maxFileSize: 1000 });
  assert.deepEqual(large.findings.map((f) => f.ruleId), ['file-too-large']);
  problems.push(...checkAll('large', large.findings));
  const many = lint('many.yaml', `clients:\n  - name: A\n    app_type: spa\n    grant_types: [${Array.from({ length: 3000 }, () => 'implicit').join(', ')}]\n`);
  const capped = capFindings(many.findings, DEFAULT_SETTINGS, { max: 1 });
  assert.equal(capped[0]?.ruleId, 'too-many-findings');
  problems.push(...checkAll('capped', capped));
  assert.deepEqual([...seen].filter((id) => id === 'unused-suppression' || id === 'parse-error').sort(), ['parse-error', 'unused-suppression']);
  assert.deepEqual(problems, []);
});

/** Files the CLI reads under `dir` (JSON, YAML, Terraform JSON and HCL), fixture outputs left out. */
function configFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__fixed__' || name === 'node_modules' ? [] : configFiles(path);
    return /\.(json|ya?ml|tf)$/.test(name) ? [path] : [];
  });
}

function checkFolder(dir: string): { files: number; findings: number; problems: string[] } {
  let findings = 0;
  const problems: string[] = [];
  const files = configFiles(dir);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const legacyTenant of [false, true]) {
      const result = lint(file, text, { ...DEFAULT_SETTINGS, legacyTenant });
      findings += result.findings.length;
      problems.push(...checkAll(file.slice(dir.length + 1), result.findings));
    }
  }
  return { files: files.length, findings, problems };
}

test('rule fixtures and examples: every message fits', () => {
  for (const dir of [join(REPO, 'test', 'fixtures', 'rules'), join(REPO, 'test', 'fixtures', 'cli'), join(REPO, 'examples')]) {
    const { files, findings, problems } = checkFolder(dir);
    assert.ok(files > 0 && findings > 0, `${dir}: ${files} files, ${findings} findings`);
    assert.deepEqual(problems, []);
  }
});

for (const folder of ['corpus', 'cases']) {
  const dir = join(SHARED, folder);
  test(`../shared/${folder} (held out): every message fits`, { skip: existsSync(dir) ? false : `../shared/${folder} is absent here` }, () => {
    const { files, findings, problems } = checkFolder(dir);
    assert.ok(files > 0 && findings > 0, `${files} files, ${findings} findings`);
    assert.deepEqual(problems, []);
  });
}

test('a value too long for its message: a closing parenthesis gives way first, then the value is clipped in its middle', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 160 }).map((s) => s.replace(/\s+/g, ' ')), fc.constantFrom('Client ', 'Third-party client ', ''), fc.constantFrom(' is public, so its client_credentials token requests fail (token_endpoint_auth_method: none).', ' lacks client_credentials (app_type: spa)', ' is public; remove it.'), (value, before, after) => {
      const message = withValue(before, value, after);
      assert.ok(message.length <= MAX_MESSAGE_LENGTH, `${message.length}: ${message}`);
      const plain = after.replace(/ \([^()]*\)([.?!]?)$/, '$1');
      if (`${before}'${value}'${after}`.length <= MAX_MESSAGE_LENGTH) assert.equal(message, `${before}'${value}'${after}`);
      else if (`${before}'${value}'${plain}`.length <= MAX_MESSAGE_LENGTH) assert.equal(message, `${before}'${value}'${plain}`, 'the parenthesis gave way, the value kept whole');
      else {
        // Clipped in the middle: its start and end are kept.
        assert.ok(message.endsWith(`'${plain}`) && message.includes('…'), message);
        const [, shown] = /'(.*)'/s.exec(message)!;
        const [head, tail] = shown!.split('…');
        assert.ok(value.startsWith(head!) && value.endsWith(tail!), message);
      }
    }),
    { numRuns: 2000 },
  );
});

test('two long names one edit apart (a typo and the name it misspells) are never clipped to the same text', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 40, maxLength: 120 }).map((s) => s.replace(/\s+/g, ' ')), fc.nat(10_000), fc.constantFrom('drop', 'swap', 'add'), (base, where, edit) => {
      const at = where % (base.length - 1);
      const typo = edit === 'drop' ? base.slice(0, at) + base.slice(at + 1) : edit === 'add' ? `${base.slice(0, at)}§${base.slice(at)}` : `${base.slice(0, at)}${base[at + 1]!}${base[at]!}${base.slice(at + 2)}`;
      fc.pre(typo !== base);
      const message = fitsNames([(written, meant) => `client grant for '${written}' not checked: no client named so; did you mean '${meant}'?`], [typo, base]);
      assert.ok(message.length <= MAX_MESSAGE_LENGTH, message);
      const [, written, meant] = /for '(.*)' not checked.*did you mean '(.*)'\?$/s.exec(message)!;
      assert.notEqual(written, meant, message);
    }),
    { numRuns: 1000 },
  );
});

test('long client names that differ only near their end stay apart when clipped (`… für Österreich`, `… für Deutschland`)', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 60, maxLength: 100 }).map((s) => s.replace(/\s+/g, ' ')), fc.constantFrom('Österreich', 'Deutschland', 'Schweiz', 'EU'), fc.constantFrom('Österreich', 'Deutschland', 'Schweiz', 'EU'), (start, a, b) => {
      fc.pre(a !== b);
      const message = (name: string) => withValue('Client ', name, ' lacks client_credentials: token requests for this grant fail.');
      assert.notEqual(message(`${start} für ${a}`), message(`${start} für ${b}`));
    }),
    { numRuns: 300 },
  );
});
