/**
 * Fixes rendered in Terraform HCL (engine/fix/render-hcl.ts), form by form: each case is a module, the fix chosen
 * by its title, and the exact text it must become. The generated forms are in test/robustness/hcl-fix-properties.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { fixAll, lintText } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { applyFix } from '../helpers/lint';

before(() => loadHclParser());

/** The text after the fix whose title starts with `title` (of the finding of `ruleId`). */
function fixed(text: string, ruleId: string, title: string): string {
  const result = lintText({ path: 'main.tf', text });
  const finding = result.findings.find((f) => f.ruleId === ruleId);
  assert.ok(finding, `a ${ruleId} finding in\n${text}\nfound: ${result.findings.map((f) => f.ruleId).join(', ')}`);
  const fix = finding.fixes.find((f) => f.title.startsWith(title));
  assert.ok(fix, `a fix "${title}" among ${finding.fixes.map((f) => f.title).join(' | ')}`);
  const out = applyFix(text, result, fix);
  assert.deepEqual(lintText({ path: 'main.tf', text: out }).parsed.errors, [], `the result parses:\n${out}`);
  return out;
}

const lines = (...l: string[]) => l.join('\n') + '\n';

const WORKER_CREDENTIALS = lines('resource "auth0_client_credentials" "worker" {', '  client_id             = auth0_client.worker.id', '  authentication_method = "client_secret_post"', '}');
const SPA_CREDENTIALS = lines('resource "auth0_client_credentials" "kiosk" {', '  client_id             = auth0_client.kiosk.id', '  authentication_method = "none"', '}');

describe('HCL fixes: list items', () => {
  test('an item leaves a one-line list with its separator', () => {
    const text = lines('resource "auth0_client" "kiosk" {', '  app_type    = "spa"', '  grant_types = ["authorization_code", "client_credentials", "refresh_token"]', '}') + SPA_CREDENTIALS;
    assert.match(fixed(text, 'public-client-credentials', "Remove grant 'client_credentials'"), /grant_types = \["authorization_code", "refresh_token"\]\n/);
  });

  test('the last item of a one-line list takes the comma before it', () => {
    const text = lines('resource "auth0_client" "kiosk" {', '  app_type    = "spa"', '  grant_types = ["authorization_code", "client_credentials"]', '}') + SPA_CREDENTIALS;
    assert.match(fixed(text, 'public-client-credentials', "Remove grant 'client_credentials'"), /grant_types = \["authorization_code"\]\n/);
  });

  test('the only item leaves an empty list', () => {
    const text = lines('resource "auth0_client" "kiosk" {', '  app_type    = "spa"', '  grant_types = ["client_credentials"]', '}') + SPA_CREDENTIALS;
    assert.match(fixed(text, 'public-client-credentials', "Remove grant 'client_credentials'"), /grant_types = \[\]\n/);
  });

  test('the only item of a list over lines leaves `[]`', () => {
    const text = lines('resource "auth0_client" "kiosk" {', '  app_type    = "spa"', '  grant_types = [', '    "client_credentials",', '  ]', '}') + SPA_CREDENTIALS;
    assert.match(fixed(text, 'public-client-credentials', "Remove grant 'client_credentials'"), /grant_types = \[\]\n\}/);
  });

  test('the last items of a list with comments: every comment stays on a line of its own, but a suppression comment', () => {
    const text =
      lines(
        'resource "auth0_client" "kiosk" {',
        '  app_type       = "non_interactive"',
        '  is_first_party = false',
        '  grant_types = [ # legacy',
        '    // grantlint-disable-next-line password-mfa-group',
        '    "password", /* old */ # kiosk',
        '    "http://auth0.com/oauth/grant-type/password-realm" // realm',
        '  ]',
        '}',
      ) + lines('resource "auth0_client" "one_line" {', '  is_first_party = false', '  grant_types    = [/* note */ "password"] # after', '}');
    const out = fixed(text, 'first-party-only-grant', 'Remove');
    assert.ok(out.startsWith(lines('resource "auth0_client" "kiosk" {', '  app_type       = "non_interactive"', '  is_first_party = false', '  grant_types = [', '    # legacy', '    /* old */', '    # kiosk', '    // realm', '  ]', '}')), out);
    const again = fixed(out, 'first-party-only-grant', 'Remove');
    assert.ok(again.endsWith(lines('resource "auth0_client" "one_line" {', '  is_first_party = false', '  grant_types    = [/* note */] # after', '}')), again);
  });

  test('an item of a multi-line list goes with its line, its own comment stays there on a line of its own', () => {
    const text =
      lines(
        'resource "auth0_client" "kiosk" {',
        '  app_type = "spa"',
        '  grant_types = [',
        '    "authorization_code", # login',
        '    // machine access, added by mistake',
        '    "client_credentials", # nightly sync',
        '  ]',
        '}',
      ) + SPA_CREDENTIALS;
    const out = fixed(text, 'public-client-credentials', "Remove grant 'client_credentials'");
    assert.ok(
      out.startsWith(lines('resource "auth0_client" "kiosk" {', '  app_type = "spa"', '  grant_types = [', '    "authorization_code", # login', '    // machine access, added by mistake', '    # nightly sync', '  ]', '}')),
      out,
    );
  });

  test('removed items keep their comments, on one line and over lines, with every comment syntax', () => {
    const make = (list: string) => lines('resource "auth0_client" "kiosk" {', '  app_type    = "spa"', `  grant_types = ${list}`, '}') + SPA_CREDENTIALS;
    const remove = (list: string) => fixed(make(list), 'public-client-credentials', "Remove grant 'client_credentials'");
    // The report: one item a line, the first after the `[`.
    assert.ok(remove('["authorization_code", "client_credentials", # why we need it\n    "refresh_token"]').includes('  grant_types = ["authorization_code", # why we need it\n    "refresh_token"]\n'));
    assert.ok(remove('[\n    "authorization_code",\n    "client_credentials", // why\n    "refresh_token",\n  ]').includes('  grant_types = [\n    "authorization_code",\n    // why\n    "refresh_token",\n  ]\n'));
    assert.ok(remove('[\n    "authorization_code",\n    /* why */ "client_credentials" /* not */\n  ]').includes('  grant_types = [\n    "authorization_code",\n    /* why */ /* not */\n  ]\n'));
    assert.ok(remove('["client_credentials" /* why */, "authorization_code"]').includes('  grant_types = [/* why */ "authorization_code"]\n'));
    // A suppression comment after the removed item goes with it.
    const kiosk = lines('resource "auth0_client" "kiosk" {', '  app_type       = "non_interactive"', '  is_first_party = false', '  grant_types = [', '    "client_credentials",', '    "password", // grantlint-disable-next-line password-mfa-group', '    # kept', '  ]', '}');
    assert.ok(fixed(kiosk, 'first-party-only-grant', 'Remove').includes('  grant_types = [\n    "client_credentials",\n    # kept\n  ]\n'));
  });

  test('the last item without a trailing comma: its line goes, the comma before it stays (HCL takes it)', () => {
    const text = lines('resource "auth0_client" "kiosk" {', '  app_type = "spa"', '  grant_types = [', '    "authorization_code",', '    "client_credentials"', '  ]', '}') + SPA_CREDENTIALS;
    assert.ok(fixed(text, 'public-client-credentials', "Remove grant 'client_credentials'").includes('  grant_types = [\n    "authorization_code",\n  ]\n'));
  });

  test('an added item follows a trailing comma and the last item\'s comment', () => {
    const text = lines('resource "auth0_client" "worker" {', '  app_type = "non_interactive"', '  grant_types = [', '    "authorization_code", # kept', '  ]', '}') + WORKER_CREDENTIALS;
    const out = fixed(text, 'm2m-without-client-credentials', "Add grant 'client_credentials'");
    assert.ok(out.includes('  grant_types = [\n    "authorization_code", # kept\n    "client_credentials",\n  ]\n'), out);
  });

  test('an added item leaves the last item its comment: the comma goes before the comment, the item on a line below', () => {
    for (const comment of ['// keep', '# keep', '/* keep */']) {
      const text = lines('resource "auth0_client" "worker" {', '  app_type = "non_interactive"', '  grant_types = [', '    "authorization_code",', `    "refresh_token" ${comment}`, '  ]', '}') + WORKER_CREDENTIALS;
      const out = fixed(text, 'm2m-without-client-credentials', "Add grant 'client_credentials'");
      assert.ok(out.includes(`  grant_types = [\n    "authorization_code",\n    "refresh_token", ${comment}\n    "client_credentials"\n  ]\n`), out);
    }
  });

  test('an added item on a one-line list follows the last item\'s block comment, with and without a trailing comma', () => {
    const head = lines('resource "auth0_client" "worker" {', '  app_type    = "non_interactive"');
    const one = head + lines('  grant_types = ["authorization_code", /* web login */ "refresh_token" /* rt */]', '}') + WORKER_CREDENTIALS;
    assert.match(fixed(one, 'm2m-without-client-credentials', "Add grant 'client_credentials'"), /grant_types = \["authorization_code", \/\* web login \*\/ "refresh_token" \/\* rt \*\/, "client_credentials"\]\n/);
    const trailing = head + lines('  grant_types = ["authorization_code", "refresh_token" /* rt */,]', '}') + WORKER_CREDENTIALS;
    assert.match(fixed(trailing, 'm2m-without-client-credentials', "Add grant 'client_credentials'"), /grant_types = \["authorization_code", "refresh_token" \/\* rt \*\/, "client_credentials",\]\n/);
  });

  test('an added item goes after comment lines before the `]`, and on the last item\'s line when the `]` is there; CRLF kept', () => {
    const closing = lines('resource "auth0_client" "worker" {', '  app_type = "non_interactive"', '  grant_types = [', '    "refresh_token",', '    # more to come', '  ]', '}') + WORKER_CREDENTIALS;
    const out = fixed(closing.replace(/\n/g, '\r\n'), 'm2m-without-client-credentials', "Add grant 'client_credentials'");
    assert.ok(out.includes('  grant_types = [\r\n    "refresh_token",\r\n    # more to come\r\n    "client_credentials",\r\n  ]\r\n'), out);
    const bracket = lines('resource "auth0_client" "worker" {', '  app_type = "non_interactive"', '  grant_types = [', '    "authorization_code",', '    "refresh_token", ]', '}') + WORKER_CREDENTIALS;
    assert.ok(fixed(bracket, 'm2m-without-client-credentials', "Add grant 'client_credentials'").includes('    "refresh_token", "client_credentials", ]\n'));
  });

  test('an empty list\'s comments stay before the added item, on one line and over lines', () => {
    const make = (list: string) => lines('resource "auth0_client" "worker" {', '  app_type = "non_interactive"', `  grant_types = ${list}`, '}') + WORKER_CREDENTIALS;
    assert.ok(fixed(make('[ /* none */ ]'), 'm2m-without-client-credentials', "Add grant 'client_credentials'").includes('  grant_types = [ /* none */ "client_credentials" ]\n'));
    const over = fixed(make('[\n    # none yet\n  ]'), 'm2m-without-client-credentials', "Add grant 'client_credentials'");
    assert.ok(over.includes('  grant_types = [\n    # none yet\n    "client_credentials",\n  ]\n'), over);
  });

  test('a repeat removed and a grant added in one run: the new grant right after the kept item, the comment after it', () => {
    const make = (list: string) => lines('resource "auth0_client" "worker" {', '  app_type    = "non_interactive"', `  grant_types = ${list}`, '}') + WORKER_CREDENTIALS;
    const cases: [string, string][] = [
      ['["authorization_code", /* old */ "authorization_code"]', '["authorization_code", "client_credentials", /* old */]'],
      ['["authorization_code", /* old */ "authorization_code", ]', '["authorization_code", "client_credentials", /* old */]'],
      ['["authorization_code", /* a */ "authorization_code", /* b */ "authorization_code"]', '["authorization_code", "client_credentials", /* a */ /* b */]'],
      ['[\n    "authorization_code", "authorization_code",\n    /* old */\n    "authorization_code"\n  ]', '[\n    "authorization_code",\n    "client_credentials"\n    /* old */\n  ]'],
    ];
    for (const [list, want] of cases) {
      const out = fixAll({ path: 'main.tf', text: make(list) }, { unsafe: true }).text;
      assert.ok(out.includes(`  grant_types = ${want}\n`), out);
    }
  });

  test('a trailing comma written after a block comment stands one blank from the `]`, as terraform fmt writes it', () => {
    const text = lines('resource "auth0_client" "worker" {', '  app_type    = "non_interactive"', '  grant_types = ["authorization_code", /* old */]', '}') + WORKER_CREDENTIALS;
    assert.match(fixed(text, 'm2m-without-client-credentials', "Add grant 'client_credentials'"), /grant_types = \["authorization_code", \/\* old \*\/ "client_credentials", \]\n/);
    const spa = lines('resource "auth0_client" "kiosk" {', '  app_type    = "spa"', '  grant_types = ["authorization_code", /* old */ "client_credentials", ]', '}') + SPA_CREDENTIALS;
    assert.match(fixed(spa, 'public-client-credentials', "Remove grant 'client_credentials'"), /grant_types = \["authorization_code", \/\* old \*\/\]\n/);
  });

  test('an added item on a one-line list', () => {
    const text = lines('resource "auth0_client" "worker" {', '  app_type    = "non_interactive"', '  grant_types = ["authorization_code"]', '}') + WORKER_CREDENTIALS;
    assert.match(fixed(text, 'm2m-without-client-credentials', "Add grant 'client_credentials'"), /grant_types = \["authorization_code", "client_credentials"\]\n/);
  });

  test('a misspelt grant is replaced in place, CRLF kept', () => {
    const text = lines('resource "auth0_client" "signage" {', '  app_type    = "native"', '  grant_types = ["authorization_code", "passwordless_otp"]', '}').replace(/\n/g, '\r\n');
    const out = fixed(text, 'unknown-grant-type', "Replace 'passwordless_otp'");
    assert.ok(out.includes('grant_types = ["authorization_code", "http://auth0.com/oauth/grant-type/passwordless/otp"]\r\n'), out);
    assert.ok(!/(^|[^\r])\n/.test(out));
  });
});

describe('HCL fixes: attributes', () => {
  test('a value is set where it is, on the credentials resource', () => {
    const text = lines('resource "auth0_client" "kiosk" {', '  app_type    = "regular_web"', '  grant_types = ["client_credentials"]', '}') + SPA_CREDENTIALS.replace('kiosk', 'kiosk');
    const out = fixed(text, 'public-client-credentials', "Set authentication_method to 'client_secret_post'");
    assert.ok(out.includes('  authentication_method = "client_secret_post"\n'), out);
  });

  test('a new attribute lines up its = with the run it joins, and the run is re-aligned when the key is longer', () => {
    const text = lines('resource "auth0_client" "tv" {', '  name        = "TV"', '  app_type    = "native"', '  grant_types = ["urn:ietf:params:oauth:grant-type:device_code"]', '}');
    const out = fixed(text, 'oidc-conformant-unset', 'Set oidc_conformant');
    assert.ok(
      out.startsWith(
        lines(
          'resource "auth0_client" "tv" {',
          '  name            = "TV"',
          '  app_type        = "native"',
          '  grant_types     = ["urn:ietf:params:oauth:grant-type:device_code"]',
          '  oidc_conformant = true',
          '}',
        ),
      ),
      out,
    );
  });

  test('after a multi-line attribute the new one starts a run of its own; a run above it is left alone', () => {
    const text = lines('resource "auth0_client" "tv" {', '  name = "TV"', '  app_type = "native"', '  grant_types = [', '    "urn:ietf:params:oauth:grant-type:device_code",', '  ]', '}');
    const out = fixed(text, 'oidc-conformant-unset', 'Set oidc_conformant');
    assert.ok(out.includes('  ]\n  oidc_conformant = true\n}\n'), out);
    assert.ok(out.includes('  name = "TV"\n  app_type = "native"\n'), out);
  });

  test('the new attribute goes after the last attribute, before nested blocks, with the attribute comment kept', () => {
    const text = lines(
      'resource "auth0_client" "tv" {',
      '  app_type    = "native" # a TV app',
      '  grant_types = ["urn:ietf:params:oauth:grant-type:device_code"] # device flow',
      '',
      '  refresh_token {',
      '    rotation_type = "non-rotating"',
      '  }',
      '}',
    );
    const out = fixed(text, 'oidc-conformant-unset', 'Set oidc_conformant');
    assert.ok(out.includes('  grant_types     = ["urn:ietf:params:oauth:grant-type:device_code"] # device flow\n  oidc_conformant = true\n\n  refresh_token {'), out);
  });
});
