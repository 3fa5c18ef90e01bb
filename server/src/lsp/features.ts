/** Language features over open documents: hover, completion, code actions, code lens, symbols, commands. */
import type {
  CodeAction,
  CodeActionParams,
  CodeLens,
  CompletionItem,
  CompletionList,
  Connection,
  Diagnostic,
  DocumentSymbol,
  Hover,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { CodeActionKind, CompletionItemKind, CompletionItemTag, MarkupKind, MessageType, ShowMessageNotification, SymbolKind } from 'vscode-languageserver/node';
import type { Analysis } from '../service/analysis';
import { completionsAt } from '../service/completion';
import { countSafelyFixable, textStamp, type FindingReport, type RenderedFix } from '../service/findings';
import { readClientFile } from '../workspace/read-file';
import { pathToUri } from './uri';
import { fixAllEdit } from '../service/fix-all';
import { docsUrl, ruleById } from '../engine/index';
import { ruleDocsUri } from '../service/docs-location';
import { hoverAt } from '../service/hover';
import { spanToRange, toRangeEdit } from '../service/positions';
import type { Position, Range, RangeEdit } from '../service/types';
import { noteDiagnostic, readDiagnosticData, SOURCE, toDiagnostic, type DiagnosticData } from './diagnostics';
import type { OpenDocuments } from './open-documents';
import type { Logger } from './safe';
import { guard } from './safe';

export const FIX_ALL_KIND = 'source.fixAll.grantlint';
const FIX_ALL_COMMAND = 'grantlint.fixAll';
const SHOW_DOCS_COMMAND = 'grantlint.showDocumentation';
const FIX_ACROSS_FILES_COMMAND = 'grantlint.applyFixAcrossFiles';
export const COMMANDS = [FIX_ALL_COMMAND, SHOW_DOCS_COMMAND, FIX_ACROSS_FILES_COMMAND] as const;
const FIX_ALL_TITLE = 'Fix all safe Grantlint problems';
const FIX_ALL_SAFE_TITLE = 'Fix all safe problems in this file';

/** One finding a code action request is about, and where its edits come from (none: the text moved on). */
interface QuickFixTarget {
  /** The diagnostic the actions name: the client's own when it sent one, else as published. */
  readonly diagnostic: Diagnostic;
  readonly ruleId: string;
  readonly source: Pick<DiagnosticData, 'fixes' | 'disable' | 'disableTarget' | 'commentFixes'> | undefined;
}

/**
 * The findings a code action request is about. A diagnostic whose `data` was made for the current version
 * carries its own edits; one without `data` (clients without publishDiagnostics.dataSupport) or with data of
 * another version is matched by rule, range and message against the current text's findings (no match: only its
 * docs).
 * A request with no Grantlint diagnostic at all (Neovim and others ask like that) is about the current findings
 * that touch its range.
 */
function quickFixTargets(uri: string, version: number, params: CodeActionParams, reports: readonly FindingReport[]): QuickFixTarget[] {
  const ours = params.context.diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string');
  if (ours.length === 0) {
    let about = reports.filter((report) => touches(report.range, params.range));
    // A cursor on a finding's line but not on the finding (Neovim's code_action() with the cursor at the start of
    // the line): the findings of that line.
    const cursor = params.range.start;
    if (about.length === 0 && comparePositions(params.range.start, params.range.end) === 0) {
      about = reports.filter((report) => report.range.start.line <= cursor.line && cursor.line <= report.range.end.line);
    }
    return about.map((report) => ({ diagnostic: toDiagnostic(uri, report, version), ruleId: report.ruleId, source: report }));
  }
  return ours.map((diagnostic) => {
    const ruleId = diagnostic.code as string;
    const data = readDiagnosticData(diagnostic.data);
    if (data && data.version === version) return { diagnostic, ruleId, source: data };
    // Several findings of one rule can share a range (the legacy grants a YAML alias brings in): the message tells them apart.
    const atRange = reports.filter((r) => r.ruleId === ruleId && sameRange(r.range, diagnostic.range));
    const report = atRange.find((r) => r.message === diagnostic.message) ?? atRange[0];
    return { diagnostic, ruleId, source: report };
  });
}

/**
 * What makes two quick fixes the same: the title and the edits of this file. A fix across files is made again from
 * its rule, range and title when chosen, so those name it.
 */
function sameFixKey(ruleId: string, range: Range, fix: RenderedFix): string {
  return fix.elsewhere ? `elsewhere:${ruleId}:${JSON.stringify(range)}:${fix.title}` : `${fix.title}\u0000${JSON.stringify(fix.edits)}`;
}

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Whether two ranges overlap or touch (a cursor right after a finding is on it). */
function touches(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

export class Features {
  /** Whether the client takes versioned document edits (edits made for an older version are then refused). */
  documentChanges = false;
  /**
   * A command of the client's that opens a rule's page given its id (VS Code: the bundled page in the Markdown
   * preview), from initializationOptions.showDocumentationCommand; else the server's own command shows the URI.
   */
  docsCommand: string | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly docs: OpenDocuments,
    private readonly logger: Logger,
  ) {}

  listen(): void {
    const c = this.connection;
    const log = this.logger;
    // A Terraform document asked about before this thread has its HCL parser waits for it, never answering empty;
    // one asked about right after a configuration change waits for its settings under the new configuration.
    const ready = async (uri: string) => {
      await this.docs.readerReady(uri);
      await this.docs.settingsCurrent(uri);
    };
    c.onHover(guard(log, 'hover', null, async (params) => (await ready(params.textDocument.uri), this.hover(params.textDocument.uri, params.position))));
    c.onCompletion(guard(log, 'completion', null, async (params) => (await ready(params.textDocument.uri), this.completion(params.textDocument.uri, params.position))));
    c.onCodeAction(guard(log, 'codeAction', null, async (params) => (await ready(params.textDocument.uri), this.codeActions(params))));
    c.onCodeLens(guard(log, 'codeLens', null, (params) => this.codeLens(params.textDocument.uri)));
    c.onDocumentSymbol(guard(log, 'documentSymbol', null, (params) => this.symbols(params.textDocument.uri)));
    c.onExecuteCommand(guard(log, 'executeCommand', null, (params) => this.execute(params.command, params.arguments ?? [])));
  }

  private analysis(uri: string): Analysis | undefined {
    return this.docs.currentAnalysis(uri);
  }

  // A large document not analysed here: from the lint worker, from the analysis its diagnostics came from (the first
  // hover after a huge file opens would otherwise read it again here, holding up every other request: 1 s for 3,000
  // clients). Any other document here, at once, so a hover never waits behind the worker's queue.
  private async hover(uri: string, position: { line: number; character: number }): Promise<Hover | null> {
    if (this.docs.answersFromWorker(uri)) {
      const made = await this.docs.hover(uri, position);
      return made ? { contents: { kind: MarkupKind.Markdown, value: made.markdown }, range: made.range } : null;
    }
    const analysis = this.analysis(uri);
    if (!analysis || !inDocument(analysis, position)) return null;
    const hover = hoverAt(analysis, analysis.lines.offsetAt(position));
    if (!hover) return null;
    return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: spanToRange(analysis.lines, hover.span) };
  }

  private completion(uri: string, position: { line: number; character: number }): CompletionList | null {
    const analysis = this.analysis(uri);
    if (!analysis || !inDocument(analysis, position)) return null;
    const entries = completionsAt(analysis, analysis.lines.offsetAt(position));
    if (!entries) return null;
    const items = entries.map((entry): CompletionItem => {
      const item: CompletionItem = {
        label: entry.label,
        kind: CompletionItemKind.EnumMember,
        detail: entry.detail,
        sortText: entry.sortText,
        filterText: entry.filterText,
        textEdit: toRangeEdit(analysis.lines, { ...entry.edit.span, newText: entry.edit.newText }),
      };
      // A comma after the item before, on an earlier line (the edit itself stays on the cursor's line).
      if (entry.additionalEdits) item.additionalTextEdits = entry.additionalEdits.map((edit) => toRangeEdit(analysis.lines, edit));
      if (entry.documentation) item.documentation = { kind: MarkupKind.Markdown, value: entry.documentation };
      if (entry.deprecated) item.tags = [CompletionItemTag.Deprecated];
      return item;
    });
    return { isIncomplete: false, items };
  }

  private codeActions(params: CodeActionParams): CodeAction[] | null {
    const uri = params.textDocument.uri;
    const state = this.docs.get(uri);
    if (!state) return null;
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      const version = state.document.version;
      const reports = this.docs.currentReports(uri) ?? [];
      const seen = new Set<string>();
      const offered = new Map<string, CodeAction>();
      const targets = quickFixTargets(uri, version, params, reports);
      // Every target's fixes before any disable or docs entry: several findings at one place (the grants a YAML alias
      // brings in) would otherwise list the second one's fixes after the first one's "Show documentation".
      const others: CodeAction[] = [];
      for (const target of targets) actions.push(...this.quickFixes(uri, version, target, seen, offered, others));
      actions.push(...this.noteFixes(uri, version, params));
      actions.push(...others);
      // As linters do ("Fix all auto-fixable problems"): offered beside a finding once the file has two to fix.
      if (targets.length > 0 && countSafelyFixable(reports) >= 2) {
        actions.push({ title: FIX_ALL_SAFE_TITLE, kind: CodeActionKind.QuickFix, command: { title: FIX_ALL_SAFE_TITLE, command: FIX_ALL_COMMAND, arguments: [uri] } });
      }
    }
    // Source actions only when asked for (codeActionsOnSave, the Source Action menu), never with quick fixes.
    if (only && wants(FIX_ALL_KIND)) {
      const edit = this.fixAll(uri);
      if (edit) actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit });
    }
    return actions;
  }

  /**
   * The quick fixes of the notes at the range asked about (a did-you-mean note's name changed to the one suggested),
   * from the notes published for the document's current version. Each names the note's diagnostic: the one the
   * editor sent (notes have no rule id, so the range and message tell it), or the note as published.
   */
  private noteFixes(uri: string, version: number, params: CodeActionParams): CodeAction[] {
    const actions: CodeAction[] = [];
    for (const note of this.docs.currentNotes(uri)) {
      if (!note.fix || !touches(note.range, params.range)) continue;
      const sent = params.context.diagnostics.find((d) => d.source === SOURCE && d.code === undefined && d.message === note.message && sameRange(d.range, note.range));
      actions.push({ title: note.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [sent ?? noteDiagnostic(uri, note)], isPreferred: true, edit: this.workspaceEdit(uri, version, note.fix.edits) });
    }
    return actions;
  }

  /**
   * The quick fixes of one target, returned; its disable and docs actions go to `others`, listed after every
   * target's fixes. `seen`: the disable and docs actions already made for the request; `offered`: its fixes already
   * made, by title and edits. Findings at one place can share a fix (every legacy grant a YAML alias brings in offers
   * the same "Replace all legacy grant types"): it is listed once, naming each diagnostic.
   */
  private quickFixes(uri: string, version: number, target: QuickFixTarget, seen: Set<string>, offered: Map<string, CodeAction>, others: CodeAction[]): CodeAction[] {
    const { diagnostic, ruleId, source } = target;
    const actions: CodeAction[] = [];
    if (source) {
      for (const fix of source.fixes) {
        const key = sameFixKey(ruleId, diagnostic.range, fix);
        const already = offered.get(key);
        if (already) {
          already.diagnostics = [...(already.diagnostics ?? []), diagnostic];
          if (fix.preferred) already.isPreferred = true;
          continue;
        }
        // The rule's preferred fix only: when it does not work here, no alternative takes its place.
        const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred === true };
        if (fix.elsewhere) {
          // A fix across files whose other file changed since is left out until the finding is published again. It is
          // a command, not an edit: a closed file has no version an editor could check, so the server checks every
          // file's text again when the fix is chosen (a menu may stay open while a file changes on disk).
          if (!this.editAcrossFiles(uri, version, fix)) continue;
          const args: FixAcrossFiles = { uri, version, ruleId, range: diagnostic.range, title: fix.title };
          action.command = { title: fix.title, command: FIX_ACROSS_FILES_COMMAND, arguments: [args] };
        } else action.edit = this.workspaceEdit(uri, version, fix.edits);
        offered.set(key, action);
        actions.push(action);
      }
      // A comment naming an id twice, or several ids that silence nothing, has one finding each: the same edit of the
      // comment is listed once, naming each diagnostic.
      for (const fix of source.commentFixes ?? []) {
        const key = `comment\u0000${fix.title}\u0000${JSON.stringify(fix.edits)}`;
        const already = offered.get(key);
        if (already) {
          already.diagnostics = [...(already.diagnostics ?? []), diagnostic];
          continue;
        }
        const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred, edit: this.workspaceEdit(uri, version, fix.edits) };
        offered.set(key, action);
        actions.push(action);
      }
      const disable = source.disable;
      const first = disable?.[0];
      const disableKey = first && `disable:${ruleId}:${first.range.start.line}:${first.range.start.character}`;
      if (disable && disableKey && !seen.has(disableKey)) {
        seen.add(disableKey);
        others.push({
          title: `Disable ${ruleId} for this ${source.disableTarget ?? 'client'}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: this.workspaceEdit(uri, version, disable),
        });
      }
    }
    if (!seen.has(`docs:${ruleId}`)) {
      seen.add(`docs:${ruleId}`);
      const title = `Show documentation for ${ruleId}`;
      const command = this.docsCommand ? { title, command: this.docsCommand, arguments: [ruleId] } : { title, command: SHOW_DOCS_COMMAND, arguments: [ruleDocsUri(ruleId)] };
      others.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command });
    }
    return actions;
  }

  private fixAll(uri: string): WorkspaceEdit | undefined {
    const state = this.docs.get(uri);
    const analysis = this.analysis(uri);
    if (!state || !analysis) return undefined;
    const edit = fixAllEdit(analysis);
    return edit && this.workspaceEdit(uri, state.document.version, [toRangeEdit(analysis.lines, edit)]);
  }

  /**
   * Applies a fix across files chosen from a quick fix menu (FixAcrossFiles names it): made again from the current
   * findings of its document, and applied only while that document is at the version the fix was offered for and
   * every other file it edits holds the text its edits were made for; otherwise the user is told to ask again.
   */
  private async applyFixAcrossFiles(value: unknown): Promise<void> {
    const args = readFixAcrossFiles(value);
    if (!args) throw new Error(`${FIX_ACROSS_FILES_COMMAND} needs the fix it applies`);
    const state = this.docs.get(args.uri);
    const report = state?.document.version === args.version ? this.docs.currentReports(args.uri)?.find((r) => r.ruleId === args.ruleId && sameRange(r.range, args.range)) : undefined;
    const fix = report?.fixes.find((f) => f.title === args.title && f.elsewhere);
    const edit = fix && this.editAcrossFiles(args.uri, args.version, fix);
    if (!edit) {
      const message = `Grantlint: "${args.title}" was not applied: a file it changes has changed since. Ask for quick fixes again.`;
      void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
      return;
    }
    const result = await this.connection.workspace.applyEdit({ label: args.title, edit });
    if (!result.applied) this.logger.info(`"${args.title}" was not applied${result.failureReason ? `: ${result.failureReason}` : ''}.`);
  }

  /**
   * A fix across files (RenderedFix.elsewhere) as one workspace edit of every file it changes, or undefined when
   * another file no longer holds the text its edits were made for (an open document by its text, a closed file as
   * read from disk now). An open other document is edited at its current version, a closed file at none.
   */
  private editAcrossFiles(uri: string, version: number, fix: RenderedFix): WorkspaceEdit | undefined {
    const parts: { readonly uri: string; readonly version: number | null; readonly edits: readonly RangeEdit[] }[] = [];
    if (fix.edits.length > 0) parts.push({ uri, version, edits: fix.edits });
    for (const other of fix.elsewhere ?? []) {
      const open = this.docs.byKey(other.path);
      let text: string;
      try {
        text = open ? open.document.getText() : readClientFile(other.path).text;
      } catch {
        return undefined;
      }
      if (textStamp(text) !== other.stamp) return undefined;
      parts.push({ uri: open?.document.uri ?? pathToUri(other.path), version: open ? open.document.version : null, edits: other.edits });
    }
    const textEdits = (edits: readonly RangeEdit[]): TextEdit[] => edits.map((e) => ({ range: e.range, newText: e.newText }));
    if (this.documentChanges) return { documentChanges: parts.map((part) => ({ textDocument: { uri: part.uri, version: part.version }, edits: textEdits(part.edits) })) };
    return { changes: Object.fromEntries(parts.map((part) => [part.uri, textEdits(part.edits)])) };
  }

  private workspaceEdit(uri: string, version: number, edits: readonly RangeEdit[]): WorkspaceEdit {
    const textEdits: TextEdit[] = edits.map((e) => ({ range: e.range, newText: e.newText }));
    if (this.documentChanges) return { documentChanges: [{ textDocument: { uri, version }, edits: textEdits }] };
    return { changes: { [uri]: textEdits } };
  }

  // Lenses and symbols come from the lint worker: editors ask for them as soon as a file opens, and making them
  // here would hold up every other request while a huge file is read.
  private async codeLens(uri: string): Promise<CodeLens[] | null> {
    const outline = await this.docs.outline(uri);
    if (!outline) return null;
    // An empty command id shows the title as plain text.
    return outline.lenses.map((lens) => ({ range: lens.range, command: { title: lens.title, command: '' } }));
  }

  private async symbols(uri: string): Promise<DocumentSymbol[] | null> {
    const outline = await this.docs.outline(uri);
    if (!outline) return null;
    return outline.symbols.map((symbol) => ({ name: symbol.name, detail: symbol.detail, kind: SymbolKind.Object, range: symbol.range, selectionRange: symbol.selectionRange }));
  }

  private async execute(command: string, args: unknown[]): Promise<null> {
    if (command === SHOW_DOCS_COMMAND) {
      const url = args[0];
      // Only the rules' own pages: a bundled page opens in the editor, a web page in the browser.
      if (typeof url !== 'string' || !isRulePageUri(url)) throw new Error(`${SHOW_DOCS_COMMAND} needs the URI of a rule's page`);
      await this.connection.window.showDocument({ uri: url, external: url.startsWith('https:') });
      return null;
    }
    if (command === FIX_ACROSS_FILES_COMMAND) {
      await this.applyFixAcrossFiles(args[0]);
      return null;
    }
    if (command === FIX_ALL_COMMAND) {
      const uri = uriArgument(args[0]);
      if (!uri) throw new Error(`${FIX_ALL_COMMAND} needs a document URI`);
      // As hover and code actions: the document's reader and its settings under the current configuration.
      await this.docs.readerReady(uri);
      await this.docs.settingsCurrent(uri);
      const edit = this.fixAll(uri);
      if (edit) {
        const result = await this.connection.workspace.applyEdit({ label: FIX_ALL_TITLE, edit });
        if (!result.applied) this.logger.info(`Fix all was not applied${result.failureReason ? `: ${result.failureReason}` : ''}.`);
      }
      return null;
    }
    throw new Error(`unknown command ${command}`);
  }
}

/** Whether a URI is a rule page Grantlint itself links to (never an arbitrary file or site). */
function isRulePageUri(uri: string): boolean {
  const id = /([a-z0-9-]+)\.md$/.exec(uri)?.[1];
  return id !== undefined && ruleById(id) !== undefined && (uri === ruleDocsUri(id) || uri === docsUrl(id));
}

/** A URI given as a string or as `{ uri }` (how editors pass the active document). */
function uriArgument(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { uri?: unknown }).uri === 'string') return (value as { uri: string }).uri;
  return undefined;
}

/** Positions past the last line are a client bug; answer nothing rather than clamp to a wrong place. */
function inDocument(analysis: Analysis, position: { line: number; character: number }): boolean {
  return position.line >= 0 && position.character >= 0 && position.line < analysis.lines.lineCount;
}

/** What the fix-across-files command names: the finding (document, version, rule, range) and the fix's title. */
interface FixAcrossFiles {
  readonly uri: string;
  readonly version: number;
  readonly ruleId: string;
  readonly range: Range;
  readonly title: string;
}

/** The command's argument, checked: an editor passes back what the code action held, but it is still input. */
function readFixAcrossFiles(value: unknown): FixAcrossFiles | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<FixAcrossFiles>;
  const position = (p: unknown) => typeof p === 'object' && p !== null && typeof (p as Position).line === 'number' && typeof (p as Position).character === 'number';
  const range = v.range as Range | undefined;
  const ok = typeof v.uri === 'string' && typeof v.version === 'number' && typeof v.ruleId === 'string' && typeof v.title === 'string' && typeof range === 'object' && range !== null && position(range.start) && position(range.end);
  return ok ? (v as FixAcrossFiles) : undefined;
}
