/**
 * Editor fix all (source.fixAll, the fix-all command, fix on save) fixes a Terraform module's file exactly as
 * `grantlint --fix` does: each file of a generated module is linted as the server lints an open document (its
 * module's links from the server's ProjectLinker, its own DocumentAnalyzer), fixed with the service's fix all and
 * saved, in the order the CLI walks the files; the module then equals what `grantlint --fix` made of a copy.
 * Modules: credentials resources in the same file, in another file or nowhere (the provider's create-time method
 * when the module is read whole), `for_each` clients, `.tf` and `.tf.json` files.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';
import { applyTextEdits } from '../../server/src/engine/fix/render';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { DocumentAnalyzer } from '../../server/src/service/analysis';
import { fixAllEdit } from '../../server/src/service/fix-all';
import { ProjectLinker } from '../../server/src/workspace/project-linker';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { moduleFiles, moduleShapeArb, REPORTED_SPA, type ModuleShape } from '../helpers/fix-all-module-generator';

const ROOT = mkdtempSync(join(tmpdir(), 'grantlint-fix-all-module-'));
const RUNS = Number(process.env['FIX_ALL_MODULE_RUNS'] ?? 80);
let counter = 0;

before(() => loadHclParser());
after(() => rmSync(ROOT, { recursive: true, force: true }));

function writeModule(files: Record<string, string>): string {
  const made = join(ROOT, `m${counter++}`);
  mkdirSync(made);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(made, name), text);
  return made;
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

async function cliFixed(files: Record<string, string>): Promise<Record<string, string>> {
  const dir = writeModule(files);
  const outcome = await run(['--fix', '--format', 'json', '.'], dir);
  assert.ok(outcome.exitCode === 0 || outcome.exitCode === 1, outcome.stderr);
  return snapshot(dir);
}

/** Each file opened in the editor, fixed with fix all and saved, in the CLI's order; the module as it ends. */
function editorFixed(files: Record<string, string>): Record<string, string> {
  const dir = writeModule(files);
  const linker = new ProjectLinker((line) => assert.fail(line));
  for (const name of Object.keys(files).sort()) {
    const path = join(dir, name);
    const text = readFileSync(path, 'utf8');
    // As FileLinter.analyze runs for an open document.
    const links = linker.linksFor(path, text, true);
    const parsed = links && linker.parsedOf(path);
    const analysis = new DocumentAnalyzer().analyze({ path, text, languageId: name.endsWith('.json') ? 'json' : 'terraform', settings: DEFAULT_SETTINGS, links, ...(parsed ? { parsed } : {}) });
    assert.ok(analysis, name);
    const edit = fixAllEdit(analysis);
    const fixed = edit ? applyTextEdits(text, [edit]) : text;
    writeFileSync(path, fixed);
    linker.documentText(path, fixed);
  }
  return snapshot(dir);
}

async function assertSameAsCli(shape: ModuleShape): Promise<void> {
  const files = moduleFiles(shape);
  assert.deepEqual(editorFixed(files), await cliFixed(files), JSON.stringify(files, null, 2));
}

test('the reported SPA: fix all removes client_credentials as --fix does (create-time method none)', async () => {
  const files = moduleFiles(REPORTED_SPA);
  const fixed = editorFixed(files);
  assert.doesNotMatch(fixed['main.tf']!, /client_credentials/);
  assert.deepEqual(fixed, await cliFixed(files));
});

test('the reported SPA as a for_each client and in Terraform JSON', async () => {
  const forEach = { ...REPORTED_SPA, clients: [{ ...REPORTED_SPA.clients[0]!, forEach: true }] };
  for (const shape of [forEach, { ...REPORTED_SPA, mainJson: true }, { ...forEach, mainJson: true }]) {
    const fixed = editorFixed(moduleFiles(shape));
    assert.doesNotMatch(Object.values(fixed).join('\n'), /client_credentials/, JSON.stringify(shape));
    await assertSameAsCli(shape);
  }
});

test('generated modules: editor fix all, file by file, equals grantlint --fix', async () => {
  await fc.assert(fc.asyncProperty(moduleShapeArb, assertSameAsCli), { numRuns: RUNS, seed: 20261201 });
});
