/**
 * After `--fix --unsafe-fixes`, a finding whose unsafe fix was held back because it would break a client grant in
 * another file (cli/unsafe-elsewhere.ts) or in its own (engine/fix/fix-all.ts), or because it would raise a new
 * problem on its client (leave it no grants), says why in its message, `(not fixed: … client grant …)`, within 120
 * characters, in stylish, json, sarif and github alike; a finding whose fix was not held (no client grant, or the
 * fix applied) gets no such note. Generated projects: deploy-cli directories (SPA and native apps without an auth
 * method, with or without a `grants/*.json` file, short and long file names), Terraform modules in HCL and
 * `.tf.json` (a native app or SPA with a client secret and no `grant_types`, with or without an
 * `auth0_client_grant` in another file), and YAML tenants whose `clientGrants` name the apps or another client. The stylish
 * summary points to `--diff --unsafe-fixes`, which shows what `--unsafe-fixes` would change.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { clientArb, FORMS, nameOf, project, type Form } from '../helpers/unsafe-held-projects';
import { run } from '../../server/src/cli/main';
import { MAX_MESSAGE_LENGTH } from '../../server/src/engine/rules/messages';

/** The rule whose unsafe fix is the one held in each form. */
const HELD_RULE: Record<Form, string> = { directory: 'public-app-type-without-none', yaml: 'public-app-type-without-none', hcl: 'secret-on-public-app-type', 'tf-json': 'secret-on-public-app-type' };

interface Shown {
  readonly client: string;
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
}

/** The findings' messages as `format` shows them after `--fix --unsafe-fixes` on a fresh copy of `source`. */
async function afterFix(source: string, format: string): Promise<{ messages: string[]; json?: Shown[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-held-copy-'));
  try {
    cpSync(source, dir, { recursive: true });
    const out = await run(['--fix', '--unsafe-fixes', '--format', format, '.'], dir);
    assert.notEqual(out.exitCode, 2, out.stderr);
    const stdout = [...out.stdout].join('');
    if (format === 'json') {
      const json = (JSON.parse(stdout) as (Shown & { ruleId: string | null })[]).filter((f) => f.ruleId !== null);
      return { messages: json.map((f) => f.message), json };
    }
    if (format === 'sarif') return { messages: (JSON.parse(stdout) as { runs: { results: { message: { text: string } }[] }[] }).runs[0]!.results.map((r) => r.message.text) };
    if (format === 'github') return { messages: stdout.split('\n').filter((line) => line.startsWith('::') && !line.startsWith('::notice')).map((line) => line.slice(line.indexOf('::', 2) + 2)) };
    // stylish: each message on the lines after its header, wrapped and indented by two spaces.
    const messages: string[] = [];
    let inMessage = false;
    for (const line of stdout.split('\n')) {
      if (line.startsWith('  ') && inMessage) messages[messages.length - 1] += ` ${line.trim()}`;
      else if (line.startsWith('  ')) messages.push(line.trim());
      inMessage = line.startsWith('  ');
    }
    return { messages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const HELD_NOTE = /(\(|; )not fixed: (it would break the client grant in |breaks the (client )?grant in |it would break a client grant|breaks a client grant|(the|a) (client )?grant (in .+ )?would (then )?have no fix|leaves the grant in .+ unfixable)/;
// Any reason (a client grant broken, no grants left, a problem raised): the SPA layouts below hold for the first or the last.
const ANY_HELD_NOTE = /(\(|; )not fixed: /;

test('after --fix --unsafe-fixes, a finding held for a client grant in another file or its own says why, in every format; no other finding does', async () => {
  const cases = fc.sample(fc.array(clientArb(false), { minLength: 1, maxLength: 3 }), { numRuns: 6 });
  cases.push([{ appType: 'native', granted: true, longName: false }, { appType: 'spa', granted: false, longName: true }], [{ appType: 'spa', granted: true, longName: true }]);
  let held = 0;
  let fixed = 0;
  for (const [c, clients] of cases.entries()) {
    for (const form of FORMS) {
      const root = mkdtempSync(join(tmpdir(), 'grantlint-held-'));
      try {
        for (const [path, text] of Object.entries(project(form, clients))) {
          mkdirSync(dirname(join(root, path)), { recursive: true });
          writeFileSync(join(root, path), text);
        }
        const name = `case ${c}, ${form}: ${JSON.stringify(clients)}`;
        const { json } = await afterFix(root, 'json');
        clients.forEach((client, i) => {
          const left = json!.filter((f) => f.client === nameOf(client, i) && f.ruleId === HELD_RULE[form]);
          if (client.granted) {
            assert.equal(left.length, 1, `${name}: ${nameOf(client, i)} is held`);
            assert.match(left[0]!.message, HELD_NOTE, name);
            held++;
          } else {
            assert.deepEqual(left, [], `${name}: ${nameOf(client, i)} is fixed`);
            fixed++;
          }
        });
        const expected = json!.filter((f) => HELD_NOTE.test(f.message)).length;
        assert.equal(expected, clients.filter((client) => client.granted).length, name);
        for (const format of ['stylish', 'sarif', 'github']) {
          const { messages } = await afterFix(root, format);
          assert.equal(messages.filter((m) => HELD_NOTE.test(m)).length, expected, `${name}, ${format}:\n${messages.join('\n')}`);
        }
        for (const message of json!.map((f) => f.message)) assert.ok(message.length <= MAX_MESSAGE_LENGTH, `${name}: ${message}`);
        // Without --fix, nothing is held yet: the report says nothing of it.
        const plain = await run(['--format', 'json', '.'], root);
        assert.doesNotMatch([...plain.stdout].join(''), HELD_NOTE, name);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }
  }
  assert.ok(held >= 6 && fixed >= 6, `held ${held}, fixed ${fixed}`);
});

test('the stylish summary sends what --unsafe-fixes would fix to --diff --unsafe-fixes, which shows it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'grantlint-held-'));
  try {
    for (const [path, text] of Object.entries(project('directory', [{ appType: 'spa', granted: false, longName: false }]))) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const out = [...(await run(['.'], root)).stdout].join('');
    assert.match(out, /^1 more problem can be fixed with --fix --unsafe-fixes; see them first with --diff --unsafe-fixes\.$/m);
    assert.match([...(await run(['--diff', '--unsafe-fixes', '.'], root)).stdout].join(''), /^\+ {2}"token_endpoint_auth_method": "none"/m);
    assert.equal([...(await run(['--diff', '.'], root)).stdout].join(''), '');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

/**
 * SPAs without an auth method (deploy-cli), some holding `client_credentials` alone: the unsafe fix of
 * `public-app-type-without-none` (set `none`, drop `client_credentials`) would leave those no grants. (Terraform has
 * no such case: a SPA without credentials resource is public at create time, and the safe fix removes the grant.)
 */
function onlyGrantProject(form: 'directory' | 'yaml', onlyClientCredentials: readonly boolean[]): Record<string, string> {
  const grantsOf = (only: boolean) => (only ? ['client_credentials'] : ['authorization_code', 'client_credentials']);
  if (form === 'directory') {
    return Object.fromEntries(onlyClientCredentials.map((only, i) => [`clients/App ${i}.json`, `${JSON.stringify({ name: `App ${i}`, app_type: 'spa', grant_types: grantsOf(only) }, null, 2)}\n`]));
  }
  return { 'tenant.yaml': `clients:\n${onlyClientCredentials.map((only, i) => `  - name: App ${i}\n    app_type: spa\n    grant_types: [${grantsOf(only).join(', ')}]\n`).join('')}` };
}

const LEAVES_NO_GRANTS = /(\(|; )not fixed(: (it would leave (the client )?no grants|leaves no grants))?\)$/;

test('after --fix --unsafe-fixes, a finding whose unsafe fix would leave its client no grants says it was not fixed, in every format', async () => {
  const cases = fc.sample(fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }), { numRuns: 5 });
  cases.push([true, false]);
  let held = 0;
  for (const onlyClientCredentials of cases) {
    for (const form of ['directory', 'yaml'] as const) {
      const root = mkdtempSync(join(tmpdir(), 'grantlint-held-own-'));
      try {
        for (const [path, text] of Object.entries(onlyGrantProject(form, onlyClientCredentials))) {
          mkdirSync(dirname(join(root, path)), { recursive: true });
          writeFileSync(join(root, path), text);
        }
        const name = `${form}: ${JSON.stringify(onlyClientCredentials)}`;
        const { json } = await afterFix(root, 'json');
        onlyClientCredentials.forEach((only, i) => {
          const left = json!.filter((f) => f.client === `App ${i}` && (f.severity === 'error' || f.severity === 'warning'));
          if (only) {
            assert.equal(left.length, 1, `${name}: App ${i} is held\n${JSON.stringify(json)}`);
            assert.match(left[0]!.message, LEAVES_NO_GRANTS, name);
            held++;
          } else assert.deepEqual(left, [], `${name}: App ${i} is fixed`);
        });
        const expected = onlyClientCredentials.filter(Boolean).length;
        for (const format of ['stylish', 'sarif', 'github']) {
          const { messages } = await afterFix(root, format);
          assert.equal(messages.filter((m) => LEAVES_NO_GRANTS.test(m)).length, expected, `${name}, ${format}:\n${messages.join('\n')}`);
        }
        const plain = await run(['--format', 'json', '.'], root);
        assert.doesNotMatch([...plain.stdout].join(''), /not fixed/, name);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }
  }
  assert.ok(held >= 4, `held ${held}`);
});

/**
 * A SPA without an auth method, holding no client_credentials, with a client grant: its grant's finding has a fix
 * (add client_credentials), and setting the method to `none` would make the client public, which no fix can mend.
 * Written in every layout (block list last, followed by a key, flow list, `app_type` last, a blank line after), in a
 * tenant.yaml and in a deploy-cli directory.
 */
const SPA_LAYOUTS: readonly ((grantsLine: string) => string)[] = [
  (g) => `  - name: West\n    app_type: spa\n${g}`,
  (g) => `  - name: West\n    app_type: spa\n${g}\n`,
  (g) => `  - name: West\n${g}    app_type: spa\n`,
  (g) => `  - name: West\n    app_type: spa\n${g}    description: storefront\n`,
];
const GRANT_LISTS = ['    grant_types:\n      - authorization_code\n', '    grant_types: [authorization_code]\n', '    grant_types: [authorization_code, refresh_token]\n'];

test('--fix --unsafe-fixes never makes a client with a client grant public, whatever the layout; the finding says why it was left', async () => {
  let checked = 0;
  for (const layout of SPA_LAYOUTS) {
    for (const grants of GRANT_LISTS) {
      for (const form of ['yaml', 'directory'] as const) {
        const root = mkdtempSync(join(tmpdir(), 'grantlint-spa-layout-'));
        try {
          const grant = { client_id: 'West', audience: 'https://api.example.com/shop', scope: ['read:orders'] };
          if (form === 'yaml') writeFileSync(join(root, 'tenant.yaml'), `clients:\n${layout(grants)}clientGrants:\n  - client_id: West\n    audience: https://api.example.com/shop\n    scope: [read:orders]\n`);
          else {
            mkdirSync(join(root, 'clients'));
            mkdirSync(join(root, 'grants'));
            const list = grants.includes('refresh_token') ? ['authorization_code', 'refresh_token'] : ['authorization_code'];
            writeFileSync(join(root, 'clients', 'West.json'), `${JSON.stringify({ name: 'West', app_type: 'spa', grant_types: list }, null, 2)}\n`);
            writeFileSync(join(root, 'grants', 'West.json'), `${JSON.stringify(grant, null, 2)}\n`);
          }
          const name = `${form}: ${JSON.stringify(layout(grants))}`;
          const { json } = await afterFix(root, 'json');
          const spa = json!.find((f) => f.ruleId === 'public-app-type-without-none');
          assert.ok(spa, `${name}: the SPA's finding is left\n${JSON.stringify(json)}`);
          assert.match(spa.message, ANY_HELD_NOTE, name);
          assert.ok(!json!.some((f) => / is public/.test(f.message)), `${name}: no client made public\n${JSON.stringify(json)}`);
          checked++;
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }
    }
  }
  assert.equal(checked, SPA_LAYOUTS.length * GRANT_LISTS.length * 2);
});
