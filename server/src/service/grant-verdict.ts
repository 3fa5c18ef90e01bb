/**
 * May this client use a grant? Answered by the rules themselves: the client is re-checked on the model with
 * `grant_types` set to just that grant, configured exactly as its diagnostics are (engine checkClient, the one
 * severity resolver), and the grant item's finding (if any) is the verdict. Hover and completion therefore never
 * disagree with the diagnostics, whatever the configuration turns off or down.
 */
import type { ClientEntry, ClientFacts, FileSettings, Finding } from '../engine/index';
import { checkClient, FIRST_PARTY_ONLY_GRANTS, GRANT, legacyFlagState, severitySource, simulateEdits, turnsAnyRuleOff } from '../engine/index';
import { clientKind } from './client-summary';

export type VerdictStatus = 'allowed' | 'discouraged' | 'not-allowed';

export interface GrantVerdict {
  readonly status: VerdictStatus;
  /** Why, in one sentence about this client. */
  readonly reason: string;
  readonly ruleId: string | undefined;
  /**
   * Set on an allowed grant that a fact of this client not known here decides (`client_credentials` on a client
   * whose auth method, or a first-party-only grant on a client whose party, is a variable, a placeholder or set
   * elsewhere): no rule fires, and the grant is not allowed either; `reason` says which fact.
   */
  readonly undecided?: true;
  /**
   * Set when the grant is allowed only because the configuration turns off the rule that would judge it: that
   * rule, and where it was turned off (a config file's path and entry, the editor's setting), when known.
   */
  readonly turnedOff?: {
    readonly ruleId: string;
    readonly source: string | undefined;
    /** What the rule says about the grant when it is on (Auth0's fact, said about this client), one sentence. */
    readonly unchecked: string;
    /** Whether the rule, on at its own severity, reports the grant as an error (Auth0 rejects it) or less. */
    readonly refused: boolean;
  };
}

export function grantVerdict(entry: ClientEntry, facts: ClientFacts, settings: FileSettings, grant: string): GrantVerdict {
  const finding = itemFinding(entry, settings, grant);
  if (!finding) {
    const silenced = turnsAnyRuleOff(settings) ? itemFinding(entry, unconfigured(settings), grant) : undefined;
    if (silenced) {
      const source = severitySource(silenced, settings);
      const turnedOff = { ruleId: silenced.ruleId, source, unchecked: refusedReason(facts, grant, silenced, settings.legacyTenant), refused: silenced.severity === 'error' };
      return { status: 'allowed', reason: turnedOffReason(silenced.ruleId, source), ruleId: undefined, turnedOff };
    }
    return { status: 'allowed', reason: allowedReason(facts, grant), ruleId: undefined, ...(undecided(facts, grant) ? { undecided: true as const } : {}) };
  }
  const severity = finding.severity;
  return {
    status: severity === 'error' ? 'not-allowed' : 'discouraged',
    reason: refusedReason(facts, grant, finding, settings.legacyTenant),
    ruleId: finding.ruleId,
  };
}

/** The finding on the grant's item when the client lists only that grant, as a diagnostic would show it. */
function itemFinding(entry: ClientEntry, settings: FileSettings, grant: string): Finding | undefined {
  const simulated = simulateEdits(entry, [{ kind: 'setField', object: entry.node, key: 'grant_types', value: [grant] }]);
  return checkClient(simulated, settings).find((finding) => finding.grantItem?.kind === 'string' && finding.grantItem.value === grant);
}

/** Every rule at its own severity, the tenant's legacy flag kept: what the file would show with no configuration. */
function unconfigured(settings: FileSettings): FileSettings {
  return { legacyTenant: settings.legacyTenant, rules: new Map(), pointerOverrides: [] };
}

function turnedOffReason(ruleId: string, source: string | undefined): string {
  return `The configuration turns ${ruleId} off for this client${source === undefined ? '' : ` (${source})`}, so it is not checked here.`;
}

/** The rule book's reasons, said about this client; other rules speak for themselves. */
function refusedReason(facts: ClientFacts, grant: string, finding: Finding, legacyTenant: boolean): string {
  const kind = clientKind(facts);
  switch (finding.ruleId) {
    case 'public-client-credentials':
      return `This client is public (${kind.accessReason}), so it cannot use ${grant}: only confidential clients hold a secret.`;
    case 'first-party-only-grant':
      return `This client is third-party (${kind.partyReason}), and ${grant} is for trusted first-party applications only.`;
    case 'legacy-grant-type':
      return legacyReason(facts, grant, finding, legacyTenant);
    default:
      return finding.message;
  }
}

/**
 * Why a legacy grant is refused or discouraged here, naming the tenant flag that governs it and its value as the
 * diagnostic does (its message and related information): a flag set to false turns the grant off whatever the
 * tenant's age; one set to true, or the legacyTenant setting, keeps it working for now (both named when both say so:
 * turning either off alone would not make the grant an error).
 */
function legacyReason(facts: ClientFacts, grant: string, finding: Finding, legacyTenant: boolean): string {
  const { flag, setTo } = legacyFlagState(facts, grant);
  if (flag && setTo === false) return `This tenant's flags turn it off (${flag}: false), so Auth0 rejects it whatever the tenant's age.`;
  // Told from the tenant's settings, not the finding's severity: a configuration may set the rule to either.
  const allows = [flag && setTo === true ? `${flag}: true` : undefined, legacyTenant ? 'the setting legacyTenant: true' : undefined].filter((a) => a !== undefined).join(' and ');
  // A warning also where the tenant's flags are unknown (a placeholder, a computed Terraform value).
  if (!allows && / may no longer work: /.test(finding.message)) return 'Whether this tenant still allows it cannot be told here, and it is deprecated either way: move to the alternative.';
  if (!allows) {
    const flags = flag ? `${flag} is not set to true` : 'no tenant flag governs this grant';
    return `Only tenants created before 8 June 2017 may use legacy grants, and nothing here says this tenant is one (${flags}, no legacyTenant setting).`;
  }
  return `This tenant still allows it (${allows}), but it is deprecated: move to the alternative.`;
}

/** Whether the fact that decides the grant for this client is unknown (see GrantVerdict.undecided). */
function undecided(facts: ClientFacts, grant: string): boolean {
  const kind = clientKind(facts);
  if (grant === GRANT.clientCredentials) return kind.access === undefined;
  return FIRST_PARTY_ONLY_GRANTS.includes(grant) && kind.party === undefined;
}

function allowedReason(facts: ClientFacts, grant: string): string {
  const kind = clientKind(facts);
  if (grant === GRANT.clientCredentials) {
    if (kind.access === 'confidential') return `This client is confidential (${kind.accessReason}), so it may use ${grant}.`;
    return `Only confidential clients may use ${grant}, and whether this one is cannot be told here: ${kind.accessReason}.`;
  }
  if (FIRST_PARTY_ONLY_GRANTS.includes(grant)) {
    if (kind.party === 'first-party') return `This client is first-party (${kind.partyReason}), so it may use ${grant}.`;
    if (kind.party === undefined) return `Only first-party clients may use ${grant}, and whether this one is cannot be told here: ${kind.partyReason}.`;
  }
  return 'Nothing in this client rules it out.';
}
