import { GRANT } from '../catalogue';
import type { RelatedInfo, Rule } from './api';
import { report } from './api';
import { authMethodKey, cimdRelated, listWords, related, removeGrantFix, requirementFixes, setAuthMethodEdits, setFieldEdit, type Unmet } from './helpers';
import { cimdGrantMessage, withAction } from './messages';

export const deviceCodeRequirements: Rule = {
  id: 'device-code-requirements',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'The device code grant on a client that is not a native, public, OIDC-conformant app.',
  check(client) {
    const items = client.itemsOf(GRANT.deviceCode);
    if (items.length === 0) return [];
    const unmet: Unmet[] = [];
    // What each unmet requirement needs set, and a note at the field that fails it.
    const needs: string[] = [];
    const notes: RelatedInfo[] = [];
    const appType = client.appTypeValue;
    const appTypeUnmet = appType !== undefined && appType !== 'native';
    if (appTypeUnmet) {
      needs.push('app_type: native');
      notes.push(...related(client.appType, 'not native: the device code grant is for native apps (TVs, consoles, CLIs)'));
      unmet.push({ label: "set app_type to 'native'", edits: [setFieldEdit(client, 'app_type', 'native')] });
    }
    if (client.isPublic === false) {
      needs.push(`${authMethodKey(client)}: none`);
      notes.push(...related(client.authMethod, 'a confidential client; the device code grant needs a public one (none)'));
      const edits = setAuthMethodEdits(client, 'none');
      unmet.push({ label: `set ${authMethodKey(client)} to 'none'${edits && edits.length > 1 ? ' and remove client_credentials' : ''}`, edits });
    }
    if (client.oidcFalse) {
      needs.push('oidc_conformant: true');
      notes.push(...related(client.oidcConformant, 'false: the device code grant needs an OIDC-conformant client'));
      unmet.push({ label: 'set oidc_conformant to true', edits: [setFieldEdit(client, 'oidc_conformant', true)] });
    }
    if (needs.length === 0) return [];
    // The same for every copy (the removal takes them all): made once, so repeats cost one finding each.
    // A metadata-document client may not hold the grant at all (cimd-grants): meeting the requirements would not help.
    const cimd = client.hasExternalClientId;
    const message = cimd ? cimdGrantMessage(GRANT.deviceCode) : withAction(`The Device Code grant needs ${listWords(needs)}`, 'fix the client or remove the grant');
    // Turning an existing app into a native one is a bigger change than dropping the grant: prefer removal then.
    // Removal is safe for a client that is not native (Auth0 rejects device code there); else it takes a working grant.
    const fixes = appTypeUnmet || cimd
      ? [removeGrantFix(client, items[0]!, 'safe'), ...requirementFixes(unmet)]
      : [...requirementFixes(unmet), removeGrantFix(client, items[0]!, 'unsafe')];
    return items.map((item) => report(this, { node: item, grantItem: item, message, related: cimd ? [...cimdRelated(client), ...notes] : notes, fixes }));
  },
};
