/**
 * The note that a file's parse error holds back every fix says why in the error's own terms: where the text around
 * it is recovered by guessing (a missing comma, an unclosed bracket) it says so; where every value is read exactly
 * (a comment, a trailing comma or a byte order mark in a deploy-cli file, a repeated key, a repeated HCL attribute)
 * it says only that fixes are written to files that parse. Each kind of error, in each format that has it, beside a
 * client with a fixable finding, through the CLI's stderr.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { run } from '../../server/src/cli/main';

const FIXABLE_JSON = '"name": "Shop",\n  "app_type": "spa",\n  "token_endpoint_auth_method": "none",\n  "grant_types": ["authorization_code", "client_credentials"]';
const FIXABLE_YAML = '  - name: Shop\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: [authorization_code, client_credentials]\n';
const FIXABLE_HCL = 'resource "auth0_client" "shop" {\n  name        = "Shop"\n  app_type    = "spa"\n  grant_types = ["authorization_code", "client_credentials"]\n}\n';

/** Files with one parse error each, and whether the values around it are read exactly. */
const CASES: readonly { readonly label: string; readonly path: string; readonly text: string; readonly exact: boolean }[] = [
  { label: 'deploy-cli comment', path: 'tenant/clients/Shop.json', text: `{\n  // the shop\n  ${FIXABLE_JSON}\n}\n`, exact: true },
  { label: 'deploy-cli trailing comma', path: 'tenant/clients/Shop.json', text: `{\n  ${FIXABLE_JSON},\n}\n`, exact: true },
  { label: 'deploy-cli byte order mark', path: 'tenant/clients/Shop.json', text: `\uFEFF{\n  ${FIXABLE_JSON}\n}\n`, exact: true },
  { label: 'JSON repeated key', path: 'tenant/clients/Shop.json', text: `{\n  "description": "a",\n  "description": "b",\n  ${FIXABLE_JSON}\n}\n`, exact: true },
  { label: 'YAML repeated key', path: 'tenant.yaml', text: `clients:\n${FIXABLE_YAML}    description: a\n    description: b\n`, exact: true },
  { label: 'HCL repeated attribute', path: 'main.tf', text: FIXABLE_HCL.replace('  name        = "Shop"\n', '  name        = "Shop"\n  name        = "Shop"\n'), exact: true },
  { label: 'JSON missing comma', path: 'clients.json', text: `[\n  {\n  ${FIXABLE_JSON}\n  },\n  {\n  "name": "Other"\n  "app_type": "spa"\n  }\n]\n`, exact: false },
  { label: 'YAML unclosed flow list', path: 'tenant.yaml', text: `clients:\n${FIXABLE_YAML}  - name: Other\n    app_type: spa\n    grant_types: [authorization_code\n`, exact: false },
  { label: 'HCL missing comma', path: 'main.tf', text: `${FIXABLE_HCL}resource "auth0_client" "other" {\n  name        = "Other"\n  grant_types = ["authorization_code" "implicit"]\n}\n`, exact: false },
];

test('the held-fixes note says the text is a guess only where it is', async () => {
  for (const c of CASES) {
    const dir = mkdtempSync(join(tmpdir(), 'grantlint-held-fixes-'));
    try {
      mkdirSync(join(dir, dirname(c.path)), { recursive: true });
      writeFileSync(join(dir, c.path), c.text);
      const outcome = await run([c.path], dir);
      const note = outcome.stderr.split('\n').find((line) => line.includes('no fixes in this file until'));
      assert.ok(note, `${c.label}: a held-fixes note:\n${outcome.stderr}\n${[...outcome.stdout].join('')}`);
      assert.equal(/read as a guess/.test(note), !c.exact, `${c.label}: ${note}`);
      if (c.exact) assert.match(note, /no fixes in this file until the error on line \d+ is mended: fixes are written only to files that parse$/, c.label);
      else assert.match(note, /no fixes in this file until the syntax error on line \d+ is mended: the text around it is read as a guess$/, c.label);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
