/**
 * Hover where it used to say nothing or said it twice:
 * - a grant written in YAML anchored content outside the clients (`x-web-grants: &web_grants`) that clients take
 *   through a list alias, an item alias or a merge key: the grant's hover, naming each client that uses it with its
 *   verdict there (flow and block lists);
 * - an `is_first_party` value that is no boolean (`"False"`): who refuses it (Terraform, the Management API) and
 *   what to write, once, instead of "cannot be told" twice; a placeholder stays "not known here".
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/engine/index';
import { analyze } from '../../server/src/service/analysis';
import { hoverAt } from '../../server/src/service/hover';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

function hover(path: string, text: string, needle: string, nth = 0): string | undefined {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} in\n${text}`);
  return hoverAt(analyze({ path, text, settings: DEFAULT_SETTINGS })!, at + 1)?.markdown.replace(/\\(.)/g, '$1');
}

const REALM = 'http://auth0.com/oauth/grant-type/password-realm';
type Via = 'list-alias' | 'item-alias' | 'merge';
type Style = 'flow' | 'block';

function tenant(via: Via, style: Style, users: number): string {
  const grants = ['authorization_code', REALM];
  const list = (indent: string): string => (style === 'flow' ? ` [${grants.join(', ')}]` : grants.map((g) => `\n${indent}- ${g}`).join(''));
  const head =
    via === 'list-alias' ? `x-web-grants: &web_grants${list('  ')}` : via === 'item-alias' ? `x-realm: &realm ${REALM}` : `x-base: &base\n  app_type: regular_web\n  grant_types:${list('    ')}`;
  const clients = Array.from({ length: users }, (_, i) => {
    const party = i === 0 ? '    is_first_party: false\n' : '';
    const grantsLine = via === 'list-alias' ? '    grant_types: *web_grants\n' : via === 'item-alias' ? '    grant_types: [authorization_code, *realm]\n' : '    <<: *base\n';
    return `  - name: Client ${i}\n    app_type: regular_web\n${party}${grantsLine}`;
  });
  return `${head}\nclients:\n${clients.join('')}`;
}

test('a grant in anchored content outside the clients has the grant hover, naming the clients that use it', () => {
  for (const via of ['list-alias', 'item-alias', 'merge'] as const) {
    for (const style of ['flow', 'block'] as const) {
      for (const users of [1, 2, 7]) {
        const text = tenant(via, style, users);
        const where = `${via}, ${style}, ${users} clients\n${text}`;
        const md = hover('tenant.yaml', text, REALM);
        assert.ok(md, `a hover: ${where}`);
        assert.match(md, /\*\*Password \(realm\)\*\*/, where);
        assert.match(md, /YAML anchored value/, where);
        // Each client named (up to five), the third-party one not allowed, the others allowed; the rest counted.
        for (let i = 0; i < Math.min(users, 5); i++) assert.ok(md.includes(`for Client ${i}.**`), `Client ${i}: ${md}\n${where}`);
        assert.ok(md.includes('**Not allowed for Client 0.**'), `${md}\n${where}`);
        if (users > 5) assert.ok(md.includes(`and ${users - 5} more clients`), `${md}\n${where}`);
        if (via !== 'item-alias') {
          const code = hover('tenant.yaml', text, 'authorization_code');
          assert.ok(code?.includes('**Authorization Code**'), `${code}\n${where}`);
        }
      }
    }
  }
  // Anchored content no client uses is not a client's grant: no hover.
  assert.equal(hover('tenant.yaml', `x-unused: &unused [${REALM}]\nclients:\n  - name: A\n    app_type: spa\n    grant_types: [authorization_code]\n`, REALM), undefined);
});

test('is_first_party that is no boolean: who refuses it and what to write, said once', () => {
  const tf = (value: string): string => `resource "auth0_client" "app" {\n  name           = "App"\n  app_type       = "regular_web"\n  is_first_party = ${value}\n  grant_types    = ["authorization_code", "password"]\n}\n`;
  for (const [value, write] of [['"False"', 'false'], ['"TRUE"', 'true'], ['"yes"', 'false or true'], ['"f"', 'false or true']] as const) {
    const md = hover('main.tf', tf(value), value)!;
    assert.ok(md.includes(`Terraform refuses is_first_party = ${value}`), md);
    assert.ok(md.includes(`write ${write}.`), md);
    assert.doesNotMatch(md, /not known here|cannot be told here/, md);
    // The grant's verdict gives the same reason.
    assert.ok(hover('main.tf', tf(value), '"password"')!.includes('Terraform refuses'), value);
  }
  // Terraform's own strings are booleans: no complaint.
  assert.doesNotMatch(hover('main.tf', tf('"false"'), '"false"')!, /refuses/);
  for (const [value, write] of [['"false"', 'false'], ['"True"', 'true'], ['1', 'false or true']] as const) {
    const yaml = `clients:\n  - name: App\n    app_type: regular_web\n    is_first_party: ${value}\n    grant_types: [authorization_code]\n`;
    const md = hover('tenant.yaml', yaml, `is_first_party: ${value}`, 0)!;
    assert.ok(md.includes('which the Management API refuses'), md);
    assert.ok(md.includes(`write ${write}.`), md);
  }
  // A placeholder is unknown, not wrong.
  const placeholder = hover('tenant.yaml', 'clients:\n  - name: App\n    is_first_party: "@@FIRST_PARTY@@"\n    grant_types: [authorization_code]\n', 'is_first_party')!;
  assert.match(placeholder, /not known here/);
  assert.doesNotMatch(placeholder, /refuses/);
});
