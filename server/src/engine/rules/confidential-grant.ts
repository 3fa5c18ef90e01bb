/** The shared check of CIBA and Token Vault: first-party, confidential and OIDC-conformant clients only. */
import type { ClientFacts } from '../client';
import type { Finding, RelatedInfo, RuleMeta } from './api';
import { report } from './api';
import { authMethodKey, cimdRelated, listWords, q, related, removeGrantFix, requirementFixes, restrictsGrants, setAuthMethodEdits, setFieldEdit, type Unmet } from './helpers';
import { cimdGrantMessage, withAction } from './messages';

export function checkConfidentialGrant(rule: RuleMeta, client: ClientFacts, grant: string, label: string): Finding[] {
  const items = client.itemsOf(grant);
  if (items.length === 0) return [];
  const unmet: Unmet[] = [];
  // What each unmet requirement needs, and a note at the field that fails it.
  const needs: string[] = [];
  const notes: RelatedInfo[] = [];
  if (client.isFirstParty === false) {
    needs.push(client.hasExternalClientId ? 'a first-party client' : 'is_first_party: true');
    notes.push(
      ...(client.hasExternalClientId
        ? related(client.externalClientId, 'a client registered from a metadata document, which is third-party')
        : related(client.isFirstPartyField, 'false: third-party, which cannot be changed after creation')),
    );
    unmet.push({ label: 'make the client first-party', edits: undefined });
  }
  if (client.isPublic === true) {
    needs.push(`${authMethodKey(client)} other than none`);
    notes.push(...related(client.authMethod, `none makes this client public; the ${label} grant needs a confidential one`));
    unmet.push({ label: `set ${authMethodKey(client)} to ${q('client_secret_post')}`, edits: setAuthMethodEdits(client, 'client_secret_post') });
  }
  if (client.oidcFalse) {
    needs.push('oidc_conformant: true');
    notes.push(...related(client.oidcConformant, `false: the ${label} grant needs an OIDC-conformant client`));
    unmet.push({ label: 'set oidc_conformant to true', edits: [setFieldEdit(client, 'oidc_conformant', true)] });
  }
  if (needs.length === 0) return [];
  // The same for every copy (the removal takes them all): made once, so repeats cost one finding each.
  // A metadata-document client may not hold the grant at all (cimd-grants): meeting the requirements would not help.
  if (client.hasExternalClientId) {
    const fixes = [removeGrantFix(client, items[0]!, 'safe'), ...requirementFixes(unmet)];
    return items.map((item) => report(rule, { node: item, grantItem: item, message: cimdGrantMessage(grant), related: [...cimdRelated(client), ...notes.filter((note) => !note.message.includes('metadata document'))], fixes }));
  }
  const message = withAction(`The ${label} grant needs ${listWords(needs)}`, 'fix the client or remove the grant');
  const fixes = [...requirementFixes(unmet), removeGrantFix(client, items[0]!, restrictsGrants(client) ? 'safe' : 'unsafe')];
  return items.map((item) => report(rule, { node: item, grantItem: item, message, related: notes, fixes }));
}
