/**
 * Suggestions by meaning (rule book, `unknown-grant-type` and "Safe and unsafe fixes"): every generated typo of
 * every known grant value (a letter dropped, added, changed or swapped with its neighbour, case changed,
 * separators changed, the meaning written under another family's URI prefix) is suggested as the value typo'd, or
 * not at all: never as a different grant.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLI_SHORT_NAMES, GRANTS, isKnownGrant } from '../../server/src/engine/catalogue';
import { meaningOf, suggestGrant } from '../../server/src/engine/rules/grant-suggestion';

const VALUES = GRANTS.filter((g) => g.family !== 'legacy').map((g) => g.value);
const PREFIXES = [
  'http://auth0.com/oauth/grant-type/',
  'https://auth0.com/oauth/grant-type/',
  'urn:ietf:params:oauth:grant-type:',
  'urn:openid:params:grant-type:',
  'urn:auth0:params:oauth:grant-type:',
  'urn:okta:params:oauth:grant-type:',
];

/** Every typo of `value` of the kinds above (one edit each). */
function typosOf(value: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    out.add(value.slice(0, i) + value.slice(i + 1));
    if (i + 1 < value.length) out.add(value.slice(0, i) + value[i + 1] + value[i] + value.slice(i + 2));
    for (const c of ['x', 'e', '_', '-']) {
      out.add(value.slice(0, i) + c + value.slice(i));
      out.add(value.slice(0, i) + c + value.slice(i + 1));
    }
  }
  out.add(value.toUpperCase());
  out.add(value.charAt(0).toUpperCase() + value.slice(1));
  out.add(value.replace(/_/g, '-'));
  out.add(value.replace(/-/g, '_'));
  out.add(value.replace(/[-_]/g, ''));
  for (const prefix of PREFIXES) out.add(prefix + meaningOf(value));
  for (const prefix of PREFIXES) out.add(prefix + meaningOf(value).replace(/_/g, '-'));
  out.add(meaningOf(value));
  return [...out].filter((typo) => typo !== value && !isKnownGrant(typo));
}

test('a typo of a known grant is suggested as that grant or not at all, never as another grant', () => {
  let checked = 0;
  let suggested = 0;
  const wrong: string[] = [];
  for (const value of VALUES) {
    for (const typo of typosOf(value)) {
      checked++;
      const meant = suggestGrant(typo);
      if (!meant) continue;
      // An auth0 CLI short name means what the CLI sends, even when it is one edit from another value.
      if (CLI_SHORT_NAMES.has(typo.toLowerCase())) continue;
      suggested++;
      if (meant.value !== value) wrong.push(`${typo} → ${meant.value} (typo of ${value})`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok(checked > 3000, `${checked} typos checked`);
  // Most typos are close enough to be suggested; the test would pass vacuously if none were.
  assert.ok(suggested > checked / 2, `${suggested} of ${checked} suggested`);
});

test('a URI-shaped value is matched on its meaning, whatever its family prefix', () => {
  assert.deepEqual(suggestGrant('http://auth0.com/oauth/grant-type/device_code'), { value: 'urn:ietf:params:oauth:grant-type:device_code', safety: 'unsafe' });
  assert.deepEqual(suggestGrant('urn:ietf:params:oauth:grant-type:password-realm'), { value: 'http://auth0.com/oauth/grant-type/password-realm', safety: 'unsafe' });
  assert.deepEqual(suggestGrant('http://auth0.com/oauth/grant-type/passwordless-otp'), { value: 'http://auth0.com/oauth/grant-type/passwordless/otp', safety: 'unsafe' });
  assert.deepEqual(suggestGrant('urn:ietf:params:oauth:grant-type:client_credentials'), { value: 'client_credentials', safety: 'unsafe' });
});

test('no suggestion when two grants are equally close', () => {
  // One edit from mfa-oob and from mfa-otp alike.
  assert.equal(suggestGrant('http://auth0.com/oauth/grant-type/mfa-o'), undefined);
  assert.equal(suggestGrant('mfa-opt'), undefined);
  assert.equal(suggestGrant('something-else-entirely'), undefined);
});

test('the auth0 CLI short names are exact (ignoring case) and safe; edit-distance guesses are unsafe', () => {
  for (const [short, value] of CLI_SHORT_NAMES) {
    if (isKnownGrant(short)) continue;
    assert.deepEqual(suggestGrant(short), { value, safety: 'safe' }, short);
    assert.deepEqual(suggestGrant(short.toUpperCase()), { value, safety: 'safe' }, short);
  }
  // One letter off a short name is no short name: a guess.
  assert.deepEqual(suggestGrant('client-credential'), { value: 'client_credentials', safety: 'unsafe' });
  assert.deepEqual(suggestGrant('authorisation_code'), { value: 'authorization_code', safety: 'unsafe' });
});
