/**
 * Parse errors as findings: one per place, never the same place and message twice, and in Terraform HCL none
 * inside the range of an earlier reported syntax error (tree-sitter's recovery cascade after, say, one missing
 * closing quote). Over generated broken inputs: each kind of break (a closing bracket, brace or quote dropped, a
 * stray bracket, quote, colon or `=` added) at every place it can go in YAML (block and flow lists, flow lists
 * over lines with comments, flow entries, `clientGrants:`), Terraform HCL (one-line and multi-line lists, nested
 * blocks, grants) and JSON. The first error the reader finds is still reported exactly where and as it was, but for
 * an HCL error that holds a string or a bracket left open: the string is reported at its quote, the bracket where
 * the reader names it, instead.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Format, LintFinding } from '../../server/src/engine/index';
import { lintText, parseText } from '../../server/src/engine/lint';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

const YAML = `clients:
  - name: Store
    app_type: spa
    token_endpoint_auth_method: none
    grant_types: [authorization_code, implicit]
    callbacks: ["https://a.example/cb", 'https://b.example/cb']
  - name: Other
    grant_types: [
      authorization_code, # the main one
      refresh_token
    ]
  - { name: Third, app_type: regular_web, grant_types: [password] }
clientGrants:
  - client_id: Store
    audience: "https://api.acme.example/"
    scope: [read]
`;

const HCL = `# Clients
resource "auth0_client" "store" {
  name        = "Store"
  app_type    = "spa"
  grant_types = ["authorization_code", "implicit"]
  refresh_token {
    rotation_type = "rotating"
  }
}

resource "auth0_client" "other" {
  name = "Other"
  grant_types = [
    "authorization_code", // the main one
    "refresh_token",
  ]
}

resource "auth0_client_grant" "store_api" {
  client_id = auth0_client.store.id
  audience  = "https://api.acme.example/"
  scopes    = ["read:invoices"]
}
`;

const JSON_TEXT = `{
  "name": "Store",
  "app_type": "spa",
  "grant_types": ["authorization_code", "implicit"],
  "callbacks": ["https://a.example/cb"]
}
`;

const DROPPED = [']', '}', '"', "'"];
const ADDED = ['[', '{', '"', ':', '=', ';'];

/** Every text with one break: each dropped closer at each of its places, each added character after each line's indentation and before each line end. */
function brokenVariants(text: string): { what: string; text: string }[] {
  const variants: { what: string; text: string }[] = [];
  for (let i = 0; i < text.length; i++) {
    if (DROPPED.includes(text[i]!)) variants.push({ what: `${text[i]} dropped at ${i}`, text: text.slice(0, i) + text.slice(i + 1) });
  }
  let lineStart = 0;
  while (lineStart < text.length) {
    const lineEnd = text.indexOf('\n', lineStart);
    const indentEnd = lineStart + /^[ ]*/.exec(text.slice(lineStart, lineEnd))![0].length;
    for (const added of ADDED) {
      variants.push({ what: `${added} added at ${indentEnd}`, text: text.slice(0, indentEnd) + added + text.slice(indentEnd) });
      variants.push({ what: `${added} added at ${lineEnd}`, text: text.slice(0, lineEnd) + added + text.slice(lineEnd) });
    }
    lineStart = lineEnd + 1;
  }
  return variants;
}

/** A message as a finding shows it: runs of white space as one space. */
function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ');
}

function parseErrorsOf(path: string, text: string, format: Format): LintFinding[] {
  return lintText({ path, text, format }).findings.filter((f) => f.ruleId === 'parse-error');
}

const CASES: { format: Format; path: string; text: string }[] = [
  { format: 'yaml', path: '/w/tenant.yaml', text: YAML },
  { format: 'hcl', path: '/w/main.tf', text: HCL },
  { format: 'json', path: '/w/clients/store.json', text: JSON_TEXT },
];

describe('parse errors are reported once per place', () => {
  for (const { format, path, text } of CASES) {
    test(`${format}: every break at every place`, () => {
      let broken = 0;
      for (const variant of brokenVariants(text)) {
        const raw = parseText(variant.text, format).errors;
        if (raw.length === 0) continue;
        broken++;
        const reported = parseErrorsOf(path, variant.text, format);
        const where = `${variant.what}:\n${variant.text}`;
        // The first error the reader finds, where and as it was; or, in HCL, when tree-sitter's error holds a string
        // left open (the error is the string's doing, a cascade), that string, reported at its quote inside it.
        const first = [...raw].sort((a, b) => a.span.start - b.span.start)[0]!;
        const openStringInside = first.cascade === true && reported.some((f) => f.message.includes('this string is not closed') && first.span.start <= f.span.start && f.span.start < first.span.end);
        // Likewise a bracket left open that tree-sitter's first error reaches over or follows: the error naming the
        // bracket comes first.
        const openBracketInside = first.cascade === true && reported[0]?.message.includes('is never closed') === true;
        // Likewise a mistake the text shows (a ';', ':' for '=', no value after '='), reported at its character in
        // or right after tree-sitter's first error.
        const mistakeInside = first.cascade === true && reported.some((f) => first.span.start <= f.span.start && f.span.start <= first.span.end);
        assert.ok(
          openStringInside ||
            openBracketInside ||
            mistakeInside || reported.some((f) => f.span.start === first.span.start && f.span.end === first.span.end && oneLine(f.message).startsWith(oneLine(first.message).slice(0, 40))),
          `the first error (${first.message} at ${first.span.start}) is reported: ${where}`,
        );
        const places = reported.map((f) => `${f.span.start}-${f.span.end}`);
        assert.equal(new Set(places).size, places.length, `one finding per place: ${JSON.stringify(reported.map((f) => [f.span.start, f.message]))}\n${where}`);
        if (format === 'hcl') {
          for (const f of reported) {
            const inside = reported.find((g) => g !== f && g.span.end > g.span.start && g.span.start <= f.span.start && f.span.end <= g.span.end && g.span.start < f.span.start);
            assert.equal(inside, undefined, `an error inside an earlier one is not reported again: ${f.message}\n${where}`);
          }
        }
      }
      assert.ok(broken > 20, `${broken} broken variants`);
    });
  }

  test('one missing closing quote in an HCL grants file is not reported a dozen times', () => {
    const text = HCL.replace('"https://api.acme.example/"', '"https://api.acme.example/').replace(/$/, `
resource "auth0_client_grant" "other_api" {
  client_id = auth0_client.other.id
  audience  = "https://api.acme.example/"
  scopes    = ["read:users", "write:users"]
}
`);
    const reported = parseErrorsOf('/w/grants.tf', text, 'hcl');
    assert.ok(reported.length >= 1 && reported.length <= 2, JSON.stringify(reported.map((f) => f.message)));
  });

  test('a YAML flow list left open gives one finding per place', () => {
    const text = YAML.replace('[authorization_code, implicit]', '[authorization_code, implicit');
    const reported = parseErrorsOf('/w/tenant.yaml', text, 'yaml');
    assert.equal(reported[0]?.message, "YAML syntax error: missing ']'; the '[' on line 5 is never closed");
    const places = reported.map((f) => f.span.start);
    assert.equal(new Set(places).size, places.length, JSON.stringify(reported.map((f) => [f.span.start, f.message])));
  });
});
