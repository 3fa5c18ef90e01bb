import { DASHBOARD_GRANT_GROUPS } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { addGrantsEdit, listWords, titled } from './helpers';
import { fitted, shortGrant } from './messages';

export const passwordMfaGroup: Rule = {
  id: 'password-mfa-group',
  defaultSeverity: 'hint',
  fixable: true,
  summary: 'Some but not all of one Dashboard grant group (Password: password and password-realm; MFA: the three mfa-* grants).',
  check(client) {
    const grants = client.grants;
    if (!grants || client.isFirstParty !== true) return [];
    // Group by group: a client with the whole Password group and no MFA grant (or the reverse) is fine.
    const partial = DASHBOARD_GRANT_GROUPS.map((group) => ({ ...group, missing: group.grants.filter((g) => client.lacks(g)) })).filter(
      (group) => group.missing.length > 0 && group.missing.length < group.grants.length,
    );
    if (partial.length === 0) return [];
    const missing = partial.flatMap((group) => group.missing);
    const names = listWords(partial.map((group) => group.name));
    const groups = partial.length > 1 ? 'groups' : 'group';
    const add = addGrantsEdit(client, missing);
    // One finding for the list (it points at the key): when both groups are partial, one fix completes both.
    return [
      report(this, {
        node: { span: grants.prop.keySpan, path: grants.array.path },
        message: fitted(`Add ${listWords(missing.map(shortGrant))} to grant_types: the Dashboard turns on each grant group as a whole.`),
        fixes: [add && { title: titled(addTitle(missing, `${names} ${groups}`), 'unsafe', missing.length > 1 ? 'grants new permissions' : 'grants a new permission'), edits: [add], safety: 'unsafe' }],
      }),
    ];
  },
};

/** Grants a fix title names one by one; more are counted, so the title stays short. */
const NAMED_IN_TITLE = 2;

/** Characters of a fix title before its safety note, past which the grants are counted rather than named. */
const TITLE_ROOM = 72;

/**
 * `Add 'password' to complete the Password group`: the grants named when few and the title stays short, else
 * counted (`Add the rest of the Password and MFA groups (3 grants)`).
 */
function addTitle(missing: readonly string[], groups: string): string {
  const named = `Add ${listWords(missing.map((grant) => `'${shortGrant(grant)}'`))} to complete the ${groups}`;
  return missing.length <= NAMED_IN_TITLE && named.length <= TITLE_ROOM ? named : `Add the rest of the ${groups} (${missing.length} grants)`;
}
