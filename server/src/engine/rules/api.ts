/** What a rule is: its metadata beside a one-method check. */
import type { AnchorOtherUse } from '../fix/anchor-scope';
import type { ClientFacts } from '../client';
import type { ClientGrantEntry } from '../grants';
import type { OtherFileLocation } from '../links';
import type { NodePath, Span, ValueNode } from '../model';
import type { Fix } from '../fix/semantic';
import { grantName } from './messages';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

const DOCS_BASE_URL = 'https://github.com/grantlint/grantlint/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

export interface RelatedInfo {
  /** In the linted file; when `elsewhere` is set, the finding's own span (a placeholder for callers that ignore it). */
  readonly span: Span;
  readonly message: string;
  /** The related value lies in another file of the project (engine/links.ts): its path and range there. */
  readonly elsewhere?: OtherFileLocation;
}

export interface Finding {
  readonly ruleId: string;
  /** The severity this case calls for before configuration (some rules vary it, e.g. legacy-grant-type). */
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  /** The node's path from the document root, matched against config override pointers. */
  readonly path: NodePath;
  readonly related: readonly RelatedInfo[];
  /** In order, as the rule gives them (the first it gave is `preferredFix`); fixes that do not work are left out. */
  readonly fixes: readonly Fix[];
  /**
   * The rule's preferred fix (the first it gave), by identity: `fixes` and `fixesElsewhere` hold it while it works.
   * When it is left out (it reaches through a shared YAML anchor, raises a new error), no other fix is marked
   * preferred in an editor or named by hover (`--unsafe-fixes` still takes the first fix left, checked on the file).
   */
  readonly preferredFix?: Fix;
  /**
   * The preferred fix edits another file (a Terraform method in `credentials.tf`), so it is not among `fixes`:
   * the fixes left are alternatives a user may choose, never what "fix all" takes as this finding's preferred fix.
   */
  readonly preferredFixElsewhere?: true;
  /**
   * Fixes that edit another file of the finding's project (a Terraform method in `credentials.tf` for a finding in
   * `main.tf`, a client of `clients/` for a grant of `grants/`), in the rule's order, each checked on the model as
   * `fixes` are. The editor offers them as quick fixes that change both files (fix/render-elsewhere.ts); fix all
   * and the CLI's --fix take none of them.
   */
  readonly fixesElsewhere?: readonly Fix[];
  /**
   * The finding is on a value of another file of the project that is not reported in this run, shown at its client
   * here (engine/lint.ts placedInFile): this file's suppression comments do not silence it; that file's do.
   */
  readonly fromOtherFile?: true;
  /**
   * Every fix the rule gave was withheld because it would edit YAML anchored content that aliases reuse
   * (fix/through-anchor.ts; rule book, invariant 5): the value is to be edited by hand. Set by the fix checks
   * (engine/lint.ts).
   */
  readonly fixesWithheldByAnchor?: true;
  /**
   * The rule's preferred fix was withheld because it would edit YAML anchored content (a value the client takes
   * through an alias or merge key; fix/through-anchor.ts), while other fixes are left: said, so the fixes left are
   * not read as the rule's advice. Set by the fix checks (engine/lint.ts).
   */
  readonly preferredFixWithheldByAnchor?: true;
  /**
   * Where a fix is withheld because something other than the client uses the YAML anchored content it would edit
   * (the two marks above, or `safeFixWithheld` for 'anchor'): the first such use (an `x-` key's alias, another
   * client, a merge key), so the message can name it. Absent where none can be named. Set by the fix checks.
   */
  readonly anchorOtherUse?: AnchorOtherUse;
  /**
   * The rule gave a safe fix, yet none is left (so `--fix` leaves the finding), for a reason the two marks above do
   * not already give: the first safe fix's title and why it was left out. Rule book: a fix withheld says why. Set by
   * the fix checks (engine/lint.ts).
   */
  readonly safeFixWithheld?: SafeFixWithheld;
  /**
   * The rule's preferred fix was left out because it would give the client a new error (the grant a typo most likely
   * means, which this client may not hold: rule book invariant 3), and no other mark says so: its title and the error,
   * so the message (CLI) and hover say why the suggestion has no fix. Set by the fix checks (engine/lint.ts).
   */
  readonly preferredFixRaises?: { readonly title: string; readonly raises: RaisedError };
  /**
   * A suppression comment covering the finding names an unknown rule id that most likely means this rule (a
   * misspelling, as unused-suppression's did-you-mean gives it), or names this rule right but sits where it silences
   * nothing while it bears on this finding (above the client of a client grant's finding, above the client of a
   * finding on its credentials: unused-suppression tells it where the finding is reported): the author may have
   * meant to keep what the finding is about, so no fix is offered, neither to fix all nor as a quick fix, and the
   * message says why. Set by engine/suppression.ts (misspelt; misplaced in the same file) and engine/lint.ts
   * (misplaced in another file of the module).
   */
  readonly fixesHeldBySuppression?: FixesHeldBySuppression;
  /**
   * An unused-suppression finding about one rule id its directive names (it silences nothing, or no rule has it):
   * the id as written and, for an unknown id close to a rule's, the rule meant. The editor offers to remove the id
   * from the comment or to correct it (service/unused-suppression-fixes.ts). Set by engine/suppression.ts.
   */
  readonly unusedRuleId?: UnusedRuleId;
  /** Legacy grants: shown struck through (DiagnosticTag.Deprecated). */
  readonly deprecated?: boolean;
  /** For findings about one grant item: the item, so only one rule reports it. */
  readonly grantItem?: ValueNode;
}

/** See Finding.unusedRuleId. */
export interface UnusedRuleId {
  /** The id as the comment writes it. */
  readonly written: string;
  /**
   * The rule an unknown id most likely means (the message's did-you-mean), where that rule has a finding the comment
   * would then silence; absent otherwise (a rule's own id, no close one, or nothing of it to silence there).
   */
  readonly meant?: string;
}

/** The suppression comment that holds a finding's fixes back (Finding.fixesHeldBySuppression). */
export type FixesHeldBySuppression = MisspeltSuppression | MisplacedSuppression;

/** A comment naming an unknown rule id that most likely means the finding's rule. */
interface MisspeltSuppression {
  /** The comment's start offset in the file. */
  readonly commentStart: number;
  /** The unknown rule id as written. */
  readonly written: string;
}

/**
 * A comment naming the finding's rule where it silences nothing, in the scope where the finding bears (its client,
 * a related value): unused-suppression tells it where the finding is reported.
 */
export interface MisplacedSuppression {
  readonly misplaced: true;
  /** The comment's start offset in the file that holds it: the finding's, or `otherFile`. */
  readonly commentStart: number;
  /** The comment in another file of the module: that file's path and the comment's 0-based line there. */
  readonly otherFile?: { readonly path: string; readonly line: number };
  /** The comment ends a line (the finding's, or for a next-line directive the line before), where none silences anything. */
  readonly lineEnd?: true;
}

/** A safe fix the checks left out, and why (Finding.safeFixWithheld). */
export interface SafeFixWithheld {
  readonly title: string;
  /**
   * 'anchor': it would edit YAML anchored content that something other than the client uses; 'new-error': it would
   * give the client a new error; 'finding-stays': the finding would still be there after it.
   */
  readonly why: 'anchor' | 'new-error' | 'finding-stays';
  /** For 'new-error': the error it would give the client, where known. */
  readonly raises?: RaisedError;
}

/** The new error a withheld fix would give the client (the first one found): its rule, its grant, its message. */
export interface RaisedError {
  readonly ruleId: string;
  /** The grant the error is about, for errors about one grant item. */
  readonly grant?: string;
  readonly message: string;
}

/**
 * The new error a withheld fix would raise, as short as a note needs: the rule, and the grant it is about
 * (`device-code-requirements on 'urn:…:device_code'` is too long, so the grant is named as messages name it).
 */
export function raisedText(raises: RaisedError): string {
  return raises.grant === undefined ? raises.ruleId : `${raises.ruleId} on ${grantName(raises.grant)}`;
}

/**
 * Why a safe fix was left out, in words that follow its title (`"Remove …" would give this client a new error`);
 * `otherUse`: what else uses the anchored content, with its place (`x-copy at 9:11`), where known.
 */
export function safeFixWithheldReason(withheld: SafeFixWithheld, otherUse?: string): string {
  switch (withheld.why) {
    case 'anchor':
      return `would edit YAML anchored content that ${otherUse ?? 'something else'} uses; edit the anchor by hand`;
    case 'new-error':
      return withheld.raises ? `would give this client a new error (${raisedText(withheld.raises)})` : 'would give this client a new error';
    case 'finding-stays':
      return 'would not clear this finding';
  }
}

/**
 * What else uses the anchored content a withheld fix would edit, with its 1-based line and column as the CLI gives
 * places (`x-copy at 9:11`, `client 'Sharer' at 14:18`), for the messages that say why no fix is offered.
 */
export function otherUseText(use: AnchorOtherUse, positionAt: (offset: number) => { readonly line: number; readonly character: number }): string {
  const at = positionAt(use.span.start);
  return `${use.name} at ${at.line + 1}:${at.character + 1}`;
}

/**
 * The CLI's note on a finding whose every fix an anchor withholds, in its forms, fullest first (the CLI takes the
 * fullest that fits): with `use` (otherUseText), what else uses the anchored value, so the user knows which alias a
 * hand edit also changes; the compact form keeps it.
 */
export function anchorNoFixNotes(use: string | undefined): readonly string[] {
  return use
    ? [`no fix: the YAML anchored value is also used by ${use}; edit it by hand`, `no fix: anchor also used by ${use}`, `no fix: anchor shared with ${use}`]
    : ['no fix: the value is YAML anchored content that aliases reuse; edit it by hand', 'no fix: YAML anchored value that aliases reuse'];
}

/** Related information at the anchored value a YAML alias or merge key brings into the client. */
const ANCHORED_VALUE_MESSAGE = 'The value comes from this YAML anchor';

/**
 * Where a finding's value is written when a YAML alias or merge key brings it into the client (report adds it as
 * related information), else undefined. Several findings can share the alias's span (one per anchored item of a
 * `grant_types: *list`): this tells them apart.
 */
export function anchoredValueSpan(finding: Finding): Span | undefined {
  return finding.related.find((r) => r.message === ANCHORED_VALUE_MESSAGE && r.elsewhere === undefined)?.span;
}

export interface RuleContext {
  /** The tenant predates 8 June 2017 (config `legacyTenant`). */
  readonly legacyTenant: boolean;
  /**
   * The caller drops every fix (a grant list too long to check its fixes, MAX_FIX_CHECKED_GRANTS): rules skip
   * building the fixes they would make afresh for each grant item, hundreds of thousands of objects thrown away.
   */
  readonly fixesDropped?: boolean;
  /**
   * The names of the clients of the project a client grant's client is in (its tenant file, deploy directory or
   * Terraform module), asked only when a message clips a client's name: the clip keeps what tells it apart.
   */
  readonly clientNames?: () => readonly string[];
}

export interface RuleMeta {
  readonly id: string;
  readonly defaultSeverity: Severity;
  readonly fixable: boolean;
  /** One line for the rule table, SARIF and hover. */
  readonly summary: string;
}

export interface Rule extends RuleMeta {
  check(client: ClientFacts, context: RuleContext): Finding[];
}

/** A client grant with the facts of the client it names (found in the same config, its facts linked). */
export interface ClientGrantFacts {
  readonly grant: ClientGrantEntry;
  readonly client: ClientFacts;
}

/** A rule about a client grant and its client (rule book: the client-grant rules). */
export interface ClientGrantRule extends RuleMeta {
  checkGrant(facts: ClientGrantFacts, context: RuleContext): Finding[];
}

export interface FindingInput {
  readonly message: string;
  readonly node: ValueNode | { readonly span: Span; readonly path: NodePath };
  readonly severity?: Severity;
  readonly related?: readonly RelatedInfo[];
  readonly fixes?: readonly (Fix | undefined)[];
  readonly deprecated?: boolean;
  readonly grantItem?: ValueNode;
}

/**
 * Builds a finding of `rule` anchored at a node (or an explicit span). A node resolved from a YAML alias or merge
 * key lies at the alias inside the client; the finding then also points at the anchored value as written.
 */
export function report(rule: RuleMeta, input: FindingInput): Finding {
  const node = input.node;
  // Always a copy: model spans may later move in place (incremental re-lint), findings keep their own.
  const span = 'span' in node ? { start: node.span.start, end: node.span.end } : { start: node.start, end: node.end };
  const origin = 'span' in node ? undefined : node.origin;
  const related = input.related ?? NONE;
  const fixes = presentFixes(input.fixes);
  return {
    ruleId: rule.id,
    severity: input.severity ?? rule.defaultSeverity,
    message: input.message,
    span,
    path: node.path,
    related: origin ? [...related, { span: { start: origin.start, end: origin.end }, message: ANCHORED_VALUE_MESSAGE }] : related,
    fixes,
    ...(fixes.length > 0 ? { preferredFix: fixes[0] } : {}),
    ...(input.deprecated ? { deprecated: true } : {}),
    ...(input.grantItem ? { grantItem: input.grantItem } : {}),
  };
}

/** One empty list for every finding without related information or fixes (findings never change their lists). */
const NONE: readonly never[] = Object.freeze([]);

/**
 * The fixes that were built, in order. A list without gaps is kept as it is, so a rule that gives every copy of
 * a repeated grant the same list makes one list, not one per finding.
 */
function presentFixes(fixes: readonly (Fix | undefined)[] | undefined): readonly Fix[] {
  if (fixes === undefined || fixes.length === 0) return NONE;
  return fixes.includes(undefined) ? fixes.filter((f): f is Fix => f !== undefined) : (fixes as readonly Fix[]);
}
