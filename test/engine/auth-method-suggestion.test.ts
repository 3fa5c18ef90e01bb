/**
 * invalid-auth-method suggests (and fixes to) only a method the client can use: never `none` for a client whose
 * grants or app type need a confidential client (client_credentials, CIBA, Token Vault, a machine-to-machine app),
 * never a secret method for a spa or native app, and no guess by spelling for an empty value. Generated over
 * YAML, JSON and Terraform HCL, clients of each kind, and values of each shape.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { lintText } from '../../server/src/engine/index';
import type { Finding } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

interface ClientKind {
  readonly label: string;
  readonly appType: string;
  readonly grants: readonly string[];
  /** The methods the client may be given. */
  readonly fits: readonly string[];
}

const CIBA = 'urn:openid:params:grant-type:ciba';
const SECRETS = ['client_secret_post', 'client_secret_basic'];
const KEY_METHODS = ['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth'];
const KINDS: readonly ClientKind[] = [
  { label: 'machine-to-machine', appType: 'non_interactive', grants: ['client_credentials'], fits: SECRETS },
  { label: 'machine-to-machine without grants', appType: 'non_interactive', grants: [], fits: SECRETS },
  { label: 'web app with client_credentials', appType: 'regular_web', grants: ['authorization_code', 'client_credentials'], fits: SECRETS },
  { label: 'web app with CIBA', appType: 'regular_web', grants: [CIBA], fits: SECRETS },
  { label: 'spa', appType: 'spa', grants: ['authorization_code', 'refresh_token'], fits: ['none'] },
  { label: 'native', appType: 'native', grants: ['authorization_code'], fits: ['none'] },
  { label: 'web app', appType: 'regular_web', grants: ['authorization_code'], fits: ['none', ...SECRETS] },
];

/** Empty and blank values, and misspellings of each method. */
const VALUES = ['', ' ', 'non', 'nnoe', 'None ', 'client_secret', 'client_secret_pst', 'client-secret-basic', 'secret'];

const FORMATS = ['yaml', 'json', 'hcl'] as const;

function render(format: (typeof FORMATS)[number], kind: ClientKind, method: string): { path: string; text: string } {
  if (format === 'yaml') {
    const grants = kind.grants.length > 0 ? `\n    grant_types:\n${kind.grants.map((g) => `      - ${g}\n`).join('')}` : '\n    grant_types: []\n';
    return { path: '/t/tenant.yaml', text: `clients:\n  - name: App\n    app_type: ${kind.appType}\n    token_endpoint_auth_method: ${JSON.stringify(method)}${grants}` };
  }
  if (format === 'json') {
    const client = { name: 'App', app_type: kind.appType, token_endpoint_auth_method: method, grant_types: kind.grants };
    return { path: '/t/clients/App.json', text: `${JSON.stringify(client, null, 2)}\n` };
  }
  const grants = kind.grants.map((g) => JSON.stringify(g)).join(', ');
  const text =
    `resource "auth0_client" "app" {\n  name        = "App"\n  app_type    = "${kind.appType}"\n  grant_types = [${grants}]\n}\n\n` +
    `resource "auth0_client_credentials" "app" {\n  client_id             = auth0_client.app.id\n  authentication_method = ${JSON.stringify(method)}\n}\n`;
  return { path: '/t/main.tf', text };
}

/** The methods a finding's message or fixes propose. */
function proposed(finding: Finding): string[] {
  const methods = ['none', ...SECRETS, ...KEY_METHODS];
  const said = /did you mean '([^']+)'/.exec(finding.message)?.[1];
  const fixed = (finding.fixes ?? []).flatMap((fix) => methods.filter((m) => fix.title.includes(`'${m}'`)));
  return [...(said ? [said] : []), ...fixed];
}

test('invalid-auth-method proposes only methods the client can use, in YAML, JSON and HCL', () => {
  let checked = 0;
  for (const format of FORMATS) {
    for (const kind of KINDS) {
      for (const value of VALUES) {
        const { path, text } = render(format, kind, value);
        const findings = lintText({ path, text }).findings.filter((f) => f.ruleId === 'invalid-auth-method');
        const where = `${format} ${kind.label} ${JSON.stringify(value)}`;
        assert.equal(findings.length, 1, `${where}: one invalid-auth-method finding`);
        // Terraform's credentials resource also takes the key and certificate methods, all confidential.
        const fits = format === 'hcl' && !kind.fits.includes('none') ? [...kind.fits, ...KEY_METHODS] : kind.fits;
        for (const method of proposed(findings[0]!)) {
          assert.ok(fits.includes(method), `${where}: proposes '${method}' in "${findings[0]!.message}"`);
        }
        checked++;
      }
    }
  }
  assert.equal(checked, FORMATS.length * KINDS.length * VALUES.length);
});

test('an empty method gets no guess by spelling, but is told what fits the client', () => {
  for (const format of FORMATS) {
    const m2m = lintText(render(format, KINDS[0]!, '')).findings.find((f) => f.ruleId === 'invalid-auth-method')!;
    assert.doesNotMatch(m2m.message, /did you mean/, format);
    assert.match(m2m.message, /client_secret_post/, format);
    const spa = lintText(render(format, KINDS[4]!, '')).findings.find((f) => f.ruleId === 'invalid-auth-method')!;
    assert.match(spa.message, /'none'/, format);
  }
});

test('a misspelling that fits the client still gets its suggestion and fix', () => {
  for (const format of FORMATS) {
    const m2m = lintText(render(format, KINDS[0]!, 'client_secret_pst')).findings.find((f) => f.ruleId === 'invalid-auth-method')!;
    assert.match(m2m.message, /did you mean 'client_secret_post'\?/, format);
    assert.equal(m2m.fixes?.length, 1, format);
    const web = lintText(render(format, KINDS[6]!, 'nnoe')).findings.find((f) => f.ruleId === 'invalid-auth-method')!;
    assert.match(web.message, /did you mean 'none'\?/, format);
  }
});
