/**
 * Tenants of one deploy-cli client holding `count` client grants (each naming it by `name`, with an audience and
 * scopes): the client lacks client_credentials, so every grant is a client-grant-without-client-credentials finding.
 */
export function manyClientGrantsYaml(count: number): string {
  const lines = ['clients:', '  - name: Web', '    app_type: regular_web', '    grant_types:', '      - authorization_code', 'clientGrants:'];
  for (let i = 0; i < count; i++) lines.push('  - client_id: Web', `    audience: https://api-${i}.example.com/`, '    scope:', '      - read:things');
  return lines.join('\n') + '\n';
}
