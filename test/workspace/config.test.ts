import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, ConfigFinder, parseConfig, resolveFileSettings, settingsFor } from '../../server/src/workspace/index';
import { lint, ruleIds } from '../helpers/lint';

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
  assert.throws(() => parseConfig('{ "rulez": {} }', '/w/.grantlintrc.json'), (e: unknown) => e instanceof ConfigError && /\/w\/\.grantlintrc\.json: unknown key 'rulez'/.test(e.message));
  assert.throws(() => parseConfig('{ "rules": { "no-such-rule": "off" } }', '/w/.grantlintrc.json'), /unknown rule id 'no-such-rule' in 'rules'/);
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
