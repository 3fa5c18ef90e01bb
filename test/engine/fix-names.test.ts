/**
 * What a finding says about the fix it offers or withholds:
 * - `grant-types-type`: a lone string whose wrap is withheld (the wrapped grant would then get an error, rule book
 *   invariant 3) says so within 120 characters, naming the rule that would fail (CLI message and hover), for every
 *   grant on clients of every kind, in YAML, JSON and Terraform HCL;
 * - `password-mfa-group`: the fix's title names the grants it adds when few, and counts them when many;
 * - `secret-on-public-app-type`: the message names the action of the rule's preferred fix.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { DASHBOARD_GRANT_GROUPS } from '../../server/src/engine/catalogue';
import { lintText } from '../../server/src/engine/index';
import { MAX_MESSAGE_LENGTH, shortGrant } from '../../server/src/engine/rules/messages';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { FORMS, source } from '../helpers/one-client-forms';

before(() => loadHclParser());



test('password-mfa-group: the fix names the grants it adds when few, counts them when many', () => {
  const seen = new Set<number>();
  for (const form of FORMS) {
    // Every partial selection of the two groups' grants (a first-party client).
    const all = DASHBOARD_GRANT_GROUPS.flatMap((group) => group.grants);
    for (let mask = 1; mask < 1 << all.length; mask++) {
      const held = all.filter((_, i) => mask & (1 << i));
      const { path, text } = source(form, { app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post' }, held);
      const finding = lintText({ path, text }).findings.find((f) => f.ruleId === 'password-mfa-group');
      if (!finding) continue;
      const fix = finding.fixes[0];
      assert.ok(fix, `${held.join(', ')} in ${form}`);
      const missing = DASHBOARD_GRANT_GROUPS.filter((g) => g.grants.some((x) => held.includes(x)) && g.grants.some((x) => !held.includes(x))).flatMap((g) => g.grants.filter((x) => !held.includes(x)));
      seen.add(missing.length);
      // Named when few (and short enough), else counted: never neither.
      const namesAll = missing.every((grant) => fix.title.includes(`'${shortGrant(grant)}'`));
      assert.ok(namesAll || fix.title.includes(`(${missing.length} grants)`), `${fix.title}: ${missing.join(', ')}`);
      if (missing.length === 1) assert.ok(namesAll, `${fix.title} names ${missing[0]}`);
      assert.ok(fix.title.length <= 110, `${fix.title.length}: ${fix.title}`);
    }
  }
  assert.ok(seen.has(1) && seen.has(2) && [...seen].some((n) => n > 2), [...seen].join(', '));
});

test('secret-on-public-app-type: the message names the action of the preferred fix', () => {
  let machine = 0;
  for (const form of FORMS) {
    for (const app_type of ['spa', 'native']) {
      for (const method of ['client_secret_post', 'client_secret_basic']) {
        for (const grants of [['authorization_code'], ['authorization_code', 'client_credentials'], ['client_credentials', 'urn:ietf:params:oauth:grant-type:device_code'], ['client_credentials']]) {
          const { path, text } = source(form, { app_type, token_endpoint_auth_method: method }, grants);
          const finding = lintText({ path, text }).findings.find((f) => f.ruleId === 'secret-on-public-app-type');
          const where = `${app_type}, ${method}, [${grants.join(', ')}] in ${form}`;
          assert.ok(finding, where);
          assert.ok(finding.message.length <= MAX_MESSAGE_LENGTH, finding.message);
          const preferred = finding.preferredFix?.title ?? '';
          if (preferred.includes("app_type to 'non_interactive'")) {
            machine++;
            assert.match(finding.message, /set app_type to non_interactive/, `${finding.message} (${where})`);
          } else {
            assert.match(finding.message, /to none/, `${finding.message} (${where})`);
          }
        }
      }
    }
  }
  assert.ok(machine >= 6, `${machine} clients prefer non_interactive`);
});
