/**
 * The language status item's words for the server's `grantlint/status`: a workspace scan that stopped at
 * `grantlint.workspaceScan.maxFiles` shows as a warning naming the folders and the setting; malformed stops from
 * another server version are ignored, not shown.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readScanStops, statusText } from '../../client/src/constants';

test('a whole scan is information: client configs checked and files read', () => {
  assert.deepEqual(statusText({ clientConfigs: 1, filesChecked: 3, scanStopped: [] }), { text: 'Grantlint: 1 client config file checked', detail: '3 files read', warning: false });
  assert.deepEqual(statusText({ clientConfigs: 2, filesChecked: 1 }), { text: 'Grantlint: 2 client config files checked', detail: '1 file read', warning: false });
});

test('a scan stopped at the file limit is a warning naming each folder and the setting', () => {
  const status = statusText({ clientConfigs: 4, filesChecked: 5, scanStopped: [{ folder: 'tenant', maxFiles: 5 }, { folder: 'infra', maxFiles: 7 }] });
  assert.equal(status.warning, true);
  assert.equal(status.text, 'Grantlint: 4 client config files checked, scan stopped');
  assert.match(status.detail, /tenant \(first 5 files\), infra \(first 7 files\)/);
  assert.match(status.detail, /grantlint\.workspaceScan\.maxFiles/);
});

test('scan stops are read defensively', () => {
  assert.deepEqual(readScanStops(undefined), []);
  assert.deepEqual(readScanStops('tenant'), []);
  assert.deepEqual(readScanStops([{ folder: 'tenant', maxFiles: 5 }, { folder: 3 }, null]), [{ folder: 'tenant', maxFiles: 5 }]);
});
