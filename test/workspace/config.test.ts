import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, ConfigFinder, parseConfig, resolveFileSettings, settingsFor } from '../../server/src/workspace/index';
import { ALL_RULES } from '../../server/src/engine/index';
import { lint, ruleIds } from '../helpers/lint';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

const LEGACY = 'clients:\n  - name: Old\n    grant_types:\n      - authorization_code\n      - http://auth0.com/oauth/legacy/grant-type/access_token\n      - implicit\n';

test('rules set severities and turn rules off', () => {
  const config = parseConfig('{ "rules": { "implicit-grant": "off", "legacy-grant-type": "hint" } }', '/w/.grantlintrc.json');
  const result = lint('/w/tenant.yaml', LEGACY, settingsFor(config, '/w/tenant.yaml'));
  assert.deepEqual(result.findings.map((f) => `${f.ruleId}:${f.severity}`), ['legacy-grant-type:hint']);
});

test('legacyTenant lowers every legacy grant to a warning', () => {
  const config = parseConfig('{ "legacyTenant": true }', '/w/.grantlintrc.json');
  const result = lint('/w/tenant.yaml', LEGACY, settingsFor(config, '/w/tenant.yaml'));
  assert.equal(result.findings.find((f) => f.ruleId === 'legacy-grant-type')?.severity, 'warning');
});

test('overrides apply by file glob, and by JSON pointer within a file', () => {
  const config = parseConfig(
    `{
      // comments are allowed
      "overrides": [
        { "files": "legacy/*.yaml", "rules": { "legacy-grant-type": "off" } },
        { "files": ["tenant.yaml"], "pointer": "/clients/1", "rules": { "implicit-grant": "off" } },
      ]
    }`,
    '/w/.grantlintrc.json',
  );
  assert.deepEqual(ruleIds(lint('/w/legacy/tenant.yaml', LEGACY, settingsFor(config, '/w/legacy/tenant.yaml'))), ['implicit-grant']);
  const two = LEGACY + '  - name: Other\n    grant_types: [implicit]\n';
  const result = lint('/w/tenant.yaml', two, settingsFor(config, '/w/tenant.yaml'));
  assert.deepEqual(ruleIds(result), ['legacy-grant-type', 'implicit-grant']);
});

test('ignore globs', () => {
  const config = parseConfig('{ "ignore": ["generated/**", "*.tf.json"] }', '/w/.grantlintrc.json');
  assert.equal(resolveFileSettings(config, '/w/generated/clients/a.json'), undefined);
  assert.equal(resolveFileSettings(config, '/w/deep/main.tf.json'), undefined);
  assert.equal(resolveFileSettings(config, '/w/clients/a.json') === undefined, false);
});

test('an unknown key or rule id is a clear error naming the file and key', () => {
  assert.throws(() => parseConfig('{ "rulez": {} }', '/w/.grantlintrc.json'), (e: unknown) => e instanceof ConfigError && /\/w\/\.grantlintrc\.json: 1:3: unknown key 'rulez'/.test(e.message));
  assert.throws(() => parseConfig('{ "rules": { "no-such-rule": "off" } }', '/w/.grantlintrc.json'), /unknown rule id 'no-such-rule' in 'rules'$/);
  assert.throws(() => parseConfig('{ "rules": { "implicit-grant": "loud" } }', '/w/.grantlintrc.json'), /'rules.implicit-grant' must be one of/);
  assert.throws(() => parseConfig('{ "overrides": [{ "files": "*", "pointr": "/x" }] }', '/w/.grantlintrc.json'), /unknown key 'pointr' in 'overrides\[0\]'/);
  assert.throws(() => parseConfig('{ "overrides": [{ "files": "*", "pointer": "x" }] }', '/w/.grantlintrc.json'), /JSON pointer/);
  assert.throws(() => parseConfig('{ "rules": ', '/w/.grantlintrc.json'), /\.grantlintrc\.json: 1:\d+: JSON syntax error/);
});

test('the nearest config file up the tree applies', () => {
  const root = mkdtempSync(join(tmpdir(), 'grantlint-config-'));
  mkdirSync(join(root, 'a', 'b'), { recursive: true });
  writeFileSync(join(root, '.grantlintrc.json'), '{ "rules": { "implicit-grant": "off" } }');
  writeFileSync(join(root, 'a', '.grantlintrc.json'), '{ "legacyTenant": true }');
  const finder = new ConfigFinder();
  assert.equal(finder.config(join(root, 'a', 'b', 'tenant.yaml')).file, join(root, 'a', '.grantlintrc.json'));
  assert.equal(finder.config(join(root, 'tenant.yaml')).file, join(root, '.grantlintrc.json'));
});

test('in Terraform (HCL and JSON), a pointer names a resource by type and name, with or without /resource', async () => {
  await loadHclParser();
  const hcl = `resource "auth0_client" "kiosk" {
  app_type    = "regular_web"
  grant_types = ["authorization_code", "implicit"]
}

resource "auth0_client" "kiosk_admin" {
  app_type    = "regular_web"
  grant_types = ["authorization_code", "implicit"]
}
`;
  const json = JSON.stringify({
    resource: {
      auth0_client: {
        kiosk: { app_type: 'regular_web', grant_types: ['authorization_code', 'implicit'] },
        kiosk_admin: { app_type: 'regular_web', grant_types: ['authorization_code', 'implicit'] },
      },
    },
  }, null, 2);
  for (const pointer of ['/auth0_client/kiosk', '/resource/auth0_client/kiosk', '/auth0_client/kiosk/grant_types']) {
    const config = parseConfig(`{ "overrides": [{ "files": "*", "pointer": "${pointer}", "rules": { "implicit-grant": "off" } }] }`, '/w/.grantlintrc.json');
    for (const [path, text] of [['/w/main.tf', hcl], ['/w/main.tf.json', json]] as const) {
      const result = lint(path, text, settingsFor(config, path));
      const implicit = result.findings.filter((f) => f.ruleId === 'implicit-grant');
      // Only kiosk_admin's is left: a pointer names a whole token, never a prefix of a name.
      assert.equal(implicit.length, 1, `${pointer} in ${path}`);
      assert.equal(implicit[0]!.path[2], 'kiosk_admin', `${pointer} in ${path}`);
    }
  }
  // A pointer that names another resource type, or no resource, silences nothing here.
  for (const pointer of ['/auth0_client_credentials/kiosk', '/clients/0']) {
    const config = parseConfig(`{ "overrides": [{ "files": "*", "pointer": "${pointer}", "rules": { "implicit-grant": "off" } }] }`, '/w/.grantlintrc.json');
    assert.equal(lint('/w/main.tf', hcl, settingsFor(config, '/w/main.tf')).findings.filter((f) => f.ruleId === 'implicit-grant').length, 2, pointer);
  }
});

test('outside Terraform a pointer is read from the root as written', () => {
  const config = parseConfig('{ "overrides": [{ "files": "*", "pointer": "/0", "rules": { "implicit-grant": "off" } }] }', '/w/.grantlintrc.json');
  const payload = JSON.stringify([{ name: 'A', app_type: 'regular_web', grant_types: ['implicit'] }, { name: 'B', app_type: 'regular_web', grant_types: ['implicit'] }]);
  const implicit = lint('/w/clients.json', payload, settingsFor(config, '/w/clients.json')).findings.filter((f) => f.ruleId === 'implicit-grant');
  assert.deepEqual(implicit.map((f) => f.path[0]), [1]);
});

test('a misspelt rule id gets the rule meant, for every rule and every one-letter slip; a far one gets none', () => {
  const config = (id: string) => `{ "overrides": [{ "files": "*", "rules": { "${id}": "off" } }] }`;
  for (const rule of ALL_RULES) {
    for (const slip of [`${rule.id}s`, rule.id.slice(1), rule.id.toUpperCase(), `${rule.id.slice(0, -1)}x`]) {
      if (ALL_RULES.some((other) => other.id === slip)) continue;
      assert.throws(() => parseConfig(config(slip), '/w/.grantlintrc.json'), (e: unknown) => e instanceof ConfigError && e.message.endsWith(`unknown rule id '${slip}' in 'overrides[0].rules'; did you mean '${rule.id}'?`), slip);
    }
  }
  assert.throws(() => parseConfig(config('grants'), '/w/.grantlintrc.json'), (e: unknown) => e instanceof ConfigError && !e.message.includes('did you mean'));
  // The start of one rule's id only.
  assert.throws(() => parseConfig(config('legacy-grant'), '/w/.grantlintrc.json'), /did you mean 'legacy-grant-type'\?$/);
  assert.throws(() => parseConfig(config('third-party'), '/w/.grantlintrc.json'), (e: unknown) => e instanceof ConfigError && !e.message.includes('did you mean'));
});
