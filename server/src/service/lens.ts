/** One line of facts above each client: public or confidential, first- or third-party, its grants. */
import type { Span } from '../engine/index';
import { apiDefaultGrants, ClientFacts, endOfLine } from '../engine/index';
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
    parts.push('grant_types set elsewhere');
  } else if (facts.grants) {
    const count = facts.grants.array.items.length;
    parts.push(`${count} grant type${count === 1 ? '' : 's'}`);
  }
  return parts.join(' · ');
}
