/**
 * The project graph kept current while files change, for a long-running process (the language server's lint
 * worker). Open documents' unsaved texts win over the disk for links; every change re-reads only the file that
 * changed (ProjectGraph.refresh) and answers which files' findings depend on it, asked before and after the
 * change, so a renamed client's old and new grants, or a deleted credentials resource's client, are both re-checked.
 *
 * No protocol and no output here: the caller re-checks the dependents it reports on and shows the problems.
 */
import type { ParsedFile } from '../engine/model';
import { diskProjectFiles } from './disk-project-files';
import type { FileLinks, ProjectFiles } from './project-graph';
import { ProjectGraph } from './project-graph';

export class LiveProjects {
  /** Open documents' texts by absolute path: read before the disk. */
  private readonly unsaved = new Map<string, string>();
  private readonly graph: ProjectGraph;
  /** Whether sibling files are reported by the caller too (the server scans the workspace), else only open ones. */
  private siblingsReported = true;

  /**
   * `maxFileSize` (bytes): siblings above it are not read (the same limit linting uses). `parseOther` parses
   * formats the engine's JSON/YAML readers do not (HCL), as diskProjectFiles takes it.
   */
  constructor(
    private maxFileSize = Number.POSITIVE_INFINITY,
    private readonly parseOther?: (path: string, text: string) => ParsedFile | undefined,
  ) {
    let disk = diskProjectFiles(maxFileSize, parseOther);
    const files: ProjectFiles = {
      list: (dir) => disk.list(dir),
      read: (path) => this.unsaved.get(path) ?? disk.read(path),
      parse: (path, text) => disk.parse(path, text),
    };
    this.setDiskLimit = (limit) => {
      disk = diskProjectFiles(limit, this.parseOther);
    };
    this.graph = new ProjectGraph(files, { isReported: (path) => this.siblingsReported || this.unsaved.has(path) });
  }

  private readonly setDiskLimit: (maxFileSize: number) => void;

  /** The size limit (bytes) for reading siblings changed: projects are read again; open documents' texts stay. */
  setMaxFileSize(maxFileSize: number): void {
    if (maxFileSize === this.maxFileSize) return;
    this.maxFileSize = maxFileSize;
    this.setDiskLimit(maxFileSize);
    this.graph.clear();
  }

  /**
   * Whether files of a project other than the one linted get their own findings reported (a workspace scan).
   * A change drops the projects read so far, since their links record it.
   */
  setSiblingsReported(reported: boolean): void {
    if (reported === this.siblingsReported) return;
    this.siblingsReported = reported;
    this.graph.clear();
  }

  /** The links to lint `path` with, and siblings that could not be read (each once). */
  linksFor(path: string): FileLinks {
    return this.graph.linksFor(path);
  }

  /** `path` as its project read and parsed it (an open document: its latest text), if the project has read it. */
  parsedOf(path: string): { readonly text: string; readonly file: ParsedFile } | undefined {
    return this.graph.parsedOf(path);
  }

  /**
   * How many characters of texts of `path`'s project (other than `path`) were noted but not parsed yet: what
   * linting `path` with its links would parse first (an open document edited since its project last read it).
   */
  unparsedLength(path: string): number {
    return this.graph.unparsedLength(path);
  }

  /**
   * An open document's text (on open and after edits). Returns the files whose findings depend on it when its
   * text differs from the one its project last read, sorted, without `path` itself; else an empty list.
   */
  documentText(path: string, text: string): readonly string[] {
    const before = this.unsaved.get(path) ?? this.graph.textOf(path);
    this.unsaved.set(path, text);
    if (before === text) return [];
    return this.changed(path);
  }

  /** An open document closed: the file on disk counts again. Returns the dependents when the texts differ. */
  documentClosed(path: string): readonly string[] {
    const unsaved = this.unsaved.get(path);
    if (unsaved === undefined) return [];
    this.unsaved.delete(path);
    return this.changed(path);
  }

  /**
   * A file changed on disk (created, changed, deleted or renamed: each name is one change). An open document's
   * text still wins; returns the dependents (before and after) when the project's view of it changed.
   */
  diskChanged(path: string): readonly string[] {
    if (this.unsaved.has(path)) return [];
    return this.changed(path);
  }

  /**
   * Folders whose watch has just started: the files there that its projects read differently from the disk now
   * (changed, created or deleted since, with no event to say so), sorted; open documents' files are left out, as
   * their texts win. The caller handles them as changed on disk.
   */
  staleIn(folders: readonly string[]): readonly string[] {
    const stale = new Set<string>();
    for (const folder of folders) for (const path of this.graph.staleIn(folder)) if (!this.unsaved.has(path)) stale.add(path);
    return [...stale].sort();
  }

  private changed(path: string): readonly string[] {
    // A project not read yet linked nobody to the old text: it will be read with the new one.
    if (!this.graph.hasProjectOf(path)) return [];
    const dependents = new Set(this.graph.dependentsOf(path));
    this.graph.refresh(path);
    for (const dependent of this.graph.dependentsOf(path)) dependents.add(dependent);
    dependents.delete(path);
    return [...dependents].sort();
  }
}
