/**
 * Findings of one file that fix all on another file of the run clears. A client grant in `grants/*.json` or in
 * `grants.tf` that fails for want of `client_credentials` has no fix of its own in its file: its quick fix edits its
 * client's file, which `--fix` never applies. Yet a rerun fixes the client's file too, and that file's own fixes may
 * give the client `client_credentials` (an unsafe `m2m-without-client-credentials`, with `--fix --unsafe-fixes`), so
 * the grant's finding goes. The summary's "left that --fix does not clear", its "can be fixed" counts and the
 * "--fix leaves it" notes must say so. Files are reported in path order (a module's grants.tf before its main.tf),
 * so the other file's fix all is run on demand, once per text of it and kind of run, not taken from its report.
 */
import { formatOf, lintText, type LintInput, type LintResult } from '../engine/lint';
import { editTarget } from '../engine/fix/semantic';
import { fixAll } from '../engine/fix/fix-all';
import { isLinkedOffset, linkedSpan } from '../engine/links';
import type { ParsedFile } from '../engine/model';
import type { Finding } from '../engine/rules/api';
import type { FileSettings } from '../engine/settings';
import type { ProjectGraph } from '../workspace/project-graph';
import { clearedAgainst, leftCounts } from './fixable';
import { fixElsewhere } from './notes';
import { toCliFindings } from './report';
import { fixAllKeepingDependents, parseOfFixed, type DependentsLeft, type KeptFixAllResult } from './unsafe-elsewhere';

/** Which run clears a finding through another file: `--fix` (safe fixes), or only `--fix --unsafe-fixes`. */
export type ClearingRun = 'safe' | 'unsafe';

/** A finding that fix all on another file clears: the file, and the least run that does. */
export interface ClearedThrough {
  readonly path: string;
  readonly run: ClearingRun;
}

/** What fix all on a file gave, for the text it started from. */
interface FixedOther {
  readonly text: string;
  /** Undefined: fix all changed nothing. */
  readonly fixed: { readonly text: string; readonly parsed: ParsedFile | undefined } | undefined;
  /** Its dependents as fix all with unsafe fixes linted them against the fixed text (not linted again here). */
  readonly dependents?: DependentsLeft;
}

/**
 * Works out, per run of the CLI, which findings of a file fix all on another file of the run clears (its client's
 * file, or the file a rule's preferred fix edits), with safe fixes and with unsafe ones. Only findings whose fix edits
 * another file are looked at (cli/notes.ts fixElsewhere): the others' files are not linked to a fix, and a file of
 * none costs nothing (a directory tenant whose grants are all fine runs no fix all for them).
 */
export class ClearedElsewhere {
  /** Fix all on a file, by path and kind of run, for the text it ran on. */
  private readonly fixedOthers = new Map<string, FixedOther>();

  /**
   * `settingsFor`: a file's settings (undefined: ignored by the config); `fixedByRun`: whether `--fix` fixes the file
   * (a file the run was not asked to lint is never fixed by it, so it clears nothing).
   */
  constructor(
    private readonly graph: ProjectGraph,
    private readonly settingsFor: (path: string) => FileSettings | undefined,
    private readonly fixedByRun: (path: string) => boolean,
  ) {}

  /**
   * What a file's report learnt of fix all on it (`input`, its text as the graph holds it), so that a file linked to
   * it asks for no run of its own: with no safe fix (`safe`) or no fix at all (`unsafe`) among its findings, fix all
   * of that kind changes nothing; `kept`, fix all with unsafe fixes as its report ran it (cli/unsafe-elsewhere.ts),
   * with the dependents it linted against the fixed text. A deploy directory's client files are reported before its
   * grant files, so those take this; a module's grants.tf, reported before main.tf, runs fix all on main.tf itself.
   */
  noteReport(input: LintInput, { safe, unsafe, kept }: { readonly safe: boolean; readonly unsafe: boolean; readonly kept: KeptFixAllResult | undefined }): void {
    if (!safe) this.fixedOthers.set(`safe\0${input.path}`, { text: input.text, fixed: undefined });
    if (!unsafe) this.fixedOthers.set(`unsafe\0${input.path}`, { text: input.text, fixed: undefined });
    else if (kept) this.fixedOthers.set(`unsafe\0${input.path}`, this.fixedOther(input, kept));
  }

  /** What fix all (`fixed`, run on `input`) gave, as kept. */
  private fixedOther(input: LintInput, fixed: KeptFixAllResult | ReturnType<typeof fixAll>): FixedOther {
    if (fixed.text === input.text) return { text: input.text, fixed: undefined };
    const dependents = 'dependentsAfter' in fixed ? fixed.dependentsAfter : undefined;
    // The fixed parse is kept only where the dependents must be linted here: thousands of clients' parses, kept
    // until their grant files are reported, cost more than the rare parse again.
    return { text: input.text, fixed: { text: fixed.text, parsed: dependents ? undefined : parseOfFixed(input, fixed) }, ...(dependents ? { dependents } : {}) };
  }

  /**
   * For each finding of `result` (the lint of `input`, the file's text as the graph holds it), the other file whose
   * fix all clears it and the least run that does, or undefined. `unsafe: false` looks at safe fixes only.
   */
  clearedThrough(input: LintInput, result: LintResult, { unsafe }: { readonly unsafe: boolean }): (ClearedThrough | undefined)[] {
    const through: (ClearedThrough | undefined)[] = result.findings.map(() => undefined);
    const others = new Map<string, number[]>();
    result.findings.forEach((finding, i) => {
      if (finding.severity !== 'error' && finding.severity !== 'warning') return;
      const other = otherFileOf(finding, input.links);
      if (other === undefined || other === input.path || !this.fixedByRun(other)) return;
      others.set(other, [...(others.get(other) ?? []), i]);
    });
    if (others.size === 0) return through;
    // Made only when some fix all changes another file (where none does, the usual case, it costs nothing).
    let all: ReturnType<typeof toCliFindings> | undefined;
    for (const [other, indexes] of others) {
      for (const run of unsafe ? (['safe', 'unsafe'] as const) : (['safe'] as const)) {
        const left = this.leftAfterFixOf(other, run, input);
        if (!left) continue;
        const cleared = clearedAgainst((all ??= toCliFindings(input.path, input.text, result)), run === 'unsafe', left);
        for (const i of indexes) if (cleared[i] && !through[i]) through[i] = { path: other, run };
      }
    }
    return through;
  }

  /**
   * The errors and warnings of `input` (counted as cli/fixable.ts counts them) once fix all of the kind `run` has
   * fixed `other`, or undefined when that fix all changes nothing. The graph is left holding `other`'s text as it was.
   */
  private leftAfterFixOf(other: string, run: ClearingRun, input: LintInput): Map<string, number> | undefined {
    const text = this.graph.textOf(other);
    const settings = this.settingsFor(other);
    const format = formatOf(other);
    if (text === undefined || settings === undefined || format === undefined) return undefined;
    const key = `${run}\0${other}`;
    let done = this.fixedOthers.get(key);
    if (done?.text !== text) {
      const parsed = this.graph.parsedOf(other);
      const otherInput: LintInput = { path: other, text, format, settings, links: this.graph.linksFor(other).links, ...(parsed ? { parsed } : {}), fixChecks: 'all' };
      done = this.fixedOther(otherInput, run === 'unsafe' ? fixAllKeepingDependents(otherInput, this.graph, this.settingsFor) : fixAll(otherInput));
      this.fixedOthers.set(key, done);
    }
    if (!done.fixed) return undefined;
    const linted = done.dependents?.get(input.path);
    if (linted?.text === input.text) return linted.left;
    const held = this.graph.parsedOf(other);
    const before = held?.text === text ? held.file : undefined;
    this.graph.noteText(other, done.fixed.text, done.fixed.parsed);
    try {
      const after = lintText({ ...input, links: this.graph.linksFor(input.path).links, fixChecks: 'enough-to-count' });
      return leftCounts(input.path, input.text, after);
    } finally {
      this.graph.noteText(other, text, before);
    }
  }
}

/**
 * The other file a finding's fix edits (cli/notes.ts fixElsewhere: a client grant's client file, a Terraform
 * client's credentials file), or, for a finding with no fix at all, the other file its first related value is in
 * (RelatedInfo.elsewhere)
 * (a client grant whose client's `client_credentials` is misspelt: the client's fix of the spelling clears it);
 * undefined when neither.
 */
function otherFileOf(finding: Finding, links: LintInput['links']): string | undefined {
  const fix = fixElsewhere(finding);
  const edit = fix?.edits.map(editTarget).find((node) => isLinkedOffset(node.start));
  if (edit) return linkedSpan(links, edit)?.file.path;
  if (fix || finding.fixes.length > 0) return undefined;
  return finding.related.find((r) => r.elsewhere !== undefined)?.elsewhere?.path;
}

/**
 * Whether a finding may be cleared by fix all on another file (otherFileOf: its fix edits one, or it has no fix and
 * a related value in one): the CLI asks clearedThrough only for files holding such a finding.
 */
export function mayClearThroughOther(finding: Finding): boolean {
  return fixElsewhere(finding) !== undefined || (finding.fixes.length === 0 && finding.related.some((r) => r.elsewhere !== undefined));
}
