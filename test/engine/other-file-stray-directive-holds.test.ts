/**
 * A directive at the end of a line of a Terraform `auth0_client_credentials` resource in another file of the module,
 * naming the rule of a finding on the client that resource configures (public-client-credentials, whose method is
 * there), holds that finding's fixes, as a comment above the resource does (U47: after the resource's `{` or after
 * `authentication_method = "none"`, `--fix` still removed `client_credentials` in main.tf). The comment at the end of
 * every line of the resource, `#`, `//` and `/* *\/`, naming the rule or another one (then the fixes stay); the
 * module linted with its links as the CLI and the server link it.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { fixAll, lintText } from '../../server/src/engine/index';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';

before(async () => {
  await loadHclParser();
});

const MAIN = 'resource "auth0_client" "storefront" {\n  name        = "Storefront"\n  app_type    = "spa"\n  grant_types = ["authorization_code", "client_credentials"]\n}\n';
const CREDENTIALS = ['resource "auth0_client_credentials" "storefront" {', '  client_id             = auth0_client.storefront.id', '  authentication_method = "none"', '}'];

const caseArb = fc.record({
  line: fc.nat(3),
  marker: fc.constantFrom('#', '//', '/*'),
  word: fc.constantFrom('grantlint-disable-line', 'grantlint-disable-next-line'),
  namesRule: fc.boolean(),
});

test('a line-end directive in the credentials resource of another file holds the fixes of the finding it names', () => {
  let held = 0;
  fc.assert(
    fc.property(caseArb, (c) => {
      const body = `${c.word} ${c.namesRule ? 'public-client-credentials' : 'duplicate-grant-type'}`;
      const comment = c.marker === '/*' ? `/* ${body} */` : `${c.marker} ${body}`;
      const credentials = `${CREDENTIALS.map((line, i) => (i === c.line ? `${line} ${comment}` : line)).join('\n')}\n`;
      const texts = new Map([
        ['/m/main.tf', MAIN],
        ['/m/credentials.tf', credentials],
      ]);
      const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
      const input = { path: '/m/main.tf', text: MAIN, links: graph.linksFor('/m/main.tf').links };
      const finding = lintText(input).findings.find((f) => f.ruleId === 'public-client-credentials');
      assert.ok(finding, credentials);
      if (!c.namesRule) {
        assert.ok(finding.fixes.length > 0, `naming another rule, the fixes stay:\n${credentials}`);
        return;
      }
      assert.deepEqual(finding.fixes, [], credentials);
      assert.ok(finding.fixesHeldBySuppression && 'otherFile' in finding.fixesHeldBySuppression, JSON.stringify(finding.fixesHeldBySuppression));
      for (const unsafe of [false, true]) assert.ok(fixAll(input, { unsafe }).text.includes('"client_credentials"'), `${unsafe ? 'unsafe ' : ''}fix all kept the grant`);
      held++;
    }),
    { numRuns: 120, includeErrorInReport: true },
  );
  assert.ok(held > 30, `${held} held`);
});
