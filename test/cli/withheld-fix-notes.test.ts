/**
 * The CLI's message with a note saying why a fix is missing (README "fixes"): a YAML anchor withholds it ("no fix",
 * "not offered"), the rule's safe fix would give the client a new error or edit anchored content ("no safe fix").
 * The whole message stays within 120 characters (test/engine/messages.test.ts checks the rules' own messages), and
 * a note about an anchor still names the other use's place, and its name unless that would cut the rule's first
 * clause short. Checked on
 * generated tenants where two clients with long names share every field a rule reads through an anchored list, a
 * merge key, item aliases, or an `x-` key's alias, for every client rule that has a fix.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toCliFindings } from '../../server/src/cli/report';
import { grantInfo, GRANTS } from '../../server/src/engine/catalogue';
import { lintText, otherUseText } from '../../server/src/engine/index';
import { CLIENT_RULES } from '../../server/src/engine/rules/index';
import { clauseForms, MAX_MESSAGE_LENGTH, shortGrant } from '../../server/src/engine/rules/messages';
import { LineIndex } from '../../server/src/engine/text';

type Share = 'list-alias' | 'merge' | 'item-alias' | 'x-key' | 'client-merge' | 'scalar-aliases';
const SHARES: readonly Share[] = ['list-alias', 'merge', 'item-alias', 'x-key', 'client-merge', 'scalar-aliases'];

// Known grants, auth0 CLI short names (safe fixes that may raise an error), typos and a long custom URI.
const GRANT_LISTS: readonly (readonly string[])[] = [
  ...GRANTS.map((g) => [g.value, 'authorization_code']),
  ['password', 'http://auth0.com/oauth/grant-type/mfa-oob'],
  ['http://auth0.com/oauth/grant-type/password-realm', 'implicit'],
  ['client-credentials', 'authorization_code'],
  ['device-code', 'password-realm'],
  ['mfa-oob', 'authorization_code'],
  ['http://auth0.com/oauth/grant-type/device_code', 'authorization_code'],
  ['authorization_code', 'authorization_code', 'refresh-token'],
  ['urn:partner-example:params:oauth:grant-type:delegated-access-v2', 'implicit'],
  // An empty list, and a lone string (written as the value, not a list).
  [],
  ['client_credentials', 'LONE'],
  ['password', 'LONE'],
];
const APP_TYPES = ['spa', 'native', 'regular_web', 'non_interactive', 'machine_to_machine_application_with_a_long_name'];
const METHODS = [undefined, 'none', 'client_secret_post'];
const FIRST_PARTY = [undefined, true, false];
const OIDC = [undefined, false];

/** The other settings the rules read, one set per pair in turn (none, a metadata-document client, the 2026 settings). */
const SETTINGS: readonly Record<string, unknown>[] = [
  {},
  { external_client_id: 'https://partner-portal.example.com/.well-known/oauth-client/metadata.json' },
  { external_client_id: 'https://partner-portal.example.com/.well-known/oauth-client/metadata.json', token_endpoint_auth_method: 'client_secret_basic' },
  { refresh_token: { rotation_type: 'rotating', expiration_type: 'expiring' } },
  {
    third_party_security_mode: 'strict',
    refresh_token: { expiration_type: 'non-expiring', infinite_token_lifetime: true, policies: [{ audience: 'https://api.example.com', scope: ['read:orders'] }] },
    jwt_configuration: { alg: 'HS256', lifetime_in_seconds: 36000 },
    token_vault_privileged_access: { credentials: [{ id: 'cred_1' }] },
    async_approval_notification_channels: ['guardian-push'],
    token_quota: { client_credentials: { enforce: true, per_day: 1000 } },
  },
  { client_authentication_methods: { private_key_jwt: { credentials: [{ id: 'cred_1' }] } }, token_endpoint_auth_method: 'client_secret_post' },
  { app_type: 'spa-app', token_endpoint_auth_method: 'private_key_jwt' },
];

/** Names as long as users write them: the note cuts them, the message must still fit. */
const LONG = 'with a long descriptive name for the partner integration';

interface Pair {
  readonly lines: string[];
}

/** Two clients sharing `fields` (and the grants) the way `share` says; anchors named after `n`, so pairs do not clash. */
function pair(n: number, share: Share, fields: Record<string, unknown>, grants: readonly string[]): Pair {
  const defs: string[] = [];
  const own = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  const lone = grants[1] === 'LONE';
  const list = lone ? grants[0]! : `[${grants.join(', ')}]`;
  let body: string[];
  switch (lone && share === 'item-alias' ? 'list-alias' : share) {
    case 'list-alias':
      defs.push(`x-grants-${n}: &grants${n} ${list}`);
      body = [...own, `grant_types: *grants${n}`];
      break;
    case 'merge':
      defs.push(`x-base-${n}: &base${n}`, ...own.map((l) => `  ${l}`), `  grant_types: ${list}`);
      body = [`<<: *base${n}`];
      break;
    case 'item-alias':
      defs.push(`x-first-${n}: &first${n} ${grants[0]}`);
      body = [...own, `grant_types: [*first${n}, ${grants.slice(1).join(', ')}]`];
      break;
    case 'x-key':
      // One client holds the anchored list; an x- key (no client) reuses it.
      body = [...own, `grant_types: &grants${n} ${list}`];
      return { lines: [`  - name: "Client ${n} ${LONG}"`, ...body.map((l) => `    ${l}`), `__after__x-copy-${n}: *grants${n}`] };
    case 'client-merge': {
      // The first client is anchored whole; the second merges it and sets only its name.
      const first = [`name: "Client ${n}A ${LONG}"`, ...own, `grant_types: ${list}`];
      return { lines: [`  - &client${n}`, ...first.map((l) => `    ${l}`), `  - <<: *client${n}`, `    name: "Client ${n}B ${LONG}"`] };
    }
    case 'scalar-aliases':
      // Every field's value is an x- key's anchored scalar (the grants an anchored list), aliased by both clients.
      Object.entries(fields)
        .filter(([, v]) => v !== undefined)
        .forEach(([k, v]) => defs.push(`x-${k}-${n}: &${k}${n} ${JSON.stringify(v)}`));
      defs.push(`x-grants-${n}: &grants${n} ${list}`);
      body = [...Object.entries(fields).filter(([, v]) => v !== undefined).map(([k]) => `${k}: *${k}${n}`), `grant_types: *grants${n}`];
      break;
  }
  const clients = ['A', 'B'].flatMap((who) => [`  - name: "Client ${n}${who} ${LONG}"`, ...body.map((l) => `    ${l}`)]);
  return { lines: [...defs.map((d) => `__before__${d}`), ...clients] };
}

/** Tenants of many pairs each (YAML), so each lintText call checks many fixes. */
function* tenants(): Generator<string> {
  let pairs: Pair[] = [];
  let n = 0;
  const flush = (): string => {
    const lines = pairs.flatMap((p) => p.lines);
    const before = lines.filter((l) => l.startsWith('__before__')).map((l) => l.slice('__before__'.length));
    const after = lines.filter((l) => l.startsWith('__after__')).map((l) => l.slice('__after__'.length));
    const clients = lines.filter((l) => !l.startsWith('__'));
    pairs = [];
    return `${before.join('\n')}\nclients:\n${clients.join('\n')}\n${after.join('\n')}\n`;
  };
  for (const grants of GRANT_LISTS) {
    for (const app_type of APP_TYPES) {
      for (const token_endpoint_auth_method of METHODS) {
        for (const is_first_party of FIRST_PARTY) {
          for (const oidc_conformant of OIDC) {
            const fields = { app_type, token_endpoint_auth_method, is_first_party, oidc_conformant, ...SETTINGS[Math.floor(n / SHARES.length) % SETTINGS.length] };
            pairs.push(pair(n, SHARES[n % SHARES.length]!, fields, grants));
            n++;
            if (pairs.length === 60) yield flush();
          }
        }
      }
    }
  }
  if (pairs.length > 0) yield flush();
}

test('a message with a note on a withheld fix fits 120 characters and names the other use of the anchor', () => {
  const problems: string[] = [];
  const noted = new Map<string, number>();
  let named = 0;
  let placeOnly = 0;
  for (const text of tenants()) {
    const result = lintText({ path: 'tenant.yaml', text });
    const cli = toCliFindings('tenant.yaml', text, result);
    const lines = new LineIndex(text);
    result.findings.forEach((finding, i) => {
      const message = cli[i]!.message;
      const note = finding.fixesWithheldByAnchor || finding.preferredFixWithheldByAnchor || finding.safeFixWithheld || finding.preferredFixRaises;
      if (!note) return;
      noted.set(finding.ruleId, (noted.get(finding.ruleId) ?? 0) + 1);
      if (message.length > MAX_MESSAGE_LENGTH) problems.push(`${message.length} characters: ${message}`);
      if (/[\r\n]/.test(message)) problems.push(`more than one line: ${message}`);
      if (finding.anchorOtherUse) {
        const use = otherUseText(finding.anchorOtherUse, (offset) => lines.positionAt(offset));
        const at = use.slice(use.lastIndexOf(' at ') + 1);
        const sentences = [finding.message, ...clauseForms(finding.message)];
        const sentenceWhole = sentences.some((form) => message.startsWith(form));
        if (message.includes(use)) named++;
        // The name gives way before the rule's first clause does (the hover has it); the place stays.
        else if (message.includes(`anchor also used ${at})`) && sentenceWhole) placeOnly++;
        else problems.push(`does not name ${use}: ${message}`);
        if (!sentenceWhole && `${sentences.at(-1)} (no safe fix: anchor also used ${at})`.length <= MAX_MESSAGE_LENGTH) problems.push(`the rule's sentence is cut: ${message}`);
      }
      // A note about a new error names the rule that would fail, or the grant it fails on.
      const raises = finding.safeFixWithheld?.raises ?? finding.preferredFixRaises?.raises;
      const names = raises ? [raises.ruleId, ...(raises.grant ? [raises.grant, shortGrant(raises.grant), grantInfo(raises.grant)?.dashboardName ?? raises.grant] : [])] : [];
      if (raises && !names.some((name) => message.includes(name))) problems.push(`does not name ${names.join(' or ')}: ${message}`);
    });
  }
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} messages`);
  assert.ok(named > 500, `${named} notes named the other use`);
  assert.ok(placeOnly > 20, `${placeOnly} notes gave only the other use's place`);
  // Every client rule with a fix that edits what the clients share got a note somewhere (rules whose fixes only set
  // a field are written beside a merge key, so are not withheld).
  const fixable = CLIENT_RULES.filter((rule) => rule.fixable).map((rule) => rule.id);
  const missing = fixable.filter((id) => !noted.has(id));
  assert.deepEqual(missing, EXPECTED_WITHOUT_NOTE, `rules never noted: ${missing.join(', ')}; noted: ${[...noted.keys()].join(', ')}`);
});

/** Fixable rules these tenants reach without a withheld fix (their fixes set fields the client can override). */
const EXPECTED_WITHOUT_NOTE: readonly string[] = [];
