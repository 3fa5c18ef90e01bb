/**
 * Linting off the main thread, so that the server keeps answering (hover, completion, code actions on other files,
 * cancellation, shutdown) while a huge file is checked: the diagnostics of open documents and of closed files are
 * computed by the engine in a `worker_threads` worker, which posts back plain, pre-rendered reports. The worker runs
 * the same bundle as the server (see main.ts). Requests for a document are answered in order; one superseded by a
 * newer request for the same document before the worker started it is dropped unlinted. A worker that dies is
 * replaced on the next request. See docs/architecture.md for why a worker rather than slices.
 */
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import type { Span } from '../engine/index';
import { formatOf, hclParserReady } from '../engine/index';
import { loadHclParser } from '../workspace/tree-sitter';
import type { Analysis, AnalyzeInput } from '../service/analysis';
import { analyze, DocumentAnalyzer } from '../service/analysis';
import { FindingReports, reportFindings, type FindingReport, type ReportOptions } from '../service/findings';
import { clientLenses } from '../service/lens';
import { spanToRange } from '../service/positions';
import { clientSymbols } from '../service/symbols';
import type { Range } from '../service/types';
import { ProjectLinker } from '../workspace/project-linker';
import type { Logger } from './safe';
import { describeError } from './safe';

export interface LintRequest {
  readonly id: number;
  /** Lints with the same key supersede each other; open documents keep their incremental state under it. */
  readonly key: string;
  /** Whether the key is an open document, re-linted after edits (its state is kept until `forget`). */
  readonly document: boolean;
  /** The diagnostics' reports, or the outline (code lenses and symbols) of an open document. */
  readonly want: 'reports' | 'outline';
  readonly input: AnalyzeInput;
  /** How an open document's findings are shown (see FindingReports.report). */
  readonly options?: ReportOptions;
}

/** An open document's code lenses and symbols, positioned, made from the worker's analysis of its text. */
export interface Outline {
  readonly lenses: readonly { readonly range: Range; readonly title: string }[];
  readonly symbols: readonly { readonly name: string; readonly detail: string; readonly range: Range; readonly selectionRange: Range }[];
}

export type LintReply =
  | { readonly id: number; readonly kind: 'done'; readonly isClientConfig: boolean; readonly reports: readonly FindingReport[]; readonly ms: number }
  | { readonly id: number; readonly kind: 'outline'; readonly outline: Outline | undefined }
  | { readonly id: number; readonly kind: 'superseded' }
  | { readonly id: number; readonly kind: 'failed'; readonly message: string };

type WorkerMessage = { readonly kind: 'lint'; readonly request: LintRequest } | { readonly kind: 'forget'; readonly key: string };

/** What a lint in the worker gives: undefined when a newer request for the same key replaced it. */
export interface LintOutcome {
  readonly isClientConfig: boolean;
  readonly reports: readonly FindingReport[];
  /** Time spent linting in the worker, in milliseconds. */
  readonly ms: number;
}

/** The main thread's side: one worker, started on first use and replaced when it dies. */
export class LintWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (outcome: LintOutcome | Outline | undefined) => void; reject: (error: Error) => void }>();
  private disposed = false;

  constructor(
    /** The script the worker runs: the server's own bundle. */
    private readonly script: string,
    private readonly logger: Logger,
  ) {}

  /** Lints in the worker. Resolves undefined when a newer request for the same key superseded this one. */
  lint(key: string, document: boolean, input: AnalyzeInput, options?: ReportOptions): Promise<LintOutcome | undefined> {
    return this.send({ key, document, want: 'reports', input, ...(options ? { options } : {}) }) as Promise<LintOutcome | undefined>;
  }

  /**
   * An open document's code lenses and symbols for this text, from the worker's analysis of it (made again only
   * where the text changed since its last lint), so that an editor asking for them when a huge file opens does
   * not hold up the main thread. Undefined when superseded or not a client config.
   */
  outline(key: string, input: AnalyzeInput): Promise<Outline | undefined> {
    return this.send({ key, document: true, want: 'outline', input }) as Promise<Outline | undefined>;
  }

  private send(request: Omit<LintRequest, 'id'>): Promise<LintOutcome | Outline | undefined> {
    if (this.disposed) return Promise.resolve(undefined);
    const id = this.nextId++;
    const worker = this.ensureWorker();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const message: WorkerMessage = { kind: 'lint', request: { ...request, id } };
      worker.postMessage(message);
    });
  }

  /** A document closed: the worker drops what it kept for it. */
  forget(key: string): void {
    const message: WorkerMessage = { kind: 'forget', key };
    this.worker?.postMessage(message);
  }

  /** Stops the worker; pending lints resolve as superseded. */
  dispose(): void {
    this.disposed = true;
    const worker = this.worker;
    this.worker = undefined;
    for (const { resolve } of this.pending.values()) resolve(undefined);
    this.pending.clear();
    void worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // Its stdout and stderr are streams here, never the process's own: stdout is the protocol channel.
    const worker = new Worker(this.script, { stdout: true, stderr: true, argv: [], execArgv: [] });
    worker.stdout.on('data', (chunk: Buffer) => this.logger.log(`[lint worker] ${chunk.toString().trimEnd()}`));
    worker.stderr.on('data', (chunk: Buffer) => this.logger.warn(`[lint worker] ${chunk.toString().trimEnd()}`));
    worker.on('message', (reply: LintReply) => this.settle(reply));
    worker.on('error', (error) => this.lost(worker, `The lint worker failed: ${describeError(error)}`));
    worker.on('exit', (code) => this.lost(worker, `The lint worker stopped (exit code ${code}).`));
    // The worker alone must not keep the server alive once the connection has gone.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(reply: LintReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (reply.kind === 'done') waiting.resolve({ isClientConfig: reply.isClientConfig, reports: reply.reports, ms: reply.ms });
    else if (reply.kind === 'outline') waiting.resolve(reply.outline);
    else if (reply.kind === 'superseded') waiting.resolve(undefined);
    else waiting.reject(new Error(reply.message));
  }

  /** The worker died: what it was doing fails, and the next request starts a new one. */
  private lost(worker: Worker, message: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    if (this.disposed) return;
    this.logger.error(message);
    const failed = [...this.pending.values()];
    this.pending.clear();
    for (const { reject } of failed) reject(new Error(message));
  }
}

/** The worker's side: lints what the main thread sends, one request per turn of its event loop. */
export function runLintWorker(): void {
  const port = parentPort;
  if (isMainThread || !port) throw new Error('runLintWorker runs in a worker thread only');
  const documents = new Map<string, { analyzer: DocumentAnalyzer; reports: FindingReports; path: string }>();
  // Links across files (a Terraform module, a deploy-cli directory), read here where the linting is, so the parsed
  // siblings never cross the thread boundary. A sibling that cannot be read goes to the server's log (stderr).
  const linker = new ProjectLinker((problem) => console.error(`Links not read: ${problem}`));
  const withLinks = (request: LintRequest) => {
    const links = linker.linksFor(request.input.path, request.input.text, request.document, request.input.maxFileSize);
    return links ? { ...request.input, links } : request.input;
  };
  const queue: LintRequest[] = [];
  let scheduled = false;

  const next = (): void => {
    scheduled = false;
    const request = queue.shift();
    if (!request) return;
    // Terraform HCL needs tree-sitter's WebAssembly, loaded the first time a .tf file is met; the queue waits.
    if (!hclParserReady() && formatOf(request.input.path, request.input.languageId) === 'hcl') {
      scheduled = true;
      loadHclParser().then(
        () => queue.unshift(request),
        (error: unknown) => port.postMessage({ id: request.id, kind: 'failed', message: describeError(error) } satisfies LintReply),
      ).finally(() => {
        scheduled = false;
        schedule();
      });
      return;
    }
    // Messages arrive between turns, so a newer lint of the same document may be waiting behind this one. (Each
    // outline request has its own asker, and after the document's lint it costs little: all are answered.)
    if (request.want === 'reports' && queue.some((later) => later.key === request.key && later.want === 'reports')) {
      port.postMessage({ id: request.id, kind: 'superseded' } satisfies LintReply);
    } else {
      port.postMessage(lintOne(request));
    }
    schedule();
  };
  const schedule = (): void => {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(next);
  };

  const lintOne = (request: LintRequest): LintReply => {
    const started = performance.now();
    try {
      let reports: readonly FindingReport[] = [];
      let isClientConfig = false;
      if (request.document) {
        let kept = documents.get(request.key);
        if (!kept) documents.set(request.key, (kept = { analyzer: new DocumentAnalyzer(), reports: new FindingReports(), path: request.input.path }));
        const analysis = kept.analyzer.analyze(withLinks(request));
        if (request.want === 'outline') return { id: request.id, kind: 'outline', outline: analysis && outlineOf(analysis) };
        isClientConfig = analysis?.result.isClientConfig ?? false;
        if (analysis && isClientConfig) reports = kept.reports.report(analysis, request.options);
      } else {
        const analysis = analyze(withLinks(request));
        isClientConfig = analysis?.result.isClientConfig ?? false;
        // A closed file keeps its syntax errors: the editor validates only the files it has open, so nothing else
        // would say that a closed client config does not parse.
        if (analysis && isClientConfig) reports = reportFindings(analysis, { jsonSyntaxErrors: true });
      }
      return { id: request.id, kind: 'done', isClientConfig, reports, ms: performance.now() - started };
    } catch (error) {
      return { id: request.id, kind: 'failed', message: describeError(error) };
    }
  };

  const outlineOf = (analysis: Analysis): Outline => {
    const range = (span: Span) => spanToRange(analysis.lines, span);
    return {
      lenses: clientLenses(analysis).map((lens) => ({ range: range(lens.span), title: lens.title })),
      // A JSON file that is one client: the editor's own JSON outline already lists it, a second level adds nothing.
      symbols: isSingleClientJson(analysis) ? [] : clientSymbols(analysis).map((s) => ({ name: s.name, detail: s.detail, range: range(s.span), selectionRange: range(s.selectionSpan) })),
    };
  };

  port.on('message', (message: WorkerMessage) => {
    if (message.kind === 'forget') {
      const closed = documents.get(message.key);
      if (closed) linker.closed(closed.path);
      documents.delete(message.key);
      for (let i = queue.length - 1; i >= 0; i--) {
        const request = queue[i]!;
        if (request.key === message.key) {
          queue.splice(i, 1);
          port.postMessage({ id: request.id, kind: 'superseded' } satisfies LintReply);
        }
      }
      return;
    }
    queue.push(message.request);
    schedule();
  });
}

function isSingleClientJson(analysis: Analysis): boolean {
  const { clients, parsed } = analysis.result;
  return analysis.format === 'json' && clients.length === 1 && parsed.documents[0]?.root === clients[0]?.node;
}
