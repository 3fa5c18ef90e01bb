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
import { basename, dirname, join } from 'node:path';
import type { ParsedFile } from '../engine/model';
import { getValue } from '../engine/model';
import { findClients } from '../engine/discover';
import { findClientGrants } from '../engine/grants';
import type { LinkedFile, ProjectLinks } from '../engine/links';
import { clientsOfFile, linkDeployDirectory, linkTerraformModule } from '../engine/links';
import { clientReference, resourcesOf } from '../engine/terraform';
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
  readonly members: Map<string, Member>;
  /** Members (or folders) that could not be read, with the line that says so. */
  readonly problems: readonly SiblingProblem[];
  /** Terraform: every file of the module was read and parsed without a syntax error. */
  readonly complete: boolean;
  linksFull?: ProjectLinks;
  linksTenantOnly?: ProjectLinks;
  reverse?: ReverseIndex;
}

type ReverseIndex =
  | { readonly kind: 'terraform-module'; readonly edges: ReadonlyMap<string, ReadonlySet<string>> }
  | {
      readonly kind: 'deploy-directory';
      readonly tenant: string;
      /** tenant.json's dependents: every client and grant file read. */
      readonly tenantDependents: readonly string[];
      /** Client files read, with the names of the clients each holds. */
      readonly clientNames: ReadonlyMap<string, readonly string[]>;
      /** Grant files by the client name they give. */
      readonly grantsByName: ReadonlyMap<string, readonly string[]>;
      /** Grant files whose client name matches no client yet (any client file may gain that name). */
      readonly unmatchedGrants: readonly string[];
    };

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
   * The links to lint `path` with. A Terraform file gets its module; `clients/*.json` its directory's
   * tenant.json flags; `grants/*.json` those and the directory's clients by name. Problems reading siblings are
   * returned, each once per project (the first file asking gets them).
   */
  linksFor(path: string): FileLinks {
    const key = projectOf(path);
    if (!key) return { links: undefined, problems: [] };
    const project = this.project(key);
    const problems = this.takeProblems(project);
    if (key.kind === 'terraform-module') {
      // A file not on disk (a new, unsaved document) means the module on disk is not the whole module.
      if (!project.members.has(path)) return { links: linkTerraformModule(this.linked(project, project.paths), false), problems };
      project.linksFull ??= linkTerraformModule(this.linked(project, project.paths), project.complete);
      return { links: project.linksFull, problems };
    }
    // The member lists are filtered only when an index is built: once per directory, never per file.
    const tenant = () => this.linked(project, [join(key.dir, 'tenant.json')])[0];
    if (basename(dirname(path)) === 'grants') {
      const clientsDir = join(key.dir, 'clients');
      project.linksFull ??= linkDeployDirectory(tenant(), this.linked(project, project.paths.filter((p) => dirname(p) === clientsDir)));
      return { links: project.linksFull, problems };
    }
    project.linksTenantOnly ??= linkDeployDirectory(tenant(), []);
    return { links: project.linksTenantOnly, problems };
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
    project.reverse ??= reverseIndex(project);
    const reverse = project.reverse;
    if (reverse.kind === 'terraform-module') return [...(reverse.edges.get(path) ?? [])].sort();
    if (path === reverse.tenant) return reverse.tenantDependents;
    const names = reverse.clientNames.get(path);
    if (!names) return [];
    const dependents = new Set(reverse.unmatchedGrants);
    for (const name of names) for (const grant of reverse.grantsByName.get(name) ?? []) dependents.add(grant);
    return [...dependents].sort();
  }

  /**
   * Notes the text `path` holds now: when its project was read with another text for it (or without it), the
   * project is read again on the next question. Costs a lookup, so a scan may note every file it lints.
   */
  noteText(path: string, text: string): void {
    const key = projectOf(path);
    if (!key) return;
    const id = projectId(key);
    const project = this.projects.get(id);
    const member = project?.members.get(path);
    if (!project || member?.text === text) return;
    // A new file, or a module (small; whether it is whole may change): read again on the next question.
    const parsed = member && key.kind === 'deploy-directory' ? this.files.parse(path, text) : undefined;
    if (!parsed) {
      this.projects.delete(id);
      return;
    }
    // A file of a directory changed: only it is parsed again, and the indexes made from it are built again.
    project.members.set(path, { path, text, parsed });
    project.linksFull = undefined;
    project.reverse = undefined;
    if (isTenantJson(path, key.dir)) project.linksTenantOnly = undefined;
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
   * Reads one file of a project again after it changed, was created or deleted (an editor's edit, a change on
   * disk), keeping the rest of the project as read: a deploy-cli directory of thousands of files costs one read
   * and one parse, then its indexes are rebuilt once when next asked for. A Terraform module (a few files, whose
   * completeness depends on all of them) or a project that had read problems is read again whole. Nothing
   * happens for a project not read yet, or a path that is not one of its members.
   */
  refresh(path: string): void {
    const key = projectOf(path);
    if (!key) return;
    const id = projectId(key);
    const old = this.projects.get(id);
    if (!old) return;
    if (key.kind === 'terraform-module' || old.problems.length > 0) {
      this.projects.delete(id);
      return;
    }
    if (!isDeployMember(path, key.dir)) return;
    const members = new Map(old.members);
    members.delete(path);
    const problems: SiblingProblem[] = [];
    let exists = true;
    try {
      const text = this.files.read(path);
      const parsed = this.files.parse(path, text);
      if (parsed) members.set(path, { path, text, parsed });
    } catch (error) {
      const code = codeOf(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') exists = false;
      else {
        problems.push({ path, line: `cannot read '${path}' for links (${code})`, tooLarge: code === 'larger than the size limit' });
      }
    }
    const paths = old.paths.filter((p) => p !== path);
    if (exists) {
      paths.push(path);
      paths.sort();
    }
    const project: Project = { key, paths, members, problems, complete: old.complete };
    // The tenant-only links read tenant.json alone: a client or grant file's change keeps them.
    if (path !== join(key.dir, 'tenant.json') && old.linksTenantOnly) project.linksTenantOnly = old.linksTenantOnly;
    this.projects.set(id, project);
  }

  /** Whether the project `path` belongs to has been read (and not forgotten since). */
  hasProjectOf(path: string): boolean {
    const key = projectOf(path);
    return key !== undefined && this.projects.has(projectId(key));
  }

  /** The text of a member as the project last read it, or undefined when it is not read (or not a member). */
  textOf(path: string): string | undefined {
    const key = projectOf(path);
    return key ? this.projects.get(projectId(key))?.members.get(path)?.text : undefined;
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

  private readonly reportedProblems = new WeakSet<Project>();

  private takeProblems(project: Project): readonly SiblingProblem[] {
    if (this.reportedProblems.has(project)) return [];
    this.reportedProblems.add(project);
    return project.problems.filter((p) => this.options.problemsOfReportedFiles === true || !this.options.isReported(p.path));
  }

  private readProject(key: ProjectKey): Project {
    const problems: SiblingProblem[] = [];
    let complete = true;
    const paths: string[] = [];
    const list = (dir: string): readonly string[] => {
      try {
        return this.files.list(dir) ?? [];
      } catch (error) {
        problems.push({ path: dir, line: `cannot read folder '${dir}' (${codeOf(error)})`, tooLarge: false });
        complete = false;
        return [];
      }
    };
    if (key.kind === 'terraform-module') {
      for (const name of list(key.dir)) if (TERRAFORM.test(name)) paths.push(join(key.dir, name));
    } else {
      if (list(key.dir).includes('tenant.json')) paths.push(join(key.dir, 'tenant.json'));
      for (const folder of ['clients', 'grants']) {
        for (const name of list(join(key.dir, folder))) if (name.toLowerCase().endsWith('.json')) paths.push(join(key.dir, folder, name));
      }
    }
    paths.sort();
    const members = new Map<string, Member>();
    for (const path of paths) {
      let text: string;
      try {
        text = this.files.read(path);
      } catch (error) {
        problems.push({ path, line: `cannot read '${path}' for links (${codeOf(error)})`, tooLarge: error instanceof SiblingTooLargeError });
        complete = false;
        continue;
      }
      const parsed = this.files.parse(path, text);
      if (!parsed) {
        // A format without a reader yet: the module is not known whole, so no create-time method is assumed.
        complete = false;
        continue;
      }
      if (parsed.errors.some((e) => !e.exact)) {
        // Its own lint reports the syntax error; its links are still used where they were read.
        complete = false;
      }
      members.set(path, { path, text, parsed });
    }
    return { key, paths, members, problems, complete };
  }

  private linked(project: Project, paths: readonly string[]): LinkedFile[] {
    const out: LinkedFile[] = [];
    for (const path of paths) {
      const member = project.members.get(path);
      if (member) out.push({ path, text: member.text, parsed: member.parsed, reported: this.options.isReported(path) });
    }
    return out;
  }
}

function projectId(key: ProjectKey): string {
  return `${key.kind}:${key.dir}`;
}

function isTenantJson(path: string, dir: string): boolean {
  return path === join(dir, 'tenant.json');
}

/** Whether a path is one a deploy-cli directory reads: its tenant.json, or a JSON file of clients/ or grants/. */
function isDeployMember(path: string, dir: string): boolean {
  return isTenantJson(path, dir) || ((inFolder(path, dir, 'clients') || inFolder(path, dir, 'grants')) && path.toLowerCase().endsWith('.json'));
}

function inFolder(path: string, dir: string, folder: string): boolean {
  return dirname(path) === join(dir, folder);
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
 * Who depends on whom, from the links the engine uses. Terraform: a client's file and the files of its
 * credentials and client grants depend on one another; while the module is read whole, every file holding a
 * client depends on every other file (a credentials resource added anywhere changes its method). Directory:
 * every client file depends on tenant.json; a grant file depends on the client files holding the client it names
 * (and on every client file while the name matches none, since one may gain it).
 */
function reverseIndex(project: Project): ReverseIndex {
  const reverse = new Map<string, Set<string>>();
  const { key } = project;
  if (key.kind === 'terraform-module') {
    const clientFile = new Map<string, string>();
    const holdsClients: string[] = [];
    for (const member of project.members.values()) {
      const clients = findClients(asTerraformJson(member.path), member.parsed);
      if (clients.length > 0) holdsClients.push(member.path);
      for (const c of clients) if (c.resourceName !== undefined && !clientFile.has(c.resourceName)) clientFile.set(c.resourceName, member.path);
    }
    for (const member of project.members.values()) {
      for (const doc of member.parsed.documents) {
        for (const type of ['auth0_client_credentials', 'auth0_client_grant']) {
          for (const { body } of resourcesOf(doc.root, type)) {
            const target = clientReference(getValue(body, 'client_id'));
            const owner = target === undefined ? undefined : clientFile.get(target);
            if (owner) {
              addEdge(reverse, member.path, owner);
              addEdge(reverse, owner, member.path);
            }
          }
        }
      }
    }
    // Any file of the module may gain or lose a credentials resource: every client file depends on every file.
    for (const path of project.paths) for (const dependent of holdsClients) addEdge(reverse, path, dependent);
    return { kind: 'terraform-module', edges: reverse };
  }
  return directoryReverseIndex(project, key.dir);
}

/**
 * A deploy-cli directory's reverse index, built from each file's clients and grants as kept with its parsed file
 * (so after one file changed, only that file is read again): tenant.json's flags feed every client and grant file;
 * a grant file depends on the client files holding the client it names, and on every client file while the name
 * matches none (one may be given that name). Kept as names, not as an edge per pair, so thousands of files stay
 * linear.
 */
function directoryReverseIndex(project: Project, dir: string): ReverseIndex {
  const clientsDir = join(dir, 'clients');
  const grantsDir = join(dir, 'grants');
  const clientNames = new Map<string, string[]>();
  const known = new Set<string>();
  const grantsByName = new Map<string, string[]>();
  const tenantDependents: string[] = [];
  for (const path of project.paths) {
    const member = project.members.get(path);
    if (!member) continue;
    const folder = dirname(path);
    if (folder === clientsDir) {
      tenantDependents.push(path);
      const names: string[] = [];
      for (const client of clientsOfFile(path, member.parsed)) if (client.name !== undefined) names.push(client.name);
      clientNames.set(path, names);
      for (const name of names) known.add(name);
    } else if (folder === grantsDir) {
      tenantDependents.push(path);
      for (const grant of grantsOfFile(path, member.parsed)) {
        if (grant.clientName === undefined) continue;
        const list = grantsByName.get(grant.clientName) ?? [];
        if (list[list.length - 1] !== path) list.push(path);
        grantsByName.set(grant.clientName, list);
      }
    }
  }
  const unmatchedGrants = new Set<string>();
  for (const [name, grants] of grantsByName) if (!known.has(name)) for (const grant of grants) unmatchedGrants.add(grant);
  return { kind: 'deploy-directory', tenant: join(dir, 'tenant.json'), tenantDependents: tenantDependents.sort(), clientNames, grantsByName, unmatchedGrants: [...unmatchedGrants] };
}


const grantsRead = new WeakMap<ParsedFile, { readonly path: string; readonly grants: ReturnType<typeof findClientGrants> }>();

/** A grant file's client grants, kept with its parsed file so a rebuilt index re-reads only changed files. */
function grantsOfFile(path: string, parsed: ParsedFile): ReturnType<typeof findClientGrants> {
  const kept = grantsRead.get(parsed);
  if (kept && kept.path === path) return kept.grants;
  const grants = findClientGrants(path, parsed, () => false);
  grantsRead.set(parsed, { path, grants });
  return grants;
}

/** Discovery reads Terraform by the `.tf.json` suffix; an HCL file's model has the same shape. */
function asTerraformJson(path: string): string {
  return path.toLowerCase().endsWith('.tf.json') ? path : `${path}.json`;
}
