/**
 * clientAt finds the client under an offset by binary search over the clients in the order they start: the
 * result's own list when discovery found them in document order, else a sorted copy.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lintText, type LintResult } from '../../server/src/engine/index';
import { clientAt, clientExtent } from '../../server/src/service/locate';
import { generateClientsJson, generateTenantYaml } from '../helpers/tenant-generator';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

function results(): [string, LintResult][] {
  const terraform = join(EXAMPLES, 'terraform', 'main.tf.json');
  return [
    ['tenant.yaml', lintText({ path: 'tenant.yaml', text: generateTenantYaml({ clients: 30, seed: 3 }) })],
    ['clients.json', lintText({ path: 'clients.json', text: generateClientsJson({ clients: 30, seed: 3 }) })],
    [terraform, lintText({ path: terraform, text: readFileSync(terraform, 'utf8') })],
  ];
}

function checkLookups(name: string, result: LintResult): void {
  assert.ok(result.clients.length >= 2, `${name}: ${result.clients.length} clients`);
  for (const client of result.clients) {
    const extent = clientExtent(client);
    for (const offset of [extent.start, client.node.start + 1, extent.end]) assert.equal(clientAt(result, offset), client, `${name} at ${offset}`);
  }
  const first = Math.min(...result.clients.map((c) => clientExtent(c).start));
  if (first > 0) assert.equal(clientAt(result, first - 1), undefined, `${name} before the first client`);
}

test('clientAt finds every client at its start, inside it and at its end, and none before the first', () => {
  for (const [name, result] of results()) checkLookups(name, result);
});

test('clientAt gives the same answers when the clients are listed out of order', () => {
  for (const [name, result] of results()) {
    const reversed: LintResult = { ...result, clients: [...result.clients].reverse() };
    checkLookups(name, reversed);
  }
});
