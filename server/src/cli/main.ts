/**
 * `grantlint [paths or globs...]`: lints Auth0 client configs. Exit 0 clean, 1 errors (or too many warnings),
 * 2 usage, config or I/O problems, always with a one-line message and never a stack trace.
 */
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { relative, sep } from 'node:path';
import packageJson from '../../../package.json';
import { ConfigError, ConfigFinder, expandTargets, NotRegularFileError, readClientFile, realPathOf, resolveFileSettings, UsageError, type ReadFile } from '../workspace/index';
import { fixAll } from '../engine/fix/fix-all';
import { formatOf, lintText } from '../engine/lint';
import { ruleById } from '../engine/rules/index';
import type { SeveritySetting } from '../engine/rules/api';
import { FileChangedError, ReadOnlyError, writeFileAtomically } from './files';
import { githubChunks } from './formatters/github';
import { jsonChunks } from './formatters/json';
import { sarifChunks } from './formatters/sarif';
import { stylishChunks } from './formatters/stylish';
import { writeChunks } from './formatters/write';
import type { FileReport } from './report';
import { toCliFindings, totals } from './report';
import { loadHclParser } from '../workspace/tree-sitter';
import { diskProjectFiles } from '../workspace/disk-project-files';
import { ProjectGraph } from '../workspace/project-graph';

const HELP = `Usage: grantlint [options] [paths or globs...]

Checks Auth0 client configs (auth0-deploy-cli tenant.yaml, clients/*.json and grants/*.json,
Management API payloads, Terraform *.tf and *.tf.json) for invalid grant_types combinations
and client grants. Folders are walked; with no paths, the current folder is. A file is checked
with its Terraform module or deploy-cli directory (tenant.json, clients/, grants/) read for
links; only the files asked for are reported.

Options:
  --format <name>        stylish (default), json, sarif or github
  --fix                  apply safe fixes in place: the first safe fix of every finding, repeated
                         until nothing changes. Safe fixes never grant a client anything new
  --unsafe-fixes         with --fix or --diff: also apply the preferred fix of every error and
                         warning when it is unsafe (adds grants, changes settings)
  --diff                 print the unified diff --fix would write (with --unsafe-fixes if given),
                         write nothing; exit 1 when the diff is not empty
  --max-warnings <n>     exit 1 when there are more than n warnings
  --rule <id:severity>   set a rule's severity (off, hint, information, warning, error); repeatable
  --config <path>        use this config file instead of finding .grantlintrc.json files
  --max-file-size <n>    skip files larger than n bytes with one file-too-large warning
                         (default: no limit)
  --no-error-on-unmatched-pattern
                         skip a path or glob with no JSON, YAML or Terraform file to lint
                         instead of failing with exit 2
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
  readonly unsafeFixes: boolean;
  readonly diff: boolean;
  readonly maxWarnings: number | undefined;
  readonly rules: ReadonlyMap<string, SeveritySetting>;
  readonly configPath: string | undefined;
  readonly maxFileSize: number;
  readonly quiet: boolean;
  readonly color: boolean;
  readonly errorOnUnmatchedPattern: boolean;
  readonly targets: readonly string[];
}

type Parsed = { kind: 'run'; options: Options } | { kind: 'print'; text: string };

function parseOptions(argv: readonly string[]): Parsed {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
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
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings needs a whole number, got '${values['max-warnings']}'`);
  }
  // No limit by default: in CI a file left unchecked is worse than a slow check.
  let maxFileSize = Number.POSITIVE_INFINITY;
  if (values['max-file-size'] !== undefined) {
    maxFileSize = Number(values['max-file-size']);
    if (!/^\d+$/.test(values['max-file-size']) || !Number.isSafeInteger(maxFileSize) || maxFileSize < 1) {
      throw new UsageError(`--max-file-size needs a whole number of bytes, at least 1, got '${values['max-file-size']}'`);
    }
  }
  const ruleEntries: Record<string, string> = {};
  for (const spec of values.rule ?? []) {
    const at = spec.lastIndexOf(':');
    if (at <= 0) throw new UsageError(`--rule needs id:severity, got '${spec}'`);
    const id = spec.slice(0, at);
    if (!ruleById(id)) throw new UsageError(`unknown rule id '${id}' in --rule`);
    ruleEntries[id] = spec.slice(at + 1);
  }
  for (const [id, setting] of Object.entries(ruleEntries)) {
    if (!SEVERITY_SETTINGS.includes(setting)) throw new UsageError(`--rule ${id}:${setting}: the severity must be one of ${SEVERITY_SETTINGS.join(', ')}`);
  }
  const rules = new Map(Object.entries(ruleEntries) as [string, SeveritySetting][]);
  const wantsColor = values.color ?? (process.stdout.isTTY === true && !process.env['NO_COLOR']);
  return {
    kind: 'run',
    options: {
      format,
      fix: values.fix ?? false,
      unsafeFixes: values['unsafe-fixes'] ?? false,
      diff: values.diff ?? false,
      maxWarnings,
      rules,
      configPath: values.config,
      maxFileSize,
      quiet: values.quiet ?? false,
      color: wantsColor && !values['no-color'],
      errorOnUnmatchedPattern: !values['no-error-on-unmatched-pattern'],
      targets: positionals.length > 0 ? positionals : ['.'],
    },
  };
}

/**
 * A path as the report shows it: relative to `cwd` with `/` separators, or absolute when outside `cwd`. Both are
 * absolute, normalised paths (resolved by the walk): a file below `cwd` is its tail, without `path.relative`'s
 * work per file.
 */
function shownPath(file: string, cwd: string): string {
  const prefix = cwd.endsWith(sep) ? cwd : cwd + sep;
  if (file.startsWith(prefix) && sep === '/') return file.slice(prefix.length);
  const rel = relative(cwd, file);
  return (rel.startsWith('..') ? file : rel).split(sep).join('/');
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
  let stderr = '';
  const parsed = parseOptions(argv);
  if (parsed.kind === 'print') return { stdout: [parsed.text], stderr: '', exitCode: 0 };
  const options = parsed.options;
  const finder = new ConfigFinder(options.configPath);
  // A broken --config fails the run before any file is walked.
  if (options.configPath !== undefined) finder.config(cwd);
  const { files, realPaths, problems, unmatched, skipped } = expandTargets(options.targets, cwd);
  // Nothing checked is not a pass: a path with nothing to lint fails the run before anything is linted.
  if (unmatched.length > 0 && options.errorOnUnmatchedPattern) {
    return { stdout: [], stderr: unmatched.map((line) => `grantlint: ${line}\n`).join(''), exitCode: 2 };
  }
  let ioProblem = problems.length > 0;
  // Terraform HCL is read with tree-sitter's WebAssembly, loaded only when a Terraform file is to be linted (a
  // .tf.json file's module may hold .tf files, read for links).
  if (files.some((file) => /\.tf(\.json)?$/i.test(file))) {
    try {
      await loadHclParser();
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  problems.forEach((p) => (stderr += `grantlint: ${p}\n`));
  skipped.forEach((s) => (stderr += `grantlint: skipped '${shownPath(s.path, cwd)}': not a regular file (${s.kind})\n`));

  const reports: FileReport[] = [];
  let diff = '';
  let checked = 0;
  // Linking: a file's module or tenant siblings are read for links, but only the files asked for are reported.
  const askedFor = new Set(files);
  const graph = new ProjectGraph(diskProjectFiles(options.maxFileSize), { isReported: (path) => askedFor.has(path) });
  // A file reached twice (through a link inside the walked tree) is linted, and fixed, once.
  const seen = new Set<string>();
  for (const file of files) {
    const settings = resolveFileSettings(finder.config(file), file, { rules: options.rules });
    if (!settings) continue;
    const format = formatOf(file);
    if (!format) throw new UsageError(`'${shownPath(file, cwd)}' is not a JSON, YAML or Terraform file`);
    // Read and written at its real path: a fix replaces the file a link points to, never the link itself.
    const real = realPaths.get(file) ?? realPathOf(file) ?? file;
    if (seen.has(real)) continue;
    seen.add(real);
    let text: string;
    let read: ReadFile;
    try {
      read = readClientFile(real, { maxFileSize: options.maxFileSize });
      text = read.text;
    } catch (error) {
      const reason = error instanceof NotRegularFileError ? error.message : (error as NodeJS.ErrnoException).code ?? 'error';
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
    const input = {
      path: file,
      text,
      format,
      settings,
      maxFileSize: read.maxFileSize,
      tooLarge: read.tooLarge,
      links: project.links,
      // The graph read this file for its module's links: its parse is reused when the text is the same.
      parsed: graph.parsedOf(file),
      // The report says only whether each finding is fixable (safely or not); --fix and --diff check every fix.
      fixChecks: 'enough-to-count' as const,
    };
    let result = lintText(input);
    // Read and parsed once: a grant file's links take this client file from here.
    if (!read.tooLarge) graph.adopt(file, text, result.parsed);
    let finalText = text;
    if (options.diff) {
      // What --fix would write, as a diff; nothing is written.
      if (!result.isClientConfig) continue;
      const fixed = fixAll({ ...input, fixChecks: 'all' }, { unsafe: options.unsafeFixes });
      if (fixed.text === text) continue;
      if (!read.validUtf8) {
        stderr += `grantlint: would not fix '${shownPath(file, cwd)}': it is not valid UTF-8\n`;
        ioProblem = true;
        continue;
      }
      diff += unifiedDiff(shownPath(file, cwd), text, fixed.text);
      continue;
    }
    if (options.fix && result.isClientConfig) {
      const fixed = fixAll({ ...input, fixChecks: 'all' }, { unsafe: options.unsafeFixes });
      if (fixed.text !== text) {
        try {
          // Writing back text decoded with replacement characters would change the invalid bytes too.
          if (!read.validUtf8) throw new NotUtf8Error();
          if (realPathOf(real) !== real) throw new FileChangedError(real);
          writeFileAtomically(real, fixed.text, text);
          // Its siblings are linked to what it holds now.
          graph.noteText(file, fixed.text);
          result = fixed.result;
          finalText = fixed.text;
        } catch (error) {
          const reason =
            error instanceof FileChangedError
              ? 'it changed while being fixed'
              : error instanceof ReadOnlyError
                ? 'it is read-only (no write permission)'
                : error instanceof NotUtf8Error
                  ? 'it is not valid UTF-8'
                  : `${(error as NodeJS.ErrnoException).code ?? 'write error'}`;
          stderr += `grantlint: did not fix '${shownPath(file, cwd)}': ${reason}\n`;
          ioProblem = true;
        }
      }
    }
    const findings = toCliFindings(shownPath(file, cwd), finalText, result).filter((f) => !options.quiet || f.severity === 'error');
    reports.push({ file: shownPath(file, cwd), findings, clients: result.clients.length + result.grants.length + result.guests.length });
  }

  if (checked === 0 && !ioProblem) stderr += `grantlint: no files were linted\n`;
  if (options.diff) return { stdout: [diff], stderr, exitCode: ioProblem ? 2 : diff.length > 0 ? 1 : 0 };
  const stdout =
    options.format === 'json'
      ? jsonChunks(reports)
      : options.format === 'sarif'
        ? sarifChunks(reports, packageJson.version)
        : options.format === 'github'
          ? githubChunks(reports)
          : stylishChunks(reports, checked, options.color);
  const t = totals(reports);
  const tooManyWarnings = options.maxWarnings !== undefined && t.warning > options.maxWarnings;
  if (tooManyWarnings) stderr += `grantlint: ${t.warning} warning${t.warning === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings}\n`;
  const exitCode = ioProblem ? 2 : t.error > 0 || tooManyWarnings ? 1 : 0;
  return { stdout, stderr, exitCode };
}

class NotUtf8Error extends Error {}

/** A unified diff of one file, `a/` and `b/` before its path as git writes them, three lines of context. */
function unifiedDiff(path: string, before: string, after: string): string {
  const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 });
  // The library starts with a line of '=' (a separator for several files in one patch); git's format has none.
  return patch.replace(/^=+\r?\n/, '');
}

/**
 * Runs the CLI on `process.argv`, writes its output as it is rendered and sets `process.exitCode`; never rejects.
 * The process ends once stdout has taken the last byte. A reader that closes the pipe early (`| head`) ends the
 * writing quietly with the run's exit code; any other write error is one line and exit 2. Called by
 * `bin/grantlint` (an installed package runs the bundle through that file, so the bundle is not the main module
 * there) and when the bundle itself is run with `node dist/cli.js`.
 */
export async function main(): Promise<void> {
  try {
    const outcome = await run(process.argv.slice(2));
    const written = await writeChunks(outcome.stdout, process.stdout);
    process.stderr.write(outcome.stderr);
    if (written.kind === 'failed') process.stderr.write(`grantlint: cannot write the output (${written.code})\n`);
    process.exitCode = written.kind === 'failed' ? 2 : outcome.exitCode;
  } catch (error) {
    const known = error instanceof UsageError || error instanceof ConfigError;
    const message = known ? error.message : `internal error: ${(error as Error)?.message ?? String(error)}`;
    process.stderr.write(`grantlint: ${message.split('\n')[0]}\n`);
    process.exitCode = 2;
  }
}

if (require.main === module) void main();
