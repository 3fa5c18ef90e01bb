/**
 * `npm run fuzz`: the long mutation-fuzzing run. Mutated copies of the examples, the test fixtures and the shared
 * corpus (test/robustness/mutator.ts) go through the engine in a worker thread with a watchdog (an input that
 * takes longer than the hang bound is reported and the worker replaced), and every Nth one also through a running
 * language server (dist/server.js --stdio), which must keep answering and must still lint a known good file
 * correctly afterwards. Failing inputs are written to a temporary folder.
 *
 *   node --import tsx scripts/fuzz.ts --runs 20000 --seed 7 [--lsp-every 10] [--no-lsp]
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { lintText } from '../server/src/engine/index';
import { LineIndex } from '../server/src/engine/text';
import { languageOf, LspProcess } from '../test/robustness/lsp-client';
import { checkInput, CORPUS, HANG_MS, loadSeedFiles, mutant, newStats, record, REPO, summary, type Mutant, type Outcome } from '../test/robustness/mutator';
import { Prng } from '../test/robustness/prng';

interface Job {
  readonly id: number;
  readonly path: string;
  readonly text: string;
  readonly checkFixes: boolean;
}

interface Done {
  readonly id: number;
  readonly outcome: Outcome;
}

/** Runs jobs in a worker; a job that takes more than the watchdog's time is a hang, and the worker is replaced. */
class Engine {
  private worker = this.spawn();
  private next = 0;

  private spawn(): Worker {
    // Worker threads do not inherit the main thread's TypeScript loader: register tsx's CommonJS hook first.
    return new Worker(`require('tsx/cjs'); require(${JSON.stringify(__filename)});`, { eval: true });
  }

  run(path: string, text: string, checkFixes: boolean): Promise<Outcome> {
    const id = this.next++;
    const worker = this.worker;
    return new Promise((resolve) => {
      // The worker's own bound (HANG_MS) reports a slow input; this one catches an input that never finishes.
      const watchdog = setTimeout(() => {
        worker.removeAllListeners('message');
        void worker.terminate();
        this.worker = this.spawn();
        resolve({ ms: HANG_MS * 6, problems: [`no answer within ${HANG_MS * 6} ms: a hang`] });
      }, HANG_MS * 6);
      const onMessage = (done: Done) => {
        if (done.id !== id) return;
        clearTimeout(watchdog);
        worker.off('message', onMessage);
        resolve(done.outcome);
      };
      worker.on('message', onMessage);
      worker.postMessage({ id, path, text, checkFixes } satisfies Job);
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Files no editor should choke on (test/robustness/hostile.test.ts checks the engine's answers to them). */
function hostileInputs(): [string, string][] {
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  return [
    ['deep/clients/Deep.json', '['.repeat(200_000)],
    ['deep/tenant.yaml', `${'- '.repeat(200_000)}x\n`],
    ['laughs/tenant.yaml', `clients: []\n${laughs.join('\n')}\n`],
    ['binary/clients/Logo.json', '\u0000PNG\u0000\u0001'],
    ['many/tenant.yaml', Array.from({ length: 3000 }, (_, i) => `---\nclients:\n  - name: C${i}\n    grant_types: [implicit]\n`).join('')],
    ['grants/clients/Big.json', JSON.stringify({ name: 'Big', grant_types: Array.from({ length: 100_000 }, (_, i) => `g${i}`) })],
    ['line/tenant.yaml', `clients:\n  - name: Long\n    description: ${'x'.repeat(5_000_000)}\n    grant_types: [implicit]\n`],
  ];
}

/** What the server says about a file, reduced to what the engine says too: rule, severity and range. */
function serverView(diagnostics: readonly { code?: string | number; range: { start: { line: number; character: number } } }[]): string[] {
  return diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}`).sort();
}

function engineView(path: string, text: string): string[] {
  const index = new LineIndex(text);
  return lintText({ path, text })
    .findings.map((f) => {
      const at = index.positionAt(f.span.start);
      return `${f.ruleId}@${at.line}:${at.character}`;
    })
    .sort();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '20000' },
      seed: { type: 'string', default: String(Date.now() % 100000) },
      'lsp-every': { type: 'string', default: '10' },
      'no-lsp': { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  const lspEvery = values['no-lsp'] ? 0 : Number(values['lsp-every']);
  const seeds = loadSeedFiles();
  const out = mkdtempSync(join(tmpdir(), `grantlint-fuzz-${seed}-`));
  console.log(`grantlint fuzz: seed ${seed}, ${runs} inputs from ${seeds.length} seed files${lspEvery ? `, every ${lspEvery}th also to the language server` : ''}`);

  const prng = new Prng(seed);
  const stats = newStats();
  const engine = new Engine();
  const workspace = mkdtempSync(join(tmpdir(), 'grantlint-fuzz-workspace-'));
  const server = lspEvery ? await LspProcess.start({ workspace, settings: { workspaceScan: { enabled: false, maxFiles: 0 } } }) : undefined;
  const good = join(REPO, 'examples', 'tenant.yaml');
  const goodText = readFileSync(good, 'utf8');
  const goodUri = pathToFileURL(join(workspace, 'good', 'tenant.yaml')).href;
  let lspInputs = 0;
  let lspMs = 0;
  const lspFailures: string[] = [];
  const started = performance.now();

  const checkServer = async (label: string): Promise<void> => {
    if (!server) return;
    await server.open(goodUri, 'yaml', goodText);
    const seen = serverView(await server.diagnostics(goodUri));
    await server.close(goodUri);
    const expected = engineView(goodUri, goodText);
    if (JSON.stringify(seen) !== JSON.stringify(expected)) lspFailures.push(`${label}: the server no longer lints a good file correctly\n  server: ${seen.join(' ')}\n  engine: ${expected.join(' ')}`);
  };

  try {
    await checkServer('before the run');
    // Hostile files first: the server must answer each and still lint the good file afterwards.
    if (server) {
      for (const [rel, text] of hostileInputs()) {
        const uri = pathToFileURL(join(workspace, 'hostile', rel)).href;
        try {
          await server.open(uri, languageOf(rel), text);
          await server.diagnostics(uri, 60_000);
          await server.close(uri);
        } catch (error) {
          lspFailures.push(`hostile input ${rel}: ${(error as Error).message}`);
        }
      }
      await checkServer('after the hostile inputs');
    }
    for (let i = 0; i < runs; i++) {
      const input: Mutant = mutant(seeds, prng);
      record(stats, input, await engine.run(input.seed.path, input.text, i % 4 === 0));
      if (server && i % lspEvery === 0 && lspFailures.length === 0) {
        const rel = input.seed.path.startsWith(CORPUS) ? relative(CORPUS, input.seed.path) : relative(REPO, input.seed.path);
        const uri = pathToFileURL(join(workspace, 'inputs', rel)).href;
        const t0 = performance.now();
        try {
          await server.open(uri, languageOf(input.seed.path), input.text);
          await server.diagnostics(uri, 30_000);
          await server.close(uri);
        } catch (error) {
          lspFailures.push(`input ${i} (${rel}: ${input.mutations.join(', ')}): ${(error as Error).message}`);
          writeFileSync(join(out, `lsp-${i}-${basename(rel)}`), input.text);
        }
        lspMs += performance.now() - t0;
        lspInputs++;
        if (lspInputs % 100 === 0) await checkServer(`after ${lspInputs} inputs`);
      }
      if ((i + 1) % 1000 === 0) console.log(`  ${i + 1}/${runs}: ${summary(stats)}`);
    }
    await checkServer('after the run');
  } finally {
    await engine.stop();
    await server?.stop();
  }

  const seconds = (performance.now() - started) / 1000;
  console.log(`engine: ${summary(stats)}`);
  if (server) console.log(`language server: ${lspInputs} inputs, ${(lspMs / Math.max(1, lspInputs)).toFixed(0)} ms each on average, ${lspFailures.length} failing`);
  console.log(`wall time ${seconds.toFixed(0)} s`);
  stats.failures.forEach((failure, n) => {
    const dir = join(out, `engine-${n}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'input'), failure.text);
    writeFileSync(join(dir, 'report.txt'), `${failure.name}\n${failure.mutations.join(', ')}\n\n${failure.problems.join('\n\n')}\n`);
  });
  for (const failure of [...stats.failures.slice(0, 5).map((f) => `${f.name} [${f.mutations.join(', ')}]: ${f.problems[0]!.split('\n')[0]}`), ...lspFailures]) console.log(`FAIL ${failure}`);
  if (stats.failures.length + lspFailures.length > 0) {
    console.log(`failing inputs written to ${out}`);
    process.exitCode = 1;
  } else {
    console.log(`no failures (seed ${seed})`);
  }
}

// Last, so that the classes above exist: the same file is the main program and the engine worker.
if (!isMainThread) {
  parentPort!.on('message', (job: Job) => {
    const done: Done = { id: job.id, outcome: checkInput(job.path, job.text, job.checkFixes) };
    parentPort!.postMessage(done);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  });
}
