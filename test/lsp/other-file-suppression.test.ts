/**
 * The editor gives a suppression comment for a finding reported in the other file of its Terraform module the same
 * unused-suppression message as the CLI (a run on the module or on the file alone: the engine's message), whether
 * the other file is checked too (the workspace scanned) or only read for links (workspaceScan off, only the open
 * document checked), with the finding's place as related information to go to. Before, with the other file checked,
 * the comment was told there was no finding and to remove it. Generated modules: test/helpers/other-file-suppression.ts.
 */
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { lintText } from '../../server/src/engine/index';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';
import { describeLayout, layoutsOf, OTHER_FILE_CASES, otherFileModule, toldToMove, type OtherFileModule } from '../helpers/other-file-suppression';
import { messageOf, TestServer } from './helpers';

/** One module per case and layout, in a folder of its own; layouts with the finding silenced elsewhere left to the engine test. */
const MODULES = OTHER_FILE_CASES.flatMap((c, i) =>
  layoutsOf(c)
    .filter((layout) => !layout.silencedThere)
    .map((layout, j) => ({ folder: `m${i}-${j}`, rule: c.rule, module: otherFileModule(c, layout), what: describeLayout(c, layout), moved: toldToMove(c, layout) })),
);

/** The engine's message for the commented file, in a run on the whole module. */
function engineMessage(module: OtherFileModule): string {
  const texts = new Map(Object.entries(module.files).map(([name, text]) => [`/m/${name}`, text]));
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  const path = `/m/${module.commented}`;
  const found = lintText({ path, text: module.files[module.commented]!, links: graph.linksFor(path).links }).findings.filter((f) => f.ruleId === 'unused-suppression');
  assert.equal(found.length, 1);
  return found[0]!.message;
}

for (const scanned of [true, false]) {
  describe(`a comment for the other file's finding, ${scanned ? 'the workspace scanned' : 'only the open document checked'}`, () => {
    let server: TestServer;
    before(async () => {
      await loadHclParser();
      const files: Record<string, string> = {};
      for (const { folder, module } of MODULES) for (const [name, text] of Object.entries(module.files)) files[`${folder}/${name}`] = text;
      server = await TestServer.start({ files, ...(scanned ? {} : { settings: { workspaceScan: false } }) });
      await server.waitForScans(1);
    });
    after(async () => {
      await server.stop();
    });

    it('reads as in the CLI, and names the finding’s place as related information', async () => {
      for (const { folder, rule, module, what, moved } of MODULES) {
        const rel = `${folder}/${module.commented}`;
        const uri = await server.open(rel, module.files[module.commented]!);
        const unused = (await server.waitForCurrent(uri)).filter((d) => d.code === 'unused-suppression');
        assert.equal(unused.length, 1, what);
        assert.equal(messageOf(unused[0]!), engineMessage(module), what);
        const related = (unused[0]!.relatedInformation ?? []).map((r) => fileURLToPath(r.location.uri));
        assert.deepEqual(related, moved ? [server.path(`${folder}/${module.other}`)] : [], what);
        // The related place's message names the file as the module's files go by, not by its absolute path.
        for (const info of unused[0]!.relatedInformation ?? []) assert.equal(info.message, `The ${rule} finding is in ${basename(fileURLToPath(info.location.uri))}: disable it there`, what);
      }
    });
  });
}
