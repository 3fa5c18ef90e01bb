/**
 * The directory-tenant part of `npm run bench` (also runs alone: `node --import tsx bench/directory-tenant.ts`):
 * an auth0-deploy-cli directory of 5,000 `clients/*.json` and 5,000 `grants/*.json` with a `tenant.json`.
 * - the CLI as a process against a process that only reads and JSON.parses the same files (the floor, same run);
 * - the server over stdio with the workspace scan on: an edit to one open client's grant_types until its grant
 *   file is re-published, and a `tenant.json` flag change on disk (didChangeWatchedFiles) until all 5,000 client
 *   files are re-published. Times are printed; no test asserts them.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { readCpuMs, TimedServer, type ServerCommand } from './lsp-client';

const ROOT = resolve(__dirname, '..');
const DIR = join(ROOT, 'bench', 'data', 'directory-tenant');
const LEGACY_RO = 'http://auth0.com/oauth/legacy/grant-type/ro';
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const EDITS = 10;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const nameOf = (i: number) => `Client ${String(i).padStart(5, '0')}`;
const fileOf = (i: number) => `client-${String(i).padStart(5, '0')}.json`;

/** A machine-to-machine client with a legacy grant: its finding's severity follows the tenant.json flag. */
function clientJson(i: number, clientCredentials: boolean): string {
  const grants = clientCredentials ? ['client_credentials', LEGACY_RO] : [LEGACY_RO];
  return `${JSON.stringify({ name: nameOf(i), app_type: 'non_interactive', token_endpoint_auth_method: 'client_secret_post', grant_types: grants }, null, 2)}\n`;
}

function tenantJson(allowLegacy: boolean): string {
  return `${JSON.stringify({ friendly_name: 'Bench', flags: { allow_legacy_ro_grant_types: allowLegacy } }, null, 2)}\n`;
}

function writeTenant(count: number): void {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(join(DIR, 'clients'), { recursive: true });
  mkdirSync(join(DIR, 'grants'), { recursive: true });
  writeFileSync(join(DIR, 'tenant.json'), tenantJson(false));
  for (let i = 1; i <= count; i++) {
    writeFileSync(join(DIR, 'clients', fileOf(i)), clientJson(i, true));
    writeFileSync(join(DIR, 'grants', `grant-${String(i).padStart(5, '0')}.json`), `${JSON.stringify({ client_id: nameOf(i), audience: 'https://api.example.com/', scope: ['read:data'] }, null, 2)}\n`);
  }
}

/**
 * A directory whose clients lack `client_credentials` yet have a client grant each, half of them public (spa,
 * `none`), half machine-to-machine: each grant gets `client-grant-without-client-credentials`, whose fix adds the
 * grant to the client's file (unsafe), so the stylish summary's count of what `--fix --unsafe-fixes` would clear
 * checks each such fix against the client's grant files (cli/unsafe-elsewhere.ts). That count once grew as the
 * square of the clients.
 */
function writeGrantsWithoutCredentialsTenant(dir: string, count: number): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'clients'), { recursive: true });
  mkdirSync(join(dir, 'grants'), { recursive: true });
  writeFileSync(join(dir, 'tenant.json'), tenantJson(false));
  for (let i = 1; i <= count; i++) {
    const spa = i % 2 === 0;
    const client = { name: nameOf(i), app_type: spa ? 'spa' : 'non_interactive', token_endpoint_auth_method: spa ? 'none' : 'client_secret_post', grant_types: ['authorization_code'] };
    writeFileSync(join(dir, 'clients', fileOf(i)), `${JSON.stringify(client, null, 2)}\n`);
    writeFileSync(join(dir, 'grants', `grant-${String(i).padStart(5, '0')}.json`), `${JSON.stringify({ client_id: nameOf(i), audience: 'https://api.example.com/', scope: ['read:data'] }, null, 2)}\n`);
  }
}

/** Medians of a process's wall time and, where /usr/bin/time is there, its CPU time (user + system), in ms. */
function timeProcess(args: readonly string[], rounds = ROUNDS): { ms: number; cpuMs: number } {
  const times: number[] = [];
  const cpu: number[] = [];
  const timer = existsSync('/usr/bin/time');
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    const run = timer
      ? spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
      : spawnSync(process.execPath, [...args], { stdio: 'ignore' });
    times.push(performance.now() - start);
    const last = timer ? String(run.stderr).trim().split('\n').pop()!.split(' ').map(Number) : [];
    cpu.push(last.length === 2 ? (last[0]! + last[1]!) * 1000 : NaN);
  }
  return { ms: median(times), cpuMs: median(cpu) };
}

/** Resolves once `done` holds after a publication (checked at once too); rejects after `limitMs`. */
function until(server: TimedServer, done: (p: PublishDiagnosticsParams | undefined) => boolean, limitMs: number, what: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench: no ${what} within ${limitMs} ms`)), limitMs);
    const check = (p: PublishDiagnosticsParams | undefined) => {
      if (!done(p)) return;
      clearTimeout(timer);
      server.onPublish = () => {};
      resolvePromise();
    };
    server.onPublish = check;
    check(undefined);
  });
}

interface ServerNumbers {
  readonly scanMs: number;
  readonly editMs: number;
  readonly editMaxMs: number;
  readonly flagMs: number;
  /** Server CPU time (main thread and lint worker) per edit and per flag change, in ms. */
  readonly editCpuMs: number;
  readonly flagCpuMs: number;
}

async function measureServer(count: number): Promise<ServerNumbers> {
  const command: ServerCommand = {
    command: process.execPath,
    args: [join(ROOT, 'dist', 'server.js'), '--stdio'],
    settings: { grantlint: { workspaceScan: { enabled: true, maxFiles: 4 * count } } },
  };
  const server = new TimedServer(command);
  try {
    const clientUris = new Set(Array.from({ length: count }, (_, i) => pathToFileURL(join(DIR, 'clients', fileOf(i + 1))).href));
    // The scan publishes every client (each has a legacy-grant-type error) and no grant (all are fine).
    let seen = new Set<string>();
    const scanStart = performance.now();
    const scanned = until(server, (p) => {
      if (p && clientUris.has(p.uri) && p.diagnostics.length > 0) seen.add(p.uri);
      return seen.size === count;
    }, 600_000, 'workspace scan');
    // The scan ends with the server's status notification (files checked): grants come after the clients.
    const scanEnded = new Promise<void>((resolveScan) => server.connection.onNotification('grantlint/status', () => resolveScan()));
    await server.initialize(DIR);
    await scanned;
    await scanEnded;
    const scanMs = performance.now() - scanStart;

    // One client open; its grant_types loses and regains client_credentials: its grant file is re-published.
    const index = Math.ceil(count / 2);
    const clientUri = pathToFileURL(join(DIR, 'clients', fileOf(index))).href;
    const grantUri = pathToFileURL(join(DIR, 'grants', `grant-${String(index).padStart(5, '0')}.json`)).href;
    await server.open(clientUri, 'json', clientJson(index, true));
    const edits: number[] = [];
    const editCpuStart = readCpuMs(server.pid);
    for (let edit = 1; edit <= EDITS; edit++) {
      const withCredentials = edit % 2 === 0;
      const published = until(server, (p) => p?.uri === grantUri && p.diagnostics.length === (withCredentials ? 0 : 1), 10_000, 'grant re-publication');
      const start = performance.now();
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: clientUri, version: edit + 1 }, contentChanges: [{ text: clientJson(index, withCredentials) }] });
      await published;
      edits.push(performance.now() - start);
    }

    const editCpuMs = (readCpuMs(server.pid) - editCpuStart) / EDITS;
    // tenant.json's flag flipped on disk: every client file is re-published with the new severity.
    const flags: number[] = [];
    const flagCpuStart = readCpuMs(server.pid);
    for (const allow of [true, false, true, false]) {
      writeFileSync(join(DIR, 'tenant.json'), tenantJson(allow));
      seen = new Set();
      const severity = allow ? 2 : 1;
      const published = until(server, (p) => {
        if (p && clientUris.has(p.uri) && p.diagnostics.some((d) => d.code === 'legacy-grant-type' && d.severity === severity)) seen.add(p.uri);
        // The open client is re-published with a version; all count.
        return seen.size === count;
      }, 60_000, 'client re-publication');
      const start = performance.now();
      await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(DIR, 'tenant.json')).href, type: 2 }] });
      await published;
      flags.push(performance.now() - start);
    }
    const flagCpuMs = (readCpuMs(server.pid) - flagCpuStart) / 4;
    return { scanMs, editMs: median(edits), editMaxMs: Math.max(...edits), flagMs: median(flags), editCpuMs, flagCpuMs };
  } finally {
    await server.stop();
  }
}

/** Runs the directory-tenant bench and returns its lines (a table and the budgets, each said met or not). */
export async function benchDirectoryTenant(count = Number(process.env['BENCH_DIRECTORY_CLIENTS'] ?? 5000)): Promise<string[]> {
  process.stderr.write(`bench: directory tenant of ${count} clients and ${count} grants\n`);
  writeTenant(count);
  const cli = timeProcess([join(ROOT, 'dist', 'cli.js'), '--format', 'json', DIR]);
  const floor = timeProcess([join(ROOT, 'bench', 'read-parse-dir.mjs'), DIR]);
  // --fix rewrites every client (each drops its legacy grant), once, on a copy: each write is synced to disk, so
  // the wall time is mostly the disk's; the CPU time shows the run stays linear in the directory's size.
  const fixCopy = `${DIR}-fix`;
  rmSync(fixCopy, { recursive: true, force: true });
  cpSync(DIR, fixCopy, { recursive: true });
  const fix = timeProcess([join(ROOT, 'dist', 'cli.js'), '--fix', '--format', 'json', fixCopy], 1);
  rmSync(fixCopy, { recursive: true, force: true });
  const withoutCredentialsDir = `${DIR}-without-credentials`;
  writeGrantsWithoutCredentialsTenant(withoutCredentialsDir, count);
  const stylishRun = timeProcess([join(ROOT, 'dist', 'cli.js'), '--format', 'stylish', withoutCredentialsDir]);
  const jsonRun = timeProcess([join(ROOT, 'dist', 'cli.js'), '--format', 'json', withoutCredentialsDir]);
  rmSync(withoutCredentialsDir, { recursive: true, force: true });
  const stylishRatio = stylishRun.cpuMs / jsonRun.cpuMs;
  const cliMs = cli.ms;
  const floorMs = floor.ms;
  const server = await measureServer(count);
  const ratio = cliMs / floorMs;
  const load = loadavg()[0]!.toFixed(1);
  const met = (ok: boolean) => (ok ? 'yes' : 'NO');
  return [
    '',
    `Directory tenant: tenant.json, ${count} clients/*.json and ${count} grants/*.json; processes: medians of ${ROUNDS}; server: median of ${EDITS} edits (max ${server.editMaxMs.toFixed(0)} ms) and of 4 flag changes, after a workspace scan of ${(server.scanMs / 1000).toFixed(1)} s; load average ${load} on ${cpus().length} CPUs at the end. Server CPU is the server process's own time (main thread and lint worker), which the machine's other load does not inflate.`,
    '',
    '| CLI process | read + JSON.parse process | ×floor | CLI CPU | floor CPU | ×floor CPU | CLI --fix (every client rewritten), wall / CPU | edit → grant re-published | server CPU per edit | tenant.json flag → all clients re-published | server CPU per flag change |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    `| ${cliMs.toFixed(0)} ms | ${floorMs.toFixed(0)} ms | ${ratio.toFixed(2)}× | ${cli.cpuMs.toFixed(0)} ms | ${floor.cpuMs.toFixed(0)} ms | ${(cli.cpuMs / floor.cpuMs).toFixed(2)}× | ${(fix.ms / 1000).toFixed(1)} s / ${(fix.cpuMs / 1000).toFixed(1)} s | ${server.editMs.toFixed(1)} ms | ${server.editCpuMs.toFixed(0)} ms | ${server.flagMs.toFixed(0)} ms | ${server.flagCpuMs.toFixed(0)} ms |`,
    '',
    `Clients without client_credentials, each with a client grant (half public; every grant's fix adds the grant to its client's file, unsafe): CLI --format stylish ${stylishRun.cpuMs.toFixed(0)} ms of CPU (${stylishRun.ms.toFixed(0)} ms wall), --format json ${jsonRun.cpuMs.toFixed(0)} ms (${jsonRun.ms.toFixed(0)} ms wall).`,
    '',
    '| budget | measured | met |',
    '|---|---|---|',
    `| directory tenant: CLI process ≤ 2× read + JSON.parse process | ${ratio.toFixed(2)}× | ${met(ratio <= 2)} |`,
    `| directory of clients without client_credentials, with grants: CLI stylish (counts what --fix --unsafe-fixes clears) ≤ 2× json, CPU | ${stylishRatio.toFixed(2)}× | ${met(stylishRatio <= 2)} |`,
    `| directory tenant: edit to a client's grant_types → its grant re-published ≤ 100 ms | ${server.editMs.toFixed(1)} ms | ${met(server.editMs <= 100)} |`,
    `| directory tenant: tenant.json flag change → ${count} clients re-published ≤ 2 s | ${server.flagMs.toFixed(0)} ms | ${met(server.flagMs <= 2000)} |`,
  ];
}

if (require.main === module) {
  benchDirectoryTenant()
    .then((lines) => process.stdout.write(`${lines.join('\n')}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    });
}
