/**
 * One JSON mistake, one parse-error: the reader's recovery trips several times over one mistake (`name:
 * "Unquoted",` gave three errors on one line), which are reported once, at the first. Over generated client
 * files (an object, or an export array of clients; one line per property or everything on one line) with one to
 * three mistakes of every kind (an unquoted, single-quoted or bare key, a single-quoted or unquoted value of one or
 * two words, `=` for `:`, a missing colon, value or comma, a doubled comma) in properties that do not touch:
 * exactly one parse-error per mistake, each on its mistake's property, the first at the reader's first error.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lintText } from '../../server/src/engine/index';
import { parseJson } from '../../server/src/engine/parse/json';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261201);
const SCALE = Number(process.env['FUZZ_RUNS'] ?? 1);

const PROPERTIES: readonly (readonly [string, string])[] = [
  ['name', '"Store"'],
  ['description', '"The store front"'],
  ['app_type', '"spa"'],
  ['token_endpoint_auth_method', '"none"'],
  ['grant_types', '["authorization_code", "refresh_token"]'],
  ['callbacks', '["https://a.example.com/cb"]'],
  ['is_first_party', 'true'],
  ['oidc_conformant', 'true'],
];

/** A mistake in one property, written as `key: value` text (the comma after it is the writer's). */
const MISTAKES = {
  'unquoted key': (key: string, value: string) => `${key}: ${value}`,
  'single-quoted key': (key: string, value: string) => `'${key}': ${value}`,
  'single-quoted value': (key: string) => `"${key}": 'Store'`,
  'unquoted value': (key: string) => `"${key}": Store`,
  'unquoted words': (key: string) => `"${key}": Store Front`,
  'equals for colon': (key: string, value: string) => `"${key}" = ${value}`,
  'missing colon': (key: string, value: string) => `"${key}" ${value}`,
  'missing value': (key: string) => `"${key}": `,
} as const;

type Mistake = keyof typeof MISTAKES | 'missing comma' | 'doubled comma';
const KINDS = [...Object.keys(MISTAKES), 'missing comma', 'doubled comma'] as Mistake[];

function clientText(mistakes: ReadonlyMap<number, Mistake>, oneLine: boolean, array: boolean): { text: string; lines: number[] } {
  const parts: string[] = [];
  const marks: number[] = [];
  let text = '';
  PROPERTIES.forEach(([key, value], i) => {
    const mistake = mistakes.get(i);
    const last = i === PROPERTIES.length - 1;
    const body = mistake && mistake in MISTAKES ? MISTAKES[mistake as keyof typeof MISTAKES](key, value) : `"${key}": ${value}`;
    const comma = last ? '' : mistake === 'missing comma' ? '' : mistake === 'doubled comma' ? ',,' : ',';
    parts.push(body + comma);
  });
  const indent = array ? '    ' : '  ';
  const open = array ? '[\n  {' : '{';
  const close = array ? '\n  }\n]\n' : '\n}\n';
  if (oneLine) {
    text = `${array ? '[{ ' : '{ '}${parts.join(' ')}${array ? ' }]' : ' }'}\n`;
    // Every mistake is on the one line: record where each mistaken property starts.
    let at = array ? 3 : 2;
    parts.forEach((part, i) => {
      if (mistakes.has(i)) marks.push(at);
      at += part.length + 1;
    });
    return { text, lines: marks };
  }
  text = open;
  parts.forEach((part, i) => {
    text += `\n${indent}`;
    if (mistakes.has(i)) marks.push(text.length);
    text += part;
  });
  text += close;
  return { text, lines: marks };
}

test('the reported case: an unquoted key gives one parse-error, at the key', () => {
  const text = '{\n  name: "Unquoted",\n  "app_type": "spa",\n  "grant_types": ["authorization_code"]\n}\n';
  const errors = lintText({ path: '/work/clients/b.json', text }).findings.filter((f) => f.ruleId === 'parse-error');
  assert.deepEqual(errors.map((f) => [f.span.start, text.slice(f.span.start, f.span.end)]), [[4, 'name']]);
});

test('generated client JSON: one parse-error per mistake, on its property', () => {
  let checked = 0;
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: 0, max: PROPERTIES.length - 1 }), { minLength: 1, maxLength: 3 }).filter((at) => at.every((a) => at.every((b) => a === b || Math.abs(a - b) >= 2))),
      fc.array(fc.constantFrom(...KINDS), { minLength: 3, maxLength: 3 }),
      fc.boolean(),
      fc.boolean(),
      (at, kinds, oneLine, array) => {
        // A missing or doubled comma after the last property is no mistake: that property takes another kind.
        const mistakes = new Map(at.map((index, n) => [index, index === PROPERTIES.length - 1 && /comma/.test(kinds[n]!) ? ('unquoted key' as const) : kinds[n]!]));
        const ordered = [...mistakes.keys()].sort((a, b) => a - b);
        const { text, lines: starts } = clientText(new Map(ordered.map((i) => [i, mistakes.get(i)!])), oneLine, array);
        const result = lintText({ path: '/work/clients/store.json', text });
        const errors = result.findings.filter((f) => f.ruleId === 'parse-error');
        const where = `${[...mistakes].map(([i, k]) => `${PROPERTIES[i]![0]}: ${k}`).join(', ')}\n${text}\n${errors.map((e) => `${e.span.start} ${e.message}`).join('\n')}`;
        assert.equal(errors.length, mistakes.size, `one parse-error per mistake: ${where}`);
        // Each error lies in its mistaken property's text, or right after it (a missing comma shows at the next key).
        errors.forEach((error, n) => {
          const start = starts[n]!;
          const end = n + 1 < starts.length ? starts[n + 1]! : text.length;
          assert.ok(error.span.start >= start && error.span.start < end, `error ${n} lies at its mistake: ${where}`);
        });
        // The first error is the reader's first, unchanged.
        const first = [...parseJson(text).errors].sort((a, b) => a.span.start - b.span.start)[0]!;
        assert.equal(errors[0]!.span.start, first.span.start);
        checked++;
      },
    ),
    { seed: SEED, numRuns: Math.max(1, Math.round(300 * SCALE)) },
  );
  assert.ok(checked >= 300 * SCALE * 0.9);
});
