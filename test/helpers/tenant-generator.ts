/**
 * A seeded generator of realistic deploy-cli tenants: comments, keyword placeholders, mixed app types and quoting,
 * and some invalid combinations. Shared by the tests and the benchmark.
 */
import { Prng } from '../robustness/prng';

const APP_TYPES = ['spa', 'native', 'regular_web', 'non_interactive'] as const;

export interface TenantOptions {
  readonly clients: number;
  readonly seed: number;
  /** Share of clients with a deliberate mistake (0..1). */
  readonly invalidShare?: number;
}

export interface ClientSpec {
  name: string;
  app_type: string;
  token_endpoint_auth_method?: string;
  grant_types: string[];
  callbacks: string[];
  oidc_conformant?: boolean;
  is_first_party?: boolean;
  jwt_configuration: { alg: string; lifetime_in_seconds: number | string };
}

export function clientSpecs(options: TenantOptions): ClientSpec[] {
  const prng = new Prng(options.seed);
  const pick = <T>(list: readonly T[]): T => prng.pick(list);
  const invalidShare = options.invalidShare ?? 0.05;
  const specs: ClientSpec[] = [];
  for (let i = 0; i < options.clients; i++) {
    const appType = pick(APP_TYPES);
    const publicApp = appType === 'spa' || appType === 'native';
    const grants =
      appType === 'non_interactive' ? ['client_credentials'] : publicApp ? ['authorization_code', 'refresh_token'] : ['authorization_code', 'refresh_token', 'client_credentials'];
    const spec: ClientSpec = {
      name: `${pick(['Booking', 'Loyalty', 'Billing', 'Partner', 'Ops', 'Kiosk', 'Search'])} ${appType === 'spa' ? 'SPA' : appType === 'native' ? 'App' : 'Service'} ${i}`,
      app_type: appType,
      token_endpoint_auth_method: publicApp ? 'none' : pick(['client_secret_post', 'client_secret_basic']),
      grant_types: grants,
      callbacks: [`https://app${i}.##ENV##.example.com/callback`],
      oidc_conformant: true,
      jwt_configuration: { alg: 'RS256', lifetime_in_seconds: i % 7 === 0 ? '@@JWT_TIMEOUT@@' : 36000 },
    };
    if (prng.next() < invalidShare) {
      const mistake = pick(['public-cc', 'legacy', 'unknown', 'duplicate', 'implicit', 'no-method']);
      if (mistake === 'public-cc' && publicApp) spec.grant_types.push('client_credentials');
      else if (mistake === 'legacy') spec.grant_types.push('http://auth0.com/oauth/legacy/grant-type/ro');
      else if (mistake === 'unknown') spec.grant_types.push('authorisation_code');
      else if (mistake === 'duplicate') spec.grant_types.push(spec.grant_types[0]!);
      else if (mistake === 'implicit') spec.grant_types.push('implicit');
      else if (mistake === 'no-method' && publicApp) delete spec.token_endpoint_auth_method;
    }
    specs.push(spec);
  }
  return specs;
}

function yamlScalar(value: string | number | boolean, style: number): string {
  if (typeof value !== 'string' || /^@@/.test(value)) return String(value);
  if (style === 1) return JSON.stringify(value);
  if (style === 2) return `'${value}'`;
  return /[#:]\s|^[\[{*&!|>'"%@`]/.test(value) ? JSON.stringify(value) : value;
}

export function generateTenantYaml(options: TenantOptions): string {
  const lines = ['# Tenant exported with auth0-deploy-cli', 'tenant:', '  friendly_name: "Acme ##ENV##"', '  flags:', '    allow_legacy_ro_grant_types: false', '', 'clients:'];
  clientSpecs(options).forEach((c, i) => {
    const style = i % 3;
    lines.push(`  - name: ${yamlScalar(c.name, 1)}`);
    if (i % 10 === 0) lines.push(`    # owned by team ${i % 4}`);
    lines.push(`    app_type: ${c.app_type}`);
    if (c.token_endpoint_auth_method) lines.push(`    token_endpoint_auth_method: ${c.token_endpoint_auth_method}`);
    lines.push('    callbacks:', ...c.callbacks.map((cb) => `      - ${yamlScalar(cb, 1)}`));
    if (i % 4 === 0) lines.push(`    grant_types: [${c.grant_types.map((g) => yamlScalar(g, style)).join(', ')}]`);
    else lines.push('    grant_types:', ...c.grant_types.map((g) => `      - ${yamlScalar(g, style)}`));
    lines.push(`    oidc_conformant: ${c.oidc_conformant}`);
    lines.push('    jwt_configuration:', `      alg: ${c.jwt_configuration.alg}`, `      lifetime_in_seconds: ${c.jwt_configuration.lifetime_in_seconds}`);
  });
  lines.push('', 'resourceServers:', '  - name: Booking API', '    identifier: https://api.acme.example/booking', '');
  return lines.join('\n');
}

/** The same clients as a Management API export (a JSON array), two-space indented. */
export function generateClientsJson(options: TenantOptions): string {
  return JSON.stringify(clientSpecs(options), null, 2) + '\n';
}

/**
 * A tenant as real exports look: besides the fields the rules read, each client carries what the Dashboard and
 * deploy-cli write (description, origins, logout URLs, metadata, refresh token and login settings), about 1.3 KB
 * per client, so 10,000 clients make about 13 MB.
 */
export function generateRealisticTenantYaml(options: TenantOptions): string {
  let index = 0;
  return generateTenantYaml(options).replace(/^ {4}app_type: .*$/gm, (line) => {
    const i = index++;
    const host = `https://app${i}.##ENV##.example.com`;
    return [
      line,
      `    description: "Client ${i} of the booking platform, maintained by team ${i % 17}; see the runbook before changing grants."`,
      `    logo_uri: "https://cdn.example.com/logos/client-${i}.png"`,
      `    initiate_login_uri: "${host}/login"`,
      '    allowed_origins:',
      `      - "${host}"`,
      `      - "https://admin${i}.##ENV##.example.com"`,
      '    web_origins:',
      `      - "${host}"`,
      `      - "https://admin${i}.##ENV##.example.com"`,
      '    allowed_logout_urls:',
      `      - "${host}/logout"`,
      `      - "${host}/signed-out"`,
      '    allowed_clients: []',
      '    cross_origin_auth: false',
      '    custom_login_page_on: true',
      '    sso_disabled: false',
      '    client_metadata:',
      `      owner: "team-${i % 17}@example.com"`,
      `      cost_center: "CC-${1000 + (i % 400)}"`,
      `      tier: "${['gold', 'silver', 'bronze'][i % 3]}"`,
      '    refresh_token:',
      '      expiration_type: expiring',
      '      leeway: 0',
      '      infinite_token_lifetime: false',
      '      infinite_idle_token_lifetime: false',
      '      token_lifetime: 2592000',
      '      idle_token_lifetime: 1296000',
      '      rotation_type: non-rotating',
      '    organization_usage: deny',
    ].join('\n');
  });
}

/**
 * generateTenantYaml's tenant with a `clientGrants:` list after its clients, as real deploy-cli tenants have: `grants`
 * grants, each naming a client by name (now and then a name one letter off, which names no client), for an API of
 * the tenant's, the Management API (on an Auth0 domain or a placeholder) or the My Account API; every fifth client
 * is third-party (`is_first_party: false`), so the client-grant rules have something to find.
 */
export function generateTenantYamlWithGrants(options: TenantOptions & { readonly grants: number }): string {
  const specs = clientSpecs(options);
  let index = 0;
  const text = generateTenantYaml(options).replace(/^ {4}oidc_conformant: .*$/gm, (line) => (index++ % 5 === 4 ? `${line}\n    is_first_party: false` : line));
  const prng = new Prng(options.seed + 1);
  const audiences = ['https://api.acme.example/booking', 'https://##AUTH0_DOMAIN##/api/v2/', 'https://acme.eu.auth0.com/api/v2/', 'https://acme.auth0.com/me/'];
  const lines = ['clientGrants:'];
  for (let i = 0; i < options.grants; i++) {
    const name = specs[Math.floor(prng.next() * specs.length)]!.name;
    const clientId = prng.next() < 0.05 ? name.slice(0, -1) : name;
    lines.push(`  - client_id: ${JSON.stringify(clientId)}`, `    audience: ${prng.pick(audiences)}`, '    scope:', `      - ${prng.pick(['read:bookings', 'read:users', 'create:bookings'])}`);
  }
  return `${text}${lines.join('\n')}\n`;
}
