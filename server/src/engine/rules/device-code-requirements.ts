import { GRANT } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { authMethodKey, clientFieldsInfo, listWords, removeGrantFix, requirementFixes, setAuthMethodEdits, setFieldEdit, type Unmet } from './helpers';

export const deviceCodeRequirements: Rule = {
  id: 'device-code-requirements',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'The device code grant on a client that is not a native, public, OIDC-conformant app.',
  check(client) {
    const items = client.itemsOf(GRANT.deviceCode);
    if (items.length === 0) return [];
    const unmet: Unmet[] = [];
    const problems: string[] = [];
    const appType = client.appTypeValue;
    const appTypeUnmet = appType !== undefined && appType !== 'native';
    if (appTypeUnmet) {
      problems.push(`app_type is '${appType}', not 'native'`);
      unmet.push({ label: "set app_type to 'native'", edits: [setFieldEdit(client, 'app_type', 'native')] });
    }
    if (client.isPublic === false) {
      problems.push('token_endpoint_auth_method is not "none"');
      const edits = setAuthMethodEdits(client, 'none');
      unmet.push({ label: `set ${authMethodKey(client)} to 'none'${edits && edits.length > 1 ? ' and remove client_credentials' : ''}`, edits });
    }
    if (client.oidcFalse) {
      problems.push('oidc_conformant is false');
      unmet.push({ label: 'set oidc_conformant to true', edits: [setFieldEdit(client, 'oidc_conformant', true)] });
    }
    if (problems.length === 0) return [];
    return items.map((item) =>
      report(this, {
        node: item,
        grantItem: item,
        message: `The device code grant needs a native, public (token_endpoint_auth_method "none"), OIDC-conformant app: ${listWords(problems)}.`,
        related: clientFieldsInfo(client),
        // Turning an existing app into a native one is a bigger change than dropping the grant: prefer removal then.
        // Removal is safe for a client that is not native (Auth0 rejects device code there); else it takes a working grant.
        fixes: appTypeUnmet
          ? [removeGrantFix(client, item, 'safe'), ...requirementFixes(unmet)]
          : [...requirementFixes(unmet), removeGrantFix(client, item, 'unsafe')],
      }),
    );
  },
};
