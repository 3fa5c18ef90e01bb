/** Hover text for grant values and the client fields that decide which grants a client may use. */
import type { ClientEntry, FileSettings, Span } from '../engine/index';
import { ClientFacts, grantInfo } from '../engine/index';
import type { GrantFamily } from '../engine/index';
import type { Analysis } from './analysis';
import { clientKind } from './client-summary';
import { APP_TYPE_INTRO, appTypeSummary, AUTH_METHOD_DOCS, AUTH_METHOD_INTRO, FIRST_PARTY_INTRO } from './field-docs';
import { grantVerdict } from './grant-verdict';
import { clientAt, clientByCredentialsAt, fieldAt } from './locate';

export interface HoverResult {
  readonly markdown: string;
  readonly span: Span;
}

const FAMILY: Record<GrantFamily, string> = {
  spec: 'OAuth / OpenID specification grant',
  'auth0-extension': 'Auth0 extension grant',
  legacy: 'Legacy grant (tenants created before 8 June 2017)',
  'configured-elsewhere': 'Turned on outside grant_types',
};

const FIELDS = ['grant_types', 'token_endpoint_auth_method', 'app_type', 'is_first_party'];

export function hoverAt(analysis: Analysis, offset: number): HoverResult | undefined {
  const result = analysis.result;
  if (!result.isClientConfig) return undefined;
  const client = clientAt(result, offset);
  if (!client) return credentialsHover(analysis, offset);
  const hit = fieldAt(client.node, FIELDS, offset);
  if (!hit) return undefined;
  const facts = new ClientFacts(client);
  const key = hit.prop.key;
  const span = hit.part === 'key' ? hit.prop.keySpan : spanOf(hit.item ?? hit.prop.value);
  if (key === 'grant_types') {
    if (hit.item?.kind !== 'string' || hit.item.placeholder) return undefined;
    return { markdown: grantHover(client, facts, analysis.settings, hit.item.value), span };
  }
  const value = hit.prop.value;
  const hovered = hit.part === 'value' && value.kind === 'string' ? value.value : undefined;
  if (key === 'token_endpoint_auth_method') return { markdown: authMethodHover(facts, 'token_endpoint_auth_method', hovered), span };
  if (key === 'app_type') return { markdown: appTypeHover(facts, hovered), span };
  return { markdown: firstPartyHover(facts), span };
}

/** Terraform keeps the auth method in an auth0_client_credentials resource. */
function credentialsHover(analysis: Analysis, offset: number): HoverResult | undefined {
  const client = clientByCredentialsAt(analysis.result, offset);
  if (!client?.credentials) return undefined;
  const hit = fieldAt(client.credentials, ['authentication_method'], offset);
  if (!hit) return undefined;
  const value = hit.prop.value;
  const hovered = hit.part === 'value' && value.kind === 'string' ? value.value : undefined;
  const span = hit.part === 'key' ? hit.prop.keySpan : spanOf(value);
  return { markdown: authMethodHover(new ClientFacts(client), 'authentication_method', hovered), span };
}

function grantHover(client: ClientEntry, facts: ClientFacts, settings: FileSettings, grant: string): string {
  const info = grantInfo(grant);
  const verdict = grantVerdict(client, facts, settings, grant);
  const lines: string[] = [];
  if (!info) {
    lines.push(`\`${grant}\`: not a known grant type.`, '', verdict.reason);
    return lines.join('\n');
  }
  lines.push(`**${info.dashboardName}** \`${grant}\``, '');
  lines.push(`*${FAMILY[info.family]}.* ${info.docs}`, '');
  lines.push(`**Who may use it:** ${info.whoMayUse}`, '');
  const mark = verdict.status === 'allowed' ? 'Allowed' : verdict.status === 'discouraged' ? 'Discouraged' : 'Not allowed';
  lines.push(`**${clientLabel(client)}:** ${mark}. ${verdict.reason}`, '');
  if (info.family === 'legacy') {
    const alternative = info.legacyAlternative ? ` Use \`${info.legacyAlternative}\` instead.` : '';
    lines.push(`**Legacy alternative:** ${info.alternativeText ?? ''}${alternative}`.trimEnd(), '');
  }
  lines.push(`[Auth0 documentation](${info.docsUrl})`);
  return lines.join('\n');
}

function authMethodHover(facts: ClientFacts, key: string, hovered: string | undefined): string {
  const lines = [`**${key}**`, '', AUTH_METHOD_INTRO, ''];
  for (const doc of AUTH_METHOD_DOCS) {
    const name = doc.value === hovered ? `**\`${doc.value}\`**` : `\`${doc.value}\``;
    lines.push(`- ${name}: ${doc.summary}`);
  }
  if (hovered !== undefined && !AUTH_METHOD_DOCS.some((d) => d.value === hovered)) {
    lines.push('', `\`${hovered}\` is not a value this field accepts.`);
  }
  const kind = clientKind(facts);
  lines.push('', `**${clientLabel(facts.entry)}:** ${describeAccess(kind.access, kind.accessReason)}`);
  return lines.join('\n');
}

function describeAccess(access: 'public' | 'confidential' | undefined, reason: string): string {
  if (access === 'public') return `public (${reason}): it has no secret and cannot use client_credentials.`;
  if (access === 'confidential') return `confidential (${reason}): it authenticates with a secret and may use client_credentials.`;
  return `public or confidential cannot be told here: ${reason}.`;
}

function appTypeHover(facts: ClientFacts, hovered: string | undefined): string {
  const lines = ['**app_type**', '', APP_TYPE_INTRO];
  const value = hovered ?? facts.appTypeValue;
  if (value !== undefined) lines.push('', `\`${value}\`: ${appTypeSummary(value)}`);
  const kind = clientKind(facts);
  lines.push('', `**${clientLabel(facts.entry)}:** ${describeAccess(kind.access, kind.accessReason)}`);
  return lines.join('\n');
}

function firstPartyHover(facts: ClientFacts): string {
  const kind = clientKind(facts);
  const party = kind.party ?? 'first- or third-party (cannot be told here)';
  return ['**is_first_party**', '', FIRST_PARTY_INTRO, '', `**${clientLabel(facts.entry)}:** ${party} (${kind.partyReason}).`].join('\n');
}

function clientLabel(client: ClientEntry): string {
  return client.name ? `This client (${client.name})` : 'This client';
}

function spanOf(node: Span): Span {
  return { start: node.start, end: node.end };
}
