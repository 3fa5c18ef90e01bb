/**
 * `npm run bench`: medians of several rounds, in one run, for the parse floors, the engine, the language server
 * over stdio, the CLI as a process, and yaml-language-server as the peer, on seeded tenants of 100, 1,000 and
 * 10,000 clients. Prints one table with ratios to the floors and writes it to bench/results.md.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseTree } from 'jsonc-parser';
import { parseDocument } from 'yaml';
import { lintText } from '../server/src/engine/index';
import { generateClientsJson, generateTenantYaml } from '../test/helpers/tenant-generator';
import { generateTerraformModule } from '../test/helpers/terraform-generator';
import { readStatusKb, TimedServer, type ServerCommand } from './lsp-client';
import { benchTerraformServer } from './terraform';
import { benchDirectoryTenant } from './directory-tenant';
import { manyClientGrantsYaml } from './client-grants';
import { benchEditWithGrants } from './edit-with-grants';

const ROOT = resolve(__dirname, '..');
const DATA = join(ROOT, 'bench', 'data');
const PEER_DIR = join(ROOT, '.cache', 'bench-peer');
// BENCH_SIZES= (empty) runs only the repeated-grants scenarios.
const SIZES = (process.env['BENCH_SIZES'] ?? '100,1000,10000').split(',').map(Number).filter((n) => n > 0);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const EDITS = 10;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function timeInProcess(fn: () => unknown, rounds = ROUNDS): number {
  fn(); // warm-up: JIT and caches, as in a server that has been running
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

function timeProcess(args: readonly string[], rounds = ROUNDS): number {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    spawnSync(process.execPath, [...args], { stdio: 'ignore' });
    times.push(performance.now() - start);
  }
  return median(times);
}

/**
 * A whole process's wall time and peak resident memory, in ms and MB. The peak is the kernel's count for the child
 * (GNU time's maximum resident set size, from wait4) where /usr/bin/time exists, else VmHWM polled every 10 ms
 * until the process exits. Its output goes to /dev/null, as a CI log would take it without holding it.
 */
async function measureProcess(args: readonly string[]): Promise<ProcessNumbers> {
  const viaTime = existsSync(GNU_TIME);
  const report = join(DATA, `time-${process.pid}.txt`);
  const start = performance.now();
  const child = viaTime
    ? spawn(GNU_TIME, ['-f', '%M %U %S', '-o', report, process.execPath, ...args], { stdio: 'ignore' })
    : spawn(process.execPath, [...args], { stdio: 'ignore' });
  let peakKb = 0;
  const poll = viaTime ? undefined : setInterval(() => (peakKb = Math.max(peakKb, readStatusKb(child.pid!, 'VmHWM'))), 10);
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const ms = performance.now() - start;
  clearInterval(poll);
  let cpuMs = NaN;
  if (viaTime) {
    // The last line (a line before it says when the command exited with a non-zero status).
    const [rss, user, system] = (readFileSync(report, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
    peakKb = rss ?? NaN;
    cpuMs = ((user ?? NaN) + (system ?? NaN)) * 1000;
  }
  return { ms, cpuMs, peakMb: peakKb / 1024, exitCode };
}

interface ProcessNumbers {
  /** Wall time. */
  readonly ms: number;
  /** User and system CPU time (NaN without GNU time): less moved by other work on the machine than wall time. */
  readonly cpuMs: number;
  readonly peakMb: number;
  readonly exitCode: number | null;
}

const GNU_TIME = '/usr/bin/time';

/**
 * One client whose grant_types repeats a few grants `count` times in all (implicit, an unknown value, a legacy
 * grant, client_credentials): every copy is a finding, and each must cost a bounded amount, not the list.
 */
function repeatedGrantsYaml(count: number): string {
  const values = ['implicit', 'authorisation_code', 'http://auth0.com/oauth/legacy/grant-type/ro', 'client_credentials'];
  const lines = ['clients:', '  - name: Repeated', '    app_type: spa', '    token_endpoint_auth_method: none', '    grant_types:'];
  for (let i = 0; i < count; i++) lines.push(`      - ${values[i % values.length]}`);
  return lines.join('\n') + '\n';
}

function writeRepeated(count: number, shape: RepeatedShape = REPEATED_SHAPES[0]): string {
  const dir = join(DATA, 'repeated');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${shape.file}-${count}.yaml`);
  writeFileSync(file, shape.yaml(count));
  return file;
}

/** What repeats `count` times: a client's grant_types items, or client grants (clientGrants) for one client. */
interface RepeatedShape {
  readonly file: string;
  readonly label: string;
  readonly yaml: (count: number) => string;
  /** The CLI's exit code when it ran through: 1 with an error finding, 0 with warnings only. */
  readonly exitCode: number;
}

const REPEATED_SHAPES: readonly [RepeatedShape, ...RepeatedShape[]] = [
  { file: 'tenant', label: 'repeated grants in one client', yaml: repeatedGrantsYaml, exitCode: 1 },
  { file: 'client-grants', label: 'client grants of one client without client_credentials', yaml: manyClientGrantsYaml, exitCode: 0 },
];

/** The formats the budget is measured in: stylish (the default) and json (the largest output). */
const REPEATED_FORMATS = ['stylish', 'json'] as const;

/**
 * 300,000 repeated grants through the CLI as a process, every finding written (to /dev/null): seconds and peak RSS
 * per format against a parse-only process of the same file (the floor), medians of up to 3 rounds, and whether
 * the budget (10 s, 1 GB) is met.
 */
async function benchRepeatedGrants(count: number, shape: RepeatedShape = REPEATED_SHAPES[0]): Promise<string[]> {
  const file = writeRepeated(count, shape);
  process.stderr.write(`bench: ${count} ${shape.label}\n`);
  const rounds = Math.min(ROUNDS, 3);
  const floor: ProcessNumbers[] = [];
  const cli = new Map<string, ProcessNumbers[]>(REPEATED_FORMATS.map((f) => [f, []]));
  for (let i = 0; i < rounds; i++) {
    floor.push(await measureProcess([join(ROOT, 'bench', 'parse-only.mjs'), file]));
    for (const format of REPEATED_FORMATS) cli.get(format)!.push(await measureProcess([join(ROOT, 'dist', 'cli.js'), '--format', format, file]));
  }
  const floorMs = median(floor.map((r) => r.ms));
  const floorCpu = median(floor.map((r) => r.cpuMs));
  const floorPeak = median(floor.map((r) => r.peakMb));
  const lines = [
    '',
    `${groupDigits(count)} ${shape.label} (every copy a finding, all written), whole processes, medians of ${rounds}; CPU time (user + system) and peak RSS from the kernel (GNU time):`,
    '',
    '| grants | format | CLI wall | parse-only wall | ×parse-only | CLI CPU | parse-only CPU | ×parse-only | CLI peak RSS | parse-only peak RSS | ×parse-only |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const budget = ['', '| budget | measured | met |', '|---|---|---|'];
  for (const format of REPEATED_FORMATS) {
    const runs = cli.get(format)!;
    // A run that failed (exit 2: out of memory, a crash) is not a measurement of the budget.
    const failed = runs.filter((r) => r.exitCode !== shape.exitCode).length;
    const ms = median(runs.map((r) => r.ms));
    const cpu = median(runs.map((r) => r.cpuMs));
    const peak = median(runs.map((r) => r.peakMb));
    const worst = Math.max(...runs.map((r) => r.peakMb));
    const seconds = (n: number) => (Number.isFinite(n) ? `${(n / 1000).toFixed(2)} s` : 'n/a');
    lines.push(`| ${groupDigits(count)} | ${format} | ${seconds(ms)} | ${seconds(floorMs)} | ${ratio(ms, floorMs)} | ${seconds(cpu)} | ${seconds(floorCpu)} | ${ratio(cpu, floorCpu)} | ${fmt(peak)} MB (worst ${fmt(worst)}) | ${fmt(floorPeak)} MB | ${ratio(peak, floorPeak)} |`);
    const ok = failed === 0;
    budget.push(`| ${groupDigits(count)} ${shape.label}, --format ${format}: CLI ≤ 10 s (wall) | ${(ms / 1000).toFixed(2)} s${ok ? '' : ` (${failed} runs failed)`} | ${ok && ms <= 10_000 ? 'yes' : 'NO'} |`);
    budget.push(`| ${groupDigits(count)} ${shape.label}, --format ${format}: CLI ≤ 10 s of CPU | ${(cpu / 1000).toFixed(2)} s | ${ok && cpu <= 10_000 ? 'yes' : Number.isFinite(cpu) ? 'NO' : 'n/a'} |`);
    budget.push(`| ${groupDigits(count)} ${shape.label}, --format ${format}: CLI peak ≤ 1 GB | ${fmt(worst)} MB (worst of ${rounds}) | ${ok && worst <= 1024 ? 'yes' : 'NO'} |`);
  }
  return [...lines, ...budget];
}

/**
 * --diff and --fix on 30,000, 100,000 and 300,000 repeated grants, one round each: they may be slower than a
 * report, but must grow linearly (log-log slope of time and of peak memory near 1, not 2) and finish.
 */
async function benchFixGrowth(): Promise<string[]> {
  const sizes = [30_000, 100_000, 300_000];
  const lines = ['', '`--diff` and `--fix` on repeated grants, one round each: wall time, CPU time, peak RSS (growth: log-log slope from 30,000 to 300,000 of CPU time and of peak RSS; 1 is linear, 2 quadratic):', '', '| mode | ' + sizes.map(groupDigits).join(' | ') + ' | CPU slope | peak slope |', '|---|' + '---|'.repeat(sizes.length + 2)];
  for (const mode of ['--diff', '--fix']) {
    const runs: ProcessNumbers[] = [];
    for (const size of sizes) {
      process.stderr.write(`bench: ${mode} on ${size} repeated grants\n`);
      // --fix rewrites the file: a fresh copy each time.
      runs.push(await measureProcess([join(ROOT, 'dist', 'cli.js'), mode, writeRepeated(size)]));
    }
    const slope = (a: number, b: number) => Math.log10(b / a) / Math.log10(sizes[sizes.length - 1]! / sizes[0]!);
    const cells = runs.map((r) => `${(r.ms / 1000).toFixed(2)} s, ${(r.cpuMs / 1000).toFixed(2)} s CPU, ${fmt(r.peakMb)} MB${r.exitCode === 2 || r.exitCode === null ? ' (failed)' : ''}`);
    lines.push(`| ${mode} | ${cells.join(' | ')} | ${fmt(slope(runs[0]!.cpuMs, runs[runs.length - 1]!.cpuMs), 2)} | ${fmt(slope(runs[0]!.peakMb, runs[runs.length - 1]!.peakMb), 2)} |`);
  }
  return lines;
}

/**
 * Terraform HCL: a module of `count` auth0_client resources, each with its auth0_client_credentials, linted by
 * the CLI process, against a process that only loads tree-sitter's HCL grammar and parses the same files.
 * Times are CPU time (user + system) of the whole process as well as wall time: on a shared machine the wall
 * time of either process swings with the load, its CPU time much less.
 */
async function benchTerraformHcl(count: number): Promise<string[]> {
  const dir = join(DATA, `terraform-${count}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(generateTerraformModule({ clients: count, seed: 7 }))) writeFileSync(join(dir, name), text);
  process.stderr.write(`bench: Terraform HCL module of ${count} clients\n`);
  const cli: ProcessTimes[] = [];
  const floor: ProcessTimes[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    cli.push(timeProcessCpu([join(ROOT, 'dist', 'cli.js'), '--format', 'json', dir]));
    floor.push(timeProcessCpu([join(ROOT, 'bench', 'parse-only-hcl.mjs'), dir]));
  }
  const cpu = (runs: readonly ProcessTimes[]) => median(runs.map((r) => r.cpuMs));
  const wall = (runs: readonly ProcessTimes[]) => median(runs.map((r) => r.wallMs));
  const cpuRatio = cpu(cli) / cpu(floor);
  return [
    '',
    `Terraform HCL module of ${groupDigits(count)} auth0_client resources with credentials (main.tf and credentials.tf), whole processes, medians of ${ROUNDS}:`,
    '',
    '| clients | CLI CPU | tree-sitter parse-only CPU | ×parse-only | CLI wall | parse-only wall | ×parse-only (wall) |',
    '|---|---|---|---|---|---|---|',
    `| ${groupDigits(count)} | ${fmt(cpu(cli))} ms | ${fmt(cpu(floor))} ms | ${ratio(cpu(cli), cpu(floor))} | ${fmt(wall(cli))} ms | ${fmt(wall(floor))} ms | ${ratio(wall(cli), wall(floor))} |`,
    '',
    '| budget | measured | met |',
    '|---|---|---|',
    `| CLI on ${groupDigits(count)} Terraform clients ≤ 1.5× a tree-sitter parse-only process (CPU) | ${ratio(cpu(cli), cpu(floor))} | ${cpuRatio <= 1.5 ? 'yes' : 'NO'} |`,
  ];
}

interface ProcessTimes {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** A whole process's wall time and CPU time (user + system, as GNU time reads them from the kernel). */
function timeProcessCpu(args: readonly string[]): ProcessTimes {
  const out = join(DATA, 'time.txt');
  const start = performance.now();
  spawnSync('/usr/bin/time', ['-o', out, '-f', '%U %S', process.execPath, ...args], { stdio: 'ignore' });
  const wallMs = performance.now() - start;
  const [user, system] = readFileSync(out, 'utf8').trim().split('\n').pop()!.split(/\s+/).map(Number);
  return { wallMs, cpuMs: ((user ?? NaN) + (system ?? NaN)) * 1000 };
}

function groupDigits(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

interface Files {
  readonly yaml: string;
  readonly json: string;
}

function writeData(clients: number): Files {
  const dir = join(DATA, String(clients));
  mkdirSync(dir, { recursive: true });
  const yaml = join(dir, 'tenant.yaml');
  const json = join(dir, 'clients.json');
  writeFileSync(yaml, generateTenantYaml({ clients, seed: clients }));
  writeFileSync(json, generateClientsJson({ clients, seed: clients }));
  return { yaml, json };
}

/**
 * One-token edits spread over the file, each one a real change: a grant value broken (`refresh_tokeX`), then
 * typed back, at five places.
 */
function editPlan(text: string): { start: number; end: number; insert: string }[] {
  const plan: { start: number; end: number; insert: string }[] = [];
  for (let i = 0; i < EDITS / 2; i++) {
    const at = text.indexOf('refresh_token', Math.floor((text.length * (i + 1)) / (EDITS / 2 + 2)));
    if (at < 0) break;
    plan.push({ start: at + 12, end: at + 13, insert: 'X' }, { start: at + 12, end: at + 13, insert: 'n' });
  }
  return plan;
}

interface ServerNumbers {
  readonly openMs: number;
  readonly editMs: number;
  readonly rssAfterOpenMb: number;
  readonly peakMb: number;
  readonly diagnostics: number;
}

async function measureServer(command: ServerCommand, file: string, languageId: string, withEdits: boolean): Promise<ServerNumbers> {
  const opens: number[] = [];
  const edits: number[] = [];
  let rss = 0;
  let peak = 0;
  let diagnostics = 0;
  // Each round is a fresh server, warmed up the way the editor warms it (the workspace scan lints files at
  // start-up): it has linted one small tenant before the measured file is opened.
  for (let round = 0; round < ROUNDS; round++) {
    const server = new TimedServer(command);
    try {
      await server.initialize(join(file, '..'));
      await server.open(pathToFileURL(join(DATA, 'warm-up', languageId === 'json' ? 'clients.json' : 'tenant.yaml')).href, languageId, languageId === 'json' ? WARM_UP.json : WARM_UP.yaml);
      const uri = pathToFileURL(file).href;
      let text = readFileSync(file, 'utf8');
      const opened = await server.open(uri, languageId, text);
      opens.push(opened.ms);
      diagnostics = opened.count;
      rss = Math.max(rss, server.rssMb());
      if (withEdits && round === 0) {
        let version = 1;
        let max = server.rssMb();
        for (const edit of editPlan(text)) {
          const result = await server.edit(uri, ++version, text, edit.start, edit.end, edit.insert);
          text = result.text;
          edits.push(result.ms);
          max = Math.max(max, server.rssMb());
        }
        peak = Math.max(max, readStatusKb(server.pid, 'VmHWM') / 1024);
      }
    } finally {
      await server.stop();
    }
  }
  return { openMs: median(opens), editMs: edits.length > 0 ? median(edits) : NaN, rssAfterOpenMb: rss, peakMb: peak, diagnostics };
}

function ensurePeer(): string | undefined {
  const bin = join(PEER_DIR, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  if (!existsSync(bin)) {
    mkdirSync(PEER_DIR, { recursive: true });
    try {
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', PEER_DIR, 'yaml-language-server@1.25.0'], { stdio: 'inherit', timeout: 300_000 });
    } catch {
      return undefined;
    }
  }
  return existsSync(bin) ? bin : undefined;
}

/** A small tenant each server lints first, as it would lint workspace files at start-up. */
const WARM_UP = { yaml: generateTenantYaml({ clients: 50, seed: 50 }), json: generateClientsJson({ clients: 50, seed: 50 }) };

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const ratio = (a: number, b: number) => (Number.isFinite(a) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

/** The 1-minute load average when the run started: other work on the machine moves every time measured. */
const LOAD_AT_START = loadavg()[0]!;

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'server.js'))) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  const peerBin = ensurePeer();
  const grantlint: ServerCommand = { command: process.execPath, args: [join(ROOT, 'dist', 'server.js'), '--stdio'], settings: { grantlint: { workspaceScan: { enabled: false } } } };
  const peerSchema = pathToFileURL(join(ROOT, 'bench', 'peer-schema.json')).href;
  const peer: ServerCommand | undefined = peerBin === undefined ? undefined : {
    command: process.execPath,
    args: [peerBin, '--stdio'],
    settings: { yaml: { validate: true, hover: true, completion: true, schemaStore: { enable: false }, schemas: { [peerSchema]: ['*.yaml', '*.json'] } } },
  };

  const rows: Record<string, number>[] = [];
  const repeated = Number(process.env['BENCH_REPEATED'] ?? 300_000);
  const repeatedLines = repeated > 0 ? [...(await benchRepeatedGrants(repeated)), ...(await benchRepeatedGrants(repeated, REPEATED_SHAPES[1])), ...(process.env['BENCH_FIX_GROWTH'] === '0' ? [] : await benchFixGrowth())] : [];
  const terraform = Number(process.env['BENCH_TERRAFORM'] ?? 3000);
  if (terraform > 0) repeatedLines.push(...(await benchTerraformHcl(terraform)));
  const terraformLines = await benchTerraformServer(grantlint, DATA, Math.min(ROUNDS, 3));
  for (const clients of SIZES) {
    const files = writeData(clients);
    const yamlText = readFileSync(files.yaml, 'utf8');
    const jsonText = readFileSync(files.json, 'utf8');
    process.stderr.write(`bench: ${clients} clients (${(yamlText.length / 1e6).toFixed(2)} MB YAML)\n`);
    const row: Record<string, number> = { clients, mb: yamlText.length / 1e6 };
    row['readFile'] = timeInProcess(() => readFileSync(files.yaml, 'utf8'));
    row['parseDocument'] = timeInProcess(() => parseDocument(yamlText));
    row['parseTree'] = timeInProcess(() => parseTree(jsonText));
    row['JSON.parse'] = timeInProcess(() => JSON.parse(jsonText));
    row['engineYaml'] = timeInProcess(() => lintText({ path: files.yaml, text: yamlText }));
    row['engineJson'] = timeInProcess(() => lintText({ path: files.json, text: jsonText }));
    const yamlServer = await measureServer(grantlint, files.yaml, 'yaml', true);
    row['lspOpenYaml'] = yamlServer.openMs;
    row['lspEditYaml'] = yamlServer.editMs;
    row['lspRss'] = yamlServer.rssAfterOpenMb;
    row['lspPeak'] = yamlServer.peakMb;
    row['lspOpenJson'] = (await measureServer(grantlint, files.json, 'json', false)).openMs;
    row['cli'] = timeProcess([join(ROOT, 'dist', 'cli.js'), '--format', 'json', files.yaml]);
    row['parseOnlyProcess'] = timeProcess([join(ROOT, 'bench', 'parse-only.mjs'), files.yaml]);
    if (peer) {
      const peerYaml = await measureServer(peer, files.yaml, 'yaml', true);
      row['peerOpen'] = peerYaml.openMs;
      row['peerEdit'] = peerYaml.editMs;
      row['peerRss'] = peerYaml.rssAfterOpenMb;
      row['peerPeak'] = peerYaml.peakMb;
    }
    rows.push(row);
  }
  const withGrantsLines = await benchEditWithGrants(grantlint, DATA, SIZES.filter((n) => n >= 1000), Math.min(ROUNDS, 3));
  const directoryLines = await benchDirectoryTenant();
  writeResults(rows, Boolean(peer), [...withGrantsLines, ...repeatedLines, ...terraformLines, ...directoryLines]);
}

function writeResults(rows: readonly Record<string, number>[], withPeer: boolean, extra: readonly string[]): void {
  const lines: string[] = [];
  lines.push(`Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; medians of ${ROUNDS} rounds (edits: median of ${EDITS} one-token edits). Times in ms, memory in MB. Load average (1 minute) ${LOAD_AT_START.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end, on ${cpus().length} cores.`, '');
  lines.push('| clients | MB | read | parseDocument | parseTree | JSON.parse | engine YAML | engine JSON | LSP open YAML | ×parseDocument | LSP open JSON | ×parseTree | LSP edit | ×parseDocument | RSS after open | peak over edits | CLI process | parse-only process | ×parse-only |' + (withPeer ? ' peer open | peer edit | peer RSS | peer peak |' : ''));
  lines.push('|' + '---|'.repeat(withPeer ? 23 : 19));
  for (const r of rows) {
    const cells = [
      r['clients'], fmt(r['mb']!, 2), fmt(r['readFile']!, 1), fmt(r['parseDocument']!), fmt(r['parseTree']!), fmt(r['JSON.parse']!), fmt(r['engineYaml']!), fmt(r['engineJson']!),
      fmt(r['lspOpenYaml']!), ratio(r['lspOpenYaml']!, r['parseDocument']!), fmt(r['lspOpenJson']!), ratio(r['lspOpenJson']!, r['parseTree']!),
      fmt(r['lspEditYaml']!, 1), ratio(r['lspEditYaml']!, r['parseDocument']!), fmt(r['lspRss']!), fmt(r['lspPeak']!),
      fmt(r['cli']!), fmt(r['parseOnlyProcess']!), ratio(r['cli']!, r['parseOnlyProcess']!),
    ];
    if (withPeer) cells.push(fmt(r['peerOpen']!), fmt(r['peerEdit']!, 1), fmt(r['peerRss']!), fmt(r['peerPeak']!));
    lines.push(`| ${cells.join(' | ')} |`);
  }
  lines.push('', budgets(rows).join('\n'), ...extra);
  const table = lines.join('\n') + '\n';
  process.stdout.write(table);
  writeFileSync(join(ROOT, 'bench', 'results.md'), `# Benchmark results\n\nWritten by \`npm run bench\`.\n\n${table}`);
}

function budgets(rows: readonly Record<string, number>[]): string[] {
  const at = (n: number) => rows.find((r) => r['clients'] === n);
  const big = at(10000);
  const mid = at(1000);
  const small = at(100);
  const out = ['| budget | measured | met |', '|---|---|---|'];
  const check = (label: string, value: number, limit: number, shown: string) => out.push(`| ${label} | ${shown} | ${Number.isFinite(value) ? (value <= limit ? 'yes' : 'NO') : 'n/a'} |`);
  if (big) {
    check('YAML open → diagnostics, 10,000 clients ≤ 1.0× parseDocument', big['lspOpenYaml']! / big['parseDocument']!, 1.0, ratio(big['lspOpenYaml']!, big['parseDocument']!));
    check('JSON open → diagnostics, 10,000 clients ≤ 2× parseTree', big['lspOpenJson']! / big['parseTree']!, 2.0, ratio(big['lspOpenJson']!, big['parseTree']!));
    check('edit → diagnostics, 10,000 clients ≤ 0.05× parseDocument', big['lspEditYaml']! / big['parseDocument']!, 0.05, ratio(big['lspEditYaml']!, big['parseDocument']!));
    check('RSS after opening 10,000 clients ≤ 350 MB', big['lspRss']!, 350, `${fmt(big['lspRss']!)} MB`);
    check('peak over 10 edits ≤ 1.5× RSS after open', big['lspPeak']! / big['lspRss']!, 1.5, ratio(big['lspPeak']!, big['lspRss']!));
    check('CLI whole process, 10,000 clients ≤ 1.2× a parse-only process', big['cli']! / big['parseOnlyProcess']!, 1.2, ratio(big['cli']!, big['parseOnlyProcess']!));
  }
  if (mid) check('edit → diagnostics, 1,000 clients ≤ 0.25× parseDocument', mid['lspEditYaml']! / mid['parseDocument']!, 0.25, ratio(mid['lspEditYaml']!, mid['parseDocument']!));
  if (small) check('open → diagnostics, 100 clients ≤ 100 ms (debounce included)', small['lspOpenYaml']!, 100, `${fmt(small['lspOpenYaml']!)} ms`);
  if (big && mid) {
    const slope = Math.log10(big['lspEditYaml']! / mid['lspEditYaml']!) / Math.log10(big['clients']! / mid['clients']!);
    check('edit time growth 1,000 → 10,000 clients, log-log slope ≤ 0.3', slope, 0.3, fmt(slope, 2));
  }
  return out;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
