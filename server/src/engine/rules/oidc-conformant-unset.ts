import { GRANT } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { setFieldEdit, titled } from './helpers';

const NEEDS_OIDC = new Set<string>([GRANT.deviceCode, GRANT.ciba, GRANT.tokenVault]);

export const oidcConformantUnset: Rule = {
  id: 'oidc-conformant-unset',
  defaultSeverity: 'information',
  fixable: true,
  summary: 'No oidc_conformant on a client whose grants or refresh-token rotation need OIDC conformance.',
  check(client) {
    if (client.oidcConformant.state !== 'absent') return [];
    const item = client.grants?.items.find((i) => NEEDS_OIDC.has(i.value));
    const rotation = client.rotationType;
    const anchor = item ?? (client.rotating && rotation.state === 'known' ? rotation.node : undefined);
    if (!anchor) return [];
    const why = item ? `The ${item.value === GRANT.deviceCode ? 'Device Code' : item.value === GRANT.ciba ? 'CIBA' : 'Token Vault'} grant` : 'Refresh-token rotation';
    return [
      report(this, {
        node: anchor,
        message: `${why} needs oidc_conformant set to true; clients created without the key are not OIDC-conformant.`,
        fixes: [{ title: titled('Set oidc_conformant to true', 'unsafe', 'changes a setting'), edits: [setFieldEdit(client, 'oidc_conformant', true)], safety: 'unsafe' }],
      }),
    ];
  },
};
