/**
 * Over stdio: `source.fixAll` (and the grantlint.fixAll command) on the files of generated Terraform modules, each
 * opened, fixed and saved in the order the CLI walks them, leaves every module as `grantlint --fix` leaves a copy
 * of it: the server's fix all lints with the module's links, as its diagnostics do. The reported case first (a
 * SPA with client_credentials and no credentials resource: the provider's create-time method `none`).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';
import { moduleFiles, moduleShapeArb, REPORTED_SPA, type ModuleShape } from '../helpers/fix-all-module-generator';
import { applyEdits, editsFor, TestServer } from './helpers';

const GENERATED = fc.sample(moduleShapeArb, { numRuns: 16, seed: 4242 });
const forEachSpa: ModuleShape = { ...REPORTED_SPA, clients: [{ ...REPORTED_SPA.clients[0]!, forEach: true }] };
const SHAPES: readonly ModuleShape[] = [REPORTED_SPA, forEachSpa, { ...REPORTED_SPA, mainJson: true }, ...GENERATED];
const MODULES = SHAPES.map((shape, i) => ({ dir: `m${i}`, files: moduleFiles(shape) }));
const CLI_ROOT = mkdtempSync(join(tmpdir(), 'grantlint-fix-all-stdio-'));

const ORIGIN = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

async function cliFixed(files: Record<string, string>, name: string): Promise<Record<string, string>> {
  const dir = join(CLI_ROOT, name);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  const outcome = await run(['--fix', '--format', 'json', '.'], dir);
  assert.ok(outcome.exitCode === 0 || outcome.exitCode === 1, outcome.stderr);
  return Object.fromEntries(readdirSync(dir).sort().map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
}

describe('editor fix all on a Terraform module over stdio', () => {
  let server: TestServer;
  before(async () => {
    const files = Object.fromEntries(MODULES.flatMap(({ dir, files: module }) => Object.entries(module).map(([file, text]) => [`${dir}/${file}`, text])));
    server = await TestServer.start({ files, settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
    rmSync(CLI_ROOT, { recursive: true, force: true });
  });

  /** Opens each file of the module in the CLI's order, applies source.fixAll and saves it; the module as it ends. */
  async function fixOnSave(dir: string, files: Record<string, string>): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const file of Object.keys(files).sort()) {
      const rel = `${dir}/${file}`;
      const text = readFileSync(server.path(rel), 'utf8');
      const uri = await server.open(rel, text);
      await server.waitForCurrent(uri);
      const actions = ((await server.codeActions(uri, ORIGIN, [], ['source.fixAll'])) ?? []).filter((a) => 'kind' in a && a.kind !== undefined);
      const edit = actions.find((a) => 'edit' in a && a.kind === 'source.fixAll.grantlint');
      const fixed = edit && 'edit' in edit ? applyEdits(text, editsFor(edit.edit, uri)) : text;
      if (fixed !== text) await server.change(uri, fixed);
      server.write(rel, fixed);
      out[file] = fixed;
    }
    return out;
  }

  it('removes client_credentials from the SPA whose module has no credentials resource, as --fix does', async () => {
    const { dir, files } = MODULES[0]!;
    const fixed = await fixOnSave(dir, files);
    assert.doesNotMatch(fixed['main.tf']!, /client_credentials/);
    assert.deepEqual(fixed, await cliFixed(files, dir));
  });

  it('the grantlint.fixAll command applies the same edit (a for_each SPA)', async () => {
    const { dir, files } = MODULES[1]!;
    const uri = await server.open(`${dir}/main.tf`, files['main.tf']!);
    await server.waitForCurrent(uri);
    await server.executeCommand('grantlint.fixAll', [uri]);
    const applied = await server.waitFor('applyEdit', () => server.applied.find((p) => editsFor(p.edit, uri).length > 0));
    const fixed = applyEdits(files['main.tf']!, editsFor(applied.edit, uri));
    assert.deepEqual({ 'main.tf': fixed }, await cliFixed(files, dir));
  });

  it(`generated modules (${MODULES.length - 2}): fix on save, file by file, equals grantlint --fix`, async () => {
    for (const { dir, files } of MODULES.slice(2)) {
      assert.deepEqual(await fixOnSave(dir, files), await cliFixed(files, dir), JSON.stringify(files, null, 2));
    }
  });
});
