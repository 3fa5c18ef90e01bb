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
import { toCliFindings } from '../../server/src/cli/report';
import { grantInfo, GRANTS } from '../../server/src/engine/catalogue';
import { DEFAULT_SETTINGS, lintText } from '../../server/src/engine/index';
import { MAX_MESSAGE_LENGTH, shortGrant } from '../../server/src/engine/rules/messages';
import { analyze } from '../../server/src/service/analysis';
import { hoverAt } from '../../server/src/service/hover';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { FORMS, source, type Fields } from '../helpers/one-client-forms';

before(() => loadHclParser());


const SHAPES: readonly Fields[] = ['spa', 'native', 'regular_web', 'non_interactive'].flatMap((app_type) =>
  ['none', 'client_secret_post'].flatMap((token_endpoint_auth_method) =>
    ([{}, { is_first_party: false }, { is_first_party: false, third_party_security_mode: 'strict' }] as const satisfies readonly Fields[]).map((party) => ({ app_type, token_endpoint_auth_method, ...party })),
  ),
);


test('grant-types-type: a withheld wrap says which rule the wrapped grant would fail, within 120 characters', () => {
  const problems: string[] = [];
  let withheld = 0;
  for (const form of FORMS) {
    for (const grant of GRANTS.map((g) => g.value)) {
      for (const fields of SHAPES) {
        const { path, text } = source(form, fields, grant);
        const where = `${grant} in ${form}, ${JSON.stringify(fields)}`;
        const result = lintText({ path, text });
        const index = result.findings.findIndex((f) => f.ruleId === 'grant-types-type');
        const finding = result.findings[index];
        assert.ok(finding, where);
        const message = toCliFindings(path, text, result)[index]!.message;
        if (message.length > MAX_MESSAGE_LENGTH) problems.push(`${message.length} characters: ${message}`);
        if (finding.fixes.length > 0) continue;
        withheld++;
        const raises = finding.safeFixWithheld?.raises;
        if (finding.safeFixWithheld?.why !== 'new-error' || !raises) {
          problems.push(`no reason: ${JSON.stringify(finding.safeFixWithheld)} (${where})`);
          continue;
        }
        const names = [raises.ruleId, ...(raises.grant ? [raises.grant, shortGrant(raises.grant), grantInfo(raises.grant)?.dashboardName ?? raises.grant] : [])];
        if (!message.includes('(no safe fix:') || !names.some((name) => message.includes(name))) problems.push(`the message does not say why: ${message} (${where})`);
        // The withheld wrap is not advised either.
        if (/wrap the value/.test(message)) problems.push(`advises the withheld wrap: ${message}`);
        const md = hoverAt(analyze({ path, text, settings: DEFAULT_SETTINGS })!, finding.span.start + 1)?.markdown.replace(/\\(.)/g, '$1') ?? '';
        if (!md.includes('**No safe fix:**') || !md.includes(raises.ruleId)) problems.push(`the hover does not say why: ${md} (${where})`);
      }
    }
  }
  assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);
  assert.ok(withheld > 50, `${withheld} wraps withheld`);
});
