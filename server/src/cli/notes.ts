/** Notes that are no rule's finding, for the CLI's reports: where they are, as 1-based positions. */
import type { ClientEntry } from '../engine/discover';
import { ClientFacts } from '../engine/client';
import { getValue, type Span, type ValueNode } from '../engine/model';
import { isLinkedOffset, linkedSpan, type ProjectLinks } from '../engine/links';
import type { LintResult } from '../engine/lint';
import { editTarget, type Fix } from '../engine/fix/semantic';
import type { Finding } from '../engine/rules/api';
import { movedAttributeNotes } from '../engine/moved-attributes';
import { LineIndex } from '../engine/text';
import type { CliNote } from './report';

/**
 * The notes of one linted file (`file` as shown, `text` its final text): attributes a Terraform client writes
 * whose meaning depends on the provider version (engine/moved-attributes.ts), clients whose `grant_types` or
 * auth method is computed, a placeholder or set twice (unjudgedValueNotes), and `more` (client grants whose client is not found), in file order, each naming its client (its `name`, which for
 * Terraform falls back to the resource name).
 */
export function fileNotes(file: string, text: string, clients: readonly ClientEntry[], more: readonly { readonly span: Span; readonly message: string }[] = []): CliNote[] {
  const notes = [...movedAttributeNotes(clients), ...unjudgedValueNotes(clients), ...more].sort((a, b) => a.span.start - b.span.start);
  if (notes.length === 0) return [];
  const index = new LineIndex(text);
  const owner = (offset: number) => clients.find((c) => c.node.start <= offset && offset < c.node.end);
  return notes.map((note) => {
    const start = index.positionAt(note.span.start);
    const end = index.positionAt(note.span.end);
    const client = owner(note.span.start);
    return {
      file,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      ruleId: null,
      severity: 'information',
      message: note.message,
      fixable: false,
      safelyFixable: false,
      client: client?.name ?? null,
    };
  });
}

/**
 * Clients whose `grant_types` or auth method is not known here, which must not pass unseen: in Terraform a computed
 * value (a variable, a local, a function call, an interpolation: known only at plan time) or a method that two
 * credentials resources set (at the client's resource key), in auth0-deploy-cli a keyword placeholder (filled in at
 * deploy time). No rule that reads that value can judge the client. At the value, when it is in this file.
 */
export function unjudgedValueNotes(clients: readonly ClientEntry[]): { span: { start: number; end: number }; message: string }[] {
  const notes: { span: { start: number; end: number }; message: string }[] = [];
  for (const client of clients) {
    if (client.createTimeUnknown === 'several-credentials') {
      const name = client.resourceName ?? client.name ?? 'this client';
      notes.push({ span: { start: client.anchor.start, end: client.anchor.end }, message: `more than one auth0_client_credentials resource configures auth0_client.${name}: which authentication_method applies is unknown, so the rules that read it do not judge this client` });
    }
    const terraform = client.source === 'terraform';
    const unknownText = terraform ? 'computed (known only at plan time)' : 'a deploy-cli placeholder (filled in at deploy time)';
    const grants = getValue(client.node, 'grant_types');
    const method = terraform ? getValue(client.credentials, 'authentication_method') : getValue(client.node, 'token_endpoint_auth_method');
    // Read as the rules read them only where a value may be unknown: most clients of a large tenant are plain.
    if (!mayBeUnknown(grants) && !mayBeUnknown(method)) continue;
    const facts = new ClientFacts(client);
    const whole = facts.grantTypes.state === 'unknown';
    // A list of literals and computed values (`["authorization_code", var.extra]`) is not known whole either.
    if (grants && (whole || facts.grants?.hasUnknownItems === true)) {
      const part = terraform ? 'a computed value (known only at plan time)' : unknownText;
      const what = whole ? `grant_types is ${unknownText}` : `grant_types holds ${part}`;
      notes.push({ span: { start: grants.start, end: grants.end }, message: `${what}: the rules that read the grants do not judge this client` });
    }
    if (method && facts.authMethod.state === 'unknown' && !isLinkedOffset(method.start)) {
      const key = terraform ? 'authentication_method' : 'token_endpoint_auth_method';
      notes.push({ span: { start: method.start, end: method.end }, message: `${key} is ${unknownText}: the rules that read the auth method do not judge this client` });
    }
  }
  return notes;
}

/** Whether a value is, or a list holds, a placeholder or an interpolation (a string the rules may read as unknown). */
function mayBeUnknown(node: ValueNode | undefined): boolean {
  const unknown = (n: ValueNode) => n.kind === 'string' && (n.placeholder || n.value.includes('${'));
  return node !== undefined && (unknown(node) || (node.kind === 'array' && node.items.some(unknown)));
}

/**
 * Whether a finding's fix is to be made in another file of its project: the rule's preferred fix edits another
 * file (engine Finding.preferredFixElsewhere: in a Terraform module, the method in the credentials file), or its
 * only fixes do (a client grant's "add client_credentials" to a client in `clients/*.json` or `main.tf`). `--fix`
 * edits one file at a time and applies none of them (nor, in their place, a fix the rule prefers less). Undefined
 * when not, or when no such fix passed its checks (there is none to apply).
 */
export function fixElsewhere(finding: Finding): Fix | undefined {
  const elsewhere = finding.fixesElsewhere;
  if (!elsewhere || elsewhere.length === 0 || !(finding.preferredFixElsewhere || finding.fixes.length === 0)) return undefined;
  return elsewhere.find((f) => f === finding.preferredFix) ?? elsewhere[0];
}

/**
 * The findings whose fix is to be made in another file (fixElsewhere), each named at its finding with the file its
 * fix edits (`shown`: a path as the CLI shows it), for runs that ask for fixes.
 */
export function elsewhereFixNotes(result: LintResult, links: ProjectLinks | undefined, shown: (path: string) => string): { span: Span; message: string }[] {
  const notes: { span: Span; message: string }[] = [];
  for (const finding of result.findings) {
    const fix = fixElsewhere(finding);
    const edit = fix?.edits.map(editTarget).find((node) => isLinkedOffset(node.start));
    const other = edit && linkedSpan(links, edit)?.file.path;
    if (!fix || other === undefined) continue;
    notes.push({
      span: finding.span,
      message: `${finding.ruleId}: its fix (${fix.title}) edits ${shown(other)}, another file; --fix edits one file at a time and leaves it: apply it with the editor's quick fix, or by hand`,
    });
  }
  return notes;
}
