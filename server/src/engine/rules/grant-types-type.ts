import type { Rule } from './api';
import { report } from './api';
import { q } from './helpers';

export const grantTypesType: Rule = {
  id: 'grant-types-type',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'grant_types is present but is not a list of strings.',
  check(client) {
    const field = client.grantTypes;
    if (field.state !== 'known') return [];
    const node = field.node;
    if (node.kind === 'array') {
      const bad = node.items.find((item) => item.kind !== 'string');
      if (!bad) return [];
      return [report(this, { node, message: `grant_types must be a list of strings; item ${bad.path[bad.path.length - 1]} is ${describe(bad.kind)}: make it a grant or remove it.` })];
    }
    if (node.kind === 'string') {
      return [
        report(this, {
          node,
          message: 'grant_types must be a list of strings, not a single string: wrap the value in a list.',
          fixes: [{ title: `Wrap ${q(node.value)} in a list`, edits: [{ kind: 'wrapInList', node }], safety: 'safe' }],
        }),
      ];
    }
    return [report(this, { node, message: `grant_types must be a list of strings, not ${describe(node.kind)}: list the grants this client needs.` })];
  },
};

function describe(kind: string): string {
  return kind === 'object' ? 'an object' : kind === 'array' ? 'a list' : kind === 'null' ? 'null' : `a ${kind}`;
}
