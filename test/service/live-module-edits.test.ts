/**
 * Open documents of a Terraform module edited live, as the lint worker runs them: each edit goes to the live
 * project graph (`LiveProjects.documentText`), the file is linted with `linksFor` and `parsedOf` by its own
 * `DocumentAnalyzer`, and the dependents the change names are linted after it. After every step, every open
 * file's findings equal a lint with links from a graph read afresh. While only one file changes, its links stay
 * the same object and the project does not parse it again, so an edit inside one block re-reads that block only.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { lintText, type LintResult } from '../../server/src/engine/index';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { DocumentAnalyzer } from '../../server/src/service/analysis';
import { diskProjectFiles } from '../../server/src/workspace/disk-project-files';
import { LiveProjects } from '../../server/src/workspace/live-projects';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { observable, randomEdit } from '../helpers/hcl-edits';
import { generateTerraformModule } from '../helpers/terraform-generator';
import { Prng } from '../robustness/prng';

const ROOT = mkdtempSync(join(tmpdir(), 'grantlint-live-module-'));
const STEPS = Number(process.env['INCREMENTAL_EDITS'] ?? 120);

before(() => loadHclParser());
after(() => rmSync(ROOT, { recursive: true, force: true }));

const GRANT = (client: number): string =>
  `resource "auth0_client_grant" "api_${client}" {\n  client_id = auth0_client.client_${client}.id\n  audience  = "https://api.example.com/"\n  scopes    = ["read:all"]\n}\n`;

/** An editor with some files of one module open, each linted as the lint worker lints it. */
class Editor {
  private readonly live = new LiveProjects();
  private readonly analyzers = new Map<string, DocumentAnalyzer>();
  private readonly results = new Map<string, LintResult>();
  readonly texts = new Map<string, string>();

  /** Opens or edits `path` (an open document's new text); returns the dependents the change named. */
  type(path: string, text: string): readonly string[] {
    this.texts.set(path, text);
    const dependents = this.live.documentText(path, text);
    this.lint(path);
    // The worker lints the dependents that are open documents after the edited file.
    for (const dependent of dependents) if (this.texts.has(dependent)) this.lint(dependent);
    return dependents;
  }

  lint(path: string): void {
    let analyzer = this.analyzers.get(path);
    if (!analyzer) this.analyzers.set(path, (analyzer = new DocumentAnalyzer()));
    const { links } = this.live.linksFor(path);
    const parsed = links && this.live.parsedOf(path);
    const analysis = analyzer.analyze({ path, text: this.texts.get(path)!, languageId: 'terraform', settings: DEFAULT_SETTINGS, links, ...(parsed ? { parsed } : {}) });
    assert.ok(analysis);
    this.results.set(path, analysis.result);
  }

  result(path: string): LintResult {
    return this.results.get(path)!;
  }

  linksOf(path: string): unknown {
    return this.live.linksFor(path).links;
  }

  /** The project's parse of `path`, when it holds one of its current text. */
  parseOf(path: string): unknown {
    return this.live.parsedOf(path)?.file;
  }
}

/** `path`'s findings with links from a graph that reads the module afresh (open documents' texts first). */
function fresh(texts: ReadonlyMap<string, string>, path: string): string[] {
  const disk = diskProjectFiles();
  const graph = new ProjectGraph({ ...disk, read: (p) => texts.get(p) ?? disk.read(p) }, { isReported: () => true });
  const text = texts.get(path)!;
  return observable(text, lintText({ path, text, format: 'hcl', settings: DEFAULT_SETTINGS, links: graph.linksFor(path).links }));
}

function writeModule(name: string, seed: number, withGrants: boolean): { dir: string; main: string; credentials: string; grants: string } {
  const dir = join(ROOT, name);
  mkdirSync(dir, { recursive: true });
  const files = generateTerraformModule({ clients: 30, seed, invalidShare: 0.5 });
  const main = join(dir, 'main.tf');
  const credentials = join(dir, 'credentials.tf');
  const grants = join(dir, 'grants.tf');
  writeFileSync(main, files['main.tf']!);
  // Every fourth client has no credentials resource: the provider's create-time method is then assumed for it
  // while the module is known whole (no syntax error in any file, no credentials naming an unreadable client).
  writeFileSync(credentials, files['credentials.tf']!.replace(/resource "auth0_client_credentials" "client_(\d+)" \{[^}]*\}\n/g, (block, n: string) => (Number(n) % 4 === 0 ? '' : block)));
  if (withGrants) writeFileSync(grants, GRANT(3) + GRANT(7));
  writeFileSync(join(dir, 'variables.tf'), 'variable "jwt_lifetime" {\n  type = number\n}\n');
  return { dir, main, credentials, grants };
}

test('random edits of the open files of a module: every open file as with a graph read afresh', () => {
  for (const withGrants of [false, true]) {
    const { main, credentials, grants } = writeModule(`random-${withGrants}`, withGrants ? 5 : 6, withGrants);
    const editor = new Editor();
    const disk = diskProjectFiles();
    const open = withGrants ? [main, credentials, grants] : [main, credentials];
    for (const path of open) editor.type(path, disk.read(path));
    const prng = new Prng(withGrants ? 41 : 42);
    const random = () => prng.next();
    let reused = 0;
    let mainEdits = 0;
    for (let step = 0; step < STEPS; step++) {
      // Mostly the clients' file, as people work; now and then another open file.
      const path = random() < 0.75 ? main : open[1 + Math.floor(random() * (open.length - 1))]!;
      const before = editor.result(path);
      editor.type(path, randomEdit(editor.texts.get(path)!, random));
      for (const file of open) {
        assert.deepEqual(observable(editor.texts.get(file)!, editor.result(file)), fresh(editor.texts, file), `step ${step}: ${file} after an edit of ${path}`);
      }
      if (path === main) {
        mainEdits++;
        // The one-block re-read keeps the client entries it did not read again (those before the edit).
        if (editor.result(main).clients.some((c) => before.clients.includes(c))) reused++;
      }
    }
    assert.ok(reused > mainEdits / 8, `only ${reused} of ${mainEdits} edits of main.tf re-read one block`);
  }
});

test('an edit of one file keeps its links and is not parsed by the project; an edit of another file renews them', () => {
  const { main, credentials } = writeModule('links-kept', 8, false);
  const editor = new Editor();
  const disk = diskProjectFiles();
  editor.type(main, disk.read(main));
  const links = editor.linksOf(main);
  const openedParse = editor.parseOf(main);
  assert.ok(openedParse, 'the project read main.tf from disk, as opened');
  let text = editor.texts.get(main)!;
  for (let i = 0; i < 6; i++) {
    // A grant broken, then typed back, in three clients.
    const at = text.indexOf(i % 2 ? '"refresh_tokeX"' : '"refresh_token"', (text.length * (Math.floor(i / 2) + 1)) / 5) + 13;
    text = `${text.slice(0, at)}${i % 2 ? 'n' : 'X'}${text.slice(at + 1)}`;
    const dependents = editor.type(main, text);
    assert.ok(dependents.includes(credentials), 'credentials.tf depends on the clients of main.tf');
    assert.equal(editor.linksOf(main), links, `edit ${i}: main.tf got new links though no other file changed`);
    // Typed back to the text the project read, the project takes back the parse it made then; else it has none.
    assert.equal(editor.parseOf(main), i % 2 ? openedParse : undefined, `edit ${i}: the project parsed main.tf for its own lint`);
  }
  // Another file of the module changes: main.tf is linted with links that hold it.
  const credentialsText = disk.read(credentials).replace('"client_secret_post"', '"none"');
  const dependents = editor.type(credentials, credentialsText);
  assert.ok(dependents.includes(main));
  assert.notEqual(editor.linksOf(main), links);
});
