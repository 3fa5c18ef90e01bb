/**
 * Mutation fuzzing: real configs (examples/, test/fixtures/, test/cases/, and the read-only corpus in
 * ../shared/corpus, read in place at run time) damaged by seeded mutations. Shared by test/robustness/mutation.test.ts (a fixed seed in
 * `npm test`) and scripts/fuzz.ts (`npm run fuzz`, many more inputs and a running language server).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fixAll, lintText } from '../../server/src/engine/index';
import { checkChunkedYaml, EVERY_LIST_LONG, checkCleanClients, checkEveryFix, checkFixAll, checkFixResults, checkJsonReaders, checkYamlReaders, fingerprint } from './invariants';
import { Prng } from './prng';

export const REPO = join(__dirname, '..', '..');
export const CORPUS = join(REPO, '..', 'shared', 'corpus');

export interface SeedFile {
  /** Where it was read from: also the path it is linted under, so discovery sees a real name and folder. */
  readonly path: string;
  readonly text: string;
}

const CONFIG_FILE = /\.(json|jsonc|ya?ml)$/i;

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) walk(path, out);
    else if (CONFIG_FILE.test(name) && stat.size < 512 * 1024) out.push(path);
  }
}

/**
 * Every JSON/YAML file of the examples, the test fixtures and the shared corpus (when it is there), each text once
 * per file name: CLI scenarios copy their inputs, and mutating a copy again tries nothing new.
 */
export function loadSeedFiles(): SeedFile[] {
  const paths: string[] = [];
  for (const dir of [join(REPO, 'examples'), join(REPO, 'test', 'fixtures'), join(REPO, 'test', 'cases'), CORPUS]) if (existsSync(dir)) walk(dir, paths);
  const seen = new Set<string>();
  return paths
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }))
    .filter((seed) => {
      const key = `${basename(seed.path)}\0${seed.text}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function shortName(path: string): string {
  return path.startsWith(CORPUS) ? `corpus/${relative(CORPUS, path)}` : relative(REPO, path);
}

// ---- mutations ----

const ODD_TEXT = [
  '\u{1F600}', '\u200B', '\u202E', '\uFEFF', '\u2028', '\u0301', 'ÿ', '\uD800', '\uDC00', '\uFFFD', '\t', '\r', '\u00A0',
  '##X##', '@@GRANTS@@', '&anchor ', '*anchor', '!!str ', '? ', '- ', ': ', '---\n', '...\n', '#', '"', "'", '\\', '[', ']',
  '{', '}', ',', '%YAML 1.2\n', '<<: *base\n', 'grant_types: [implicit]\n', '"grant_types": "password",',
];
const BRACKETS = /[[\]{}]/g;
const QUOTES = /["']/g;

function lines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

function randomIndex(text: string, prng: Prng): number {
  return prng.int(text.length + 1);
}

/** Offsets of every match of a global pattern. */
function positions(text: string, pattern: RegExp): number[] {
  return [...text.matchAll(pattern)].map((m) => m.index);
}

/** The text without one character, picked among those matching `pattern` (unchanged when there is none). */
function deleteOneOf(text: string, prng: Prng, pattern: RegExp): string {
  const at = positions(text, pattern);
  if (at.length === 0) return text;
  const i = prng.pick(at);
  return text.slice(0, i) + text.slice(i + 1);
}

export interface Mutation {
  readonly name: string;
  apply(text: string, prng: Prng): string;
}

const MUTATIONS: readonly Mutation[] = [
  { name: 'truncate', apply: (t, p) => t.slice(0, randomIndex(t, p)) },
  {
    name: 'delete-line',
    apply: (t, p) => {
      const ls = lines(t);
      ls.splice(p.int(ls.length), 1);
      return ls.join('');
    },
  },
  {
    name: 'duplicate-line',
    apply: (t, p) => {
      const ls = lines(t);
      const i = p.int(ls.length);
      ls.splice(i, 0, ls[i] ?? '');
      return ls.join('');
    },
  },
  {
    name: 'swap-lines',
    apply: (t, p) => {
      const ls = lines(t);
      if (ls.length < 2) return t;
      const i = p.int(ls.length);
      const j = p.chance(0.5) ? Math.min(ls.length - 1, i + 1) : p.int(ls.length);
      [ls[i], ls[j]] = [ls[j]!, ls[i]!];
      return ls.join('');
    },
  },
  {
    name: 'flip-chars',
    apply: (t, p) => {
      const chars = [...t];
      const n = 1 + p.int(4);
      for (let k = 0; k < n && chars.length > 0; k++) chars[p.int(chars.length)] = String.fromCharCode(p.chance(0.02) ? 0 : 1 + p.int(0x2fff));
      return chars.join('');
    },
  },
  {
    name: 'insert-unicode',
    apply: (t, p) => {
      const at = randomIndex(t, p);
      return t.slice(0, at) + p.pick(ODD_TEXT) + t.slice(at);
    },
  },
  { name: 'spaces-to-tabs', apply: (t, p) => (p.chance(0.5) ? t.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2)) : t.replace(/^ {2}/m, '\t')) },
  { name: 'tabs-to-spaces', apply: (t) => t.replace(/\t/g, '  ') },
  {
    name: 'reindent-line',
    apply: (t, p) => {
      const ls = lines(t);
      const i = p.int(ls.length);
      const delta = p.pick([-4, -2, -1, 1, 2, 3]);
      ls[i] = delta > 0 ? ' '.repeat(delta) + (ls[i] ?? '') : (ls[i] ?? '').replace(new RegExp(`^ {0,${-delta}}`), '');
      return ls.join('');
    },
  },
  {
    name: 'reindent-all',
    apply: (t, p) => {
      const factor = p.pick([0.5, 2, 3]);
      return t.replace(/^ +/gm, (m) => ' '.repeat(Math.floor(m.length * factor)));
    },
  },
  { name: 'strip-quote', apply: (t, p) => deleteOneOf(t, p, QUOTES) },
  { name: 'strip-bracket', apply: (t, p) => deleteOneOf(t, p, BRACKETS) },
  {
    name: 'insert-bracket-or-quote',
    apply: (t, p) => {
      const at = randomIndex(t, p);
      return t.slice(0, at) + p.pick(['[', ']', '{', '}', '"', "'", '[[[[', ']]]]']) + t.slice(at);
    },
  },
  {
    name: 'line-endings',
    apply: (t, p) => (p.chance(0.5) ? t.replace(/\r?\n/g, '\r\n') : t.replace(/\r?\n/g, (m) => (p.chance(0.3) ? '\r' : m))),
  },
  {
    name: 'duplicate-key-line',
    apply: (t, p) => {
      const ls = lines(t);
      const keyed = ls.map((l, i) => (/^\s*"?[A-Za-z_]+"?\s*:/.test(l) ? i : -1)).filter((i) => i >= 0);
      if (keyed.length === 0) return t;
      const i = p.pick(keyed);
      ls.splice(i + 1, 0, ls[i]!);
      return ls.join('');
    },
  },
  {
    name: 'splice-self',
    apply: (t, p) => {
      const a = randomIndex(t, p);
      const b = randomIndex(t, p);
      const at = randomIndex(t, p);
      return t.slice(0, at) + t.slice(Math.min(a, b), Math.max(a, b)) + t.slice(at);
    },
  },
];

export interface Mutant {
  readonly seed: SeedFile;
  readonly text: string;
  readonly mutations: readonly string[];
}

/** One to three mutations of one seed file, chosen by the PRNG. */
export function mutant(seeds: readonly SeedFile[], prng: Prng): Mutant {
  const seed = prng.pick(seeds);
  let text = seed.text;
  const applied: string[] = [];
  const count = 1 + prng.int(3);
  for (let i = 0; i < count; i++) {
    const mutation = prng.pick(MUTATIONS);
    text = mutation.apply(text, prng);
    applied.push(mutation.name);
  }
  return { seed, text, mutations: applied };
}

// ---- checking one input ----

/** Above this, one input counts as a hang: generous, so a slow machine never fails for being slow. */
export const HANG_MS = 5000;

export interface Outcome {
  readonly ms: number;
  readonly problems: readonly string[];
}

/**
 * lintText and fixAll never throw, two runs agree, fix-all of a file that parses is idempotent, the YAML reader
 * agrees with the composed-Document oracle, and (when `checkFixes`) the fixes offered keep the invariants, judged
 * on the text and on resolved values (checkFixResults).
 */
export function checkInput(path: string, text: string, checkFixes: boolean): Outcome {
  const started = performance.now();
  const problems: string[] = [];
  try {
    const first = lintText({ path, text });
    const second = lintText({ path, text });
    if (fingerprint(first) !== fingerprint(second)) problems.push('two runs over the same text gave different findings');
    fixAll({ path, text });
    problems.push(...checkFixAll(path, text));
    problems.push(...checkCleanClients(path, text));
    if (checkFixes) problems.push(...checkEveryFix(path, text, { maxFixes: 8 }), ...checkFixResults(path, text, { maxFixes: 8 }));
    if (/\.ya?ml$/i.test(path)) problems.push(...checkYamlReaders(text), ...checkChunkedYaml(text), ...checkChunkedYaml(text, EVERY_LIST_LONG));
    else problems.push(...checkJsonReaders(text));
  } catch (error) {
    problems.push(`threw: ${(error as Error)?.stack ?? String(error)}`);
  }
  const ms = performance.now() - started;
  if (ms > HANG_MS) problems.push(`took ${Math.round(ms)} ms (hang bound ${HANG_MS} ms)`);
  return { ms, problems };
}

export interface RunStats {
  inputs: number;
  totalMs: number;
  slowest: { ms: number; name: string; mutations: readonly string[] } | undefined;
  failures: { name: string; mutations: readonly string[]; problems: readonly string[]; text: string }[];
}

export function newStats(): RunStats {
  return { inputs: 0, totalMs: 0, slowest: undefined, failures: [] };
}

export function record(stats: RunStats, input: Mutant, outcome: Outcome): void {
  stats.inputs++;
  stats.totalMs += outcome.ms;
  const name = shortName(input.seed.path);
  if (!stats.slowest || outcome.ms > stats.slowest.ms) stats.slowest = { ms: outcome.ms, name, mutations: input.mutations };
  if (outcome.problems.length > 0) stats.failures.push({ name, mutations: input.mutations, problems: outcome.problems, text: input.text });
}

export function summary(stats: RunStats): string {
  const rate = stats.totalMs > 0 ? (stats.inputs / (stats.totalMs / 1000)).toFixed(0) : '-';
  const slowest = stats.slowest ? `${stats.slowest.ms.toFixed(0)} ms (${stats.slowest.name}: ${stats.slowest.mutations.join(', ')})` : '-';
  return `${stats.inputs} inputs in ${(stats.totalMs / 1000).toFixed(1)} s (${rate} inputs/s), slowest ${slowest}, ${stats.failures.length} failing`;
}
