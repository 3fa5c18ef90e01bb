/** One client written in each of the formats a client's grant_types can be, for tests over them all. */

export type Form = 'yaml' | 'json' | 'hcl';
export const FORMS: readonly Form[] = ['yaml', 'json', 'hcl'];
export type Fields = Readonly<Record<string, string | boolean>>;

/** One client in `form`; `grants` is written as given (a list, or a lone string). */
export function source(form: Form, fields: Fields, grants: string | readonly string[]): { path: string; text: string } {
  const entries = Object.entries(fields);
  const list = typeof grants === 'string' ? JSON.stringify(grants) : `[${grants.map((g) => JSON.stringify(g)).join(', ')}]`;
  switch (form) {
    case 'yaml':
      return { path: 'tenant.yaml', text: `clients:\n  - name: App\n${entries.map(([k, v]) => `    ${k}: ${v}\n`).join('')}    grant_types: ${typeof grants === 'string' ? grants : list}\n` };
    case 'json':
      return { path: 'client.json', text: `${JSON.stringify({ name: 'App', ...fields, grant_types: grants }, null, 2)}\n` };
    case 'hcl': {
      const own = entries.filter(([k]) => k !== 'token_endpoint_auth_method');
      const attrs = own.map(([k, v]) => `  ${k} = ${typeof v === 'string' ? `"${v}"` : v}\n`).join('');
      const method = fields['token_endpoint_auth_method'];
      const credentials = method === undefined ? '' : `resource "auth0_client_credentials" "app" {\n  client_id             = auth0_client.app.id\n  authentication_method = "${String(method)}"\n}\n`;
      return { path: 'main.tf', text: `resource "auth0_client" "app" {\n  name = "App"\n${attrs}  grant_types = ${list}\n}\n${credentials}` };
    }
  }
}
