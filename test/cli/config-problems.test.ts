/**
 * The CLI names every problem of a broken config file at once, one line each with its line:col, and exits 2: for
 * the nearest config file, for `--config`, and for a config file named as a path (as pre-commit passes it).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/engine/index';
import { brokenConfigArb, type BrokenConfig } from '../helpers/config-problems';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const root = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-config-problems-')));
after(() => rmSync(root, { recursive: true, force: true }));

const TENANT = 'clients:\n  - name: Shop\n    app_type: regular_web\n    grant_types: [authorization_code, implicit]\n';

/** How the config file reaches the CLI, and the path its lines start with. */
const WAYS: [string, (dir: string) => string[], string][] = [
  ['found beside the files', () => ['.'], '.grantlintrc.json'],
  ['--config', () => ['--config', 'conf/custom.json', 'clients'], 'conf/custom.json'],
  ['named as a path', () => ['--with-dependents', '.grantlintrc.json'], '.grantlintrc.json'],
];

const CONFIGS: BrokenConfig[] = [
  {
    text: '{"rules":{"implicit-grants":"off"},"legacytenant":true}',
    problems: [
      { kind: 'rule id', culprit: '"implicit-grants"', message: /^unknown rule id 'implicit-grants' in 'rules'; did you mean 'implicit-grant'\?$/ },
      { kind: 'key', culprit: '"legacytenant"', message: /^unknown key 'legacytenant' \(expected rules, legacyTenant, ignore or overrides\); did you mean 'legacyTenant'\?$/ },
    ],
  },
  ...fc.sample(brokenConfigArb, { numRuns: 3, seed: 11 }),
];

test('every problem of a config file: one line each, at its line:col, exit 2', () => {
  CONFIGS.forEach((config, n) => {
    for (const [way, args, shown] of WAYS) {
      const dir = join(root, `${n}-${way.replace(/\W+/g, '-')}`);
      mkdirSync(join(dir, 'clients'), { recursive: true });
      mkdirSync(join(dir, 'conf'));
      writeFileSync(join(dir, 'clients', 'tenant.yaml'), TENANT);
      writeFileSync(join(dir, shown), config.text);
      const run = spawnSync(process.execPath, [CLI, ...args(dir)], { cwd: dir, encoding: 'utf8' });
      assert.equal(run.status, 2, `${way}: ${run.stderr}`);
      assert.equal(run.stdout, '');
      const lines = run.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, config.problems.length, `${way}:\n${run.stderr}\n${config.text}`);
      const index = new LineIndex(config.text);
      const unmatched = [...config.problems];
      for (const line of lines) {
        const match = new RegExp(`^grantlint: ${shown.replace(/\./g, '\\.')}: (\\d+):(\\d+): (.*)$`).exec(line);
        assert.ok(match, `${way}: ${line}`);
        const offset = index.offsetAt({ line: Number(match[1]) - 1, character: Number(match[2]) - 1 });
        const at = unmatched.findIndex((p) => config.text.startsWith(p.culprit, offset) && p.message.test(match[3]!));
        assert.ok(at >= 0, `${way}: unexpected ${line}\n${config.text}`);
        unmatched.splice(at, 1);
      }
    }
  });
});
