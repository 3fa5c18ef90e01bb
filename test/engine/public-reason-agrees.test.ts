/**
 * A public client's findings say alike why it is public: `public-client-credentials` on the client and
 * `client-grant-without-client-credentials` on its client grant name the same reason, the auth method key set to
 * `none`, or, for a Terraform client without an `auth0_client_credentials` resource, the provider's create-time
 * default. Generated over deploy-cli YAML, HCL modules in one file or split over two, and `.tf.json`.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_SETTINGS, lintText } from '../../server/src/engine/index';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';

before(() => loadHclParser());

interface Case {
  readonly place: 'yaml' | 'hcl' | 'hcl-split' | 'tf-json';
  readonly appType: 'spa' | 'native';
  /** Terraform: a credentials resource with `none`, or none at all (the provider's create-time default). */
  readonly credentials: boolean;
}

const publicCase: fc.Arbitrary<Case> = fc.record({
  place: fc.constantFrom('yaml' as const, 'hcl' as const, 'hcl-split' as const, 'tf-json' as const),
  appType: fc.constantFrom('spa' as const, 'native' as const),
  credentials: fc.boolean(),
});

function project(c: Case): { texts: Map<string, string>; paths: string[] } {
  const api = 'https://api.example.com/';
  if (c.place === 'yaml') {
    const text = `clients:\n  - name: Kiosk\n    app_type: ${c.appType}\n    token_endpoint_auth_method: none\n    grant_types:\n      - client_credentials\nclientGrants:\n  - client_id: Kiosk\n    audience: ${api}\n    scope: []\n`;
    return { texts: new Map([['/t/tenant.yaml', text]]), paths: ['/t/tenant.yaml'] };
  }
  if (c.place === 'tf-json') {
    const resource: Record<string, unknown> = {
      auth0_client: { kiosk: { name: 'Kiosk', app_type: c.appType, grant_types: ['client_credentials'] } },
      auth0_client_grant: { kiosk: { client_id: '${auth0_client.kiosk.id}', audience: api, scopes: [] } },
    };
    if (c.credentials) resource['auth0_client_credentials'] = { kiosk: { client_id: '${auth0_client.kiosk.id}', authentication_method: 'none' } };
    return { texts: new Map([['/t/main.tf.json', JSON.stringify({ resource }, null, 2)]]), paths: ['/t/main.tf.json'] };
  }
  const client = `resource "auth0_client" "kiosk" {\n  name        = "Kiosk"\n  app_type    = "${c.appType}"\n  grant_types = ["client_credentials"]\n}\n`;
  const grant = `resource "auth0_client_grant" "kiosk" {\n  client_id = auth0_client.kiosk.id\n  audience  = "${api}"\n  scopes    = []\n}\n`;
  const credentials = c.credentials ? `resource "auth0_client_credentials" "kiosk" {\n  client_id             = auth0_client.kiosk.id\n  authentication_method = "none"\n}\n` : '';
  if (c.place === 'hcl') return { texts: new Map([['/t/main.tf', `${client}\n${grant}\n${credentials}`]]), paths: ['/t/main.tf'] };
  const texts = new Map([
    ['/t/main.tf', client],
    ['/t/grants.tf', `${grant}\n${credentials}`],
  ]);
  return { texts, paths: ['/t/main.tf', '/t/grants.tf'] };
}

/** The parenthesised reason of a message ("… public (X) …"). */
function reasonOf(message: string): string | undefined {
  // Both messages end with it, in parentheses.
  return /\(([^()]+)\)\.$/.exec(message)?.[1];
}

test('the client finding and the client-grant finding of a public client name the same reason', () => {
  fc.assert(
    fc.property(publicCase, (c) => {
      const { texts, paths } = project(c);
      const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
      const findings = paths.flatMap((path) => lintText({ path, text: texts.get(path)!, links: graph.linksFor(path).links, settings: DEFAULT_SETTINGS }).findings);
      const onClient = findings.find((f) => f.ruleId === 'public-client-credentials');
      const onGrant = findings.find((f) => f.ruleId === 'client-grant-without-client-credentials');
      assert.ok(onClient && onGrant, `${JSON.stringify(c)}: ${findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n')}`);
      const reason = reasonOf(onClient.message);
      const terraform = c.place !== 'yaml';
      const expected = !terraform ? 'token_endpoint_auth_method: none' : c.credentials ? 'authentication_method: none' : 'no auth0_client_credentials, so none';
      assert.equal(reason, expected, onClient.message);
      assert.equal(reasonOf(onGrant.message), expected, onGrant.message);
    }),
    { numRuns: 120 },
  );
});
