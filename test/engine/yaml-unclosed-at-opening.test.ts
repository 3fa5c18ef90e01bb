/**
 * A YAML quote, flow list or flow map left open (as while typing) is reported on the line of its opening token, the
 * line being typed, and inside the file: `yaml` reports a missing closing quote where the scalar ends, which for a
 * quote read on to the end of the file was a line past its last. Over generated texts: each opener (", ', [, {) at
 * each place it goes (first, middle and last client, the client grants; a value, a key, a flow list item, a block
 * list item, a flow list or map over one or several lines), in LF and CRLF.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lintText } from '../../server/src/engine/lint';

const TENANT = `tenant:
  friendly_name: Test
clients:
  - name: First
    app_type: spa
    token_endpoint_auth_method: none
    grant_types: [authorization_code, implicit]
  - name: Middle
    app_type: native
    grant_types:
      - authorization_code
      - refresh_token
    callbacks: [
      "https://a.example/cb",
      "https://b.example/cb"
    ]
  - { name: Flow, app_type: regular_web, grant_types: [password] }
  - name: Last
    app_type: non_interactive
    grant_types: [client_credentials]
clientGrants:
  - client_id: Last
    audience: https://api.example.com
    scope: [read]
`;

/** A text with one opener left open, and the offset of that opener. */
interface Variant {
  readonly name: string;
  readonly text: string;
  readonly opener: number;
  /** Whether the message must name the opener's line (a key's quote may be named by what the key then lacks). */
  readonly named: boolean;
}

/**
 * Replaces `find` with `replace`; the opener is at `find`'s offset plus `at`, or, with `at` a string, at that text's
 * offset in the text (an opener before the replaced text, as a list's `[` whose `]` is dropped).
 */
function variant(name: string, find: string, replace: string, at: number | string, named = true): Variant {
  const offset = TENANT.indexOf(find);
  assert.ok(offset >= 0, name);
  const opener = typeof at === 'number' ? offset + at : TENANT.indexOf(at);
  return { name, text: TENANT.slice(0, offset) + replace + TENANT.slice(offset + find.length), opener, named };
}

function variants(): Variant[] {
  const out: Variant[] = [];
  for (const quote of ['"', "'"]) {
    out.push(
      variant(`${quote} value, first client`, 'app_type: spa', `app_type: ${quote}spa`, 10),
      variant(`${quote} value, middle client`, 'app_type: native', `app_type: ${quote}native`, 10),
      variant(`${quote} value, last client (file's last client)`, 'app_type: non_interactive', `app_type: ${quote}non_interactive`, 10),
      variant(`${quote} name, first client`, 'name: First', `name: ${quote}First`, 6),
      variant(`${quote} value, client grant at the end of the file`, 'scope: [read]\n', `audience2: ${quote}x\n`, 11),
      variant(`${quote} key, middle client`, 'app_type: native', `${quote}app_type: native`, 0, false),
      variant(`${quote} flow list item`, '[authorization_code, implicit]', `[authorization_code, ${quote}implicit]`, 21),
      variant(`${quote} block list item`, '- refresh_token', `- ${quote}refresh_token`, 2),
      variant(`${quote} flow map value`, 'app_type: regular_web', `app_type: ${quote}regular_web`, 10),
    );
  }
  out.push(
    variant('[ first client', '[authorization_code, implicit]', '[authorization_code, implicit', 0),
    variant('[ last client', '[client_credentials]', '[client_credentials', 0),
    variant('[ over several lines', '"https://b.example/cb"\n    ]', '"https://b.example/cb"\n', '[\n      "https://a'),
    variant('[ at the end of the file', '[read]', '[read', 0),
    variant('{ flow map client', 'grant_types: [password] }', 'grant_types: [password]', '{ name: Flow'),
  );
  return out;
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

describe('a YAML quote or bracket left open is reported at its opening', () => {
  for (const crlf of [false, true]) {
    test(`each opener at each place${crlf ? ' (CRLF)' : ''}`, () => {
      for (const v of variants()) {
        const text = crlf ? v.text.replace(/\n/g, '\r\n') : v.text;
        const opener = crlf ? v.opener + (lineAt(v.text, v.opener) - 1) : v.opener;
        const line = lineAt(text, opener);
        const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
        const errors = lintText({ path: '/w/tenant.yaml', text, format: 'yaml' }).findings.filter((f) => f.ruleId === 'parse-error');
        const described = JSON.stringify(errors.map((f) => [lineAt(text, f.span.start), f.message]));
        assert.ok(errors.length > 0, `${v.name}: no parse-error`);
        const first = errors[0]!;
        assert.equal(lineAt(text, first.span.start), line, `${v.name}: reported on the opener's line ${line}: ${described}`);
        assert.ok(first.span.start < text.length && lineAt(text, first.span.start) <= lines, `${v.name}: inside the file: ${described}`);
        if (v.named) assert.match(first.message, new RegExp(`the ${text[opener] === '[' ? "'\\['" : text[opener] === '{' ? "'\\{'" : text[opener]} on line ${line} is never closed`), `${v.name}: ${described}`);
      }
    });
  }
});
