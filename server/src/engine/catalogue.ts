/**
 * The one grant catalogue: rules, hover, completion and the docs all read it. Facts and sources:
 * auth0-grant-facts.md §1 and the seed page (Client Secret, "Secure Alternatives to the Legacy Grant Types").
 */

export type GrantFamily = 'spec' | 'auth0-extension' | 'legacy' | 'configured-elsewhere';

export interface GrantInfo {
  readonly value: string;
  /** The Dashboard's label. */
  readonly dashboardName: string;
  readonly family: GrantFamily;
  /** Who may use it, in one sentence. */
  readonly whoMayUse: string;
  readonly docs: string;
  readonly docsUrl: string;
  /** For legacy grants: the modern grant to use instead (undefined: remove it). */
  readonly legacyAlternative?: string;
  /** How the seed page describes the alternative. */
  readonly alternativeText?: string;
}

const AUTH0 = 'http://auth0.com/oauth/grant-type/';
const LEGACY = 'http://auth0.com/oauth/legacy/grant-type/';

export const GRANT = {
  authorizationCode: 'authorization_code',
  implicit: 'implicit',
  refreshToken: 'refresh_token',
  clientCredentials: 'client_credentials',
  password: 'password',
  passwordRealm: `${AUTH0}password-realm`,
  mfaOob: `${AUTH0}mfa-oob`,
  mfaOtp: `${AUTH0}mfa-otp`,
  mfaRecoveryCode: `${AUTH0}mfa-recovery-code`,
  passwordlessOtp: `${AUTH0}passwordless/otp`,
  deviceCode: 'urn:ietf:params:oauth:grant-type:device_code',
  ciba: 'urn:openid:params:grant-type:ciba',
  tokenVault: 'urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token',
  passkey: 'urn:okta:params:oauth:grant-type:webauthn',
  tokenExchange: 'urn:ietf:params:oauth:grant-type:token-exchange',
  jwtBearer: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
  legacyRo: `${LEGACY}ro`,
  legacyRoJwtBearer: `${LEGACY}ro/jwt-bearer`,
  legacyDelegationRefreshToken: `${LEGACY}delegation/refresh_token`,
  legacyDelegationIdToken: `${LEGACY}delegation/id_token`,
  legacyAccessToken: `${LEGACY}access_token`,
} as const;

const DOCS = 'https://auth0.com/docs/';

export const GRANTS: readonly GrantInfo[] = [
  {
    value: GRANT.authorizationCode,
    dashboardName: 'Authorization Code',
    family: 'spec',
    whoMayUse: 'Every application; third-party applications must use it with PKCE.',
    docs: 'Browser-based login through Universal Login: the recommended grant for web, single-page and native apps (with PKCE for public clients).',
    docsUrl: `${DOCS}get-started/applications/application-grant-types`,
  },
  {
    value: GRANT.implicit,
    dashboardName: 'Implicit',
    family: 'spec',
    whoMayUse: 'First-party public and confidential applications; not third-party applications in strict mode.',
    docs: 'Returns tokens straight from the authorization endpoint. The OAuth 2.0 Security BCP (RFC 9700) says not to use it: use Authorization Code with PKCE.',
    docsUrl: `${DOCS}get-started/applications/application-grant-types`,
  },
  {
    value: GRANT.refreshToken,
    dashboardName: 'Refresh Token',
    family: 'spec',
    whoMayUse: 'Every application.',
    docs: 'Exchanges a refresh token for new tokens at /oauth/token. Refresh-token rotation needs this grant and oidc_conformant: true.',
    docsUrl: `${DOCS}secure/tokens/refresh-tokens`,
  },
  {
    value: GRANT.clientCredentials,
    dashboardName: 'Client Credentials',
    family: 'spec',
    whoMayUse: 'Confidential applications only (token_endpoint_auth_method is not "none").',
    docs: 'Machine-to-machine tokens for the application itself. A public application cannot hold a secret, so Auth0 rejects it there ("Invalid grant types: client_credentials").',
    docsUrl: `${DOCS}get-started/authentication-and-authorization-flow/client-credentials-flow`,
  },
  {
    value: GRANT.password,
    dashboardName: 'Password',
    family: 'spec',
    whoMayUse: 'Trusted first-party applications only.',
    docs: 'Resource Owner Password grant. The Dashboard turns on Password, Password Realm and the three MFA grants together.',
    docsUrl: `${DOCS}get-started/authentication-and-authorization-flow/resource-owner-password-flow`,
  },
  {
    value: GRANT.passwordRealm,
    dashboardName: 'Password (realm)',
    family: 'auth0-extension',
    whoMayUse: 'Trusted first-party applications only.',
    docs: 'Auth0 extension of the Password grant that names the connection (realm) to use.',
    docsUrl: `${DOCS}get-started/applications/application-grant-types`,
  },
  {
    value: GRANT.mfaOob,
    dashboardName: 'MFA (out-of-band)',
    family: 'auth0-extension',
    whoMayUse: 'Trusted first-party applications only.',
    docs: 'MFA API: completes a login with an out-of-band challenge (push, SMS, voice).',
    docsUrl: `${DOCS}secure/multi-factor-authentication/authenticate-using-ropg-flow-with-mfa`,
  },
  {
    value: GRANT.mfaOtp,
    dashboardName: 'MFA (one-time password)',
    family: 'auth0-extension',
    whoMayUse: 'Trusted first-party applications only.',
    docs: 'MFA API: completes a login with a one-time password.',
    docsUrl: `${DOCS}secure/multi-factor-authentication/authenticate-using-ropg-flow-with-mfa`,
  },
  {
    value: GRANT.mfaRecoveryCode,
    dashboardName: 'MFA (recovery code)',
    family: 'auth0-extension',
    whoMayUse: 'Trusted first-party applications only.',
    docs: 'MFA API: completes a login with a recovery code.',
    docsUrl: `${DOCS}secure/multi-factor-authentication/authenticate-using-ropg-flow-with-mfa`,
  },
  {
    value: GRANT.passwordlessOtp,
    dashboardName: 'Passwordless OTP',
    family: 'auth0-extension',
    whoMayUse: 'Applications other than single-page apps.',
    docs: 'Embedded passwordless login with a one-time code sent by email or SMS. It cannot be enabled on SPA applications.',
    docsUrl: `${DOCS}authenticate/database-connections/auth-api-passwordless-db-connections`,
  },
  {
    value: GRANT.deviceCode,
    dashboardName: 'Device Code',
    family: 'spec',
    whoMayUse: 'Native, OIDC-conformant applications with token_endpoint_auth_method "none".',
    docs: 'Device Authorization Flow for input-constrained devices (TVs, CLIs).',
    docsUrl: `${DOCS}get-started/authentication-and-authorization-flow/device-authorization-flow`,
  },
  {
    value: GRANT.ciba,
    dashboardName: 'CIBA',
    family: 'spec',
    whoMayUse: 'First-party, confidential, OIDC-conformant applications.',
    docs: 'Client-Initiated Backchannel Authentication: the user approves the login on another device.',
    docsUrl: `${DOCS}get-started/applications/configure-client-initiated-backchannel-authentication`,
  },
  {
    value: GRANT.tokenVault,
    dashboardName: 'Token Vault',
    family: 'auth0-extension',
    whoMayUse: 'First-party, confidential, OIDC-conformant applications.',
    docs: 'Exchanges an Auth0 token for an access token of a connected external provider held in the Token Vault.',
    docsUrl: `${DOCS}secure/tokens/token-vault/configure-token-vault`,
  },
  {
    value: GRANT.passkey,
    dashboardName: 'Passkey',
    family: 'auth0-extension',
    whoMayUse: 'First-party applications using the embedded passkey APIs.',
    docs: 'Needed for the embedded Passkey APIs (WebAuthn).',
    docsUrl: `${DOCS}authenticate/database-connections/passkeys/passkey-apis`,
  },
  {
    value: GRANT.tokenExchange,
    dashboardName: 'Token Exchange',
    family: 'configured-elsewhere',
    whoMayUse: 'Turned on through the client\'s token_exchange settings, not grant_types.',
    docs: 'Custom Token Exchange and On-Behalf-Of are enabled with token_exchange.allow_any_profile_of_type.',
    docsUrl: `${DOCS}authenticate/custom-token-exchange`,
  },
  {
    value: GRANT.jwtBearer,
    dashboardName: 'JWT Bearer (Cross App Access)',
    family: 'configured-elsewhere',
    whoMayUse: 'Turned on through identity_assertion_authorization_grant, not grant_types.',
    docs: 'Cross App Access is enabled with identity_assertion_authorization_grant.active.',
    docsUrl: `${DOCS}get-started/applications/application-grant-types`,
  },
  {
    value: GRANT.legacyRo,
    dashboardName: 'Legacy: Resource Owner',
    family: 'legacy',
    whoMayUse: 'Only tenants created before 8 June 2017 (flag allow_legacy_ro_grant_types).',
    docs: 'The /oauth/ro endpoint.',
    docsUrl: `${DOCS}get-started/applications/application-grant-types`,
    legacyAlternative: GRANT.password,
    alternativeText: 'Use the /oauth/token endpoint with the password grant.',
  },
  {
    value: GRANT.legacyRoJwtBearer,
    dashboardName: 'Legacy: RO JWT Bearer',
    family: 'legacy',
    whoMayUse: 'Only tenants created before 8 June 2017 (flag allow_legacy_ro_grant_types).',
    docs: 'JWT bearer exchange at /oauth/ro.',
    docsUrl: `${DOCS}get-started/applications/application-grant-types`,
    alternativeText: 'Disabled by default; contact Auth0 support about the use case.',
  },
  {
    value: GRANT.legacyDelegationRefreshToken,
    dashboardName: 'Legacy: Delegation (refresh token)',
    family: 'legacy',
    whoMayUse: 'Only tenants created before 8 June 2017 (flag allow_legacy_delegation_grant_types).',
    docs: 'Refresh tokens through the /delegation endpoint.',
    docsUrl: `${DOCS}get-started/applications/application-grant-types`,
    legacyAlternative: GRANT.refreshToken,
    alternativeText: 'Use the /oauth/token endpoint to obtain refresh tokens (OIDC-conformant refresh tokens).',
  },
  {
    value: GRANT.legacyDelegationIdToken,
    dashboardName: 'Legacy: Delegation (ID token)',
    family: 'legacy',
    whoMayUse: 'Only tenants created before 8 June 2017 (flag allow_legacy_delegation_grant_types).',
    docs: 'Exchanging an ID token through the /delegation endpoint.',
    docsUrl: `${DOCS}get-started/applications/application-grant-types`,
    alternativeText: 'Disabled by default; contact Auth0 support about the use case.',
  },
  {
    value: GRANT.legacyAccessToken,
    dashboardName: 'Legacy: Access Token',
    family: 'legacy',
    whoMayUse: 'Only tenants created before 8 June 2017.',
    docs: 'Social provider access token exchange at /oauth/access_token.',
    docsUrl: `${DOCS}get-started/applications/application-grant-types`,
    legacyAlternative: GRANT.authorizationCode,
    alternativeText: 'Use browser-based social login (Authorization Code through Universal Login).',
  },
];

const BY_VALUE = new Map(GRANTS.map((g) => [g.value, g]));

export function grantInfo(value: string): GrantInfo | undefined {
  return BY_VALUE.get(value);
}

export function isKnownGrant(value: string): boolean {
  return BY_VALUE.has(value);
}

export const FIRST_PARTY_ONLY_GRANTS: readonly string[] = [
  GRANT.password,
  GRANT.passwordRealm,
  GRANT.mfaOob,
  GRANT.mfaOtp,
  GRANT.mfaRecoveryCode,
];

/**
 * The Dashboard's grant groups (rule book, "Dashboard grant groups"): its "Password" toggle turns on `password` and
 * `password-realm` together, its "MFA" toggle the three `mfa-*` grants. A client may hold one group and not the other.
 */
export const DASHBOARD_GRANT_GROUPS: readonly { readonly name: string; readonly grants: readonly string[] }[] = [
  { name: 'Password', grants: [GRANT.password, GRANT.passwordRealm] },
  { name: 'MFA', grants: [GRANT.mfaOob, GRANT.mfaOtp, GRANT.mfaRecoveryCode] },
];

export const LEGACY_RO_GRANTS: readonly string[] = [GRANT.legacyRo, GRANT.legacyRoJwtBearer];
export const LEGACY_DELEGATION_GRANTS: readonly string[] = [GRANT.legacyDelegationRefreshToken, GRANT.legacyDelegationIdToken];

export function isLegacyGrant(value: string): boolean {
  return BY_VALUE.get(value)?.family === 'legacy';
}

/** The auth0 CLI's `--grants` short names (matched case-insensitively). */
export const CLI_SHORT_NAMES: ReadonlyMap<string, string> = new Map([
  ['code', GRANT.authorizationCode],
  ['authorization-code', GRANT.authorizationCode],
  ['implicit', GRANT.implicit],
  ['refresh-token', GRANT.refreshToken],
  ['credentials', GRANT.clientCredentials],
  ['client-credentials', GRANT.clientCredentials],
  ['password', GRANT.password],
  ['password-realm', GRANT.passwordRealm],
  ['mfa-oob', GRANT.mfaOob],
  ['mfa-otp', GRANT.mfaOtp],
  ['mfa-recovery-code', GRANT.mfaRecoveryCode],
  ['device-code', GRANT.deviceCode],
]);

/** app_type values of the Management API's enum (facts §2). */
export const APP_TYPES: readonly string[] = [
  'native', 'spa', 'regular_web', 'non_interactive', 'resource_server', 'express_configuration', 'sso_integration', 'oag',
  'rms', 'box', 'cloudbees', 'concur', 'dropbox', 'mscrm', 'echosign', 'egnyte', 'newrelic', 'office365', 'salesforce',
  'sentry', 'sharepoint', 'slack', 'springcm', 'zendesk', 'zoom',
];

export const AUTH_METHODS: readonly string[] = ['none', 'client_secret_post', 'client_secret_basic'];
/** Methods that belong under client_authentication_methods; Terraform's authentication_method accepts them too. */
export const CREDENTIAL_AUTH_METHODS: readonly string[] = ['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth'];
