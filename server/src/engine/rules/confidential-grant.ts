/** The shared check of CIBA and Token Vault: first-party, confidential and OIDC-conformant clients only. */
import type { ClientFacts } from '../client';
import type { Finding, RuleMeta } from './api';
import { report } from './api';
import { authMethodKey, clientFieldsInfo, listWords, q, removeGrantFix, requirementFixes, restrictsGrants, setAuthMethodEdits, setFieldEdit, type Unmet } from './helpers';

export function checkConfidentialGrant(rule: RuleMeta, client: ClientFacts, grant: string, label: string): Finding[] {
  const items = client.itemsOf(grant);
  if (items.length === 0) return [];
  const unmet: Unmet[] = [];
  const problems: string[] = [];
  if (client.isFirstParty === false) {
    problems.push(client.hasExternalClientId ? 'the client is third-party (external_client_id is set)' : 'the client is third-party (is_first_party: false)');
    unmet.push({ label: 'make the client first-party', edits: undefined });
  }
  if (client.isPublic === true) {
    problems.push('the client is public (token_endpoint_auth_method "none")');
    unmet.push({ label: `set ${authMethodKey(client)} to ${q('client_secret_post')}`, edits: setAuthMethodEdits(client, 'client_secret_post') });
  }
  if (client.oidcFalse) {
    problems.push('oidc_conformant is false');
    unmet.push({ label: 'set oidc_conformant to true', edits: [setFieldEdit(client, 'oidc_conformant', true)] });
  }
  if (problems.length === 0) return [];
  return items.map((item) =>
    report(rule, {
      node: item,
      grantItem: item,
      message: `The ${label} grant needs a first-party, confidential, OIDC-conformant client: ${listWords(problems)}.`,
      related: clientFieldsInfo(client),
      // Removal is safe only where the client may not hold the grant at all (a strict third-party or CIMD client).
      fixes: [...requirementFixes(unmet), removeGrantFix(client, item, restrictsGrants(client) ? 'safe' : 'unsafe')],
    }),
  );
}
