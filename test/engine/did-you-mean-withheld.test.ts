/**
 * `unknown-grant-type` suggests the grant a typo most likely means; where replacing the typo with it would give the
 * client a new error (rule book invariant 3: `device_code` on a client that is not native), the replacement is not
 * offered, and the message (CLI) and hover say why, naming the rule that would fail (or the grant it fails on), not
 * only the suggestion. Over every typo the suggestion can map to a grant (auth0 CLI short names, separators swapped,
 * another URI prefix, a letter dropped), on clients of every kind, in YAML, a Management API JSON payload and
 * Terraform HCL.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { toCliFindings } from '../../server/src/cli/report';
import { CLI_SHORT_NAMES, grantInfo, GRANTS, isKnownGrant } from '../../server/src/engine/catalogue';
import { DEFAULT_SETTINGS, lintText } from '../../server/src/engine/index';
import { suggestGrant } from '../../server/src/engine/rules/grant-suggestion';
import { MAX_MESSAGE_LENGTH, shortGrant } from '../../server/src/engine/rules/messages';
import { analyze } from '../../server/src/service/analysis';
import { hoverAt } from '../../server/src/service/hover';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

type Form = 'yaml' | 'json' | 'hcl';
const FORMS: readonly Form[] = ['yaml', 'json', 'hcl'];
type Fields = Readonly<Record<string, string | boolean>>;

/** Typos of each grant that the suggestion maps back to it (the value a guess replaces them with). */
function typos(): { typo: string; meant: string }[] {
  const found = new Map<string, string>();
  const consider = (typo: string, meant: string): void => {
    if (!isKnownGrant(typo) && !found.has(typo) && suggestGrant(typo)?.value === meant) found.set(typo, meant);
  };
  for (const [short, meant] of CLI_SHORT_NAMES) consider(short, meant);
  for (const grant of GRANTS.filter((g) => g.family !== 'legacy')) {
    const value = grant.value;
    const tail = shortGrant(value).replace(/^.*[:/]/, '');
    consider(value.replace(/_/g, '-'), value);
    consider(value.replace(/-/g, '_'), value);
    consider(`http://auth0.com/oauth/grant-type/${tail}`, value);
    consider(`urn:ietf:params:oauth:grant-type:${tail}`, value);
    consider(value.slice(0, -1), value);
  }
  return [...found].map(([typo, meant]) => ({ typo, meant }));
}

/** Client kinds that refuse some grant: the app type, the auth method, first or third party, strict mode. */
const SHAPES: readonly Readonly<Record<string, string | boolean>>[] = ['spa', 'native', 'regular_web', 'non_interactive'].flatMap((app_type) =>
  ['none', 'client_secret_post'].flatMap((token_endpoint_auth_method) =>
    ([{}, { is_first_party: false }, { is_first_party: false, third_party_security_mode: 'strict' }] as const satisfies readonly Fields[]).map((party) => ({ app_type, token_endpoint_auth_method, ...party })),
  ),
);

function source(form: Form, fields: Readonly<Record<string, string | boolean>>, grants: readonly string[]): { path: string; text: string } {
  const entries = Object.entries(fields);
  switch (form) {
    case 'yaml':
      return { path: 'tenant.yaml', text: `clients:\n  - name: App\n${entries.map(([k, v]) => `    ${k}: ${v}\n`).join('')}    grant_types:\n${grants.map((g) => `      - ${g}\n`).join('')}` };
    case 'json':
      return { path: 'client.json', text: `${JSON.stringify({ name: 'App', ...fields, grant_types: grants }, null, 2)}\n` };
    case 'hcl': {
      // The method lives in auth0_client_credentials since provider v1.
      const own = entries.filter(([k]) => k !== 'token_endpoint_auth_method');
      const attrs = own.map(([k, v]) => `  ${k} = ${typeof v === 'string' ? `"${v}"` : v}\n`).join('');
      const credentials = `resource "auth0_client_credentials" "app" {\n  client_id             = auth0_client.app.id\n  authentication_method = "${String(fields['token_endpoint_auth_method'])}"\n}\n`;
      return { path: 'main.tf', text: `resource "auth0_client" "app" {\n  name = "App"\n${attrs}  grant_types = [${grants.map((g) => `"${g}"`).join(', ')}]\n}\n${credentials}` };
    }
  }
}

test('a suggestion whose replacement is withheld says why, in the CLI message and the hover', () => {
  const all = typos();
  assert.ok(all.length >= 15, `${all.length} typos`);
  let withheld = 0;
  let saidInWords = 0;
  const meantWithheld = new Set<string>();
  const problems: string[] = [];
  for (const form of FORMS) {
    for (const { typo, meant } of all) {
      for (const fields of SHAPES) {
        // Beside a grant other than the one meant (else the fix removes the typo as a repeat).
        const { path, text } = source(form, fields, [meant === 'authorization_code' ? 'refresh_token' : 'authorization_code', typo]);
        const where = `${typo} → ${meant} in ${form}, ${JSON.stringify(fields)}`;
        const result = lintText({ path, text });
        const index = result.findings.findIndex((f) => f.ruleId === 'unknown-grant-type');
        const finding = result.findings[index];
        assert.ok(finding, where);
        const replaced = finding.fixes.some((fix) => fix.title.startsWith(`Replace '${typo}' with '${meant}'`));
        if (replaced) continue;
        withheld++;
        meantWithheld.add(meant);
        const raises = finding.safeFixWithheld?.raises ?? finding.preferredFixRaises?.raises;
        if (!raises) {
          problems.push(`no mark says why: ${where}`);
          continue;
        }
        const message = toCliFindings(path, text, result)[index]!.message;
        const names = [raises.ruleId, ...(raises.grant ? [raises.grant, shortGrant(raises.grant), grantInfo(raises.grant)?.dashboardName ?? raises.grant] : [])];
        if (message.length > MAX_MESSAGE_LENGTH) problems.push(`${message.length} characters: ${message}`);
        if (!/\((no safe fix|not offered)|not offered:/.test(message) || !names.some((name) => message.includes(name))) problems.push(`the message does not say why: ${message} (${where})`);
        // A requirement is said in words (`Device Code needs app_type: native`) wherever its shortest form fits; a
        // rule id is the last resort.
        const requirement = /^The (.+?) grant needs (.+?)(?: and |, |;|$)/.exec(raises.message);
        if (requirement) {
          const shortest = `${finding.message} (not offered: ${requirement[1]} needs ${requirement[2]} and more)`;
          if (message.includes(`${requirement[1]} needs ${requirement[2]}`)) saidInWords++;
          else if (shortest.length <= MAX_MESSAGE_LENGTH) problems.push(`the requirement is not said in words: ${message} (${where})`);
        }
        const md = hoverAt(analyze({ path, text, settings: DEFAULT_SETTINGS })!, finding.span.start + 1)?.markdown.replace(/\\(.)/g, '$1') ?? '';
        if (!/\*\*(Not offered|No safe fix):\*\*/.test(md) || !md.includes(raises.ruleId)) problems.push(`the hover does not say why: ${md} (${where})`);
      }
    }
  }
  assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);
  // The kind is reached: typos of grants that need a native app, a first-party client, a confidential one.
  assert.ok(withheld > 100, `${withheld} replacements withheld`);
  assert.ok(saidInWords > 20, `${saidInWords} requirements said in words`);
  for (const grant of ['urn:ietf:params:oauth:grant-type:device_code', 'client_credentials', 'http://auth0.com/oauth/grant-type/password-realm']) {
    assert.ok(meantWithheld.has(grant), `a replacement with ${grant} was withheld: ${[...meantWithheld].join(', ')}`);
  }
});
