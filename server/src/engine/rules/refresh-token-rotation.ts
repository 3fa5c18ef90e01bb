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
    const problems: string[] = [];
    if (client.lacks(GRANT.refreshToken)) {
      problems.push('grant_types lacks refresh_token');
      const add = addGrantsEdit(client, [GRANT.refreshToken]);
      unmet.push({ label: "add the 'refresh_token' grant", edits: add ? [add] : undefined });
    }
    if (client.oidcFalse) {
      problems.push('oidc_conformant is false');
      unmet.push({ label: 'set oidc_conformant to true', edits: [setFieldEdit(client, 'oidc_conformant', true)] });
    }
    if (problems.length === 0) return [];
    return [
      report(this, {
        node: rotation.node,
        message: `Refresh-token rotation needs the refresh_token grant and oidc_conformant: true: ${listWords(problems)}.`,
        fixes: requirementFixes(unmet),
      }),
    ];
  },
};
