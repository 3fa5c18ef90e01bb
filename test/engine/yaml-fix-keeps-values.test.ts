/**
 * YAML fixes change only what they must: a key a fix adds to a client leaves every other value as it was, whatever
 * the value before it owns (a `|+` scalar's kept blank lines, a nested one's, a flow list over lines); a tag on a
 * value a fix rewrites stays where it still names the value's type; a key added to a flow mapping is written in it.
 */
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import { fixAll } from '../../server/src/engine/index';
import { applyTextEdits, EditRenderer } from '../../server/src/engine/fix/render';
import type { SemanticEdit } from '../../server/src/engine/fix/semantic';
import { applyFix, lint } from '../helpers/lint';
import { checkFixResults } from '../robustness/invariants';

/** The clients of a YAML text as auth0-deploy-cli reads them (merge keys on). */
function clients(text: string): Record<string, unknown>[] {
  const doc = parseDocument(text, { merge: true });
  assert.deepEqual(doc.errors, [], `the text does not parse:\n${text}`);
  return (doc.toJS() as { clients: Record<string, unknown>[] }).clients;
}

/** The keys a fix's edits set to a value, all of them, or undefined when it also edits other ways. */
function setsOnly(edits: readonly SemanticEdit[]): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const edit of edits) {
    if (edit.kind !== 'setField') return undefined;
    out[edit.key] = edit.value;
  }
  return out;
}

/** Client heads whose fixes add a key (public-app-type-without-none, oidc-conformant-unset, device-code-requirements). */
const HEADS = [
  '    app_type: native\n    grant_types: [authorization_code]\n',
  '    app_type: regular_web\n    grant_types: [authorization_code, urn:openid:params:grant-type:ciba]\n',
  '    app_type: non_interactive\n    grant_types: [urn:ietf:params:oauth:grant-type:device_code]\n',
];

const HEADERS = ['|', '|-', '|+', '>', '>-', '>+', '|2+', '>2-', '|2'];

/** The forms of the last value of a client (`description`, or another field), each with the text after it. */
function lastValues(): string[] {
  const out: string[] = [];
  for (const header of HEADERS) {
    // `|2`: the content is indented two more than the key, and its first line may hold more.
    const content = header.includes('2') ? '        indented\n      Mobile app.\n' : '      Mobile app.\n      Second line.\n';
    for (const blanks of ['', '\n', '\n  \n']) {
      for (const comment of ['', '    # after\n', '# at column 0\n\n']) out.push(`    description: ${header}\n${content}${blanks}${comment}`);
    }
  }
  out.push('    client_metadata:\n      note: |+\n        kept\n\n\n');
  out.push('    client_metadata:\n      inner:\n        note: >+\n          kept\n\n');
  out.push('    allowed_logout_urls:\n      - |+\n        https://a.example/\n\n');
  out.push('    callbacks: [https://a.example/cb,\n      https://b.example/cb]\n');
  out.push('    callbacks: [https://a.example/cb,\n      https://b.example/cb] # two\n\n');
  out.push('    # about it\n    description: |\n      Mobile app.\n');
  return out;
}

/** The texts: one client, then the last value, at the end of the file (with and without a final break) or not. */
function texts(): string[] {
  const out: string[] = [];
  for (const head of HEADS) {
    for (const last of lastValues()) {
      const client = `clients:\n  - name: Phone\n${head}${last}`;
      out.push(client);
      if (client.endsWith('\n')) out.push(client.replace(/\n+$/, ''));
      out.push(`${client}  - name: Back\n    app_type: spa\n    grant_types: [authorization_code]\n    token_endpoint_auth_method: none\n`);
    }
  }
  return out;
}

describe('a key a fix adds leaves every other value as it was', () => {
  test('each fix alone, and fix-all with unsafe fixes, over the forms of the value before the new key', () => {
    let adding = 0;
    for (const text of texts()) {
      const before = clients(text);
      const result = lint('tenant.yaml', text);
      for (const finding of result.findings) {
        for (const fix of finding.fixes) {
          const sets = setsOnly(fix.edits);
          if (!sets) continue;
          const fixed = applyFix(text, result, fix);
          const expected = [{ ...before[0], ...sets }, ...before.slice(1)];
          assert.ok(isDeepStrictEqual(clients(fixed), expected), `${fix.title}: ${JSON.stringify(clients(fixed))}\n--- input ---\n${text}\n--- fixed ---\n${fixed}`);
          if (fix.edits.some((e) => e.kind === 'setField' && !(e.key in before[0]!))) adding++;
        }
      }
      const all = fixAll({ path: 'tenant.yaml', text }, { unsafe: true }).text;
      const after = clients(all);
      for (const [key, value] of Object.entries(before[0]!)) {
        if (key !== 'grant_types' && key !== 'app_type') assert.deepEqual(after[0]![key], value, `${key} changed:\n--- input ---\n${text}\n--- fixed ---\n${all}`);
      }
      // Each fix alone and fix-all, by the shared invariants (a fix changes no field of its client it does not name).
      assert.deepEqual(checkFixResults('tenant.yaml', text), []);
    }
    assert.ok(adding > 500, `only ${adding} fixes added a key`);
  });

  test('the `|+` case of the report: the new key follows the kept blank line', () => {
    const text = 'clients:\n  - name: Phone\n    app_type: native\n    grant_types: [authorization_code]\n    description: |+\n      Mobile app.\n\n';
    assert.equal(fixAll({ path: 't.yaml', text }, { unsafe: true }).text, text + '    token_endpoint_auth_method: none\n');
  });

  test('a block scalar that ends the file without a line break: the new key goes before its key and comments', () => {
    const head = 'clients:\n  - name: Phone\n    app_type: native\n    grant_types: [authorization_code]\n';
    const text = head + '    # about it\n    description: |\n      Mobile app.';
    assert.equal(fixAll({ path: 't.yaml', text }, { unsafe: true }).text, head + '    token_endpoint_auth_method: none\n    # about it\n    description: |\n      Mobile app.');
  });
});

describe('a tag on a value a fix rewrites', () => {
  const TAGS = ['!!str', '!<tag:yaml.org,2002:str>', '&a !!str', '!!str &a'];
  const QUOTES: [string, string][] = [['', ''], ["'", "'"], ['"', '"']];
  test('stays with the new value, in block and flow lists, with its anchor and quotes', () => {
    for (const tag of TAGS) {
      for (const [open, close] of QUOTES) {
        const item = (grant: string) => `${tag} ${open}${grant}${close}`;
        const head = 'clients:\n  - name: Web\n    app_type: regular_web\n';
        for (const [list, fixedList] of [
          [`    grant_types:\n      - authorization_code\n      - ${item('client-credentials')}\n`, `    grant_types:\n      - authorization_code\n      - ${item('client_credentials')}\n`],
          [`    grant_types: [authorization_code, ${item('client-credentials')}]\n`, `    grant_types: [authorization_code, ${item('client_credentials')}]\n`],
        ]) {
          const text = head + list!;
          assert.equal(fixAll({ path: 't.yaml', text }).text, head + fixedList!, text);
          assert.deepEqual(clients(fixAll({ path: 't.yaml', text }).text)[0]!['grant_types'], ['authorization_code', 'client_credentials']);
        }
      }
    }
  });

  test('stays where it names the new value\'s type, and goes where it names another (a string tag on a boolean)', () => {
    const head = 'clients:\n  - name: Phone\n    app_type: native\n';
    for (const [written, expected] of [
      ['!!str no', 'true'],
      ['!!bool false', '!!bool true'],
      ['&o !!str no', '&o true'],
      ['!custom no', 'true'],
    ]) {
      const text = `${head}    oidc_conformant: ${written!}\n`;
      const client = lint('t.yaml', text).clients[0]!;
      const edits = new EditRenderer(text, 'yaml').render([{ kind: 'setField', object: client.node, key: 'oidc_conformant', value: true }]);
      assert.equal(applyTextEdits(text, edits), `${head}    oidc_conformant: ${expected!}\n`);
    }
  });
});

describe('where a new key goes', () => {
  test('in a flow mapping over lines, on the line of the last key: in the mapping, after it', () => {
    for (const [open, close] of [['[', ']'], ['{', '}']]) {
      const list = open === '[' ? '[authorization_code,\n      refresh_token]' : '[authorization_code, refresh_token]';
      const text = `clients:\n  - {name: Phone, app_type: native, grant_types: ${list}}\n`;
      const fixed = fixAll({ path: 't.yaml', text }, { unsafe: true }).text;
      assert.equal(fixed, `clients:\n  - {name: Phone, app_type: native, grant_types: ${list}, token_endpoint_auth_method: none}\n`, close);
    }
    // A key on a line of its own: the new one on the next line, at its indentation.
    const lines = 'clients:\n  - {\n      name: Phone,\n      app_type: native,\n      grant_types: [authorization_code]\n    }\n';
    assert.equal(fixAll({ path: 't.yaml', text: lines }, { unsafe: true }).text, lines.replace('code]\n', 'code],\n      token_endpoint_auth_method: none\n'));
  });

  test('in JSON, after a list over lines on the last key\'s line: on that line', () => {
    const text = '{"clients": [{"name": "Phone", "app_type": "native", "grant_types": ["authorization_code",\n  "refresh_token"]}]}\n';
    const fixed = fixAll({ path: 'tenant.json', text }, { unsafe: true }).text;
    assert.equal(fixed, text.replace('"refresh_token"]', '"refresh_token"], "token_endpoint_auth_method": "none"'));
  });

  test('in a client with a `<<` entry: right after it, for every form of the entry', () => {
    const base = 'x-base: &base\n  app_type: native\nx-more: &more\n  description: d\n';
    for (const merge of ['<<: *base', '<<: [*base, *more]', '<<:\n      - *base\n      - *more', '<<: *base # shared']) {
      for (const [before, after] of [['    grant_types: [authorization_code]\n', ''], ['', '    grant_types: [authorization_code]\n']]) {
        const text = `${base}clients:\n  - name: Phone\n${before}    ${merge}\n${after}`;
        const fixed = fixAll({ path: 't.yaml', text }, { unsafe: true }).text;
        assert.equal(fixed, `${base}clients:\n  - name: Phone\n${before}    ${merge}\n    token_endpoint_auth_method: none\n${after}`);
      }
    }
    // A client that is a `<<` entry alone after its dash.
    const alone = `${base}x-grants: &g\n  grant_types: [authorization_code]\nclients:\n  - <<: [*base, *g]\n`;
    assert.equal(fixAll({ path: 't.yaml', text: alone }, { unsafe: true }).text, alone + '    token_endpoint_auth_method: none\n');
  });
});
