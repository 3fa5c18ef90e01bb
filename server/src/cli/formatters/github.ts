import { resolve } from 'node:path';
import type { FileReport } from '../report';
import { fromRepositoryRoot, repositoryRoot } from '../repository-root';

const COMMAND = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' } as const;

/**
 * GitHub Actions workflow commands: one annotation per finding, and a `notice` per note (titled `grantlint`, no
 * rule), one line each, yielded a line at a time. Run from a subfolder of a git repository (`cwd`), a file inside it
 * is named from the repository's root, where the runner looks for an annotation's file; anywhere else, as shown.
 */
export function* githubChunks(reports: readonly FileReport[], cwd?: string): Generator<string> {
  const root = cwd === undefined ? undefined : repositoryRoot(cwd);
  const named = root === undefined || root === resolve(cwd!) ? (file: string) => file : (file: string) => fromRepositoryRoot(root, cwd!, file) ?? file;
  for (const report of reports) {
    for (const f of report.findings) {
      const props = `file=${escapeProperty(named(f.file))},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=${escapeProperty(`grantlint(${f.ruleId})`)}`;
      yield `::${COMMAND[f.severity]} ${props}::${escapeData(f.message)}\n`;
    }
    for (const n of report.notes ?? []) {
      yield `::notice file=${escapeProperty(named(n.file))},line=${n.line},col=${n.column},endLine=${n.endLine},endColumn=${n.endColumn},title=grantlint::${escapeData(n.message)}\n`;
    }
  }
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
