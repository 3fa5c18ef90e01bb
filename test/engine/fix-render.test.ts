/** Text edits of fixes: minimal, style-keeping, and correct for block and flow lists in both formats. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixAll } from '../../server/src/engine/index';
import { applyFix, lint, toCrlf } from '../helpers/lint';

function fixOf(path: string, text: string, ruleId: string, title?: RegExp): string {
  const result = lint(path, text);
  const finding = result.findings.find((f) => f.ruleId === ruleId);
  assert.ok(finding, `expected a ${ruleId} finding`);
  const fix = title ? finding.fixes.find((f) => title.test(f.title)) : finding.fixes[0];
  assert.ok(fix, `expected a fix matching ${title} among ${finding.fixes.map((f) => f.title).join(' | ')}`);
  return applyFix(text, result, fix);
}

const SPA_HEAD = 'clients:\n  - name: SPA\n    app_type: spa\n    token_endpoint_auth_method: none\n';

test('removing the middle item of a YAML block list takes its line but its comment, and keeps the others byte for byte', () => {
  const text = SPA_HEAD + '    grant_types:\n      - authorization_code # login\n      - client_credentials   # not allowed\n      # keep me\n      - refresh_token\n';
  assert.equal(
    fixOf('tenant.yaml', text, 'public-client-credentials'),
    SPA_HEAD + '    grant_types:\n      - authorization_code # login\n      # not allowed\n      # keep me\n      - refresh_token\n',
  );
});

test('removing an item of a YAML block list keeps the comments above it and after it, at the items\' indentation', () => {
  const KIOSK = 'clients:\n  - name: Kiosk\n    app_type: non_interactive\n    is_first_party: false\n';
  const text = KIOSK + '    grant_types:\n      - client_credentials\n      # legacy, remove after migration\n      - password  # used by the old kiosk\n    callbacks: []\n';
  const expected = KIOSK + '    grant_types:\n      - client_credentials\n      # legacy, remove after migration\n      # used by the old kiosk\n    callbacks: []\n';
  assert.equal(fixOf('tenant.yaml', text, 'first-party-only-grant'), expected);
  assert.equal(fixAll({ path: 'tenant.yaml', text }).text, expected);
  assert.equal(fixAll({ path: 'tenant.yaml', text: expected }).text, expected);
  // The item before another: the comments stay above the next item, as lines at its indentation.
  const between = KIOSK + '    grant_types:\n    # legacy\n    - password # old kiosk\n    - client_credentials\n';
  assert.equal(fixOf('tenant.yaml', between, 'first-party-only-grant'), KIOSK + '    grant_types:\n    # legacy\n    # old kiosk\n    - client_credentials\n');
});

test('removing the last item of a file without a final newline', () => {
  const text = SPA_HEAD + '    grant_types:\n      - authorization_code\n      - client_credentials';
  assert.equal(fixOf('tenant.yaml', text, 'public-client-credentials'), SPA_HEAD + '    grant_types:\n      - authorization_code');
});

test('removing the last two items of a file without a final newline', () => {
  const head = 'clients:\n  - name: Partner\n    is_first_party: false\n    grant_types:\n      - authorization_code\n';
  const text = head + '      - password\n      - http://auth0.com/oauth/grant-type/password-realm';
  assert.equal(fixOf('tenant.yaml', text, 'first-party-only-grant'), head.slice(0, -1));
  assert.equal(fixOf('tenant.yaml', toCrlf(text), 'first-party-only-grant'), toCrlf(head.slice(0, -1)));
});

test('removing the only item of a block list leaves an empty flow list and keeps comment lines', () => {
  const text = SPA_HEAD + '    grant_types: # the grants\n      # only one\n      - client_credentials\n    callbacks: []\n';
  assert.equal(
    fixOf('tenant.yaml', text, 'public-client-credentials'),
    SPA_HEAD + '    grant_types: [] # the grants\n      # only one\n    callbacks: []\n',
  );
});

describe('emptying a list keeps its comments, at the indentation its items had', () => {
  const KIOSK = 'clients:\n  - name: Kiosk\n    app_type: non_interactive\n    is_first_party: false\n';

  test('YAML block list: the comment above the item and the one after it stay below `grant_types: []`', () => {
    const text = KIOSK + '    grant_types:\n      # legacy, remove after migration\n      - password   # used by the old kiosk\n    callbacks: []\n';
    assert.equal(
      fixOf('tenant.yaml', text, 'first-party-only-grant'),
      KIOSK + '    grant_types: []\n      # legacy, remove after migration\n      # used by the old kiosk\n    callbacks: []\n',
    );
  });

  test('YAML block list: comments after a lone `-` and before its value stay, as lines at the `-`', () => {
    const text = KIOSK + '    grant_types:\n    - # first\n      # between\n      password # after\n    -\n      "http://auth0.com/oauth/grant-type/password-realm"';
    assert.equal(fixOf('tenant.yaml', text, 'first-party-only-grant'), KIOSK + '    grant_types: []\n    # first\n    # between\n    # after');
  });

  test('YAML block list: a suppression comment goes with the item it silences, and one after an item with it', () => {
    const text = KIOSK + '    grant_types:\n      # grantlint-disable-next-line implicit-grant\n      - password # grantlint-disable-next-line password-mfa-group\n      # kept\n';
    assert.equal(fixOf('tenant.yaml', text, 'first-party-only-grant'), KIOSK + '    grant_types: []\n      # kept\n');
  });

  test('YAML flow and JSONC lists over lines: `[`, the comments on lines of their own, `]`', () => {
    const yaml = KIOSK + '    grant_types: [ # legacy\n      password, # old kiosk\n      http://auth0.com/oauth/grant-type/password-realm\n    ]\n';
    assert.equal(fixOf('tenant.yaml', yaml, 'first-party-only-grant'), KIOSK + '    grant_types: [\n      # legacy\n      # old kiosk\n    ]\n');
    const json = '{\n  "name": "Kiosk",\n  "is_first_party": false,\n  "grant_types": [\n    /* legacy */ "password", // old kiosk\n    "http://auth0.com/oauth/grant-type/password-realm" ]\n}\n';
    assert.equal(fixOf('payload/kiosk.json', json, 'first-party-only-grant'), '{\n  "name": "Kiosk",\n  "is_first_party": false,\n  "grant_types": [\n    /* legacy */\n    // old kiosk\n  ]\n}\n');
  });

  test('fix all empties the list once: a second run changes nothing', () => {
    const text = KIOSK + '    grant_types:\n      # legacy, remove after migration\n      - password   # used by the old kiosk\n';
    const once = fixAll({ path: 'tenant.yaml', text }).text;
    assert.equal(once, KIOSK + '    grant_types: []\n      # legacy, remove after migration\n      # used by the old kiosk\n');
    assert.equal(fixAll({ path: 'tenant.yaml', text: once }).text, once);
  });

  test('with unsafe fixes, the list is emptied before a grant is added to it, so its comments stay, and the emptied list is not filled', () => {
    const yaml = KIOSK + '    grant_types:\n      # legacy\n      - password   # old kiosk\n';
    assert.equal(fixAll({ path: 'tenant.yaml', text: yaml }, { unsafe: true }).text, KIOSK + '    grant_types: []\n      # legacy\n      # old kiosk\n');
    const json = '{\n  "app_type": "non_interactive",\n  "is_first_party": false,\n  "grant_types": [\n    "password" // old kiosk\n  ]\n}\n';
    assert.equal(
      fixAll({ path: 'payload/kiosk.json', text: json }, { unsafe: true }).text,
      '{\n  "app_type": "non_interactive",\n  "is_first_party": false,\n  "grant_types": [\n    // old kiosk\n  ]\n}\n',
    );
  });

  test('a one-line list keeps its block comments on its line; a list over lines without comments becomes []', () => {
    const json = (list: string) => `{\n  "name": "Kiosk",\n  "is_first_party": false,\n  "grant_types": ${list}\n}\n`;
    assert.equal(fixOf('payload/kiosk.json', json('["password" /* old */]'), 'first-party-only-grant'), json('[/* old */]'));
    assert.equal(fixOf('payload/kiosk.json', json('[\n    "password",\n  ]'), 'first-party-only-grant'), json('[]'));
  });
});

test('removing some items: a suppression comment goes with the item it silences or follows; the other comments stay', () => {
  const KIOSK = 'clients:\n  - name: Kiosk\n    app_type: non_interactive\n    is_first_party: false\n';
  const block = KIOSK + '    grant_types:\n      - client_credentials\n      # grantlint-disable-next-line implicit-grant\n      - password # grantlint-disable-next-line password-mfa-group\n      # kept\n';
  assert.equal(fixOf('tenant.yaml', block, 'first-party-only-grant'), KIOSK + '    grant_types:\n      - client_credentials\n      # kept\n');
  const flow = KIOSK + '    grant_types: [\n      client_credentials,\n      # grantlint-disable-next-line implicit-grant\n      password, # grantlint-disable-next-line password-mfa-group\n      # kept\n    ]\n';
  assert.equal(fixOf('tenant.yaml', flow, 'first-party-only-grant'), KIOSK + '    grant_types: [\n      client_credentials,\n      # kept\n    ]\n');
});

test('flow lists: first, middle and last removals take the right separator', () => {
  const make = (list: string) => SPA_HEAD + `    grant_types: [${list}]\n`;
  assert.equal(fixOf('tenant.yaml', make('client_credentials, authorization_code'), 'public-client-credentials'), make('authorization_code'));
  assert.equal(fixOf('tenant.yaml', make('authorization_code, client_credentials, refresh_token'), 'public-client-credentials'), make('authorization_code, refresh_token'));
  assert.equal(fixOf('tenant.yaml', make('authorization_code, client_credentials'), 'public-client-credentials'), make('authorization_code'));
  assert.equal(fixOf('tenant.yaml', make('client_credentials'), 'public-client-credentials'), make(''));
});

test('JSON: multi-line list removal keeps indentation and the other lines', () => {
  const text = '{\n    "name": "SPA",\n    "app_type": "spa",\n    "token_endpoint_auth_method": "none",\n    "grant_types": [\n        "authorization_code",\n        "client_credentials"\n    ]\n}\n';
  assert.equal(
    fixOf('clients/SPA.json', text, 'public-client-credentials'),
    '{\n    "name": "SPA",\n    "app_type": "spa",\n    "token_endpoint_auth_method": "none",\n    "grant_types": [\n        "authorization_code"\n    ]\n}\n',
  );
});

test('replacing a value keeps its quoting style', () => {
  const make = (value: string) => SPA_HEAD + `    grant_types:\n      - ${value}\n`;
  assert.equal(fixOf('tenant.yaml', make("'refresh-token'"), 'unknown-grant-type'), make("'refresh_token'"));
  assert.equal(fixOf('tenant.yaml', make('"refresh-token"'), 'unknown-grant-type'), make('"refresh_token"'));
  assert.equal(fixOf('tenant.yaml', make('refresh-token'), 'unknown-grant-type'), make('refresh_token'));
});

test('setting an absent key inserts it after the last key at the client indentation, after nested blocks', () => {
  const text = 'clients:\n  - name: App\n    app_type: native\n    grant_types:\n      - authorization_code\n    mobile:\n      android:\n        app_package_name: com.example # pkg\n  - name: Next\n    app_type: regular_web\n    grant_types: [authorization_code]\n';
  assert.equal(
    fixOf('tenant.yaml', text, 'public-app-type-without-none'),
    'clients:\n  - name: App\n    app_type: native\n    grant_types:\n      - authorization_code\n    mobile:\n      android:\n        app_package_name: com.example # pkg\n    token_endpoint_auth_method: none\n  - name: Next\n    app_type: regular_web\n    grant_types: [authorization_code]\n',
  );
});

test('JSON: an added key follows the last property with its indentation', () => {
  const text = '{\n  "name": "App",\n  "app_type": "native",\n  "grant_types": ["authorization_code"]\n}\n';
  assert.equal(
    fixOf('clients/App.json', text, 'public-app-type-without-none'),
    '{\n  "name": "App",\n  "app_type": "native",\n  "grant_types": ["authorization_code"],\n  "token_endpoint_auth_method": "none"\n}\n',
  );
});

test('declaring grant_types in YAML writes a block list', () => {
  const text = 'clients:\n  - name: Web\n    app_type: regular_web\n    grant_types: []\n';
  assert.equal(
    fixOf('tenant.yaml', text, 'missing-grant-types'),
    'clients:\n  - name: Web\n    app_type: regular_web\n    grant_types: [authorization_code, refresh_token, client_credentials]\n',
  );
  const absent = 'clients:\n  - name: M2M\n    app_type: non_interactive\n';
  assert.equal(
    fixOf('tenant.yaml', absent, 'missing-grant-types'),
    'clients:\n  - name: M2M\n    app_type: non_interactive\n    grant_types:\n      - client_credentials\n',
  );
});

test('setting the auth method to none also drops client_credentials in the same edit', () => {
  const text = 'clients:\n  - name: SPA\n    app_type: spa\n    token_endpoint_auth_method: client_secret_post\n    grant_types:\n      - authorization_code\n      - client_credentials\n';
  assert.equal(
    fixOf('tenant.yaml', text, 'secret-on-public-app-type', /to 'none'/),
    'clients:\n  - name: SPA\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types:\n      - authorization_code\n',
  );
});

test('a lone string is wrapped in a list', () => {
  const text = SPA_HEAD + '    grant_types: authorization_code\n';
  assert.equal(fixOf('tenant.yaml', text, 'grant-types-type'), SPA_HEAD + '    grant_types: [authorization_code]\n');
});

test('fixes keep CRLF line endings', () => {
  const text = toCrlf('clients:\n  - name: M2M\n    app_type: non_interactive\n');
  const fixed = fixOf('tenant.yaml', text, 'missing-grant-types');
  assert.equal(fixed, toCrlf('clients:\n  - name: M2M\n    app_type: non_interactive\n    grant_types:\n      - client_credentials\n'));
});

test('no fix is offered when it would create a new error', () => {
  // Setting a secret method would break device code, which needs "none".
  const text = 'clients:\n  - name: TV\n    app_type: native\n    token_endpoint_auth_method: none\n    oidc_conformant: true\n    grant_types: [urn:ietf:params:oauth:grant-type:device_code, client_credentials]\n';
  const finding = lint('tenant.yaml', text).findings.find((f) => f.ruleId === 'public-client-credentials');
  assert.deepEqual(finding?.fixes.map((f) => f.title), ["Remove grant 'client_credentials'"]);
  // The value meant is known, but the passwordless grant is not allowed on a SPA: no replacement offered, only
  // removing the value (unsafe: it drops a grant the author may have meant).
  const spa = SPA_HEAD + '    grant_types: [authorization_code, passwordless_otp]\n';
  const unknown = lint('tenant.yaml', spa).findings.find((f) => f.ruleId === 'unknown-grant-type');
  assert.deepEqual(unknown?.fixes.map((f) => [f.title, f.safety]), [["Remove 'passwordless_otp' (unsafe: drops a grant you may have meant)", 'unsafe']]);
});

test('fix-all leaves a file with syntax errors untouched', () => {
  const text = SPA_HEAD + '    grant_types: [client_credentials\n';
  assert.equal(fixAll({ path: 'tenant.yaml', text }).text, text);
});

// ---- every form a list can be written in (rule book invariant 6) ----

const NATIVE_HEAD = 'clients:\n  - name: App\n    app_type: native\n    token_endpoint_auth_method: none\n';

test('a block item whose value starts on the next line is removed with its dash; the only one leaves []', () => {
  const text = NATIVE_HEAD + '    grant_types:\n      -\n        client_credentials\n      - refresh_token # kept\n';
  assert.equal(fixOf('tenant.yaml', text, 'public-client-credentials'), NATIVE_HEAD + '    grant_types:\n      - refresh_token # kept\n');
  const only = NATIVE_HEAD + '    grant_types:\n      - &cc\n        client_credentials\n    callbacks: []\n';
  assert.equal(fixOf('tenant.yaml', only, 'public-client-credentials'), NATIVE_HEAD + '    grant_types: []\n    callbacks: []\n');
  // A comment line between the dash and its value stays, at the dash; one before the dash stays as it is.
  const commented = NATIVE_HEAD + '    grant_types:\n      # the grants\n      -\n        # machine to machine\n        client_credentials\n      - refresh_token\n';
  assert.equal(fixOf('tenant.yaml', commented, 'public-client-credentials'), NATIVE_HEAD + '    grant_types:\n      # the grants\n      # machine to machine\n      - refresh_token\n');
});

test('anchored and tagged items and lists: removal, emptying and appending keep valid YAML', () => {
  const tagged = NATIVE_HEAD + '    grant_types:\n      - !!str client_credentials\n      - &rt refresh_token\n';
  assert.equal(fixOf('tenant.yaml', tagged, 'public-client-credentials'), NATIVE_HEAD + '    grant_types:\n      - &rt refresh_token\n');
  for (const props of ['&g', '!!seq', '&g !!seq']) {
    const list = NATIVE_HEAD + `    grant_types: ${props} # grants\n      - client_credentials\n`;
    assert.equal(fixOf('tenant.yaml', list, 'public-client-credentials'), NATIVE_HEAD + `    grant_types: ${props} [] # grants\n`);
    const flow = NATIVE_HEAD + `    grant_types: ${props} [client_credentials]\n`;
    assert.equal(fixOf('tenant.yaml', flow, 'public-client-credentials'), NATIVE_HEAD + `    grant_types: ${props} []\n`);
  }
  const m2m = 'clients:\n  - name: Worker\n    app_type: non_interactive\n    grant_types:\n';
  for (const item of ['- &code authorization_code', '- !!str authorization_code', '-\n        authorization_code', '- &code\n        authorization_code']) {
    assert.equal(fixOf('tenant.yaml', `${m2m}      ${item}\n`, 'm2m-without-client-credentials'), `${m2m}      ${item}\n      - client_credentials\n`);
  }
});

test('flow lists over several lines with comments: the kept items keep their comments', () => {
  const SPA = 'clients:\n  - name: SPA\n    app_type: spa\n    token_endpoint_auth_method: none\n';
  const make = (body: string) => `${SPA}    grant_types: [\n${body}    ]\n`;
  assert.equal(
    fixOf('tenant.yaml', make('      authorization_code, # login\n      client_credentials  # by mistake\n'), 'public-client-credentials'),
    make('      authorization_code # login\n      # by mistake\n'),
  );
  assert.equal(
    fixOf('tenant.yaml', make('      client_credentials, # by mistake\n      # the login\n      authorization_code\n'), 'public-client-credentials'),
    make('      # by mistake\n      # the login\n      authorization_code\n'),
  );
  assert.equal(
    fixOf('tenant.yaml', make('      # only this\n      client_credentials\n'), 'public-client-credentials'),
    make('      # only this\n'),
  );
  // Tabs between flow items.
  assert.equal(fixOf('tenant.yaml', `${SPA}    grant_types: [authorization_code,\tclient_credentials]\n`, 'public-client-credentials'), `${SPA}    grant_types: [authorization_code]\n`);
});

test('JSONC: comments around items and properties stay; a URL in a value is no comment', () => {
  const head = '{\n  "name": "SPA",\n  "app_type": "spa",\n  // public\n  "token_endpoint_auth_method": "none",\n';
  const text = `${head}  "grant_types": [\n    "authorization_code", // login\n    /* mistake */ "client_credentials"\n  ]\n}\n`;
  assert.equal(fixOf('api/SPA.json', text, 'public-client-credentials'), `${head}  "grant_types": [\n    "authorization_code" // login\n    /* mistake */\n  ]\n}\n`);
  // A comment after a removed item, or between it and its comma, stays where the item stood, each on a line.
  const after = `${head}  "grant_types": [\n    "client_credentials" /* not */, // why we need it\n    "authorization_code"\n  ]\n}\n`;
  assert.equal(fixOf('api/SPA.json', after, 'public-client-credentials'), `${head}  "grant_types": [\n    /* not */\n    // why we need it\n    "authorization_code"\n  ]\n}\n`);
  // A block comment before a kept item on the removed item's line is no part of it.
  const shared = `${head}  "grant_types": [\n    /* a */ "authorization_code", /* b */ "client_credentials", // c\n    "refresh_token"\n  ]\n}\n`;
  assert.equal(fixOf('api/SPA.json', shared, 'public-client-credentials'), `${head}  "grant_types": [\n    /* a */ "authorization_code", /* b */ // c\n    "refresh_token"\n  ]\n}\n`);
  const urls = `${head}  "grant_types": [\n    "http://auth0.com/oauth/grant-type/password-realm",\n    "client_credentials"\n  ]\n}\n`;
  const removed = fixOf('api/SPA.json', urls, 'public-client-credentials');
  assert.equal(removed, `${head}  "grant_types": [\n    "http://auth0.com/oauth/grant-type/password-realm"\n  ]\n}\n`);
  const onlyUrl = `${head}  "grant_types": [\n    "client_credentials"\n  ]\n}\n`;
  assert.equal(fixOf('api/SPA.json', onlyUrl, 'public-client-credentials'), `${head}  "grant_types": []\n}\n`);
});

test('appending to a flow list over several lines puts the new item after the last item\'s comment', () => {
  const text = 'clients:\n  - name: Worker\n    app_type: non_interactive\n    grant_types: [\n      authorization_code # login\n    ]\n';
  assert.equal(
    fixOf('tenant.yaml', text, 'm2m-without-client-credentials'),
    'clients:\n  - name: Worker\n    app_type: non_interactive\n    grant_types: [\n      authorization_code, # login\n      client_credentials\n    ]\n',
  );
});

test('JSONC and YAML flow lists: an added item leaves the last item its comment and comes after comment lines before the `]`', () => {
  const json = (list: string) => `{\n  "name": "Worker",\n  "app_type": "non_interactive",\n  "token_endpoint_auth_method": "client_secret_post",\n  "grant_types": ${list}\n}\n`;
  const cases: [string, string, string][] = [
    ['payload/worker.json', json('["authorization_code", /* web login */ "refresh_token" /* rt */]'), json('["authorization_code", /* web login */ "refresh_token" /* rt */, "client_credentials"]')],
    ['payload/worker.json', json('[\n    "refresh_token" /* rt */\n  ]'), json('[\n    "refresh_token", /* rt */\n    "client_credentials"\n  ]')],
    ['payload/worker.json', json('[\n    "refresh_token"\n    // more to come\n  ]'), json('[\n    "refresh_token",\n    // more to come\n    "client_credentials"\n  ]')],
  ];
  const yaml = (list: string) => `clients:\n  - name: Worker\n    app_type: non_interactive\n    grant_types: ${list}\n`;
  cases.push(['tenant.yaml', yaml('[\n      refresh_token,\n      # more to come\n    ]'), yaml('[\n      refresh_token,\n      # more to come\n      client_credentials,\n    ]')]);
  for (const [path, text, expected] of cases) assert.equal(fixOf(path, text, 'm2m-without-client-credentials', /^Add grant/), expected);
});

test('JSONC and YAML flow lists: an empty list\'s comments stay before the added item', () => {
  const json = (list: string) => `{\n  "name": "Worker",\n  "app_type": "non_interactive",\n  "token_endpoint_auth_method": "client_secret_post",\n  "grant_types": ${list}\n}\n`;
  const yaml = (list: string) => `clients:\n  - name: Worker\n    app_type: non_interactive\n    grant_types: ${list}\n`;
  const cases: [string, string, string][] = [
    ['payload/worker.json', json('[ /* none */ ]'), json('[ /* none */ "client_credentials" ]')],
    ['payload/worker.json', json('[\n    // none yet\n  ]'), json('[\n    // none yet\n    "client_credentials"\n  ]')],
    ['tenant.yaml', yaml('[\n      # none yet\n    ]'), yaml('[\n      # none yet\n      client_credentials\n    ]')],
  ];
  for (const [path, text, expected] of cases) assert.equal(fixOf(path, text, 'm2m-without-client-credentials', /^Add grant/), expected);
});

test('keys in quotes, CRLF and a byte order mark', () => {
  const text = '\uFEFFclients:\r\n  - "name": App\r\n    \'app_type\': native\r\n    "token_endpoint_auth_method": none\r\n    "grant_types":\r\n      -\r\n        client_credentials\r\n';
  assert.equal(
    fixOf('tenant.yaml', text, 'public-client-credentials'),
    '\uFEFFclients:\r\n  - "name": App\r\n    \'app_type\': native\r\n    "token_endpoint_auth_method": none\r\n    "grant_types": []\r\n',
  );
});
