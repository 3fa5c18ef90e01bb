/**
 * The VS Code extension's manifest and document selector reach Terraform files with and without HashiCorp's
 * Terraform extension: that extension gives `.tf` files the language id `terraform` (others `hcl`), and without
 * one VS Code opens them as plain text, so the selector also takes any `**\/*.tf` file. The running extension is
 * tested in code-server (test/vscode/suite/terraform.test.ts, without a Terraform extension there).
 * The settings' defaults that README.md and the extension's own README (docs/extension-readme.md, the one the .vsix
 * ships and the Marketplace shows) state are the manifest's (U42 found the shipped one saying `maxFiles: 5000`).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import picomatch from 'picomatch';
import { CLIENT_CONFIG_GLOBS, FILE_PATTERNS, LANGUAGES } from '../../client/src/constants';
import { DEFAULT_CLIENT_SETTINGS } from '../../server/src/workspace/editor-settings';

const DEFAULT_INCLUDE = DEFAULT_CLIENT_SETTINGS.include;

const REPO = join(__dirname, '..', '..');

const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
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

/**
 * The rows of a doc's settings table (`| \`grantlint.x\` | default | meaning |`): each setting and its default as
 * written, read as JSON (`true`, `{}`, `{ "enabled": true, "maxFiles": 25000 }`), or as a word (`off`), or as a list
 * of several code spans (the include globs).
 */
function statedDefaults(markdown: string): Map<string, unknown> {
  const defaults = new Map<string, unknown>();
  for (const row of markdown.matchAll(/^\| `(grantlint\.[\w.]+)` \| (.*?) \| .* \|$/gm)) {
    const spans = [...row[2]!.matchAll(/`([^`]*)`/g)].map((span) => span[1]!);
    const read = (text: string): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    };
    defaults.set(row[1]!, spans.length === 1 ? read(spans[0]!) : spans);
  }
  return defaults;
}

for (const doc of ['README.md', 'docs/extension-readme.md']) {
  test(`${doc}'s settings table lists every setting with the manifest's default`, () => {
    const stated = statedDefaults(readFileSync(join(REPO, doc), 'utf8'));
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual([...stated.keys()].sort(), Object.keys(properties).sort(), `${doc} lists the manifest's settings`);
    for (const [setting, value] of stated) assert.deepEqual(value, properties[setting]?.default, `${doc}: the default of ${setting}`);
  });
}
