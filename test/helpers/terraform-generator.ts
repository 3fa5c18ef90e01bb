/**
 * A seeded Terraform module in HCL with the clients of tenant-generator.ts: per client an `auth0_client` resource
 * (aligned as `terraform fmt` writes it, grants on one line or over lines with comments, a `jwt_configuration`
 * and a `refresh_token` block) and its `auth0_client_credentials` resource holding the auth method. Shared by the
 * tests and the benchmark (`npm run bench`: one file for the server, a module of two files for the CLI).
 */
import { clientSpecs, type TenantOptions } from './tenant-generator';

export interface TerraformOptions extends TenantOptions {
  /** All credentials resources after all clients (as a module with a credentials section), not each after its client. */
  readonly credentialsLast?: boolean;
}

/** One `.tf` file: each client's credentials resource after it, or all after all clients (`credentialsLast`). */
export function generateTerraformHcl(options: TerraformOptions): string {
  const { clients, credentials } = terraformBlocks(options);
  return [...clients, ...credentials].join('\n');
}

/**
 * A module of two files, as teams split one: `main.tf` the clients, `credentials.tf` their credentials
 * resources (linked across the files by `client_id`). File name → text.
 */
export function generateTerraformModule(options: TenantOptions): Record<string, string> {
  const { clients, credentials } = terraformBlocks({ ...options, credentialsLast: true });
  return { 'main.tf': clients.join('\n'), 'credentials.tf': credentials.join('\n') };
}

function terraformBlocks(options: TerraformOptions): { clients: string[]; credentials: string[] } {
  const out: string[] = ['# Auth0 clients, managed with the auth0/auth0 provider', ''];
  const credentials: string[] = [];
  clientSpecs(options).forEach((c, i) => {
    const id = `client_${i}`;
    out.push(`resource "auth0_client" "${id}" {`);
    out.push(`  name            = ${JSON.stringify(c.name)}`);
    out.push(`  app_type        = ${JSON.stringify(c.app_type)}`);
    out.push(`  oidc_conformant = ${c.oidc_conformant ?? true}`);
    out.push(`  callbacks       = [${c.callbacks.map((cb) => JSON.stringify(cb.replace('##ENV##', 'prod'))).join(', ')}]`);
    if (i % 3 === 0) {
      out.push('  grant_types = [');
      c.grant_types.forEach((g, k) => out.push(`    ${JSON.stringify(g)},${k === 0 && i % 6 === 0 ? ' # sign-in' : ''}`));
      out.push('  ]');
    } else {
      out.push(`  grant_types     = [${c.grant_types.map((g) => JSON.stringify(g)).join(', ')}]`);
    }
    out.push('', '  jwt_configuration {', `    alg                 = ${JSON.stringify(c.jwt_configuration.alg)}`);
    const lifetime = c.jwt_configuration.lifetime_in_seconds;
    out.push(`    lifetime_in_seconds = ${typeof lifetime === 'number' ? lifetime : 'var.jwt_lifetime'}`, '  }');
    out.push('', '  refresh_token {', '    rotation_type   = "rotating"', '    expiration_type = "expiring"', '  }', '}', '');
    const target = options.credentialsLast ? credentials : out;
    target.push(`resource "auth0_client_credentials" "${id}" {`);
    target.push(`  client_id             = auth0_client.${id}.id`);
    target.push(`  authentication_method = ${c.token_endpoint_auth_method === undefined ? '"client_secret_post"' : JSON.stringify(c.token_endpoint_auth_method)}`);
    target.push('}', '');
  });
  return { clients: out, credentials };
}

/**
 * How a Terraform resource names its client (see clientIdOf): 'variable' names none that can be read;
 * 'instance-key' and 'instance-index' name one instance of it, which does not stand for the whole resource.
 */
export type ClientReferenceForm = 'id' | 'client_id' | 'indexed' | 'counted' | 'each-value' | 'instance-key' | 'instance-index' | 'variable';

/** The forms that name one instance of a client by a literal key or index (`x["eu"]`, `x[0]`). */
export const ONE_INSTANCE_FORMS: ReadonlySet<ClientReferenceForm> = new Set(['instance-key', 'instance-index']);

/**
 * A credentials or client-grant resource's `client_id` naming the client `name` in Terraform JSON, in one of the
 * forms users write: a reference, to its `client_id`, to the instance of the same key or index of a for_each or
 * counted client (`[each.key]`, `[count.index]`), through `for_each` over its instances (with `each.value.id`), to
 * one instance by a literal key or index (`["eu"]`, `[0]`), or by a variable.
 */
export function clientIdOf(name: string, form: ClientReferenceForm): Record<string, string> {
  switch (form) {
    case 'client_id':
      return { client_id: `\${auth0_client.${name}.client_id}` };
    case 'indexed':
      return { client_id: `\${auth0_client.${name}[each.key].id}` };
    case 'counted':
      return { count: '2', client_id: `\${auth0_client.${name}[count.index].id}` };
    case 'each-value':
      return { for_each: `\${auth0_client.${name}}`, client_id: '${each.value.id}' };
    case 'instance-key':
      return { client_id: `\${auth0_client.${name}["eu"].id}` };
    case 'instance-index':
      return { client_id: `\${auth0_client.${name}[0].client_id}` };
    case 'variable':
      return { client_id: '${var.client_id}' };
    default:
      return { client_id: `\${auth0_client.${name}.id}` };
  }
}
