/**
 * Fix all with unsafe fixes (`--fix --unsafe-fixes`) never gives a client grant of the same file a new error or
 * warning: a tenant.yaml's `clientGrants`, a Terraform file's `auth0_client_grant` resources. Setting a native
 * app's method to `none` (the preferred fix of `public-app-type-without-none`) makes it public, and its client
 * grant then needs `client_credentials` it no longer may have. Such a fix is held; the client's other fixes and
 * the other clients' fixes are still made. Generated tenants put the client grants after every client (so a grant's
 * place says nothing of whose it is), before them, or between them, and mix clients whose own fixes clear a grant's
 * finding, in YAML (block and flow lists) and Terraform (HCL and JSON, one file).
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { fixAll, lintText, type LintResult } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { renderSplitProject, type SplitClient } from '../helpers/split-project-generator';

before(() => loadHclParser());

const clientArb: fc.Arbitrary<SplitClient> = fc.record({
  appType: fc.constantFrom('spa' as const, 'native' as const, 'regular_web' as const, 'non_interactive' as const),
  grants: fc.constantFrom(['authorization_code', 'client_credentials'], ['client_credentials'], ['authorization_code', 'refresh_token', 'client_credentials'], ['authorization_code']),
  firstParty: fc.constant(undefined),
  oidcConformant: fc.constant(undefined),
  method: fc.constantFrom('none' as const, 'client_secret_post' as const, undefined),
  clientGrant: fc.boolean(),
});

type Layout = 'grants-last' | 'grants-first' | 'interleaved';

function yamlTenant(clients: readonly SplitClient[], flow: boolean, layout: Layout): string {
  const clientLines = (client: SplitClient, i: number) => [
    `  - name: Client ${i}`,
    `    app_type: ${client.appType}`,
    ...(client.method ? [`    token_endpoint_auth_method: ${client.method}`] : []),
    ...(flow ? [`    grant_types: [${client.grants!.join(', ')}]`] : ['    grant_types:', ...client.grants!.map((g) => `      - ${g} # ${g.length}`)]),
  ];
  const grantLines = (i: number) => [`  - client_id: Client ${i}`, '    audience: https://api.example.com/', '    scope: [read:data]'];
  const granted = clients.flatMap((client, i) => (client.clientGrant ? [i] : []));
  const clientsBlock = ['clients:', ...clients.flatMap(clientLines)];
  const grantsBlock = granted.length > 0 ? ['clientGrants:', ...granted.flatMap(grantLines)] : [];
  if (layout === 'grants-first') return [...grantsBlock, ...clientsBlock, ''].join('\n');
  return [...clientsBlock, ...grantsBlock, ''].join('\n');
}

/** A Terraform module of one file: the clients, their credentials and client grants, in the layout's order. */
function terraformFile(clients: readonly SplitClient[], form: 'hcl' | 'json', layout: Layout): { path: string; text: string } {
  const files = renderSplitProject(clients, { terraform: form, multiline: layout === 'interleaved', crlf: false });
  const order = layout === 'grants-first' ? ['grants', 'credentials', 'main'] : layout === 'interleaved' ? ['credentials', 'main', 'grants'] : ['main', 'credentials', 'grants'];
  const texts = order.flatMap((name) => Object.entries(files).filter(([path]) => path.startsWith(name)).map(([, text]) => text));
  if (form === 'hcl') return { path: '/m/main.tf', text: texts.join('\n') };
  const resource: Record<string, Record<string, unknown>> = {};
  for (const text of texts) for (const [type, entries] of Object.entries((JSON.parse(text) as { resource: Record<string, Record<string, unknown>> }).resource)) resource[type] = { ...resource[type], ...entries };
  return { path: '/m/main.tf.json', text: `${JSON.stringify({ resource }, null, 2)}\n` };
}

/** Errors and warnings on each client grant (by its order in the file). */
function grantProblems(result: LintResult): number[] {
  return result.grants.map((grant) => result.findings.filter((f) => (f.severity === 'error' || f.severity === 'warning') && f.span.start >= grant.node.start && f.span.end <= grant.node.end).length);
}

test('fix all with unsafe fixes gives no client grant of the file a new problem, and still fixes the rest', () => {
  let held = 0;
  let changed = 0;
  fc.assert(
    fc.property(
      fc.array(clientArb, { minLength: 1, maxLength: 5 }),
      fc.constantFrom('yaml-block' as const, 'yaml-flow' as const, 'hcl' as const, 'json' as const),
      fc.constantFrom<Layout>('grants-last', 'grants-first', 'interleaved'),
      (clients, form, layout) => {
        const { path, text } = form === 'hcl' || form === 'json' ? terraformFile(clients, form, layout) : { path: '/t/tenant.yaml', text: yamlTenant(clients, form === 'yaml-flow', layout) };
        const before = lintText({ path, text });
        assert.equal(before.parsed.errors.length, 0, text);
        const fixed = fixAll({ path, text }, { unsafe: true });
        const after = lintText({ path, text: fixed.text });
        assert.equal(after.grants.length, before.grants.length, fixed.text);
        const was = grantProblems(before);
        const now = grantProblems(after);
        now.forEach((count, i) => assert.ok(count <= was[i]!, `client grant ${i} gained a problem:\n${text}\n--- fixed:\n${fixed.text}`));
        // What was not held is fixed: a second run changes nothing.
        assert.equal(fixAll({ path, text: fixed.text }, { unsafe: true }).text, fixed.text);
        if (fixed.text !== text) changed++;
        // A granted native app or SPA without a method: its preferred fix (method none) would break its grant.
        const risky = clients.some((c) => c.clientGrant && (c.appType === 'native' || c.appType === 'spa') && c.method === undefined && c.grants!.includes('client_credentials'));
        if (risky) held++;
      },
    ),
    { numRuns: 300 },
  );
  assert.ok(held > 30 && changed > 100, `${held} tenants with a fix to hold, ${changed} changed`);
});
