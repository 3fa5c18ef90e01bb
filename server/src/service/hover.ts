/** Hover text for grant values and the client fields that decide which grants a client may use. */
import { dirname, relative } from 'node:path';
import type { ClientEntry, LintFinding, Span } from '../engine/index';
import { ClientFacts, grantInfo, otherUseText, safeFixWithheldReason } from '../engine/index';
import { shortGrant } from '../engine/rules/messages';
import type { GrantFamily } from '../engine/index';
import type { Analysis } from './analysis';
import { clientKind } from './client-summary';
import {
  APP_TYPE_INTRO,
  appTypeSummary,
  AUTH_METHOD_DOCS,
  AUTH_METHOD_INTRO,
  FIRST_PARTY_INTRO,
  TERRAFORM_APP_TYPE_INTRO,
  TERRAFORM_AUTH_METHOD_DOCS,
  TERRAFORM_AUTH_METHOD_INTRO,
  terraformAppTypeSummary,
  TERRAFORM_PRE_V1_METHOD_NOTE,
} from './field-docs';
import { clientGrantFieldHover } from './grant-hover';
import { grantVerdict, type GrantVerdict } from './grant-verdict';
import { ruleDocsUri } from './docs-location';
import { clientAt, fieldAt } from './locate';
import type { ObjectNode, StringNode, ValueNode } from '../engine/model';
import { suppressionOf } from '../engine/suppression';
import { clientLinkOfResource, resourcesOf, type ClientLink } from '../engine/terraform';
import { code, escapeMarkdown } from './markdown';

export interface HoverResult {
  readonly markdown: string;
  readonly span: Span;
}

const FAMILY: Record<GrantFamily, string> = {
  spec: 'OAuth / OpenID grant',
  'auth0-extension': 'Auth0 extension grant',
  legacy: 'legacy grant (tenants created before 8 June 2017)',
  'configured-elsewhere': 'turned on outside grant\\_types',
};

const FIELDS = ['grant_types', 'token_endpoint_auth_method', 'app_type', 'is_first_party'];

export function hoverAt(analysis: Analysis, offset: number): HoverResult | undefined {
  const result = analysis.result;
  if (!result.isClientConfig) return undefined;
  const client = clientAt(result, offset);
  if (!client) return credentialsHover(analysis, offset) ?? anchoredGrantHover(analysis, offset) ?? clientGrantHover(analysis, offset);
  // A YAML merge key (`<<: *base`) brings fields in, and findings about them point at it: those are what it shows.
  const atMergeKey = findingsHover(analysis, offset, true);
  if (atMergeKey) return atMergeKey;
  const hit = fieldAt(client.node, FIELDS, offset);
  if (!hit) return findingsHover(analysis, offset, false);
  const facts = new ClientFacts(client);
  const key = hit.prop.key;
  const span = hit.part === 'key' ? hit.prop.keySpan : spanOf(hit.item ?? hit.prop.value);
  if (key === 'grant_types') {
    const brought = hit.item ? aliasFindings(analysis, hit.prop.value, hit.item) : [];
    if (brought.length >= 2) return { markdown: aliasHover(analysis, client, facts, hit.prop.value, hit.item!, brought), span };
    const lone = hit.prop.value;
    // A lone string (grant_types-type reports it): what the grant is, and the findings there with why a fix is missing.
    if (!hit.item && hit.part === 'value' && lone.kind === 'string' && !lone.placeholder) return { markdown: withFindingsAt(loneGrantLine(lone.value), analysis, spanOf(lone)), span };
    const item = hit.item && itemUnder(analysis, hit.prop.value, hit.item);
    if (item?.kind !== 'string' || item.placeholder) return undefined;
    return { markdown: grantHover(analysis, client, facts, item, span), span };
  }
  const value = hit.prop.value;
  const hovered = hit.part === 'value' && value.kind === 'string' ? value.value : undefined;
  const field = key === 'token_endpoint_auth_method' ? authMethodHover(facts, 'token_endpoint_auth_method', hovered) : key === 'app_type' ? appTypeHover(facts, hovered) : firstPartyHover(facts);
  return { markdown: withFindingsAt(field, analysis, spanOf(value)), span };
}

/**
 * A client grant's `client_id` or `audience` (grant-hover.ts), with the findings reported on its value, or the
 * comment that silences one there (as on a grant string).
 */
function clientGrantHover(analysis: Analysis, offset: number): HoverResult | undefined {
  const hit = clientGrantFieldHover(analysis, offset);
  if (!hit) return undefined;
  // The file's linked findings, before suppression, hold the grant's.
  const silenced = suppressedAt(analysis, analysis.result.linkedFindings, hit.span);
  const markdown = withFindingsAt(hit.markdown, analysis, hit.span);
  return { markdown: silenced ? `${markdown}\n\n${suppressedLine(analysis, silenced)}` : markdown, span: hit.span };
}

/**
 * Elsewhere in a client (a YAML merge key `<<: *base`, where findings about merged values point): the findings
 * reported there, with what a merge key does (`mergeKeyOnly`: only findings at a merge key). Undefined where none is.
 */
function findingsHover(analysis: Analysis, offset: number, mergeKeyOnly: boolean): HoverResult | undefined {
  const here = analysis.result.findings.filter((f) => f.span.start <= offset && offset < f.span.end && (!mergeKeyOnly || analysis.text.startsWith('<<', f.span.start)));
  if (here.length === 0) return undefined;
  const span = { start: Math.min(...here.map((f) => f.span.start)), end: Math.max(...here.map((f) => f.span.end)) };
  const text = analysis.text.slice(span.start, span.end);
  const heading = text.startsWith('<<')
    ? `**\`<<\` merge key**: the client takes the values of the YAML anchor it names (\`${text.slice(text.indexOf('*')).trim().replace(/`/g, '')}\`), except those it sets itself; findings about those values point here.`
    : undefined;
  return { markdown: heading ? withFindingsAt(heading, analysis, span) : reportedHereLines(analysis, span).join('\n\n'), span };
}

/**
 * A field's hover with the findings reported on its value, so the client's description ("confidential: it may use
 * client_credentials") never stands alone beside a warning on the same value (a secret on a native app).
 */
function withFindingsAt(markdown: string, analysis: Analysis, value: Span): string {
  return [markdown, ...reportedHereLines(analysis, value)].join('\n\n');
}

/** One "Reported here" paragraph for each finding that overlaps `span`. */
function reportedHereLines(analysis: Analysis, span: Span): string[] {
  return analysis.result.findings
    .filter((f) => f.span.start < span.end && span.start < f.span.end)
    .flatMap((f) => {
      const withheld = anchorWithheldLine(analysis, f);
      const safe = safeFixWithheldLine(analysis, f);
      const raises = preferredFixRaisesLine(f);
      const held = heldBySuppressionLine(analysis, f);
      return [`**Reported here** ([${f.ruleId}](${ruleDocsUri(f.ruleId)})): ${escapeMarkdown(f.message)}`, ...(held ? [held] : []), ...(withheld ? [withheld] : []), ...(safe ? [safe] : []), ...(raises ? [raises] : [])];
    });
}

/**
 * Why a finding has no fix when a misspelt suppression comment holds its fixes back (Finding.fixesHeldBySuppression):
 * the comment's line, the id written and the one meant, as a hover paragraph.
 */
function heldBySuppressionLine(analysis: Analysis, finding: LintFinding): string | undefined {
  const held = finding.fixesHeldBySuppression;
  if (!held) return undefined;
  if ('misplaced' in held && held.lineEnd) {
    const line = analysis.lines.positionAt(held.commentStart).line + 1;
    return `**No fix:** the grantlint-disable comment at the end of line ${line} names ${code(finding.ruleId)} but silences nothing there (a directive goes on its own line before its node); it may mean this finding: fixes are held back until it is put on its own line (the finding is then silenced) or removed.`;
  }
  if ('misplaced' in held) {
    const where = held.otherFile ? `at ${code(`${held.otherFile.path.split(/[\\/]/).pop()!}:${held.otherFile.line + 1}`)}` : `on line ${analysis.lines.positionAt(held.commentStart).line + 1}`;
    return `**No fix:** the grantlint-disable comment ${where} names ${code(finding.ruleId)} but silences nothing there; it may mean this finding: fixes are held back until it is moved here (the finding is then silenced) or removed.`;
  }
  const line = analysis.lines.positionAt(held.commentStart).line + 1;
  return `**No fix:** the grantlint-disable comment on line ${line} names ${code(held.written)}, which may mean ${code(finding.ruleId)}: fixes are held back until it is spelt right (the finding is then silenced) or removed.`;
}

/**
 * Why the rule's preferred fix is not offered when it would raise a new error (Finding.preferredFixRaises): the
 * error's rule and its whole message, which says what the client lacks (a grant a typo may mean that needs a native app).
 */
function preferredFixRaisesLine(finding: LintFinding): string | undefined {
  const withheld = finding.preferredFixRaises;
  if (!withheld) return undefined;
  const raised = withheld.raises;
  return `**Not offered:** ${escapeMarkdown(`"${withheld.title}" would give this client a new error`)} ([${raised.ruleId}](${ruleDocsUri(raised.ruleId)})): ${escapeMarkdown(raised.message)}`;
}

/** Why the rule's safe fix is missing, so `--fix` and fix on save leave the finding (Finding.safeFixWithheld), as a hover paragraph. */
function safeFixWithheldLine(analysis: Analysis, finding: LintFinding): string | undefined {
  const withheld = finding.safeFixWithheld;
  return withheld && `**No safe fix:** ${escapeMarkdown(`"${withheld.title}" ${safeFixWithheldReason(withheld, otherUseOf(analysis, finding))}`)}.`;
}

/** What else uses the anchored content a withheld fix would edit, and where (`x-copy at 9:11`), where known. */
function otherUseOf(analysis: Analysis, finding: LintFinding): string | undefined {
  return finding.anchorOtherUse && otherUseText(finding.anchorOtherUse, (offset) => analysis.lines.positionAt(offset));
}

/** Why a finding's fix is missing when a YAML anchor withholds it (rule book, invariant 5), as a hover paragraph. */
function anchorWithheldLine(analysis: Analysis, finding: LintFinding): string | undefined {
  const use = otherUseOf(analysis, finding);
  if (finding.fixesWithheldByAnchor) {
    if (use) return `**No quick fix:** the YAML anchored value is also used by ${escapeMarkdown(use)} (a fix would change it too); edit it by hand.`;
    return '**No quick fix:** the value is YAML anchored content that aliases reuse (a fix would change them too); edit it by hand.';
  }
  if (finding.preferredFixWithheldByAnchor && finding.preferredFix) {
    const content = use ? `YAML anchored content that ${escapeMarkdown(use)} also uses` : 'YAML anchored content';
    return `**Not offered:** ${escapeMarkdown(finding.preferredFix.title)}: it would edit ${content}; edit the anchor by hand.`;
  }
  return undefined;
}

/**
 * The grant item a hover is about. Items a YAML alias brings in (`grant_types: *web_grants`) all stand at the alias:
 * the one a finding there is about (the most severe) is meant, not merely the list's first.
 */
function itemUnder(analysis: Analysis, list: ValueNode, item: ValueNode): ValueNode {
  if (list.kind !== 'array') return item;
  const sharing = new Set(list.items.filter((other) => other.start === item.start && other.end === item.end));
  if (sharing.size < 2) return item;
  const rank = { error: 0, warning: 1, information: 2, hint: 3 } as const;
  const about = analysis.result.findings.filter((f) => f.grantItem && sharing.has(f.grantItem)).sort((a, b) => rank[a.severity] - rank[b.severity]);
  return about[0]?.grantItem ?? item;
}

/** Findings about the grant items a YAML alias brings in at `item`'s place (several share the alias's span). */
function aliasFindings(analysis: Analysis, list: ValueNode, item: ValueNode): LintFinding[] {
  if (list.kind !== 'array') return [];
  const sharing = new Set(list.items.filter((other) => other.start === item.start && other.end === item.end));
  if (sharing.size < 2) return [];
  const rank = { error: 0, warning: 1, information: 2, hint: 3 } as const;
  const order = (f: LintFinding) => list.items.indexOf(f.grantItem!);
  return analysis.result.findings
    .filter((f) => f.grantItem !== undefined && sharing.has(f.grantItem) && f.grantItem.kind === 'string' && f.ruleId !== 'unused-suppression')
    .sort((a, b) => rank[a.severity] - rank[b.severity] || order(a) - order(b));
}

/** Most grants with a finding an alias hover describes one by one; the rest are counted (HOVER_LINE_BUDGET). */
const ALIAS_GRANTS_SHOWN = 5;

/**
 * A YAML alias that brings several grants with findings into the list (`grant_types: *legacy`): every item stands
 * at the alias, so a hover about one of them (the first, or the most severe) would leave the others unexplained.
 * What the alias brings in, then each grant with a finding (most severe first): its verdict for this client and fix.
 */
function aliasHover(analysis: Analysis, client: ClientEntry, facts: ClientFacts, list: ValueNode, item: ValueNode, findings: readonly LintFinding[]): string {
  const items = list.kind === 'array' ? list.items.filter((other) => other.start === item.start && other.end === item.end) : [];
  const alias = analysis.text.slice(item.start, item.end).trim();
  const names = items.map((i) => (i.kind === 'string' ? code(shortGrant(i.value)) : code(analysis.text.slice(i.start, i.end))));
  const intro = `**YAML alias ${code(alias)}**: this alias brings in ${items.length} grants: ${names.join(', ')}. ${findings.length} of them have findings:`;
  const lines: string[] = [];
  for (const finding of findings.slice(0, ALIAS_GRANTS_SHOWN)) {
    const grant = (finding.grantItem as StringNode).value;
    const info = grantInfo(grant);
    const verdict = grantVerdict(client, facts, analysis.settings, grant);
    const name = info ? `**${escapeMarkdown(info.dashboardName)}** ${code(shortGrant(grant))}` : code(grant);
    const fix = fixOf(finding, undefined, analysis.path);
    const withheld = heldBySuppressionLine(analysis, finding) ?? anchorWithheldLine(analysis, finding);
    const after = fix ? ` **Fix:** ${escapeMarkdown(fix)}.` : withheld ? ` ${withheld}` : '';
    const safe = safeFixWithheldLine(analysis, finding);
    const raises = preferredFixRaisesLine(finding);
    lines.push(`- ${name}: ${verdictLine(client, verdict, true, info !== undefined)}${after}${safe ? ` ${safe}` : ''}${raises ? ` ${raises}` : ''} ([${finding.ruleId}](${ruleDocsUri(finding.ruleId)}))`);
  }
  const more = findings.length - ALIAS_GRANTS_SHOWN;
  if (more > 0) lines.push(`- and ${more} more grants with findings, listed in the Problems panel.`);
  return `${intro}\n\n${lines.join('\n')}`;
}

/** The heading of a lone-string grant_types' hover: the grant it names, where known. */
function loneGrantLine(value: string): string {
  const info = grantInfo(value);
  const what = info ? `**${escapeMarkdown(info.dashboardName)}** ${code(value)} · ${FAMILY[info.family]}` : `${code(value)} · not a known grant type`;
  return `${what}, written as a single string, not a list`;
}

/** Clients an anchored grant's hover names one by one; the rest are counted. */
const ANCHORED_USERS_SHOWN = 5;

/**
 * A grant written in YAML anchored content outside every client (`x-web-grants: &web_grants`) that clients take
 * through an alias or merge key: what the grant is, then each client that uses it with its verdict there, since
 * the findings lie at the aliases and a hand edit here changes every one of them. Undefined when no client uses it.
 */
function anchoredGrantHover(analysis: Analysis, offset: number): HoverResult | undefined {
  const users: { readonly client: ClientEntry; readonly facts: ClientFacts }[] = [];
  let written: StringNode | undefined;
  for (const client of analysis.result.clients) {
    const facts = new ClientFacts(client);
    const item = facts.grants?.items.find((i) => i.origin?.kind === 'string' && i.origin.start <= offset && offset < i.origin.end);
    if (!item) continue;
    written = item.origin as StringNode;
    users.push({ client, facts });
  }
  if (!written) return undefined;
  const grant = written.value;
  const info = grantInfo(grant);
  const heading = info ? `**${escapeMarkdown(info.dashboardName)}** ${code(grant)} · ${FAMILY[info.family]}` : `${code(grant)} · not a known grant type`;
  const lines = users.slice(0, ANCHORED_USERS_SHOWN).map(({ client, facts }) => {
    const verdict = grantVerdict(client, facts, analysis.settings, grant);
    return `- ${verdictLine(client, verdict, false, info !== undefined)}${verdict.ruleId ? ` ([${verdict.ruleId}](${ruleDocsUri(verdict.ruleId)}))` : ''}`;
  });
  const more = users.length - ANCHORED_USERS_SHOWN;
  if (more > 0) lines.push(`- and ${more} more clients.`);
  const used = `**YAML anchored value:** ${users.length === 1 ? 'a client takes' : `${users.length} clients take`} it through an alias or merge key (an edit here changes ${users.length === 1 ? 'it' : 'them all'}):`;
  const paragraphs = [heading, ...(info ? [escapeMarkdown(info.docs)] : []), `${used}\n\n${lines.join('\n')}`, ...(info ? [`[Auth0 docs](${info.docsUrl})`] : [])];
  return { markdown: paragraphs.join('\n\n'), span: spanOf(written) };
}

/**
 * Terraform keeps the auth method in an auth0_client_credentials resource, alone in its file or beside its client.
 * Its client is this file's own, one of another file of the module (a guest), or one no file defines: then the
 * hover still explains the methods, and says which client it could not find.
 */
function credentialsHover(analysis: Analysis, offset: number): HoverResult | undefined {
  const result = analysis.result;
  // This file's resource first: a client of this file may carry a credentials body read from another file, whose
  // offsets mean nothing here.
  const body = credentialsResourceAt(analysis, offset);
  if (!body) return undefined;
  const client = [...result.clients, ...result.guests].find((c) => c.credentials === body);
  const hit = fieldAt(body, ['authentication_method'], offset);
  if (!hit) return undefined;
  const value = hit.prop.value;
  const hovered = hit.part === 'value' && value.kind === 'string' ? value.value : undefined;
  const span = hit.part === 'key' ? hit.prop.keySpan : spanOf(value);
  if (client) return { markdown: withFindingsAt(authMethodHover(new ClientFacts(client), 'authentication_method', hovered), analysis, spanOf(value)), span };
  return { markdown: unlinkedAuthMethodHover(clientLinkOfResource(body), hovered), span };
}

/** The auth0_client_credentials resource body under `offset` in this file, whichever client it names. */
function credentialsResourceAt(analysis: Analysis, offset: number): ObjectNode | undefined {
  for (const doc of analysis.result.parsed.documents) {
    const found = resourcesOf(doc.root, 'auth0_client_credentials').find(({ body }) => within(body, offset));
    if (found) return found.body;
  }
  return undefined;
}

function within(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/**
 * The methods, and why nothing is said about the client: its client_id names one instance of it only (the other
 * instances get the provider's create-time method), or its auth0_client resource is in no file of the module.
 */
function unlinkedAuthMethodHover(link: ClientLink | undefined, hovered: string | undefined): string {
  const lines = methodLines('authentication_method', hovered);
  const named =
    link === undefined
      ? 'Its client_id names no auth0_client resource that can be read here'
      : !link.whole
        ? `Its client_id names one instance of ${code(`auth0_client.${link.name}`)}, whose other instances get the provider's create-time method`
        : `${code(`auth0_client.${link.name}`)} is not defined in this module`;
  lines.push('', `**Client:** ${named}, so whether it is public or confidential cannot be told here.`);
  return lines.join('\n');
}

/**
 * A grant string: what the grant is (one statement), the verdict for this client, the fix (the finding's preferred
 * fix, or a legacy grant's alternative) and links to the rule's page and Auth0's. At most HOVER_LINE_BUDGET lines.
 */
function grantHover(analysis: Analysis, client: ClientEntry, facts: ClientFacts, item: StringNode, span: Span): string {
  const grant = item.value;
  const info = grantInfo(grant);
  const verdict = grantVerdict(client, facts, analysis.settings, grant);
  const finding = findingAt(analysis, span, item);
  const own = analysis.result.clientFindings[analysis.result.clients.indexOf(client)] ?? [];
  const suppressed = finding ? undefined : suppressedAt(analysis, [...own, ...analysis.result.linkedFindings], span);
  const paragraphs: string[] = [];
  paragraphs.push(info ? `**${escapeMarkdown(info.dashboardName)}** ${code(grant)} · ${FAMILY[info.family]}` : `${code(grant)} · not a known grant type`);
  // On a finding the editor shows its message right above: the grant's description would say the fact again.
  if (info && !finding) paragraphs.push(escapeMarkdown(info.docs));
  paragraphs.push(verdictLine(client, verdict, finding !== undefined, info !== undefined));
  if (suppressed) paragraphs.push(suppressedLine(analysis, suppressed));
  // A legacy grant's alternative is advice of legacy-grant-type: not given when the configuration turns it off.
  const legacyAdvice = info?.legacyAlternative && verdict.turnedOff === undefined ? `Use ${info.legacyAlternative} instead` : undefined;
  const fix = fixOf(finding, legacyAdvice, analysis.path);
  if (fix) paragraphs.push(`**Fix:** ${escapeMarkdown(fix)}.`);
  else if (finding && heldBySuppressionLine(analysis, finding)) paragraphs.push(heldBySuppressionLine(analysis, finding)!);
  else if (finding && anchorWithheldLine(analysis, finding)) paragraphs.push(anchorWithheldLine(analysis, finding)!);
  if (finding && safeFixWithheldLine(analysis, finding)) paragraphs.push(safeFixWithheldLine(analysis, finding)!);
  if (finding && preferredFixRaisesLine(finding)) paragraphs.push(preferredFixRaisesLine(finding)!);
  const ruleId = finding?.ruleId ?? suppressed?.ruleId ?? verdict.turnedOff?.ruleId;
  const links = [ruleId && `[${ruleId}](${ruleDocsUri(ruleId)})`, info && `[Auth0 docs](${info.docsUrl})`].filter((l): l is string => !!l);
  if (links.length > 0) paragraphs.push(links.join(' · '));
  return paragraphs.join('\n\n');
}

/** "**Not allowed for Kiosk.** Why…": the verdict for this client, and why where no message or fact says it already. */
function verdictLine(client: ClientEntry, verdict: GrantVerdict, found: boolean, known: boolean): string {
  const off = verdict.turnedOff;
  // A rule the configuration turns off judges nothing: the grant is not checked, which is not "allowed" (Auth0 may
  // well reject it), so the hover says so and what the rule would say.
  const mark = off ? 'Not checked' : verdict.undecided ? 'Cannot be told' : verdict.status === 'allowed' ? 'Allowed' : verdict.status === 'discouraged' ? 'Discouraged' : 'Not allowed';
  // A discouraged grant is discouraged for the reason the fact (or the finding's message) gives; only a refusal
  // needs this client's why. A legacy grant's does too: what lets the tenant keep it (the flag set to true, the
  // legacyTenant setting) is in no message, only in the diagnostic's related information, which hover does not show.
  const why = verdict.status === 'discouraged' && (known || found) && verdict.ruleId !== 'legacy-grant-type' ? '' : ` ${escapeMarkdown(verdict.reason)}`;
  const unchecked = off ? ` ${off.refused ? 'What Auth0 says' : 'When checked, it is discouraged'}: ${escapeMarkdown(off.unchecked)}` : '';
  return `**${mark} for ${escapeMarkdown(clientName(client))}.**${why}${unchecked}`;
}

/**
 * The fix hover names: the rule's preferred fix while it works here (none of the alternatives stands in for it:
 * they are quick fixes); without a finding, `advice` (a legacy grant's alternative). On a finding without its
 * preferred fix (an anchored value other clients share), no advice stands in for it.
 */
function fixOf(finding: LintFinding | undefined, advice: string | undefined, path?: string): string | undefined {
  const preferred = finding?.preferredFix === undefined ? finding?.fixes[0] : finding.fixes.includes(finding.preferredFix) ? finding.preferredFix : undefined;
  if (preferred) return preferred.title;
  // A preferred fix that edits another file of the project (the method in credentials.tf) is a quick fix too.
  const elsewhere = finding?.preferredFix && finding.fixesElsewhere?.includes(finding.preferredFix) ? finding.preferredFix : undefined;
  if (elsewhere) return `${elsewhere.title}, in ${otherFileName(finding!, path)}`;
  return finding ? undefined : advice;
}

/** The other file a finding's related values name (the value a fix across files edits), as shown beside `path`. */
function otherFileName(finding: LintFinding, path: string | undefined): string {
  const other = finding.related.find((r) => r.elsewhere)?.elsewhere?.path;
  if (!other) return 'another file';
  return path ? relative(dirname(path), other) : other;
}

interface SuppressedFinding {
  readonly ruleId: string;
  readonly comment: { readonly span: Span; readonly kind: 'next-line' | 'file' };
}

/**
 * The finding among `candidates` (findings before suppressions: a client's own, the file's linked ones) that a
 * suppression comment silences on exactly this node (a grant item, a client grant's `client_id`), with the comment:
 * the rules report it but no diagnostic shows it.
 */
function suppressedAt(analysis: Analysis, candidates: readonly LintFinding[], span: Span): SuppressedFinding | undefined {
  const result = analysis.result;
  for (const finding of candidates) {
    if (finding.span.start !== span.start || finding.span.end !== span.end || finding.ruleId === 'unused-suppression') continue;
    const directive = suppressionOf(result.parsed, finding.ruleId, finding.span.start);
    if (directive) return { ruleId: finding.ruleId, comment: { span: directive.comment.span, kind: directive.kind } };
  }
  return undefined;
}

function suppressedLine(analysis: Analysis, suppressed: SuppressedFinding): string {
  const line = analysis.lines.positionAt(suppressed.comment.span.start).line + 1;
  const directive = suppressed.comment.kind === 'next-line' ? 'grantlint-disable-next-line' : 'grantlint-disable';
  return `**Suppressed:** the ${code(directive)} comment (line ${line}) silences this ${suppressed.ruleId} finding, so no diagnostic shows it.`;
}

/** Most lines a hover takes (paragraphs and list items, blank lines not counted): read without scrolling. */
export const HOVER_LINE_BUDGET = 8;

/**
 * The finding reported on exactly this node, if the rules reported one: the one about `item` when several stand there (the items a YAML alias brings in
 * share its span), else the first.
 */
function findingAt(analysis: Analysis, span: Span, item?: ValueNode): LintFinding | undefined {
  const here = analysis.result.findings.filter((f) => f.span.start === span.start && f.span.end === span.end && f.ruleId !== 'unused-suppression');
  return here.find((f) => item !== undefined && f.grantItem === item) ?? here[0];
}

function clientName(client: ClientEntry): string {
  return client.name ?? 'this client';
}

function authMethodHover(facts: ClientFacts, key: string, hovered: string | undefined): string {
  const lines = methodLines(key, hovered);
  if (key === 'token_endpoint_auth_method' && facts.entry.source === 'terraform') lines.push('', TERRAFORM_PRE_V1_METHOD_NOTE);
  const kind = clientKind(facts);
  lines.push('', `**${clientLabel(facts.entry)}:** ${describeAccess(kind.access, kind.accessReason)}`);
  return lines.join('\n');
}

/** The field's heading, what it is, and each method it accepts (the hovered one in bold). */
function methodLines(key: string, hovered: string | undefined): string[] {
  // Terraform's credentials resource takes the key and certificate methods the API's field does not.
  const terraform = key === 'authentication_method';
  const docs = terraform ? TERRAFORM_AUTH_METHOD_DOCS : AUTH_METHOD_DOCS;
  const lines = [`**${key}**`, '', terraform ? TERRAFORM_AUTH_METHOD_INTRO : AUTH_METHOD_INTRO, ''];
  for (const doc of docs) {
    const name = doc.value === hovered ? `**\`${doc.value}\`**` : `\`${doc.value}\``;
    lines.push(`- ${name}: ${doc.summary}`);
  }
  if (hovered !== undefined && !docs.some((d) => d.value === hovered)) {
    lines.push('', `${code(hovered)} is not a value this field accepts.`);
  }
  return lines;
}

function describeAccess(access: 'public' | 'confidential' | undefined, rawReason: string): string {
  const reason = escapeMarkdown(rawReason);
  if (access === 'public') return `public (${reason}): it has no secret and cannot use client_credentials.`;
  if (access === 'confidential') return `confidential (${reason}): it authenticates with a secret and may use client_credentials.`;
  return `public or confidential cannot be told here: ${reason}.`;
}

function appTypeHover(facts: ClientFacts, hovered: string | undefined): string {
  const terraform = facts.entry.source === 'terraform';
  const lines = ['**app_type**', '', terraform ? TERRAFORM_APP_TYPE_INTRO : APP_TYPE_INTRO];
  const value = hovered ?? facts.appTypeValue;
  const summary = terraform ? terraformAppTypeSummary : appTypeSummary;
  if (value !== undefined) lines.push('', `${code(value)}: ${escapeMarkdown(summary(value))}`);
  const kind = clientKind(facts);
  lines.push('', `**${clientLabel(facts.entry)}:** ${describeAccess(kind.access, kind.accessReason)}`);
  return lines.join('\n');
}

function firstPartyHover(facts: ClientFacts): string {
  const kind = clientKind(facts);
  // Neither: the reason alone says why (a placeholder, a value Terraform refuses), not "cannot be told" twice.
  const party = kind.party ? `${kind.party} (${escapeMarkdown(kind.partyReason)})` : `cannot be told: ${escapeMarkdown(kind.partyReason)}`;
  return ['**is_first_party**', '', FIRST_PARTY_INTRO, '', `**${clientLabel(facts.entry)}:** ${party}.`].join('\n');
}

function clientLabel(client: ClientEntry): string {
  return client.name ? `This client (${escapeMarkdown(client.name)})` : 'This client';
}

function spanOf(node: Span): Span {
  return { start: node.start, end: node.end };
}
