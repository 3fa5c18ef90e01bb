/** The one registry: diagnostics, hover, docs pages, SARIF and the CLI all read the rules from here. */
import type { ClientGrantRule, Rule, RuleMeta } from './api';
import { clientGrantWithoutClientCredentials } from './client-grant-without-client-credentials';
import { thirdPartySystemApiGrant } from './third-party-system-api-grant';
import { authMethodConflict } from './auth-method-conflict';
import { cibaChannelsWithoutCiba } from './ciba-channels-without-ciba';
import { cibaRequirements } from './ciba-requirements';
import { cimdAuthMethod } from './cimd-auth-method';
import { cimdGrants } from './cimd-grants';
import { deviceCodeRequirements } from './device-code-requirements';
import { duplicateGrantType } from './duplicate-grant-type';
import { firstPartyOnlyGrant } from './first-party-only-grant';
import { grantConfiguredElsewhere } from './grant-configured-elsewhere';
import { grantTypesType } from './grant-types-type';
import { implicitGrant } from './implicit-grant';
import { invalidAuthMethod } from './invalid-auth-method';
import { legacyGrantType } from './legacy-grant-type';
import { m2mWithoutClientCredentials } from './m2m-without-client-credentials';
import { missingGrantTypes } from './missing-grant-types';
import { oidcConformantUnset } from './oidc-conformant-unset';
import { passwordMfaGroup } from './password-mfa-group';
import { passwordlessOtpSpa } from './passwordless-otp-spa';
import { publicAppTypeWithoutNone } from './public-app-type-without-none';
import { publicClientCredentials } from './public-client-credentials';
import { refreshTokenPolicies } from './refresh-token-policies';
import { refreshTokenRotation } from './refresh-token-rotation';
import { secretOnPublicAppType } from './secret-on-public-app-type';
import { thirdPartyGrant } from './third-party-grant';
import { thirdPartyTokenSettings } from './third-party-token-settings';
import { tokenQuotaWithoutClientCredentials } from './token-quota-without-client-credentials';
import { tokenVaultPrivilegedAccess } from './token-vault-privileged-access';
import { tokenVaultRequirements } from './token-vault-requirements';
import { unknownAppType } from './unknown-app-type';
import { unknownGrantType } from './unknown-grant-type';

/** Client rules, in the rule book's order. */
export const CLIENT_RULES: readonly Rule[] = [
  unknownGrantType,
  duplicateGrantType,
  grantTypesType,
  missingGrantTypes,
  legacyGrantType,
  publicClientCredentials,
  firstPartyOnlyGrant,
  passwordMfaGroup,
  deviceCodeRequirements,
  cibaRequirements,
  tokenVaultRequirements,
  passwordlessOtpSpa,
  thirdPartyGrant,
  oidcConformantUnset,
  cimdGrants,
  grantConfiguredElsewhere,
  implicitGrant,
  invalidAuthMethod,
  authMethodConflict,
  publicAppTypeWithoutNone,
  secretOnPublicAppType,
  m2mWithoutClientCredentials,
  unknownAppType,
  refreshTokenRotation,
  cimdAuthMethod,
  refreshTokenPolicies,
  tokenVaultPrivilegedAccess,
  thirdPartyTokenSettings,
  cibaChannelsWithoutCiba,
  tokenQuotaWithoutClientCredentials,
];

/** Client-grant rules (a client grant and the client it names), in the rule book's order. */
export const CLIENT_GRANT_RULES: readonly ClientGrantRule[] = [clientGrantWithoutClientCredentials, thirdPartySystemApiGrant];

/** Findings the engine itself makes about the file rather than a client. */
export const UNUSED_SUPPRESSION: RuleMeta = {
  id: 'unused-suppression',
  defaultSeverity: 'warning',
  fixable: false,
  summary: 'A grantlint-disable comment that silences nothing, or names an unknown rule.',
};

export const PARSE_ERROR: RuleMeta = {
  id: 'parse-error',
  defaultSeverity: 'error',
  fixable: false,
  summary: 'A client config file that does not parse as JSON, YAML or HCL.',
};

export const FILE_TOO_LARGE: RuleMeta = {
  id: 'file-too-large',
  defaultSeverity: 'warning',
  fixable: false,
  summary: 'A client config file larger than the size limit, which is not checked.',
};

export const TOO_MANY_FINDINGS: RuleMeta = {
  id: 'too-many-findings',
  defaultSeverity: 'information',
  fixable: false,
  summary: 'In the editor: more findings than are shown for one file (the CLI lists them all).',
};

/** Every rule in the rule book's order: the client-grant rules stand after refresh-token-rotation. */
const BOOK_ORDER: readonly RuleMeta[] = (() => {
  const at = CLIENT_RULES.findIndex((rule) => rule.id === 'refresh-token-rotation') + 1;
  return [...CLIENT_RULES.slice(0, at), ...CLIENT_GRANT_RULES, ...CLIENT_RULES.slice(at)];
})();

export const ALL_RULES: readonly RuleMeta[] = [...BOOK_ORDER, UNUSED_SUPPRESSION, PARSE_ERROR, FILE_TOO_LARGE, TOO_MANY_FINDINGS];

const BY_ID = new Map(ALL_RULES.map((rule) => [rule.id, rule]));

export function ruleById(id: string): RuleMeta | undefined {
  return BY_ID.get(id);
}

/**
 * When several rules flag one grant item, the first in this order reports it (rule book, "Where a finding
 * points").
 */
export const GRANT_ITEM_PRECEDENCE: readonly string[] = [
  'unknown-grant-type',
  'duplicate-grant-type',
  'legacy-grant-type',
  'first-party-only-grant',
  'public-client-credentials',
  'device-code-requirements',
  'ciba-requirements',
  'token-vault-requirements',
  'passwordless-otp-spa',
  'cimd-grants',
  'third-party-grant',
  'grant-configured-elsewhere',
  'implicit-grant',
];
