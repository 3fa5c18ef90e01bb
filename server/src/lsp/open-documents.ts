/**
 * Open documents: text and version, plus the last analysis. Linting is debounced per document (none on open,
 * longer for big files) and runs in the lint worker (lint-worker.ts), so the server answers other requests
 * meanwhile; a result is published only if no newer edit or re-lint overtook it. Language features read an
 * analysis made on this thread when they first ask for the current text.
 */
import type { Connection, Diagnostic, DidChangeTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileSettings } from '../engine/index';
import { mergeChanges, type Change } from '../engine/incremental';
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_SETTINGS, formatOf, hclParserSettled, sameSettings } from '../engine/index';
import { ConfigError, parseConfig, type ClientSettings } from '../workspace/index';
import { projectOf } from '../workspace/project-graph';
import { settleHclParser } from '../workspace/tree-sitter';
import type { Analysis, AnalyzeInput } from '../service/analysis';
import { DocumentAnalyzer } from '../service/analysis';
import { configProblems } from '../service/config-errors';
import { FindingReports, type FindingReport, type ReportOptions } from '../service/findings';
import { configDiagnostic, noteDiagnostic, toDiagnostic } from './diagnostics';
import type { FileLinter, Plan } from './file-linter';
import type { LintWorker, NoteReport, Outline, ProjectLink, WorkerHover } from './lint-worker';
import type { Position } from '../service/types';
import type { Logger } from './safe';
import { describeError } from './safe';
import { lintPathOf, uriKey, uriToPath } from './uri';

export interface DocState {
  document: TextDocument;
  analysis: Analysis | undefined;
  /** The settings of the last lint, reused by hover and completion between lints. */
  settings: FileSettings;
  /** The OpenDocuments.settingsEpoch `settings` were worked out in; an older one waits for settingsCurrent. */
  settingsEpoch: number;
  /** The last lint found the file excluded, ignored or disabled: no language features for it. */
  skipped: boolean;
  /** Why the document is not checked, as last told in the log (told again only when the reason changes). */
  toldSkipped: string | undefined;
  timer: NodeJS.Timeout | undefined;
  /** Bumped by every edit and re-lint request; a lint publishes only while its ticket is the latest. */
  ticket: number;
  /** Keeps the last analysis for language features so an edit re-reads only the client it touched. */
  analyzer: DocumentAnalyzer;
  /** Keeps the reports made here (for code actions) so an edit renders only the findings that changed. */
  reports: FindingReports;
  /** The reports of `analysis`, once made (diagnostics and code actions share them). */
  shown: { readonly analysis: Analysis; readonly reports: readonly FindingReport[] } | undefined;
  /**
   * The reports last published for the document (made in the lint worker, with its project's links), with the
   * version they are of; undefined when the document was last found no client config or not checked.
   */
  published: { readonly version: number; readonly reports: readonly FindingReport[]; readonly notes: readonly NoteReport[] } | undefined;
  /** Where the last edit began, in the current text: its client's findings survive the editor cap. */
  editedAt: number | undefined;
  /** grantlint.reportJsonSyntaxErrors as of the last lint. */
  jsonSyntaxErrors: boolean;
  /** grantlint.maxFileSize as of the last lint. */
  maxFileSize: number;
  /** How long the last lint after an edit took: the debounce follows the cost of linting this document. */
  lastEditLintMs: number;
  /**
   * Where the edits since the last analysis went, from the editor's incremental changes; null once a change came
   * without a range (the whole text replaced): then the analyzer compares the texts itself.
   */
  pendingChange: Change | null | undefined;
  /** Why the lint scheduled last was asked for (see LintCause). */
  pendingLint: LintCause;
}

/**
 * Why a document is linted: opened or configuration changed, edited, or only because a document it depends on
 * changed (`dependent`: the lint worker holds it until typing pauses, lint-order.ts).
 */
type LintCause = 'open' | 'edit' | 'dependent';

/**
 * Debounce after an edit: a short pause so a burst of keystrokes costs one lint; as long as the last lint after
 * an edit took (up to 150 ms) while this document's lints are expensive, i.e. when edits cannot be re-linted one
 * client at a time.
 */
function changeDelay(lastEditLintMs: number): number {
  return lastEditLintMs <= 50 ? 25 : Math.min(150, Math.round(lastEditLintMs));
}

export class OpenDocuments {
  private readonly docs = new Map<string, DocState>();
  /** The lints started and not yet finished (see whenLinted). */
  private readonly running = new Set<Promise<void>>();
  private readonly keys = new Map<string, string>();
  private hclFailureShown = false;
  /** Bumped when configuration changes (a config file on disk, the editor's settings, workspace folders). */
  private settingsEpoch = 0;

  constructor(
    private readonly connection: Connection,
    private readonly linter: FileLinter,
    private readonly worker: LintWorker,
    private readonly logger: Logger,
    /** Called after each lint, so config file errors found on the way get shown. */
    private readonly afterLint: () => void,
    /** Called with the files whose findings depend on a document whose text changed for its project. */
    private readonly onDependents: (paths: readonly string[]) => void = () => {},
  ) {}

  get(uri: string): DocState | undefined {
    return this.docs.get(uri);
  }

  /** The open document for a file, whatever spelling of its URI the client used. */
  byKey(key: string): DocState | undefined {
    const uri = this.keys.get(key);
    return uri === undefined ? undefined : this.docs.get(uri);
  }

  get all(): readonly DocState[] {
    return [...this.docs.values()];
  }

  open(params: DidOpenTextDocumentParams): void {
    const item = params.textDocument;
    const document = TextDocument.create(item.uri, item.languageId, item.version, item.text);
    this.docs.set(item.uri, {
      document,
      analysis: undefined,
      settings: DEFAULT_SETTINGS,
      settingsEpoch: -1,
      skipped: false,
      toldSkipped: undefined,
      timer: undefined,
      ticket: 0,
      analyzer: new DocumentAnalyzer(),
      reports: new FindingReports(),
      shown: undefined,
      published: undefined,
      editedAt: undefined,
      jsonSyntaxErrors: false,
      lastEditLintMs: 0,
      maxFileSize: DEFAULT_MAX_FILE_SIZE,
      pendingChange: undefined,
      pendingLint: 'open',
    });
    this.keys.set(uriKey(item.uri), item.uri);
    const path = uriToPath(item.uri);
    if (path) this.linter.documentText(path, item.text);
    // The lint worker loads its own HCL parser; this thread's serves hover, completion and code actions.
    void this.readerReady(item.uri);
    this.schedule(item.uri, 0);
  }

  /**
   * Resolves once this thread can read the document and its project: at once for JSON and YAML; for Terraform
   * (HCL, and JSON whose module may hold `.tf` siblings with its credentials) once the HCL parser (WebAssembly,
   * loaded on the first Terraform document) is ready or has failed to load, so a sibling is never read as nothing.
   */
  async readerReady(uri: string): Promise<void> {
    const state = this.docs.get(uri);
    if (!state || hclParserSettled()) return;
    const path = lintPathOf(uri);
    if (formatOf(path, state.document.languageId) !== 'hcl' && projectOf(path)?.kind !== 'terraform-module') return;
    const failure = await settleHclParser();
    if (failure && !this.hclFailureShown) this.logger.error(`Terraform files are not checked: ${failure}`);
    this.hclFailureShown ||= failure !== undefined;
  }

  change(params: DidChangeTextDocumentParams): void {
    const state = this.docs.get(params.textDocument.uri);
    if (!state) return;
    const version = params.textDocument.version;
    for (const change of params.contentChanges) {
      const before = state.document;
      // Where the user is typing: a whole-text replacement says nothing about it, so the last known place stays.
      if ('range' in change) state.editedAt = before.offsetAt(change.range.start);
      if ('range' in change && state.pendingChange !== null) {
        const start = before.offsetAt(change.range.start);
        const oldEnd = Math.max(start, before.offsetAt(change.range.end));
        const next: Change = { start, oldEnd, newEnd: start + change.text.length };
        state.pendingChange = state.pendingChange ? mergeChanges(state.pendingChange, next, before.getText().length) : next;
      } else {
        state.pendingChange = null;
      }
      state.document = TextDocument.update(before, [change], version);
    }
    // Other open documents' analyses made here read this text for links from now on.
    const path = uriToPath(state.document.uri);
    if (path) this.linter.documentText(path, state.document.getText());
    this.schedule(state.document.uri, changeDelay(state.lastEditLintMs), 'edit');
  }

  close(uri: string): void {
    const state = this.docs.get(uri);
    if (!state) return;
    clearTimeout(state.timer);
    state.ticket++;
    this.docs.delete(uri);
    this.keys.delete(uriKey(uri));
    this.worker.forget(uri);
  }

  relintAll(): void {
    this.settingsChanged();
    for (const uri of this.docs.keys()) this.schedule(uri, 0);
  }

  /**
   * Configuration changed (a config file created, changed or deleted, the editor's settings, folders): every
   * analysis made here is out of date, and hover, completion and code actions wait (settingsCurrent) until the
   * document's settings are worked out again from the same config store the lints use.
   */
  settingsChanged(): void {
    this.settingsEpoch++;
    for (const state of this.docs.values()) {
      state.analysis = undefined;
      state.shown = undefined;
    }
  }

  /**
   * Resolves once the document's settings are those of the current configuration (at once unless it changed
   * since its last lint), so a hover right after a config change answers by the new config, as its lint does.
   */
  async settingsCurrent(uri: string): Promise<void> {
    for (;;) {
      const state = this.docs.get(uri);
      if (!state || state.settingsEpoch === this.settingsEpoch) return;
      const epoch = this.settingsEpoch;
      const plan = await this.linter.plan(uri);
      if (this.docs.get(uri) !== state) return;
      if (epoch === this.settingsEpoch && state.settingsEpoch !== epoch) this.applyPlan(state, plan, epoch);
    }
  }

  /** A document's settings and whether it is checked, as a plan worked out in `epoch` says. */
  private applyPlan(state: DocState, plan: Plan, epoch: number): void {
    state.settingsEpoch = epoch;
    if (plan.kind === 'lint') {
      // Other settings make the analysis made here for the same text out of date.
      if (!sameSettings(state.settings, plan.settings) || state.maxFileSize !== plan.client.maxFileSize) state.analysis = undefined;
      state.settings = plan.settings;
      state.maxFileSize = plan.client.maxFileSize;
      state.jsonSyntaxErrors = plan.client.reportJsonSyntaxErrors;
      state.skipped = false;
    } else {
      state.skipped = true;
      state.analysis = undefined;
    }
  }

  /** Lints a document again now (a file it is linked to changed); a pending edit's lint is folded into it. */
  relint(uri: string): void {
    const state = this.docs.get(uri);
    if (!state) return;
    // A linked file changed: the analysis made here for the same text is out of date too.
    state.analysis = undefined;
    // An edit of its own waiting to be linted is folded in (and linted at once); otherwise the re-lint is only a
    // dependent's, which the lint worker holds until typing in the other document pauses.
    this.schedule(uri, 0, state.timer !== undefined ? state.pendingLint : 'dependent');
  }


  dispose(): void {
    for (const state of this.docs.values()) clearTimeout(state.timer);
  }

  /**
   * The analysis of the document's current text. Between an edit and its debounced lint it is computed on the
   * spot with the last settings, so hover and completion always see what the user sees.
   */
  currentAnalysis(uri: string): Analysis | undefined {
    const state = this.docs.get(uri);
    if (!state || state.skipped) return undefined;
    const text = state.document.getText();
    if (state.analysis && state.analysis.text === text) return state.analysis;
    const analysis = this.linter.analyze(
      { path: lintPathOf(uri), text, languageId: state.document.languageId, settings: state.settings, maxFileSize: state.maxFileSize, ...takeChange(state) },
      state.analyzer,
    );
    state.analysis = analysis;
    return analysis;
  }

  /**
   * The code lenses and symbols of the document's current text, made in the lint worker (see LintWorker.outline).
   * Undefined for unknown or skipped documents and those that are neither JSON nor YAML.
   */
  async outline(uri: string): Promise<Outline | undefined> {
    const asked = await this.workerInput(uri);
    if (!asked) return undefined;
    const { outline, dependents } = await this.worker.outline(uri, asked.input, asked.project);
    if (dependents.length > 0) this.onDependents(dependents);
    return outline;
  }

  /**
   * What the lint worker is asked about the document's current text with (an outline, a hover): the input its lint
   * takes, linked to its project as the lint is, so a lens or hover judges a client by what its diagnostics do (a
   * method in a sibling file). The settings the lint uses (equal settings keep the worker's incremental state) are
   * fetched before the text is taken, so the text is the current one. Undefined for unknown or skipped documents.
   */
  private async workerInput(uri: string): Promise<{ readonly input: AnalyzeInput; readonly project: ProjectLink | undefined } | undefined> {
    const plan = await this.linter.plan(uri);
    const state = this.docs.get(uri);
    if (!state || plan.kind !== 'lint') return undefined;
    const document = state.document;
    const input = { path: plan.path, text: document.getText(), languageId: document.languageId, settings: plan.settings, maxFileSize: plan.client.maxFileSize };
    return { input, project: projectLink(uri, plan.client) };
  }

  /**
   * Whether a request about the document is better answered from the lint worker's analysis: a large text (at least
   * LARGE_DOCUMENT characters) not yet analysed here, which would take this thread about a second a megabyte while
   * every other request waits. A small one is analysed here at once, so it never waits behind the worker's queue.
   */
  answersFromWorker(uri: string): boolean {
    const state = this.docs.get(uri);
    if (!state) return false;
    const text = state.document.getText();
    return text.length >= LARGE_DOCUMENT && state.analysis?.text !== text;
  }

  /**
   * A hover at `position` in the document's current text, from the lint worker (LintWorker.hover); undefined for
   * unknown or skipped documents and where there is nothing to say.
   */
  async hover(uri: string, position: Position): Promise<WorkerHover | undefined> {
    const asked = await this.workerInput(uri);
    if (!asked) return undefined;
    const { hover, dependents } = await this.worker.hover(uri, asked.input, position, asked.project);
    if (dependents.length > 0) this.onDependents(dependents);
    return hover;
  }

  /**
   * The findings shown for the document's current text, as published (capped, each with its fixes rendered), or
   * undefined when it is not a client config. Code actions answer from these, never from a diagnostic's `data`
   * of another version.
   */
  currentReports(uri: string): readonly FindingReport[] | undefined {
    const state = this.docs.get(uri);
    if (!state) return undefined;
    return reportsForCodeActions(state, () => {
      const analysis = this.currentAnalysis(uri);
      return analysis?.result.isClientConfig ? reportsOf(state, analysis) : undefined;
    });
  }

  /**
   * The notes published for the document's current text (the lint worker's, with their did-you-mean quick fixes);
   * none before its first publication for this version.
   */
  currentNotes(uri: string): readonly NoteReport[] {
    const state = this.docs.get(uri);
    const published = state?.published;
    return published !== undefined && published.version === state!.document.version ? published.notes : [];
  }

  /** Lints the document after `delay` ms; `why` it is linted decides where the lint worker queues it. */
  private schedule(uri: string, delay: number, why: LintCause = 'open'): void {
    const state = this.docs.get(uri);
    if (!state) return;
    clearTimeout(state.timer);
    const ticket = ++state.ticket;
    state.pendingLint = why;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      const running = this.lint(uri, ticket, why).catch((error: unknown) => this.logger.error(`Linting ${uri} failed: ${describeError(error)}`));
      this.running.add(running);
      void running.finally(() => this.running.delete(running));
    }, delay);
  }

  /**
   * Resolves once the lints scheduled at once (the re-lints a configuration change starts) and those running have
   * finished, so a count made after it holds them: the scan's log line counted the open documents outside the
   * folders only when their re-lints happened to end before the scan did. Lints that edits keep scheduling are not
   * waited for past a few rounds.
   */
  async whenLinted(): Promise<void> {
    for (let round = 0; round < 3; round++) {
      const scheduled = [...this.docs.values()].some((state) => state.timer !== undefined);
      if (!scheduled && this.running.size === 0) return;
      // A timer of 0 ms (a re-lint) fires before this one.
      if (scheduled) await new Promise((resolve) => setTimeout(resolve, 0));
      await Promise.all([...this.running]);
    }
  }

  private async lint(uri: string, ticket: number, why: LintCause): Promise<void> {
    const afterEdit = why === 'edit';
    const epoch = this.settingsEpoch;
    const plan = await this.linter.plan(uri);
    const state = this.docs.get(uri);
    // Settings are fetched asynchronously: an edit or a newer re-lint may have come in meanwhile.
    if (!state || state.ticket !== ticket) return;
    const document = state.document;
    let diagnostics: Diagnostic[] = [];
    this.applyPlan(state, plan, epoch);
    if (plan.kind === 'lint') {
      const options = reportOptions(state);
      // The worker compares the text with the one it linted last.
      const input = { path: plan.path, text: document.getText(), languageId: document.languageId, settings: plan.settings, maxFileSize: plan.client.maxFileSize };
      // A file on disk is linted with its Terraform module or deploy-cli directory, this text standing for it.
      const project = projectLink(uri, plan.client);
      const outcome = await this.worker.lint(uri, true, input, options, project, why === 'dependent');
      // Files linked to this text are re-checked even when this lint is stale: the worker's project took the text.
      if (outcome && outcome.dependents.length > 0) this.onDependents(outcome.dependents);
      for (const problem of outcome?.problems ?? []) this.logger.warn(`Links of ${plan.path}: ${problem}.`);
      // Stale: a newer edit or re-lint overtook it (the worker drops such work when it can), or the document closed.
      if (!outcome || this.docs.get(uri) !== state || state.ticket !== ticket) return;
      if (afterEdit) state.lastEditLintMs = outcome.ms;
      this.linter.onChecked(plan.path, outcome.isClientConfig);
      if (outcome.isClientConfig) diagnostics = [...outcome.reports.map((r) => toDiagnostic(uri, r, document.version)), ...outcome.notes.map((note) => noteDiagnostic(uri, note))];
      state.published = outcome.isClientConfig ? { version: document.version, reports: outcome.reports, notes: outcome.notes } : undefined;
    } else {
      state.published = undefined;
      if (plan.kind === 'config-file') diagnostics = validateConfigText(document.getText(), plan.path);
      // Never silent: an open document that gets no diagnostics because it is not checked is named, with why.
      if (plan.kind === 'skip' && state.toldSkipped !== plan.reason) this.logger.info(`Not checked: ${lintPathOf(uri)} (${plan.reason}).`);
    }
    state.toldSkipped = plan.kind === 'skip' ? plan.reason : undefined;
    void this.connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    this.afterLint();
  }
}

/** Characters from which a document's hover comes from the lint worker (OpenDocuments.answersFromWorker). */
export const LARGE_DOCUMENT = 64 * 1024;

/** How a document is linked to its project: a file on disk is linted with its module or directory. */
function projectLink(uri: string, client: ClientSettings): ProjectLink | undefined {
  return uriToPath(uri) ? { siblingsReported: client.workspaceScan.enabled, maxFileSize: client.maxFileSize } : undefined;
}

/** The edits' range for the analysis about to run, which the next edits then start from. */
function takeChange(state: DocState): { change?: Change } {
  const change = state.pendingChange;
  state.pendingChange = undefined;
  return change ? { change } : {};
}

/** How the document's findings are shown; the client being edited (editedAt) keeps its findings under the cap. */
function reportOptions(state: DocState): ReportOptions {
  return { jsonSyntaxErrors: state.jsonSyntaxErrors, ...(state.editedAt === undefined ? {} : { editedAt: state.editedAt }) };
}

/**
 * The reports code actions work from: those published for the document's current version, which the lint worker
 * made (so the first quick fix after opening a large file does not lint it again here: 1 s for 3,000 clients), else
 * `analyzeHere`'s, from an analysis of the current text on this thread (an edit not yet linted, a document the
 * worker has not published).
 */
export function reportsForCodeActions(state: Pick<DocState, 'document' | 'published'>, analyzeHere: () => readonly FindingReport[] | undefined): readonly FindingReport[] | undefined {
  const published = state.published;
  return published !== undefined && published.version === state.document.version ? published.reports : analyzeHere();
}

/** The reports of an analysis of this document, made once. */
function reportsOf(state: DocState, analysis: Analysis): readonly FindingReport[] {
  if (state.shown?.analysis !== analysis) {
    state.shown = { analysis, reports: state.reports.report(analysis, reportOptions(state)) };
  }
  return state.shown.reports;
}

/** An open config file shows the problems of its unsaved text, each on the key or value at fault. */
function validateConfigText(text: string, path: string): Diagnostic[] {
  try {
    parseConfig(text, path);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return configProblems(error.issues).map(configDiagnostic);
    throw error;
  }
}
