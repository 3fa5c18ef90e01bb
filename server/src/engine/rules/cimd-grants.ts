import { GRANT, isKnownGrant } from '../catalogue';
import type { Finding, Rule } from './api';
import { report } from './api';
import { related, removeGrantFix, setFieldEdit, titled } from './helpers';
import { grantName } from './messages';

const ALLOWED = new Set<string>([GRANT.authorizationCode, GRANT.refreshToken]);

export const cimdGrants: Rule = {
  id: 'cimd-grants',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'A client registered from a metadata document (external_client_id) with grants other than authorization_code and refresh_token, or not OIDC-conformant.',
  check(client) {
    if (!client.hasExternalClientId) return [];
    const findings: Finding[] = (client.grants?.items ?? [])
      .filter((item) => isKnownGrant(item.value) && !ALLOWED.has(item.value))
      .map((item) =>
        report(this, {
          node: item,
          grantItem: item,
          message: `Metadata-document clients may use only authorization_code and refresh_token; remove ${grantName(item.value)}.`,
          related: related(client.externalClientId, 'set: a client registered from a metadata document (external_client_id)'),
          fixes: [removeGrantFix(client, item, 'safe')],
        }),
      );
    const oidc = client.oidcConformant;
    if (client.oidcFalse && oidc.state === 'known') {
      findings.push(
        report(this, {
          node: oidc.node,
          message: 'Clients registered from a metadata document (external_client_id) must set oidc_conformant: true.',
          related: related(client.externalClientId, 'set: a client registered from a metadata document'),
          fixes: [{ title: titled('Set oidc_conformant to true', 'unsafe', 'changes a setting'), edits: [setFieldEdit(client, 'oidc_conformant', true)], safety: 'unsafe' }],
        }),
      );
    }
    return findings;
  },
};
