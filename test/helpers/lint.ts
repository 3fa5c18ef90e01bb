/** Small helpers shared by engine tests. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex, lintText, type LintFinding, type LintResult } from '../../server/src/engine/index';
import { EditRenderer, applyTextEdits } from '../../server/src/engine/fix/render';
import type { Fix } from '../../server/src/engine/fix/semantic';
import type { FileSettings } from '../../server/src/engine/settings';
import { diskProjectFiles } from '../../server/src/workspace/disk-project-files';
import { ProjectGraph } from '../../server/src/workspace/project-graph';

export function lint(path: string, text: string, settings?: FileSettings): LintResult {
  return lintText({ path, text, ...(settings ? { settings } : {}) });
}

/**
 * Lints a file on disk with its project's links (workspace/project-graph.ts): a Terraform module's other files, a
 * deploy-cli directory's tenant.json and clients. `text` may differ from the file on disk (a CRLF copy, a fix).
 */
export function lintInProject(path: string, text: string, settings?: FileSettings): LintResult {
  const graph = new ProjectGraph(diskProjectFiles(), { isReported: () => true });
  return lintText({ path, text, links: graph.linksFor(path).links, ...(settings ? { settings } : {}) });
}

/** `line:col-endLine:endCol severity rule-id` with 1-based positions. */
export function describeFinding(text: string, finding: LintFinding): string {
  const index = new LineIndex(text);
  const start = index.positionAt(finding.span.start);
  const end = index.positionAt(finding.span.end);
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${finding.severity} ${finding.ruleId}`;
}

export function ruleIds(result: LintResult): string[] {
  return result.findings.map((f) => f.ruleId);
}

export function applyFix(text: string, result: LintResult, fix: Fix): string {
  return applyTextEdits(text, new EditRenderer(text, result.format).render(fix.edits));
}

export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** The YAML and JSON(C) files under `dir`, outside node_modules and .git, in listing order. */
export function configFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === '.git' ? [] : configFiles(path);
    return /\.(ya?ml|jsonc?)$/.test(name) ? [path] : [];
  });
}
