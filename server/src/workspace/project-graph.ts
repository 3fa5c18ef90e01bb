/**
 * The project graph: which files belong together and the links between their objects (rule book, "Where clients
 * are found"). A Terraform module is a directory: all its `*.tf` and `*.tf.json` files. An auth0-deploy-cli
 * directory is a folder with `tenant.json`, `clients/*.json` and `grants/*.json`. A `tenant.yaml` (and every other
 * file) is a project of its own: its clients, flags and `clientGrants` are all in it.
 *
 * The graph reads files through a `ProjectFiles` source (the CLI reads the disk; the server gives open documents'
 * texts first), parses each once, and builds the engine's link index (engine/links.ts) once per module or
 * directory, never per file. It answers two questions: the links to lint one file with (`linksFor`), and which
 * files' findings depend on a file (`dependentsOf`, the reverse index), so a change can re-check them.
 *
 * No protocol here, and no output: problems reading a sibling are returned to the caller, which shows them.
 */
import { basename, dirname, join, sep } from 'node:path';
import type { ParsedFile } from '../engine/model';
import type { FileSettings } from '../engine/settings';
import { findClients } from '../engine/discover';
import { findClientGrants } from '../engine/grants';
import type { DeployDirectoryLinks, LinkedFile, ProjectLinks, TerraformModuleLinks } from '../engine/links';
import { linkDeployDirectory, linkTerraformModule, relinkDeployDirectory, relinkTerraformModule } from '../engine/links';
import { resourcesOf } from '../engine/terraform';
import { SiblingTooLargeError } from './disk-project-files';

/** What the graph needs of the file system (or of an editor's open documents). */
export interface ProjectFiles {
  /**
   * The names of the entries of a directory other than sub-folders, or undefined when it does not exist or is
   * not a directory. Errors other than "not there" are thrown (the graph reports them).
   */
  list(dir: string): readonly string[] | undefined;
  /** A file's text; throws the file system's error (the graph reports it). */
  read(path: string): string;
  /** A file's text parsed, or undefined when its format is not read (yet), such as HCL `.tf` without a reader. */
  parse(path: string, text: string): ParsedFile | undefined;
}

/** Which project a file belongs to. */
export type ProjectKey = { readonly kind: 'terraform-module'; readonly dir: string } | { readonly kind: 'deploy-directory'; readonly dir: string };

export interface FileLinks {
  /** The index to pass to `lintText` (`LintInput.links`); undefined for a file that is a project of its own. */
  readonly links: ProjectLinks | undefined;
  /**
   * Siblings that could not be read, one line each ("cannot read 'x' for links (EACCES)"), to be shown to the
   * user. A sibling that is reported itself is left out: its own check says it was not read.
   */
  readonly problems: readonly SiblingProblem[];
}

/** A sibling (or folder) that could not be read for links. */
export interface SiblingProblem {
  readonly path: string;
  /** One line, e.g. "cannot read '/d/clients/x.json' for links (EACCES)". */
  readonly line: string;
  /** It is over the size limit (the user's choice), rather than unreadable. */
  readonly tooLarge: boolean;
}

const TERRAFORM = /\.tf(\.json)?$/i;

/** A deploy-cli directory's folders of member files, beside its tenant.json. */
const PART_FOLDERS: ReadonlySet<string> = new Set(['clients', 'grants']);

/** The project a path belongs to, from its name and folder alone; undefined for a file that stands alone. */
export function projectOf(path: string): ProjectKey | undefined {
  if (TERRAFORM.test(path)) return { kind: 'terraform-module', dir: dirname(path) };
  const folder = basename(dirname(path));
  if ((folder === 'clients' || folder === 'grants') && path.toLowerCase().endsWith('.json')) return { kind: 'deploy-directory', dir: dirname(dirname(path)) };
  if (basename(path) === 'tenant.json') return { kind: 'deploy-directory', dir: dirname(path) };
  return undefined;
}

interface Member {
  readonly path: string;
  readonly text: string;
  readonly parsed: ParsedFile;
}

interface Project {
  readonly key: ProjectKey;
  /** Member paths, sorted (Terraform: the module's files; directory: tenant.json, clients/*, grants/*). */
  readonly paths: readonly string[];
  /** `paths` as a set, made when first needed (thousands of lookups in a directory of thousands of files). */
  pathSet?: ReadonlySet<string>;
  /** Directory: its members by role, sorted, told apart once when listed (thousands of files). */
  readonly roles: { readonly tenant: readonly string[]; readonly clients: readonly string[]; readonly grants: readonly string[] };
  /** Members read so far (read when first needed): null for one that could not be read or parsed. */
  readonly members: Map<string, Member | null>;
  /**
   * Members whose text changed (noteText) and is not parsed yet: parsed when something needs the parse. An editor
   * sends a large `.tf` file's text on every keystroke, and its own findings never need the project's parse of it.
   */
  readonly pending: Map<string, string>;
  /** Members (or folders) that could not be read, with the line that says so; `taken` of them were returned. */
  readonly problems: SiblingProblem[];
  taken: number;
  /** Every folder of the project could be listed. */
  readonly listed: boolean;
  linksFull?: ProjectLinks;
  /**
   * Members whose text changed since `linksFull` was built (directory: client files only). Terraform: the links
   * stay right for linting such a member itself (the engine never reads what links hold of the linted file), so a
   * file edited alone keeps the same links object, and its linter may re-read only the block an edit touched.
   */
  readonly changedSinceLinks: Set<string>;
  linksTenantOnly?: ProjectLinks;
  reverse?: ReverseIndex;
  /**
   * Directory: client files whose text changed since `reverse` was built or updated: their names are read again
   * when a question needs them (updateClientNames), not the whole directory. `--fix` on thousands of clients
   * rebuilt the index once per file it wrote.
   */
  readonly reverseStale: Set<string>;
  /** The project as it was before one member's text changed, while only that member's text has changed. */
  before?: StateBefore;
}

/**
 * What a project held before `path`'s text changed from `text`: when the text comes back (`--fix` checks a fixed
 * text and sets the file back; an editor's undo) and nothing else changed meanwhile, the indexes are taken back
 * instead of built again. The `--fix` count of a directory of thousands of clients did so once per fixed client.
 */
interface StateBefore {
  readonly path: string;
  readonly text: string;
  readonly member: Member;
  readonly linksFull: ProjectLinks | undefined;
  readonly changedSinceLinks: readonly string[];
  readonly linksTenantOnly: ProjectLinks | undefined;
}

interface ReverseIndex {
  readonly edges: Map<string, Set<string>>;
  /** Directory: grant files whose client name matches no client yet (any client file may gain that name). */
  readonly unmatchedGrants: Set<string>;
  readonly clientFiles: ReadonlySet<string>;
  /** The names each client file's clients have, and the client files having each name (for updateClientNames). */
  readonly clientNames: Map<string, readonly string[]>;
  readonly ownersByName: Map<string, Set<string>>;
  /** The names each grant file's grants name, and the grant files naming each name. */
  readonly grantNames: ReadonlyMap<string, readonly string[]>;
  readonly grantsByName: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface ProjectGraphOptions {
  /**
   * Whether a file's own findings are reported in this run (the CLI: it is among the files asked for; the server:
   * it is checked too). Findings about a value in a reported sibling are left to that sibling.
   */
  readonly isReported: (path: string) => boolean;
  /**
   * Whether a reported sibling that cannot be read is named in `problems` too (the server, whose own check of a
   * closed file may not say so); the CLI names each file it cannot read once, so it leaves this off.
   */
  readonly problemsOfReportedFiles?: boolean;
  /** A file's own settings (LinkedFile.settings), for the CLI's runs on part of a project; undefined: not known. */
  readonly settingsOf?: (path: string) => FileSettings | undefined;
}

/**
 * The graph of the projects met so far. Paths are absolute. Each project is read when first asked about and kept
 * until `invalidate` names one of its files (or its folder gains or loses a file: the caller invalidates it).
 */
export class ProjectGraph {
  private readonly projects = new Map<string, Project>();

  constructor(
    private readonly files: ProjectFiles,
    private readonly options: ProjectGraphOptions,
  ) {}

  /**
   * A member file as the graph read and parsed it, or undefined when the graph has not parsed it (not read yet,
   * or its latest text not parsed yet: never parsed for this question).
   */
  parsedOf(path: string): { readonly text: string; readonly file: ParsedFile } | undefined {
    const key = projectOf(path);
    const project = key && this.projects.get(projectId(key));
    if (!project || project.pending.has(path)) return undefined;
    const member = project.members.get(path);
    return member ? { text: member.text, file: member.parsed } : undefined;
  }

  /**
   * The links to lint `path` with. A Terraform file gets its module; `clients/*.json` its directory's
   * tenant.json flags; `grants/*.json` those and the directory's clients by name. Problems reading siblings are
   * returned, each once per project (the first file asking gets them).
   */
  linksFor(path: string): FileLinks {
    const key = projectOf(path);
    if (!key) return { links: undefined, problems: [] };
    const project = this.project(key);
    const links = this.linksOf(project, key, path);
    return { links, problems: this.takeProblems(project) };
  }

  /** linksFor's links alone: the problems reading siblings are left for linksFor to return. */
  linksOnlyFor(path: string): FileLinks['links'] {
    const key = projectOf(path);
    return key ? this.linksOf(this.project(key), key, path) : undefined;
  }

  private linksOf(project: Project, key: ProjectKey, path: string): ProjectLinks {
    if (key.kind === 'terraform-module') {
      // A file not on disk (a new, unsaved document) means the module on disk is not the whole module.
      if (!project.paths.includes(path)) return linkTerraformModule(this.linked(project, project.paths), false);
      const { changedSinceLinks } = project;
      const stale = project.linksFull === undefined || changedSinceLinks.size > 1 || (changedSinceLinks.size === 1 && !changedSinceLinks.has(path));
      if (stale) {
        project.linksFull = this.relinked(project) ?? linkTerraformModule(this.linked(project, project.paths), this.allRead(project));
        changedSinceLinks.clear();
      }
      return project.linksFull!;
    }
    // Built at most twice per directory (the paths are filtered then, not on every call: thousands of calls). A
    // client file needs only tenant.json: the directory's other files are not read for it.
    const { tenant, clients } = project.roles;
    if (basename(dirname(path)) === 'grants') {
      if (project.linksFull !== undefined && project.changedSinceLinks.size > 0) project.linksFull = this.relinkedDirectory(project);
      if (project.linksFull === undefined) {
        const clientFiles = this.linked(project, clients);
        project.linksFull = linkDeployDirectory(this.linked(project, tenant)[0], clientFiles, project.listed && clientFiles.length === clients.length);
      }
      project.changedSinceLinks.clear();
      return project.linksFull;
    }
    project.linksTenantOnly ??= linkDeployDirectory(this.linked(project, tenant)[0], []);
    return project.linksTenantOnly;
  }

  /**
   * Terraform: the module's index built from the last one by reading again only the files changed since
   * (links.ts relinkTerraformModule), or undefined when it must be built whole: no index yet, or a changed file
   * that cannot be parsed now, or one the last index did not hold.
   */
  private relinked(project: Project): TerraformModuleLinks | undefined {
    let links = project.linksFull;
    for (const path of project.changedSinceLinks) {
      if (links?.kind !== 'terraform-module') return undefined;
      const member = this.member(project, path);
      if (!member) return undefined;
      // Every other file is as the last index read it, so whether all were read is the last index's answer.
      links = relinkTerraformModule(links, this.linkedFile(member), links.allFilesRead);
    }
    return links?.kind === 'terraform-module' ? links : undefined;
  }

  /**
   * Directory: the index built from the last one by indexing again only the client files changed since
   * (links.ts relinkDeployDirectory), or undefined when it must be built whole: a changed file that cannot be
   * parsed now, or one the last index did not hold.
   */
  private relinkedDirectory(project: Project): DeployDirectoryLinks | undefined {
    let links = project.linksFull;
    for (const path of project.changedSinceLinks) {
      const member = links?.kind === 'deploy-directory' ? this.member(project, path) : null;
      links = member && links?.kind === 'deploy-directory' ? relinkDeployDirectory(links, this.linkedFile(member)) : undefined;
    }
    return links?.kind === 'deploy-directory' ? links : undefined;
  }

  /**
   * Terraform: every file of the module was listed, read and parsed (reads them all). What their contents leave
   * unknown (syntax errors, credentials naming no readable client) the index records per file.
   */
  private allRead(project: Project): boolean {
    return project.listed && project.paths.every((path) => this.member(project, path) !== null);
  }

  /** A member, read and parsed when first needed; null when it cannot be read or its format is not read (yet). */
  private member(project: Project, path: string): Member | null {
    const pending = project.pending.get(path);
    if (pending !== undefined) {
      project.pending.delete(path);
      const parsed = this.files.parse(path, pending);
      const member = parsed ? { path, text: pending, parsed } : null;
      project.members.set(path, member);
      return member;
    }
    const known = project.members.get(path);
    if (known !== undefined) return known;
    let member: Member | null = null;
    try {
      const text = this.files.read(path);
      const parsed = this.files.parse(path, text);
      // A format without a reader yet (HCL without its reader): the module is then not known whole.
      if (parsed) member = { path, text, parsed };
    } catch (error) {
      project.problems.push({ path, line: `cannot read '${path}' for links (${codeOf(error)})`, tooLarge: error instanceof SiblingTooLargeError });
    }
    project.members.set(path, member);
    return member;
  }

  /**
   * Hands the graph a member's text and parse that the caller read and parsed itself (the CLI lints each file
   * before a sibling may need it for links), so no file is read or parsed twice. Taken only for a member of a
   * project already read whose file the graph has not read yet; ignored otherwise. The caller vouches that `text`
   * is the file's whole text as `ProjectFiles.read` would return it and `parsed` its parse.
   */
  adopt(path: string, text: string, parsed: ParsedFile): void {
    const key = projectOf(path);
    const project = key && this.projects.get(projectId(key));
    if (!project || project.members.has(path) || project.pending.has(path)) return;
    project.pathSet ??= new Set(project.paths);
    if (project.pathSet.has(path)) project.members.set(path, { path, text, parsed });
  }

  /** The files of `path`'s project other than itself (empty for a file that stands alone). */
  siblingsOf(path: string): readonly string[] {
    const key = projectOf(path);
    return key ? this.project(key).paths.filter((p) => p !== path) : [];
  }

  /**
   * The files whose findings depend on `path` (the reverse index): a credentials file's clients' files, a client
   * file's client grants and credentials, tenant.json's client files. For a change that renames or moves an
   * object, ask before and after the change and re-check both answers.
   */
  dependentsOf(path: string): readonly string[] {
    const key = projectOf(path);
    if (!key) return [];
    const project = this.project(key);
    if (key.kind === 'terraform-module') return this.moduleDependents(project, path);
    if (project.reverse) {
      for (const stale of project.reverseStale) {
        const member = this.member(project, stale);
        updateClientNames(project.reverse, stale, member ? clientNamesOf(member) : []);
      }
    } else project.reverse = reverseIndex(project, this.allMembers(project));
    project.reverseStale.clear();
    const { edges, unmatchedGrants, clientFiles } = project.reverse;
    const dependents = new Set(edges.get(path) ?? []);
    if (clientFiles.has(path)) for (const grant of unmatchedGrants) dependents.add(grant);
    // Directory: every client and grant file depends on tenant.json (its flags feed every client's facts).
    if (key.kind === 'deploy-directory' && project.roles.tenant.includes(path)) {
      for (const file of project.roles.clients) dependents.add(file);
      for (const file of project.roles.grants) dependents.add(file);
    }
    return [...dependents].sort();
  }

  /**
   * Terraform: every other file of the module that holds a client, credentials or client grant resource. A
   * client's facts may come from any file (its credentials resource, or one naming no readable client that makes
   * every method unknown), and findings about a credentials resource or a grant read their client's file. Read
   * from the other files alone, so the answer is the same before and after `path` changes, and an edit of a large
   * file is not parsed again to answer it.
   */
  private moduleDependents(project: Project, path: string): string[] {
    const out: string[] = [];
    for (const other of project.paths) {
      if (other === path) continue;
      const member = this.member(project, other);
      if (member && holdsAuth0Resources(member.parsed)) out.push(other);
    }
    return out;
  }

  /**
   * Notes the text `path` holds now: when its project was read with another text for it (or without it), the
   * project is read again on the next question. Costs a lookup, so a scan may note every file it lints.
   * `parsed`, when the caller has it, is `text` parsed as ProjectFiles.parse would parse it (the caller vouches, as
   * for adopt): the graph then never parses `text` itself. A fixed module file of 1.3 MB took a second to parse
   * again for the files that depend on it, right after fix all had parsed it.
   */
  noteText(path: string, text: string, parsed?: ParsedFile): void {
    const key = projectOf(path);
    if (!key) return;
    const id = projectId(key);
    const project = this.projects.get(id);
    if (!project) return;
    const pending = project.pending.get(path);
    const member = project.members.get(path);
    if ((pending ?? member?.text) === text) return;
    // Not read yet: it will be read (and noted again) when needed.
    if (pending === undefined && member === undefined && (project.pathSet ??= new Set(project.paths)).has(path)) return;
    // A new file, or one that could not be read or parsed before: the project is read again.
    if (pending === undefined && !member) {
      this.projects.delete(id);
      return;
    }
    if (project.before?.path === path && project.before.text === text) {
      restoreBefore(project, project.before);
      this.dependentsChanged(project, path);
      return;
    }
    if (project.before?.path !== path) project.before = member && pending === undefined ? stateBefore(project, member) : undefined;
    // A known file changed (an edit, a fix): only it is parsed again, when its parse is next needed, and the
    // indexes made from it are built again (a module's or directory's index from the last one, for this file);
    // whether a module is read whole is decided again then, from its files' parses. Dropping the whole project
    // instead made `--fix` on a directory of thousands of clients read the directory once per fix.
    if (parsed) {
      project.pending.delete(path);
      project.members.set(path, { path, text, parsed });
    } else project.pending.set(path, text);
    if (key.kind === 'terraform-module' || basename(dirname(path)) === 'clients') project.changedSinceLinks.add(path);
    else if (isTenantJson(path, key.dir)) {
      project.linksFull = undefined;
      project.linksTenantOnly = undefined;
    }
    this.dependentsChanged(project, path);
  }

  /** The reverse index after `path`'s text changed: a directory's client file is read again alone, when asked. */
  private dependentsChanged(project: Project, path: string): void {
    if (project.reverse && project.key.kind === 'deploy-directory' && project.reverse.clientFiles.has(path)) project.reverseStale.add(path);
    else {
      project.reverse = undefined;
      project.reverseStale.clear();
    }
  }

  /** Forgets the project `path` belongs to (its text changed, it was created or deleted). */
  invalidate(path: string): void {
    const key = projectOf(path);
    if (key) this.projects.delete(projectId(key));
  }
  /** Forgets every project (what counts as reported changed). */
  clear(): void {
    this.projects.clear();
  }

  /**
   * Reads one file again after it changed, was created or deleted on disk (or an open document's text stands for
   * it now), through noteText: a known file of a directory or module is parsed again alone; a new or deleted file
   * has its project read again when next asked about. Nothing happens for a project not read.
   */
  refresh(path: string): void {
    const key = projectOf(path);
    if (!key || !this.projects.has(projectId(key))) return;
    let text: string;
    try {
      text = this.files.read(path);
    } catch {
      // Deleted, or no longer readable: the project is read again (and says so) when next asked about.
      this.invalidate(path);
      return;
    }
    this.noteText(path, text);
  }

  /**
   * How many characters of member texts of `path`'s project, other than `path`'s own, are noted but not parsed
   * yet (noteText keeps them until a parse is needed); 0 for a project not read.
   */
  unparsedLength(path: string): number {
    const key = projectOf(path);
    const project = key && this.projects.get(projectId(key));
    let length = 0;
    if (project) for (const [member, text] of project.pending) if (member !== path) length += text.length;
    return length;
  }

  /** Whether the project `path` belongs to has been read (and not forgotten since). */
  hasProjectOf(path: string): boolean {
    const key = projectOf(path);
    return key !== undefined && this.projects.has(projectId(key));
  }

  /**
   * The files of `folder` (absolute) whose project, as read, no longer matches the files: a member whose text
   * differs from the one read, one gone, or a file the project's listing did not hold. For a folder watch that has
   * just started: a change made before it (after the project was read) sends no event, so it is found here. Only
   * projects read so far are compared, each member read at most once; nothing is changed (the caller refreshes).
   */
  staleIn(folder: string): string[] {
    let names: readonly string[];
    try {
      names = this.files.list(folder) ?? [];
    } catch {
      return [];
    }
    const onDisk = new Set(names.map((name) => join(folder, name)));
    const stale = new Set<string>();
    for (const project of this.projects.values()) {
      const { key } = project;
      const holds = key.dir === folder || (key.kind === 'deploy-directory' && dirname(folder) === key.dir && PART_FOLDERS.has(basename(folder)));
      if (!holds) continue;
      const id = projectId(key);
      const members = new Set(project.paths.filter((path) => dirname(path) === folder));
      for (const path of onDisk) {
        const of = projectOf(path);
        if (of && projectId(of) === id && !members.has(path)) stale.add(path);
      }
      for (const path of members) {
        if (!onDisk.has(path)) stale.add(path);
        else if (this.textDiffers(project, path)) stale.add(path);
      }
    }
    return [...stale].sort();
  }

  /** Whether a member read so far reads differently now (a member not read yet is read when needed: not stale). */
  private textDiffers(project: Project, path: string): boolean {
    const read = project.pending.get(path) ?? project.members.get(path)?.text;
    if (read === undefined && !project.members.has(path)) return false;
    try {
      return this.files.read(path) !== read;
    } catch {
      // Unreadable now: stale only when it was read before.
      return read !== undefined;
    }
  }

  /** The text of a member as its project last read it; undefined when not read (or not a member). */
  textOf(path: string): string | undefined {
    const key = projectOf(path);
    const project = key && this.projects.get(projectId(key));
    return project ? (project.pending.get(path) ?? project.members.get(path)?.text ?? undefined) : undefined;
  }


  private project(key: ProjectKey): Project {
    const id = projectId(key);
    let project = this.projects.get(id);
    if (!project) {
      project = this.readProject(key);
      this.projects.set(id, project);
    }
    return project;
  }

  /** Problems not returned yet (each is returned once), but those of reported files unless asked for. */
  private takeProblems(project: Project): readonly SiblingProblem[] {
    const fresh = project.problems.slice(project.taken);
    project.taken = project.problems.length;
    return fresh.filter((p) => this.options.problemsOfReportedFiles === true || !this.options.isReported(p.path));
  }

  /** Lists the project's files; nothing is read until needed. */
  private readProject(key: ProjectKey): Project {
    const problems: SiblingProblem[] = [];
    let listed = true;
    const paths: string[] = [];
    const list = (dir: string): readonly string[] => {
      try {
        return this.files.list(dir) ?? [];
      } catch (error) {
        problems.push({ path: dir, line: `cannot read folder '${dir}' (${codeOf(error)})`, tooLarge: false });
        listed = false;
        return [];
      }
    };
    // Names from a listing hold no separator: joined by concatenation (thousands of files per directory).
    const under = (dir: string) => (dir.endsWith(sep) ? dir : dir + sep);
    const roles = { tenant: [] as string[], clients: [] as string[], grants: [] as string[] };
    if (key.kind === 'terraform-module') {
      for (const name of list(key.dir)) if (TERRAFORM.test(name)) paths.push(under(key.dir) + name);
    } else {
      if (list(key.dir).includes('tenant.json')) roles.tenant.push(join(key.dir, 'tenant.json'));
      for (const folder of ['clients', 'grants'] as const) {
        const dir = join(key.dir, folder);
        for (const name of list(dir)) if (name.toLowerCase().endsWith('.json')) roles[folder].push(under(dir) + name);
        roles[folder].sort();
      }
      paths.push(...roles.tenant, ...roles.clients, ...roles.grants);
    }
    paths.sort();
    return { key, paths, roles, members: new Map(), pending: new Map(), changedSinceLinks: new Set(), reverseStale: new Set(), problems, taken: 0, listed };
  }

  /** Every member, read. */
  private allMembers(project: Project): Member[] {
    return project.paths.map((path) => this.member(project, path)).filter((m): m is Member => m !== null);
  }

  private linked(project: Project, paths: readonly string[]): LinkedFile[] {
    const out: LinkedFile[] = [];
    for (const path of paths) {
      const member = this.member(project, path);
      if (member) out.push(this.linkedFile(member));
    }
    return out;
  }

  private linkedFile({ path, text, parsed }: Member): LinkedFile {
    const settings = this.options.settingsOf?.(path);
    return { path, text, parsed, reported: this.options.isReported(path), ...(settings ? { settings } : {}) };
  }
}

function stateBefore(project: Project, member: Member): StateBefore {
  const { linksFull, linksTenantOnly } = project;
  return { path: member.path, text: member.text, member, linksFull, linksTenantOnly, changedSinceLinks: [...project.changedSinceLinks] };
}

/** Puts back what the project held before (the member's text is `before.text` again, and nothing else changed). */
function restoreBefore(project: Project, before: StateBefore): void {
  project.pending.delete(before.path);
  project.members.set(before.path, before.member);
  project.linksFull = before.linksFull;
  project.linksTenantOnly = before.linksTenantOnly;
  project.changedSinceLinks.clear();
  for (const path of before.changedSinceLinks) project.changedSinceLinks.add(path);
  project.before = undefined;
}

function projectId(key: ProjectKey): string {
  return `${key.kind}:${key.dir}`;
}

function isTenantJson(path: string, dir: string): boolean {
  return path === join(dir, 'tenant.json');
}


function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? (error as Error)?.message ?? String(error);
}

function addEdge(reverse: Map<string, Set<string>>, from: string, dependent: string): void {
  if (from === dependent) return;
  let set = reverse.get(from);
  if (!set) {
    set = new Set();
    reverse.set(from, set);
  }
  set.add(dependent);
}

/**
 * Who depends on whom in a deploy-cli directory, from the links the engine uses: every client file depends on
 * tenant.json; a grant file depends on the client files holding the client it names (and on every client file
 * while the name matches none, since one may gain it). (Terraform modules: ProjectGraph.moduleDependents.)
 */
function reverseIndex(project: Project, members: readonly Member[]): ReverseIndex {
  const byPath = new Map(members.map((m) => [m.path, m]));
  const grantNames = new Map<string, readonly string[]>();
  const grantsByName = new Map<string, Set<string>>();
  for (const path of project.roles.grants) {
    const member = byPath.get(path);
    if (!member) continue;
    const names = namesIn(member, grantNamesRead, () => findClientGrants(path, member.parsed, () => false).map((grant) => grant.clientName));
    grantNames.set(path, names);
    for (const name of names) addEdge(grantsByName, name, path);
  }
  const index: ReverseIndex = { edges: new Map(), unmatchedGrants: new Set([...grantNames].filter(([, names]) => names.length > 0).map(([grant]) => grant)), clientFiles: new Set(project.roles.clients), clientNames: new Map(), ownersByName: new Map(), grantNames, grantsByName };
  for (const path of project.roles.clients) {
    const member = byPath.get(path);
    if (member) updateClientNames(index, path, clientNamesOf(member));
  }
  // A grant naming no client yet depends on every client file (one may be given that name): kept as a set, not
  // as an edge per pair, so thousands of such grants stay linear.
  return index;
}

function clientNamesOf(member: Member): readonly string[] {
  return namesIn(member, clientNamesRead, () => findClients(member.path, member.parsed).map((client) => client.name));
}

/**
 * The index with client file `path` holding clients named `names` now (none: it has none, or cannot be read): its
 * edges to the grant files naming them, and whether each grant file naming one of its old or new names matches
 * every name it names. Changes the index in place, in the time of those names' grants.
 */
function updateClientNames(index: ReverseIndex, path: string, names: readonly string[]): void {
  const old = index.clientNames.get(path) ?? [];
  if (old === names) return;
  for (const name of old) {
    const owners = index.ownersByName.get(name);
    owners?.delete(path);
    if (owners?.size === 0) index.ownersByName.delete(name);
  }
  const grants = new Set<string>();
  for (const name of names) {
    addEdge(index.ownersByName, name, path);
    for (const grant of index.grantsByName.get(name) ?? []) grants.add(grant);
  }
  if (names.length > 0) index.clientNames.set(path, names);
  else index.clientNames.delete(path);
  if (grants.size > 0) index.edges.set(path, grants);
  else index.edges.delete(path);
  for (const name of new Set([...old, ...names])) {
    for (const grant of index.grantsByName.get(name) ?? []) {
      if (index.grantNames.get(grant)!.every((named) => index.ownersByName.has(named))) index.unmatchedGrants.delete(grant);
      else index.unmatchedGrants.add(grant);
    }
  }
}

/**
 * The client names a directory member's clients have (clientNamesRead) or its client grants name
 * (grantNamesRead), kept with its parse: the reverse index is built again after every edit of one file of a
 * directory of thousands, and reads only the edited file again. Keyed by path too (one parse, one path).
 */
const clientNamesRead = new WeakMap<ParsedFile, { readonly path: string; readonly names: readonly string[] }>();
const grantNamesRead = new WeakMap<ParsedFile, { readonly path: string; readonly names: readonly string[] }>();

function namesIn(
  member: Member,
  kept: WeakMap<ParsedFile, { readonly path: string; readonly names: readonly string[] }>,
  read: () => readonly (string | undefined)[],
): readonly string[] {
  const known = kept.get(member.parsed);
  if (known && known.path === member.path) return known.names;
  const names = read().filter((name): name is string => name !== undefined);
  kept.set(member.parsed, { path: member.path, names });
  return names;
}

const AUTH0_RESOURCES = ['auth0_client', 'auth0_client_credentials', 'auth0_client_grant'];
const holdsResourcesRead = new WeakMap<ParsedFile, boolean>();

/** Whether a Terraform file holds a client, credentials or client grant resource (kept with its parse). */
function holdsAuth0Resources(parsed: ParsedFile): boolean {
  let holds = holdsResourcesRead.get(parsed);
  if (holds === undefined) {
    holds = parsed.documents.some((doc) => AUTH0_RESOURCES.some((type) => resourcesOf(doc.root, type).length > 0));
    holdsResourcesRead.set(parsed, holds);
  }
  return holds;
}
