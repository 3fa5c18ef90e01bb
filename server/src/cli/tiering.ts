import { setFlagsFromString } from 'node:v8';

/**
 * The interrupt budget the CLI gives V8 (bytecode units a function runs between two looks at whether to optimize
 * it; V8 11.3's default is 132 KB). A lint run is short: most of its functions run a few thousand times and the
 * process ends, so optimizing them as early as a long-running program would costs more compiler time (on V8's
 * background threads, CPU the run pays for) than the optimized code saves. Measured on the bench's data
 * (`npm run bench`, CPU of the whole process): a directory tenant of 10,000 files 1.9 s → 1.4 s, a Terraform
 * module of 3,000 clients 2.9 s → 2.5 s, a 10,000-client tenant.yaml and 100,000 repeated grants unchanged.
 * The language server keeps V8's default: it runs for hours and its edits want optimized code early.
 */
const CLI_INTERRUPT_BUDGET = 300_000;

/**
 * The V8 flag that sets the interrupt budget for a V8 version string (`process.versions.v8`, e.g.
 * `11.3.244.8-node.38`), or undefined for a version it was not measured on: V8 prints an error line on stderr for
 * a flag it does not know, and a CLI's stderr is part of its output.
 */
export function interruptBudgetFlag(v8Version: string): string | undefined {
  const major = Number(v8Version.split('.')[0]);
  return major >= 10 && major <= 13 ? `--interrupt-budget=${CLI_INTERRUPT_BUDGET}` : undefined;
}

/** Sets the CLI's interrupt budget (see CLI_INTERRUPT_BUDGET) for the rest of this process; call before linting. */
export function tuneCompilerForOneRun(): void {
  const flag = interruptBudgetFlag(process.versions.v8);
  if (flag) setFlagsFromString(flag);
}
