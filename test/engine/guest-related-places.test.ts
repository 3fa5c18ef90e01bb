/**
 * A finding reported in a Terraform module's credentials file about a client of another file (a secret on a
 * `spa` or `native` app) lists the client's values that explain it, in that other file, with their place there:
 * so when the whole module is linted (both files reported), the json and SARIF related places and the editor's
 * related information still point at `app_type` in `main.tf`. Generated split modules (HCL and Terraform JSON,
 * lists over lines with comments, CRLF): every related place of a credentials-file finding that lies in another
 * file slices to the value it names there.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { LineIndex, lintText } from '../../server/src/engine/index';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';
import { renderSplitProject, splitProjectArb } from '../helpers/split-project-generator';

before(() => loadHclParser());

const ROOT = '/p';

test('credentials-file findings keep their related places in the client\'s file, with both files reported', () => {
  let placed = 0;
  fc.assert(
    fc.property(splitProjectArb, ({ clients, form }) => {
      if (form.terraform === 'directory') return;
      const texts = new Map<string, string>(Object.entries(renderSplitProject(clients, form)).map(([rel, text]) => [`${ROOT}/${rel}`, text] as const));
      const graph = new ProjectGraph(new MemoryProject(new Map(texts)), { isReported: () => true });
      for (const [path, text] of texts) {
        if (!/credentials\.tf(\.json)?$/.test(path)) continue;
        const result = lintText({ path, text, links: graph.linksFor(path).links });
        for (const finding of result.findings) {
          if (finding.ruleId !== 'secret-on-public-app-type') continue;
          const elsewhere = finding.related.flatMap((r) => (r.elsewhere ? [r.elsewhere] : []));
          assert.ok(elsewhere.length > 0, `${path}: '${finding.message}' names no place in the client's file`);
          for (const place of elsewhere) {
            const other = texts.get(place.path);
            assert.ok(other !== undefined, `a place in a file of the module: ${place.path}`);
            const lines = new LineIndex(other);
            const value = other.slice(lines.offsetAt(place.start), lines.offsetAt(place.end));
            assert.match(value, /^"(spa|native)"$/, `the related place is the client's app_type in ${place.path}`);
            placed++;
          }
        }
      }
    }),
    { numRuns: 200 },
  );
  assert.ok(placed > 20, `only ${placed} related places were checked`);
});
