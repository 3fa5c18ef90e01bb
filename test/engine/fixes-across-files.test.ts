/**
 * Fixes across files (Finding.fixesElsewhere, rendered by engine/fix/render-elsewhere.ts): a finding in `main.tf`
 * whose fix sets the method in `credentials.tf`, one in `credentials.tf` whose fix changes the client in `main.tf`,
 * a client grant whose fix adds `client_credentials` to its client in another file. Property over generated split
 * projects (test/helpers/split-project-generator.ts: Terraform HCL and JSON modules, deploy-cli directories, CRLF,
 * multi-line lists with comments): every such fix renders; applied to every file it edits, the project still
 * parses, the finding is gone, no client gets a new error, and every other client keeps exactly its findings
 * (rule book, "Invariants every fix keeps").
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { basename } from 'node:path';
import { applyTextEdits, DEFAULT_SETTINGS, lintText, type LintFinding, type LintResult } from '../../server/src/engine/index';
import { analyze } from '../../server/src/service/analysis';
import { hoverAt } from '../../server/src/service/hover';
import { ElsewhereRenderer } from '../../server/src/engine/fix/render-elsewhere';
import { toCliFindings } from '../../server/src/cli/report';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';
import { renderSplitProject, splitProjectArb } from '../helpers/split-project-generator';

before(() => loadHclParser());

const ROOT = '/p';

interface Linted {
  readonly path: string;
  readonly text: string;
  readonly result: LintResult;
  /** The client each finding is about (its name), in the order of result.findings. */
  readonly owners: readonly (string | null)[];
}

/** Every file of a project linted with its links, as the server and the CLI lint them. */
function lintProject(texts: ReadonlyMap<string, string>): { linted: Linted[]; graph: ProjectGraph } {
  const graph = new ProjectGraph(new MemoryProject(new Map(texts)), { isReported: () => true });
  const linted = [...texts].map(([path, text]) => {
    const result = lintText({ path, text, links: graph.linksFor(path).links });
    return { path, text, result, owners: toCliFindings(path, text, result).map((f) => f.client) };
  });
  return { linted, graph };
}

/** Findings counted by client, rule and severity, over the whole project. */
function counts(linted: readonly Linted[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const file of linted) {
    file.result.findings.forEach((finding, i) => {
      const key = `${file.owners[i] ?? '(file)'}|${finding.ruleId}|${finding.severity}`;
      out.set(key, (out.get(key) ?? 0) + 1);
    });
  }
  return out;
}

function fixesAcross(linted: readonly Linted[]): { file: Linted; finding: LintFinding; owner: string | null }[] {
  const out: { file: Linted; finding: LintFinding; owner: string | null }[] = [];
  for (const file of linted) file.result.findings.forEach((finding, i) => finding.fixesElsewhere && out.push({ file, finding, owner: file.owners[i] ?? null }));
  return out;
}

describe('fixes across files', () => {
  test('generated split projects: each renders, and applied to every file it edits keeps the invariants', () => {
    let applied = 0;
    const titles = new Set<string>();
    fc.assert(
      fc.property(splitProjectArb, ({ clients, form }) => {
        const texts = new Map<string, string>(Object.entries(renderSplitProject(clients, form)).map(([rel, text]) => [`${ROOT}/${rel}`, text] as const));
        const { linted, graph } = lintProject(texts);
        for (const file of linted) assert.equal(file.result.parsed.errors.length, 0, `${file.path} parses`);
        const before = counts(linted);
        for (const { file, finding, owner } of fixesAcross(linted)) {
          const links = graph.linksFor(file.path).links;
          assert.ok(links, `${file.path}: a fix across files has links`);
          const renderer = new ElsewhereRenderer(file.text, file.result.format, file.result.parsed, links);
          for (const fix of finding.fixesElsewhere ?? []) {
            const rendered = renderer.render(fix);
            assert.ok(rendered, `${finding.ruleId}: '${fix.title}' renders`);
            const next = new Map(texts);
            next.set(file.path, applyTextEdits(file.text, rendered.own));
            for (const other of rendered.others) {
              assert.equal(texts.get(other.path), other.text, `${other.path}: rendered against the file's text`);
              next.set(other.path, applyTextEdits(other.text, other.edits));
            }
            const after = lintProject(next).linted;
            for (const relinted of after) assert.equal(relinted.result.parsed.errors.length, 0, `${relinted.path} parses after '${fix.title}':\n${relinted.text}`);
            const afterCounts = counts(after);
            const key = `${owner ?? '(file)'}|${finding.ruleId}|${finding.severity}`;
            assert.ok((afterCounts.get(key) ?? 0) < (before.get(key) ?? 0), `'${fix.title}' clears ${key}`);
            for (const [k, n] of afterCounts) {
              const [client, , severity] = k.split('|');
              if (client !== owner) assert.equal(n, before.get(k) ?? 0, `'${fix.title}' leaves ${k} of another client as it was`);
              else if (severity === 'error') assert.ok(n <= (before.get(k) ?? 0), `'${fix.title}' raises no new error: ${k}`);
            }
            for (const [k, n] of before) if (k.split('|')[0] !== owner) assert.equal(afterCounts.get(k) ?? 0, n, `'${fix.title}' leaves ${k} as it was`);
            applied++;
            titles.add(`${form.terraform} ${finding.ruleId}: ${fix.title.replace(/'[^']*'/g, "'…'")}`);
          }
        }
      }),
      { numRuns: 250 },
    );
    assert.ok(applied >= 100, `only ${applied} fixes across files were generated`);
    // Every kind the rule book names is among them: a method set in the credentials file (public-client-credentials),
    // both files at once (device-code-requirements), the client changed from the credentials file
    // (secret-on-public-app-type), and a client grant's client in another file.
    for (const expected of [/^hcl public-client-credentials: Set authentication_method/, /^json public-client-credentials: Set authentication_method/, /^hcl device-code-requirements: Set authentication_method to '…' and remove/, /^hcl secret-on-public-app-type: /, /^hcl client-grant-without-client-credentials: Add/, /^directory client-grant-without-client-credentials: Add/]) {
      assert.ok([...titles].some((t) => expected.test(t)), `${expected} among:\n${[...titles].sort().join('\n')}`);
    }
  });

  test('the hover on a grant names the preferred fix when it edits another file, and which file', () => {
    let named = 0;
    fc.assert(
      fc.property(splitProjectArb, ({ clients, form }) => {
        const texts = new Map<string, string>(Object.entries(renderSplitProject(clients, form)).map(([rel, text]) => [`${ROOT}/${rel}`, text] as const));
        const { linted, graph } = lintProject(texts);
        for (const file of linted) {
          const analysis = analyze({ path: file.path, text: file.text, settings: DEFAULT_SETTINGS, links: graph.linksFor(file.path).links })!;
          const byItem = new Map<number, LintFinding[]>();
          for (const finding of analysis.result.findings) if (finding.grantItem) byItem.set(finding.grantItem.start, [...(byItem.get(finding.grantItem.start) ?? []), finding]);
          for (const [start, findings] of byItem) {
            // Whichever finding the hover shows, its preferred fix is a quick fix here or across files.
            const elsewhere = findings.filter((f) => f.preferredFix && f.fixesElsewhere?.includes(f.preferredFix));
            if (elsewhere.length !== findings.length) continue;
            const md = hoverAt(analysis, start + 1)?.markdown.replace(/\\(.)/g, '$1') ?? '';
            const shown = elsewhere.find((f) => md.includes(`**Fix:** ${f.preferredFix!.title}, in `));
            assert.ok(shown, `${file.path}: the hover names the fix across files:\n${md}\n${file.text}`);
            const other = shown.related.find((r) => r.elsewhere)?.elsewhere?.path;
            assert.ok(other && md.includes(`, in ${basename(other)}`), `names the other file ${other}:\n${md}`);
            named++;
          }
        }
      }),
      { numRuns: 250 },
    );
    assert.ok(named >= 20, `only ${named} hovers on fixes across files`);
  });

  test('a fix across files is rendered against the other file as it is now, after that file changes', () => {
    // Renderers of other files are kept with their parse (render-elsewhere.ts): a changed file, at the same path,
    // must get a renderer of its new text, or the fix would edit the old offsets.
    const grants = 'resource "auth0_client_grant" "api" {\n  client_id = auth0_client.worker.id\n  audience  = "https://api.example.com/"\n  scopes    = ["read:things"]\n}\n';
    const main = (before: string) => `${before}resource "auth0_client" "worker" {\n  name        = "Worker"\n  app_type    = "non_interactive"\n  grant_types = ["authorization_code"]\n}\n`;
    const grantsPath = `${ROOT}/grants.tf`;
    const mainPath = `${ROOT}/main.tf`;
    const texts = new Map([[grantsPath, grants], [mainPath, main('')]]);
    const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
    for (const before of ['', '# moved down by a comment\n\n', '# and again, by more lines\n#\n#\n', '']) {
      texts.set(mainPath, main(before));
      graph.noteText(mainPath, main(before));
      const links = graph.linksFor(grantsPath).links;
      assert.ok(links);
      const result = lintText({ path: grantsPath, text: grants, links });
      const finding = result.findings.find((f) => f.ruleId === 'client-grant-without-client-credentials');
      assert.ok(finding?.fixesElsewhere?.length, 'the grant finding has a fix in main.tf');
      const renderer = new ElsewhereRenderer(grants, result.format, result.parsed, links);
      for (const fix of finding.fixesElsewhere) {
        const others = renderer.render(fix)?.others ?? [];
        assert.equal(others.length, 1, `'${fix.title}' renders in main.tf`);
        assert.equal(others[0]!.text, main(before), 'rendered against main.tf as it is now');
        const fixed = applyTextEdits(others[0]!.text, others[0]!.edits);
        assert.ok(fixed.startsWith(before), `the comment kept:\n${fixed}`);
        assert.match(fixed, /grant_types = \["authorization_code", "client_credentials"\]/, `client_credentials added where the list is now:\n${fixed}`);
      }
    }
  });
});
