/**
 * A suppression comment above a Terraform client whose method is unknown because its module is not known whole
 * (a credentials resource naming an undeclared `auth0_client`, or `client_id = var.x`, so any client may be the
 * one it configures) names a rule that may fire once the method is known: it is not reported unused. With the
 * module known whole (no credentials resource: the provider's create-time method), the same comment silences
 * nothing and is reported. Before, a rule whose finding lands on the method (secret-on-public-app-type) was tried
 * with the method set where the client has none, at the client's end, outside the comment's scope, and the comment
 * was called unused. Generated: app types, grants, comment styles and places, the credentials' reference.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { lintText } from '../../server/src/engine/index';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';

before(() => loadHclParser());

test('a comment above a client whose method the module leaves unknown is not called unused', () => {
  let kept = 0;
  let reported = 0;
  fc.assert(
    fc.property(
      fc.constantFrom('spa', 'native'),
      fc.constantFrom(['authorization_code'], ['authorization_code', 'refresh_token']),
      fc.constantFrom('#', '//'),
      fc.constantFrom('block', 'app_type'),
      fc.constantFrom('typo', 'variable', 'none'),
      (appType, grants, comment, at, reference) => {
        const directive = `${comment} grantlint-disable-next-line secret-on-public-app-type`;
        const main = [
          ...(at === 'block' ? [directive] : []),
          'resource "auth0_client" "tv" {',
          '  name        = "TV App"',
          ...(at === 'app_type' ? [`  ${directive}`] : []),
          `  app_type    = "${appType}"`,
          `  grant_types = [${grants.map((g) => `"${g}"`).join(', ')}]`,
          '}',
          '',
        ].join('\n');
        const target = reference === 'typo' ? 'auth0_client.tvv.id' : 'var.tv_id';
        const texts = new Map([['/m/main.tf', main]]);
        if (reference !== 'none') texts.set('/m/credentials.tf', `resource "auth0_client_credentials" "tv" {\n  client_id             = ${target}\n  authentication_method = "client_secret_post"\n}\n`);
        const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
        const unused = lintText({ path: '/m/main.tf', text: main, links: graph.linksFor('/m/main.tf').links }).findings.filter((f) => f.ruleId === 'unused-suppression');
        if (reference === 'none') {
          reported++;
          assert.equal(unused.length, 1, `the provider's method none silences nothing:\n${main}`);
        } else {
          kept++;
          assert.deepEqual(unused.map((f) => f.message), [], `${reference}:\n${main}`);
        }
      },
    ),
    { numRuns: 120 },
  );
  assert.ok(kept > 20 && reported > 10, `${kept} kept, ${reported} reported`);
});
