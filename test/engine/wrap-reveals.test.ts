/**
 * grant-types-type's wrap fix (safe, rule book) on a lone string whose grant, once in a list, gets an error or a
 * warning of its own (a device code grant on a native app with a secret, client_credentials on a SPA, a legacy
 * grant): that finding is what the value already means, hidden by the string form, so the wrap is still offered as
 * a safe fix and the message names the rule the grant then gets, in at most 120 characters. A finding the wrap would
 * newly raise on another field (token_vault_privileged_access without the Token Vault grant) still withholds it,
 * and the CLI message names that rule within 120 characters.
 *
 * Over every known grant value and several clients, in YAML (plain and quoted), a Management API JSON body,
 * Terraform HCL (`grant_types = "x"`) and .tf.json; `--fix` applies the wrap and a second run changes nothing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { run } from '../../server/src/cli/main';
import { GRANTS } from '../../server/src/engine/catalogue';
import { DEFAULT_SETTINGS, lintText, type Finding } from '../../server/src/engine/index';
import { analyze } from '../../server/src/service/analysis';
import { hoverAt } from '../../server/src/service/hover';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

type Form = 'yaml' | 'yaml-quoted' | 'json' | 'hcl' | 'tf-json';
const FORMS: readonly Form[] = ['yaml', 'yaml-quoted', 'json', 'hcl', 'tf-json'];

interface Profile {
  readonly appType: string;
  readonly method?: string;
  readonly firstParty?: false;
}

const PROFILES: readonly Profile[] = [
  { appType: 'native', method: 'client_secret_post' },
  { appType: 'spa', method: 'none' },
  { appType: 'regular_web', firstParty: false },
  { appType: 'non_interactive', method: 'client_secret_post' },
];

/** A file of one client whose grant_types is `grants` (a lone string, or a list). */
function source(form: Form, p: Profile, grants: string | readonly string[]): { path: string; text: string } {
  const list = typeof grants !== 'string';
  switch (form) {
    case 'yaml':
    case 'yaml-quoted': {
      const value = list ? `[${grants.map((g) => JSON.stringify(g)).join(', ')}]` : form === 'yaml' ? grants : JSON.stringify(grants);
      const lines = ['clients:', '  - name: App', `    app_type: ${p.appType}`];
      if (p.method) lines.push(`    token_endpoint_auth_method: ${p.method}`);
      if (p.firstParty === false) lines.push('    is_first_party: false');
      lines.push(`    grant_types: ${value}`);
      return { path: 'tenant.yaml', text: `${lines.join('\n')}\n` };
    }
    case 'json': {
      const body = { name: 'App', app_type: p.appType, ...(p.method ? { token_endpoint_auth_method: p.method } : {}), ...(p.firstParty === false ? { is_first_party: false } : {}), grant_types: grants };
      return { path: 'post.json', text: `${JSON.stringify(body, null, 2)}\n` };
    }
    case 'hcl': {
      const value = list ? `[${grants.map((g) => JSON.stringify(g)).join(', ')}]` : JSON.stringify(grants);
      const first = p.firstParty === false ? '  is_first_party = false\n' : '';
      const credentials = p.method ? `\nresource "auth0_client_credentials" "app" {\n  client_id             = auth0_client.app.id\n  authentication_method = "${p.method}"\n}\n` : '';
      return { path: 'main.tf', text: `resource "auth0_client" "app" {\n  name        = "App"\n  app_type    = "${p.appType}"\n${first}  grant_types = ${value}\n}\n${credentials}` };
    }
    case 'tf-json': {
      const client = { name: 'App', app_type: p.appType, ...(p.firstParty === false ? { is_first_party: false } : {}), grant_types: grants };
      const credentials = p.method ? { auth0_client_credentials: { app: { client_id: '${auth0_client.app.id}', authentication_method: p.method } } } : {};
      return { path: 'main.tf.json', text: `${JSON.stringify({ resource: { auth0_client: { app: client }, ...credentials } }, null, 2)}\n` };
    }
  }
}

/** The errors and warnings the grant gets as the only item of a list, most severe first. */
function itemFindings(form: Form, p: Profile, grant: string): Finding[] {
  const { path, text } = source(form, p, [grant]);
  const result = lintText({ path, text });
  const at = text.indexOf(JSON.stringify(grant));
  return result.findings
    .filter((f) => (f.severity === 'error' || f.severity === 'warning') && f.span.start >= at && f.span.end <= at + JSON.stringify(grant).length)
    .sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error'));
}

test('a wrap whose grant then gets a finding of its own is offered, safe, and names that rule', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-wrap-reveals-'));
  try {
    const revealed = new Map<Form, number>();
    for (const form of FORMS) {
      for (const p of PROFILES) {
        for (const { value: grant } of GRANTS) {
          const own = itemFindings(form, p, grant);
          const { path, text } = source(form, p, grant);
          const where = `${grant} on ${JSON.stringify(p)} in ${form}\n${text}`;
          const finding = lintText({ path, text }).findings.find((f) => f.ruleId === 'grant-types-type');
          assert.ok(finding, where);
          assert.ok(finding.message.length <= 120, `${finding.message}\n${where}`);
          const wrap = finding.fixes.find((fix) => fix.edits.every((edit) => edit.kind === 'wrapInList'));
          assert.equal(wrap?.safety, 'safe', `the wrap is offered, safe: ${where}`);
          assert.equal(finding.safeFixWithheld, undefined, where);
          if (own.length === 0) {
            assert.equal(finding.message, 'grant_types must be a list, not a string: wrap it in a list.', where);
            continue;
          }
          revealed.set(form, (revealed.get(form) ?? 0) + 1);
          const severest = own.filter((f) => f.severity === own[0]!.severity).map((f) => f.ruleId);
          const named = severest.find((rule) => finding.message.endsWith(`; the grant then gets ${rule}.`));
          assert.ok(named, `the message names one of ${severest.join(', ')}: ${finding.message}\n${where}`);
          // The hover shows the message, with the rule.
          const md = hoverAt(analyze({ path, text, settings: DEFAULT_SETTINGS })!, finding.span.start + 1)!.markdown.replace(/\\(.)/g, '$1');
          assert.ok(md.includes(named), `${md}\n${where}`);
          // --fix wraps (and may then take the grant's own safe fix); a second run changes nothing.
          const file = join(dir, path);
          writeFileSync(file, text);
          await run(['--fix', path], dir);
          const once = readFileSync(file, 'utf8');
          assert.notEqual(once, text, where);
          assert.ok(!lintText({ path, text: once }).findings.some((f) => f.ruleId === 'grant-types-type'), `${once}\n${where}`);
          await run(['--fix', path], dir);
          assert.equal(readFileSync(file, 'utf8'), once, `a second --fix is a no-op: ${where}`);
          rmSync(file);
        }
      }
    }
    // Every form reaches many grants with findings of their own.
    for (const form of FORMS) assert.ok((revealed.get(form) ?? 0) >= 20, `${form}: ${revealed.get(form)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a wrap that would raise an error on another field stays withheld, and the message names it in 120 characters', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-wrap-withheld-'));
  try {
    const yaml = (grant: string) =>
      `clients:\n  - name: Vault\n    app_type: regular_web\n    token_endpoint_auth_method: client_secret_post\n    oidc_conformant: true\n    token_vault_privileged_access:\n      credentials: []\n    grant_types: ${grant}\n`;
    const json = (grant: string) =>
      `${JSON.stringify({ name: 'Vault', app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post', oidc_conformant: true, token_vault_privileged_access: { credentials: [] }, grant_types: grant }, null, 2)}\n`;
    // Both a grant that is fine in a list and one that then gets its own error: the other field decides.
    for (const grant of ['authorization_code', 'http://auth0.com/oauth/legacy/grant-type/ro']) {
      for (const [path, text] of [['tenant.yaml', yaml(grant)], ['post.json', json(grant)]] as const) {
        const where = `${grant} in ${path}\n${text}`;
        const finding = lintText({ path, text }).findings.find((f) => f.ruleId === 'grant-types-type');
        assert.ok(finding, where);
        assert.deepEqual(finding.fixes, [], where);
        assert.equal(finding.safeFixWithheld?.why, 'new-error', where);
        assert.equal(finding.safeFixWithheld.rule, 'token-vault-privileged-access', where);
        writeFileSync(join(dir, path), text);
        const outcome = await run(['--format', 'json', path], dir);
        const reported = (JSON.parse([...outcome.stdout].join('')) as { ruleId: string; message: string }[]).find((f) => f.ruleId === 'grant-types-type')!;
        assert.ok(reported.message.length <= 120, `${reported.message} has ${reported.message.length} characters`);
        assert.match(reported.message, /\(no safe fix: .*token-vault-privileged-access.*\)$/, where);
        const md = hoverAt(analyze({ path, text, settings: DEFAULT_SETTINGS })!, finding.span.start + 1)!.markdown.replace(/\\(.)/g, '$1');
        assert.ok(md.includes('would give this client a new token-vault-privileged-access error'), `${md}\n${where}`);
        await run(['--fix', path], dir);
        assert.equal(readFileSync(join(dir, path), 'utf8'), text, `--fix leaves it: ${where}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
