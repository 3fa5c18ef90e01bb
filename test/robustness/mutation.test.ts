/**
 * Mutation fuzzing with a fixed seed (test/robustness/mutator.ts): damaged copies of the examples, the fixtures
 * and the shared corpus never make lintText or fixAll throw or hang, give the same findings twice, and fix-all
 * stays idempotent. FUZZ_SEED and FUZZ_RUNS (a multiplier) explore further; `npm run fuzz` runs far more inputs
 * and also throws them at the language server.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Prng } from './prng';
import { checkInput, loadSeedFiles, mutant, newStats, record, summary } from './mutator';

const SEED = Number(process.env['FUZZ_SEED'] ?? 424242);
const INPUTS = Math.max(1, Math.round(600 * Number(process.env['FUZZ_RUNS'] ?? 1)));

test(`${INPUTS} mutated configs: no exception, no hang, deterministic, fix-all idempotent`, { timeout: 10 * 60_000 }, (t) => {
  const seeds = loadSeedFiles();
  assert.ok(seeds.length > 50, `seed files found: ${seeds.length}`);
  const prng = new Prng(SEED);
  const stats = newStats();
  for (let i = 0; i < INPUTS; i++) {
    const input = mutant(seeds, prng);
    // Checking every fix of every input is the slow part; every fourth input is enough to catch a pattern.
    record(stats, input, checkInput(input.seed.path, input.text, i % 4 === 0));
  }
  t.diagnostic(`seed ${SEED}, ${seeds.length} seed files: ${summary(stats)}`);
  const shown = stats.failures.slice(0, 3).map((f) => `${f.name} [${f.mutations.join(', ')}]\n${f.problems.join('\n')}\n--- input ---\n${JSON.stringify(f.text)}`);
  assert.deepEqual(shown, [], summary(stats));
});
