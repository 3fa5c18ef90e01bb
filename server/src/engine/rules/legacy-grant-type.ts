import { grantInfo, GRANT, isLegacyGrant, LEGACY_DELEGATION_GRANTS, LEGACY_RO_GRANTS } from '../catalogue';
import type { ClientFacts } from '../client';
import { booleanOf } from '../client';
import type { Fix, FixSafety, SemanticEdit } from '../fix/semantic';
import type { ObjectNode, StringNode } from '../model';
import { getValue } from '../model';
import type { RelatedInfo, Rule, RuleContext, Severity } from './api';
import { report } from './api';
import { q, removeGrantsEdit, titled } from './helpers';
import { withValue } from './messages';

/** The modern grant to put in place of a legacy one, or undefined to remove it (seed: "Secure Alternatives"). */
function alternativeFor(client: ClientFacts, legacy: string): string | undefined {
  const alternative = grantInfo(legacy)?.legacyAlternative;
  // password is for trusted first-party clients only.
  if (alternative === GRANT.password && client.isFirstParty !== true) return undefined;
  // authorization_code is a browser login: a machine-to-machine client has no user to log in (the rule book gives
  // non_interactive clients client_credentials alone, missing-grant-types), so its legacy grant is removed.
  if (alternative === GRANT.authorizationCode && client.appTypeValue === 'non_interactive') return undefined;
  return alternative;
}

/**
 * Each legacy item's change: replaced by its alternative, or removed when it has none or the alternative is
 * already there (or is put in by an earlier item of the same change).
 */
function planChanges(client: ClientFacts, items: readonly StringNode[]): { edits: SemanticEdit[]; titles: string[] } {
  const added = new Set<string>();
  const removals: StringNode[] = [];
  const edits: SemanticEdit[] = [];
  const titles: string[] = [];
  for (const item of items) {
    const alternative = alternativeFor(client, item.value);
    if (alternative && !client.has(alternative) && !added.has(alternative)) {
      added.add(alternative);
      edits.push({ kind: 'replaceScalar', node: item, value: alternative });
      titles.push(`Replace legacy grant ${q(shortName(item.value))} with ${q(alternative)}`);
    } else {
      removals.push(item);
      titles.push(`Remove legacy grant ${q(shortName(item.value))}`);
    }
  }
  const removal = removeGrantsEdit(client, removals);
  if (removal) edits.push(removal);
  return { edits, titles };
}

/**
 * Removing a legacy grant the tenant rejects (an error) is safe; putting its alternative in its place grants
 * something new, and removing one the tenant allows (a warning) can break a working app: both unsafe.
 */
function safetyOf(edits: readonly SemanticEdit[], rejected: boolean): FixSafety {
  return rejected && edits.every((edit) => edit.kind === 'removeItems') ? 'safe' : 'unsafe';
}

function shortName(value: string): string {
  return value.replace('http://auth0.com/oauth/legacy/grant-type/', '');
}

/** Whether a flag is `wanted`: a boolean, or in Terraform also a string Terraform converts to that bool (booleanOf). */
function flagIs(flags: ObjectNode | undefined, flag: string, terraform: boolean, wanted: boolean): boolean {
  return booleanOf(getValue(flags, flag), terraform) === wanted;
}

/** The flag that governs this legacy grant (none governs `access_token`). */
function governingFlag(value: string): string | undefined {
  if (LEGACY_RO_GRANTS.includes(value)) return 'allow_legacy_ro_grant_types';
  if (LEGACY_DELEGATION_GRANTS.includes(value)) return 'allow_legacy_delegation_grant_types';
  return undefined;
}

/**
 * The tenant flag that turns this legacy grant off, when the tenant settings set it to `false`: then Auth0 rejects
 * the grant whatever the tenant's age (facts §1: only tenants from before June 2017 can use legacy grants, and
 * their flags say whether clients may add them; auth0-deploy-cli#45 was fixed by removing the grants or turning
 * the flags on), so `legacyTenant: true` does not lower it.
 */
function disallowingFlag(client: ClientFacts, value: string): string | undefined {
  const flag = governingFlag(value);
  return flag && flagIs(client.entry.tenantFlags, flag, client.entry.source === 'terraform', false) ? flag : undefined;
}

/** The tenant flag that still allows this legacy grant, when it is set to true. */
function allowingFlag(client: ClientFacts, value: string): string | undefined {
  const flag = governingFlag(value);
  return flag && flagIs(client.entry.tenantFlags, flag, client.entry.source === 'terraform', true) ? flag : undefined;
}

/**
 * The tenant flag that governs a legacy grant (undefined for `access_token`, which no flag governs) and what this
 * client's tenant settings (a YAML tenant's `flags`, a directory's tenant.json, an `auth0_tenant`) set it to: `true`,
 * `false`, or undefined when it is absent, not a boolean, or unknown. What the diagnostic says, for hover.
 */
export function legacyFlagState(client: ClientFacts, value: string): { readonly flag: string | undefined; readonly setTo: boolean | undefined } {
  const flag = governingFlag(value);
  const setTo = disallowingFlag(client, value) ? false : allowingFlag(client, value) ? true : undefined;
  return { flag, setTo };
}

/**
 * Why whether a flag allows this legacy grant is unknown (`access_token`, which no flag governs, excepted): the
 * tenant's flags are unknown (ClientEntry.tenantFlagsUnknown), or the governing flag's value is a placeholder
 * filled in at deploy time or a Terraform value known at plan time (rule book: no rule may fire on the strength of
 * an unknown value).
 */
function flagUnknown(client: ClientFacts, value: string): { readonly why: 'unparsed' | 'placeholder'; readonly flag?: string; readonly terraform: boolean } | undefined {
  const flag = governingFlag(value);
  if (!flag) return undefined;
  const terraform = client.entry.source === 'terraform';
  const unknown = client.entry.tenantFlagsUnknown;
  if (unknown) return { why: unknown, terraform };
  const node = getValue(client.entry.tenantFlags, flag);
  // A deploy-cli keyword, or in Terraform a computed value (`var.legacy`, read as `${var.legacy}`).
  return node?.kind === 'string' && (node.placeholder || (terraform && node.value.includes('${'))) ? { why: 'placeholder', flag, terraform } : undefined;
}

/**
 * Warning instead of error where the tenant still allows the grant (rule book, "Legacy severity"), and where that
 * is unknown: an error says Auth0 rejects the grant (and --fix removes it), which unknown flags cannot tell.
 */
function severityFor(client: ClientFacts, value: string, context: RuleContext): Severity {
  if (disallowingFlag(client, value)) return 'error';
  return context.legacyTenant || allowingFlag(client, value) || flagUnknown(client, value) ? 'warning' : 'error';
}

/** Why the tenant's permission for this grant is unknown, in words (the message's middle part). */
function unknownReason(unknown: NonNullable<ReturnType<typeof flagUnknown>>): string {
  if (unknown.why === 'unparsed') return "tenant.json does not parse, so whether this tenant's flags allow it is unknown";
  if (unknown.terraform) return unknown.flag ? `the auth0_tenant flag ${unknown.flag} is computed` : 'the auth0_tenant flags are not known before plan';
  if (unknown.flag) return `${unknown.flag} is a placeholder filled in at deploy time, so whether this tenant allows it is unknown`;
  return 'the tenant flags are a placeholder filled in at deploy time, so whether this tenant allows it is unknown';
}

/**
 * What is wrong (allowed here for now, or rejected) and what to do: its alternative, or removal, or either when
 * both fixes are offered (`removalOffered`: `--fix` applies the removal where it is safe, so a message naming only
 * the replacement would not say what `--fix` does).
 */
function legacyMessage(client: ClientFacts, value: string, severity: Severity, removalOffered: boolean): string {
  const alternative = alternativeFor(client, value);
  const replace = alternative && !client.has(alternative) ? `use '${alternative}'` : undefined;
  const action = replace ? (removalOffered ? `${replace} or remove it` : replace) : 'remove it';
  const unknown = !allowingFlag(client, value) ? flagUnknown(client, value) : undefined;
  const off = disallowingFlag(client, value) !== undefined;
  // The flag's name is in the related information (it would not fit in the message).
  const state = off ? " is turned off by this tenant's flags" : severity === 'error' ? ' works only in tenants from before June 2017' : unknown ? ` may no longer work: ${unknownReason(unknown)}` : ' is still allowed in this tenant';
  return withValue('Legacy grant ', shortName(value), `${state}; ${action}.`);
}

/** The tenant flag that keeps a legacy grant working, and what the seed page says to use instead. */
function legacyRelated(client: ClientFacts, value: string): RelatedInfo[] {
  const off = disallowingFlag(client, value);
  const flag = off ?? allowingFlag(client, value);
  const node = flag ? getValue(client.entry.tenantFlags, flag) : undefined;
  const message = off ? `${flag}: false turns this legacy grant off` : `${flag}: true keeps this legacy grant working for now`;
  return node ? [{ span: { start: node.start, end: node.end }, message }] : [];
}

export const legacyGrantType: Rule = {
  id: 'legacy-grant-type',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'A legacy grant that only tenants created before 8 June 2017 can use.',
  check(client, context) {
    const legacyItems = (client.grants?.items ?? []).filter((item) => isLegacyGrant(item.value));
    const all = planChanges(client, legacyItems);
    const allSafety = safetyOf(all.edits, legacyItems.every((item) => severityFor(client, item.value, context) === 'error'));
    // "Remove" where each legacy grant's alternative is listed already (or it has none): nothing takes its place.
    const verb = all.edits.every((edit) => edit.kind === 'removeItems') ? 'Remove' : 'Replace';
    const replaceAll: Fix = {
      title: titled(`${verb} all legacy grant types in this client`, allSafety, 'changes the grants'),
      edits: all.edits,
      safety: allSafety,
    };
    // One plan per value, shared by its copies: the first copy is replaced and its repeats removed (a repeat left
    // behind would carry the finding on). Planned per item, 30,000 repeats would cost 30,000 lists of 30,000; the
    // severity, message, notes and fixes depend on the value alone, so the copies share them too.
    const byValue = new Map<string, { severity: Severity; message: string; related: readonly RelatedInfo[]; fixes: readonly Fix[] }>();
    return legacyItems.map((item) => {
      let shared = byValue.get(item.value);
      if (!shared) {
        const severity = severityFor(client, item.value, context);
        const copies = client.itemsOf(item.value);
        const own = planChanges(client, copies);
        const removal = removeGrantsEdit(client, copies);
        const safety = safetyOf(own.edits, severity === 'error');
        const mayAllow = severity === 'warning' && !allowingFlag(client, item.value) && flagUnknown(client, item.value);
        // Why the fix is unsafe, not why it is offered: a grant the tenant (still, or perhaps) allows may be one the
        // client uses, and the fix takes it away (U42 read "the tenant allows this grant" as a reason for the fix).
        const note = severity === 'error' ? 'changes the grant' : mayAllow ? 'may still be allowed and in use' : 'still allowed, so it may be in use';
        const fixes: Fix[] = [{ title: titled(own.titles[0]!, safety, note), edits: own.edits, safety }];
        // Where the preferred fix puts the alternative in, removing the grant is offered too: Auth0 rejects a legacy
        // grant on a tenant that does not allow it, so there the removal is the safe fix (rule book, "Safe and
        // unsafe fixes") that `--fix` applies, while the replacement (it grants the alternative) waits for the user.
        const removalOffered = removal !== undefined && own.edits.some((edit) => edit.kind === 'replaceScalar');
        if (removal && removalOffered) {
          const removalSafety = severity === 'error' ? 'safe' : 'unsafe';
          fixes.push({ title: titled(`Remove legacy grant ${q(shortName(item.value))}`, removalSafety, note), edits: [removal], safety: removalSafety });
        }
        fixes.push(replaceAll);
        shared = { severity, message: legacyMessage(client, item.value, severity, removalOffered), related: legacyRelated(client, item.value), fixes };
        byValue.set(item.value, shared);
      }
      return report(this, { node: item, grantItem: item, deprecated: true, severity: shared.severity, message: shared.message, related: shared.related, fixes: shared.fixes });
    });
  },
};
