/**
 * JSON files that a tool reads with a parser allowing no comments and no trailing commas get a parse-error for
 * each one (engine/parse/json.ts): auth0-deploy-cli's directory format (`tenant.json`, `clients/*.json`,
 * `grants/*.json`, read with `JSON.parse`) and Terraform's `*.tf.json`. Other JSON (a Management API payload kept
 * anywhere) may hold them, as JSONC. The oracle is `JSON.parse` itself: on generated JSON of every shape with
 * comments and trailing commas inserted (strings holding `//`, `/*` and `,]` included), a strict path's file has
 * such an error exactly when `JSON.parse` throws, one per comment and comma, and the values are read as before.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lintText, parseText } from '../../server/src/engine/index';

const STRICT_PATHS = ['/t/tenant.json', '/t/clients/Web.json', '/t/grants/api.json', '/m/main.tf.json'];
const TOLERANT_PATHS = ['/p/payload.json', '/p/clients.json'];

/** An indented JSON text with comments and trailing commas put where a person would: at line ends, before closers. */
const jsonWithExtras = fc
  .tuple(
    fc.jsonValue({ maxDepth: 3 }).filter((v) => typeof v === 'object' && v !== null),
    fc.array(fc.constantFrom('none', 'line', 'block', 'comma'), { minLength: 40, maxLength: 40 }),
  )
  .map(([value, choices]) => {
    const lines = JSON.stringify(value, null, 2).split('\n');
    let comments = 0;
    let commas = 0;
    const out = lines.map((line, i) => {
      const choice = choices[i % choices.length]!;
      const next = lines[i + 1]?.trim() ?? '';
      let text = line;
      if (choice === 'comma' && /^[}\]]/.test(next) && !/[[{]$/.test(line)) {
        text += ',';
        commas++;
      }
      if (choice === 'line') {
        text += ' // a note: https://example.com/a,]';
        comments++;
      } else if (choice === 'block') {
        text += ' /* a "quoted" note */';
        comments++;
      }
      return text;
    });
    return { text: out.join('\n'), comments, commas, value };
  });

const isNotStrict = (message: string) => /^JSON syntax error: (a comment|a comma before)/.test(message);

test('a strict path: one error per comment and trailing comma, exactly when JSON.parse throws; values as before', () => {
  fc.assert(
    fc.property(jsonWithExtras, fc.constantFrom(...STRICT_PATHS), ({ text, comments, commas }, path) => {
      let throws = false;
      try {
        JSON.parse(text);
      } catch {
        throws = true;
      }
      const parsed = parseText(text, 'json', path);
      const notStrict = parsed.errors.filter((e) => isNotStrict(e.message));
      assert.equal(notStrict.length > 0, throws, text);
      assert.equal(notStrict.length, comments + commas, text);
      assert.ok(parsed.errors.every((e) => e.exact), `only exact errors: ${JSON.stringify(parsed.errors)}`);
      assert.ok(notStrict.filter((e) => /comment/.test(e.message)).every((e) => /^\/[/*]/.test(text.slice(e.span.start, e.span.end))));
      assert.ok(notStrict.filter((e) => /comma/.test(e.message)).every((e) => text.slice(e.span.start, e.span.end) === ','));
      // The values are what the tolerant reading gives, with or without the errors.
      assert.deepEqual(parsed.documents, parseText(text, 'json').documents);
      const says = path.endsWith('.tf.json') ? /Terraform's JSON syntax allows none/ : /auth0-deploy-cli reads this file with JSON\.parse/;
      for (const error of notStrict) assert.match(error.message, says);
    }),
    { numRuns: 300 },
  );
});

test('other JSON (a payload kept anywhere) may hold comments and trailing commas', () => {
  fc.assert(
    fc.property(jsonWithExtras, fc.constantFrom(...TOLERANT_PATHS), ({ text }, path) => {
      assert.deepEqual(parseText(text, 'json', path).errors, []);
    }),
    { numRuns: 100 },
  );
});

test("a client file with a comment is reported and still judged (the comment changes no value), with no fixes until it parses", () => {
  const text = '{\n  // the kiosk\n  "name": "Kiosk",\n  "app_type": "spa",\n  "token_endpoint_auth_method": "none",\n  "grant_types": ["authorization_code", "client_credentials",],\n}\n';
  const result = lintText({ path: '/t/clients/Kiosk.json', text });
  assert.deepEqual(
    result.findings.map((f) => f.ruleId).sort(),
    ['parse-error', 'parse-error', 'parse-error', 'public-client-credentials'],
  );
  assert.ok(result.findings.every((f) => f.fixes.length === 0), 'no fixes in a file its tool cannot read');
  // The same file as a payload: no parse-error, and the fix is offered.
  const payload = lintText({ path: '/p/kiosk.json', text });
  assert.deepEqual(payload.findings.map((f) => f.ruleId), ['public-client-credentials']);
  assert.ok(payload.findings[0]!.fixes.length > 0);
});
