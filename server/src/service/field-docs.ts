/** What the client fields mean, for hover and completion (facts: auth0-grant-facts.md §2, the seed page). */

export interface ValueDoc {
  readonly value: string;
  /** One line, shown as a completion's detail. */
  readonly summary: string;
}

export const AUTH_METHOD_DOCS: readonly ValueDoc[] = [
  { value: 'none', summary: 'Public: no client secret (Dashboard "None"). Native and single-page apps. Cannot use client_credentials.' },
  { value: 'client_secret_post', summary: 'Confidential: the secret is sent in HTTP POST parameters (Dashboard "Post").' },
  { value: 'client_secret_basic', summary: 'Confidential: the secret is sent with HTTP Basic authentication (Dashboard "Basic").' },
];

export const AUTH_METHOD_INTRO =
  'How the application authenticates at the token endpoint. `none` makes it **public** (no secret: Native and Single Page Applications). Any other value makes it **confidential** (Regular Web and Machine to Machine applications), and so does leaving it unspecified. Private Key JWT and mTLS belong under `client_authentication_methods`, with this field set to `null`.';

/**
 * Terraform's `auth0_client_credentials.authentication_method`, which also takes the key and certificate methods
 * (facts §7, terraform-provider-auth0 docs/resources/client_credentials.md).
 */
export const TERRAFORM_AUTH_METHOD_DOCS: readonly ValueDoc[] = [
  ...AUTH_METHOD_DOCS,
  { value: 'private_key_jwt', summary: 'Confidential: authenticates with a signed JWT (Private Key JWT); the keys are set in this resource.' },
  { value: 'tls_client_auth', summary: 'Confidential: authenticates with a CA-signed client certificate (mTLS).' },
  { value: 'self_signed_tls_client_auth', summary: 'Confidential: authenticates with a self-signed client certificate (mTLS).' },
];

/**
 * Terraform: the method lives in `auth0_client_credentials` (provider v1), and without such a resource the provider
 * sets it on create from `app_type` (facts §7, internal/auth0/client/expand.go L92-99).
 */
export const TERRAFORM_AUTH_METHOD_INTRO =
  'How the application authenticates at the token endpoint, set on its `auth0_client_credentials` resource. `none` makes it **public** (no secret: Native and Single Page Applications); any other value makes it **confidential**. Without a credentials resource the provider sets it on create: `none` for `spa` and `native`, `client_secret_post` otherwise.';

/**
 * Terraform: `token_endpoint_auth_method` on `auth0_client` is the method in auth0 provider versions before 1.0;
 * v1 and later reject it there at plan time (facts §7, terraform-provider-auth0 CHANGELOG and MIGRATION_GUIDE v1).
 */
export const TERRAFORM_PRE_V1_METHOD_NOTE =
  '**Terraform:** auth0 provider versions before 1.0 read the auth method here, and so does Grantlint; v1 and later reject this attribute on `auth0_client` at plan time and read `auth0_client_credentials.authentication_method` instead. Written beside such a resource, neither is applied by any provider version.';

const APP_TYPE_SUMMARIES: Readonly<Record<string, string>> = {
  native: 'Native app (mobile, desktop, CLI). Public: set token_endpoint_auth_method to none.',
  spa: 'Single Page Application running in the browser. Public: set token_endpoint_auth_method to none.',
  regular_web: 'Regular Web Application with a server-side back end. Confidential.',
  non_interactive: 'Machine to Machine application. Confidential; uses client_credentials.',
  resource_server: 'The client of an API (resource server). Its grant_types default to [].',
  express_configuration: 'Express configuration client. Without grant_types it gets authorization_code and client_credentials.',
  sso_integration: 'A single sign-on integration.',
  oag: 'An Okta Access Gateway application.',
};

export function appTypeSummary(value: string): string {
  return APP_TYPE_SUMMARIES[value] ?? `A single sign-on integration (${value}).`;
}

/** Terraform: the provider derives the create-time auth method from app_type (facts §7). */
export const TERRAFORM_APP_TYPE_INTRO =
  'The kind of application, as the Dashboard shows it. Without an `auth0_client_credentials` resource the provider sets the auth method from it on create (`none` for `spa` and `native`, `client_secret_post` otherwise); with one, its `authentication_method` decides.';

/** In Terraform, where an app type's summary says to set the API's field, the credentials resource's field is meant. */
export function terraformAppTypeSummary(value: string): string {
  return appTypeSummary(value).replace('set token_endpoint_auth_method to none', 'authentication_method none');
}

export const APP_TYPE_INTRO =
  'The kind of application, as the Dashboard shows it. Auth0 does not derive `token_endpoint_auth_method` from it: a `spa` or `native` app needs `token_endpoint_auth_method: none` set explicitly, or Auth0 treats it as confidential.';

export const FIRST_PARTY_INTRO =
  'Whether the application is a trusted first-party application (absent means first-party). Third-party applications cannot use the password and MFA grants, CIBA or Token Vault, and in strict mode only authorization_code, refresh_token and client_credentials. It cannot be changed after the client is created.';
