/** One outline entry per client, named by the client's name. */
import type { Span } from '../engine/index';
import { getValue } from '../engine/index';
import type { Analysis } from './analysis';

export interface ClientSymbol {
  readonly name: string;
  /** What kind of config holds it, e.g. "Terraform auth0_client". */
  readonly detail: string;
  readonly span: Span;
  readonly selectionSpan: Span;
}

const SOURCE_LABEL = {
  'deploy-cli-yaml': 'auth0-deploy-cli client',
  'deploy-cli-directory': 'auth0-deploy-cli client',
  'management-api': 'Management API client',
  terraform: 'Terraform auth0_client',
} as const;

export function clientSymbols(analysis: Analysis): ClientSymbol[] {
  if (!analysis.result.isClientConfig) return [];
  return analysis.result.clients.map((client, index) => {
    const nameNode = getValue(client.node, 'name');
    const span = { start: Math.min(client.node.start, client.anchor.start), end: Math.max(client.node.end, client.anchor.end) };
    // Terraform's entry name falls back to the resource key, which is the anchor.
    const selection = nameNode?.kind === 'string' ? nameNode : client.anchor;
    return {
      name: client.name ?? `client ${index + 1}`,
      detail: SOURCE_LABEL[client.source],
      span,
      selectionSpan: { start: selection.start, end: selection.end },
    };
  });
}
