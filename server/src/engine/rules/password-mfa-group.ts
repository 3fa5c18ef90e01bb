import { FIRST_PARTY_ONLY_GRANTS } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { addGrantsEdit, listWords } from './helpers';
import { shortGrant } from './messages';

export const passwordMfaGroup: Rule = {
  id: 'password-mfa-group',
  defaultSeverity: 'hint',
  fixable: true,
  summary: 'Some but not all of the password and MFA grants, which the Dashboard enables together.',
  check(client) {
    const grants = client.grants;
    if (!grants || client.isFirstParty !== true) return [];
    const missing = FIRST_PARTY_ONLY_GRANTS.filter((g) => client.lacks(g));
    if (missing.length === 0 || missing.length === FIRST_PARTY_ONLY_GRANTS.length) return [];
    const add = addGrantsEdit(client, missing);
    return [
      report(this, {
        node: { span: grants.prop.keySpan, path: grants.array.path },
        message: `Add ${listWords(missing.map(shortGrant))} to grant_types: the Password and MFA grants go together.`,
        fixes: [add && { title: `Add the missing password and MFA grants (${missing.length})`, edits: [add] }],
      }),
    ];
  },
};
