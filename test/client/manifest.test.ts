/**
 * The VS Code extension's manifest and document selector reach Terraform files with and without HashiCorp's
 * Terraform extension: that extension gives `.tf` files the language id `terraform` (others `hcl`), and without
 * one VS Code opens them as plain text, so the selector also takes any `**\/*.tf` file. The running extension is
 * tested in code-server (test/vscode/suite/terraform.test.ts, without a Terraform extension there).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import picomatch from 'picomatch';
import { CLIENT_CONFIG_GLOBS, FILE_PATTERNS, LANGUAGES } from '../../client/src/constants';
import { DEFAULT_CLIENT_SETTINGS } from '../../server/src/workspace/editor-settings';

const DEFAULT_INCLUDE = DEFAULT_CLIENT_SETTINGS.include;

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { configuration: { properties: Record<string, { default?: unknown }> }; menus: { commandPalette: { command: string; when: string }[] } };
};

test('the extension starts for Terraform files, whichever extension (if any) names their language', () => {
  for (const event of ['onLanguage:terraform', 'onLanguage:hcl', 'workspaceContains:**/*.tf']) {
    assert.ok(manifest.activationEvents.includes(event), `activation event ${event}`);
  }
  for (const language of ['terraform', 'hcl']) assert.ok((LANGUAGES as readonly string[]).includes(language), `the selector takes language ${language}`);
  // Without a Terraform extension: a plain-text document named *.tf, at any depth.
  const selects = picomatch([...FILE_PATTERNS]);
  for (const path of ['/w/main.tf', '/w/infra/auth0/clients.tf']) assert.ok(selects(path), path);
  assert.equal(selects('/w/main.tf.json'), false, 'Terraform JSON comes through the json language');
  assert.equal(selects('/w/prod.tfvars'), false);
  assert.ok((CLIENT_CONFIG_GLOBS as readonly string[]).includes('**/*.tf'), 'changes to .tf files on disk are watched');
});

test('the default include globs take .tf files, in the manifest as in the server', () => {
  assert.deepEqual(manifest.contributes.configuration.properties['grantlint.include']?.default, [...DEFAULT_INCLUDE]);
  assert.ok(DEFAULT_INCLUDE.includes('**/*.tf'));
  const fixAll = manifest.contributes.menus.commandPalette.find((m) => m.command === 'grantlint.fixAllInFile');
  assert.match(fixAll?.when ?? '', /editorLangId == terraform/);
  assert.match(fixAll?.when ?? '', /resourceExtname == \.tf/);
});

test('the default workspace scan limit is the same in the manifest as in the server', () => {
  const scan = manifest.contributes.configuration.properties['grantlint.workspaceScan'] as { default?: unknown; properties?: { maxFiles?: { default?: unknown } } };
  const { enabled, maxFiles } = DEFAULT_CLIENT_SETTINGS.workspaceScan;
  assert.deepEqual(scan.default, { enabled, maxFiles });
  assert.equal(scan.properties?.maxFiles?.default, maxFiles);
});
