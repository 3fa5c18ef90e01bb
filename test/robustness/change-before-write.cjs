/**
 * Preloaded with `node --require` by test/robustness/security.test.ts: simulates an editor saving a file while
 * `grantlint --fix` works on it. On the Nth fs.readFileSync of the file named by GRANTLINT_CHANGE_FILE (N from
 * GRANTLINT_CHANGE_ON_READ), a line is appended to that file first.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const target = process.env.GRANTLINT_CHANGE_FILE && path.resolve(process.env.GRANTLINT_CHANGE_FILE);
const on = Number(process.env.GRANTLINT_CHANGE_ON_READ || 1);
const original = fs.readFileSync;
let reads = 0;
fs.readFileSync = function readFileSync(file, ...rest) {
  if (target && typeof file === 'string' && path.resolve(file) === target && ++reads === on) {
    fs.appendFileSync(target, '\n# saved by an editor meanwhile\n');
  }
  return original.call(this, file, ...rest);
};
