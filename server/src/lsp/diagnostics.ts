/** Service reports to LSP diagnostics. */
import { pathToUri } from './uri';
import type { Diagnostic, DiagnosticSeverity as Severity } from 'vscode-languageserver/node';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver/node';
import type { Severity as EngineSeverity } from '../engine/index';
import type { ConfigProblem } from '../service/config-errors';
import type { FindingReport, RenderedCommentFix, RenderedFix } from '../service/findings';
import type { DisableTarget } from '../service/suppress';
import type { RangeEdit } from '../service/types';
import type { NoteReport } from './lint-worker';

export const SOURCE = 'grantlint';
const CONFIG_ERROR_CODE = 'config-error';

/** What a diagnostic carries for code actions, so they never lint again. */
export interface DiagnosticData {
  /** The document version the edits were made for (null: a closed file). */
  readonly version: number | null;
  readonly fixes: readonly RenderedFix[];
  /** The comments that silence the rule for the finding's client or client grant (`disableTarget`). */
  readonly disable?: readonly RangeEdit[];
  readonly disableTarget?: DisableTarget;
  /** unused-suppression: the comment's rule id removed or corrected. */
  readonly commentFixes?: readonly RenderedCommentFix[];
  readonly docsUrl: string;
}

const SEVERITY: Record<EngineSeverity, Severity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(uri: string, report: FindingReport, version: number | null): Diagnostic {
  const data: DiagnosticData = {
    version,
    fixes: report.fixes,
    docsUrl: report.docsUrl,
    ...(report.disable ? { disable: report.disable, disableTarget: report.disableTarget } : {}),
    ...(report.commentFixes ? { commentFixes: report.commentFixes } : {}),
  };
  const diagnostic: Diagnostic = {
    range: report.range,
    severity: SEVERITY[report.severity],
    source: SOURCE,
    code: report.ruleId,
    codeDescription: { href: report.docsUrl },
    message: report.message,
    data,
  };
  if (report.deprecated) diagnostic.tags = [DiagnosticTag.Deprecated];
  if (report.related.length > 0) {
    diagnostic.relatedInformation = report.related.map((r) => ({ location: { uri: r.path === undefined ? uri : pathToUri(r.path), range: r.range }, message: r.message }));
  }
  return diagnostic;
}

/**
 * A note (lint-worker.ts NoteReport: a value not known here, a link that cannot be made) as an information
 * diagnostic without a rule id, as the CLI lists it without one: no rule found anything, and no comment or setting
 * turns it off, but what it says is not judged must not pass unseen. `uri`: the note's document, for a related
 * place in it.
 */
export function noteDiagnostic(uri: string, note: NoteReport): Diagnostic {
  const diagnostic: Diagnostic = { range: note.range, severity: DiagnosticSeverity.Information, source: SOURCE, message: note.message };
  // The place a did-you-mean note suggests, for the editor to jump to.
  if (note.related && note.related.length > 0) diagnostic.relatedInformation = note.related.map((r) => ({ location: { uri: r.path === undefined ? uri : pathToUri(r.path), range: r.range }, message: r.message }));
  return diagnostic;
}

export function configDiagnostic(problem: ConfigProblem): Diagnostic {
  return {
    range: problem.range,
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    code: CONFIG_ERROR_CODE,
    // A did-you-mean ends with its question mark; no full stop after it.
    message: `Invalid grantlint config: ${problem.message}${problem.message.endsWith('?') ? '' : '.'} Files under it are checked with the default settings.`,
  };
}

export function readDiagnosticData(value: unknown): DiagnosticData | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const data = value as Partial<DiagnosticData>;
  if (!Array.isArray(data.fixes) || typeof data.docsUrl !== 'string' || !(typeof data.version === 'number' || data.version === null)) return undefined;
  if (data.disable !== undefined && !Array.isArray(data.disable)) return undefined;
  if (data.commentFixes !== undefined && !Array.isArray(data.commentFixes)) return undefined;
  if (data.disableTarget !== undefined && data.disableTarget !== 'client' && data.disableTarget !== 'client grant') return undefined;
  return data as DiagnosticData;
}
