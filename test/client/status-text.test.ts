/**
 * The language status item's words for the server's `grantlint/status`: a workspace scan that stopped at
 * `grantlint.workspaceScan.maxFiles` shows as a warning naming the folders and the setting; malformed stops from
 * another server version are ignored, not shown. The docs (README.md and the extension's own README, which the .vsix
 * ships) quote the item as it reads: its text, or its text and detail as VS Code shows them ("… – 12 files read").
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

test('the docs quote the language status item as it reads', () => {
  for (const doc of ['README.md', 'docs/extension-readme.md']) {
    const markdown = readFileSync(join(__dirname, '..', '..', doc), 'utf8');
    const quotes = [...markdown.matchAll(/"(Grantlint: [^"]*\bchecked\b[^"]*)"/g)].map((match) => match[1]!);
    assert.ok(quotes.length > 0, `${doc} quotes the item`);
    for (const quote of quotes) {
      // `N` stands for a count; a quote with the files read beside its text shows the item's detail too.
      const counts = [...quote.replace(/\bN\b/g, '12').matchAll(/\d+/g)].map((match) => Number(match[0]));
      const status = statusText({ clientConfigs: counts[0]!, filesChecked: counts[1] ?? counts[0]!, scanStopped: [] });
      const shown = counts.length > 1 ? `${status.text} – ${status.detail}` : status.text;
      assert.equal(quote.replace(/\bN\b/g, '12'), shown, `${doc} quotes "${quote}"`);
    }
  }
});
