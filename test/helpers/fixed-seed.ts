/**
 * Loaded before every node test file (scripts/run-node-tests.mjs): property tests that name no seed of their own
 * run with this one, so `npm test` is reproducible and a red run can be replayed. FUZZ_SEED picks another seed to
 * explore further (`FUZZ_SEED=7 node scripts/run-node-tests.mjs properties`).
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env['FUZZ_SEED'] ?? 20261201) });
