/**
 * Completion of grant values (inside `grant_types`) and of `token_endpoint_auth_method` and `app_type` values.
 * Grants are ranked for the client (grant-ranking.ts): recommended for its app type first, then allowed, then
 * discouraged, then not allowed with the reason; grants already listed are left out.
 */
import type { ClientEntry, Format, LintResult, NodePath, Span } from '../engine/index';
import { APP_TYPES, ClientFacts, GRANTS, isSafePlainYaml } from '../engine/index';
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
  const items: CompletionEntry[] = [];
  GRANTS.forEach((info, index) => {
    if (present.has(info.value)) return;
    const verdict = client && facts ? grantVerdict(client, facts, analysis.settings, info.value) : undefined;
    const tier = client ? grantTier(info.value, recommended, verdict?.status) : 'allowed';
    // A grant whose judging rule the configuration turns off is not checked, which is not allowed (as the hover says).
    const unchecked = verdict?.turnedOff !== undefined;
    // Allowed by no rule, yet not known to be allowed: the fact that decides it is unknown here (as the hover says).
    const undecided = !unchecked && verdict?.undecided === true;
    const detail = client ? `${info.dashboardName} · ${unchecked ? 'not checked' : undecided ? 'cannot be told' : TIER_DETAIL[tier]}` : info.dashboardName;
    const why = verdict && (unchecked || undecided || tier === 'not-allowed' || verdict.status === 'discouraged') ? ` ${escapeMarkdown(verdict.reason)}` : '';
    const heading = unchecked ? 'Not checked for this client.' : undecided ? 'Cannot be told for this client.' : TIER_HEADING[tier];
    const docs = [client ? `**${heading}**${why}` : '', escapeMarkdown(info.docs), `Who may use it: ${escapeMarkdown(info.whoMayUse)}`]
      .filter((part) => part.length > 0)
      .join('\n\n');
    items.push(entry(info.value, detail, docs, `${TIER_ORDER[tier]}${String(index).padStart(2, '0')}`, info.family === 'legacy', verdict?.status, render));
  });
  return items;
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
