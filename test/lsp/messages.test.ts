/**
 * The editor shows the same messages as the CLI: every diagnostic the language server publishes for the files of
 * the CLI fixtures and examples has the text, position and rule of the CLI's json finding, and its related
 * information is one short line each.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CliFinding } from '../../server/src/cli/report';
import { MAX_MESSAGE_LENGTH } from '../../server/src/engine/rules/messages';
import { messageOf, TestServer } from './helpers';

const REPO = join(__dirname, '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');
const FOLDERS = [join(REPO, 'test', 'fixtures', 'cli', 'mixed-stylish', 'input'), join(REPO, 'examples')];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(json|ya?ml)$/.test(name) ? [path] : [];
  });
}

describe('the same messages in the editor and the CLI', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  for (const folder of FOLDERS) {
    it(`${relative(REPO, folder)}: every diagnostic is the CLI's finding`, async () => {
      const run = spawnSync(process.execPath, [CLI, '--format', 'json', '.'], { cwd: folder, encoding: 'utf8' });
      const cliFindings = JSON.parse(run.stdout) as CliFinding[];
      const fromCli = cliFindings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.message}`);
      const fromEditor: string[] = [];
      for (const file of files(folder)) {
        const rel = relative(folder, file);
        const uri = await server.open(join(relative(REPO, folder), rel), readFileSync(file, 'utf8'));
        for (const d of await server.waitForCurrent(uri)) {
          fromEditor.push(`${rel}:${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${messageOf(d)}`);
          for (const info of d.relatedInformation ?? []) {
            assert.ok(info.message.length <= MAX_MESSAGE_LENGTH && !info.message.includes('\n'), info.message);
          }
        }
      }
      assert.ok(fromCli.length > 0);
      assert.deepEqual([...fromEditor].sort(), [...fromCli].sort());
    });
  }
});
