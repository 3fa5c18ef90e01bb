/**
 * Completion of grant values (inside `grant_types`) and of `token_endpoint_auth_method` and `app_type` values.
 * Grants are ranked for the client (grant-ranking.ts): recommended for its app type first, then allowed, then
 * discouraged, then not allowed with the reason; grants already listed are left out. A grant the client lacks what
 * it needs for, or that added to its list would give it a new error, is never recommended or first: it says what it
 * needs, or comes after the discouraged ones.
 */
import type { ClientEntry, FileSettings, Finding, Format, LintResult, NodePath, Span } from '../engine/index';
import { APP_TYPES, checkClient, ClientFacts, GRANT, GRANTS, isSafePlainYaml, simulateEdits } from '../engine/index';
import type { Analysis } from './analysis';
import type { CompletionContext } from './completion-context';
import { completionContext, listSeparators } from './completion-context';
import { appTypeSummary, AUTH_METHOD_DOCS, TERRAFORM_AUTH_METHOD_DOCS, terraformAppTypeSummary } from './field-docs';
import { grantTier, recommendedFor, TIER_ORDER, type GrantTier } from './grant-ranking';
import { grantVerdict, type VerdictStatus } from './grant-verdict';
import { clientAt, clientByCredentialsAt } from './locate';
import { escapeMarkdown } from './markdown';

export interface CompletionEntry {
  readonly label: string;
  readonly detail: string;
  /** Markdown. */
  readonly documentation: string;
  readonly sortText: string;
  readonly filterText: string;
  readonly deprecated: boolean;
  /** Grants: whether this client may use it. */
  readonly status: VerdictStatus | undefined;
  readonly edit: { readonly span: Span; readonly newText: string };
  /** Edits elsewhere that keep the list valid: a comma after the item before the new one (on an earlier line). */
  readonly additionalEdits?: readonly { readonly start: number; readonly end: number; readonly newText: string }[];
}

const TIER_HEADING: Record<GrantTier, string> = {
  recommended: 'Recommended for this client.',
  allowed: 'Allowed for this client.',
  discouraged: 'Allowed, but discouraged.',
  'not-allowed': 'Not allowed for this client.',
};
const TIER_DETAIL: Record<GrantTier, string> = { recommended: 'recommended', allowed: 'allowed', discouraged: 'discouraged', 'not-allowed': 'not allowed' };
const MAIN_APP_TYPES = ['spa', 'native', 'regular_web', 'non_interactive', 'resource_server', 'express_configuration'];

export function completionsAt(analysis: Analysis, offset: number): CompletionEntry[] | undefined {
  const context = completionContext(analysis.text, offset, analysis.format);
  if (!context) return undefined;
  const client = clientFor(analysis.result, offset, context.path);
  // A field of that name in some other kind of file is none of this server's business.
  if (!client && !analysis.result.isClientConfig) return undefined;
  const render = renderer(analysis.format, context, analysis.text);
  switch (context.field) {
    case 'grant_types':
      return grantItems(analysis, client, context, render);
    case 'app_type':
      return APP_TYPES.map((value, index) => {
        const main = MAIN_APP_TYPES.indexOf(value);
        const sort = main >= 0 ? `0${String(main).padStart(2, '0')}` : `1${String(index).padStart(2, '0')}`;
        // The summary is the detail; the documentation would only repeat it.
        const summary = analysis.format === 'hcl' || client?.source === 'terraform' ? terraformAppTypeSummary(value) : appTypeSummary(value);
        return entry(value, summary, '', sort, false, undefined, render);
      });
    case 'token_endpoint_auth_method':
    case 'authentication_method':
      return authMethodItems(client, context.field === 'authentication_method', render);
  }
}

type Render = (value: string) => { span: Span; newText: string; filterText: string; additionalEdits?: CompletionEntry['additionalEdits'] };

/**
 * Renders a value in the quoting the user started with, else as the format needs; in a comma-separated list, with
 * the commas that keep the list valid wherever the cursor is (after an item without a comma, before an item).
 */
function renderer(format: Format, context: CompletionContext, text: string): Render {
  const separators = context.commaList ? listSeparators(text, context.replace, format) : undefined;
  const additionalEdits = separators?.commaAfterPrevious === undefined ? undefined : [{ start: separators.commaAfterPrevious, end: separators.commaAfterPrevious, newText: ',' }];
  return (value) => {
    let newText: string;
    if (context.quote === "'") newText = `'${value.replace(/'/g, "''")}'`;
    // HCL has no plain strings: a bare word is a reference.
    else if (context.quote === '"' || format !== 'yaml' || !isSafePlainYaml(value)) newText = JSON.stringify(value);
    else newText = value;
    // The client filters on the replaced text, quote included.
    const filterText = context.quote ? `${context.quote}${value}${context.quote}` : value;
    if (separators) newText = `${separators.before}${newText}${separators.after}`;
    return { span: context.replace, newText, filterText, ...(additionalEdits ? { additionalEdits } : {}) };
  };
}

function grantItems(analysis: Analysis, client: ClientEntry | undefined, context: CompletionContext, render: Render): CompletionEntry[] {
  const facts = client && new ClientFacts(client);
  const present = new Set(
    // The item being typed over (the replaced text overlaps it) may be chosen again; one the cursor only touches
    // (right after its closing quote, right before its opening one) is listed.
    (facts?.grants?.items ?? []).filter((item) => !(item.start < context.replace.end && context.replace.start < item.end)).map((i) => i.value),
  );
  const recommended = client ? recommendedFor(facts) : [];
  // The client's findings with its list as it is, worked out once, when a grant is first judged added to it.
  let counts: ReadonlyMap<string, number> | undefined;
  const baseline = () => (counts ??= client && facts ? findingCounts(client, facts, analysis.settings) : new Map<string, number>());
  const items: CompletionEntry[] = [];
  GRANTS.forEach((info, index) => {
    if (present.has(info.value)) return;
    const verdict = client && facts ? grantVerdict(client, facts, analysis.settings, info.value) : undefined;
    const ranked = client ? grantTier(info.value, recommended, verdict?.status) : 'allowed';
    // Added to this client's list as it is: what the client lacks for it, and any error it would then get (the
    // verdict judges the grant alone, on its item). Such a grant is listed, never recommended or ranked first.
    const lacking = client && facts && (ranked === 'recommended' || ranked === 'allowed') ? unmetOnInsert(client, facts, analysis.settings, info.value, baseline) : undefined;
    const tier: GrantTier = lacking ? (lacking.errors.length > 0 ? 'discouraged' : 'allowed') : ranked;
    // A grant whose judging rule the configuration turns off is not checked, which is not allowed (as the hover says).
    const unchecked = verdict?.turnedOff !== undefined;
    // Allowed by no rule, yet not known to be allowed: the fact that decides it is unknown here (as the hover says).
    const undecided = !unchecked && verdict?.undecided === true;
    // A grant refused for what the client lacks says what, in the detail too (`not allowed: needs oidc_conformant`).
    // Only where a requirements rule refuses it: a third-party or metadata-document client may not hold it at all.
    const refusedNeeds = tier === 'not-allowed' && facts?.isFirstParty === true && verdict?.ruleId?.endsWith('-requirements') ? terseNeeds(grantNeeds(facts, info.value)) : undefined;
    const state = unchecked ? 'not checked' : undecided ? 'cannot be told' : lacking ? lacking.detail : refusedNeeds ? `${TIER_DETAIL[tier]}: needs ${refusedNeeds}` : TIER_DETAIL[tier];
    const detail = client ? `${info.dashboardName} · ${state}` : info.dashboardName;
    const why = lacking && lacking.errors.length > 0 ? ` ${lacking.errors.map(escapeMarkdown).join(' ')}` : verdict && (unchecked || undecided || tier === 'not-allowed' || verdict.status === 'discouraged') ? ` ${escapeMarkdown(verdict.reason)}` : '';
    const heading = unchecked ? 'Not checked for this client.' : undecided ? 'Cannot be told for this client.' : lacking ? lacking.heading : TIER_HEADING[tier];
    const docs = [client ? `**${heading}**${why}` : '', escapeMarkdown(info.docs), `Who may use it: ${escapeMarkdown(info.whoMayUse)}`]
      .filter((part) => part.length > 0)
      .join('\n\n');
    // One that would give an error comes after the discouraged ones.
    const order = `${TIER_ORDER[tier]}${String(index + (lacking && lacking.errors.length > 0 ? 50 : 0)).padStart(2, '0')}`;
    items.push(entry(info.value, detail, docs, order, info.family === 'legacy', verdict?.status, render));
  });
  return items;
}

/** What a grant needs that the client lacks, said in the detail, the documentation's heading, and the errors it would bring. */
interface Lacking {
  readonly detail: string;
  readonly heading: string;
  /** The messages of the error-level findings adding it would bring, as configured. */
  readonly errors: readonly string[];
}

/**
 * What adding `grant` to the client's list as it is would bring: undefined when nothing the grant needs is lacking
 * and no new error-level finding (as the settings give severities) appears; else what it needs (`app_type native
 * and oidc_conformant`: the requirements the rules name, from the client's facts) and the new errors.
 */
function unmetOnInsert(client: ClientEntry, facts: ClientFacts, settings: FileSettings, grant: string, baseline: () => ReadonlyMap<string, number>): Lacking | undefined {
  const listed = (facts.grants?.items ?? []).map((item) => item.value);
  const before = new Map(baseline());
  const added = listFindings(client, settings, [...listed, grant]).filter((finding) => {
    const key = `${finding.ruleId}\u0000${finding.message}`;
    const left = before.get(key) ?? 0;
    if (left > 0) before.set(key, left - 1);
    return left === 0;
  });
  const errors = added.filter((finding) => finding.severity === 'error');
  const needs = grantNeeds(facts, grant);
  if (errors.length === 0 && needs.length === 0) return undefined;
  if (needs.length === 0) return { detail: 'gives an error', heading: 'Adding it gives this client an error.', errors: errors.map((finding) => finding.message) };
  return { detail: `needs ${terseNeeds(needs)!}`, heading: `Allowed, once the client has what it needs: ${listOf(needs.map(({ field, value }) => `${field}: ${value}`))}.`, errors: errors.map((finding) => finding.message) };
}

/** What a grant needs, as a completion's detail says it (`app_type native and oidc_conformant`); undefined for nothing. */
function terseNeeds(needs: readonly { readonly field: string; readonly value: string }[]): string | undefined {
  return needs.length === 0 ? undefined : listOf(needs.map(({ field, value }) => (value === 'true' ? field : `${field} ${value}`)));
}

/** The findings of the client, as configured, with `grants` as its list (read as the list holds them: known items). */
function listFindings(client: ClientEntry, settings: FileSettings, grants: readonly string[]): Finding[] {
  return checkClient(simulateEdits(client, [{ kind: 'setField', object: client.node, key: 'grant_types', value: [...grants] }]), settings);
}

/** The findings of the client with its list as it is (its known items), counted by rule and message. */
function findingCounts(client: ClientEntry, facts: ClientFacts, settings: FileSettings): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of listFindings(client, settings, (facts.grants?.items ?? []).map((item) => item.value))) {
    const key = `${finding.ruleId}\u0000${finding.message}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** `a`, `a and b`, `a, b and c`. */
function listOf(parts: readonly string[]): string {
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}` : (parts[0] ?? '');
}

/**
 * The settings a grant with requirements (Device Code; CIBA and Token Vault) needs that the client is known not to
 * have (rule book: the `*-requirements` rules and `oidc-conformant-unset`): an `app_type` set to another, a method
 * of the other kind, `oidc_conformant` false or absent (an absent key creates a non-conformant client). A fact that
 * is unknown (a placeholder, a computed value) is not said to be lacking.
 */
function grantNeeds(facts: ClientFacts, grant: string): { readonly field: string; readonly value: string }[] {
  const method = facts.entry.source === 'terraform' ? 'authentication_method' : 'token_endpoint_auth_method';
  const conformance = facts.oidcConformant;
  const unset = conformance.state === 'absent' || (conformance.state === 'known' && conformance.node.kind === 'null');
  const oidc = unset || facts.oidcFalse ? [{ field: 'oidc_conformant', value: 'true' }] : [];
  if (grant === GRANT.deviceCode) {
    const appType = facts.appTypeValue;
    return [...(appType !== undefined && appType !== 'native' ? [{ field: 'app_type', value: 'native' }] : []), ...(facts.isPublic === false ? [{ field: method, value: 'none' }] : []), ...oidc];
  }
  if (grant === GRANT.ciba || grant === GRANT.tokenVault) return [...(facts.isPublic === true ? [{ field: method, value: 'client_secret_post' }] : []), ...oidc];
  return [];
}

function authMethodItems(client: ClientEntry | undefined, terraform: boolean, render: Render): CompletionEntry[] {
  const facts = client && new ClientFacts(client);
  // A device-code client must be public; CIBA and Token Vault need a confidential one.
  const preferPublic = facts?.needsPublic === true || facts?.appTypeValue === 'spa' || facts?.appTypeValue === 'native';
  const preferSecret = facts?.needsConfidential === true;
  const docs = terraform ? TERRAFORM_AUTH_METHOD_DOCS : AUTH_METHOD_DOCS;
  return docs.map((doc, index) => {
    const first = (doc.value === 'none' && preferPublic && !preferSecret) || (doc.value !== 'none' && preferSecret);
    // The summary is the detail; the documentation would only repeat it.
    return entry(doc.value, doc.summary, '', `${first ? 0 : 1}${index}`, false, undefined, render);
  });
}

function entry(
  value: string,
  detail: string,
  documentation: string,
  sortText: string,
  deprecated: boolean,
  status: VerdictStatus | undefined,
  render: Render,
): CompletionEntry {
  const { span, newText, filterText, additionalEdits } = render(value);
  return { label: value, detail, documentation, sortText, filterText, deprecated, status, edit: { span, newText }, ...(additionalEdits ? { additionalEdits } : {}) };
}

/**
 * The client being edited. Mid-typing JSON may cut the object short, so the cursor's JSON path is matched
 * too; in YAML a new last line may sit just past the client's parsed end.
 */
function clientFor(result: LintResult, offset: number, path: NodePath | undefined): ClientEntry | undefined {
  const byPath = path ? clientByPath(result, path) : undefined;
  if (byPath) return byPath;
  const at = clientAt(result, offset) ?? clientByCredentialsAt(result, offset);
  if (at) return at;
  if (result.format !== 'yaml') return undefined;
  let nearest: ClientEntry | undefined;
  for (const client of result.clients) {
    if (client.node.start <= offset && (!nearest || client.node.start > nearest.node.start)) nearest = client;
  }
  return nearest;
}

function clientByPath(result: LintResult, path: NodePath): ClientEntry | undefined {
  let best: ClientEntry | undefined;
  for (const client of result.clients) {
    const own = client.node.path;
    if (own.length < path.length && own.every((segment, i) => segment === path[i])) {
      if (!best || own.length > best.node.path.length) best = client;
    }
  }
  return best;
}
