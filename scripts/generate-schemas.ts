/**
 * Writes schemas/*.schema.json and the rule list of package.json's `grantlint.rules` setting from the engine's
 * grant catalogue and rule registry, so editor completion and the linter name the same values.
 * Run with `npx tsx scripts/generate-schemas.ts` after adding a rule or a grant; test/schemas.test.ts fails
 * until the files match the registry again.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_TYPES, AUTH_METHODS, CREDENTIAL_AUTH_METHODS, GRANTS } from '../server/src/engine/catalogue';
import { ALL_RULES } from '../server/src/engine/rules/index';

const root = join(__dirname, '..');
const SCHEMA_BASE = 'https://github.com/grantlint/grantlint/raw/main/schemas/';
const SEVERITY_SETTINGS = ['off', 'hint', 'information', 'warning', 'error'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function write(path: string, value: Json): void {
  writeFileSync(join(root, path), `${JSON.stringify(value, null, 2)}\n`);
}

function grantDescription(grant: (typeof GRANTS)[number]): string {
  const parts = [`**${grant.dashboardName}**`];
  if (grant.family === 'legacy') parts.push('(legacy, deprecated)');
  parts.push(`— ${grant.docs} ${grant.whoMayUse}`);
  if (grant.alternativeText) parts.push(`Instead: ${grant.alternativeText}`);
  return parts.join(' ');
}

const stringList = (description: string): Json => ({ type: 'array', description, items: { type: 'string' } });

const clientSchema: Json = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: `${SCHEMA_BASE}auth0-client.schema.json`,
  title: 'Auth0 client (application)',
  description:
    'An Auth0 client as the Management API and auth0-deploy-cli read it. Only the shape is checked here; which grant_types combinations Auth0 accepts is checked by Grantlint.',
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, description: 'The application name; auth0-deploy-cli matches clients by it.' },
    description: { type: 'string', description: 'Free-text description of the application.' },
    app_type: {
      description:
        'The application type. It decides the grants the Dashboard offers: native and spa apps are public clients, regular_web and non_interactive apps confidential.',
      // The known values complete; any string validates (unknown-app-type reports a wrong one, with the nearest).
      anyOf: [{ enum: [...APP_TYPES] }, { type: 'string' }],
      examples: [...APP_TYPES],
    },
    token_endpoint_auth_method: {
      description:
        'How the application authenticates at the token endpoint. "none" makes it a public client (no client_credentials grant). Leave it null when client_authentication_methods (Private Key JWT, mTLS) is set.',
      // Completion only: invalid-auth-method reports any other value.
      anyOf: [{ enum: [...AUTH_METHODS] }, { type: 'string' }, { type: 'null' }],
      examples: [...AUTH_METHODS],
    },
    client_authentication_methods: {
      type: 'object',
      description:
        'Private Key JWT and mTLS credentials. When set, token_endpoint_auth_method should be null. auth0-deploy-cli manages these credentials separately.',
      properties: Object.fromEntries(
        CREDENTIAL_AUTH_METHODS.map((method) => [
          method,
          {
            type: 'object',
            properties: { credentials: { type: 'array', items: { type: 'object' } } },
          },
        ]),
      ),
    },
    grant_types: {
      // No `type`: grant-types-type reports a value that is not a list of strings, with a fix.
      description:
        'The grants the application may use at the token endpoint. Unknown values and invalid combinations are reported by Grantlint.',
      items: {
        // Known values are offered for completion; any other string is left to the linter, which names the
        // nearest known value instead of a bare schema error.
        anyOf: [
          {
            enum: GRANTS.map((g) => g.value),
            markdownEnumDescriptions: GRANTS.map(grantDescription),
          },
          // Anything else is valid for the schema: unknown-grant-type and grant-types-type report it, with a fix.
          {},
        ],
      },
      examples: [['authorization_code', 'refresh_token'], ['client_credentials']],
    },
    is_first_party: {
      type: 'boolean',
      description:
        'Whether the application is first-party. Password, MFA, CIBA and Token Vault grants need a first-party app. Cannot be changed after creation.',
    },
    third_party_security_mode: {
      enum: ['strict', 'permissive'],
      description:
        'For third-party applications: strict allows only authorization_code, refresh_token and (confidential apps) client_credentials; permissive allows most grants except password. Fixed at creation.',
    },
    oidc_conformant: {
      type: 'boolean',
      description:
        'OIDC-conformant mode. Device Code, CIBA, Token Vault and refresh-token rotation need it. Through the Management API a new client gets false unless this is set.',
    },
    external_client_id: {
      type: 'string',
      description:
        'Client ID Metadata Document (CIMD) URL. CIMD clients may use only authorization_code and refresh_token, must be OIDC-conformant, and authenticate with none or Private Key JWT (no client secret).',
    },
    refresh_token: {
      type: 'object',
      description: 'Refresh token settings.',
      properties: {
        rotation_type: {
          enum: ['rotating', 'non-rotating'],
          description: 'Rotation needs the refresh_token grant and oidc_conformant: true.',
        },
        expiration_type: { enum: ['expiring', 'non-expiring'] },
        leeway: { type: 'integer', minimum: 0 },
        token_lifetime: { type: 'integer', minimum: 0 },
        infinite_token_lifetime: { type: 'boolean' },
        idle_token_lifetime: { type: 'integer', minimum: 0 },
        infinite_idle_token_lifetime: { type: 'boolean' },
        policies: {
          type: 'array',
          description: 'Multi-Resource Refresh Token policies: first-party applications with the refresh_token grant only.',
          items: {
            type: 'object',
            properties: { audience: { type: 'string' }, scope: { type: 'array', items: { type: 'string' } } },
          },
        },
      },
    },
    jwt_configuration: {
      type: 'object',
      properties: {
        alg: { enum: ['HS256', 'RS256', 'RS512', 'PS256'], description: 'ID token signing algorithm. Strict third-party applications must use RS256.' },
        lifetime_in_seconds: { type: 'integer', minimum: 0 },
        secret_encoded: { type: 'boolean' },
        scopes: { type: 'object' },
      },
    },
    token_exchange: {
      type: 'object',
      description:
        'Turns on token exchange profiles (Custom Token Exchange, On-Behalf-Of) instead of listing the token-exchange grant.',
      properties: { allow_any_profile_of_type: { type: 'array', items: { type: 'string' } } },
    },
    async_approval_notification_channels: {
      type: 'array',
      description: 'CIBA notification channels; they only matter with the CIBA grant.',
      items: { enum: ['guardian-push', 'email'] },
    },
    token_vault_privileged_access: {
      type: 'object',
      description:
        'Token Vault privileged worker access: needs a first-party, confidential, OIDC-conformant client with the Token Vault grant.',
    },
    token_quota: {
      type: 'object',
      description: 'Token quotas.',
      properties: {
        client_credentials: {
          type: 'object',
          description: 'Limits Client Credentials tokens; it only matters with the client_credentials grant.',
          properties: { enforce: { type: 'boolean' }, per_day: { type: 'integer', minimum: 0 }, per_hour: { type: 'integer', minimum: 0 } },
        },
      },
    },
    callbacks: stringList('Allowed callback URLs after login.'),
    allowed_logout_urls: stringList('Allowed URLs to return to after logout.'),
    allowed_origins: stringList('Allowed origins for cross-origin requests.'),
    web_origins: stringList('Allowed web origins (silent authentication, web message response mode).'),
    allowed_clients: stringList('Clients allowed to request delegation tokens for this one.'),
    cross_origin_authentication: { type: 'boolean', description: 'Allow cross-origin authentication (embedded login).' },
    cross_origin_auth: { type: 'boolean', description: 'Deprecated name of cross_origin_authentication.', deprecationMessage: 'Use cross_origin_authentication.' },
    sso: { type: 'boolean' },
    sso_disabled: { type: 'boolean' },
    custom_login_page_on: { type: 'boolean' },
    custom_login_page: { type: 'string' },
    logo_uri: { type: 'string' },
    initiate_login_uri: { type: 'string' },
    resource_server_identifier: { type: 'string', description: 'Only for app_type resource_server.' },
    require_proof_of_possession: { type: 'boolean' },
    compliance_level: { type: ['string', 'null'] },
    client_metadata: { type: 'object', additionalProperties: { type: 'string' } },
  },
  // Auth0 has many more client fields; their absence from this schema is not an error.
  additionalProperties: true,
};

const tenantSchema: Json = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: `${SCHEMA_BASE}tenant.schema.json`,
  title: 'auth0-deploy-cli tenant.yaml',
  description: 'The YAML format of auth0-deploy-cli. Only the parts Grantlint reads are described.',
  type: 'object',
  properties: {
    tenant: {
      type: 'object',
      properties: {
        friendly_name: { type: 'string' },
        flags: {
          type: 'object',
          properties: {
            allow_legacy_ro_grant_types: {
              type: 'boolean',
              description: 'Tenants from before 8 June 2017: lets clients keep the legacy /oauth/ro grants.',
            },
            allow_legacy_delegation_grant_types: {
              type: 'boolean',
              description: 'Tenants from before 8 June 2017: lets clients keep the legacy /delegation grants.',
            },
            allow_legacy_tokeninfo_endpoint: { type: 'boolean', description: 'Keeps the legacy /tokeninfo endpoint.' },
          },
          additionalProperties: true,
        },
      },
      additionalProperties: true,
    },
    clients: {
      type: 'array',
      description: 'The tenant\'s applications; auth0-deploy-cli matches them by name.',
      items: { $ref: './auth0-client.schema.json' },
    },
  },
  additionalProperties: true,
};

const ruleIds = ALL_RULES.map((r) => r.id);
const severity: Json = { enum: SEVERITY_SETTINGS };
const rulesObject = (description: string): Json => ({
  type: 'object',
  description,
  properties: Object.fromEntries(ALL_RULES.map((r) => [r.id, { ...(severity as object), description: r.summary } as Json])),
  additionalProperties: false,
});
const globs: Json = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };

const rcSchema: Json = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: `${SCHEMA_BASE}grantlintrc.schema.json`,
  title: 'Grantlint configuration (.grantlintrc.json)',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    rules: rulesObject('Severity per rule id: off, hint, information, warning or error.'),
    legacyTenant: {
      type: 'boolean',
      description: 'The tenant was created before 8 June 2017, so legacy grants may still be allowed.',
    },
    ignore: { ...(globs as object), description: 'Globs of files and folders not to lint, relative to this file, read as .gitignore lines, as git reads them: one without "/" matches a file or folder name at any depth, a trailing "/" folders only, a folder matched leaves out everything under it, "!" re-includes what the lines above left out (not inside a folder left out), and "#" starts a comment.' } as Json,
    overrides: {
      type: 'array',
      description: 'Rule severities for some files, or for a part of a file given by a JSON pointer.',
      items: {
        type: 'object',
        required: ['files'],
        properties: {
          files: { ...(globs as object), description: 'Globs of files and folders relative to this file, read as the ignore globs are.' } as Json,
          pointer: { type: 'string', pattern: '^(/.*)?$', description: 'A JSON pointer such as "/clients/0".' },
          rules: rulesObject('Severity per rule id for the matching files or pointer.'),
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};

write('schemas/auth0-client.schema.json', clientSchema);
write('schemas/tenant.schema.json', tenantSchema);
write('schemas/grantlintrc.schema.json', rcSchema);

// The editor setting names the same rules, so settings.json offers them too.
const pkgPath = join(root, 'package.json');
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
const rulesSetting = pkg.contributes?.configuration?.properties?.['grantlint.rules'];
if (rulesSetting) {
  rulesSetting.properties = Object.fromEntries(ALL_RULES.map((r) => [r.id, { enum: SEVERITY_SETTINGS, description: r.summary }]));
  writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
}
console.log(`schemas written (${ruleIds.length} rules, ${GRANTS.length} grants)`);
