/**
 * Hover on a client grant's `client_id` and `audience` (deploy-cli `clientGrants:` entries, `grants/*.json`,
 * Terraform `auth0_client_grant`): the client it names, found as the client-grant rules find it (in another file of
 * the deploy-cli directory or Terraform module too), and whether that client can use the Client Credentials flow a
 * `client` grant's tokens are requested with; the API an audience names. The findings reported there follow (hover.ts).
 * Facts: ../shared/docs/auth0-grant-facts.md §7 (a client grant needs a confidential client holding
 * client_credentials; Auth0 accepts it without, then every token request fails with unauthorized_client; system APIs
 * are forbidden to third-party clients).
 */
import { dirname, relative } from 'node:path';
import { GRANT } from '../engine/catalogue';
import { ClientFacts, clientOfGrant, type ClientEntry, type Span } from '../engine/index';
import { knownAudienceOf, subjectTypeOf, type ClientGrantEntry } from '../engine/grants';
import { linkedSpan } from '../engine/links';
import { forbiddenSystemApi, systemApiOf } from '../engine/rules/third-party-system-api-grant';
import type { Analysis } from './analysis';
import { fieldAt } from './locate';
import { code } from './markdown';

/** The hover's text (before the findings reported there) and the value it is about. */
export interface GrantFieldHover {
  readonly markdown: string;
  readonly span: Span;
}

/** The hover on the `client_id` or `audience` key or value of the client grant at `offset`, or undefined. */
export function clientGrantFieldHover(analysis: Analysis, offset: number): GrantFieldHover | undefined {
  const grant = analysis.result.grants.find((g) => g.node.start <= offset && offset < g.node.end);
  if (!grant) return undefined;
  const hit = fieldAt(grant.node, ['client_id', 'audience'], offset);
  if (!hit) return undefined;
  const span = { start: hit.prop.value.start, end: hit.prop.value.end };
  const client = clientOfGrant(analysis.path, analysis.result, analysis.links, grant);
  if (hit.prop.key === 'audience') return { markdown: audienceLines(grant, client).join('\n\n'), span };
  // A client that is not found: the note there says so, and names the one meant when one is close.
  if (!client) return undefined;
  return { markdown: clientLines(analysis, grant, client).join('\n\n'), span };
}

/** What the grant's client is and whether it can request tokens for the grant. */
function clientLines(analysis: Analysis, grant: ClientGrantEntry, client: ClientEntry): string[] {
  const facts = new ClientFacts(client);
  const name = facts.name ?? grant.clientName ?? 'the client';
  const where = fileOf(analysis, client);
  const heading = `**Client grant** for client ${code(name)}${where ? ` (in ${code(where)})` : ''}.`;
  // A system API Auth0 refuses a third-party client: said first; whether its token requests would work is then beside
  // the point (said only when they fail anyway).
  const api = forbiddenSystemApi(grant, facts);
  const refused = api === undefined ? [] : [`The client is third-party (\`is_first_party: false\`): Auth0 does not grant ${api} to a third-party client.`];
  const subject = subjectTypeOf(grant);
  if (subject !== 'client') {
    const what = subject === undefined ? 'its `subject_type` is not known here' : `\`subject_type: ${subject}\`: tokens are requested for users, not with the Client Credentials flow`;
    return [heading, ...refused, `API access for users of the client (${what}).`];
  }
  const line = credentialsLine(facts);
  return refused.length === 0 || /fails/.test(line) ? [heading, ...refused, line] : [heading, ...refused];
}

/**
 * Whether a `client` grant's client can use the Client Credentials flow (confidential, holding client_credentials),
 * as client-grant-without-client-credentials judges it.
 */
function credentialsLine(facts: ClientFacts): string {
  if (facts.isPublic === true) return 'The client is **public** (its auth method is `none`): it cannot use the Client Credentials flow, so each token request for this grant fails (`unauthorized_client`).';
  if (facts.grants === undefined) {
    return facts.grantTypes.state === 'absent'
      ? 'The client sets no `grant_types`: Auth0 fills in its defaults, which hold `client_credentials` for a confidential client.'
      : 'The client\'s `grant_types` are not known here: whether it can request tokens for this grant is not judged.';
  }
  if (facts.lacks(GRANT.clientCredentials)) return 'Its `grant_types` lack `client_credentials`: Auth0 accepts this grant, but each token request for it fails (`unauthorized_client`).';
  if (!facts.has(GRANT.clientCredentials)) return 'Its `grant_types` are not all known here: whether it holds `client_credentials` is not judged.';
  return facts.isPublic === false
    ? 'Its `grant_types` hold `client_credentials` and it is confidential: it can request tokens for this API.'
    : 'Its `grant_types` hold `client_credentials`; its auth method is not known here.';
}

/** The API the audience names, and what that means for a third-party client. */
function audienceLines(grant: ClientGrantEntry, client: ClientEntry | undefined): string[] {
  const audience = knownAudienceOf(grant);
  if (audience === undefined) return ['**Audience**: the identifier of the API this grant gives access to; its value is not known here.'];
  const api = systemApiOf(audience.ending);
  if (api === undefined) return ['**Audience**: the identifier of the API (resource server) this grant gives access to.'];
  const facts = client && new ClientFacts(client);
  const party = facts === undefined ? '' : facts.isKnownThirdParty ? ' This client is third-party (`is_first_party: false`).' : facts.isFirstParty === true ? ' This client is first-party.' : '';
  return [`**Audience**: ${api}. Auth0 gives a system API to first-party clients only: a third-party client may not be granted it.${party}`];
}

/** The file of another file's client (a deploy-cli directory's, a Terraform module's), relative to this one. */
function fileOf(analysis: Analysis, client: ClientEntry): string | undefined {
  const linked = linkedSpan(analysis.links, client.node);
  if (!linked) return undefined;
  return relative(dirname(analysis.path), linked.file.path).split('\\').join('/');
}
