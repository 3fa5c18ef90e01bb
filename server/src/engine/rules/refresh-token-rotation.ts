import { GRANT } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { addGrantsEdit, listWords, requirementFixes, setFieldEdit, type Unmet } from './helpers';

export const refreshTokenRotation: Rule = {
  id: 'refresh-token-rotation',
  defaultSeverity: 'warning',
  fixable: true,
  summary: 'Rotating refresh tokens without the refresh_token grant or OIDC conformance.',
  check(client) {
    const rotation = client.rotationType;
    if (!client.rotating || rotation.state !== 'known') return [];
    const unmet: Unmet[] = [];
    const needs: string[] = [];
    if (client.lacks(GRANT.refreshToken)) {
      needs.push('refresh_token in grant_types');
      const add = addGrantsEdit(client, [GRANT.refreshToken]);
      unmet.push({ label: "add the 'refresh_token' grant", edits: add ? [add] : undefined });
    }
    if (client.oidcFalse) {
      needs.push('oidc_conformant: true');
      unmet.push({ label: 'set oidc_conformant to true', edits: [setFieldEdit(client, 'oidc_conformant', true)] });
    }
    if (needs.length === 0) return [];
    return [
      report(this, {
        node: rotation.node,
        message: `Refresh-token rotation (rotation_type: rotating) needs ${listWords(needs)}${needs.length > 1 ? '' : client.oidcFalse ? '; set it' : '; add it'}.`,
        fixes: requirementFixes(unmet),
      }),
    ];
  },
};
