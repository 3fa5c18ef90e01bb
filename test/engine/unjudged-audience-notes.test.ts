/**
 * A client grant of a third-party client whose audience holds nothing to judge (a Terraform reference or template,
 * a whole deploy-cli placeholder) gets a note (unjudgedAudienceNotes): `third-party-system-api-grant` cannot tell
 * whether it is a system API, and must not pass that over in silence. Generated over every audience form (literal
 * system API, literal own API, partial template or placeholder with its path, wholly computed), what makes the client
 * third-party (`is_first_party = false`, `external_client_id`) or not, and where the grant is: a tenant.yaml's
 * `clientGrants`, a deploy-cli directory's `grants/`, Terraform HCL and JSON, in the client's file or another file
 * of the module. A note exactly when the audience is wholly unknown and the client is third-party; then the rule
 * itself gives no finding.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { lintText, unjudgedAudienceNotes } from '../../server/src/engine/lint';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';

before(() => loadHclParser());

type Party = 'first' | 'third' | 'metadata-document';
type Layout = 'yaml' | 'directory' | 'hcl-one-file' | 'hcl-split' | 'tf-json';

interface Audience {
  /** As a Terraform expression, and as deploy-cli text (undefined: no such form there). */
  readonly hcl: string | undefined;
  readonly deploy: string | undefined;
  /** Nothing in it can be judged. */
  readonly unknown: boolean;
}

const AUDIENCES: readonly Audience[] = [
  { hcl: '"https://acme.eu.auth0.com/api/v2/"', deploy: 'https://acme.eu.auth0.com/api/v2/', unknown: false },
  { hcl: '"https://api.example.com/"', deploy: 'https://api.example.com/', unknown: false },
  { hcl: '"https://${var.domain}/api/v2/"', deploy: 'https://##TENANT_DOMAIN##/api/v2/', unknown: false },
  { hcl: 'local.mgmt_audience', deploy: '##MGMT_AUDIENCE##', unknown: true },
  { hcl: 'var.audience', deploy: undefined, unknown: true },
  { hcl: '"${var.audience}"', deploy: undefined, unknown: true },
  { hcl: 'data.auth0_resource_server.mgmt.identifier', deploy: undefined, unknown: true },
];

/** The audience as a Terraform JSON string: a literal as it is, an expression as a `${…}` template. */
function terraformJsonAudience(audience: Audience): string {
  return audience.hcl!.startsWith('"') ? (JSON.parse(audience.hcl!) as string) : `\${${audience.hcl!}}`;
}

function hclClient(party: Party): string {
  const flags = party === 'first' ? '' : party === 'third' ? '  is_first_party = false\n' : '  external_client_id = "https://partner.example.com/client.json"\n';
  return `resource "auth0_client" "partner" {\n  name        = "Partner"\n  app_type    = "non_interactive"\n${flags}  grant_types = ["client_credentials"]\n}\n`;
}

/** The project's files and the file the grant is in. */
function project(layout: Layout, party: Party, audience: Audience): { files: Map<string, string>; path: string } | undefined {
  const yamlFlags = party === 'first' ? '' : party === 'third' ? '    is_first_party: false\n' : '    external_client_id: https://partner.example.com/client.json\n';
  switch (layout) {
    case 'yaml': {
      if (audience.deploy === undefined) return undefined;
      const text = `clients:\n  - name: Partner\n    app_type: non_interactive\n${yamlFlags}    grant_types: [client_credentials]\nclientGrants:\n  - client_id: Partner\n    audience: '${audience.deploy}'\n    scope: [read:users]\n`;
      return { files: new Map([['/t/tenant.yaml', text]]), path: '/t/tenant.yaml' };
    }
    case 'directory': {
      if (audience.deploy === undefined) return undefined;
      const client = { name: 'Partner', app_type: 'non_interactive', ...(party === 'third' ? { is_first_party: false } : party === 'metadata-document' ? { external_client_id: 'https://partner.example.com/client.json' } : {}), grant_types: ['client_credentials'] };
      const grant = { client_id: 'Partner', audience: audience.deploy, scope: ['read:users'] };
      return {
        files: new Map([
          ['/d/clients/Partner.json', JSON.stringify(client, null, 2)],
          ['/d/grants/Partner.json', JSON.stringify(grant, null, 2)],
        ]),
        path: '/d/grants/Partner.json',
      };
    }
    case 'tf-json': {
      const expression = terraformJsonAudience(audience);
      const client = { name: 'Partner', app_type: 'non_interactive', ...(party === 'third' ? { is_first_party: false } : party === 'metadata-document' ? { external_client_id: 'https://partner.example.com/client.json' } : {}), grant_types: ['client_credentials'] };
      const text = JSON.stringify({ resource: { auth0_client: { partner: client }, auth0_client_grant: { partner: { client_id: '${auth0_client.partner.id}', audience: expression, scopes: ['read:users'] } } } }, null, 2);
      return { files: new Map([['/m/main.tf.json', text]]), path: '/m/main.tf.json' };
    }
    default: {
      const grant = `resource "auth0_client_grant" "partner" {\n  client_id = auth0_client.partner.id\n  audience  = ${audience.hcl!}\n  scopes    = ["read:users"]\n}\n`;
      if (layout === 'hcl-one-file') return { files: new Map([['/m/main.tf', `${hclClient(party)}\n${grant}`]]), path: '/m/main.tf' };
      return {
        files: new Map([
          ['/m/main.tf', hclClient(party)],
          ['/m/grants.tf', grant],
        ]),
        path: '/m/grants.tf',
      };
    }
  }
}

test('a note exactly where a third-party client is granted an audience with nothing to judge', () => {
  let notes = 0;
  let silent = 0;
  for (const layout of ['yaml', 'directory', 'hcl-one-file', 'hcl-split', 'tf-json'] as const) {
    for (const party of ['first', 'third', 'metadata-document'] as const) {
      for (const audience of AUDIENCES) {
        const made = project(layout, party, audience);
        if (!made) continue;
        const graph = new ProjectGraph(new MemoryProject(made.files), { isReported: () => true });
        const text = made.files.get(made.path)!;
        const input = { path: made.path, text, links: graph.linksFor(made.path).links };
        const result = lintText(input);
        const found = unjudgedAudienceNotes(input, result);
        const name = `${layout}, ${party}-party, audience ${audience.hcl ?? audience.deploy}`;
        assert.equal(result.parsed.errors.length, 0, name);
        if (audience.unknown && party !== 'first') {
          assert.equal(found.length, 1, name);
          // At the audience as written (a deploy-cli value, the Terraform JSON template, the HCL expression).
          const written = layout === 'yaml' || layout === 'directory' ? audience.deploy! : layout === 'tf-json' ? terraformJsonAudience(audience) : audience.hcl!.replace(/^"|"$/g, '');
          assert.equal(text.slice(found[0]!.span.start, found[0]!.span.end).replace(/^["']|["']$/g, ''), written, name);
          assert.match(found[0]!.message, /^audience is (computed|a placeholder): third-party-system-api-grant cannot tell if this third-party client gets a system API$/, name);
          assert.ok(!result.findings.some((f) => f.ruleId === 'third-party-system-api-grant'), `${name}: the rule judged it`);
          notes++;
        } else {
          assert.deepEqual(found, [], name);
          silent++;
        }
      }
    }
  }
  assert.ok(notes >= 20 && silent >= 40, `${notes} notes, ${silent} without`);
});

test('no note for a grant whose client is not found (that has its own note) or that holds a syntax error', () => {
  const unknownClient = 'resource "auth0_client_grant" "partner" {\n  client_id = auth0_client.gone.id\n  audience  = local.mgmt_audience\n}\n';
  const broken = `${hclClient('third')}\nresource "auth0_client_grant" "partner" {\n  client_id = auth0_client.partner.id\n  audience  = local.mgmt_audience\n  scopes    = ["read:users"\n}\n`;
  for (const text of [unknownClient, broken]) {
    const input = { path: '/m/main.tf', text };
    assert.deepEqual(unjudgedAudienceNotes(input, lintText(input)), [], text);
  }
});

test('no note where the settings turn third-party-system-api-grant off for the file', () => {
  const text = `${hclClient('third')}\nresource "auth0_client_grant" "partner" {\n  client_id = auth0_client.partner.id\n  audience  = local.mgmt_audience\n  scopes    = ["read:users"]\n}\n`;
  const input = { path: '/m/main.tf', text };
  assert.equal(unjudgedAudienceNotes(input, lintText(input)).length, 1, 'on by default');
  const off = { ...DEFAULT_SETTINGS, rules: new Map([...DEFAULT_SETTINGS.rules, ['third-party-system-api-grant', 'off' as const]]) };
  const withOff = { ...input, settings: off };
  assert.deepEqual(unjudgedAudienceNotes(withOff, lintText(withOff)), [], 'off for the file');
});
