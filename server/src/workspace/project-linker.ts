/**
 * The project graph as the language server uses it: siblings are read from disk unless they are open, in which
 * case the editor's text is used, and a file's text as last linted is noted, so the graph re-reads a project only
 * when one of its files changed. Every file is taken as reported (the server checks open documents and, with the
 * workspace scan, closed files): a finding about a value in a sibling is left to that sibling.
 */
import { isAbsolute } from 'node:path';
import type { ProjectLinks } from '../engine/links';
import type { ParsedFile } from '../engine/model';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/limits';
import { hclParserSettled } from '../engine/parse/hcl';
import { diskProjectFiles } from './disk-project-files';
import { ProjectGraph, projectOf, type ProjectFiles } from './project-graph';

export class ProjectLinker {
  private readonly open = new Map<string, string>();
  private readonly graph: ProjectGraph;

  /**
   * Whether the HCL reader had settled when the graph read its projects: a `.tf` sibling read before is no member
   * (not read), so once it settles every project is read again rather than kept without its HCL files.
   */
  private hclSettled = hclParserSettled();

  /** The size limit siblings are read with (bytes): the one the file being linted is checked with. */
  private maxFileSize = DEFAULT_MAX_FILE_SIZE;

  /** `onProblem` receives one line per sibling that cannot be read (to be logged: never silent). */
  constructor(private readonly onProblem: (line: string) => void) {
    const files: ProjectFiles = {
      list: (dir) => diskProjectFiles().list(dir),
      // Sized before a byte is read, as every file the server reads: a 450 MB sibling is refused, not read.
      read: (path) => this.open.get(path) ?? diskProjectFiles(this.maxFileSize).read(path),
      parse: (path, text) => diskProjectFiles().parse(path, text),
    };
    this.graph = new ProjectGraph(files, { isReported: () => true, problemsOfReportedFiles: true });
  }

  /**
   * The links to lint `path` with, its `text` noted (an open document's current text, or a closed file's as read
   * from disk). Siblings are read with the same `maxFileSize` (bytes) as the file. Undefined for a file that is a project of its own or has no path on disk (an untitled document).
   */
  linksFor(path: string, text: string, open: boolean, maxFileSize = DEFAULT_MAX_FILE_SIZE): ProjectLinks | undefined {
    if (!isAbsolute(path) || !projectOf(path)) return undefined;
    // A file under the limit may come with no limit (it was read whole): siblings still get a bound.
    this.maxFileSize = Number.isFinite(maxFileSize) ? maxFileSize : DEFAULT_MAX_FILE_SIZE;
    if (this.hclSettled !== hclParserSettled()) {
      this.hclSettled = hclParserSettled();
      this.graph.clear();
    }
    if (open) this.open.set(path, text);
    this.graph.noteText(path, text);
    const { links, problems } = this.graph.linksFor(path);
    for (const problem of problems) this.onProblem(problem.line);
    return links;
  }

  /**
   * `path` as its project read and parsed it for links, when it has (and the text it parsed), so the file is not
   * parsed twice; undefined when its latest text was not parsed by the project.
   */
  parsedOf(path: string): { readonly text: string; readonly file: ParsedFile } | undefined {
    return isAbsolute(path) ? this.graph.parsedOf(path) : undefined;
  }

  /** An open document's text, on open and after edits: it stands for its file in other files' links. */
  documentText(path: string, text: string): void {
    if (!isAbsolute(path) || !projectOf(path)) return;
    this.open.set(path, text);
    this.graph.noteText(path, text);
  }

  /** A file changed, was created or deleted on disk: read again unless an open document stands for it. */
  changedOnDisk(path: string): void {
    if (isAbsolute(path) && !this.open.has(path)) this.graph.invalidate(path);
  }

  /** An open document closed: its siblings are read from disk again. */
  closed(path: string): void {
    if (this.open.delete(path)) this.graph.invalidate(path);
  }

  /** The files whose findings depend on `path` (see ProjectGraph.dependentsOf). */
  dependentsOf(path: string): readonly string[] {
    return isAbsolute(path) ? this.graph.dependentsOf(path) : [];
  }
}
