import { ALL_RULES } from '../../engine/rules/index';
import { docsUrl } from '../../engine/rules/api';
import type { Severity } from '../../engine/rules/api';
import type { CliFinding, CliNote, CliRelated, FileReport } from '../report';
import { allFindings } from '../report';
import { batchesOf, jsonWithArrayItems } from './json-stream';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/**
 * SARIF 2.1.0 for GitHub code scanning, indented by 2, yielded a batch of results at a time: the log with its
 * rules is rendered once, and each finding's result object is made only as its batch is written. Notes, which
 * are no rule's finding, are the run's invocation's `toolExecutionNotifications` (SARIF §3.20.21), level `note`,
 * with their location; a run without notes has no `invocations`. A finding's related places are its result's
 * `relatedLocations` (SARIF §3.27.22), numbered from 1, each with its message; the result's message is left as the
 * other formats give it (no embedded links).
 */
export function* sarifChunks(reports: readonly FileReport[], version: string): Generator<string> {
  const ruleIndex = new Map(ALL_RULES.map((rule, index) => [rule.id, index]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'grantlint',
            version,
            informationUri: 'https://github.com/grantlint/grantlint',
            rules: ALL_RULES.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.summary },
              helpUri: docsUrl(rule.id),
              help: { text: `${rule.summary} See ${docsUrl(rule.id)}` },
              defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
            })),
          },
        },
        ...invocations(reports),
        results: [],
      },
    ],
  };
  yield* jsonWithArrayItems(sarif, 'results', batchesOf(allFindings(reports), (finding) => result(finding, ruleIndex)));
  yield '\n';
}

function invocations(reports: readonly FileReport[]): { invocations?: object[] } {
  const notes = reports.flatMap((report) => report.notes ?? []);
  if (notes.length === 0) return {};
  return { invocations: [{ executionSuccessful: true, toolExecutionNotifications: notes.map(notification) }] };
}

function notification(n: CliNote): object {
  return {
    level: 'note',
    message: { text: n.message },
    locations: [location(n)],
    ...(n.client !== null ? { properties: { client: n.client } } : {}),
  };
}

function location(f: CliFinding | CliNote | CliRelated): { physicalLocation: object } {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(f.file) },
      region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
    },
  };
}

/** A related place as a SARIF location: its `id` (unique in its result, §3.28.2), its place, then its message. */
function relatedLocation(r: CliRelated, i: number): object {
  return { id: i + 1, ...location(r), message: { text: r.message } };
}

function result(f: CliFinding, ruleIndex: ReadonlyMap<string, number>): object {
  return {
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId) ?? 0,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(f)],
    ...(f.related.length > 0 ? { relatedLocations: f.related.map(relatedLocation) } : {}),
    // The client's name, for reviewers of a tenant with many clients (a property bag, SARIF §3.8).
    ...(f.client !== null ? { properties: { client: f.client } } : {}),
  };
}
