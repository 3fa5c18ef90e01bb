/**
 * Property tests over generated client configs (test/robustness/generators.ts), rendered as deploy-cli YAML and
 * as a Management API export: the engine never throws, every fix keeps the rule book's invariants, and both forms
 * of the same clients give the same findings. A fixed seed keeps `npm test` reproducible; FUZZ_SEED and
 * FUZZ_RUNS (a multiplier of the default run counts) explore further, e.g. `FUZZ_RUNS=20 FUZZ_SEED=7 node
 * scripts/run-node-tests.mjs test/robustness/properties`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { lintText } from '../../server/src/engine/index';
import { clientsArb, renderJson, renderYaml, styleArb, toPlain, wrongTypedClientArb, type Style, type Value } from './generators';
import { checkEveryFix, checkFixAll, checkFixResults, describeWithoutPosition, resolvedClients } from './invariants';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20240611);
const SCALE = Number(process.env['FUZZ_RUNS'] ?? 1);
const runs = (base: number) => Math.max(1, Math.round(base * SCALE));

const YAML_PATH = '/workspace/tenant/tenant.yaml';
const JSON_PATH = '/workspace/export/clients.json';

function context(clients: readonly Value[], style: Style): string {
  return `clients: ${JSON.stringify(clients.map(toPlain))}\nstyle: ${JSON.stringify(style)}`;
}

function settle(problems: readonly string[], clients: readonly Value[], style: Style, text: string): void {
  assert.deepEqual(problems, [], `${context(clients, style)}\n--- file ---\n${text}`);
}

describe('generated client configs', () => {
  test('both renderings parse cleanly and every client is found', () => {
    fc.assert(
      fc.property(clientsArb, styleArb, (clients, style) => {
        for (const [path, text] of [[YAML_PATH, renderYaml(clients, style)], [JSON_PATH, renderJson(clients, style)]] as const) {
          const result = lintText({ path, text });
          assert.deepEqual(result.parsed.errors, [], `${path} must parse\n${context(clients, style)}\n--- file ---\n${text}`);
          assert.equal(result.clients.length, clients.length, `${path}: every client is found`);
        }
      }),
      { seed: SEED, numRuns: runs(300) },
    );
  });

  test('the JSON and YAML forms of the same clients give the same findings', () => {
    fc.assert(
      fc.property(clientsArb, styleArb, (clients, style) => {
        const yaml = lintText({ path: YAML_PATH, text: renderYaml(clients, style) });
        const json = lintText({ path: JSON_PATH, text: renderJson(clients, style) });
        const said = (result: typeof yaml) => result.findings.map((f) => describeWithoutPosition(result, f)).sort();
        assert.deepEqual(said(yaml), said(json), context(clients, style));
      }),
      { seed: SEED + 1, numRuns: runs(300) },
    );
  });

  for (const [format, path, render] of [
    ['YAML', YAML_PATH, renderYaml],
    ['JSON', JSON_PATH, renderJson],
  ] as const) {
    test(`every fix keeps the invariants, and fix-all is idempotent (${format})`, () => {
      fc.assert(
        fc.property(clientsArb, styleArb, (clients, style) => {
          const text = render(clients, style);
          settle([...checkEveryFix(path, text), ...checkFixAll(path, text)], clients, style, text);
        }),
        { seed: SEED + 2, numRuns: runs(150) },
      );
    });
  }

  for (const [format, path, render] of [
    ['YAML', YAML_PATH, renderYaml],
    ['JSON', JSON_PATH, renderJson],
  ] as const) {
    test(`fix results on resolved values: --fix adds no grant and changes no setting, no client without a finding changes, every form stays valid (${format})`, () => {
      let read = 0;
      let total = 0;
      fc.assert(
        fc.property(clientsArb, styleArb, (clients, style) => {
          const text = render(clients, style);
          total++;
          // Unquoted placeholders are no YAML the reference reader reads (auth0-deploy-cli replaces them first).
          if (resolvedClients(path, text)) read++;
          settle(checkFixResults(path, text), clients, style, text);
        }),
        { seed: SEED + 4, numRuns: runs(250) },
      );
      assert.ok(read > total / 2, `the reference reader read ${read} of ${total} files: the check must not pass by skipping`);
    });
  }

  test('values of the wrong type in every field: no exception, and fixes still keep the invariants', () => {
    fc.assert(
      fc.property(fc.array(wrongTypedClientArb, { minLength: 1, maxLength: 3 }), styleArb, (clients, style) => {
        for (const [path, text] of [[YAML_PATH, renderYaml(clients, style)], [JSON_PATH, renderJson(clients, style)]] as const) {
          settle([...checkEveryFix(path, text), ...checkFixAll(path, text), ...checkFixResults(path, text)], clients, style, text);
        }
      }),
      { seed: SEED + 3, numRuns: runs(80) },
    );
  });
});
