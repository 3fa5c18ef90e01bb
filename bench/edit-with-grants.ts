/**
 * The language server's edits in a deploy-cli `tenant.yaml` that has a `clientGrants:` list, as real tenants do
 * (test/helpers/tenant-generator.ts, generateTenantYamlWithGrants: a quarter as many grants as clients, some
 * naming no client). The same one-token edits in clients as the main table, against `yaml`'s parseDocument of the
 * same text in this process.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { generateTenantYamlWithGrants } from '../test/helpers/tenant-generator';
import { TimedServer, type ServerCommand } from './lsp-client';

const EDITS = 10;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Milliseconds of parseDocument (median of `rounds` after a warm-up). */
function parseDocumentMs(text: string, rounds: number): number {
  parseDocument(text);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    parseDocument(text);
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Milliseconds from each one-token edit (a grant value broken, then typed back, at five places) to its diagnostics. */
async function editMs(server: ServerCommand, file: string, text: string): Promise<number[]> {
  const timed = new TimedServer(server);
  try {
    await timed.initialize(join(file, '..'));
    const uri = pathToFileURL(file).href;
    await timed.open(uri, 'yaml', text);
    const times: number[] = [];
    let current = text;
    let version = 1;
    for (let i = 0; i < EDITS / 2; i++) {
      const at = current.indexOf('refresh_token', Math.floor((current.length * (i + 1)) / (EDITS / 2 + 2)));
      if (at < 0) break;
      for (const insert of ['X', 'n']) {
        const result = await timed.edit(uri, ++version, current, at + 12, at + 13, insert);
        current = result.text;
        times.push(result.ms);
      }
    }
    return times;
  } finally {
    await timed.stop();
  }
}

/** The markdown lines of this part: one row per size. */
export async function benchEditWithGrants(server: ServerCommand, dataDir: string, sizes: readonly number[], rounds: number): Promise<string[]> {
  if (sizes.length === 0) return [];
  const lines = [
    `A \`tenant.yaml\` with client grants (a quarter as many as clients, some naming no client), the language server over stdio: median of ${EDITS} one-token edits in clients:`,
    '',
    '| clients | client grants | MB | parseDocument | LSP edit → diagnostics | ×parseDocument |',
    '|---|---|---|---|---|---|',
  ];
  for (const clients of sizes) {
    const dir = join(dataDir, `with-grants-${clients}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'tenant.yaml');
    const grants = Math.round(clients / 4);
    const text = generateTenantYamlWithGrants({ clients, seed: clients, grants });
    writeFileSync(file, text);
    process.stderr.write(`bench: ${clients} clients with ${grants} client grants\n`);
    const parse = parseDocumentMs(text, rounds);
    const edit = median(await editMs(server, file, text));
    lines.push(`| ${clients} | ${grants} | ${(text.length / 1e6).toFixed(2)} | ${parse.toFixed(0)} | ${edit.toFixed(1)} | ${(edit / parse).toFixed(2)}× |`);
  }
  return [...lines, ''];
}
