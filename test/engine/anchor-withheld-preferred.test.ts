/**
 * A finding whose preferred fix would edit YAML anchored content (a value its client takes through an alias or a
 * merge key) never loses that fix in silence: with no fix left it is `fixesWithheldByAnchor`, with other fixes left
 * `preferredFixWithheldByAnchor`, and the CLI's message says which fix is not offered and why. Checked on generated
 * tenants sharing values through anchors in every form (anchored-tenant-generator.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText } from '../../server/src/engine/index';
import { reachesThroughAnchor } from '../../server/src/engine/fix/through-anchor';
import { anchorScope } from '../../server/src/engine/fix/anchor-scope';
import { toCliFindings } from '../../server/src/cli/report';
import { generateAnchoredTenantYaml } from '../helpers/anchored-tenant-generator';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('a preferred fix withheld by a YAML anchor is said, with or without other fixes left', () => {
  let withheldWithOthers = 0;
  let withheldAlone = 0;
  let movedOffered = 0;
  // Large tenants share most anchors; small ones leave some to one client.
  for (let seed = 1; seed <= 40; seed++) {
    const text = generateAnchoredTenantYaml(seed <= 8 ? 80 : 3, seed);
    const result = lintText({ path: '/anchored/tenant.yaml', text });
    const cli = toCliFindings('tenant.yaml', text, result);
    const scope = anchorScope(result.parsed, result.clients)!;
    const clientOf = (offset: number) => result.clients.find((c) => c.node.start <= offset && offset <= c.node.end)!;
    result.findings.forEach((finding, i) => {
      const preferred = finding.preferredFix;
      // Withheld where another client uses the anchored content; offered, moved to the anchor, where none does.
      const throughAnchor = preferred !== undefined && reachesThroughAnchor(preferred, result.parsed.anchors);
      if (throughAnchor && scope.offered(preferred, clientOf(finding.span.start)) !== undefined) movedOffered++;
      const withheldByAnchor = throughAnchor && scope.offered(preferred, clientOf(finding.span.start)) === undefined;
      const left = finding.fixes.length + (finding.fixesElsewhere?.length ?? 0);
      const where = `seed ${seed}: ${finding.ruleId} at ${finding.span.start} (${preferred?.title})`;
      assert.equal(finding.preferredFixWithheldByAnchor === true, withheldByAnchor && left > 0, where);
      if (withheldByAnchor && left === 0) assert.equal(finding.fixesWithheldByAnchor, true, where);
      if (finding.preferredFixWithheldByAnchor) {
        withheldWithOthers++;
        // What else uses the anchored content is named, with its place (anchor-other-use.test.ts).
        assert.ok(finding.anchorOtherUse, `the other use is named: ${where}`);
        // The fullest note that fits beside the message (withNotes), each naming the other use and its place (its
        // place alone where the name would cut the rule's first clause).
        const use = `(client '[^']+'|[\\w-]+) at \\d+:\\d+`;
        const title = escape(preferred!.title);
        assert.match(cli[i]!.message, new RegExp(`\\((not offered: "${title}", which would edit YAML anchored content that ${use} also uses; edit the anchor by hand|not offered: "${title}": anchor also used by ${use}|preferred fix not offered: anchor also used by ${use}|not offered: anchor shared with ${use}|not offered: anchor also used at \\d+:\\d+)\\)`), cli[i]!.message);
        assert.ok(cli[i]!.message.length <= 120, cli[i]!.message);
      }
      if (finding.safeFixWithheld?.why === 'anchor') {
        assert.ok(finding.anchorOtherUse, `the other use is named: ${where}`);
        assert.match(cli[i]!.message, /((would edit YAML anchored content that|: anchor also used by|: anchor shared with) (client '[^']+'|[\w-]+)|: anchor also used) at \d+:\d+( uses; edit the anchor by hand)?\)/, cli[i]!.message);
        assert.ok(cli[i]!.message.length <= 120, cli[i]!.message);
      }
      if (finding.fixesWithheldByAnchor) {
        assert.ok(finding.anchorOtherUse, `the other use is named: ${where}`);
        assert.match(cli[i]!.message, /\(no fix: (the YAML anchored value is also used by (client '[^']+'|[\w-]+) at \d+:\d+; edit it by hand|anchor (also used by|shared with) (client '[^']+'|[\w-]+) at \d+:\d+|anchor also used at \d+:\d+)\)/, cli[i]!.message);
        assert.ok(cli[i]!.message.length <= 120, cli[i]!.message);
        withheldAlone++;
      }
    });
  }
  assert.ok(withheldWithOthers > 10, `${withheldWithOthers} findings kept other fixes`);
  assert.ok(withheldAlone > 10, `${withheldAlone} findings kept no fix`);
  assert.ok(movedOffered > 0, `${movedOffered} preferred fixes through an anchor one client uses`);
});
