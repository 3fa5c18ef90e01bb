/**
 * A Terraform module of `count` auth0_client resources for `npm run bench`, as teams write them: main.tf holds
 * the clients (one-line and multi-line grant lists, comments, nested blocks, a few computed values), credentials.tf
 * an auth0_client_credentials resource for each. About one client in five has a finding.
 */
const APP_TYPES = ['spa', 'native', 'regular_web', 'non_interactive'] as const;

export function generateTerraformModule(count: number): Record<string, string> {
  const main: string[] = ['# Generated for the benchmark', ''];
  const credentials: string[] = [];
  for (let i = 0; i < count; i++) {
    const appType = APP_TYPES[i % APP_TYPES.length]!;
    const publicClient = appType === 'spa' || appType === 'native';
    const grants = appType === 'non_interactive' ? ['client_credentials'] : ['authorization_code', 'refresh_token'];
    if (i % 5 === 0) grants.push(publicClient ? 'client_credentials' : 'implicit');
    main.push(`# Client ${i}`, `resource "auth0_client" "client_${i}" {`);
    main.push(`  name            = "Client ${i}"`, `  app_type        = "${appType}"`, '  oidc_conformant = true');
    if (i % 2 === 0) main.push(`  grant_types     = [${grants.map((g) => `"${g}"`).join(', ')}]`);
    else main.push('  grant_types = [', ...grants.map((g) => `    "${g}", # ${g.length}`), '  ]');
    if (i % 7 === 0) main.push('  description = "Team ${var.team}"');
    main.push(`  callbacks = ["https://app${i}.example.com/callback"]`, '', '  refresh_token {', '    rotation_type   = "rotating"', '    expiration_type = "expiring"', '  }', '}', '');
    credentials.push(
      `resource "auth0_client_credentials" "client_${i}" {`,
      `  client_id             = auth0_client.client_${i}.id`,
      `  authentication_method = "${publicClient ? 'none' : 'client_secret_post'}"`,
      '}',
      '',
    );
  }
  return { 'main.tf': main.join('\n'), 'credentials.tf': credentials.join('\n') };
}
