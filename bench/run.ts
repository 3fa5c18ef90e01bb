/**
 * `npm run bench`: medians of several rounds, in one run, for the parse floors, the engine, the language server
 * over stdio, the CLI as a process, and yaml-language-server as the peer, on seeded tenants of 100, 1,000 and
 * 10,000 clients. Prints one table with ratios to the floors and writes it to bench/results.md.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseTree } from 'jsonc-parser';
import { parseDocument } from 'yaml';
import { lintText } from '../server/src/engine/index';
import { generateClientsJson, generateTenantYaml } from '../test/helpers/tenant-generator';
import { readStatusKb, TimedServer, type ServerCommand } from './lsp-client';
import { benchDirectoryTenant } from './directory-tenant';

const ROOT = resolve(__dirname, '..');
const DATA = join(ROOT, 'bench', 'data');
const PEER_DIR = join(ROOT, '.cache', 'bench-peer');
const SIZES = (process.env['BENCH_SIZES'] ?? '100,1000,10000').split(',').map(Number);
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

/** A whole process's wall time and peak resident memory (VmHWM, polled until it exits), in ms and MB. */
async function measureProcess(args: readonly string[]): Promise<{ ms: number; peakMb: number }> {
  const start = performance.now();
  const child = spawn(process.execPath, [...args], { stdio: 'ignore' });
  let peakKb = 0;
  const poll = setInterval(() => (peakKb = Math.max(peakKb, readStatusKb(child.pid!, 'VmHWM'))), 10);
  await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(poll);
  return { ms: performance.now() - start, peakMb: peakKb / 1024 };
}

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

async function benchRepeatedGrants(count: number): Promise<string[]> {
  const dir = join(DATA, 'repeated');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'tenant.yaml');
  writeFileSync(file, repeatedGrantsYaml(count));
  process.stderr.write(`bench: ${count} repeated grants\n`);
  const rounds = Math.min(ROUNDS, 3);
  const cli: { ms: number; peakMb: number }[] = [];
  const floor: { ms: number; peakMb: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    cli.push(await measureProcess([join(ROOT, 'dist', 'cli.js'), file]));
    floor.push(await measureProcess([join(ROOT, 'bench', 'parse-only.mjs'), file]));
  }
  const cliMs = median(cli.map((r) => r.ms));
  const floorMs = median(floor.map((r) => r.ms));
  const peak = Math.max(...cli.map((r) => r.peakMb));
  return [
    '',
    `${groupDigits(count)} repeated grants in one client (every copy a finding), whole processes, medians of ${rounds}:`,
    '',
    '| grants | CLI (every finding) | parse-only process (yaml) | ×parse-only | CLI peak RSS | parse-only peak RSS |',
    '|---|---|---|---|---|---|',
    `| ${groupDigits(count)} | ${(cliMs / 1000).toFixed(2)} s | ${(floorMs / 1000).toFixed(2)} s | ${ratio(cliMs, floorMs)} | ${fmt(peak)} MB | ${fmt(Math.max(...floor.map((r) => r.peakMb)))} MB |`,
    '',
    '| budget | measured | met |',
    '|---|---|---|',
    `| ${groupDigits(count)} repeated grants: CLI under 10 s | ${(cliMs / 1000).toFixed(2)} s | ${cliMs <= 10_000 ? 'yes' : 'NO'} |`,
    `| ${groupDigits(count)} repeated grants: CLI peak under 1 GB | ${fmt(peak)} MB | ${peak <= 1024 ? 'yes' : 'NO'} |`,
  ];
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
  const repeatedLines = repeated > 0 ? await benchRepeatedGrants(repeated) : [];
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
  const directoryLines = await benchDirectoryTenant();
  writeResults(rows, Boolean(peer), [...repeatedLines, ...directoryLines]);
}

function writeResults(rows: readonly Record<string, number>[], withPeer: boolean, extra: readonly string[]): void {
  const lines: string[] = [];
  lines.push(`Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; medians of ${ROUNDS} rounds (edits: median of ${EDITS} one-token edits). Times in ms, memory in MB.`, '');
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
