/**
 * Client grants (an application's access to an API; facts §7): deploy-cli YAML `clientGrants:` entries, the
 * `grants/*.json` files of the directory format, Terraform `auth0_client_grant` resources. Each names its client:
 * by `name` in deploy-cli (`client_id: My App`), by reference in Terraform (`"${auth0_client.x.id}"`).
 */
import type { ArrayNode, ObjectNode, ParsedFile, Prop, ValueNode } from './model';
import { getProp, getValue } from './model';
import { isTerraformJson } from './discover';
import { clientLinkOfResource, resourcesOf } from './terraform';
import { placeholderAsWritten, textAfterLastPlaceholder } from './placeholders';

export type ClientGrantSource = 'deploy-cli-yaml' | 'deploy-cli-directory' | 'terraform';

export interface ClientGrantEntry {
  readonly node: ObjectNode;
  readonly source: ClientGrantSource;
  /** The `client_id` property, when present. */
  readonly clientId: Prop | undefined;
  /**
   * How the grant names its client: a client name (deploy-cli), a Terraform resource name (from a reference), or
   * undefined when the value is not known (a placeholder, an interpolation that is not a client reference).
   */
  readonly clientName: string | undefined;
  /** deploy-cli YAML: the `clientGrants` list holding the grant, so a fix can remove the entry. */
  readonly list: { readonly owner: Prop; readonly array: ArrayNode } | undefined;
  readonly documentIndex: number;
}

function parentFolderName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts.length >= 2 ? (parts[parts.length - 2] ?? '') : '';
}

/** A deploy-cli directory's client grant file: `*.json` in a folder named `grants`. */
export function isDirectoryGrantFile(path: string): boolean {
  return parentFolderName(path) === 'grants' && path.toLowerCase().endsWith('.json');
}

/**
 * The client grants of a parsed file. YAML or JSON: the `clientGrants` list of a document that is a deploy-cli
 * tenant (`isTenantDocument(index)`: it holds clients, or the file is named tenant.yaml); `grants/*.json`: the file's
 * object (or each object of a top-level array); Terraform (HCL or JSON): `auth0_client_grant` resources.
 */
export function findClientGrants(path: string, parsed: ParsedFile, isTenantDocument: (documentIndex: number) => boolean): ClientGrantEntry[] {
  const grants: ClientGrantEntry[] = [];
  parsed.documents.forEach((doc, documentIndex) => {
    const root = doc.root;
    if (!root) return;
    if (parsed.format === 'hcl' || (parsed.format === 'json' && isTerraformJson(path))) {
      for (const { body } of resourcesOf(root, 'auth0_client_grant')) {
        const clientId = getProp(body, 'client_id');
        // A grant for one instance (`x["ios"]`) is judged by the resource's facts, as every instance shares them.
        grants.push({ node: body, source: 'terraform', clientId, clientName: clientLinkOfResource(body)?.name, list: undefined, documentIndex });
      }
      return;
    }
    if (parsed.format === 'json' && isDirectoryGrantFile(path)) {
      const objects = root.kind === 'object' ? [root] : root.kind === 'array' ? root.items.filter((i): i is ObjectNode => i.kind === 'object') : [];
      for (const node of objects) grants.push(deployGrant(node, 'deploy-cli-directory', undefined, documentIndex));
      return;
    }
    // A tenant in JSON too (discover.ts findClients): isTenantDocument holds only where the file has its clients.
    if (root.kind === 'object' && isTenantDocument(documentIndex)) {
      const owner = getProp(root, 'clientGrants');
      if (owner?.value.kind !== 'array') return;
      const list = { owner, array: owner.value };
      for (const item of owner.value.items) if (item.kind === 'object') grants.push(deployGrant(item, 'deploy-cli-yaml', list, documentIndex));
    }
  });
  return grants;
}

function deployGrant(node: ObjectNode, source: ClientGrantSource, list: ClientGrantEntry['list'], documentIndex: number): ClientGrantEntry {
  const clientId = getProp(node, 'client_id');
  return { node, source, clientId, clientName: knownName(clientId?.value), list, documentIndex };
}

function knownName(node: ValueNode | undefined): string | undefined {
  return node?.kind === 'string' && !node.placeholder ? node.value : undefined;
}

/** `subject_type`: 'client' (also when absent, Auth0's default), 'user', 'anonymous_user', or undefined when unknown. */
export function subjectTypeOf(grant: ClientGrantEntry): string | undefined {
  const value = getValue(grant.node, 'subject_type');
  if (!value) return 'client';
  if (value.kind !== 'string' || value.placeholder || (grant.source === 'terraform' && value.value.includes('${'))) return undefined;
  return value.value;
}


/**
 * What is known of a grant's `audience`. `ending` is the whole audience when it is a literal (`partial: false`).
 * Where deploy-cli keywords (`##NAME##`, `@@NAME@@`) or, in Terraform, interpolations and directives (`${…}`,
 * `%{…}`) stand in it, `ending` is the literal text after the last of them (`partial: true`): substitution
 * replaces only the keyword, so that text ends the audience whatever the value (`/api/v2/` of
 * `https://##AUTH0_DOMAIN##/api/v2/` or `https://${var.domain}/api/v2/`). `written` is the audience as written.
 * Undefined when the audience is absent or not a string.
 */
export interface KnownAudience {
  readonly ending: string;
  readonly partial: boolean;
  readonly written: string;
}

export function knownAudienceOf(grant: ClientGrantEntry): KnownAudience | undefined {
  const value = getValue(grant.node, 'audience');
  if (value?.kind !== 'string') return undefined;
  const written = value.placeholder ? placeholderAsWritten(value.value) : value.value;
  let ending: string | undefined = written;
  if (value.placeholder) ending = textAfterLastPlaceholder(written);
  if (ending !== undefined && grant.source === 'terraform' && value.value.includes('${')) ending = textAfterLastTemplate(ending);
  if (ending === undefined) return undefined;
  return { ending, partial: ending !== written, written };
}

/**
 * The text after the last `}` of a Terraform string holding `${…}` or `%{…}`: every template sequence closes with
 * a `}`, so nothing after the last one is computed (a `}` of the literal text only shortens what is kept).
 */
function textAfterLastTemplate(value: string): string {
  return value.slice(value.lastIndexOf('}') + 1);
}
