/**
 * `token_endpoint_auth_method` written on a Terraform `auth0_client` (provider versions before 1.0 read the method
 * there; v1 rejects it) gets a note at its key saying what the provider versions do with it (at most 120
 * characters: the resource goes unnamed, the note being in it), in HCL and in
 * `.tf.json`, whatever its value; other formats, where the attribute is the method, get none.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { lintText } from '../../server/src/engine/lint';
import { movedAttributeNotes } from '../../server/src/engine/moved-attributes';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

function notesOf(path: string, text: string): { key: string; message: string }[] {
  const result = lintText({ path, text });
  return movedAttributeNotes(result.clients).map((note) => ({ key: text.slice(note.span.start, note.span.end).replace(/"/g, ''), message: note.message }));
}

const VALUES = ['"none"', '"client_secret_post"', '"private_key_jwt"', 'var.method', 'null'];

for (const value of VALUES) {
  test(`HCL: token_endpoint_auth_method = ${value} on auth0_client gets a note at its key, within 120 characters`, () => {
    const text = `resource "auth0_client" "kiosk" {\n  name = "Kiosk"\n  # the old place\n  token_endpoint_auth_method = ${value}\n  app_type = "spa"\n}\n`;
    const notes = notesOf('main.tf', text);
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.key, 'token_endpoint_auth_method');
    // At the key, in the resource: naming neither leaves a long resource name nothing to push out.
    assert.equal(notes[0]!.message, 'token_endpoint_auth_method is read as the auth method (auth0 provider 0.x); v1 rejects it: use auth0_client_credentials');
  });

  test(`.tf.json: token_endpoint_auth_method ${value} on auth0_client gets a note`, () => {
    const json = value.startsWith('"') || value === 'null' ? value : `"\${${value}}"`;
    const text = `{"resource": {"auth0_client": {"kiosk": {"name": "Kiosk", "token_endpoint_auth_method": ${json}}, "other": {"name": "Other"}}}}\n`;
    const notes = notesOf('main.tf.json', text);
    assert.deepEqual(notes.map((n) => n.key), ['token_endpoint_auth_method']);
  });
}

test('one note per client that sets it, in file order; none for the credentials resource or other clients', () => {
  const text = [
    'resource "auth0_client" "b" {\n  token_endpoint_auth_method = "none"\n}',
    'resource "auth0_client" "c" {\n  app_type = "spa"\n}',
    'resource "auth0_client" "a" {\n  token_endpoint_auth_method = "client_secret_basic"\n}',
    'resource "auth0_client_credentials" "a" {\n  client_id = auth0_client.a.id\n  authentication_method = "none"\n}',
  ].join('\n');
  const notes = notesOf('main.tf', text);
  assert.equal(notes.length, 2);
  assert.match(notes[0]!.message, /^token_endpoint_auth_method is read as the auth method/);
  // Beside a credentials resource, neither is applied by any provider version: the method is not checked.
  assert.equal(notes[1]!.message, 'token_endpoint_auth_method and auth0_client_credentials both set the method; no provider version takes both: not checked');
});

test('deploy-cli and Management API clients read the attribute as their method: no note', () => {
  assert.deepEqual(notesOf('tenant.yaml', 'clients:\n  - name: A\n    app_type: spa\n    token_endpoint_auth_method: none\n'), []);
  assert.deepEqual(notesOf('clients/a.json', '{"name": "A", "app_type": "spa", "token_endpoint_auth_method": "none"}'), []);
  assert.deepEqual(notesOf('client.json', '{"app_type": "spa", "token_endpoint_auth_method": "none"}'), []);
});
