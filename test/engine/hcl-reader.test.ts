/**
 * Terraform HCL into the model (engine/parse/hcl.ts): the shape of Terraform JSON, literals known, everything
 * computed unknown, UTF-16 offsets, comments kept, syntax errors as parse errors with no guesses.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { getValue, lintText, type ValueNode } from '../../server/src/engine/index';
import { parseHcl } from '../../server/src/engine/parse/hcl';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

/** The model as plain JSON values (what Terraform JSON would hold). */
function plain(node: ValueNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'object') return Object.fromEntries(node.props.map((p) => [p.key, plain(p.value)]));
  if (node.kind === 'array') return node.items.map(plain);
  return node.value;
}

function model(text: string): unknown {
  const parsed = parseHcl(text);
  assert.deepEqual(parsed.errors, []);
  return plain(parsed.documents[0]!.root);
}

describe('HCL reader: shape', () => {
  test('blocks nest by type and labels, blocks of one type merge, nested blocks become objects', () => {
    const text = [
      'resource "auth0_client" "a" {',
      '  name = "A"',
      '  refresh_token {',
      '    rotation_type = "rotating"',
      '  }',
      '  token_quota {',
      '    client_credentials {',
      '      per_day = 10',
      '    }',
      '  }',
      '}',
      'resource "auth0_client_credentials" "a" {',
      '  client_id = auth0_client.a.id',
      '}',
      'resource "auth0_client" "b" {',
      '  name = "B"',
      '}',
      'locals {',
      '  x = 1',
      '}',
      'locals {',
      '  y = 2',
      '}',
      'terraform {}',
    ].join('\n');
    assert.deepEqual(model(text), {
      resource: {
        auth0_client: {
          a: { name: 'A', refresh_token: { rotation_type: 'rotating' }, token_quota: { client_credentials: { per_day: 10 } } },
          b: { name: 'B' },
        },
        auth0_client_credentials: { a: { client_id: '${auth0_client.a.id}' } },
      },
      locals: { x: 1, y: 2 },
      terraform: {},
    });
  });

  test('a repeated nested block becomes a list of objects, as in Terraform JSON', () => {
    assert.deepEqual(model('resource "t" "n" {\n  mobile {\n    a = 1\n  }\n  mobile {\n    a = 2\n  }\n}\n'), {
      resource: { t: { n: { mobile: [{ a: 1 }, { a: 2 }] } } },
    });
  });

  test('paths are those of the Terraform JSON model', () => {
    const parsed = parseHcl('resource "auth0_client" "a" {\n  grant_types = ["x", "y"]\n}\n');
    const grants = getValue(getValue(getValue(getValue(parsed.documents[0]!.root, 'resource'), 'auth0_client'), 'a'), 'grant_types');
    assert.equal(grants?.kind, 'array');
    assert.deepEqual(grants.kind === 'array' && grants.items[1]!.path, ['resource', 'auth0_client', 'a', 'grant_types', 1]);
  });
});

describe('HCL reader: values', () => {
  const cases: [string, unknown][] = [
    ['"plain"', 'plain'],
    ['"tab\\tquote\\"back\\\\u\\u00e9"', 'tab\tquote"back\\ué'],
    ['"dollar $${literal}"', 'dollar ${literal}'],
    ['42', 42],
    ['1.5e3', 1500],
    ['true', true],
    ['false', false],
    ['null', null],
    ['["a", 1, true]', ['a', 1, true]],
    ['[\n  "a", # one\n  "b", // two\n  /* three */ "c",\n]', ['a', 'b', 'c']],
    ['{ a = 1, "b" = ["c"] }', { a: 1, b: ['c'] }],
    ['<<EOT\nline one\n  line two\nEOT', 'line one\n  line two'],
    ['<<-EOT\n    one\n      two\n    EOT', 'one\n  two'],
  ];
  for (const [source, value] of cases) {
    test(`${JSON.stringify(source)} is known`, () => {
      assert.deepEqual(model(`x = ${source}\n`), { x: value });
    });
  }

  const computed = [
    'var.grants',
    'local.grants',
    'each.value.grants',
    'auth0_client.x.client_id',
    'concat(["a"], var.b)',
    '"pre-${var.x}"',
    '"%{ if var.x }a%{ endif }"',
    '<<EOT\n${var.x}\nEOT',
    '[for g in var.grants : g]',
    'var.spa ? "none" : "client_secret_post"',
    '-1',
    '(1)',
    '{ (var.key) = 1 }',
    'var.list[0]',
  ];
  for (const source of computed) {
    test(`${JSON.stringify(source)} is unknown (a \${...} string)`, () => {
      const value = (model(`x = ${source}\n`) as { x: unknown }).x;
      assert.equal(typeof value, 'string');
      assert.ok((value as string).includes('${'), `${String(value)} marks an unknown value`);
    });
  }

  test('a bare reference reads as Terraform JSON writes it', () => {
    assert.deepEqual(model('x = auth0_client.kiosk.id\ny = auth0_client.kiosk.client_id\n'), { x: '${auth0_client.kiosk.id}', y: '${auth0_client.kiosk.client_id}' });
  });

  test('a dynamic block makes the block it writes unknown', () => {
    const value = model('resource "auth0_client" "a" {\n  dynamic "refresh_token" {\n    for_each = var.r\n    content {}\n  }\n}\n') as {
      resource: { auth0_client: { a: { refresh_token: string } } };
    };
    assert.match(value.resource.auth0_client.a.refresh_token, /^\$\{dynamic "refresh_token"/);
  });
});

describe('HCL reader: positions, comments, errors', () => {
  test('offsets are UTF-16 code units, past astral characters and CRLF', () => {
    const text = '# 😀 émoji\r\nresource "auth0_client" "a" {\r\n  name = "😀😀"\r\n  grant_types = ["implicit"]\r\n}\r\n';
    const parsed = parseHcl(text);
    const body = getValue(getValue(getValue(parsed.documents[0]!.root, 'resource'), 'auth0_client'), 'a')!;
    const name = getValue(body, 'name')!;
    assert.equal(text.slice(name.start, name.end), '"😀😀"');
    const grants = getValue(body, 'grant_types')!;
    assert.equal(text.slice(grants.start, grants.end), '["implicit"]');
    assert.deepEqual(parsed.comments.map((c) => [text.slice(c.span.start, c.span.end), c.text]), [['# 😀 émoji', ' 😀 émoji']]);
  });

  test('comments of every kind are kept, in order, with their markers removed', () => {
    const text = '# a\n// b\n/* c */\nresource "t" "n" {\n  x = [ # d\n    1, // e\n  ]\n  # f\n}\n';
    assert.deepEqual(
      parseHcl(text).comments.map((c) => c.text),
      [' a', ' b', ' c ', ' d', ' e', ' f'],
    );
  });

  test('a syntax error is a parse error, and only the resource holding it loses its findings', () => {
    const text = [
      'resource "auth0_client" "broken" {',
      '  app_type = "spa"',
      '  grant_types = ["client_credentials" "implicit"]',
      '}',
      '',
      'resource "auth0_client" "fine" {',
      '  name = "Fine"',
      '  grant_types = ["passwordless_otp"]',
      '}',
      '',
    ].join('\n');
    const result = lintText({ path: 'main.tf', text });
    assert.ok(result.parsed.errors.length > 0);
    const ids = result.findings.map((f) => `${f.ruleId}@${text.slice(0, f.span.start).split('\n').length}`);
    assert.ok(ids.includes('parse-error@3'), ids.join(', '));
    assert.ok(ids.includes('unknown-grant-type@8'), ids.join(', '));
    assert.deepEqual(ids.filter((id) => /@[1-4]$/.test(id) && !id.startsWith('parse-error')), [], 'no guesses in the broken resource');
  });

  test('an unclosed block is a parse error, not a crash', () => {
    const result = lintText({ path: 'main.tf', text: 'resource "auth0_client" "a" {\n  grant_types = ["implicit"]\n' });
    assert.ok(result.findings.some((f) => f.ruleId === 'parse-error'));
    assert.ok(!result.findings.some((f) => f.ruleId === 'implicit-grant'));
  });

  test('binary text is refused with one clear error', () => {
    const parsed = parseHcl('resource "a" "b" {\0}');
    assert.equal(parsed.errors.length, 1);
    assert.match(parsed.errors[0]!.message, /not HCL text/);
  });

  test('nesting deeper than the limit is refused, never a stack overflow', () => {
    const parsed = parseHcl(`x = ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    assert.equal(parsed.errors.length, 1);
    assert.match(parsed.errors[0]!.message, /Nesting deeper/);
  });

  test('a .tf file names its clients by name, or by resource name when the name is computed', () => {
    const result = lintText({ path: 'main.tf', text: 'resource "auth0_client" "a" {\n  name = "${var.env}-app"\n}\nresource "auth0_client" "b" {\n  name = "B"\n}\n' });
    assert.deepEqual(result.clients.map((c) => c.name), ['a', 'B']);
    assert.ok(result.clients.every((c) => c.source === 'terraform'));
  });
});
