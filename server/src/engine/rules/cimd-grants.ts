import { GRANT, isKnownGrant } from '../catalogue';
import type { Fix } from '../fix/semantic';
import type { Finding, Rule } from './api';
import { report } from './api';
import { cimdRelated, related, removeGrantFix, setFieldEdit, titled } from './helpers';
import { cimdGrantMessage } from './messages';

const ALLOWED = new Set<string>([GRANT.authorizationCode, GRANT.refreshToken]);

export const cimdGrants: Rule = {
  id: 'cimd-grants',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'A client registered from a metadata document (external_client_id) with grants other than authorization_code and refresh_token, or not OIDC-conformant.',
  check(client) {
    if (!client.hasExternalClientId) return [];
    const notes = cimdRelated(client);
    // Per value, shared by its copies (the removal takes them all): repeats cost one finding each.
    const byValue = new Map<string, { readonly message: string; readonly fixes: readonly (Fix | undefined)[] }>();
    const findings: Finding[] = (client.grants?.items ?? [])
      .filter((item) => isKnownGrant(item.value) && !ALLOWED.has(item.value))
      .map((item) => {
        let shared = byValue.get(item.value);
        if (!shared) {
          const message = cimdGrantMessage(item.value);
          byValue.set(item.value, (shared = { message, fixes: [removeGrantFix(client, item, 'safe')] }));
        }
        return report(this, { node: item, grantItem: item, message: shared.message, related: notes, fixes: shared.fixes });
      });
    const oidc = client.oidcConformant;
    if (client.oidcFalse && oidc.state === 'known') {
      findings.push(
        report(this, {
          node: oidc.node,
          message: 'Clients registered from a metadata document (external_client_id) must set oidc_conformant to true.',
          related: related(client.externalClientId, 'set: a client registered from a metadata document'),
          fixes: [{ title: titled('Set oidc_conformant to true', 'unsafe', 'changes a setting'), edits: [setFieldEdit(client, 'oidc_conformant', true)], safety: 'unsafe' }],
        }),
      );
    }
    return findings;
  },
};
