/**
 * A client grant's client whose `client_credentials` is misspelt (`client-credentials`, `credentials`,
 * `client_credential`): `client-grant-without-client-credentials` points at the misspelt item ("fix its spelling")
 * rather than asking to add the grant, offers no fix that adds it (the typo's own fix is the remedy; an added grant
 * would become a repeat), and `--fix` clears both findings (with `--unsafe-fixes` for a typo that is not an auth0
 * CLI short name). In a YAML tenant with `clientGrants`
 * (block and flow lists) and a Terraform HCL module file; every typo the suggestion maps to client_credentials.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { CLI_SHORT_NAMES, GRANT, isKnownGrant } from '../../server/src/engine/catalogue';
import { lintText } from '../../server/src/engine/index';
import { fixAll } from '../../server/src/engine/fix/fix-all';
import { suggestGrant } from '../../server/src/engine/rules/grant-suggestion';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

const TYPOS = ['client-credentials', 'credentials', 'client_credential', 'Client_Credentials', 'clientcredentials', 'client_credentails'].filter((typo) => !isKnownGrant(typo) && suggestGrant(typo)?.value === GRANT.clientCredentials);

function sources(typo: string, others: readonly string[]): { path: string; text: string }[] {
  const grants = [...others, typo];
  return [
    { path: 'tenant.yaml', text: `clients:\n  - name: Cron Jobs\n    app_type: non_interactive\n    grant_types:\n${grants.map((g) => `      - ${g}\n`).join('')}clientGrants:\n  - client_id: Cron Jobs\n    audience: https://api.example.com/\n    scope: [read:things]\n` },
    { path: 'tenant.yaml', text: `clients:\n  - name: Cron Jobs\n    app_type: regular_web\n    token_endpoint_auth_method: client_secret_post\n    grant_types: [${grants.join(', ')}]\nclientGrants:\n  - client_id: Cron Jobs\n    audience: https://api.example.com/\n    scope: []\n` },
    {
      path: 'main.tf',
      text: `resource "auth0_client" "cron" {\n  name        = "Cron Jobs"\n  app_type    = "non_interactive"\n  grant_types = [${grants.map((g) => `"${g}"`).join(', ')}]\n}\n\nresource "auth0_client_grant" "api" {\n  client_id = auth0_client.cron.id\n  audience  = "https://api.example.com/"\n  scopes    = ["read:things"]\n}\n`,
    },
  ];
}

test('a misspelt client_credentials is what the client grant finding points at, and --fix clears both', () => {
  assert.ok(TYPOS.length >= 4, TYPOS.join(', '));
  let checked = 0;
  for (const typo of TYPOS) {
    for (const others of [[], ['authorization_code']]) {
      for (const { path, text } of sources(typo, others)) {
        const where = `${typo} in ${path}:\n${text}`;
        const result = lintText({ path, text });
        const finding = result.findings.find((f) => f.ruleId === 'client-grant-without-client-credentials');
        assert.ok(finding, where);
        const at = text.indexOf(typo);
        assert.ok(finding.related.some((r) => r.span.start <= at && r.span.end >= at + typo.length && r.span.end - r.span.start <= typo.length + 2 && r.message.includes(`'${typo}'`) && /spelling/.test(r.message)), `points at the typo: ${JSON.stringify(finding.related)}\n${where}`);
        assert.ok(!finding.related.some((r) => /add client_credentials/.test(r.message)), where);
        assert.equal(finding.fixes.length, 0, `no fix adds the grant beside its typo: ${where}`);
        // An auth0 CLI short name's replacement is safe; one by edit distance is not (rule book).
        const fixed = fixAll({ path, text, fixChecks: 'all' }, { unsafe: !CLI_SHORT_NAMES.has(typo.toLowerCase()) }).text;
        const after = lintText({ path, text: fixed });
        assert.deepEqual(after.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.ruleId), [], `--fix clears both:\n${fixed}`);
        assert.ok(fixed.includes('client_credentials'), fixed);
        checked++;
      }
    }
  }
  assert.equal(checked, TYPOS.length * 6);
});
