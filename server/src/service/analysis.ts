/**
 * The one place the service lints a document. Everything else reads an `Analysis`. Open documents keep a
 * `DocumentAnalyzer`, which re-reads only the client an edit touched when it can (engine/incremental.ts).
 */
import type { FileSettings, Finding, Format, LintResult } from '../engine/index';
import { formatOf, hclParserSettled, LineIndex, lintText, sameSettings } from '../engine/index';
import { IncrementalLinter, type Change } from '../engine/incremental';
import type { ProjectLinks } from '../engine/links';
import type { ParsedFile } from '../engine/model';

export interface AnalyzeInput {
  /** A file path (or, for documents without one, a path-like name): client discovery reads folder and name. */
  readonly path: string;
  readonly text: string;
  readonly languageId?: string;
  readonly settings: FileSettings;
  /** Texts above this many UTF-8 bytes are not parsed (engine default when absent). */
  readonly maxFileSize?: number;
  /** The file on disk is over `maxFileSize` and `text` is only its beginning (closed files): reported, not parsed. */
  readonly tooLarge?: boolean;
  /** What changed since the document's last analysis, when the editor said so (else the texts are compared). */
  readonly change?: Change;
  /** The rest of the file's project (workspace/project-graph.ts), when it belongs to one. */
  readonly links?: ProjectLinks;
  /**
   * The file as its project read it for `links`, used when its text is `text` (lintText checks), so the file is
   * not parsed twice. Handed over: a DocumentAnalyzer may move it in place on a later edit, so the project must
   * have let go of it by then (workspace/project-graph.ts: an edited member's new text is parsed anew).
   */
  readonly parsed?: { readonly text: string; readonly file: ParsedFile };
}

export interface Analysis {
  readonly path: string;
  readonly text: string;
  readonly format: Format;
  readonly settings: FileSettings;
  readonly result: LintResult;
  readonly lines: LineIndex;
  /** The size limit the text was linted under (engine default when absent). */
  readonly maxFileSize?: number;
  /**
   * The rest of the file's project the text was linted with, if any: fix all lints each pass's text with it, as
   * the CLI's --fix does, so a client judged by its module (a create-time auth method) is fixed as it is reported.
   */
  readonly links?: ProjectLinks;
  /** Findings that only moved since the document's previous analysis (see IncrementalOutcome.moved). */
  readonly moved?: MovedFindings;
}

export interface MovedFindings {
  /** New finding → the previous analysis's finding it was moved from. */
  readonly from: ReadonlyMap<Finding, Finding>;
  /** How many lines they moved down (negative: up). */
  readonly lines: number;
}

/**
 * The document's format, or undefined when it is not one the engine reads (then it is never a client config).
 * Terraform HCL counts once the process has loaded the HCL reader or failed to (workspace/tree-sitter.ts,
 * settleHclParser): a failure gives each `.tf` file a parse error naming what is missing.
 */
function documentFormat(path: string, languageId?: string): Format | undefined {
  const format = formatOf(path, languageId);
  return format === 'hcl' && !hclParserSettled() ? undefined : format;
}

/** What an analysis keeps of its input besides the text and settings, so its fixes are checked as it was linted. */
function lintContext(input: AnalyzeInput): Pick<Analysis, 'maxFileSize' | 'links'> {
  return { ...(input.maxFileSize === undefined ? {} : { maxFileSize: input.maxFileSize }), ...(input.links ? { links: input.links } : {}) };
}

export function analyze(input: AnalyzeInput): Analysis | undefined {
  const format = documentFormat(input.path, input.languageId);
  if (!format) return undefined;
  const result = lintText({ path: input.path, text: input.text, format, settings: input.settings, maxFileSize: input.maxFileSize, tooLarge: input.tooLarge, links: input.links, parsed: input.links && input.parsed });
  return { path: input.path, text: input.text, format, settings: input.settings, result, lines: new LineIndex(input.text), ...lintContext(input) };
}

/**
 * Lints successive versions of one document. The engine's incremental linter is kept while the path, format
 * and settings stay the same; its results replace the previous ones (their model is reused in place), so only
 * the latest Analysis of a document may be read.
 */
export class DocumentAnalyzer {
  private linter: IncrementalLinter | undefined;
  private settings: FileSettings | undefined;
  private lines: LineIndex | undefined;

  analyze(input: AnalyzeInput): Analysis | undefined {
    const format = documentFormat(input.path, input.languageId);
    if (!format) return undefined;
    if (
      !this.linter ||
      this.linter.path !== input.path ||
      this.linter.format !== format ||
      this.linter.maxFileSize !== input.maxFileSize ||
      !this.settings ||
      !sameSettings(this.settings, input.settings)
    ) {
      this.linter = new IncrementalLinter(input.path, format, input.settings, input.maxFileSize);
      this.settings = input.settings;
    }
    // New links (another file of the project changed) make the linter read the file whole; the same links (only
    // this file changed) let it re-read the block or client an edit touched.
    const { result, change, moved } = this.linter.lint(input.text, input.change, input.links, input.links && input.parsed);
    const before = this.lines;
    // The linter already worked out what changed; a new linter (new settings) starts the index afresh.
    this.lines = before && change ? before.afterEdit(input.text, change) : new LineIndex(input.text);
    const analysis: Analysis = { path: input.path, text: input.text, format, settings: input.settings, result, lines: this.lines, ...lintContext(input) };
    // Lines after an edit move by the change in the line count.
    return moved && before && moved.size > 0 ? { ...analysis, moved: { from: moved, lines: this.lines.lineCount - before.lineCount } } : analysis;
  }
}
