/**
 * The Terraform HCL part of `npm run bench`: the language server on a module of 3,000 `auth0_client` resources
 * with their `auth0_client_credentials` resources (test/helpers/terraform-generator.ts), against the floor of a
 * tree-sitter parse of the same text in this process. Open → diagnostics and one-token edit → diagnostics, as
 * ratios to that parse; and the same edits in the module split as people write it (credentials in their own file).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Language, Parser } from 'web-tree-sitter';
import { generateTerraformHcl, generateTerraformModule } from '../test/helpers/terraform-generator';
import { TimedServer, type ServerCommand } from './lsp-client';

const EDITS = 10;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Milliseconds of one tree-sitter parse of `text` (median of `rounds` after a warm-up), the parser loaded once. */
async function treeSitterParseMs(text: string, rounds: number): Promise<number> {
  await Parser.init();
  const language = await Language.load(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  parser.parse(text)?.delete();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    const tree = parser.parse(text);
    times.push(performance.now() - start);
    tree?.delete();
  }
  parser.delete();
  return median(times);
}

/** One-token edits spread over the module: a grant value broken (`refresh_tokeX`), then typed back. */
function editPlan(text: string): { start: number; end: number; insert: string }[] {
  const plan: { start: number; end: number; insert: string }[] = [];
  for (let i = 0; i < EDITS / 2; i++) {
    const at = text.indexOf('"refresh_token"', Math.floor((text.length * (i + 1)) / (EDITS / 2 + 2)));
    if (at < 0) break;
    plan.push({ start: at + 13, end: at + 14, insert: 'X' }, { start: at + 13, end: at + 14, insert: 'n' });
  }
  return plan;
}

/** The markdown lines of the Terraform section: the numbers, then the budgets and whether they are met. */
export async function benchTerraformServer(server: ServerCommand, dataDir: string, rounds: number): Promise<string[]> {
  const resources = Number(process.env['BENCH_TERRAFORM'] ?? 3000);
  if (resources <= 0) return [];
  const dir = join(dataDir, 'terraform');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'main.tf');
  const text = generateTerraformHcl({ clients: resources, seed: resources });
  writeFileSync(file, text);
  const warmUpFile = join(dir, 'warm-up', 'main.tf');
  mkdirSync(join(dir, 'warm-up'), { recursive: true });
  const warmUp = generateTerraformHcl({ clients: 20, seed: 20 });
  process.stderr.write(`bench: Terraform module of ${resources} clients (${(text.length / 1e6).toFixed(2)} MB HCL)\n`);

  const parseMs = await treeSitterParseMs(text, rounds);
  const opens: number[] = [];
  const edits: number[] = [];
  let diagnostics = 0;
  for (let round = 0; round < rounds; round++) {
    const timed = new TimedServer(server);
    try {
      await timed.initialize(dir);
      // As in a running editor, the HCL reader has been loaded for a .tf file before (the workspace scan).
      await timed.open(pathToFileURL(warmUpFile).href, 'terraform', warmUp);
      const uri = pathToFileURL(file).href;
      const opened = await timed.open(uri, 'terraform', text);
      opens.push(opened.ms);
      diagnostics = opened.count;
      if (round === 0) {
        let current = text;
        let version = 1;
        for (const edit of editPlan(text)) {
          const result = await timed.edit(uri, ++version, current, edit.start, edit.end, edit.insert);
          current = result.text;
          edits.push(result.ms);
        }
      }
    } finally {
      await timed.stop();
    }
  }
  const split = await splitModuleEdits(server, dataDir, resources);
  const openMs = median(opens);
  const editMs = median(edits);
  const splitMs = median(split.edits);
  const ratio = (a: number) => `${(a / parseMs).toFixed(2)}×`;
  const met = (a: number, limit: number) => (a / parseMs <= limit ? 'yes' : 'NO');
  return [
    '',
    `Terraform HCL, a module of ${resources.toLocaleString('en-US')} auth0_client resources with credentials (${(text.length / 1e6).toFixed(2)} MB, ${diagnostics} diagnostics), language server over stdio, medians of ${rounds} opens and ${edits.length} one-token edits:`,
    '',
    '| tree-sitter parse (in process) | LSP open → diagnostics | ×parse | LSP edit → diagnostics | ×parse |',
    '|---|---|---|---|---|',
    `| ${parseMs.toFixed(0)} ms | ${openMs.toFixed(0)} ms | ${ratio(openMs)} | ${editMs.toFixed(1)} ms | ${ratio(editMs)} |`,
    '',
    '| budget | measured | met |',
    '|---|---|---|',
    `| Terraform open → diagnostics, ${resources.toLocaleString('en-US')} resources ≤ 1.5× a tree-sitter parse | ${ratio(openMs)} | ${met(openMs, 1.5)} |`,
    `| Terraform edit → diagnostics, ${resources.toLocaleString('en-US')} resources ≤ 0.25× a tree-sitter parse | ${ratio(editMs)} | ${met(editMs, 0.25)} |`,
    `| Terraform edit → diagnostics, the same module with its credentials in credentials.tf (workspace scan on) ≤ 0.25× a tree-sitter parse | ${ratio(splitMs)} | ${met(splitMs, 0.25)} |`,
    '',
    `The same clients with their credentials resources in \`credentials.tf\` (as modules are usually written), the workspace scan on: ${split.edits.length} one-token edits of \`main.tf\` 300 ms apart (typing), median ${splitMs.toFixed(1)} ms, slowest ${Math.max(...split.edits).toFixed(1)} ms; \`credentials.tf\`, which depends on every client, re-published ${split.republishedMs === undefined ? 'not within 10 s' : `${split.republishedMs.toFixed(0)} ms`} after the last edit.`,
  ];
}

/**
 * A module as people write it: the clients in `main.tf`, their credentials in `credentials.tf`, the workspace scan
 * on (so `credentials.tf` is re-checked after every change of a client). One-token edits of `main.tf` 300 ms
 * apart: the time to each edit's diagnostics, and when `credentials.tf` is re-published after the last one.
 */
async function splitModuleEdits(server: ServerCommand, dataDir: string, resources: number): Promise<{ edits: number[]; republishedMs: number | undefined }> {
  const dir = join(dataDir, 'terraform-split');
  mkdirSync(dir, { recursive: true });
  const files = generateTerraformModule({ clients: resources, seed: resources });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const credentials = pathToFileURL(join(dir, 'credentials.tf')).href;
  let lastCredentials = Number.NaN;
  const timed = new TimedServer({ ...server, settings: { grantlint: { workspaceScan: { enabled: true } } } });
  timed.onPublish = (params) => {
    if (params.uri === credentials) lastCredentials = performance.now();
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  try {
    await timed.initialize(dir);
    const scanned = performance.now();
    while (Number.isNaN(lastCredentials) && performance.now() - scanned < 120_000) await sleep(50);
    const uri = pathToFileURL(join(dir, 'main.tf')).href;
    let current = files['main.tf']!;
    await timed.open(uri, 'terraform', current);
    await sleep(3000);
    const edits: number[] = [];
    let version = 1;
    let lastEditSent = Number.NaN;
    for (const edit of editPlan(current)) {
      lastEditSent = performance.now();
      const result = await timed.edit(uri, ++version, current, edit.start, edit.end, edit.insert);
      current = result.text;
      edits.push(result.ms);
      await sleep(300);
    }
    // A publication during the pause after the last edit counts: the last edit was sent before it.
    const lastEdit = lastEditSent;
    const waited = performance.now();
    while (!(lastCredentials > lastEdit) && performance.now() - waited < 10_000) await sleep(20);
    return { edits, republishedMs: lastCredentials > lastEdit ? lastCredentials - lastEdit : undefined };
  } finally {
    await timed.stop();
  }
}
