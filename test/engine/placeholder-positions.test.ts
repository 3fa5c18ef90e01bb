/**
 * auth0-deploy-cli replaces `##NAME##` and `@@NAME@@` in the raw text before parsing, so a keyword may stand
 * anywhere in a value: alone, before or after other text, between words. Generated over those positions in YAML
 * values (block and flow, keys too): the file reads without a parse error, the value is a placeholder (unknown: no
 * rule judges it), and shown as written it is the text of the file.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText } from '../../server/src/engine/lint';
import { getValue } from '../../server/src/engine/model';
import { placeholderAsWritten } from '../../server/src/engine/placeholders';

const KEYWORDS = ['##ENV##', '@@ENV@@', '##NAME_PREFIX##', '@@app.name-1@@'];
const POSITIONS: readonly ((k: string) => string)[] = [
  (k) => k,
  (k) => `${k}-worker`,
  (k) => `${k} Worker`,
  (k) => `prod-${k}`,
  (k) => `Worker ${k}`,
  (k) => `a ${k} b`,
  (k) => `${k}${k}`,
  (k) => `https://${k}/api/v2/`,
  (k) => `${k}.example.com`,
];
const TRAILERS = ['', '  # the name', ' '];

test('a keyword anywhere in a YAML value: no parse error, a placeholder value, shown as written', () => {
  let count = 0;
  for (const keyword of KEYWORDS) {
    for (const position of POSITIONS) {
      for (const trailer of TRAILERS) {
        const value = position(keyword);
        const text = `clients:\n  - name: ${value}${trailer}\n    app_type: spa\n    grant_types: [authorization_code]\n    token_endpoint_auth_method: none\n`;
        const result = lintText({ path: '/t/tenant.yaml', text });
        assert.deepEqual(result.parsed.errors, [], text);
        const name = getValue(result.clients[0]!.node, 'name');
        assert.ok(name?.kind === 'string' && name.placeholder, text);
        assert.equal(placeholderAsWritten(name.value), value, text);
        assert.deepEqual(result.findings, [], text);
        count++;
      }
    }
  }
  assert.equal(count, KEYWORDS.length * POSITIONS.length * TRAILERS.length);
});

test('a keyword as a whole value in flow lists and maps, and as a key, still reads as one placeholder', () => {
  const texts = [
    'clients:\n  - name: A\n    grant_types: [authorization_code, ##EXTRA##]\n',
    'clients:\n  - name: A\n    grant_types: [##EXTRA##, authorization_code]\n',
    'clients:\n  - { name: ##ENV##-a, grant_types: [authorization_code] }\n',
    'clients:\n  - name: A\n    grant_types: @@GRANTS@@\n',
    'clients:\n  - name: A\n    client_metadata:\n      ##KEY##: x\n    grant_types: [authorization_code]\n',
  ];
  for (const text of texts) {
    const result = lintText({ path: '/t/tenant.yaml', text });
    assert.deepEqual(result.parsed.errors, [], text);
    assert.equal(result.clients.length, 1, text);
  }
});

test('a keyword as a whole JSON value, compact or spaced, reads as one placeholder (JSON.parse takes it once replaced)', () => {
  for (const text of [
    '{"name":"A","is_first_party":##FIRST##,"grant_types":["authorization_code"]}',
    '{"name":"A","grant_types":@@GRANTS@@}',
    '{"name":"A","grant_types":[@@G1@@,"authorization_code"]}',
    '{ "name": "A", "app_type": "spa", "jwt_configuration": { "lifetime_in_seconds": @@JWT_TIMEOUT@@ } }',
  ]) {
    const result = lintText({ path: '/p/payload.json', text });
    assert.deepEqual(result.parsed.errors, [], text);
    assert.equal(result.clients.length, 1, text);
  }
});
