/**
 * Linting off the main thread, so that the server keeps answering (hover, completion, code actions on other files,
 * cancellation, shutdown) while a huge file is checked: the diagnostics of open documents and of closed files are
 * computed by the engine in a `worker_threads` worker, which posts back plain, pre-rendered reports. The worker runs
 * the same bundle as the server (see main.ts). Requests for a document are answered in order; one superseded by a
 * newer request for the same document before the worker started it is dropped unlinted. A worker that dies is
 * replaced on the next request. See docs/architecture.md for why a worker rather than slices.
 */
import { dirname, relative } from 'node:path';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import type { Span } from '../engine/index';
import { formatOf, hclParserSettled } from '../engine/index';
import { settleHclParser } from '../workspace/tree-sitter';
import type { Analysis, AnalyzeInput } from '../service/analysis';
import { analyze, DocumentAnalyzer } from '../service/analysis';
import { LintOrder, type QueuedWork } from './lint-order';
import { FindingReports, reportFindings, type FindingReport, type RelatedReport, type ReportOptions } from '../service/findings';
import { hoverAt } from '../service/hover';
import { clientLenses } from '../service/lens';
import { spanToRange, toRangeEdit } from '../service/positions';
import { clientSymbols } from '../service/symbols';
import type { Position, Range, RangeEdit } from '../service/types';
import { LiveProjects } from '../workspace/live-projects';
import { projectOf } from '../workspace/project-graph';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/limits';
import { fileNoteSpans } from '../service/notes';
import type { Logger } from './safe';
import { describeError } from './safe';
import { ReportListReceiver, ReportListSender, sentWhole, type SentReports } from './report-lists';

export interface LintRequest {
  readonly id: number;
  /** Lints with the same key supersede each other; open documents keep their incremental state under it. */
  readonly key: string;
  /** Whether the key is an open document, re-linted after edits (its state is kept until `forget`). */
  readonly document: boolean;
  /** The diagnostics' reports, or the outline (code lenses and symbols) or a hover of an open document. */
  readonly want: 'reports' | 'outline' | 'hover';
  /** Where the hover is asked for (`want: 'hover'`). */
  readonly position?: Position;
  readonly input: AnalyzeInput;
  /** How an open document's findings are shown (see FindingReports.report). */
  readonly options?: ReportOptions;
  /** Lint the file with its project's links (a file on disk, by absolute path); see ProjectLink. */
  readonly project?: ProjectLink;
  /** An open document re-linted because a document it depends on changed: it waits for typing to pause (lint-order.ts). */
  readonly dependent?: boolean;
}

/** How a file is linted with its project (workspace/live-projects.ts). */
export interface ProjectLink {
  /** Whether siblings are reported on too (a workspace scan), so findings about their values are left to them. */
  readonly siblingsReported: boolean;
  /** The size limit siblings are read with (bytes): the editor's grantlint.maxFileSize. */
  readonly maxFileSize: number;
}

/**
 * A change to a project's files the worker's graph must see: an open document closed (its file on disk counts
 * again) or files changed on disk. Answered with the files whose findings depend on them. `watch-started` (paths:
 * folders whose watch on disk has just begun) changes nothing: it is answered with the files there that the graph
 * read differently from the disk (LiveProjects.staleIn), for the caller to handle as changed on disk.
 */
interface ProjectChangeRequest {
  readonly id: number;
  readonly kind: 'document-closed' | 'disk-changed' | 'watch-started';
  readonly paths: readonly string[];
}

/** A hover's Markdown and the range it is about, made from the worker's analysis of an open document's text. */
export interface WorkerHover {
  readonly markdown: string;
  readonly range: Range;
}

/** An open document's code lenses and symbols, positioned, made from the worker's analysis of its text. */
export interface Outline {
  readonly lenses: readonly { readonly range: Range; readonly title: string }[];
  readonly symbols: readonly { readonly name: string; readonly detail: string; readonly range: Range; readonly selectionRange: Range }[];
}

export type LintReply =
  | {
      readonly id: number;
      readonly kind: 'done';
      readonly isClientConfig: boolean;
      /** An open document's, as a change to the list sent before (report-lists.ts). */
      readonly reports: SentReports;
      readonly ms: number;
      readonly dependents: readonly string[];
      readonly problems: readonly string[];
      readonly notes: FileNotes;
    }
  | { readonly id: number; readonly kind: 'dependents'; readonly dependents: readonly string[] }
  | { readonly id: number; readonly kind: 'outline'; readonly outline: Outline | undefined; readonly dependents: readonly string[] }
  | { readonly id: number; readonly kind: 'hover'; readonly hover: WorkerHover | undefined; readonly dependents: readonly string[] }
  | { readonly id: number; readonly kind: 'superseded' }
  | { readonly id: number; readonly kind: 'failed'; readonly message: string };

type WorkerMessage =
  | { readonly kind: 'lint'; readonly request: LintRequest }
  | { readonly kind: 'change'; readonly request: ProjectChangeRequest }
  | { readonly kind: 'forget'; readonly key: string };

/** A note about a linted file that is no rule's finding (service/notes.ts), positioned. */
export interface NoteReport {
  readonly range: Range;
  readonly message: string;
  /** Places the note is about (the client or resource a did-you-mean note suggests); absent when none. */
  readonly related?: readonly RelatedReport[];
  /** The quick fix a did-you-mean note offers (the name suggested written in), edits of this file; absent when none. */
  readonly fix?: { readonly title: string; readonly edits: readonly RangeEdit[] };
}

/** A linted file's notes, for its diagnostics and the server's log. */
interface FileNotes {
  readonly path: string;
  readonly notes: readonly NoteReport[];
}

/** What a lint in the worker gives: undefined when a newer request for the same key replaced it. */
export interface LintOutcome {
  readonly isClientConfig: boolean;
  readonly reports: readonly FindingReport[];
  /** What the file's findings cannot say: values not known here, links that cannot be made (service/notes.ts). */
  readonly notes: readonly NoteReport[];
  /** Time spent linting in the worker, in milliseconds. */
  readonly ms: number;
  /**
   * An open document linked to its project whose text changed for the project: the files whose findings depend
   * on it (absolute paths, without itself). Empty otherwise.
   */
  readonly dependents: readonly string[];
  /** Siblings that could not be read for links, one line each (each once). */
  readonly problems: readonly string[];
}

/** An outline and the files depending on the document's text when it changed for its project. */
interface OutlineOutcome {
  readonly outline: Outline | undefined;
  readonly dependents: readonly string[];
}

/** A hover, and the files depending on the document's text when it changed for its project. */
interface HoverOutcome {
  readonly hover: WorkerHover | undefined;
  readonly dependents: readonly string[];
}

/** What a request to the worker resolves with (undefined: superseded, or the worker was stopped). */
type WorkerAnswer = LintOutcome | OutlineOutcome | HoverOutcome | readonly string[] | undefined;

/** The main thread's side: one worker, started on first use and replaced when it dies. */
export class LintWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  /** Each request's key is unset when its document closes before the answer comes (forget). */
  private readonly pending = new Map<number, { key: string | undefined; resolve: (outcome: WorkerAnswer) => void; reject: (error: Error) => void }>();
  /** The reports last received for each open document, which the next lint's reports are sent as a change to. */
  private readonly received = new ReportListReceiver();
  private disposed = false;
  /** Each file's notes as last logged (their messages), so an edit that keeps them does not log them again. */
  private readonly loggedNotes = new Map<string, string>();

  constructor(
    /** The script the worker runs: the server's own bundle. */
    private readonly script: string,
    private readonly logger: Logger,
  ) {}

  /** Lints in the worker. Resolves undefined when a newer request for the same key superseded this one. */
  lint(key: string, document: boolean, input: AnalyzeInput, options?: ReportOptions, project?: ProjectLink, dependent = false): Promise<LintOutcome | undefined> {
    return this.send({ key, document, want: 'reports', input, ...(options ? { options } : {}), ...(project ? { project } : {}), ...(dependent ? { dependent } : {}) }) as Promise<LintOutcome | undefined>;
  }

  /**
   * Tells the worker's project graph that open documents closed (`document-closed`) or files changed on disk
   * (`disk-changed`, absolute paths), in order with the lints sent before and after. Resolves with the files
   * whose findings depend on them (sorted, without the changed files), empty when the worker is gone. For
   * `watch-started` (folders), resolves with the files there its graph read differently from the disk.
   */
  async projectChange(kind: ProjectChangeRequest['kind'], paths: readonly string[]): Promise<readonly string[]> {
    if (this.disposed || paths.length === 0) return [];
    const id = this.nextId++;
    const worker = this.ensureWorker();
    const answer = new Promise<WorkerAnswer>((resolve, reject) => {
      this.pending.set(id, { key: undefined, resolve, reject });
      const message: WorkerMessage = { kind: 'change', request: { id, kind, paths } };
      worker.postMessage(message);
    });
    return ((await answer) as readonly string[] | undefined) ?? [];
  }

  /**
   * An open document's code lenses and symbols for this text, from the worker's analysis of it (made again only
   * where the text changed since its last lint), so that an editor asking for them when a huge file opens does
   * not hold up the main thread. Linked to its project as its lint is (`project`), so a lens says what the
   * diagnostics judge by (a Terraform method in a sibling file). Undefined when superseded or not a client config;
   * `dependents` as for a lint (the text may reach the project here first).
   */
  async outline(key: string, input: AnalyzeInput, project?: ProjectLink): Promise<{ readonly outline: Outline | undefined; readonly dependents: readonly string[] }> {
    const answer = (await this.send({ key, document: true, want: 'outline', input, ...(project ? { project } : {}) })) as OutlineOutcome | undefined;
    return answer ?? { outline: undefined, dependents: [] };
  }

  /**
   * A hover at `position` in an open document's text, from the worker's analysis of it (the one its diagnostics came
   * from, made again only where the text changed since its last lint): the first hover after a huge file opens
   * does not read it again on the main thread. Linked to its project as its lint is; undefined when there is none
   * there or the request was superseded; `dependents` as for a lint.
   */
  async hover(key: string, input: AnalyzeInput, position: Position, project?: ProjectLink): Promise<HoverOutcome> {
    const answer = (await this.send({ key, document: true, want: 'hover', position, input, ...(project ? { project } : {}) })) as HoverOutcome | undefined;
    return answer ?? { hover: undefined, dependents: [] };
  }

  private send(request: Omit<LintRequest, 'id'>): Promise<WorkerAnswer> {
    if (this.disposed) return Promise.resolve(undefined);
    const id = this.nextId++;
    const worker = this.ensureWorker();
    return new Promise<WorkerAnswer>((resolve, reject) => {
      this.pending.set(id, { key: request.key, resolve, reject });
      const message: WorkerMessage = { kind: 'lint', request: { ...request, id } };
      worker.postMessage(message);
    });
  }

  /** A document closed: the worker drops what it kept for it. */
  forget(key: string): void {
    this.received.forget(key);
    for (const waiting of this.pending.values()) if (waiting.key === key) waiting.key = undefined;
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
    if (reply.kind === 'done') {
      this.logNotes(reply.notes);
      // An open document's list is kept for the next one to change, unless the document closed meanwhile: then its
      // lint is as good as superseded.
      const reports = waiting.key === undefined && reply.reports.list !== 0 ? undefined : this.received.receive(waiting.key ?? '', reply.reports);
      if (!reports) waiting.resolve(undefined);
      else waiting.resolve({ isClientConfig: reply.isClientConfig, reports, notes: reply.notes.notes, ms: reply.ms, dependents: reply.dependents, problems: reply.problems });
    } else if (reply.kind === 'dependents') waiting.resolve(reply.dependents);
    else if (reply.kind === 'outline') waiting.resolve({ outline: reply.outline, dependents: reply.dependents });
    else if (reply.kind === 'hover') waiting.resolve({ hover: reply.hover, dependents: reply.dependents });
    else if (reply.kind === 'superseded') waiting.resolve(undefined);
    else waiting.reject(new Error(reply.message));
  }

  /** Logs a file's notes when they differ from those last logged for it (not on every edit of an open document). */
  private logNotes({ path, notes }: FileNotes): void {
    const messages = notes.map((note) => note.message).join('\n');
    if ((this.loggedNotes.get(path) ?? '') === messages) return;
    if (messages === '') this.loggedNotes.delete(path);
    else this.loggedNotes.set(path, messages);
    for (const note of notes) this.logger.info(`${path}:${note.range.start.line + 1}:${note.range.start.character + 1}: ${note.message}`);
  }

  /** The worker died: what it was doing fails, and the next request starts a new one. */
  private lost(worker: Worker, message: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.received.clear();
    if (this.disposed) return;
    this.logger.error(message);
    const failed = [...this.pending.values()];
    this.pending.clear();
    for (const { reject } of failed) reject(new Error(message));
  }
}

/** A request waiting in the worker. */
type Queued = { readonly kind: 'lint'; readonly request: LintRequest } | { readonly kind: 'change'; readonly request: ProjectChangeRequest };

/** The worker's side: lints what the main thread sends, one request per turn of its event loop. */
export function runLintWorker(): void {
  const port = parentPort;
  if (isMainThread || !port) throw new Error('runLintWorker runs in a worker thread only');
  const documents = new Map<string, { analyzer: DocumentAnalyzer; reports: FindingReports; sent: ReportListSender }>();
  const queue: Queued[] = [];
  /** Per key, the id of its latest queued lint for reports: an older one is superseded (one look-up, not a scan). */
  const latestLint = new Map<string, number>();
  let live: LiveProjects | undefined;
  let scheduled = false;

  /** The project graph, made on first use, reading siblings with the lint's size limit. */
  const projectsFor = (maxFileSize: number): LiveProjects => {
    live ??= new LiveProjects(DEFAULT_MAX_FILE_SIZE);
    live.setMaxFileSize(maxFileSize);
    return live;
  };

  // The HCL parser (WebAssembly, loaded asynchronously) is loaded when the first Terraform file comes (HCL, or JSON
  // linked to its module, which may hold `.tf` files); until it is settled (ready, or failed: then each `.tf` file
  // gets a parse error naming what is missing), that lint and everything behind it wait, so no `.tf` file, as a
  // document or as a sibling holding a client's credentials, is ever read as holding nothing.
  let hclLoading = false;
  const needsHcl = (request: LintRequest): boolean =>
    formatOf(request.input.path, request.input.languageId) === 'hcl' || (request.project !== undefined && projectOf(request.input.path)?.kind === 'terraform-module');
  const waitsForHcl = (item: Queued): boolean => {
    if (item.kind !== 'lint' || hclParserSettled() || !needsHcl(item.request)) return false;
    if (!hclLoading) {
      hclLoading = true;
      void settleHclParser().then((failure) => {
        if (failure) console.error(`Terraform files are not checked: ${failure}`);
        schedule();
      });
    }
    return true;
  };

  const order = new LintOrder();
  /** How many open documents' lints are queued. */
  let documentLints = 0;
  let deferred: ReturnType<typeof setTimeout> | undefined;
  /**
   * What the lint order reads of a queued item: a closed file's lint and a dependent document's re-lint say how
   * much unsaved text they read first; the latter that it waits for typing to pause.
   */
  const workOf = (item: Queued): QueuedWork => {
    if (item.kind === 'change') return { kind: 'change' };
    const { request } = item;
    const dependent = request.document && request.dependent === true;
    if ((request.document && !dependent) || !request.project || !live) return { kind: 'lint', document: request.document, ...(dependent ? { dependent } : {}) };
    return { kind: 'lint', document: request.document, ...(dependent ? { dependent } : {}), unsavedToRead: live.unparsedLength(request.input.path) };
  };

  const next = (): void => {
    scheduled = false;
    const due = order.next(queue, workOf, documentLints > 0, performance.now());
    if (!due) return;
    if ('waitMs' in due) {
      clearTimeout(deferred);
      deferred = setTimeout(schedule, due.waitMs);
      return;
    }
    const head = queue[due.index]!;
    if (waitsForHcl(head)) return;
    const item = queue.splice(due.index, 1)[0]!;
    if (isDocumentLint(item)) documentLints--;
    if (item.kind === 'change') {
      port.postMessage(changeOne(item.request));
    } else {
      const request = item.request;
      const latest = request.want === 'reports' ? latestLint.get(request.key) : undefined;
      // An open document's entry is kept until it closes: its dependent re-lint may wait behind a newer edit's lint
      // (lint-order.ts), and must then be dropped, never linted with the older text after it.
      if (latest === request.id && !request.document) latestLint.delete(request.key);
      // Messages arrive between turns, so a newer lint of the same document may be waiting behind this one. (Each
      // outline request has its own asker, and after the document's lint it costs little: all are answered.)
      if (latest !== undefined && latest !== request.id) port.postMessage({ id: request.id, kind: 'superseded' } satisfies LintReply);
      else port.postMessage(lintOne(request));
    }
    schedule();
  };

  const changeOne = (request: ProjectChangeRequest): LintReply => {
    try {
      if (request.kind === 'watch-started') return { id: request.id, kind: 'dependents', dependents: live?.staleIn(request.paths) ?? [] };
      const dependents = new Set<string>();
      if (live) {
        for (const path of request.paths) {
          const found = request.kind === 'document-closed' ? live.documentClosed(path) : live.diskChanged(path);
          for (const dependent of found) dependents.add(dependent);
        }
      }
      for (const path of request.paths) dependents.delete(path);
      return { id: request.id, kind: 'dependents', dependents: [...dependents].sort() };
    } catch (error) {
      return { id: request.id, kind: 'failed', message: describeError(error) };
    }
  };

  /** The links of a request's file and, for an open document, the files depending on its text if it changed. */
  const linked = (request: LintRequest): { input: AnalyzeInput; dependents: readonly string[]; problems: readonly string[] } => {
    const { input, project } = request;
    if (!project || input.tooLarge) return { input, dependents: [], problems: [] };
    const projects = projectsFor(project.maxFileSize);
    projects.setSiblingsReported(project.siblingsReported);
    const dependents = request.document ? projects.documentText(input.path, input.text) : [];
    const { links, problems } = projects.linksFor(input.path);
    // The project has just parsed the file (a large .tf file costs as much again to parse as to lint): reused.
    const parsed = links && projects.parsedOf(input.path);
    return { input: links ? { ...input, links, ...(parsed ? { parsed } : {}) } : input, dependents, problems: problems.map((p) => p.line) };
  };
  const schedule = (): void => {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(next);
  };

  const lintOne = (request: LintRequest): LintReply => {
    const started = performance.now();
    try {
      let reports: SentReports = sentWhole([]);
      let isClientConfig = false;
      let notes: FileNotes['notes'] = [];
      const { input, dependents, problems } = linked(request);
      if (request.document) {
        let kept = documents.get(request.key);
        if (!kept) documents.set(request.key, (kept = { analyzer: new DocumentAnalyzer(), reports: new FindingReports(), sent: new ReportListSender() }));
        const analysis = kept.analyzer.analyze(input);
        if (request.want === 'outline') return { id: request.id, kind: 'outline', outline: analysis && outlineOf(analysis), dependents };
        if (request.want === 'hover') return { id: request.id, kind: 'hover', hover: analysis && request.position && hoverOf(analysis, request.position), dependents };
        isClientConfig = analysis?.result.isClientConfig ?? false;
        const shown = analysis && isClientConfig ? kept.reports.report(analysis, request.options) : [];
        if (analysis && isClientConfig) notes = notesOf(analysis);
        // Last, once nothing can fail: the main thread's list follows only a reply it receives.
        reports = kept.sent.send(shown);
      } else {
        const analysis = analyze(input);
        isClientConfig = analysis?.result.isClientConfig ?? false;
        // A closed file keeps its syntax errors: the editor validates only the files it has open, so nothing else
        // would say that a closed client config does not parse.
        if (analysis && isClientConfig) reports = sentWhole(reportFindings(analysis, { jsonSyntaxErrors: true }));
        if (analysis && isClientConfig) notes = notesOf(analysis);
      }
      const ms = performance.now() - started;
      // A dependent's re-lint is no typing: it does not push back the next one.
      if (request.document && request.dependent !== true) order.documentLinted(performance.now());
      return { id: request.id, kind: 'done', isClientConfig, reports, ms, dependents, problems, notes: { path: input.path, notes } };
    } catch (error) {
      return { id: request.id, kind: 'failed', message: describeError(error) };
    }
  };

  const hoverOf = (analysis: Analysis, position: Position): WorkerHover | undefined => {
    if (position.line < 0 || position.character < 0 || position.line >= analysis.lines.lineCount) return undefined;
    const hover = hoverAt(analysis, analysis.lines.offsetAt(position));
    return hover && { markdown: hover.markdown, range: spanToRange(analysis.lines, hover.span) };
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
      documents.delete(message.key);
      latestLint.delete(message.key);
      for (let i = queue.length - 1; i >= 0; i--) {
        const item = queue[i]!;
        if (item.kind === 'lint' && item.request.key === message.key) {
          queue.splice(i, 1);
          if (isDocumentLint(item)) documentLints--;
          port.postMessage({ id: item.request.id, kind: 'superseded' } satisfies LintReply);
        }
      }
      return;
    }
    if (message.kind === 'lint' && message.request.want === 'reports') latestLint.set(message.request.key, message.request.id);
    queue.push(message);
    if (isDocumentLint(message)) documentLints++;
    schedule();
  });
}

function isDocumentLint(item: Queued): boolean {
  return item.kind === 'lint' && item.request.document;
}

function isSingleClientJson(analysis: Analysis): boolean {
  const { clients, parsed } = analysis.result;
  return analysis.format === 'json' && clients.length === 1 && parsed.documents[0]?.root === clients[0]?.node;
}

/**
 * The notes of an analysed file, positioned: the CLI's notes of the same file (service/notes.ts), another file of
 * its project named from the project's folder (`credentials.tf`, `clients/Admin.json`).
 */
function notesOf(analysis: Analysis): FileNotes['notes'] {
  // Named from the project's folder (workspace/project-graph.ts), as the CLI run there names them.
  const folder = projectOf(analysis.path)?.dir ?? dirname(analysis.path);
  const input = { path: analysis.path, text: analysis.text, settings: analysis.settings, ...(analysis.links ? { links: analysis.links } : {}) };
  return fileNoteSpans(input, analysis.result, (path) => relative(folder, path) || path).map((note) => ({
    range: spanToRange(analysis.lines, note.span),
    message: note.message,
    ...(note.related && note.related.length > 0
      ? { related: note.related.map((r) => (r.elsewhere ? { range: { start: r.elsewhere.start, end: r.elsewhere.end }, message: r.message, path: r.elsewhere.path } : { range: spanToRange(analysis.lines, r.span), message: r.message })) }
      : {}),
    ...(note.fix ? { fix: { title: note.fix.title, edits: note.fix.edits.map((edit) => toRangeEdit(analysis.lines, edit)) } } : {}),
  }));
}
