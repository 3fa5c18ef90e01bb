/**
 * `grantlint [paths or globs...]`: lints Auth0 client configs. Exit 0 clean, 1 errors (or too many warnings),
 * 2 usage, config or I/O problems, always with a one-line message and never a stack trace.
 */
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import packageJson from '../../../package.json';
import { ConfigError, ConfigFinder, expandTargets, issueText, isSymbolicLink, NotRegularFileError, readClientFile, realPathOf, resolveFileSettings, UsageError, type ReadFile } from '../workspace/index';
import { fixAll, type FixAllResult } from '../engine/fix/fix-all';
import type { UnsafeFixHeld } from '../service/finding-message';
import { tuneCompilerForOneRun } from './tiering';
import { formatOf, lintText, notesOutsideErrors, uncheckedFixNotes, type LintInput, type LintResult } from '../engine/lint';
import type { Format, Span } from '../engine/model';
import type { FileSettings } from '../engine/settings';
import { ALL_RULES, ruleById } from '../engine/rules/index';
import { didYouMean, severityMeant } from '../engine/did-you-mean';
import type { SeveritySetting } from '../engine/rules/api';
import { FileChangedError, ReadOnlyError } from './files';
import { diskFixTarget, MemoryFixTarget, type FixTarget } from './fix-target';
import { githubChunks } from './formatters/github';
import { jsonChunks } from './formatters/json';
import { sarifChunks } from './formatters/sarif';
import { fixedSummaryText, stylishChunks } from './formatters/stylish';
import { writeChunks } from './formatters/write';
import type { CliFinding, CliNote, FileReport } from './report';
import type { Finding } from '../engine/rules/api';
import { clientLookup, NO_RELATED, takesUnsafeFix, toCliFindings, totals } from './report';
import { clearableFindings } from './fixable';
import { fixAllKeepingDependents, type KeptFixAllResult, parseOfFixed } from './unsafe-elsewhere';
import { ClearedElsewhere, mayClearThroughOther } from './cleared-elsewhere';
import { elsewhereFixNotes, fileNotes, fixElsewhere, heldFixNotes, heldKey } from './notes';
import { fileNoteSpans } from '../service/notes';
import { excludedFolderText, folderWalked, ignoresMatchingNoFile, overridesMatchingNoFile, PointerOverrideTracker } from './override-notes';
import { LineIndex } from '../engine/text';
import { loadHclParser } from '../workspace/tree-sitter';
import { diskProjectFiles } from '../workspace/disk-project-files';
import { ProjectGraph, projectOf } from '../workspace/project-graph';

const HELP = `Usage: grantlint [options] [paths or globs...]

Checks Auth0 client configs (auth0-deploy-cli tenant.yaml, clients/*.json and grants/*.json,
Management API payloads, Terraform *.tf and *.tf.json) for invalid grant_types combinations
and client grants. Folders are walked; with no paths, the current folder is. A file is checked
with its Terraform module or deploy-cli directory (tenant.json, clients/, grants/) read for
links; only the files asked for are reported.

Options:
  --format <name>        stylish (default), json, sarif or github
  --fix                  apply safe fixes in place: the first safe fix of every finding, repeated
                         until nothing changes. Safe fixes never grant a client anything new.
                         With --format json, sarif or github, a line on stderr says what it fixed
  --unsafe-fixes         with --fix or --diff: also apply the preferred fix of every error and
                         warning when it is unsafe (adds grants, changes settings)
  --diff                 print the unified diff --fix would write (with --unsafe-fixes if given),
                         write nothing; exit 1 when the diff is not empty. With --fix too, --fix
                         is ignored (a line on stderr says so) and nothing is written; with
                         --format json, sarif or github, the format is not used (a line says so)
  --max-warnings <n>     exit 1 when there are more than n warnings; -1 (as in ESLint) sets no
                         limit, as when the option is not given
  --rule <id:severity>   set a rule's severity (off, hint, information, warning, error); repeatable
  --config <path>        use this config file instead of finding .grantlintrc.json files
  --max-file-size <n>    skip files larger than n bytes with one file-too-large warning
                         (default: no limit)
  --no-error-on-unmatched-pattern
                         skip a path or glob with no JSON, YAML or Terraform file to lint
                         instead of failing with exit 2
  --with-dependents      also check the files whose findings depend on the files given: the rest
                         of a Terraform module, the client and grant files of a deploy-cli directory
                         (the pre-commit hook passes only the staged files)
  --quiet                report errors only
  --no-color             no colours in the stylish output
  --version              print the version
  --help                 print this help

Exit codes: 0 no errors, 1 errors or too many warnings (with --diff: a diff was printed),
2 usage, config or I/O problem (including a path or glob with nothing to lint).
`;

const SEVERITY_SETTINGS: readonly string[] = ['off', 'hint', 'information', 'warning', 'error'];
const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
type FormatName = (typeof FORMATS)[number];

interface Options {
  readonly format: FormatName;
  readonly fix: boolean;
  /** --fix was given with --diff: ignored (--diff writes nothing), which the run says on stderr. */
  readonly fixIgnored: boolean;
  /** A machine format given with --diff: not used (--diff prints a diff), which the run says on stderr. */
  readonly formatIgnored: boolean;
  readonly unsafeFixes: boolean;
  readonly diff: boolean;
  readonly maxWarnings: number | undefined;
  readonly rules: ReadonlyMap<string, SeveritySetting>;
  readonly configPath: string | undefined;
  readonly maxFileSize: number;
  readonly quiet: boolean;
  readonly color: boolean;
  readonly errorOnUnmatchedPattern: boolean;
  /** Also check the files whose findings depend on the files given (ProjectGraph.dependentsOf), as if given. */
  readonly withDependents: boolean;
  readonly targets: readonly string[];
}

type Parsed = { kind: 'run'; options: Options } | { kind: 'print'; text: string };

/** The options that take a number, which may be negative (`--max-warnings -1`). */
const NUMBER_OPTIONS = new Set(['--max-warnings', '--max-file-size']);

/**
 * The arguments with a number option and a negative number after it joined (`--max-warnings -1` becomes
 * `--max-warnings=-1`): node's parseArgs refuses a value starting with a dash as ambiguous, so ESLint's
 * `--max-warnings -1` would fail, and a wrong negative size would not get the option's own message. After `--`
 * every argument is a path.
 */
function withNegativeNumbers(argv: readonly string[]): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return [...args, ...argv.slice(i)];
    const next = argv[i + 1];
    if (NUMBER_OPTIONS.has(arg) && next !== undefined && /^-\d/.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else args.push(arg);
  }
  return args;
}

function parseOptions(argv: readonly string[]): Parsed {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: withNegativeNumbers(argv),
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        fix: { type: 'boolean' },
        'unsafe-fixes': { type: 'boolean' },
        diff: { type: 'boolean' },
        'max-warnings': { type: 'string' },
        rule: { type: 'string', multiple: true },
        config: { type: 'string', short: 'c' },
        'max-file-size': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        'no-color': { type: 'boolean' },
        color: { type: 'boolean' },
        'no-error-on-unmatched-pattern': { type: 'boolean' },
        'with-dependents': { type: 'boolean' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    // Node's messages run on with advice about '--'; the first sentence is the point.
    const first = ((error as Error).message.split('\n')[0] ?? '').split('. ')[0] ?? '';
    throw new UsageError(`${first.charAt(0).toLowerCase()}${first.slice(1)} (see --help)`);
  }
  if (values.help) return { kind: 'print', text: HELP };
  if (values.version) return { kind: 'print', text: `${packageJson.version}\n` };
  if (values['unsafe-fixes'] && !values.fix && !values.diff) throw new UsageError('--unsafe-fixes needs --fix or --diff');
  const format = (values.format ?? 'stylish') as FormatName;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${values.format}' (expected ${FORMATS.join(', ')})`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = /^-?\d+$/.test(values['max-warnings']) ? Number(values['max-warnings']) : Number.NaN;
    if (!Number.isSafeInteger(maxWarnings) || maxWarnings < -1) throw new UsageError(`--max-warnings needs a whole number, or -1 for no limit, got '${values['max-warnings']}'`);
    // ESLint's -1: no limit.
    if (maxWarnings === -1) maxWarnings = undefined;
  }
  // No limit by default: in CI a file left unchecked is worse than a slow check.
  let maxFileSize = Number.POSITIVE_INFINITY;
  if (values['max-file-size'] !== undefined) {
    maxFileSize = Number(values['max-file-size']);
    if (!/^\d+$/.test(values['max-file-size']) || !Number.isSafeInteger(maxFileSize) || maxFileSize < 1) {
      throw new UsageError(`--max-file-size needs a whole number of bytes, at least 1, got '${values['max-file-size']}'`);
    }
  }
  const rules = ruleFlags(values.rule ?? []);
  const wantsColor = values.color ?? (process.stdout.isTTY === true && !process.env['NO_COLOR']);
  return {
    kind: 'run',
    options: {
      format,
      // As ruff's `check --fix --diff`: the diff is printed and nothing written, but not without a word.
      fix: (values.fix ?? false) && !values.diff,
      fixIgnored: values.fix === true && values.diff === true,
      formatIgnored: values.diff === true && format !== 'stylish',
      unsafeFixes: values['unsafe-fixes'] ?? false,
      diff: values.diff ?? false,
      maxWarnings,
      rules,
      configPath: values.config,
      maxFileSize,
      quiet: values.quiet ?? false,
      color: wantsColor && !values['no-color'],
      errorOnUnmatchedPattern: !values['no-error-on-unmatched-pattern'],
      withDependents: values['with-dependents'] ?? false,
      targets: positionals.length > 0 ? positionals : ['.'],
    },
  };
}

/**
 * The severities the `--rule id:severity` flags set, a later flag for a rule winning. Errors: UsageError with one
 * line per problem of every flag (not just the first), each with the name meant where one is close: an unknown
 * rule id, a severity that is not one (`warn` gets 'warning'; ESLint's 2 gets 'error'), a flag without `:`.
 */
function ruleFlags(specs: readonly string[]): Map<string, SeveritySetting> {
  const rules = new Map<string, SeveritySetting>();
  const problems: string[] = [];
  for (const spec of specs) {
    const at = spec.lastIndexOf(':');
    if (at <= 0) {
      problems.push(`--rule needs id:severity, got '${spec}'`);
      continue;
    }
    const id = spec.slice(0, at);
    const setting = spec.slice(at + 1);
    const known = ruleById(id) !== undefined;
    if (!known) problems.push(`unknown rule id '${id}' in --rule${didYouMean(id, ALL_RULES.map((rule) => rule.id))}`);
    if (!SEVERITY_SETTINGS.includes(setting)) problems.push(`--rule ${spec}: the severity must be one of ${SEVERITY_SETTINGS.join(', ')}${severityMeant(setting, SEVERITY_SETTINGS)}`);
    else if (known) rules.set(id, setting as SeveritySetting);
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return rules;
}

/**
 * The files whose findings depend on a file named outright (a staged credentials.tf: its client's file) and that
 * were not checked (nor ignored by the config), each with the named file it depends on, sorted: so a run on one
 * file does not pass them unseen.
 */
function uncheckedDependents(graph: ProjectGraph, named: ReadonlySet<string>, checked: ReadonlySet<string>, ignored: (path: string) => boolean): Map<string, string> {
  const unchecked = new Map<string, string>();
  for (const file of [...checked].sort()) {
    if (!named.has(file)) continue;
    // A file the config ignores is the user's choice, not something left unseen.
    for (const dependent of graph.dependentsOf(file)) if (!checked.has(dependent) && !unchecked.has(dependent) && !ignored(dependent)) unchecked.set(dependent, file);
  }
  return new Map([...unchecked].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** One stderr line about the unchecked dependents (uncheckedDependents): how many, and the first. Empty when none. */
function uncheckedDependentsLine(unchecked: ReadonlyMap<string, string>, cwd: string): string {
  if (unchecked.size === 0) return '';
  const first = [...unchecked.keys()][0]!;
  const one = unchecked.size === 1;
  const which = one ? `'${shownPath(first, cwd)}' depends` : `${unchecked.size} files (such as '${shownPath(first, cwd)}') depend`;
  return `grantlint: ${which} on the files given and ${one ? 'was' : 'were'} not checked; --with-dependents checks ${one ? 'it' : 'them'} too\n`;
}

/**
 * The reports with a note for each unchecked dependent, in the report of the file it depends on (JSON lists it,
 * SARIF as a notification), naming the dependent: a CI job reading those formats sees what was not checked.
 */
function withDependentNotes(reports: readonly FileReport[], unchecked: ReadonlyMap<string, string>, cwd: string): FileReport[] {
  if (unchecked.size === 0) return [...reports];
  const byFile = new Map<string, CliNote[]>();
  for (const [dependent, given] of unchecked) {
    const file = shownPath(given, cwd);
    const note: CliNote = {
      file: shownPath(dependent, cwd),
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      ruleId: null,
      severity: 'information',
      message: `Not checked: its findings depend on '${file}'; --with-dependents checks it too`,
      fixable: false,
      safelyFixable: false,
      client: null,
      related: NO_RELATED,
    };
    byFile.set(file, [...(byFile.get(file) ?? []), note]);
  }
  return reports.map((report) => {
    const notes = byFile.get(report.file);
    return notes ? { ...report, notes: [...(report.notes ?? []), ...notes] } : report;
  });
}

/**
 * A path as the report shows it: relative to `cwd` with `/` separators, or absolute when outside `cwd`. Both are
 * absolute, normalised paths (resolved by the walk): a file below `cwd` is its tail, without `path.relative`'s
 * work per file.
 */
/**
 * How messages and notes about `path` name another file of its project: relative to the project's folder
 * (workspace/project-graph.ts projectOf: a Terraform module's or a deploy-cli tenant's), with `/`; a file outside it,
 * or any file of a path in no project, as `fallback` names it.
 */
function projectNamer(path: string, fallback: (path: string) => string): (other: string) => string {
  const folder = projectOf(path)?.dir;
  if (folder === undefined) return fallback;
  return (other) => {
    const rel = relative(folder, other);
    return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? fallback(other) : rel.split(sep).join('/');
  };
}

function shownPath(file: string, cwd: string): string {
  const prefix = cwd.endsWith(sep) ? cwd : cwd + sep;
  if (file.startsWith(prefix) && sep === '/') return file.slice(prefix.length);
  const rel = relative(cwd, file);
  return (rel.startsWith('..') ? file : rel).split(sep).join('/');
}

/**
 * `real` (a path with every symbolic link resolved) as the CLI shows paths: relative to the working directory when
 * inside it, the working directory's links resolved too (`realCwd`, so a run from a linked folder still shows
 * relative paths).
 */
function shownRealPath(real: string, cwd: string, realCwd: string): string {
  return shownPath(real, real === cwd || real.startsWith(cwd.endsWith(sep) ? cwd : cwd + sep) ? cwd : realCwd);
}

/**
 * One line for each path that reached a reported file through a symbolic link (the path itself a link, or a linked
 * folder on its way): the path the report names (`reported`: path walked to real path), or another that reached the
 * same file (`aliases`: real path to the paths skipped). The report names the path walked first, while --fix writes
 * and --diff's headers name the file the link leads to, linted once however many paths reach it.
 */
function linkNotes(reported: ReadonlyMap<string, { readonly real: string }>, aliases: ReadonlyMap<string, readonly string[]>, cwd: string): string {
  let lines = '';
  // Resolved once: resolving it per file walked every folder of the working directory's path again, per file.
  const realCwd = realPathOf(cwd) ?? cwd;
  for (const [file, { real }] of reported) {
    const target = shownRealPath(real, cwd, realCwd);
    for (const path of [file, ...(aliases.get(real) ?? [])]) {
      const shown = shownPath(path, cwd);
      if (shown === target) continue;
      const link = isSymbolicLink(path);
      // A file reached through a linked folder is named only when another path reached it too: a folder given
      // through a linked path (a checkout's `shared -> /srv/shared`) would otherwise get a line per file.
      if (!link && path === file && (aliases.get(real)?.length ?? 0) === 0) continue;
      const how = link ? 'is a symbolic link to' : 'leads through a symbolic link to';
      lines += `grantlint: '${shown}' ${how} '${target}': linted once, reported as '${shownPath(file, cwd)}'\n`;
    }
  }
  return lines;
}

/**
 * What a run prints: `stdout` is rendered as it is read (once), so the caller writes it in pieces rather than
 * holding it whole; `stderr` is short (one line per problem).
 */
export interface RunOutcome {
  readonly stdout: Iterable<string>;
  readonly stderr: string;
  readonly exitCode: number;
}

export async function run(argv: readonly string[], cwd = process.cwd()): Promise<RunOutcome> {
  const parsed = parseOptions(argv);
  if (parsed.kind === 'print') return { stdout: [parsed.text], stderr: '', exitCode: 0 };
  const options = parsed.options;
  let stderr = options.fixIgnored ? 'grantlint: --diff writes nothing: --fix is ignored (the diff shows what --fix would write)\n' : '';
  if (options.formatIgnored) stderr += `grantlint: --diff prints a unified diff: --format ${options.format} is not used\n`;
  const finder = new ConfigFinder(options.configPath);
  // A broken --config fails the run before any file is walked.
  if (options.configPath !== undefined) finder.config(cwd);
  const expanded = expandTargets(options.targets, cwd);
  const { files, problems, unmatched, skipped, configFiles } = expanded;
  // Grown by the files a named config file configures (--with-dependents).
  const realPaths = new Map(expanded.realPaths);
  const walked = [...expanded.walked];
  // A file's settings under its config, undefined when the config's `ignore` excludes it.
  // Asked again for a module's files each time its index is built: resolved once per file.
  const settingsCache = new Map<string, FileSettings | undefined>();
  const settingsFor = (file: string): FileSettings | undefined => {
    if (!settingsCache.has(file)) settingsCache.set(file, resolveFileSettings(finder.config(file), file, { rules: options.rules }));
    return settingsCache.get(file);
  };
  // A folder or glob whose every file the config ignores has nothing to lint either (as ESLint says of a pattern
  // whose files are all ignored). Decided at its first file the config keeps, so a normal run checks one file.
  for (const { target, folder, files: found } of walked) {
    if (found.length === 0 || found.some((file) => settingsFor(file) !== undefined)) continue;
    const configFile = finder.config(found[0]!).file;
    const where = folder ? `file in '${target}'` : `file matching '${target}'`;
    unmatched.push(`every ${where} is ignored by the "ignore" patterns of ${configFile === undefined ? 'the config' : `'${shownPath(configFile, cwd)}'`}`);
  }
  // Entries the walks passed over, named even when the run fails for want of files (they may be why).
  let skippedLines = '';
  for (const s of skipped) {
    const why =
      s.kind === 'special'
        ? `not a regular file (${s.what})`
        : s.kind === 'broken-link'
          ? `a broken symbolic link to '${s.link}' (${s.code === 'ENOENT' ? 'no such file' : s.code})`
          : `a symbolic link to '${shownPath(s.target, cwd)}', outside the folder walked (links are followed only inside it)`;
    skippedLines += `grantlint: skipped '${shownPath(s.path, cwd)}': ${why}\n`;
  }
  // Nothing checked is not a pass: a path with nothing to lint fails the run before anything is linted.
  if (unmatched.length > 0 && options.errorOnUnmatchedPattern) {
    // The config's idle `ignore` patterns may be why every file is ignored (a negation inside a folder left out).
    const ignoreNotes = ignoresMatchingNoFile(walked, cwd, (file) => finder.config(file), (path) => shownPath(path, cwd));
    return { stdout: [], stderr: stderr + skippedLines + unmatched.map((line) => `grantlint: ${line}\n`).join('') + ignoreNotes, exitCode: 2 };
  }
  // A config file named (a commit that changes only it, as pre-commit passes it) is checked: a broken one fails the
  // run; with --with-dependents the files it configures are checked too, as if given.
  const configured = options.configPath === undefined ? configFiles.map((path) => configuredFiles(path, cwd, finder)) : [];
  const given = new Set(files);
  // Without --with-dependents, the files it configures that are not among those given (a hint names them).
  const counts = configured.map((found) => (options.withDependents ? found.files.length : found.files.filter((file) => !given.has(file)).length));
  for (const found of configured) {
    if (!options.withDependents) continue;
    for (const file of found.files) {
      if (given.has(file)) continue;
      given.add(file);
      files.push(file);
    }
    for (const [file, real] of found.realPaths) realPaths.set(file, real);
    walked.push(...found.walked);
  }
  files.sort();
  let ioProblem = problems.length > 0;
  // json, SARIF and github carry the notes (README, Command line): a file's (not with --quiet, which lists errors
  // only) and the unchecked dependents'. --diff prints none of those formats.
  const machine = options.format !== 'stylish' && !options.diff;
  const machineNotes = machine && !options.quiet;
  // Terraform HCL is read with tree-sitter's WebAssembly, loaded only when a Terraform file is to be linted (a
  // .tf.json file's module may hold .tf files, read for links).
  if (files.some((file) => /\.tf(\.json)?$/i.test(file))) {
    try {
      await loadHclParser();
    } catch (error) {
      throw new UsageError((error as Error).message.split('\n')[0]!);
    }
  }
  problems.forEach((p) => (stderr += `grantlint: ${p}\n`));
  stderr += skippedLines;
  stderr += configFileNotes(configFiles, options.configPath === undefined ? counts : undefined, options.withDependents, (path) => options.configPath !== undefined && resolve(cwd, path) === resolve(cwd, options.configPath));

  const reports: FileReport[] = [];
  const fixesInMemory = options.diff ? new MemoryFixTarget() : undefined;
  const fixTarget = fixesInMemory ?? diskFixTarget();
  let checked = 0;
  // Linking: a file's module or tenant siblings are read for links, but only the files asked for are reported.
  // A file the config ignores is not reported, but it is still read for links: Terraform applies it, and a finding
  // about a value in it is shown on the client it concerns (as for any sibling not asked for).
  const settingsOf = new Map(files.map((file) => [file, settingsFor(file)] as const));
  const askedFor = new Set(files.filter((file) => settingsOf.get(file) !== undefined));
  // A sibling's settings configure its findings shown on a file asked for (a run on main.tf alone honours the
  // overrides that credentials.tf has).
  // What the graph read of a file asked for, taken by the loop below when it reaches it (each file read once).
  const graphReads = new Map<string, ReadFile>();
  const graph = new ProjectGraph(diskProjectFiles(options.maxFileSize, undefined, graphReads), { isReported: (path) => askedFor.has(path), settingsOf: (path) => settingsFor(path) });
  // A staged credentials.tf, tenant.json or client file changes the findings of files not staged: those are
  // checked too, as if given (before any links are made, since where a finding is shown depends on what is).
  if (options.withDependents) {
    // From every file given, even one the config ignores: its dependents (a module's client files) are not ignored.
    for (const file of [...settingsOf.keys()]) {
      for (const dependent of graph.dependentsOf(file)) {
        if (settingsOf.has(dependent)) continue;
        const settings = settingsFor(dependent);
        settingsOf.set(dependent, settings);
        if (settings !== undefined) askedFor.add(dependent);
      }
    }
    files.splice(0, files.length, ...[...settingsOf.keys()].sort());
  }
  // A file reached twice (through a link inside the walked tree) is linted, and fixed, once.
  const seen = new Set<string>();
  // The other paths that reached a file linted once (by its real path), each named on stderr (linkNotes).
  const aliases = new Map<string, string[]>();
  // For --fix: the files fixed, and every file reported, so that those depending on a fixed file are linted again.
  const fixedFiles: string[] = [];
  // For --fix's summary: the findings before any fix (by file, rule and client), and the files fixes changed.
  const findingsBefore = new Map<string, number>();
  const settledFiles: string[] = [];
  // --fix's summary counts the findings gone; a file fixed early changes the findings of files linted after it, so
  // where files are linked those are counted from a lint before any fix (a single file needs none: its first lint is).
  // The files linted below before the first fix is written take this lint, not a second one.
  const lintedBeforeFixes = new Map<string, { readonly text: string; readonly result: LintResult }>();
  if (options.fix && files.length > 1) {
    const counted = new Set<string>();
    for (const file of files) {
      const settings = settingsOf.get(file);
      const format = formatOf(file);
      const real = realPaths.get(file) ?? realPathOf(file) ?? file;
      if (!settings || !format || counted.has(real)) continue;
      counted.add(real);
      let read: ReadFile;
      try {
        read = readClientFile(real, { maxFileSize: options.maxFileSize });
      } catch {
        continue; // the run below says why
      }
      const input = lintInputFor(file, read, format, settings, graph, graph.linksOnlyFor(file));
      const result = lintText(input);
      lintedBeforeFixes.set(file, { text: read.text, result });
      if (!read.tooLarge) graph.adopt(file, read.text, result.parsed);
      if (result.isClientConfig) countFindings(findingsBefore, fileReportFindings(shownPath(file, cwd), input, result, options.quiet));
    }
  }
  const reported = new Map<string, ReportedFile>();
  // Files whose fixes could not be written: a rerun may fail on them again, so nothing is said to clear through them.
  const unwritable = new Set<string>();
  // Findings that fix all on another file of the run clears (a client grant whose client's file gets client_credentials).
  const clearing = new ClearedElsewhere(graph, settingsFor, (path) => askedFor.has(path) && !unwritable.has(path));
  // With --fix or --diff: each file's findings whose fix edits another file, as lines, kept up to date by the relint rounds.
  const elsewhereNotes = new Map<string, string>();
  // With --diff --unsafe-fixes: each file's findings whose unsafe fix is held out of the diff, as lines (heldFixLines),
  // placed in its text as read (kept here), kept up to date by the relint rounds.
  const diffHeld = options.diff && options.unsafeFixes ? { notes: new Map<string, string>(), originals: new Map<string, OriginalLint>() } : undefined;
  const pointerOverrides = new PointerOverrideTracker();
  // Files named outright (not found by walking a folder): one the config ignores is named as skipped, never dropped
  // without a word (a pre-commit hook passes every staged file, so this is a note, not an error).
  const named = new Set(options.targets.map((target) => resolve(cwd, target)));
  // The advice for each negation that keeps one of them out is worked out over all of them, so that it all may be written.
  const skippedNamed = files.filter((file) => named.has(file) && !settingsOf.get(file));
  for (const file of files) {
    const settings = settingsOf.get(file);
    if (!settings) {
      const config = finder.config(file);
      if (named.has(file)) {
        // A negation meant to keep it, inside a folder left out, is why it is skipped.
        const blocked = config.ignore.blockedNegation(file, skippedNamed);
        const why = blocked ? `; ${JSON.stringify(blocked.negation)} cannot re-include it: ${excludedFolderText(blocked.folder)}` : '';
        stderr += `grantlint: skipped '${shownPath(file, cwd)}': ignored by the "ignore" patterns of ${config.file === undefined ? 'the config' : `'${shownPath(config.file, cwd)}'`}${why}\n`;
      }
      continue;
    }
    const format = formatOf(file);
    if (!format) throw new UsageError(`'${shownPath(file, cwd)}' is not a JSON, YAML or Terraform file`);
    // Read and written at its real path: a fix replaces the file a link points to, never the link itself.
    const real = realPaths.get(file) ?? realPathOf(file) ?? file;
    if (seen.has(real)) {
      aliases.set(real, [...(aliases.get(real) ?? []), file]);
      continue;
    }
    seen.add(real);
    let text: string;
    let read: ReadFile;
    try {
      // Read by the graph for an earlier file's links: no file is written before its own turn here.
      const readForLinks = graphReads.get(real);
      graphReads.delete(real);
      read = readForLinks ?? readClientFile(real, { maxFileSize: options.maxFileSize });
      text = read.text;
    } catch (error) {
      const reason = readFailure(error);
      stderr += `grantlint: cannot read '${shownPath(file, cwd)}' (${reason})\n`;
      ioProblem = true;
      continue;
    }
    checked++;
    // A file over the size limit was read only in part, and is reported, not parsed.
    const project = graph.linksFor(file);
    // A sibling that cannot be read may hide findings (a credentials resource, a grant's client): never silent.
    // One over --max-file-size is the user's choice (a note, as a file asked for gets a warning); others exit 2.
    for (const problem of project.problems) {
      stderr += `grantlint: ${problem.line.replace(`'${problem.path}'`, `'${shownPath(problem.path, cwd)}'`)}\n`;
      if (!problem.tooLarge) ioProblem = true;
    }
    const input = lintInputFor(file, read, format, settings, graph, project.links);
    const earlier = fixedFiles.length === 0 ? lintedBeforeFixes.get(file) : undefined;
    let result = earlier?.text === text ? earlier.result : lintText(input);
    // Read and parsed once: a grant file's links take this client file from here.
    if (!read.tooLarge) graph.adopt(file, text, result.parsed);
    if (result.isClientConfig) {
      pointerOverrides.add(file, settings, result.parsed);
      pointerOverrides.addSiblings(project.links?.files ?? [], settingsFor);
    }
    let finalText = text;
    // --diff: what --fix would write; nothing is written (the fix rounds run on fixTarget, in memory).
    if (options.diff && !result.isClientConfig) continue;
    // A list too long for its fixes to be checked is named when fixes are asked for (the report says "fixable" no).
    const notesOf = (noted: string, about: LintResult): string =>
      noteLines(shownPath(file, cwd), noted, fileNoteSpans({ ...input, text: noted }, about, (path) => shownPath(path, cwd), options.fix || options.diff));
    // json, SARIF and github list the file's notes themselves (fileReport; not with --quiet): stderr gets only the
    // notes they do not carry, those on fixes not checked (--fix), which the report gives as "fixable" no.
    // Those are the notes fileNoteSpans adds for --fix (engine/lint.ts uncheckedFixNotes), taken alone.
    const uncarriedNotesOf = (noted: string, about: LintResult): string =>
      options.fix ? noteLines(shownPath(file, cwd), noted, notesOutsideErrors(uncheckedFixNotes(about), about, noted)) : '';
    // --diff gives the notes of the text as it is: how the file was read is part of what the diff means.
    if (options.diff) stderr += notesOf(text, result);
    if (options.fix && files.length === 1 && result.isClientConfig) countFindings(findingsBefore, fileReportFindings(shownPath(file, cwd), input, result, options.quiet));
    if ((options.fix || options.diff) && result.isClientConfig) {
      const fixed = fixInPlace(input, real, read.validUtf8, options.unsafeFixes, graph, fixTarget, settingsFor);
      if (diffHeld) {
        const original = { text, result };
        diffHeld.originals.set(file, original);
        diffHeld.notes.set(file, heldFixLines(file, original, result, fixed, cwd));
      }
      if (fixed.kind === 'failed') {
        stderr += `grantlint: ${options.diff ? 'would not fix' : 'did not fix'} '${shownPath(file, cwd)}': ${fixed.reason}\n`;
        unwritable.add(file);
        ioProblem = true;
      } else if (fixed.kind === 'written') {
        // Files reported before it are linted again after the loop.
        fixedFiles.push(file);
        result = fixed.result;
        finalText = fixed.text;
      }
    }
    if (!options.diff) stderr += machineNotes ? uncarriedNotesOf(finalText, result) : notesOf(finalText, result);
    if ((options.fix || options.diff) && result.isClientConfig) elsewhereNotes.set(file, elsewhereFixLines(file, { ...input, text: finalText }, result, cwd, clearing, options.unsafeFixes));
    // Its place in the report (the same as the order in which files were linted: --diff makes no report).
    reported.set(file, { real, settings, format, at: reported.size });
    // --diff prints no report (so none is made: counting fixes runs fix all again).
    if (!options.diff) reports.push(fileReport(shownPath(file, cwd), { ...input, text: finalText }, result, options, cwd, () => unsafeFixAllFor(file, graph, settingsFor), clearing));
  }
  if (fixedFiles.length > 0) {
    const settled = relintDependents(fixedFiles, { graph, reported, reports, options, cwd, fixTarget, elsewhereNotes, diffHeld, settingsFor, clearing, unwritable });
    stderr += settled.stderr;
    settledFiles.push(...settled.fixedFiles);
    if (settled.ioProblem) ioProblem = true;
  }

  stderr += linkNotes(reported, aliases, cwd);
  // Once every round is over, so each line is about the file as the run leaves it.
  for (const file of reported.keys()) stderr += (elsewhereNotes.get(file) ?? '') + (diffHeld?.notes.get(file) ?? '');
  stderr += pointerOverrides.notes((path) => shownPath(path, cwd), folderWalked(walked, cwd));
  stderr += overridesMatchingNoFile(walked, cwd, (file) => finder.config(file), (path) => shownPath(path, cwd));
  stderr += ignoresMatchingNoFile(walked, cwd, (file) => finder.config(file), (path) => shownPath(path, cwd));
  if (checked === 0 && !ioProblem) stderr += `grantlint: no files were linted\n`;
  let shown: FileReport[] = reports;
  if (!options.withDependents) {
    const unchecked = uncheckedDependents(graph, named, askedFor, (path) => settingsFor(path) === undefined);
    // The machine formats list each unchecked dependent as a note (withDependentNotes): stderr would repeat them.
    // With --quiet they list errors only, and this note stays on stderr with the run's other notes.
    if (!machineNotes) stderr += uncheckedDependentsLine(unchecked, cwd);
    shown = machine && !machineNotes ? reports : withDependentNotes(reports, unchecked, cwd);
  }
  if (fixesInMemory) {
    // Headed by the file a fix writes (a link's target), so that patch and git apply change that file, not refuse the link.
    const realCwd = realPathOf(cwd) ?? cwd;
    const diff = [...reported].map(([, { real }]) => diffOf(shownRealPath(real, cwd, realCwd), fixesInMemory, real)).join('');
    return { stdout: [diff], stderr, exitCode: ioProblem ? 2 : diff.length > 0 ? 1 : 0 };
  }
  const fixed = options.fix ? { problems: problemsCleared(findingsBefore, reports), files: new Set([...fixedFiles, ...settledFiles]).size } : undefined;
  // The machine formats list what remains; what --fix wrote is said beside them, as stylish's summary says it.
  const fixedText = fixed && options.format !== 'stylish' ? fixedSummaryText(fixed) : undefined;
  if (fixedText) stderr += `grantlint: ${fixedText}\n`;
  const stdout =
    options.format === 'json'
      ? jsonChunks(shown)
      : options.format === 'sarif'
        ? sarifChunks(shown, packageJson.version, cwd)
        : options.format === 'github'
          ? githubChunks(shown, cwd)
          : stylishChunks(shown, checked, options.color, fixed);
  const t = totals(reports);
  const warnings = t.warning + reports.reduce((sum, r) => sum + (r.hiddenWarnings ?? 0), 0);
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooManyWarnings) {
    const hidden = warnings - t.warning;
    stderr += `grantlint: ${warnings} warning${warnings === 1 ? '' : 's'}${hidden > 0 ? ` (${hidden} not shown: --quiet)` : ''}, more than --max-warnings ${options.maxWarnings}\n`;
  }
  const exitCode = ioProblem ? 2 : t.error > 0 || tooManyWarnings ? 1 : 0;
  return { stdout, stderr, exitCode };
}

class NotUtf8Error extends Error {}

/**
 * Notes as `path:line:col: message` lines, in file order: attributes a Terraform client sets where the provider no
 * longer reads them (engine/moved-attributes.ts), clients whose findings get no fixes because their grant list is
 * too long to check them (uncheckedFixNotes). Neither may pass unseen.
 */
function noteLines(file: string, text: string, unsorted: readonly { readonly span: Span; readonly message: string }[]): string {
  if (unsorted.length === 0) return '';
  const notes = [...unsorted].sort((a, b) => a.span.start - b.span.start);
  const index = new LineIndex(text);
  return notes
    .map((note) => {
      const at = index.positionAt(note.span.start);
      return `grantlint: ${file}:${at.line + 1}:${at.character + 1}: ${note.message}\n`;
    })
    .join('');
}

/**
 * With --fix or --diff, a line for each finding of `file` (`input` holding its final text, linted as `result`) whose
 * fix edits another file (cli/notes.ts elsewhereFixNotes): those fixes are left, and the run must say so, and say
 * which run clears the finding all the same by fixing that file (`clearing`; with safe fixes only, unless the run
 * took `unsafe` ones already: a finding they left, they do not clear).
 */
function elsewhereFixLines(file: string, input: LintInput, result: LintResult, cwd: string, clearing: ClearedElsewhere, unsafe: boolean): string {
  const anyElsewhere = result.findings.some((finding) => fixElsewhere(finding) !== undefined);
  const through = anyElsewhere ? clearing.clearedThrough(input, result, { unsafe: !unsafe }) : [];
  const byFinding = new Map(result.findings.map((finding, i) => [finding, through[i]] as const));
  return noteLines(shownPath(file, cwd), input.text, elsewhereFixNotes(result, input.links, (path) => shownPath(path, cwd), (finding) => byFinding.get(finding)));
}

/** A file's text as the run read it, and its lint: what --diff's lines place findings in (a plain lint's places). */
interface OriginalLint {
  readonly text: string;
  readonly result: LintResult;
}

/**
 * With --diff --unsafe-fixes, a line for each finding of `file` whose unsafe fix the fix run (`fixed`, started from
 * the text linted as `before`) held, so the diff leaves it out (cli/notes.ts heldFixNotes), at its place in the file
 * as read (`original`), where a plain lint reports it: the diff is of that text. In a relint round (`before` is the
 * text earlier fixes left) a finding is placed at the original's finding of the same rule, severity and client.
 * None when the file could not be fixed (the run says why, and the diff leaves the whole file out).
 */
function heldFixLines(file: string, original: OriginalLint, before: LintResult, fixed: FixOutcome, cwd: string): string {
  if (fixed.kind === 'failed' || !fixed.held || !fixed.fixedResult) return '';
  const notes = heldFixNotes(before, fixed.fixedResult, fixed.held, (path) => shownPath(path, cwd));
  if (notes.length === 0) return '';
  if (before === original.result) return noteLines(shownPath(file, cwd), original.text, notes.map((note) => ({ span: note.finding.span, message: note.message })));
  const clientOf = clientLookup(original.result);
  const spans = new Map<string, Span[]>();
  for (const finding of original.result.findings) {
    const client = clientOf(finding);
    const key = heldKey(finding.ruleId, finding.severity, client?.name ?? client?.resourceName);
    spans.set(key, [...(spans.get(key) ?? []), finding.span]);
  }
  const placed = notes.flatMap((note) => {
    const span = spans.get(note.key)?.shift();
    return span ? [{ span, message: note.message }] : [];
  });
  return noteLines(shownPath(file, cwd), original.text, placed);
}

/**
 * One line for each config file named as a path (`counts`: how many client config files each configures, with
 * --with-dependents, or else how many of those were not given; undefined under --config, where `isGivenConfig`
 * tells the --config file itself from others): it is not linted itself, and with --with-dependents the files it
 * configures are checked instead.
 */
function configFileNotes(configFiles: readonly string[], counts: readonly number[] | undefined, withDependents: boolean, isGivenConfig: (path: string) => boolean): string {
  return configFiles
    .map((path, i) => {
      const count = counts?.[i];
      if (count === undefined && isGivenConfig(path)) return `grantlint: '${path}' is the config file given with --config: it configures every file and is not linted\n`;
      if (count === undefined) return `grantlint: '${path}' is a Grantlint config file, not the one in use (--config): it is not linted\n`;
      const files = `${count} file${count === 1 ? '' : 's'}`;
      return withDependents
        ? `grantlint: '${path}' is a Grantlint config file: it is valid and not linted itself; the ${files} it configures ${count === 1 ? 'is' : 'are'} checked (--with-dependents)\n`
        : count === 0
          ? `grantlint: '${path}' is a Grantlint config file: it is valid and not linted itself\n`
          : `grantlint: '${path}' is a Grantlint config file: it is valid and not linted itself; it configures ${files} beside and below it not given here, which --with-dependents checks too\n`;
    })
    .join('');
}

/**
 * The client config files a config file named on the command line (`path`, as given) configures: those in its
 * folder and below whose nearest config file it is. Loading it first throws its ConfigError when it is broken
 * (an unknown rule id, bad JSON), so a commit that changes only the config is checked.
 */
function configuredFiles(path: string, cwd: string, finder: ConfigFinder): Pick<ReturnType<typeof expandTargets>, 'files' | 'realPaths' | 'walked'> {
  const absolute = resolve(cwd, path);
  finder.config(absolute);
  const found = expandTargets([relative(cwd, dirname(absolute)) || '.'], cwd);
  const files = found.files.filter((file) => finder.config(resolve(cwd, file)).file === absolute && resolveFileSettings(finder.config(file), file, {}) !== undefined);
  return { files, realPaths: found.realPaths, walked: found.walked };
}

/** A file the run reported: where it is read and written, how it is linted, and its place in the reports. */
interface ReportedFile {
  readonly real: string;
  readonly settings: FileSettings;
  readonly format: Format;
  readonly at: number;
}

/**
 * The findings (of result.findings) whose every fix an anchor withholds and that `--fix` clears all the same
 * (`bySafe`, per finding of `shown`, which is `all` or its errors), or undefined when there are none.
 */
function clearedWithoutOwnFix(result: LintResult, all: readonly CliFinding[], shown: readonly CliFinding[], bySafe: readonly boolean[]): Set<Finding> | undefined {
  let freed: Set<Finding> | undefined;
  shown.forEach((cli, i) => {
    if (!bySafe[i] || cli.fixable) return;
    const finding = result.findings[all.indexOf(cli)];
    if (finding?.fixesWithheldByAnchor) (freed ??= new Set()).add(finding);
  });
  return freed;
}

/**
 * `through` (per finding of the lint, parallel to `everything`, its CLI findings) for the findings of `shown` (`everything`
 * or its errors, in order).
 */
function throughByShown<T>(everything: readonly CliFinding[], shown: readonly CliFinding[], through: readonly T[]): (T | undefined)[] {
  if (shown.length === everything.length) return [...through];
  const at = new Map(everything.map((finding, i) => [finding, i] as const));
  return shown.map((finding) => through[at.get(finding) ?? -1]);
}

/**
 * A file's report from its lint result; `input` holds the file's text as it is on disk now. Its "can be fixed"
 * flags and counts are what fix all would really clear on a rerun (cli/fixable.ts), not every finding with a fix.
 * `cwd`: what other files named in its notes are shown relative to.
 */
function fileReport(
  file: string,
  input: LintInput,
  result: LintResult,
  options: Pick<Options, 'quiet' | 'format' | 'fix' | 'unsafeFixes'>,
  cwd: string,
  unsafeFixAllOf: () => ((input: LintInput) => KeptFixAllResult) | undefined,
  clearing?: ClearedElsewhere,
): FileReport {
  const quiet = options.quiet;
  // Another file a message or note names is named from the project's folder (`credentials.tf`, `clients/Admin.json`),
  // as the editor names it: the text does not change with the folder the CLI runs from.
  const named = projectNamer(input.path, (path) => shownPath(path, cwd));
  // Fix all with unsafe fixes, kept for dependents, run once on this text at most (the count and the notes share it).
  // Asked only where used: it asks the project for the file's dependents, and after each file --fix writes that
  // rebuilds the directory's reverse index (--fix on 5,000 clients took 100 s of CPU instead of 9).
  const countUnsafe = options.format === 'stylish';
  const keeping = countUnsafe || (options.fix && options.unsafeFixes) ? unsafeFixAllOf() : undefined;
  const kept = new Map<LintInput['fixChecks'], KeptFixAllResult>();
  const keptRun = (fixInput: LintInput, run: (fixInput: LintInput) => KeptFixAllResult): KeptFixAllResult => {
    if (fixInput.text !== input.text) return run(fixInput);
    const done = kept.get(fixInput.fixChecks) ?? run(fixInput);
    kept.set(fixInput.fixChecks, done);
    return done;
  };
  const unsafeFixAll = keeping && ((fixInput: LintInput): KeptFixAllResult => keptRun(fixInput, keeping));
  // After --fix --unsafe-fixes, a finding left because its unsafe fix would break a client grant (in another file or
  // this one) or raise a new problem on its client says so: it is still fixable, and nothing else would tell why.
  const unsafeHeldFor = options.fix && options.unsafeFixes && result.isClientConfig ? heldUnsafeFixes(input, result, unsafeFixAll) : undefined;
  const held = unsafeHeldFor && unsafeHeldFor.size > 0 ? { unsafeHeldFor } : {};
  let everything = toCliFindings(file, input.text, result, (path) => shownPath(path, cwd), { named, ...held });
  let all = quiet ? everything.filter((f) => f.severity === 'error') : everything;
  // --quiet hides warnings, but a --max-warnings budget still counts them (a gate must not pass on what it hides).
  const hiddenWarnings = quiet ? everything.filter((f) => f.severity === 'warning').length : 0;
  // Only the stylish summary says how many more `--unsafe-fixes` would fix (report.ts totals).
  const clearable = result.isClientConfig ? clearableFindings(file, input, all, result, { unsafe: countUnsafe, ...(countUnsafe && unsafeFixAll ? { unsafeFixAll } : {}) }) : undefined;
  // A finding an anchor leaves with no fix of its own, which --fix clears all the same: its note says so.
  const freed = clearable ? clearedWithoutOwnFix(result, everything, all, clearable.bySafe) : undefined;
  if (freed) {
    everything = toCliFindings(file, input.text, result, (path) => shownPath(path, cwd), { clearedByFixAll: freed, named, ...held });
    all = quiet ? everything.filter((f) => f.severity === 'error') : everything;
  }
  // What this report learnt of fix all on the file, for the files linked to it (their findings it may clear).
  if (clearing && result.isClientConfig) {
    clearing.noteReport(input, { safe: everything.some((f) => f.safelyFixable), unsafe: everything.some((f) => f.fixable), kept: keeping ? kept.get('all') : undefined });
  }
  // A finding whose fix edits another file (a client grant's client) that a rerun clears all the same, by fixing
  // that file (its client gains client_credentials): "can be fixed", not "left" (cli/cleared-elsewhere.ts).
  const through = clearing && clearable && result.findings.some(mayClearThroughOther) ? clearing.clearedThrough(input, result, { unsafe: countUnsafe }) : undefined;
  const throughOf = through && throughByShown(everything, all, through);
  const bySafe = clearable && (throughOf ? clearable.bySafe.map((cleared, i) => cleared || throughOf[i]?.run === 'safe') : clearable.bySafe);
  const byUnsafe = clearable && (throughOf ? clearable.byUnsafe.map((cleared, i) => cleared || throughOf[i] !== undefined) : clearable.byUnsafe);
  const findings = bySafe ? all.map((f, i) => (f.safelyFixable === bySafe[i] ? f : { ...f, safelyFixable: bySafe[i]! })) : all;
  const unsafelyFixable = bySafe && byUnsafe ? findings.filter((f, i) => (f.severity === 'error' || f.severity === 'warning') && byUnsafe[i] && !bySafe[i]).length : 0;
  // Errors and warnings no --fix run clears (no fix, a fix held, a fix for the editor or another file): the summary
  // after --fix counts them.
  const leftFor = (severity: string) => findings.filter((f, i) => f.severity === severity && !(bySafe?.[i] ?? false) && !(byUnsafe?.[i] ?? false)).length;
  const notCleared = { errors: leftFor('error'), warnings: leftFor('warning') };
  // Errors and warnings whose fix edits another file and that no --fix run counted here clears by fixing that file
  // (--quiet: errors only, as listed); those one clears are counted with what it fixes.
  const fixableElsewhere = result.findings.filter((f, i) => (f.severity === 'error' || (f.severity === 'warning' && !quiet)) && fixElsewhere(f) !== undefined && through?.[i] === undefined).length;
  // --quiet lists errors only, no notes (stderr still has them, so the summary counts the unchecked grants).
  const noteSpans = fileNoteSpans(input, result, named);
  const notes = quiet ? [] : fileNotes(file, input.text, result, noteSpans, (path) => shownPath(path, cwd));
  // Client grants left unchecked are counted in the summary too: a note on stderr alone passes unseen in a CI log.
  const grantsNotChecked = noteSpans.filter((note) => note.grantNotChecked).length;
  const credentialsNotLinked = noteSpans.filter((note) => note.credentialsNotLinked).length;
  // So are the clients a value not known here keeps from being judged in full (their notes may be several each).
  const clientsNotJudged = [...new Set(noteSpans.flatMap((note) => (note.clientNotJudged === undefined ? [] : [note.clientNotJudged])))];
  return {
    file,
    findings,
    clients: result.clients.length + result.grants.length + result.guests.length,
    // A deploy directory's tenant.json holds the tenant's flags, read for its clients: no file missing its clients.
    ...(input.links?.kind === 'deploy-directory' && basename(input.path) === 'tenant.json' ? { tenantSettings: true } : {}),
    unsafelyFixable,
    ...(fixableElsewhere > 0 ? { fixableElsewhere } : {}),
    ...(notes.length > 0 ? { notes } : {}),
    ...(grantsNotChecked > 0 ? { grantsNotChecked } : {}),
    ...(credentialsNotLinked > 0 ? { credentialsNotLinked } : {}),
    ...(clientsNotJudged.length > 0 ? { clientsNotJudged } : {}),
    notCleared,
    ...(hiddenWarnings > 0 ? { hiddenWarnings } : {}),
  };
}

/**
 * Why `--fix --unsafe-fixes` left each client's unsafe fixes in the file's final text (`input`, linted as `result`),
 * by client name: a client grant they would break in a dependent file (`keptFixAll`, when the file has dependents)
 * or in this file, or the rule they would raise on the client (fix all's holds, engine/fix/fix-all.ts). Fix all is
 * run again only when a finding left has an unsafe fix fix all would take.
 */
function heldUnsafeFixes(input: LintInput, result: LintResult, keptFixAll: ((input: LintInput) => KeptFixAllResult) | undefined): Map<string, UnsafeFixHeld> {
  const left = result.findings.some(takesUnsafeFix);
  if (!left) return new Map();
  return heldOf(keptFixAll ? keptFixAll(input) : fixAll({ ...input, fixChecks: 'all' }, { unsafe: true }), input.path);
}

/**
 * The clients whose unsafe fixes a run of fix all (`fixed`, on the file at `path`) held, by name, with why: the
 * dependent file whose client grant they would break first, then those fix all held within the file.
 */
function heldOf(fixed: FixAllResult & { readonly heldFor?: KeptFixAllResult['heldFor'] }, path: string): Map<string, UnsafeFixHeld> {
  const held = new Map<string, UnsafeFixHeld>();
  for (const [name, { path: file, lostFix }] of fixed.heldFor ?? []) held.set(name, { file, ...(lostFix ? { lostFix } : {}) });
  for (const [name, why] of fixed.heldInFile) if (!held.has(name)) held.set(name, why.onClientGrant ? { file: path, ...(why.lostFix ? { lostFix: why.lostFix } : {}) } : { raises: why.ruleId });
  return held;
}

/** What fixInPlace did; `held`: with unsafe fixes, the clients whose unsafe fixes it held, by name (heldOf). */
type FixOutcome = (
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'written'; readonly text: string; readonly result: LintResult }
  | { readonly kind: 'failed'; readonly reason: string }
) & { readonly held?: ReadonlyMap<string, UnsafeFixHeld>; readonly fixedResult?: LintResult };

/** Why a file could not be read, in words for a one-line message ("not a regular file (a FIFO)", "EACCES"). */
function readFailure(error: unknown): string {
  return error instanceof NotRegularFileError ? error.message : ((error as NodeJS.ErrnoException).code ?? 'error');
}

/**
 * How `--fix --unsafe-fixes` fixes a file that other files depend on (unsafe-elsewhere.ts), for the summary's count
 * of what it would fix; undefined for a file nothing depends on (fix all alone, judged by fixable.ts's plan).
 */
function unsafeFixAllFor(path: string, graph: ProjectGraph, settingsFor: (path: string) => FileSettings | undefined): ((input: LintInput) => KeptFixAllResult) | undefined {
  if (graph.dependentsOf(path).length === 0) return undefined;
  return (input) => fixAllKeepingDependents(input, graph, settingsFor);
}

/**
 * Applies fix all (engine/fix/fix-all.ts) to one file's text and writes the result to `real`, its real path (a
 * fix replaces the file a link points to, never the link). Nothing is written when the fixes change nothing;
 * `failed` gives the reason, in words, when the file is left as it was (it changed meanwhile, is read-only, is
 * not valid UTF-8, or the write failed). A written file's new text is noted in `graph`, so its siblings' links read it.
 */
function fixInPlace(input: LintInput, real: string, validUtf8: boolean, unsafe: boolean, graph: ProjectGraph, target: FixTarget, settingsOf: (path: string) => FileSettings | undefined): FixOutcome {
  // Every fix is checked here (the lint may have checked only enough of them to count). Unsafe fixes must not
  // break what other files of the project hold either (a client grant of the client: unsafe-elsewhere.ts).
  const checked: LintInput = { ...input, fixChecks: 'all' };
  const fixed = unsafe ? fixAllKeepingDependents(checked, graph, settingsOf) : fixAll(checked);
  // With unsafe fixes, what was held and what fix all left: --diff says which findings its diff leaves out.
  const heldNow = unsafe ? { held: heldOf(fixed, input.path), fixedResult: fixed.result } : {};
  if (fixed.text === input.text) return { kind: 'unchanged', ...heldNow };
  try {
    // Writing back text decoded with replacement characters would change the invalid bytes too.
    if (!validUtf8) throw new NotUtf8Error();
    target.write(real, fixed.text, input.text);
    // Its siblings are linked to what it holds now.
    graph.noteText(input.path, fixed.text, parseOfFixed(input, fixed));
    return { kind: 'written', text: fixed.text, result: fixed.result, ...heldNow };
  } catch (error) {
    const reason =
      error instanceof FileChangedError
        ? 'it changed while being fixed'
        : error instanceof ReadOnlyError
          ? 'it is read-only (no write permission)'
          : error instanceof NotUtf8Error
            ? 'it is not valid UTF-8'
            : `${(error as NodeJS.ErrnoException).code ?? 'write error'}`;
    return { kind: 'failed', reason, ...heldNow };
  }
}

/** How many times the files depending on fixed files are linted (and fixed) again at most; one round is usual. */
const MAX_RELINT_ROUNDS = 10;

interface RelintContext {
  readonly graph: ProjectGraph;
  readonly reported: ReadonlyMap<string, ReportedFile>;
  /** Replaced in place: a file linted again keeps its place in the report. */
  readonly reports: FileReport[];
  readonly options: Options;
  readonly cwd: string;
  /** Where fixes go; a file it holds a fixed text for is read from it, not from disk (--diff). */
  readonly fixTarget: FixTarget;
  /** Each file's lines about findings whose fix edits another file (elsewhereFixLines), replaced as it is linted again. */
  readonly elsewhereNotes: Map<string, string>;
  /** With --diff --unsafe-fixes: each file's lines about findings held out of the diff (heldFixLines), and its text as read. */
  readonly diffHeld: { readonly notes: Map<string, string>; readonly originals: ReadonlyMap<string, OriginalLint> } | undefined;
  /** A file's settings (undefined: ignored by the config). */
  readonly settingsFor: (path: string) => FileSettings | undefined;
  /** Findings that fix all on another file of the run clears (cli/cleared-elsewhere.ts). */
  readonly clearing: ClearedElsewhere;
  /** Files whose fixes could not be written, added to as the rounds go. */
  readonly unwritable: Set<string>;
}

/**
 * After --fix: files are linted in order, so a fix can change the findings of a file reported before it (a client
 * given client_credentials clears its grant's finding in another file; a credentials resource's method changes its
 * client's findings). Every reported file that depends on a fixed file (the project graph's reverse index), and
 * each fixed file itself (its own fixes were checked against the links of its old text), is read from disk and
 * linted again, and fixed again with --fix, round after round while fixes change files. So the report, the exit
 * code and every format describe the files as they are on disk after the run, and a second --fix changes nothing.
 * Returns the files these rounds changed (for the summary), with stderr lines and whether a file could not be
 * read or written.
 */
function relintDependents(fixedFiles: readonly string[], context: RelintContext): { stderr: string; ioProblem: boolean; fixedFiles: readonly string[] } {
  const { graph, reported, reports, options, cwd, fixTarget, elsewhereNotes, diffHeld, settingsFor, clearing, unwritable } = context;
  let stderr = '';
  let ioProblem = false;
  const fixedAgain: string[] = [];
  let pending = fixedFiles;
  for (let round = 0; round < MAX_RELINT_ROUNDS && pending.length > 0; round++) {
    // Dependence is followed through: a client grant depends on its client's file, which depends on the file of
    // the client's credentials resource, so a fixed method changes the grant's findings too.
    const affected = new Set<string>(pending);
    const queue = [...pending];
    for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
      for (const dependent of graph.dependentsOf(path)) {
        if (affected.has(dependent)) continue;
        affected.add(dependent);
        queue.push(dependent);
      }
    }
    const next: string[] = [];
    const inReportOrder = [...affected].filter((path) => reported.has(path)).sort((a, b) => reported.get(a)!.at - reported.get(b)!.at);
    for (const path of inReportOrder) {
      const { real, settings, format, at } = reported.get(path)!;
      let read: ReadFile;
      try {
        read = readClientFile(real, { maxFileSize: options.maxFileSize });
      } catch (error) {
        const reason = readFailure(error);
        stderr += `grantlint: cannot read '${shownPath(path, cwd)}' (${reason})\n`;
        ioProblem = true;
        continue;
      }
      const stored = fixTarget.stored(real);
      if (stored !== undefined) read = { ...read, text: stored };
      const input = lintInputFor(path, read, format, settings, graph, graph.linksFor(path).links);
      let result = lintText(input);
      let text = read.text;
      if (result.isClientConfig) {
        const before = result;
        const fixed = fixInPlace(input, real, read.validUtf8, options.unsafeFixes, graph, fixTarget, settingsFor);
        const original = diffHeld?.originals.get(path);
        if (diffHeld && original) diffHeld.notes.set(path, heldFixLines(path, original, before, fixed, cwd));
        if (fixed.kind === 'failed') {
          stderr += `grantlint: ${options.diff ? 'would not fix' : 'did not fix'} '${shownPath(path, cwd)}': ${fixed.reason}\n`;
          unwritable.add(path);
          ioProblem = true;
        } else if (fixed.kind === 'written') {
          next.push(path);
          fixedAgain.push(path);
          result = fixed.result;
          text = fixed.text;
        }
      }
      if (!options.diff) reports[at] = fileReport(shownPath(path, cwd), { ...input, text }, result, options, cwd, () => unsafeFixAllFor(path, graph, settingsFor), clearing);
      if (result.isClientConfig) elsewhereNotes.set(path, elsewhereFixLines(path, { ...input, text }, result, cwd, clearing, options.unsafeFixes));
    }
    pending = next;
  }
  return { stderr, ioProblem, fixedFiles: fixedAgain };
}

/**
 * What the CLI lints a file read from disk with: its links (the caller takes them, with or without the problems of
 * reading siblings), the graph's parse of the same text reused, and fixes checked only as far as the report needs
 * (whether each finding is fixable, safely or not); --fix and --diff check every fix.
 */
function lintInputFor(path: string, read: ReadFile, format: Format, settings: FileSettings, graph: ProjectGraph, links: LintInput['links']): LintInput {
  return {
    path,
    text: read.text,
    format,
    settings,
    maxFileSize: read.maxFileSize,
    tooLarge: read.tooLarge,
    byteOrderMark: read.byteOrderMark,
    links,
    parsed: graph.parsedOf(path),
    fixChecks: 'enough-to-count',
  };
}

/** The findings a report would list for a file (--quiet: errors only), without counting what fixes clear. */
function fileReportFindings(file: string, input: LintInput, result: LintResult, quiet: boolean): readonly CliFinding[] {
  const all = toCliFindings(file, input.text, result);
  return quiet ? all.filter((f) => f.severity === 'error') : all;
}

/** A finding's identity across a fix run: its file, rule and client (its place moves as fixes edit the file). */
function findingKey(file: string, finding: CliFinding): string {
  return `${file}\u0000${finding.ruleId}\u0000${finding.client ?? ''}`;
}

function countFindings(counts: Map<string, number>, findings: readonly CliFinding[]): void {
  for (const finding of findings) {
    const key = findingKey(finding.file, finding);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
}

/**
 * How many findings of the files as they were before --fix are gone from its final reports, matched by file, rule
 * and client: one edit may clear several (a repeated grant's copies, a client grant's warnings once its client
 * has client_credentials), and a finding a fix raised (a hint) is not counted as cleared.
 */
function problemsCleared(before: ReadonlyMap<string, number>, reports: readonly FileReport[]): number {
  const after = new Map<string, number>();
  for (const report of reports) countFindings(after, report.findings);
  let cleared = 0;
  for (const [key, count] of before) cleared += Math.max(0, count - (after.get(key) ?? 0));
  return cleared;
}

/** The diff of what the run's fixes stored for the file at `real` (shown as `path`); empty when none. */
function diffOf(path: string, target: MemoryFixTarget, real: string): string {
  const before = target.first(real);
  const after = target.stored(real);
  return before === undefined || after === undefined || before === after ? '' : unifiedDiff(path, before, after);
}

/**
 * A unified diff of one file, `a/` and `b/` before its path as git writes them, three lines of context. A file
 * outside the working directory is shown by its absolute path, without its leading `/` (`a/srv/infra/main.tf`,
 * not `a//srv/...`), so that `patch -p1` run in `/` applies it.
 */
function unifiedDiff(shown: string, before: string, after: string): string {
  const path = shown.replace(/^\/+/, '');
  const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 });
  // The library starts with a line of '=' (a separator for several files in one patch); git's format has none.
  const body = patch.replace(/^=+\r?\n/, '');
  // A name with a space ends at a tab, as diff -u writes it (a timestamp would follow), so that patch reads the
  // whole name (git apply reads it either way).
  if (!/\s/.test(path)) return body;
  const [from, to, ...rest] = body.split('\n');
  return [`${from}\t`, `${to}\t`, ...rest].join('\n');
}

/**
 * Runs the CLI on `process.argv`, writes its output as it is rendered and sets `process.exitCode`; never rejects.
 * The process ends once stdout has taken the last byte. A reader that closes the pipe early (`| head`) ends the
 * writing quietly with the run's exit code; any other write error is one line and exit 2. Called by
 * `bin/grantlint` (an installed package runs the bundle through that file, so the bundle is not the main module
 * there) and when the bundle itself is run with `node dist/cli.js`.
 */
export async function main(): Promise<void> {
  tuneCompilerForOneRun();
  try {
    const outcome = await run(process.argv.slice(2));
    const written = await writeChunks(outcome.stdout, process.stdout);
    process.stderr.write(outcome.stderr);
    if (written.kind === 'failed') process.stderr.write(`grantlint: cannot write the output (${written.code})\n`);
    process.exitCode = written.kind === 'failed' ? 2 : outcome.exitCode;
  } catch (error) {
    process.stderr.write(failureLines(error).map((line) => `grantlint: ${line}\n`).join(''));
    process.exitCode = 2;
  }
}

/**
 * What a run that threw says on stderr: every problem of a broken config file, one line each with the file's path
 * as the CLI shows every path (from the working directory); else one line.
 */
function failureLines(error: unknown): string[] {
  if (error instanceof ConfigError) {
    const shown = shownPath(error.file, process.cwd());
    return error.issues.map((issue) => `${shown}: ${issueText(issue)}`);
  }
  // A usage error may name several problems (every bad --rule), one a line; anything else says its first line.
  if (error instanceof UsageError) return error.message.split('\n');
  return [`internal error: ${(error as Error)?.message ?? String(error)}`.split('\n')[0]!];
}

if (require.main === module) void main();
