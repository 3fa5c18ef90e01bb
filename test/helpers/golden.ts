/**
 * Golden files: compared byte for byte; `UPDATE_GOLDEN=1` rewrites them (review the diff before committing).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const UPDATING = process.env['UPDATE_GOLDEN'] === '1';

export function expectGolden(path: string, actual: string): void {
  if (UPDATING) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.ok(existsSync(path), `missing golden file ${path} (run the tests with UPDATE_GOLDEN=1, then review it)`);
  assert.equal(actual, readFileSync(path, 'utf8'), `output differs from ${path}`);
}
