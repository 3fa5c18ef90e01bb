/** One line of facts above each client: public or confidential, first- or third-party, its grants. */
import type { Span } from '../engine/index';
import { apiDefaultGrants, ClientFacts, endOfLine } from '../engine/index';
import { getValue } from '../engine/model';
import type { Analysis } from './analysis';
import { clientKind } from './client-summary';

export interface ClientLens {
  /** The client's first line (from its first character). */
  readonly span: Span;
  readonly title: string;
}

export function clientLenses(analysis: Analysis): ClientLens[] {
  if (!analysis.result.isClientConfig) return [];
  return analysis.result.clients.map((client) => {
    const facts = new ClientFacts(client);
    const start = Math.min(client.anchor.start, client.node.start);
    return { span: { start, end: endOfLine(analysis.text, start) }, title: lensTitle(facts) };
  });
}

function lensTitle(facts: ClientFacts): string {
  const kind = clientKind(facts);
  const parts: string[] = [kind.access ?? 'public or confidential unknown'];
  if (kind.party) parts.push(kind.party);
  const field = facts.grantTypes;
  if (field.state === 'absent') {
    const defaults = apiDefaultGrants(facts);
    parts.push(defaults.length > 0 ? `no grant_types: Auth0 will apply ${defaults.join(', ')}` : 'no grant_types: Auth0 will apply none');
  } else if (field.state === 'unknown') {
    parts.push(isKeyword(facts) ? 'grant_types set elsewhere' : 'grant_types computed');
  } else if (facts.grants) {
    const count = facts.grants.array.items.length;
    parts.push(`${count} grant type${count === 1 ? '' : 's'}`);
  }
  return parts.join(' · ');
}

/**
 * Whether unknown grant_types come from an auth0-deploy-cli keyword (`##GRANTS##`, `@@GRANTS@@`), which the
 * deploy's keyword mappings set elsewhere. Any other unknown value is Terraform's, computed at plan time
 * (variables, locals, `each.*`, function calls, `for`, conditionals, interpolations).
 */
function isKeyword(facts: ClientFacts): boolean {
  const value = getValue(facts.node, 'grant_types');
  return value?.kind === 'string' && value.placeholder && facts.entry.source !== 'terraform';
}
