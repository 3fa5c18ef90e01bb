/**
 * Random edits of Terraform HCL of the kinds people make (typing, deleting, swapping a grant or a method, relinking
 * a credentials resource, breaking and repairing the syntax, comments and heredocs typed in), and what a client of
 * the engine sees of a result, for tests that hold a fast path (one block re-read) to a full lint.
 */
import { EditRenderer, type LintResult } from '../../server/src/engine/index';

/** Everything a client of the engine sees: clients (name, place, credentials) and findings with rendered fixes. */
export function observable(text: string, result: LintResult): string[] {
  const renderer = new EditRenderer(text, result.format);
  return [
    JSON.stringify(result.clients.map((c) => [c.name, c.anchor, c.node.start, c.node.end, c.credentials?.start])),
    ...result.findings.map((f) =>
      JSON.stringify([f.ruleId, f.severity, f.message, f.span, f.related, f.fixes.map((fix) => [fix.title, renderer.render(fix.edits)])]),
    ),
  ];
}

/** What is typed: single characters, comments, suppressions, grants, attributes, heredocs, a whole block. */
const SNIPPETS = [
  'x',
  ' ',
  '\n',
  '"',
  '[',
  ']',
  '{',
  '}',
  '#',
  '# grantlint-disable-next-line implicit-grant\n',
  '/* note */',
  '"implicit", ',
  '"client_credentials", ',
  '\n  is_first_party = false\n',
  '\n  token_endpoint_auth_method = "none"\n',
  '\n  description = <<EOT\nline\nEOT\n',
  '<<EOT\n',
  '${var.x}',
  'var.grants',
  '\nresource "auth0_client" "added" {\n  app_type = "spa"\n  grant_types = ["client_credentials"]\n}\n',
];

const VALUES = ['authorization_code', 'client_credentials', 'refresh_token', 'implicit', 'password', 'authorisation_code', 'none', 'client_secret_post', 'spa', 'non_interactive'];

/** `text` after one random edit at a random place (`random` gives numbers in [0, 1)). */
export function randomEdit(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const kind = random();
  if (kind < 0.35) return text.slice(0, at) + SNIPPETS[Math.floor(random() * SNIPPETS.length)] + text.slice(at);
  if (kind < 0.6) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 6)));
  if (kind < 0.9) {
    // Swap a value for another, the most common real edit (grants, auth methods, app types).
    const from = VALUES[Math.floor(random() * VALUES.length)]!;
    const index = text.indexOf(`"${from}"`, at);
    if (index < 0) return text;
    return text.slice(0, index + 1) + VALUES[Math.floor(random() * VALUES.length)] + text.slice(index + 1 + from.length);
  }
  // Relink a credentials resource to another client.
  const index = text.indexOf('.id', at);
  const start = text.lastIndexOf('auth0_client.client_', index);
  if (index < 0 || start < 0 || index - start > 40) return text;
  return text.slice(0, start) + `auth0_client.client_${Math.floor(random() * 30)}` + text.slice(index);
}

