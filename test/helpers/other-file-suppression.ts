/**
 * Terraform modules of two files, a client's `auth0_client` in one and its `auth0_client_credentials` (or its
 * `auth0_client_grant`) in the other, with a suppression comment in one of them naming a rule whose finding (if
 * any) is reported in the other file: a finding on the method (`secret-on-public-app-type`, `cimd-auth-method`,
 * `invalid-auth-method`: reported in the credentials file) with the comment in the client's file, a finding on the
 * client's grant that the method decides (`public-client-credentials`: reported in the client's file) with the
 * comment in the credentials file, or a finding on a client grant (`client-grant-without-client-credentials`,
 * `third-party-system-api-grant`: reported at the grant) with the comment above the client. Shared by the engine,
 * CLI and server tests of the comment's unused-suppression message (it must read the same in a run on the module,
 * on the file alone and in the editor).
 */

/** A client, its method, and the rule the comment names. */
export interface OtherFileCase {
  readonly rule: string;
  /** The file the comment is in: the client's, or the credentials resource's. */
  readonly commentIn: 'client' | 'credentials';
  readonly appType: string;
  readonly grants: readonly string[];
  readonly method: string;
  /** Whether a finding of `rule` is reported in the other file (the comment is then told to go there). */
  readonly fires: boolean;
  /** The attribute of the commented resource the finding bears on (a related value there), if any. */
  readonly attribute?: string;
  /** Another attribute of the client, as written. */
  readonly clientLine?: string;
  /** The other file holds a client grant of the client for this audience (and no credentials resource). */
  readonly grantAudience?: string;
}

export const OTHER_FILE_CASES: readonly OtherFileCase[] = [
  { rule: 'secret-on-public-app-type', commentIn: 'client', appType: 'spa', grants: ['authorization_code', 'client_credentials'], method: 'client_secret_post', fires: true, attribute: 'app_type' },
  { rule: 'secret-on-public-app-type', commentIn: 'client', appType: 'native', grants: ['authorization_code'], method: 'client_secret_basic', fires: true, attribute: 'app_type' },
  { rule: 'cimd-auth-method', commentIn: 'client', appType: 'regular_web', grants: ['authorization_code'], method: 'client_secret_post', fires: true, attribute: 'external_client_id', clientLine: 'external_client_id = "https://app.example.com/client.json"' },
  { rule: 'invalid-auth-method', commentIn: 'client', appType: 'regular_web', grants: ['authorization_code'], method: 'client_secret_jwt', fires: true },
  { rule: 'public-client-credentials', commentIn: 'credentials', appType: 'regular_web', grants: ['authorization_code', 'client_credentials'], method: 'none', fires: true, attribute: 'authentication_method' },
  { rule: 'public-client-credentials', commentIn: 'credentials', appType: 'non_interactive', grants: ['client_credentials'], method: 'none', fires: true, attribute: 'authentication_method' },
  // Truly unused: the rule does not fire anywhere in the module.
  { rule: 'secret-on-public-app-type', commentIn: 'client', appType: 'regular_web', grants: ['authorization_code'], method: 'client_secret_post', fires: false, attribute: 'app_type' },
  { rule: 'public-client-credentials', commentIn: 'credentials', appType: 'regular_web', grants: ['client_credentials'], method: 'client_secret_post', fires: false, attribute: 'authentication_method' },
  { rule: 'implicit-grant', commentIn: 'client', appType: 'spa', grants: ['authorization_code', 'client_credentials'], method: 'client_secret_post', fires: false, attribute: 'app_type' },
  { rule: 'implicit-grant', commentIn: 'credentials', appType: 'regular_web', grants: ['client_credentials'], method: 'none', fires: false, attribute: 'authentication_method' },
  // A client grant in the other file; the comment above the client (or the attribute the finding names).
  { rule: 'client-grant-without-client-credentials', commentIn: 'client', appType: 'regular_web', grants: ['authorization_code'], method: '', fires: true, attribute: 'grant_types', grantAudience: 'https://api.example.com/' },
  { rule: 'client-grant-without-client-credentials', commentIn: 'client', appType: 'non_interactive', grants: ['password'], method: '', fires: true, attribute: 'grant_types', grantAudience: 'https://api.example.com/' },
  { rule: 'third-party-system-api-grant', commentIn: 'client', appType: 'non_interactive', grants: ['client_credentials'], method: '', fires: true, clientLine: 'is_first_party = false', grantAudience: 'https://acme.eu.auth0.com/api/v2/' },
  // Truly unused: the grant's client has client_credentials; the client is first-party.
  { rule: 'client-grant-without-client-credentials', commentIn: 'client', appType: 'non_interactive', grants: ['client_credentials'], method: '', fires: false, attribute: 'grant_types', grantAudience: 'https://api.example.com/' },
  { rule: 'third-party-system-api-grant', commentIn: 'client', appType: 'non_interactive', grants: ['client_credentials'], method: '', fires: false, clientLine: 'is_first_party = true', grantAudience: 'https://acme.eu.auth0.com/api/v2/' },
];

/** How the module is written around a case. */
export interface OtherFileLayout {
  readonly comment: '#' | '//';
  /** Above the commented resource block, or above its attribute the finding bears on. */
  readonly at: 'block' | 'attribute';
  /** The client's file name; the credentials file takes the other of `a.tf` and `z.tf` (either listing order). */
  readonly clientFile: 'a.tf' | 'z.tf';
  /** The other file holds a comment silencing the finding already (the comment here is then truly unused). */
  readonly silencedThere: boolean;
}

/** Every layout of a case: comment styles, places, file orders, and with the finding silenced in the other file. */
export function layoutsOf(c: OtherFileCase): OtherFileLayout[] {
  const out: OtherFileLayout[] = [];
  for (const comment of ['#', '//'] as const) {
    for (const at of c.attribute === undefined ? (['block'] as const) : (['block', 'attribute'] as const)) {
      for (const clientFile of ['a.tf', 'z.tf'] as const) for (const silencedThere of [false, true]) out.push({ comment, at, clientFile, silencedThere });
    }
  }
  return out;
}

/** A module's files by name, the commented file's name and the other's. */
export interface OtherFileModule {
  readonly files: Readonly<Record<string, string>>;
  readonly commented: string;
  readonly other: string;
}

/** The module of a case in a layout. */
export function otherFileModule(c: OtherFileCase, layout: OtherFileLayout): OtherFileModule {
  const credentialsFile = layout.clientFile === 'a.tf' ? 'z.tf' : 'a.tf';
  const directive = `${layout.comment} grantlint-disable-next-line ${c.rule} -- kept on purpose`;
  const client = [
    'resource "auth0_client" "app" {',
    '  name        = "App"',
    `  app_type    = "${c.appType}"`,
    `  grant_types = [${c.grants.map((g) => `"${g}"`).join(', ')}]`,
    ...(c.clientLine === undefined ? [] : [`  ${c.clientLine}`]),
    '}',
  ];
  const credentials =
    c.grantAudience === undefined
      ? ['resource "auth0_client_credentials" "app" {', '  client_id             = auth0_client.app.id', `  authentication_method = "${c.method}"`, '}']
      : ['resource "auth0_client_grant" "app_api" {', '  client_id = auth0_client.app.id', `  audience  = "${c.grantAudience}"`, '  scopes    = ["read:data"]', '}'];
  const [commented, other] = c.commentIn === 'client' ? [client, credentials] : [credentials, client];
  const at = layout.at === 'block' ? 0 : commented.findIndex((line) => line.trimStart().startsWith(`${c.attribute!} `));
  commented.splice(at, 0, `${layout.at === 'block' ? '' : '  '}${directive}`);
  // The other file's own comment, above its block: it silences the finding reported there.
  if (layout.silencedThere) other.unshift(`${layout.comment} grantlint-disable-next-line ${c.rule} -- silenced where it is reported`);
  const [clientText, credentialsText] = c.commentIn === 'client' ? [commented, other] : [other, commented];
  const files = { [layout.clientFile]: `${clientText.join('\n')}\n`, [credentialsFile]: `${credentialsText.join('\n')}\n` };
  return c.commentIn === 'client' ? { files, commented: layout.clientFile, other: credentialsFile } : { files, commented: credentialsFile, other: layout.clientFile };
}

/** Whether the comment of a case in a layout is told where the finding is (else it is told there is none). */
export function toldToMove(c: OtherFileCase, layout: OtherFileLayout): boolean {
  return c.fires && !layout.silencedThere;
}

/** A short name of a case in a layout, for assertion messages. */
export function describeLayout(c: OtherFileCase, layout: OtherFileLayout): string {
  return `${c.rule} in ${c.commentIn} (${c.appType}, ${c.grantAudience === undefined ? c.method : `grant for ${c.grantAudience}`}), ${layout.comment} above the ${layout.at === 'block' ? 'block' : c.attribute}, client in ${layout.clientFile}${layout.silencedThere ? ', silenced there' : ''}`;
}
